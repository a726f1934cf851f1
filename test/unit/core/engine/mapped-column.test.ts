import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MappedColumnBuilder } from '../../../../src/core/engine/mapped-column';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

describe('MappedColumn', () => {
  it('stores nothing for chunks equal to the source and reads the source there', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`v${i}`]);
    const table = tableFromRows(['a'], rows);
    const b = new MappedColumnBuilder(table, 0);
    for (let r = 0; r < rows.length; r++) {
      // One changed cell in the middle chunk only.
      const raw = table.cell(r, 0);
      b.push(r === 5_000 ? 'changed' : raw, r !== 5_000);
    }
    const column = b.finish();
    expect(column.stats()).toEqual({ ownChunks: 1, chunks: 3, edits: 0 });
    expect(column.get(0)).toBe('v0');
    expect(column.get(4_999)).toBe('v4999');
    expect(column.get(5_000)).toBe('changed');
    expect(column.get(9_999)).toBe('v9999');
    expect(column.get(10_000)).toBe(null);
    expect(column.length).toBe(10_000);
  });

  it('edits override the stored and shared cells, null included', () => {
    const table = tableFromRows(['a'], [['x'], ['y']]);
    const b = new MappedColumnBuilder(table, 0);
    b.push('x', true);
    b.push('Y', false);
    const column = b.finish();
    column.set(0, null);
    column.set(1, 'z');
    column.set(7, 'out of range');
    expect([column.get(0), column.get(1), column.get(7)]).toEqual([null, 'z', null]);
    expect(column.stats().edits).toBe(2);
  });

  it('reads back every value pushed, dense or sparse, with or without a source (property)', () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 6 }), fc.constantFrom('同', '𠮷x'));
    fc.assert(
      fc.property(
        // Long enough to cross chunks of 4,096 rows; the share of changed cells decides dense or sparse.
        fc.array(fc.tuple(cell, fc.nat(9)), { minLength: 1, maxLength: 9_000, size: 'max' }),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        (draws, sameBelow, withSource) => {
          const cells = draws.map(([v, n]) => [v, n < sameBelow] as const);
          const table = tableFromRows(['a'], cells.map(([v]) => [v]));
          const b = new MappedColumnBuilder(table, withSource ? 0 : -1);
          const expected: Cell[] = [];
          for (let r = 0; r < cells.length; r++) {
            const [v, same] = cells[r] as [Cell, boolean];
            const value = same ? table.cell(r, 0) : v === null ? 'other' : `${v}!`;
            expected.push(value);
            b.push(value, same && withSource);
          }
          const column = b.finish();
          expect(Array.from({ length: cells.length }, (_, r) => column.get(r))).toEqual(expected);
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
  });
});
