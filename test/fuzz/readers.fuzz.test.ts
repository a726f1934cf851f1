import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../src/core/detect/dialect';
import { readCsv } from '../../src/core/read/csv-read';
import { readJson } from '../../src/core/read/json-read';
import { readNdjson } from '../../src/core/read/ndjson-read';
import { guardXlsx } from '../../src/core/read/xlsx-guard';
import { readXlsx } from '../../src/core/read/xlsx-read';
import { readXml } from '../../src/core/read/xml-read';
import { inlineCell, lieAboutSize, makeXlsx, rowsSheetXml, sheetXml } from '../support/make-xlsx';
import {
  expectContract,
  int,
  MINUTES,
  mutate,
  openAsApp,
  pick,
  randomBytes,
  rng,
  SEED,
  type Outcome,
} from './fuzz-support';

/**
 * Hostile and broken input for every reader (docs/limits.md): random bytes, byte mutations and
 * truncations of valid files, and pathological shapes. Every input must end in a result or a
 * typed PorterError within a time bound scaled to its size. Seeded: the seed is printed, and
 * `FUZZ_SEED=<n> npx vitest run test/fuzz` replays a run; `npm run fuzz -- --minutes N` runs
 * longer with a fresh seed (nightly).
 */
console.log(`fuzz: FUZZ_SEED=${SEED}${MINUTES > 0 ? ` FUZZ_MINUTES=${MINUTES}` : ''}`);

