import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../src/core/detect/dialect';
import type { Cell } from '../../../src/core/model/cell';
import { tableFromRows, tableToRows, type Table } from '../../../src/core/model/table';
import { readCsv } from '../../../src/core/read/csv-read';
import { readJson } from '../../../src/core/read/json-read';
import { readNdjson } from '../../../src/core/read/ndjson-read';
import { readXml } from '../../../src/core/read/xml-read';
import { serializeCsv } from '../../../src/core/write/csv-write';
import { serializeJson, serializeNdjson } from '../../../src/core/write/json-write';
import { DEFAULT_XML_WRITE, type CsvWriteOptions } from '../../../src/core/write/write-types';
import { serializeXml } from '../../../src/core/write/xml-write';
import { propertyConfig } from '../../support/seeded';

// Properties `read(write(d)) ≡ d` for every writer against our own reader of that format.
//
// Intended asymmetries, each handled below where it applies:
// - CSV cannot say "missing": null writes as an empty field, so CSV datasets hold no null.
// - CSV headers that are empty or whitespace-only are renamed `column_N` by the reader
//   (headers.ts), so CSV column names are never blank.
// - JSON / NDJSON / XML write null by omitting the key or element, and a column none of whose
//   cells is present is not in the file at all: the reader cannot know it. Missing stays null.
// - JSON / NDJSON / XML nest dotted columns (`a.x`, `b`, `a.y` → `{a:{x,y},b}`) and XML writes
//   `@attribute` columns before elements, and a reader adds columns in the order it first meets
//   them, so column ORDER may change: those formats are compared by column name. With plain
//   names and no null the order is kept, and that is checked separately.
// - An empty table: JSON writes `[]`, NDJSON nothing, so no columns come back; XML writes
//   `<records/>`, which has no record element, and readXml refuses it (`xml-no-records`).
// - XML 1.0 cannot hold C0 controls (but tab, LF, CR), U+FFFE or U+FFFF; the writer replaces
//   them with U+FFFD (xml-write.ts), so XML cells are generated without them.

const join = (chunks: Iterable<string>): string => [...chunks].join('');

