import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunSpans, sameText } from '../../../../src/core/diff/record-spans';
import { compareRun } from '../../../../src/core/diff/run-compare';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { CRLF_DIALECT } from '../../../support/csv-dialect';
import { propertyConfig } from '../../../support/seeded';

// compareRun (a run of pairs compared a range of text at a time) against sameText pair by pair,
// the comparison it stands in for: the same pairs flagged, on every layout the diff meets. The
// values make cells shift (other lengths), keep their length (same-length edits), go missing or
// empty, need quoting in CSV (a cell's place moves though its text does not), or differ only in
// normalisation (NFD: different text, so flagged as text).

const POOL: readonly Cell[] = [
  null,
  '',
  'a',
  'b',
  'ab',
  'ba',
  'abc',
  'é',
  'e\u0301',
  'x,y',
  'say "hi"',
  '😀',
  'Zoë',
];
const value = fc.constantFrom(...POOL);

/** A CSV field, quoted only when it must be (so quoting moves cells); a missing cell is empty. */
function csvField(v: Cell): string {
  const s = v ?? '';
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

async function table(
  layout: 'csv' | 'rows',
  columns: readonly string[],
  rows: readonly Cell[][],
): Promise<Table> {
  if (layout === 'rows')
    return tableFromRows(
      [...columns],
      rows.map((r) => [...r]),
    );
  const text =
    [columns.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n') + '\r\n';
  const { table: t } = await readCsv(text, CRLF_DIALECT);
  return t;
}

describe('compareRun', () => {
  it('flags exactly the pairs sameText flags, row by row (property)', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.tuple(value, value, value, value), { minLength: 1, maxLength: 13 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), value), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom<'csv' | 'rows'>('csv', 'rows'),
        fc.constantFrom<'csv' | 'rows'>('csv', 'rows'),
        fc.boolean(),
        async (n, pool, edits, shift, baseLayout, nextLayout, reorder) => {
          // Rows from a repeating pool, so most pairs are equal and runs are long.
          const rows = Array.from({ length: n }, (_, r): Cell[] => [
            ...(pool[r % pool.length] as Cell[]),
          ]);
          const edited = rows.map((r) => [...r]);
          for (const [at, c, v] of edits) (edited[at % n] as Cell[])[c] = v;
          // The new data: `shift` rows before the paired ones, columns reordered or not; column
          // 'd' is not compared (in a CSV block it lies between compared cells).
          const extra = Array.from({ length: shift }, (): Cell[] => ['z', null, 'zz', '']);
          const order = reorder ? [3, 1, 0, 2] : [0, 1, 2, 3];
          const names = ['a', 'b', 'c', 'd'];
          const base = await table(baseLayout, names, rows);
          const next = await table(
            nextLayout,
            order.map((c) => names[c] as string),
            [...extra, ...edited].map((r) => order.map((c) => r[c] ?? null)),
          );
          const compared = ['a', 'b', 'c'];
          const a = new RunSpans(
            next,
            compared.map((c) => next.columns.indexOf(c)),
          );
          const b = new RunSpans(
            base,
            compared.map((c) => base.columns.indexOf(c)),
          );
          a.load(0, next.rowCount);
          b.load(0, base.rowCount);
          const differs = new Uint8Array(next.rowCount);
          compareRun(a, shift, b, 0, n, differs);
          const expected = new Uint8Array(next.rowCount);
          for (let k = 0; k < n; k++) if (!sameText(a, shift + k, b, k)) expected[shift + k] = 1;
          expect(Array.from(differs)).toEqual(Array.from(expected));
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('finds one edited pair in a long run of equal ones, and none where only an uncompared cell changed', async () => {
    const rows = Array.from({ length: 3000 }, (_, r): Cell[] => [
      `id${r}`,
      `name ${r % 97}`,
      r % 5 === 0 ? null : 'x',
      `note ${r}`,
    ]);
    const edited = rows.map((r, i) =>
      i === 1234
        ? [r[0] ?? null, 'name 9X', r[2] ?? null, r[3] ?? null]
        : i === 2000
          ? [r[0] ?? null, r[1] ?? null, r[2] ?? null, 'changed']
          : r,
    );
    const base = await table('csv', ['a', 'b', 'c', 'd'], rows);
    const next = await table('csv', ['a', 'b', 'c', 'd'], edited);
    const a = new RunSpans(next, [0, 1, 2]);
    const b = new RunSpans(base, [0, 1, 2]);
    a.load(0, 3000);
    b.load(0, 3000);
    const differs = new Uint8Array(3000);
    compareRun(a, 0, b, 0, 3000, differs);
    const flagged = [...differs.keys()].filter((k) => differs[k] === 1);
    // Row 1234's 'name 70' became 'name 9X': the same length, so only the text tells them apart;
    // row 2000's uncompared note got longer, which moves every cell after it in the CSV block.
    expect(flagged).toEqual([1234]);
  });
});
