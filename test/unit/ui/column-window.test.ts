import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_OVERSCAN,
  WINDOW_COLUMNS_FROM,
  columnAt,
  columnOffsets,
  columnsAt,
  scrollLeftFor,
} from '../../../src/ui/data-grid/column-window';
import { propertyConfig } from '../../support/seeded';

const width = fc.integer({ min: 60, max: 900 });
// fast-check keeps arrays short by default: a wide grid (past WINDOW_COLUMNS_FROM) is asked for.
const widthsOf = fc.oneof(
  fc.array(width, { maxLength: WINDOW_COLUMNS_FROM }),
  fc.array(width, { minLength: WINDOW_COLUMNS_FROM + 1, maxLength: 400 }),
);

describe('columns of a grid: offsets, the column at a place, the columns drawn', () => {
  it('offsets are the running sums of the widths, the total last', () => {
    expect([...columnOffsets([170, 60, 900])]).toEqual([0, 170, 230, 1130]);
    expect([...columnOffsets([])]).toEqual([0]);
  });

  it('a grid of up to WINDOW_COLUMNS_FROM columns draws every column, wherever it is scrolled', () => {
    const offsets = columnOffsets(Array<number>(WINDOW_COLUMNS_FROM).fill(170));
    expect(columnsAt(offsets, 5_000, 300)).toEqual({ first: 0, last: WINDOW_COLUMNS_FROM - 1, before: 0 });
    expect(columnsAt(columnOffsets([]), 0, 300)).toEqual({ first: 0, last: -1, before: 0 });
  });

  it('10,000 columns of 170 px: the columns in view and three either side', () => {
    const offsets = columnOffsets(Array<number>(10_000).fill(170));
    // 1,328 px wide at the start: columns 0-7 in view.
    expect(columnsAt(offsets, 0, 1_328)).toEqual({ first: 0, last: 7 + COLUMN_OVERSCAN, before: 0 });
    // Scrolled to the end: the last column is drawn.
    const end = 10_000 * 170 - 1_328;
    const atEnd = columnsAt(offsets, end, 1_328);
    expect(atEnd.last).toBe(9_999);
    expect(atEnd.first).toBe(9_992 - COLUMN_OVERSCAN);
    expect(atEnd.before).toBe(atEnd.first * 170);
    // Column 9,876 brought to the left edge is drawn, with the spacer ending where it starts.
    const left = scrollLeftFor(offsets, 9_875, 1_328);
    expect(left).toBe(9_875 * 170);
    const w = columnsAt(offsets, left, 1_328);
    expect(w.first).toBeLessThanOrEqual(9_875);
    expect(w.last).toBeGreaterThanOrEqual(9_875);
    expect(w.last - w.first + 1).toBeLessThan(20);
  });

  it('scrollLeftFor stops at the end of the columns and at 0', () => {
    const offsets = columnOffsets([100, 100, 100]);
    expect(scrollLeftFor(offsets, 2, 250)).toBe(50);
    expect(scrollLeftFor(offsets, -4, 250)).toBe(0);
    expect(scrollLeftFor(offsets, 99, 50)).toBe(200);
  });

  it('property: every column at least partly in view is drawn, the spacer is the width before the first, and few are drawn', () => {
    fc.assert(
      fc.property(
        widthsOf,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 2_000 }),
        (widths, at, view) => {
          const offsets = columnOffsets(widths);
          const total = offsets[widths.length] ?? 0;
          const left = Math.floor(at * Math.max(0, total - view));
          const w = columnsAt(offsets, left, view);
          const drawnAll = widths.length <= WINDOW_COLUMNS_FROM;
          expect(!drawnAll || (w.first === 0 && w.last === widths.length - 1)).toBe(true);
          expect(w.before).toBe(offsets[w.first]);
          const inView = widths.map((_, c) => c).filter((c) => (offsets[c + 1] ?? 0) > left && (offsets[c] ?? 0) < left + view);
          expect(inView.filter((c) => c < w.first || c > w.last)).toEqual([]);
          // At most the columns a view of that width can touch (each at least 60 px) and the overscan.
          expect(w.last - w.first + 1).toBeLessThanOrEqual(drawnAll ? widths.length : Math.ceil(view / 60) + 1 + 2 * COLUMN_OVERSCAN);
          // columnAt is the last column starting at or before a place.
          const c = columnAt(offsets, left);
          expect(offsets[c]).toBeLessThanOrEqual(left);
          expect(c + 1 >= widths.length || (offsets[c + 1] ?? 0) > left).toBe(true);
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });
});