const enc = (s: string): Uint8Array => strToU8(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

const CSV =
  'id,name,email,amount,joined\n1,"Lovelace, Ada",ada@example.com,"1,234.50",2024-01-05\n2,Grace,"g@x.io",7,05/01/2024\n3,"multi\nline","q""uote",,\n';
const CSV_SEMI = 'id;name;amount\n1;Müller;1.234,56\n2;"Schmidt; Hans";99,00\n';
const TSV = 'id\tname\tnote\n1\tAda\t"tab\tinside"\n2\tGrace\t\n';
const PIPE = "id|name\n1|'quoted|pipe'\n2|x\n";
const JSON_DOC =
  '{"contacts":[{"id":1,"name":"Ada","address":{"city":"Oslo","zip":"0150"},"tags":["a","b"]},{"id":2,"name":"Grace","n":12345678901234567890}]}';
const NDJSON = '{"id":1,"name":"Ada"}\n{"id":2,"name":"Grace","x":{"y":null}}\n{"id":3}\n';
const XML =
  '<?xml version="1.0"?><contacts><contact id="1"><name>Ada &amp; Co</name><address><city>Oslo</city></address></contact><contact id="2"><name><![CDATA[Grace <x>]]></name><phone type="w">1</phone><phone>2</phone></contact></contacts>';
const XLSX = makeXlsx(
  rowsSheetXml([
    ['id', 'name', 'note'],
    ['1', 'Ada', 'x & <y>'],
    ['2', 'Grace', ''],
  ]),
);
// A sheet as streaming writers write it: no `r` on cells or rows, a `<dimension>` with no `ref`:
// the guard adds them on the way to the library (xlsx-guard). Stored uncompressed, so that some
// mutations of the zip land in the XML; the sheet's own mutations are fuzzed below as well.
const SHEET_NO_REFS = sheetXml(
  '<row><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>note</t></is></c></row>' +
    '<row><c><v>1</v></c><c t="inlineStr"><is><t>Ada</t></is></c><c/></row><row/>' +
    "<row><c><v>3</v></c><c s='0'/><c r=\"D4\" t=\"e\"><v>#N/A</v></c></row>",
).replace('<sheetData>', '<dimension/><sheetData>');
const XLSX_NO_REFS = makeXlsx(SHEET_NO_REFS, {}, 0);

const SEEDS: readonly { name: string; bytes: Uint8Array }[] = [
  { name: 'contacts.csv', bytes: enc(CSV) },
  { name: 'semicolon.csv', bytes: enc(CSV_SEMI) },
  { name: 'tabs.tsv', bytes: enc(TSV) },
  { name: 'pipes.csv', bytes: enc(PIPE) },
  { name: 'contacts.json', bytes: enc(JSON_DOC) },
  { name: 'contacts.ndjson', bytes: enc(NDJSON) },
  // A committed snapshot's rows layout (read by the same line reader, `rows`).
  { name: 'contacts.rows.ndjson', bytes: enc('["id","name","email"]\n["1","Ada","ada@example.com"]\n["2","Grace",null]\n["3","\\u00e9 \\"q\\"",""]\n') },
  { name: 'contacts.xml', bytes: enc(XML) },
  { name: 'contacts.xlsx', bytes: XLSX },
  { name: 'no-refs.xlsx', bytes: XLSX_NO_REFS },
];

const DIALECTS: readonly CsvDialect[] = [',', ';', '\t', '|'].flatMap((delimiter) =>
  (['"', "'"] as const).map((quoteChar) => ({
    delimiter,
    quoteChar,
    newline: '\n' as const,
    header: 'first-row' as const,
    skipLines: 0,
    decimalSeparator: '.' as const,
    dateOrder: 'unknown' as const,
  })),
);

/** Every reader directly, for the format the bytes were made as (the app path is tried too). */
async function readDirect(name: string, bytes: Uint8Array, salt: number): Promise<unknown> {
  if (name.endsWith('.xlsx')) return readXlsx(bytes, {});
  const text = dec(bytes);
  if (name.endsWith('.json')) return readJson(text, {});
  if (name.endsWith('.rows.ndjson')) return readNdjson(text, {}, 'rows');
  if (name.endsWith('.ndjson')) return readNdjson(text);
  if (name.endsWith('.xml')) return readXml(text, {});
  return readCsv(text, DIALECTS[salt % DIALECTS.length] as CsvDialect);
}

/** Fixed counts for `npm test` (a few seconds); the nightly run loops until its minutes end. */
const MUTATIONS_PER_SEED = 150;
const RANDOM_INPUTS = 150;

describe(`fuzz (FUZZ_SEED=${SEED})`, () => {
  it(
    'mutations and truncations of valid files end in a result or a typed error',
    async () => {
      const outcomes = new Map<string, number>();
      const deadline = Date.now() + MINUTES * 60_000;
      let round = 0;
      do {
        for (const [s, seed] of SEEDS.entries()) {
          const r = rng(1000 * round + s);
          for (let i = 0; i < MUTATIONS_PER_SEED; i++) {
            const bytes = mutate(r, seed.bytes);
            const label = `round ${round} ${seed.name} mutation ${i}`;
            const app: Outcome = await expectContract(`${label} (app)`, bytes.length, () =>
              openAsApp(bytes, seed.name),
            );
            await expectContract(`${label} (reader)`, bytes.length, () =>
              readDirect(seed.name, bytes, i),
            );
            const key = app.ok ? 'ok' : app.code;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          }
        }
        round++;
      } while (Date.now() < deadline);
      // The mutations must reach both ends: files that still read, and refusals.
      expect(outcomes.get('ok') ?? 0).toBeGreaterThan(0);
      expect([...outcomes.keys()].filter((k) => k !== 'ok').length).toBeGreaterThan(2);
    },
    600_000 + MINUTES * 60_000,
  );

  it('mutations of a sheet without cell references, zipped whole, end in a result or a typed error', async () => {
    const r = rng(11);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const bytes = makeXlsx(dec(mutate(r, enc(SHEET_NO_REFS))));
      const outcome = await expectContract(`no-refs sheet mutation ${i}`, bytes.length, () => readXlsx(bytes, {}));
      const key = outcome.ok ? 'ok' : outcome.code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    // Both ends are reached: mutations that still read (28 of 300 with the default seed), and
    // mutations refused as damaged.
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(10);
    expect(outcomes.get('xlsx-invalid') ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('random bytes under every file name end in a result or a typed error', async () => {
    const r = rng(7);
    const names = ['x.csv', 'x.json', 'x.ndjson', 'x.xml', 'x.xlsx', 'x.txt', 'x.xls'];
    const refused = new Set<string>();
    for (let i = 0; i < RANDOM_INPUTS; i++) {
      const bytes = randomBytes(r, 4096);
      const name = pick(r, names);
      const app = await expectContract(`random ${i} as ${name}`, bytes.length, () =>
        openAsApp(bytes, name),
      );
      // A random body behind a real zip header and an XML declaration reaches deeper code.
      const zipish = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]);
      const zip = await expectContract(`random ${i} zip`, zipish.length, () =>
        readXlsx(zipish, {}),
      );
      const xml = await expectContract(`random ${i} xml`, bytes.length, () =>
        readXml(`<?xml version="1.0"?><r>${dec(bytes)}`, {}),
      );
      for (const o of [app, zip, xml]) if (!o.ok) refused.add(o.code);
      // Random bytes are never a workbook.
      expect(zip.ok).toBe(false);
    }
    expect(refused.has('xlsx-invalid')).toBe(true);
    expect(refused.has('xml-syntax')).toBe(true);
  }, 600_000);

  it('truncations of an .xlsx at every 97th byte end in a result or a typed error', async () => {
    for (let n = 0; n < XLSX.length; n += 97) {
      const cut = XLSX.subarray(0, n);
      // The central directory is at the end: a cut workbook is always refused, never half-read.
      expect(await expectContract(`xlsx cut at ${n}`, n, () => readXlsx(cut, {}))).toEqual({
        ok: false,
        code: 'xlsx-invalid',
      });
    }
  }, 120_000);
});

/** Pathological shapes from the attack report: each ends fast in a result or a typed refusal. */
describe('pathological shapes', () => {
  const rssCeiling = 2.5 * 1024 ** 3;
  const shapes: { name: string; file: string; make: () => Uint8Array; expect: string }[] = [
    {
      name: 'a 60 KB run of spaces inside a CSV row',
      file: 'spaces.csv',
      make: () => enc(`h;x\n1${' '.repeat(60_000)}1;2\n`),
      expect: 'ok',
    },
    {
      name: 'a 4 MB line with no delimiter',
      file: 'line.csv',
      make: () => enc(`h\n${'a'.repeat(4_000_000)}\n`),
      expect: 'ok',
    },
    {
      name: 'a CSV header of 20,000 columns',
      file: 'wide.csv',
      make: () => enc(`${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n1\n`),
      expect: 'too-many-columns',
    },
    {
      name: 'one JSON record with 100,000 keys',
      file: 'wide.json',
      make: () => enc(`[{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',')}}]`),
      expect: 'too-many-fields',
    },
    {
      name: '30,000 JSON records each adding a key',
      file: 'sparse.json',
      make: () => enc(`[${Array.from({ length: 30_000 }, (_, i) => `{"k${i}":1}`).join(',')}]`),
      expect: 'too-many-fields',
    },
    {
      name: 'JSON objects nested 100,000 deep',
      file: 'deep.json',
      make: () => enc(`[${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]`),
      expect: 'json-too-deep',
    },
    {
      name: 'XML nested 12,000 deep',
      file: 'deep.xml',
      make: () => enc(`${'<a>'.repeat(12_000)}${'</a>'.repeat(12_000)}`),
      expect: 'xml-too-deep',
    },
    {
      name: 'an XML element with 10,000 attributes',
      file: 'attrs.xml',
      make: () =>
        enc(
          `<r><c ${Array.from({ length: 10_000 }, (_, i) => `a${i}="${i}"`).join(' ')}/><c/></r>`,
        ),
      expect: 'ok',
    },
    {
      name: 'billion laughs',
      file: 'lol.xml',
      make: () =>
        enc('<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r><c>&b;</c></r>'),
      expect: 'xml-doctype',
    },
    {
      name: 'an .xlsx cell at XFD100000 (1.5 KB)',
      file: 'far.xlsx',
      make: () =>
        makeXlsx(
          sheetXml(
            `<row r="1">${inlineCell('A1', 'id')}</row><row r="2"><c r="A2"><v>1</v></c></row><row r="100000"><c r="XFD100000"><v>1</v></c></row>`,
          ),
        ),
      expect: 'xlsx-sheet-too-large',
    },
    {
      name: 'an .xlsx cell at ZZZZZZ1',
      file: 'zz.xlsx',
      make: () =>
        makeXlsx(sheetXml(`<row r="1">${inlineCell('A1', 'id')}<c r="ZZZZZZ1"><v>1</v></c></row>`)),
      expect: 'xlsx-cell-out-of-range',
    },
    {
      // Each `<c/>` grows to `<c r="ALL400"/>` on its way to the library: linear, within budget.
      name: 'an .xlsx of 400,000 empty cells without r (1.6 MB of XML in 4 KB)',
      file: 'no-refs.xlsx',
      make: () => makeXlsx(sheetXml(`<row>${inlineCell('A1', 'id')}</row>${`<row>${'<c/>'.repeat(1000)}</row>`.repeat(400)}`)),
      expect: 'ok',
    },
    {
      name: 'an .xlsx with a 5 MB shared string',
      file: 'long.xlsx',
      make: () => {
        const text = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'x'.repeat(5 * 1024 * 1024)}</t></si></sst>`;
        return makeXlsx(
          sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`),
          { 'xl/sharedStrings.xml': text },
          1,
        );
      },
      expect: 'xlsx-text-too-long',
    },
  ];

  it.each(shapes)(
    '$name → $expect',
    async ({ name, file, make, expect: expected }) => {
      const bytes = make();
      const outcome = await expectContract(name, bytes.length, () => openAsApp(bytes, file));
      expect(outcome.ok ? 'ok' : outcome.code).toBe(expected);
      expect(process.memoryUsage().rss).toBeLessThan(rssCeiling);
    },
    120_000,
  );
});

