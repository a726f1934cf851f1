import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordBytes, RecordReader } from '../../../../src/core/diff/record-bytes';
import { RunSpans, sameText } from '../../../../src/core/diff/record-spans';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';
import { tableInLayout, type Layout } from '../../../support/layout-tables';

// Records written as bytes (RecordReader.append) and compared where the other side's cells lie
// (RecordReader.sameAs) against sameText, the pair-by-pair comparison they stand in for: the same
// verdict for every pair, on every layout the diff meets, in shuffled order. The values reach
// every way a cell's bytes are found: ASCII text, text past ASCII (Latin-1, CJK, a surrogate
// pair), a lone surrogate and U+FFFD (the same bytes from `encodeInto`), two lone surrogates in
// adjacent cells (a pair in the column's text, split between the cells), fields longer than a
// one-byte header, NFC beside NFD (different text), empty beside missing, and cells of one length
// that differ in their last byte only.

const LONG_ASCII = 'x'.repeat(300);
const LONG_WIDE = 'é'.repeat(140); // 280 bytes
const POOL: readonly Cell[] = [
  null,
  '',
  'a',
  'ab',
  '\u0000',
  'é',
  'e\u0301',
  'Zoë',
  '王芳',
  '😀',
  '\ud83d',
  '\ude00',
  '\ufffd',
  'x,y',
  'say "hi"',
  // Same lengths, differing only in the last byte: 4, 14, 16, 17, 32 and 33 bytes, around the
  // cells copied and compared as four or eight masked words (up to 32 bytes) and those compared
  // in a loop.
  'abcd',
  'abcD',
  'abcdefghijklmn',
  'abcdefghijklmN',
  'abcdefghijklmnop',
  'abcdefghijklmnoP',
  'abcdefghijklmnopq',
  'abcdefghijklmnopQ',
  'abcdefghijklmnopqrstuvwxyz012345',
  'abcdefghijklmnopqrstuvwxyz01234!',
  'abcdefghijklmnopqrstuvwxyz0123456',
  'abcdefghijklmnopqrstuvwxyz012345!',
  LONG_ASCII,
  `${LONG_ASCII}!`,
  LONG_WIDE,
  `${LONG_WIDE}😀`,
];
const value = fc.constantFrom(...POOL);

const build = tableInLayout;

