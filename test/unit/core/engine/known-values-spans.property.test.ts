import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { KnownValues } from '../../../../src/core/engine/known-values';
import type { MappedColumn } from '../../../../src/core/engine/mapped-column';
import type { Cell } from '../../../../src/core/model/cell';
import type { Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { propertyConfig } from '../../../support/seeded';
import { createRandom as prng } from '../../../support/fake-crm';

/**
 * KnownValues compares a baseline cell with the current data's where the current table keeps
 * it (`columnSpans`, then `startsWith` at the cell's start once the lengths agree) rather than
 * slicing the cell. Held against the sliced compare on CSV tables (block chunks, cells unquoted
 * into the block's extra text, missing cells, runs across chunk boundaries): the same answers,
 * row by row.
 */

const dialect: CsvDialect = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

/** Values that are prefixes of one another, empty, quoted and non-ASCII. */
const VALUES = ['a', 'ab', 'abc', '', '(415) 555-0100', '(415) 555-01000', 'x,y', 'é', '张三', ' a'];
/** Values with quotes inside: unquoted into the block's extra text, where no run of cells is one string. */
const QUOTED = ['say "hi"', '"'];

function quoted(cell: string): string {
  return /[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** CSV of 3 columns; a row cut short leaves its last cells missing. */
function csvOf(rows: readonly (readonly Cell[])[]): string {
  return ['A,B,C', ...rows.map((row) => row.filter((c) => c !== null).map((c) => quoted(c as string)).join(','))].join('\n') + '\n';
}

/** The same table without `columnSpans`: the cells are sliced. */
function slicedOnly(t: Table): Table {
  return { columns: t.columns, rowCount: t.rowCount, cell: (r, c) => t.cell(r, c), row: (r) => t.row(r), sourceRow: (r) => t.sourceRow(r) };
}

function rowsOf(seed: number, count: number, short: number, quotes: number): Cell[][] {
  const rand = prng(seed);
  const pick = () => {
    const list = rand() * 1000 < quotes ? QUOTED : VALUES;
    return (list[Math.floor(rand() * list.length)] as string) + (rand() < 0.7 ? String(Math.floor(rand() * 50)) : '');
  };
  const rows: Cell[][] = [];
  for (let r = 0; r < count; r++) {
    // A row's first cell is never empty: a line of nothing is blank, not a row.
    const row: Cell[] = [`id${r}`, pick(), pick()];
    if (rand() * 1000 < short) row[2] = null;
    rows.push(row);
  }
  return rows;
}

/** The baseline: some rows gone, some added, some cells changed (a character added, or missing). */
function baselineOf(seed: number, current: readonly Cell[][], churn: number): Cell[][] {
  const rand = prng(seed ^ 0x5bd1e995);
  const out: Cell[][] = [];
  for (const row of current) {
    if (rand() * 1000 < churn) continue;
    const copy = [...row];
    if (rand() * 1000 < churn) copy[1] = `${copy[1] ?? ''}0`;
    if (rand() * 1000 < churn) copy[2] = rand() < 0.5 ? null : '';
    out.push(copy);
    if (rand() * 1000 < churn) out.push([`new${out.length}`, 'abc', null]);
  }
  return out;
}

describe('KnownValues comparing in place ≡ comparing sliced cells', () => {
  it('finds the same rows for any CSV table and baseline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 4000, max: 9000 })),
        fc.constantFrom(0, 30),
        fc.integer({ min: 0, max: 300 }),
        // Per mille of cells with quotes inside (few: most runs of cells are then one string).
        fc.constantFrom(0, 0.1, 20),
        async (seed, count, short, churn, quotes) => {
          const rows = rowsOf(seed, count, short, quotes);
          if (rows.length === 0) return;
          const current = (await readCsv(csvOf(rows), dialect)).table;
          const base = baselineOf(seed, rows, churn);
          const values = { length: current.rowCount, builtValue: (at: number) => `v${at}` } as unknown as MappedColumn;
          for (const column of [1, 2]) {
            const fast = new KnownValues(current, column, values);
            const slow = new KnownValues(slicedOnly(current), column, values);
            const got: (Cell | undefined)[] = [];
            const want: (Cell | undefined)[] = [];
            for (let r = 0; r < base.length; r++) {
              const raw = (base[r] as Cell[])[column] ?? null;
              got.push(fast.find(r, raw));
              want.push(slow.find(r, raw));
            }
            expect(got).toEqual(want);
            expect(fast.found).toBe(slow.found);
          }
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
  }, 120_000);
});
