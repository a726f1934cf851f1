import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { CELL_ASIDE, TableBuilder, tableFromRows, type Table } from '../../../../src/core/model/table';
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

/** The byte writer's bytes and replacements for `t` are the string writer's. */
function expectWritten(t: Table, opts: CsvWriteOptions): void {
  const want = reference(t, opts);
  const got = bytesOf(t, opts);
  expect(Buffer.from(got.bytes).toString('hex')).toBe(Buffer.from(want.bytes).toString('hex'));
  expect(got.replaced).toBe(want.replaced);
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
  '\u200B', '\u00A0', '\uFEFF', '\u3000', '\u2028', '\u0000', '\u007F', '\u0085', '\u009F',
  '1', '2.5', '-0.25', '+4930', 'E', 'e', '1E+5', '(555)', '%', '/',
  'a', 'Ada', 'é', 'ß', '中文', '😀', '\uD83D', '\uDE00', '§', '；', "'",
  'SUM(A1)', 'HYPERLINK("x")', 'x', '',
);
const value = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const cell: fc.Arbitrary<Cell> = fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
const options: fc.Arbitrary<CsvWriteOptions> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|', '§', '；', 'x', ' ', '\uD83D', '\uDE00', '=', "'"),
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

/**
 * Columns that share one text per chunk of 4,096 rows, as a CSV block's do: per row its cells
 * are laid in `order` (so a column's offsets may go backwards from the last column's), each after
 * its `gap` (a lone half of a pair there can pair up with a cell's end or start in the text); a
 * column may hand out another's cells (`dup`), decline its runs, or mark cells aside.
 */
interface SharedSpec {
  readonly width: number;
  readonly rows: Cell[][];
  readonly order: number[][];
  readonly gap: string[][];
  readonly dup: (number | null)[];
  readonly declined: boolean[];
  readonly asideEvery: number;
}

function sharedTable(spec: SharedSpec): Table {
  const { width, rows } = spec;
  const n = rows.length;
  const RUN = 4096;
  const texts: string[] = [];
  const starts = Array.from({ length: width }, () => new Int32Array(n));
  const ends = Array.from({ length: width }, () => new Int32Array(n));
  for (let k = 0; k * RUN < n; k++) {
    let t = '';
    for (let r = k * RUN; r < Math.min(n, (k + 1) * RUN); r++) {
      (spec.order[r] as number[]).forEach((c, i) => {
        t += (spec.gap[r] as string[])[i] ?? '';
        const v = (rows[r] as Cell[])[c] ?? null;
        (starts[c] as Int32Array)[r] = v === null ? -1 : t.length;
        if (v !== null) t += v;
        (ends[c] as Int32Array)[r] = v === null ? -1 : t.length;
      });
    }
    texts.push(t);
  }
  const src = (c: number): number => spec.dup[c] ?? c;
  const cellAt = (r: number, c: number): Cell => {
    const s = (starts[src(c)] as Int32Array)[r] as number;
    return s < 0 ? null : (texts[Math.floor(r / RUN)] as string).slice(s, (ends[src(c)] as Int32Array)[r]);
  };
  const spans = (c: number, from: number, to: number, st: Int32Array, en: Int32Array, aside: boolean): string | null => {
    if (Math.floor(from / RUN) !== Math.floor((to - 1) / RUN)) return null;
    for (let r = from; r < to; r++) {
      st[r - from] = (starts[src(c)] as Int32Array)[r] as number;
      en[r - from] = (ends[src(c)] as Int32Array)[r] as number;
      if (aside && spec.asideEvery > 0 && (r + c) % spec.asideEvery === 0) st[r - from] = CELL_ASIDE;
    }
    return texts[Math.floor(from / RUN)] as string;
  };
  return {
    columns: Array.from({ length: width }, (_, c) => `c${c}`),
    rowCount: n,
    cell: cellAt,
    row: (r) => Array.from({ length: width }, (_, c) => cellAt(r, c)),
    sourceRow: (r) => r + 2,
    cellSpan: (r, c, span) => {
      const v = cellAt(r, c);
      if (v === null) return null;
      span[0] = 0;
      span[1] = v.length;
      return v;
    },
    columnSpans: (c, f, t, st, en) => (spec.declined[c] === true || (spec.asideEvery > 0 && c % 2 === 1) ? null : spans(c, f, t, st, en, false)),
    columnSpansAside: (c, f, t, st, en) => (spec.declined[c] === true ? null : spans(c, f, t, st, en, true)),
  };
}

/** One row of `cells` laid back to back in one text, in column order. */
function sharedTextTable(cells: string[]): Table {
  const w = cells.length;
  return sharedTable({ width: w, rows: [cells], order: [[...Array(w).keys()]], gap: [cells.map(() => '')], dup: cells.map(() => null), declined: cells.map(() => false), asideEvery: 0 });
}