const trickyName = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'a',
  'a.b',
  'a.b.c',
  'a.c',
  'b',
  '@id',
  'a.@t',
  '@',
  'a..b',
  '.a',
  'a.',
  'first name',
  ' x ',
  'x,y',
  'x;y',
  'x\ty',
  'x|y',
  'q"q',
  '"',
  "'",
  'a\r\nb',
  'a\nb',
  '0',
  '邮箱',
  'e😀',
  '_x0020_',
  'xml',
);
const nameUnit = fc.constantFrom('a', 'b', '.', '@', ' ', '_', 'x', '1', '"', ',', ';', '\n');
const anyName = fc.oneof(
  trickyName,
  fc.constant(''),
  fc.string({ unit: nameUnit, maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
/** CSV: the reader renames blank headers by design (`column_N`). */
const csvName = anyName.filter((n) => n.trim() !== '');

const cellUnit = fc.constantFrom(
  'a',
  ',',
  ';',
  '|',
  '\t',
  '"',
  "'",
  '\r',
  '\n',
  '\r\n',
  ' ',
  '=',
  '<',
  '&',
  '>',
  '😀',
  '名',
);
const text = fc.oneof(
  fc.constantFrom('', ' ', '  padded  ', '"a, b"\r\nc', '\r\n', ']]>', '00123', '-5'),
  fc.string({ unit: cellUnit, maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);
/* oxlint-disable no-control-regex -- the characters XML 1.0 cannot hold */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/* oxlint-enable no-control-regex */
const xmlText = text.filter((s) => !XML_INVALID.test(s));

interface Dataset {
  readonly columns: string[];
  readonly rows: Cell[][];
}

function dataset(
  name: fc.Arbitrary<string>,
  cell: fc.Arbitrary<Cell>,
  minRows = 0,
): fc.Arbitrary<Dataset> {
  return fc.uniqueArray(name, { minLength: 1, maxLength: 6 }).chain((columns) =>
    fc
      .array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), {
        minLength: minRows,
        maxLength: 6,
      })
      .map((rows) => ({ columns, rows })),
  );
}

const csvDataset = dataset(csvName, text);
/** One column, cells often empty or only line breaks: the records most like blank lines. */
const blankish = fc.oneof(fc.constantFrom('', '\n', '\r\n', '\r', '\n\n', '\r\r\n'), text);
const csvOneColumn = fc
  .tuple(csvName, fc.array(blankish, { maxLength: 6 }))
  .map(([name, cells]) => ({ columns: [name], rows: cells.map((c) => [c]) }));
const jsonDataset = dataset(anyName, fc.option(text, { nil: null }));
const xmlDataset = dataset(anyName, fc.option(xmlText, { nil: null }), 1);
/** Attribute columns (record and nested), several per row, cells rich in tab, CR and LF. */
const xmlAttributeDataset = dataset(
  fc.constantFrom('@a', '@b', 'a.@t', 'a.@u', 'a.b.@t', 'a.b', 'c'),
  fc.option(
    fc.oneof(fc.constantFrom('', '\t', '\r\n', ' \r ', '\n\t'), xmlText),
    { nil: null },
  ),
  1,
);

function csvDialectFor(opts: CsvWriteOptions): CsvDialect {
  return {
    delimiter: opts.delimiter,
    quoteChar: '"',
    newline: opts.newline,
    header: 'first-row',
    skipLines: 0,
    decimalSeparator: '.',
    dateOrder: 'unknown',
  };
}

/** A row as its present cells, by name, sorted: the comparison where column order may change. */
function entriesOf(columns: readonly string[], row: readonly Cell[]): [string, string][] {
  const out: [string, string][] = [];
  columns.forEach((name, i) => {
    const c = row[i];
    if (c !== null && c !== undefined) out.push([name, c]);
  });
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Written columns with at least one present cell, sorted: all a JSON/XML file can carry. */
function presentColumns(d: Dataset): string[] {
  return d.columns.filter((_, i) => d.rows.some((r) => r[i] !== null)).sort();
}

/** Compares as maps by column name: same rows, same present cells, no invented column. */
function expectSameByName(read: Table, d: Dataset): void {
  expect([...read.columns].sort()).toEqual(presentColumns(d));
  const rows = tableToRows(read);
  expect(rows).toHaveLength(d.rows.length);
  rows.forEach((row, r) => {
    expect(entriesOf(read.columns, row)).toEqual(entriesOf(d.columns, d.rows[r] ?? []));
  });
}

const csvOptions: fc.Arbitrary<CsvWriteOptions> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  quoting: fc.constantFrom('minimal' as const, 'all' as const),
  newline: fc.constantFrom('\r\n' as const, '\n' as const),
  bom: fc.constant(false),
  formulaGuard: fc.constant(false),
});

async function csvRoundTrip(d: Dataset, opts: CsvWriteOptions): Promise<Table> {
  const written = join(serializeCsv(tableFromRows(d.columns, d.rows), opts));
  const { table, issues } = await readCsv(written, csvDialectFor(opts));
  expect(issues).toEqual([]);
  return table;
}

describe('CSV: readCsv(serializeCsv(d)) ≡ d (formula guard off, matching dialect)', () => {
  it('gives the same columns, in order, and the same cells', async () => {
    await fc.assert(
      fc.asyncProperty(csvDataset, csvOptions, async (d, opts) => {
        const table = await csvRoundTrip(d, opts);
        expect(table.columns).toEqual(d.columns);
        expect(tableToRows(table)).toEqual(d.rows);
      }),
      propertyConfig({ numRuns: 600 }),
    );
  });

  it('keeps every row of a one-column table, empty and line-break-only cells included', async () => {
    await fc.assert(
      fc.asyncProperty(csvOneColumn, csvOptions, async (d, opts) => {
        const table = await csvRoundTrip(d, opts);
        expect(table.columns).toEqual(d.columns);
        expect(tableToRows(table)).toEqual(d.rows);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it.each<[string, CsvWriteOptions['quoting'], CsvWriteOptions['newline']]>([
    ['minimal, CRLF', 'minimal', '\r\n'],
    ['all, LF', 'all', '\n'],
  ])('keeps every hard case in one file (%s)', async (_label, quoting, newline) => {
    const d: Dataset = {
      columns: ['__proto__', 'constructor', 'a.b', 'x,y', 'q"q', ' sp '],
      rows: [
        ['"', ',', '\r\n', '\r', '\n', ' lead'],
        ['', '', '', '', '', ''],
        ['trail ', '😀名', 'a""b', '=1+2', '\t', '00123'],
      ],
    };
    const opts: CsvWriteOptions = {
      delimiter: ',',
      quoting,
      newline,
      bom: false,
      formulaGuard: false,
    };
    const table = await csvRoundTrip(d, opts);
    expect(table.columns).toEqual(d.columns);
    expect(tableToRows(table)).toEqual(d.rows);
  });

  it('keeps a row whose every cell is empty when there are several columns', async () => {
    const opts: CsvWriteOptions = {
      delimiter: ',',
      quoting: 'minimal',
      newline: '\n',
      bom: false,
      formulaGuard: false,
    };
    const table = await csvRoundTrip(
      {
        columns: ['a', 'b'],
        rows: [
          ['', ''],
          ['1', ''],
        ],
      },
      opts,
    );
    expect(tableToRows(table)).toEqual([
      ['', ''],
      ['1', ''],
    ]);
    expect([table.sourceRow(0), table.sourceRow(1)]).toEqual([2, 3]);
  });

  // Was a bug (csv-write.ts × csv-read.ts): in a one-column table, serializeCsv writes an empty
  // cell as the field `""` precisely so readers do not take the record for a blank line, but
  // readCsv skipped it as one, since PapaParse gives `['']` for both. Now readCsv looks at the
  // raw record. Minimal input: columns ['a'], rows [['']] → 'a\r\n""\r\n'.
  it('keeps an empty cell in a one-column table (written as `""`)', async () => {
    const opts: CsvWriteOptions = {
      delimiter: ',',
      quoting: 'minimal',
      newline: '\r\n',
      bom: false,
      formulaGuard: false,
    };
    const table = await csvRoundTrip({ columns: ['a'], rows: [['']] }, opts);
    expect(tableToRows(table)).toEqual([['']]);
  });

  // Was a bug (csv-read.ts `isBlank`): a one-column record whose quoted cell holds only line
  // breaks (`"\n"`, `"\r\n"`, `"\r"`) was counted as a blank line and dropped, PapaParse having
  // removed the quotes. Minimal input: columns ['a'], rows [['\n']], newline '\n' → 'a\n"\n"\n'.
  it.each<[string, CsvWriteOptions['newline']]>([
    ['\n', '\n'],
    ['\r\n', '\r\n'],
    ['\r', '\n'],
  ])('keeps a one-column cell of only line breaks (%j, newline %j)', async (value, newline) => {
    const opts: CsvWriteOptions = {
      delimiter: ',',
      quoting: 'minimal',
      newline,
      bom: false,
      formulaGuard: false,
    };
    const table = await csvRoundTrip({ columns: ['a'], rows: [[value]] }, opts);
    expect(tableToRows(table)).toEqual([[value]]);
  });
});

describe('JSON: readJson(serializeJson(d)) ≡ d', () => {
  it('gives the same present cells under the same names, pretty and compact', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonDataset,
        fc.constantFrom('pretty' as const, 'compact' as const),
        async (d, style) => {
          const written = join(serializeJson(tableFromRows(d.columns, d.rows), { style }));
          const { table, issues } = await readJson(written, {});
          expect(issues).toEqual([]);
          expectSameByName(table, d);
        },
      ),
      propertyConfig({ numRuns: 600 }),
    );
  });

  it('keeps a record whose every cell is missing, as a row of nulls', async () => {
    const written = join(
      serializeJson(
        tableFromRows(
          ['a', 'b.c'],
          [
            [null, null],
            ['1', ''],
          ],
        ),
        { style: 'compact' },
      ),
    );
    expect(written).toBe('[{},{"a":"1","b":{"c":""}}]\n');
    const { table } = await readJson(written, {});
    expect(table.columns).toEqual(['a', 'b.c']);
    expect(tableToRows(table)).toEqual([
      [null, null],
      ['1', ''],
    ]);
  });

  it('reads an empty table back as no rows and no columns', async () => {
    const { table } = await readJson(
      join(serializeJson(tableFromRows(['a'], []), { style: 'pretty' })),
      {},
    );
    expect([table.columns, table.rowCount]).toEqual([[], 0]);
  });
});

describe('NDJSON: readNdjson(serializeNdjson(d)) ≡ d', () => {
  it('gives the same present cells under the same names, one line per row', async () => {
    await fc.assert(
      fc.asyncProperty(jsonDataset, async (d) => {
        const written = join(serializeNdjson(tableFromRows(d.columns, d.rows)));
        const { table, issues } = await readNdjson(written);
        expect(issues).toEqual([]);
        expectSameByName(table, d);
        // The source row of a record is its line number.
        expect(Array.from({ length: table.rowCount }, (_, r) => table.sourceRow(r))).toEqual(
          d.rows.map((_, r) => r + 1),
        );
      }),
      propertyConfig({ numRuns: 600 }),
    );
  });
});

describe('XML: readXml(serializeXml(d)) ≡ d', () => {
  it('gives the same present cells under the same names', async () => {
    await fc.assert(
      fc.asyncProperty(xmlDataset, async (d) => {
        const written = join(serializeXml(tableFromRows(d.columns, d.rows), DEFAULT_XML_WRITE));
        const { table, issues } = await readXml(written, { recordPath: 'records/record' });
        expect(issues).toEqual([]);
        expectSameByName(table, d);
      }),
      propertyConfig({ numRuns: 600 }),
    );
  });

  it('writes @attributes first, so only the order of those columns changes', async () => {
    const d: Dataset = {
      columns: ['name', '@id', 'a.x', 'b', 'a.y'],
      rows: [['Ada', '7', '1', '2', '3']],
    };
    const written = join(serializeXml(tableFromRows(d.columns, d.rows), DEFAULT_XML_WRITE));
    const { table } = await readXml(written, {});
    expect(table.columns).toEqual(['@id', 'name', 'a.x', 'a.y', 'b']);
    expect(tableToRows(table)).toEqual([['7', 'Ada', '1', '3', '2']]);
  });

  it('keeps tab, CR and LF in attributes, on the record and nested', async () => {
    await fc.assert(
      fc.asyncProperty(xmlAttributeDataset, async (d) => {
        const written = join(serializeXml(tableFromRows(d.columns, d.rows), DEFAULT_XML_WRITE));
        const { table, issues } = await readXml(written, { recordPath: 'records/record' });
        expect(issues).toEqual([]);
        expectSameByName(table, d);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('keeps tab, CR and LF in element text', async () => {
    const d: Dataset = { columns: ['e'], rows: [['a\r\nb\tc\rd\ne']] };
    const written = join(serializeXml(tableFromRows(d.columns, d.rows), DEFAULT_XML_WRITE));
    const { table } = await readXml(written, { recordPath: 'records/record' });
    expect(tableToRows(table)).toEqual(d.rows);
  });

  // Was a bug (XML reader, attribute values): serializeXml writes tab, LF and CR in an attribute
  // as `&#9;`, `&#10;`, `&#13;`, which XML 1.0 §3.3.3 (https://www.w3.org/TR/xml/#AVNormalize)
  // says to keep as those characters, but readXml turned them into spaces, normalising after
  // decoding references. Minimal input: columns ['@a'], rows [['a\nb']] → `<record a="a&#10;b"/>`.
  it.each(['a\nb', 'a\r\nb', 'a\tb', 'a\rb'])('keeps %j in an attribute', async (value) => {
    const written = join(serializeXml(tableFromRows(['@a'], [[value]]), DEFAULT_XML_WRITE));
    const { table } = await readXml(written, { recordPath: 'records/record' });
    expect(tableToRows(table)).toEqual([[value]]);
  });

  // Was a bug (XML writer × reader): a nested attribute column whose element has no child
  // element in a row is written `<a t="1"/>`, and readXml read that element's (empty) text as an
  // extra column `a` = ''. An element with attributes and no text now has no text column
  // (xml-records.ts). Minimal input: columns ['a.@t'], rows [['1']] → `<record><a t="1"/></record>`.
  it(
    'reads a nested attribute on an otherwise empty element back as that column only',
    async () => {
      const written = join(serializeXml(tableFromRows(['a.@t'], [['1']]), DEFAULT_XML_WRITE));
      expect(written).toContain('<record><a t="1"/></record>');
      const { table } = await readXml(written, { recordPath: 'records/record' });
      expect(table.columns).toEqual(['a.@t']);
      expect(tableToRows(table)).toEqual([['1']]);
    },
  );

  it('reads a nested attribute beside a child element back exactly', async () => {
    const d: Dataset = {
      columns: ['a.@t', 'a.b'],
      rows: [
        ['1', 'x'],
        ['', ''],
      ],
    };
    const written = join(serializeXml(tableFromRows(d.columns, d.rows), DEFAULT_XML_WRITE));
    const { table } = await readXml(written, { recordPath: 'records/record' });
    expect(table.columns).toEqual(d.columns);
    expect(tableToRows(table)).toEqual(d.rows);
  });

  it('refuses the empty table it writes as `<records/>` (xml-no-records)', async () => {
    const written = join(serializeXml(tableFromRows(['a'], []), DEFAULT_XML_WRITE));
    await expect(readXml(written, {})).rejects.toMatchObject({ code: 'xml-no-records' });
  });
});

describe('column order is kept when nothing nests and nothing is missing', () => {
  const plainName = anyName.filter((n) => !n.includes('.') && !n.startsWith('@'));
  const plain = (cell: fc.Arbitrary<string>) => dataset(plainName, cell, 1);

  it('JSON and NDJSON', async () => {
    await fc.assert(
      fc.asyncProperty(plain(text), async (d) => {
        const tbl = tableFromRows(d.columns, d.rows);
        for (const { table } of [
          await readJson(join(serializeJson(tbl, { style: 'compact' })), {}),
          await readNdjson(join(serializeNdjson(tbl))),
        ]) {
          expect(table.columns).toEqual(d.columns);
          expect(tableToRows(table)).toEqual(d.rows);
        }
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('XML', async () => {
    await fc.assert(
      fc.asyncProperty(plain(xmlText), async (d) => {
        const written = join(serializeXml(tableFromRows(d.columns, d.rows), DEFAULT_XML_WRITE));
        const { table } = await readXml(written, { recordPath: 'records/record' });
        expect(table.columns).toEqual(d.columns);
        expect(tableToRows(table)).toEqual(d.rows);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});
