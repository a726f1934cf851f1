import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { TableBuilder, tableFromRows, type Table } from '../../../../src/core/model/table';
import { csvParts } from '../../../../src/core/write/csv-bytes';
import { serializeCsv } from '../../../../src/core/write/csv-write';
import { needsFormulaGuard, needsFormulaGuardIn } from '../../../../src/core/write/formula-guard';
import { countLoneSurrogates, PART_BYTES } from '../../../../src/core/write/utf8-parts';
import { DEFAULT_CSV_WRITE, type CsvWriteOptions } from '../../../../src/core/write/write-types';
import { createRandom } from '../../../support/fake-crm';
import { asideSome, tableInLayout } from '../../../support/layout-tables';
import { propertyConfig } from '../../../support/seeded';

// The byte writer against the string writer (the reference): the same bytes, as TextEncoder
// encodes the string, for every option and every way a table hands out its cells.

/** Every part copied (a part is a view of a reused buffer), joined, and the writer's summary. */
function bytesOf(table: Table, opts: CsvWriteOptions): { bytes: Uint8Array; replaced: number; parts: number } {
  const gen = csvParts(table, opts);
  const copies: Uint8Array[] = [];
  let step = gen.next();
  for (; step.done !== true; step = gen.next()) copies.push(step.value.slice());
  const bytes = new Uint8Array(copies.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of copies) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, replaced: step.value.replacedChars, parts: copies.length };
}

function reference(table: Table, opts: CsvWriteOptions): { bytes: Uint8Array; replaced: number } {
  const text = [...serializeCsv(table, opts)].join('');
  return { bytes: new TextEncoder().encode(text), replaced: countLoneSurrogates(text) };
}

/** The same table with only `cellSpan` (the merged view's shape), and with only `cell`. */
function spanOnly(t: Table): Table {
  return { columns: t.columns, rowCount: t.rowCount, cell: (r, c) => t.cell(r, c), row: (r) => t.row(r), sourceRow: (r) => t.sourceRow(r), cellSpan: (r, c, s) => t.cellSpan?.(r, c, s) ?? null };
}
function cellOnly(t: Table): Table {
  return { columns: t.columns, rowCount: t.rowCount, cell: (r, c) => t.cell(r, c), row: (r) => t.row(r), sourceRow: (r) => t.sourceRow(r) };
}

/** Pieces that exercise every rule: delimiters, quotes, line ends, spaces, formula triggers
 * (ASCII, full-width, small, after spaces and zero-width marks), numbers, non-ASCII, non-BMP
 * and lone surrogates. */