describe('zip bombs', () => {
  // The app's caps are 256 MiB a part: building a bomb past them costs a minute of this run's
  // budget, so the default run checks the same code with small caps, and the nightly run
  // (FUZZ_MINUTES) also feeds a 300 MB bomb through the app.
  it('a part inflating past its cap stops at the cap, whatever the directory claims', async () => {
    const r = rng(5);
    for (let i = 0; i < 4; i++) {
      const size = (8 + int(r, 8)) * 1024 * 1024;
      const honest = makeXlsx(
        rowsSheetXml([['id'], ['1']]),
        { 'xl/sharedStrings.xml': new Uint8Array(size).fill(0x20) },
        1,
      );
      const bytes = lieAboutSize(honest, 'xl/sharedStrings.xml', int(r, 5000));
      const outcome = await expectContract(`bomb ${i}`, bytes.length, () =>
        guardXlsx(
          bytes,
          (s) => s[0],
          async () => {},
          {
            partBytes: 4 * 1024 * 1024,
            totalBytes: 64 * 1024 * 1024,
            gridCells: 1e6,
            columns: 100,
          },
        ),
      );
      expect(outcome).toEqual({ ok: false, code: 'xlsx-part-too-large' });
    }
  }, 120_000);

  it.runIf(MINUTES > 0)(
    'a 300 MB bomb through the app is refused at the default cap',
    async () => {
      const text = new Uint8Array(300 * 1024 * 1024).fill(0x20);
      const bytes = lieAboutSize(
        makeXlsx(rowsSheetXml([['id'], ['1']]), { 'xl/sharedStrings.xml': text }, 1),
        'xl/sharedStrings.xml',
        1000,
      );
      const outcome = await expectContract('300 MB bomb', 300 * 1024 * 1024, () =>
        openAsApp(bytes, 'bomb.xlsx'),
      );
      expect(outcome).toEqual({ ok: false, code: 'xlsx-part-too-large' });
    },
    600_000,
  );
});

describe('random shapes of CSV', () => {
  it('random tables of quotes, delimiters and line breaks read or refuse, in every dialect', async () => {
    const r = rng(99);
    const alphabet = [
      'a',
      'b',
      '"',
      "'",
      ',',
      ';',
      '\t',
      '|',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '1',
      '.',
      '€',
      '\u00a0',
      '@',
    ];
    let read = 0;
    for (let i = 0; i < 150; i++) {
      const text = Array.from({ length: int(r, 400) }, () => pick(r, alphabet)).join('');
      const bytes = enc(text);
      await expectContract(`csv shape ${i}`, bytes.length, () => openAsApp(bytes, 'shape.csv'));
      const direct = await expectContract(`csv shape ${i} dialect`, bytes.length, () =>
        readCsv(text, DIALECTS[i % DIALECTS.length] as CsvDialect),
      );
      if (direct.ok) read++;
    }
    // CSV reads almost anything (problems become issues, not refusals).
    expect(read).toBeGreaterThan(100);
  }, 120_000);
});
