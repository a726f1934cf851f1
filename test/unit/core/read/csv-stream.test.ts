import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectDialect, dialectOf, type CsvDialect } from '../../../../src/core/detect/dialect';
import { decodeBytes, detectEncoding } from '../../../../src/core/detect/encoding';
import { SourceFile } from '../../../../src/core/engine/read-source';
import { tableToRows, type Table } from '../../../../src/core/model/table';
import { readCsv, readCsvBytes, type CsvReadTuning } from '../../../../src/core/read/csv-read';
import type { ReadResult } from '../../../../src/core/read/read-types';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/csv/', import.meta.url));

function listFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listFixtures(join(dir, e.name))
      : /\.(csv|tsv)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

const fixtures = listFixtures(FIXTURES).map((path) => relative(FIXTURES, path));

/** Everything a read says, in comparable form: rows with their source rows, issues and meta. */
function summary(r: ReadResult<object>) {
  const t: Table = r.table;
  const { bom: _bom, replacements: _replacements, ...meta } = r.meta as Record<string, unknown>;
  return {
    columns: t.columns,
    rows: tableToRows(t),
    sourceRows: Array.from({ length: t.rowCount }, (_, i) => t.sourceRow(i)),
    issues: r.issues,
    meta,
  };
}

/** The result, or the error's code: a file of no rows must fail the same way both ways. */
const settle = (p: Promise<ReadResult<object>>) =>
  p.then(summary, (err: unknown) => ({ threw: (err as { code?: string }).code ?? String(err) }));

function loadFixture(name: string) {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
  const encoding = detectEncoding(bytes).value;
  const decoded = decodeBytes(bytes, encoding);
  return { bytes, encoding, decoded, dialect: dialectOf(detectDialect(decoded.text)) };
}

// Slice sizes that cut multi-byte characters (UTF-8 up to 4 bytes, UTF-16 pairs), `\r\n`,
// doubled quotes and the title block at every possible place.
const SLICES = [1, 2, 3, 7, 64];
const VARIANTS: [string, Partial<CsvDialect>][] = [
  ['detected', {}],
  ['no header', { header: 'none' }],
  ['two title lines', { skipLines: 2 }],
];