const piece = fc.constantFrom(
  ',', ';', '\t', '|', '"', '""', '\r', '\n', '\r\n', ' ', '  ',
  '=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫',
  '\u200B', '\u00A0', '\uFEFF', '\u3000', '\u2028', '\u0000', '\u007F',
  '1', '2.5', '-0.25', '+4930', 'E', 'e', '1E+5', '(555)', '%', '/',
  'a', 'Ada', 'é', 'ß', '中文', '😀', '\uD83D', '\uDE00', '§', '；', "'",
  'SUM(A1)', 'HYPERLINK("x")', 'x', '',
);
const value = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const cell: fc.Arbitrary<Cell> = fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
const options: fc.Arbitrary<CsvWriteOptions> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|', '§', '；', 'x', ' ', '\uD83D', '\uDE00', '='),
  quoting: fc.constantFrom('minimal' as const, 'all' as const),
  newline: fc.constantFrom('\r\n' as const, '\n' as const),
  bom: fc.boolean(),
  formulaGuard: fc.boolean(),
});
const table: fc.Arbitrary<Table> = fc.integer({ min: 0, max: 4 }).chain((width) =>
  fc
    .record({
      columns: fc.array(value, { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
    })
    .map(({ columns, rows }) => tableFromRows(columns, rows)),
);

describe('csvParts: the same bytes as serializeCsv', () => {
  it('for random tables and every option, through columnSpans, columnSpansAside, cellSpan and cell', () => {
    fc.assert(
      fc.property(table, options, (t, opts) => {
        const want = reference(t, opts);
        for (const shape of [t, spanOnly(t), cellOnly(t), asideSome(t).table, asideSome(t, 2, false).table]) {
          const got = bytesOf(shape, opts);
          expect(Buffer.from(got.bytes).toString('hex')).toBe(Buffer.from(want.bytes).toString('hex'));
          expect(got.replaced).toBe(want.replaced);
        }
      }),
      propertyConfig({ numRuns: 400 }),
    );
  });

  it('for tables read from CSV, blocks one byte a character or as decoded: fields copied from the block text\'s UTF-8', async () => {
    // A CSV block's text is shared by its columns: a cell's bytes are found in the block's
    // encoded text, with a surrogate pair split between two cells, or a lone one, written apart.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.record({
            columns: fc.array(value, { minLength: width, maxLength: width }),
            rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
          }),
        ),
        fc.constantFrom('csv' as const, 'csv-wide' as const),
        options,
        async ({ columns, rows }, layout, opts) => {
          const t = await tableInLayout(layout, columns, rows);
          const want = reference(t, opts);
          const got = bytesOf(t, opts);
          expect(Buffer.from(got.bytes).toString('hex')).toBe(Buffer.from(want.bytes).toString('hex'));
          expect(got.replaced).toBe(want.replaced);
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('across chunks of 4,096 rows, sparse columns and parts of a megabyte', () => {
    // Seeded: 30,000 rows cross seven chunk boundaries and make more than one part.
    const rand = createRandom(20261126);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const pieces = ['Ada', 'Lovelace', ',', '"', '\n', ' ', '=1+2', '-5', '+1 555', 'é', '中', '😀', '\uD800', '', 'x'.repeat(40), 'Grace Brewster Murray Hopper'];
    const b = new TableBuilder(['id', 'dense', 'sparse', 'often empty']);
    for (let r = 0; r < 30_000; r++) {
      const v = (): string => Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(pieces)).join('');
      // Column 2 holds a value in about 1 row of 20 (sparse chunks); column 3 misses half.
      const cells: Cell[] = [String(r), v(), rand() < 0.05 ? v() : null, rand() < 0.5 ? v() : null];
      b.appendRow(cells, r + 2);
    }
    const t = b.finish();
    for (const opts of [DEFAULT_CSV_WRITE, { ...DEFAULT_CSV_WRITE, quoting: 'all' as const, bom: true, newline: '\n' as const, formulaGuard: false }]) {
      const want = reference(t, opts);
      const got = bytesOf(t, opts);
      expect(got.bytes.length).toBeGreaterThan(PART_BYTES);
      expect(got.parts).toBeGreaterThan(1);
      expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes))).toBe(true);
      expect(got.replaced).toBe(want.replaced);
      expect(Buffer.from(bytesOf(spanOnly(t), opts).bytes).equals(Buffer.from(want.bytes))).toBe(true);
      // Runs with cells aside: the rest of the run read from its spans, those on their own.
      const aside = asideSome(t, 5);
      expect(Buffer.from(bytesOf(aside.table, opts).bytes).equals(Buffer.from(want.bytes))).toBe(true);
      expect(aside.asked.aside).toBeGreaterThan(10_000);
    }
  });

  it('across chunks of 4,096 rows read from CSV, blocks one byte a character or as decoded', async () => {
    const rand = createRandom(20261129);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const pieces = ['Ada', 'Lovelace', ',', '"', '\n', ' ', '=1+2', '-5', 'é', '中', '😀', '\uD83D', '\uDE00', '\u0085', '', 'x'.repeat(40)];
    const v = (): string => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(pieces)).join('');
    const rows: Cell[][] = Array.from({ length: 30_000 }, (_, r) => [String(r), v(), rand() < 0.3 ? v() : 'plain', v()]);
    for (const layout of ['csv', 'csv-wide'] as const) {
      const t = await tableInLayout(layout, ['id', 'a', 'b', 'c'], rows);
      for (const opts of [DEFAULT_CSV_WRITE, { ...DEFAULT_CSV_WRITE, delimiter: ';', newline: '\n' as const, formulaGuard: false }]) {
        const want = reference(t, opts);
        const got = bytesOf(t, opts);
        expect(got.parts, layout).toBeGreaterThan(1);
        expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes)), layout).toBe(true);
        expect(got.replaced, layout).toBe(want.replaced);
      }
    }
  });

  it('one column: an empty value is "" and a guessable delimiter is quoted', () => {
    const t = tableFromRows(['only'], [[''], [null], ['a;b'], ['x|y'], ['tab\there'], ['=1']]);
    const got = new TextDecoder().decode(bytesOf(t, DEFAULT_CSV_WRITE).bytes);
    expect(got).toBe('only\r\n""\r\n""\r\n"a;b"\r\n"x|y"\r\n"tab\there"\r\n\'=1\r\n');
  });

  it('refuses a delimiter serializeCsv refuses', () => {
    const t = tableFromRows(['a'], [['1']]);
    for (const delimiter of ['', '"', '\r', '\n', ',,']) {
      expect(() => bytesOf(t, { ...DEFAULT_CSV_WRITE, delimiter })).toThrow(PorterError);
    }
  });
});

describe('needsFormulaGuardIn', () => {
  it('decides a value inside other text as needsFormulaGuard decides it alone', () => {
    fc.assert(
      fc.property(value, value, value, (before, v, after) => {
        const text = before + v + after;
        expect(needsFormulaGuardIn(text, before.length, before.length + v.length)).toBe(needsFormulaGuard(v));
      }),
      propertyConfig({ numRuns: 2000 }),
    );
  });

  it('reads no digit outside the value for an exponent', () => {
    // '1' before and '5' after would make 'E' an exponent if they were read.
    expect(needsFormulaGuard('-E')).toBe(true);
    expect(needsFormulaGuardIn('1-E5', 1, 3)).toBe(true);
    expect(needsFormulaGuardIn('-1E5', 0, 3)).toBe(true);
    expect(needsFormulaGuardIn('-1E5', 0, 4)).toBe(false);
  });
});
