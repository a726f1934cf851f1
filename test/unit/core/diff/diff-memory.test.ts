import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { encodeRecords } from '../../../../src/core/diff/canonical-form';
import { digestKeyedLayout, digestKeyedRows } from '../../../../src/core/diff/dataset-digest';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { mappedTable } from '../../../../src/core/engine/mapped-table';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { tableInLayout, type Layout } from '../../../support/layout-tables';
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
          expect(await digestKeyedRows(['id', 'name'], KEY, table, [0, 1], order, async () => {}, { batchRecords: batch * 4096 })).toBe(want);
          expect(await digestKeyedRows(['id', 'name'], KEY, table, [0, 1], order)).toBe(want);
        },
      ),
      propertyConfig({ numRuns: 25 }),
    );
  });
});

/** A permutation of `n` rows from a seed, its first `keep` taken: a diff's key order. */
function shuffled(n: number, keep: number, seed = 7): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let x = seed;
  for (let i = n - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    const j = (x >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order.slice(0, keep);
}

const VALUES: Cell[] = ['Ada', '', null, 'Zoë', '王芳', 'Cafe\u0301', '\u0958', 'a"b,c', '😀', 'plain ascii text'];

/**
 * Digests by one-page batches, for the whole side and for an order that leaves rows out, and
 * the same of the side laid out whole: `[got, want]`.
 */
async function digestsBothWays(table: Table, cols: number[]): Promise<[string[], string[]]> {
  const names = cols.map((_, i) => `f${i}`);
  const got: string[] = [];
  const want: string[] = [];
  for (const keep of [table.rowCount, Math.floor(table.rowCount * 0.6)]) {
    const order = shuffled(table.rowCount, keep);
    want.push(await digestKeyedLayout(names, KEY, await encodeRecords(table, cols, undefined, order)));
    got.push(await digestKeyedRows(names, KEY, table, cols, order, async () => {}, { batchRecords: 4096 }));
  }
  return [got, want];
}

const map = (column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });

// One-page batches read a few rows of each chunk: spans as characters, or each cell on its own
// (csv-narrow's moved cells, a picklist's mapped cells, a sparse column's chunks).
describe('digestKeyedRows by one-page batches', () => {
  it.each(['rows', 'csv', 'csv-wide', 'plain', 'sparse'] as Layout[])('%s layout', async (layout) => {
    const rows = Array.from({ length: 9_000 }, (_, r): Cell[] => [
      String(r),
      layout === 'sparse' && r % 23 !== 0 ? null : (VALUES[r % VALUES.length] ?? null),
      layout === 'sparse' && r % 31 !== 0 ? null : r % 500 === 0 ? (VALUES[4] ?? null) : `n${r}`,
    ]);
    const [got, want] = await digestsBothWays(await tableInLayout(layout, ['id', 'a', 'b'], rows), [0, 1, 2]);
    expect(got).toEqual(want);
  });

  it('mapped table (picklist, deleted rows, an edit)', async () => {
    const plan: MappingPlan = {
      object: CONTACT_OBJECT,
      defaultCountry: 'US',
      columns: [map(0, 'external_id'), map(1, 'lifecycle_stage'), map(2, 'first_name', [{ kind: 'trim' }, { kind: 'case', to: 'title' }])],
    };
    const stages = ['lead', 'Lead', 'CUSTOMER', 'nope', ''];
    const source = tableFromRows(['ID', 'Stage', 'First'], Array.from({ length: 9_000 }, (_, r) => [String(r), stages[r % stages.length] ?? null, r % 7 === 0 ? ' zoë ' : 'ada']));
    const ws = await MappedWorkspace.create(source, plan, undefined, () => {});
    await ws.apply({ kind: 'delete-rows', rows: [5, 4_100, 8_000] });
    await ws.apply({ kind: 'set', row: 6, field: 'first_name', value: 'Édith' });
    const table = mappedTable(ws, 'include').table;
    const [got, want] = await digestsBothWays(table, table.columns.map((_c, c) => c));
    expect(got).toEqual(want);
  });
});

describe('digestKeyedRows batches', () => {
  it('are sized from records spread over the side, then from the batch before: a side whose first rows are short holds about a batch', async () => {
    // 64 short records first, then ~2 KB each: a sample of the first rows would make one batch of all.
    const n = 20_000;
    const long = 'x'.repeat(2_000);
    const table = tableFromRows(['id', 'note'], Array.from({ length: n }, (_, r) => [String(r), r < 64 ? 'a' : long + r]));
    const order = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const batches: [number, number][] = [];
    const aim = 4 << 20;
    const got = await digestKeyedRows(['id', 'note'], KEY, table, [0, 1], order, async () => {}, { batchBytes: aim, onBatch: (records, bytes) => batches.push([records, bytes]) });
    expect(got).toBe(await digestKeyedLayout(['id', 'note'], KEY, await encodeRecords(table, [0, 1], undefined, order)));
    expect(batches.length).toBeGreaterThan(4);
    // A batch is whole pages of ~2 KB records: at most the aim, rounded down to pages, or one page.
    for (const [records, bytes] of batches) expect(bytes).toBeLessThanOrEqual(Math.max(aim, (bytes / records) * 4096) * 1.05);
    expect(batches.reduce((a, [r]) => a + r, 0)).toBe(n);
  });

  it('hold at most 2^18 records however small they are, each in its place', async () => {
    const n = (1 << 18) * 2 + 5_000;
    const table = tableFromRows(['v'], Array.from({ length: n }, (_, r) => [String(r % 10)]));
    // A permutation (7919 is prime and does not divide n).
    const order = Int32Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const batches: number[] = [];
    const want = await digestKeyedLayout(['v'], KEY, await encodeRecords(table, [0], undefined, order));
    expect(await digestKeyedRows(['v'], KEY, table, [0], order, async () => {}, { onBatch: (records) => batches.push(records) })).toBe(want);
    expect(batches).toEqual([1 << 18, 1 << 18, 5_000]);
  });
});
