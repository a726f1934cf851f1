import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketStarts, compareKeys, keyedRows, sortByKey, sortRowsByKey, sortScratch } from '../../../../src/core/diff/keyed-layout';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

// The radix sort of the keyed layout against the comparator sort it replaced: the order is part
// of the keyed dataset digest, so it must not move for any input, ties and collisions included.

/** The reference: (hash, key, row) with a comparator, as before the radix sort. */
function reference(keys: readonly (string | null)[], hashes: Uint32Array): number[] {
  return Array.from({ length: keys.length }, (_, r) => r).sort(
    (a, b) => (hashes[a] as number) - (hashes[b] as number) || compareKeys(0, keys[a] ?? null, 0, keys[b] ?? null) || a - b,
  );
}

describe('sortByKey', () => {
  it('orders rows as the comparator sort does, over colliding hashes, duplicate and missing keys (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.constantFrom('a', 'b', 'c', 'A', 'é', '10', '9'), { nil: null }), fc.oneof(fc.integer({ min: 0, max: 5 }), fc.nat(), fc.integer({ min: 0, max: 0xffffffff }), fc.constant(0xffffffff))), { maxLength: 300 }),
        (rows) => {
          const keys = rows.map(([k]) => k);
          const hashes = Uint32Array.from(rows.map(([, h]) => h >>> 0));
          const { order, sorted } = sortByKey(keys, hashes);
          const want = reference(keys, hashes);
          expect(Array.from(order)).toEqual(want);
          expect(Array.from(sorted)).toEqual(want.map((r) => hashes[r]));
          expect(Array.from(sortRowsByKey(keys, hashes))).toEqual(want);
          // Buckets from the sorted hashes cover every position once, in order.
          const starts = bucketStarts(sorted, 3);
          expect(starts[0]).toBe(0);
          expect(starts[8]).toBe(keys.length);
          for (let b = 0; b < 8; b++) {
            for (let p = starts[b] as number; p < (starts[b + 1] as number); p++) expect((sorted[p] as number) >>> 29).toBe(b);
          }
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

const KEY_SPEC = { columns: ['k'], trim: true, caseInsensitive: false };

/** Whole keyed rows of a table as plain arrays, to compare two reads. */
async function keyedPlain(keys: readonly (string | null)[], scratch?: ReturnType<typeof sortScratch>) {
  const table = tableFromRows(['k'], keys.map((k) => [k]));
  const { store, order, sorted } = await keyedRows(table, KEY_SPEC, undefined, scratch);
  return { keys: keys.map((_, r) => store.keyAt(r)), order: Array.from(order), sorted: Array.from(sorted) };
}

describe('keyedRows through a shared sort scratch', () => {
  it('orders each table as a sort of its own does, tables of any sizes one after another (property)', async () => {
    const key = fc.option(fc.oneof(fc.constantFrom('a', 'b', ' a ', 'A', 'é', 'e\u0301', '10', '9', ''), fc.string({ maxLength: 12 })), { nil: null });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(key, { maxLength: 200 }), { minLength: 1, maxLength: 4 }), async (tables) => {
        // One scratch for every table, as a diff's two sides share one: a larger table grows
        // it, a smaller one after it must not read what the larger left there.
        const scratch = sortScratch();
        for (const keys of tables) expect(await keyedPlain(keys, scratch)).toEqual(await keyedPlain(keys));
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });
});
