import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { encodeRecords } from '../../../../src/core/diff/canonical-form';
import { digestKeyedLayout, digestKeyedRows } from '../../../../src/core/diff/dataset-digest';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

// The keyed dataset digest holds a side's encoded records once, in row order, and copies its
// key-ordered pages out a batch at a time (docs/architecture.md, "Memory that ends"): the digest
// is the one of the records laid out in key order.

const KEY = { columns: ['id'], trim: true, caseInsensitive: false };
const cell = fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null });

describe('digestKeyedRows', () => {
  it('equals the digest of the records laid out in key order, whatever the batch size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { minLength: 0, maxLength: 10000, size: 'max' }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer(),
        async (rows, batch, seed) => {
          const table = tableFromRows(['id', 'name'], rows);
          const n = table.rowCount;
          // A permutation from the seed: the key order of a diff.
          const order = Int32Array.from({ length: n }, (_, i) => i);
          let x = seed | 1;
          for (let i = n - 1; i > 0; i--) {
            x = (Math.imul(x, 1103515245) + 12345) | 0;
            const j = (x >>> 0) % (i + 1);
            [order[i], order[j]] = [order[j] as number, order[i] as number];
          }
          const sorted = await encodeRecords(table, [0, 1], async () => {}, order);
          const rowOrder = await encodeRecords(table, [0, 1]);
          const want = await digestKeyedLayout(['id', 'name'], KEY, sorted);
          expect(await digestKeyedRows(['id', 'name'], KEY, rowOrder, order, async () => {}, batch)).toBe(want);
          expect(await digestKeyedRows(['id', 'name'], KEY, rowOrder, order)).toBe(want);
        },
      ),
      propertyConfig({ numRuns: 25 }),
    );
  });
});
