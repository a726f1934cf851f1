import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { encodeRecords } from '../../../../src/core/diff/canonical-form';
import { digestKeyedLayout, digestKeyedRows } from '../../../../src/core/diff/dataset-digest';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

// The keyed dataset digest encodes a side's key-ordered pages a batch at a time, never the side
// whole (docs/architecture.md, "Memory that ends"): the digest is the one of the records laid
// out in key order, whatever the batch. A batch of one page reads about 4,096 of each chunk's
// rows only where the side has more rows (sparse runs, read as characters); of more pages, most
// of them (runs turned into bytes whole, where their text is ASCII).

const KEY = { columns: ['id'], trim: true, caseInsensitive: false };
const cell = fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null });
const ascii = fc.option(fc.string({ maxLength: 12 }), { nil: null });

describe('digestKeyedRows', () => {
  it('equals the digest of the records laid out in key order, whatever the batch size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(fc.tuple(cell, cell), { minLength: 0, maxLength: 14000, size: 'max' }), fc.array(fc.tuple(ascii, ascii), { minLength: 0, maxLength: 14000, size: 'max' })),
        fc.integer({ min: 1, max: 4 }),
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
          const want = await digestKeyedLayout(['id', 'name'], KEY, sorted);
          expect(await digestKeyedRows(['id', 'name'], KEY, table, [0, 1], order, async () => {}, batch * 4096)).toBe(want);
          expect(await digestKeyedRows(['id', 'name'], KEY, table, [0, 1], order)).toBe(want);
        },
      ),
      propertyConfig({ numRuns: 25 }),
    );
  });
});