describe('readCsvBytes ≡ readCsv on every fixture', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(fixtures)('%s', (name) => {
    it.each(VARIANTS)('%s, at every slice size', async (_label, override) => {
      const { bytes, encoding, decoded, dialect: detected } = loadFixture(name);
      const dialect = { ...detected, ...override };
      const expected = await settle(readCsv(decoded.text, dialect));
      for (const sliceSize of [...SLICES, bytes.length]) {
        const tuning: CsvReadTuning = { sliceSize };
        expect({
          sliceSize,
          ...(await settle(readCsvBytes(bytes, encoding, dialect, {}, tuning))),
        }).toEqual({
          sliceSize,
          ...expected,
        });
        expect({
          sliceSize,
          ...(await settle(readCsv(decoded.text, dialect, {}, tuning))),
        }).toEqual({
          sliceSize,
          ...expected,
        });
      }
    });

    it('reports the BOM and replacement count that decodeBytes does', async () => {
      const { bytes, encoding, decoded, dialect } = loadFixture(name);
      for (const sliceSize of [1, 5, bytes.length]) {
        const read = readCsvBytes(bytes, encoding, dialect, {}, { sliceSize });
        const meta = await read.then(
          (r) => r.meta,
          () => null,
        );
        if (meta === null) continue; // no rows: covered by the differential above
        expect({ sliceSize, bom: meta.bom, replacements: meta.replacements }).toEqual({
          sliceSize,
          bom: decoded.bom,
          replacements: decoded.replacements,
        });
      }
    });
  });
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const base: CsvDialect = {
  delimiter: ',',
  quoteChar: '"',
  newline: '\n',
  header: 'first-row',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'unknown',
};

describe('readCsvBytes on cut input', () => {
  it('joins characters cut between slices', async () => {
    const bytes = utf8('name,city\n张伟,Zürich\n😀x,"a,\r\nb"\n');
    for (const sliceSize of [1, 2, 3, 4, 5]) {
      const { table } = await readCsvBytes(bytes, 'utf-8', base, {}, { sliceSize });
      expect(tableToRows(table)).toEqual([
        ['张伟', 'Zürich'],
        ['😀x', 'a,\r\nb'],
      ]);
    }
  });

  it('decodes UTF-16 with a BOM split across slices', async () => {
    const text = 'id,名前\n1,山田\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++)
      bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    const { table, meta } = await readCsvBytes(bytes, 'utf-16le', base, {}, { sliceSize: 3 });
    expect(table.columns).toEqual(['id', '名前']);
    expect(tableToRows(table)).toEqual([['1', '山田']]);
    expect(meta.bom).toBe(true);
  });

  it('repairs Windows-1252 in every slice', async () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0x80, 0x0a, 0x93, 0x78, 0x94, 0x0a]); // a / € / “x”
    const { table, meta } = await readCsvBytes(bytes, 'windows-1252', base, {}, { sliceSize: 1 });
    expect(tableToRows(table)).toEqual([['€'], ['\u201Cx\u201D']]);
    expect(meta.replacements).toBe(0);
  });

  it('counts undecodable bytes after valid slices, and U+FFFD already in the text with them', async () => {
    const valid = utf8('a,b\n\uFFFD,1\n');
    const bytes = new Uint8Array([...valid, 0xff, 0x2c, 0x32, 0x0a, 0xc3, 0x0a]);
    for (const sliceSize of [1, 4, bytes.length]) {
      const { table, meta } = await readCsvBytes(bytes, 'utf-8', base, {}, { sliceSize });
      expect(meta.replacements).toBe(3);
      expect(tableToRows(table)).toEqual([
        ['\uFFFD', '1'],
        ['\uFFFD', '2'],
        ['\uFFFD', null],
      ]);
    }
    const clean = await readCsvBytes(valid, 'utf-8', base, {}, { sliceSize: 2 });
    expect(clean.meta.replacements).toBe(0);
  });

  it('keeps the record and blank-line counts when the last slice decodes to nothing', async () => {
    // ISO-2022-JP may end with an escape sequence: the slice holding only it decodes to ''.
    const bytes = new Uint8Array([...utf8('a\n1\n'), 0x1b, 0x28, 0x4a]);
    const expected = await readCsv('a\n1\n', base);
    expect(expected.meta).toMatchObject({ records: 3, blankLines: 1 });
    for (const sliceSize of [1, 3, 4]) {
      const { meta } = await readCsvBytes(bytes, 'iso-2022-jp', base, {}, { sliceSize });
      expect({ sliceSize, records: meta.records, blankLines: meta.blankLines }).toEqual({
        sliceSize,
        records: 3,
        blankLines: 1,
      });
    }
  });

  it('reports no stray quote for a closing quote cut before its trailing spaces end', async () => {
    const text = 'a\n"x"  \n2\n';
    const dialect = { ...base, header: 'none' as const };
    expect((await readCsv(text, dialect)).issues).toEqual([]);
    for (const sliceSize of [1, 5, 6, 7]) {
      const { issues, table } = await readCsvBytes(utf8(text), 'utf-8', dialect, {}, { sliceSize });
      expect({ sliceSize, issues }).toEqual({ sliceSize, issues: [] });
      expect(tableToRows(table)).toEqual([['a'], ['x'], ['2']]);
    }
  });

  it('counts a \\r\\n cut between slices as one line in a \\r file', async () => {
    // Papa splits on `\r` only; the `\n` starts the next record, the line count sees one break.
    const text = 'h1,h2\r\n1,2\rshort\r';
    const dialect = { ...base, newline: '\r' as const };
    const expected = await readCsv(text, dialect);
    expect(expected.issues).toMatchObject([{ code: 'ragged-row-short', row: 3, line: 3 }]);
    for (const sliceSize of [1, 6, 7, 8]) {
      const { issues } = await readCsvBytes(utf8(text), 'utf-8', dialect, {}, { sliceSize });
      expect({ sliceSize, issues }).toEqual({ sliceSize, issues: expected.issues });
    }
  });

  it('reports progress in bytes up to the whole file', async () => {
    const bytes = utf8('id\n' + Array.from({ length: 500 }, (_, i) => `${i}\n`).join(''));
    const done: number[] = [];
    await readCsvBytes(
      bytes,
      'utf-8',
      base,
      { onProgress: (p) => done.push(p.done) },
      { sliceSize: 256 },
    );
    expect(done.length).toBe(Math.ceil(bytes.length / 256));
    expect(done.at(-1)).toBe(bytes.length);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('stops when the signal is aborted', async () => {
    const bytes = utf8('id\n' + '1\n'.repeat(5000));
    const controller = new AbortController();
    const reading = readCsvBytes(
      bytes,
      'utf-8',
      base,
      { signal: controller.signal, onProgress: () => controller.abort() },
      { sliceSize: 100 },
    );
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses an unknown encoding label as decodeBytes does', async () => {
    await expect(readCsvBytes(utf8('a\n'), 'no-such-encoding', base)).rejects.toMatchObject({
      code: 'decode-failed',
    });
  });
});

describe('SourceFile reads CSV from its bytes', () => {
  it('reports the replacements and BOM of the whole file, as decodeBytes counts them', async () => {
    // A Windows-1252 file read as UTF-8 has bad bytes in every one of its 4 MiB slices.
    const line = 'Zo\xEB,M\xFCller,\x80\n';
    const latin = Uint8Array.from(('name,city,price\n' + line.repeat(700_000)).split(''), (c) =>
      c.charCodeAt(0),
    );
    expect(latin.length).toBeGreaterThan(8 * 1024 * 1024);
    const source = new SourceFile(latin, 'export.csv');
    const settings = { format: 'csv' as const, encoding: 'utf-8', dialect: base };
    const { result, meta } = await source.read(settings, {});
    expect(meta).toEqual({ replacements: decodeBytes(latin, 'utf-8').replacements, bom: false });
    expect(meta.replacements).toBe(2_100_000);
    expect(result.table.rowCount).toBe(700_000);

    const right = await source.read({ ...settings, encoding: 'windows-1252' }, {});
    expect(right.meta).toEqual({ replacements: 0, bom: false });
    expect(right.result.table.row(699_999)).toEqual(['Zoë', 'Müller', '€']);

    const bom = new SourceFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a\n1\n')]), 'bom.csv');
    expect((await bom.read(settings, {})).meta).toEqual({ replacements: 0, bom: true });
  });

  it('guesses the dialect and peeks from the start of a large file', async () => {
    const text = 'id;name\n' + Array.from({ length: 100_000 }, (_, i) => `${i};n${i}\n`).join('');
    const source = new SourceFile(utf8(text), 'big.csv');
    const { settings } = source.detect();
    expect(settings.dialect).toMatchObject({ delimiter: ';', newline: '\n', header: 'first-row' });
    const peek = await source.peek(settings, 3);
    expect(peek).toEqual({
      columns: ['id', 'name'],
      rows: [
        ['0', 'n0'],
        ['1', 'n1'],
        ['2', 'n2'],
      ],
      sourceRows: [2, 3, 4],
    });
  });
});