/** A permutation of `n` from a seed (Fisher–Yates with an LCG). */
function shuffled(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let x = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

describe('RecordReader', () => {
  it('finds a pair equal exactly when sameText does, either side written, on every layout (property)', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 160 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), value), { maxLength: 40 }),
        fc.integer(),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'plain', 'sparse'),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'plain', 'sparse'),
        fc.boolean(),
        async (rows, edits, seed, baseLayout, nextLayout, missingColumn) => {
          const n = rows.length;
          // Sparse: the last value present in one row of 20 only, so its chunk keeps only those.
          const baseRows = rows.map((r, i): Cell[] => [
            r[0],
            r[1],
            baseLayout === 'sparse' && i % 20 !== 0 ? null : r[2],
            'b',
          ]);
          const edited = baseRows.map((r) => [...r]);
          for (const [at, c, v] of edits) (edited[at % n] as Cell[])[c] = v;
          // The new data: shuffled, its columns in another order; a column it lacks, sometimes.
          const perm = shuffled(n, seed);
          const base = await build(baseLayout, ['a', 'b', 'c', 'd'], baseRows);
          const next = await build(
            nextLayout,
            ['c', 'x', 'b', 'a'],
            perm.map((p) => {
              const r = edited[p] as Cell[];
              return [r[2] ?? null, 'n', r[1] ?? null, r[0] ?? null];
            }),
          );
          const compared = missingColumn ? ['a', 'b', 'c', 'd'] : ['a', 'c', 'b'];
          const nextCols = compared.map((c) => next.columns.indexOf(c));
          const baseCols = compared.map((c) => base.columns.indexOf(c));
          const a = new RunSpans(next, nextCols);
          const b = new RunSpans(base, baseCols);
          a.load(0, n);
          b.load(0, n);
          const expected = perm.map((p, r) => sameText(a, r, b, p));

          // The new data written, in its row order, each into the slot of its baseline row.
          const written = new RecordReader(nextCols.length);
          written.prepare(a);
          const list = new RecordBytes(8);
          for (let r = 0; r < n; r++) written.append(r, list, perm[r] as number, r);
          const reader = new RecordReader(baseCols.length);
          reader.prepare(b);
          const got: boolean[] = [];
          for (let s = 0; s < n; s++) got[list.tag[s] as number] = reader.sameAs(s, list, s);
          expect(got).toEqual(expected);

          // The other way round: the baseline written, the new data compared in place.
          const back = new RecordBytes(8);
          reader.prepare(b);
          for (let s = 0; s < n; s++) reader.append(s, back, s, s);
          written.prepare(a);
          expect(perm.map((p, r) => written.sameAs(r, back, p))).toEqual(expected);
        },
      ),
      propertyConfig({ numRuns: 200 }),
    );
  });

  it('tells apart cells of one length that differ in any one byte, short (four or eight masked words) and long', () => {
    // Every length up to 40 bytes, one byte changed at every place (a two-byte é among ASCII,
    // so the change may sit in a word of the cell's first or last bytes), beside the cell equal.
    const baseRows: Cell[][] = [];
    const nextRows: Cell[][] = [];
    const expected: boolean[] = [];
    for (let len = 1; len <= 40; len++) {
      const cell = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH'.slice(0, len);
      baseRows.push([cell, 'x']);
      nextRows.push([cell, 'x']);
      expected.push(true);
      for (let at = 0; at < len; at++) {
        baseRows.push([cell, 'x']);
        nextRows.push([`${cell.slice(0, at)}#${cell.slice(at + 1)}`, 'x']);
        expected.push(false);
        if (at + 1 < len) {
          baseRows.push([`${cell.slice(0, at)}é${cell.slice(at + 2)}`, 'x']);
          nextRows.push([`${cell.slice(0, at)}è${cell.slice(at + 2)}`, 'x']);
          expected.push(false);
        }
      }
    }
    const n = baseRows.length;
    const a = new RunSpans(tableFromRows(['v', 'w'], nextRows), [0, 1]);
    const b = new RunSpans(tableFromRows(['v', 'w'], baseRows), [0, 1]);
    a.load(0, n);
    b.load(0, n);
    expect(expected.map((_, i) => sameText(a, i, b, i))).toEqual(expected);
    for (const [write, read] of [
      [a, b],
      [b, a],
    ] as const) {
      const w = new RecordReader(2);
      w.prepare(write);
      const list = new RecordBytes(8);
      for (let i = 0; i < n; i++) w.append(i, list, i, i);
      const r = new RecordReader(2);
      r.prepare(read);
      expect(expected.map((_, i) => r.sameAs(i, list, i))).toEqual(expected);
    }
  });

  it('tells apart a lone surrogate and U+FFFD, and a pair split between two cells from the pair whole', async () => {
    // In one packed column, '\ud83d' then '\ude00' make the pair 😀 in the column's text.
    const base = tableFromRows(['v'], [['\ud83d'], ['\ude00'], ['\ufffd'], ['😀'], ['a\ud83d']]);
    const next = tableFromRows(
      ['v'],
      [['\ufffd'], ['\ufffd'], ['\ud83d'], ['\ud83d\ude00'], ['a\ud83d']],
    );
    const a = new RunSpans(next, [0]);
    const b = new RunSpans(base, [0]);
    a.load(0, 5);
    b.load(0, 5);
    const w = new RecordReader(1);
    w.prepare(b);
    const list = new RecordBytes(8);
    for (let i = 0; i < 5; i++) w.append(i, list, i, i);
    const r = new RecordReader(1);
    r.prepare(a);
    expect([0, 1, 2, 3, 4].map((i) => r.sameAs(i, list, i))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});