const sharedSpec: fc.Arbitrary<SharedSpec> = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      width: fc.constant(width),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: n, maxLength: n }),
      order: fc.array(fc.shuffledSubarray([...Array(width).keys()], { minLength: width, maxLength: width }), { minLength: n, maxLength: n }),
      // A long gap: text no exported cell takes (a mapping that leaves most columns out), so
      // the text may be written from its characters instead of its bytes.
      gap: fc.array(fc.array(fc.constantFrom('', '', '', ',', '\uDE00', '\uD83D', 'é', 'x'.repeat(60)), { minLength: width, maxLength: width }), { minLength: n, maxLength: n }),
      dup: fc.array(fc.option(fc.nat({ max: width - 1 }), { freq: 3 }), { minLength: width, maxLength: width }),
      declined: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
      asideEvery: fc.constantFrom(0, 0, 2, 3),
    }),
  ),
);

/** A table seen through a column map, as a mapped table hands out its source's columns: reordered, repeated. */
function reordered(t: Table, map: readonly number[]): Table {
  const at = (c: number): number => map[c] as number;
  return {
    columns: map.map((_, i) => `f${i}`),
    rowCount: t.rowCount,
    cell: (r, c) => t.cell(r, at(c)),
    row: (r) => map.map((m) => t.cell(r, m)),
    sourceRow: (r) => t.sourceRow(r),
    cellSpan: (r, c, s) => t.cellSpan?.(r, at(c), s) ?? null,
    columnSpans: (c, f, to, s, e) => t.columnSpans?.(at(c), f, to, s, e) ?? null,
    columnSpansAside: (c, f, to, s, e) => t.columnSpansAside?.(at(c), f, to, s, e) ?? null,
  };
}

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
    expect.hasAssertions();
    // A CSV block's text is shared by its columns: a cell's bytes are found in the block's
    // encoded text, and a cell with a lone surrogate written from its characters.
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
          expectWritten(t, opts);
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

  it('a surrogate pair split between two cells of one text: each half written as U+FFFD, as the string writer does', () => {
    const t = tableFromRows(['a'], [['x\uD83D'], ['\uDE00y']]);
    for (const opts of [DEFAULT_CSV_WRITE, { ...DEFAULT_CSV_WRITE, delimiter: ';' }]) {
      const got = bytesOf(t, opts);
      expect(new TextDecoder().decode(got.bytes)).toBe('a\r\nx\uFFFD\r\n\uFFFDy\r\n');
      expect(got.replaced).toBe(2);
    }
    // Two columns of one text, laid one after the other.
    const two = sharedTextTable(['x\uD83D', '\uDE00y']);
    expect(bytesOf(two, DEFAULT_CSV_WRITE).bytes).toEqual(reference(two, DEFAULT_CSV_WRITE).bytes);
    expect(bytesOf(two, DEFAULT_CSV_WRITE).replaced).toBe(2);
  });

  it("quotes a guarded value where ' is the delimiter, whichever way its cell is read", () => {
    const t = tableFromRows(['a', 'b'], [['-', 'x'], ['=1', 'y']]);
    const opts = { ...DEFAULT_CSV_WRITE, delimiter: "'", formulaGuard: true };
    const want = `a'b\r\n"'-"'x\r\n"'=1"'y\r\n`;
    expect([...serializeCsv(t, opts)].join('')).toBe(want);
    for (const shape of [t, spanOnly(t), cellOnly(t)]) expect(new TextDecoder().decode(bytesOf(shape, opts).bytes)).toBe(want);
  });

  it('for tables whose columns share one text per chunk, laid in any order, repeated, declined or aside (property)', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(sharedSpec, options, (spec, opts) => {
        expectWritten(sharedTable(spec), opts);
      }),
      propertyConfig({ numRuns: 1500 }),
    );
  });

  it('for CSV-read tables seen through a mapping that reorders and repeats their columns (property)', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((w) =>
          fc.record({
            w: fc.constant(w),
            rows: fc.array(fc.array(value, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 10 }),
            map: fc.array(fc.nat({ max: w - 1 }), { minLength: 1, maxLength: 6 }),
          }),
        ),
        fc.constantFrom('csv' as const, 'csv-wide' as const),
        options,
        async ({ w, rows, map }, layout, opts) => {
          const t = reordered(await tableInLayout(layout, Array.from({ length: w }, (_, i) => `c${i}`), rows), map);
          expectWritten(t, opts);
        },
      ),
      propertyConfig({ numRuns: 400 }),
    );
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
