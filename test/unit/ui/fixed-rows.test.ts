import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_PX, bodyOf, rowsAt, scrollTopFor, type FixedRowsGeometry } from '../../../src/ui/windowed/fixed-rows';
import { propertyConfig } from '../../support/seeded';

/** Rows fully inside the viewport at a scroll position (no overscan). */
function fullyVisible(g: FixedRowsGeometry, scrollTop: number): number[] {
  return rowsAt(g, scrollTop, 0)
    .filter((r) => r.start >= scrollTop - 1e-6 && r.start + g.rowHeight <= scrollTop + g.viewport + 1e-6)
    .map((r) => r.index);
}

const geometries = fc.record({
  count: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 1_000_000, max: 50_000_000 })),
  rowHeight: fc.integer({ min: 20, max: 40 }),
  viewport: fc.integer({ min: 120, max: 1_200 }),
  maxBody: fc.constantFrom(MAX_BODY_PX, 40_000, 5_000),
});

describe('rows of one height over a scroll element', () => {
  it('keeps a small list at its natural height, one real pixel per pixel', () => {
    const g = { count: 1_000, rowHeight: 32, viewport: 400 };
    expect(bodyOf(g)).toEqual({ height: 32_000, scale: 1 });
    expect(rowsAt(g, 320, 0).map((r) => [r.index, r.start])).toEqual(
      Array.from({ length: 13 }, (_, k) => [10 + k, (10 + k) * 32]),
    );
    expect(rowsAt(g, 320, 2)[0]).toEqual({ index: 8, start: 256 });
  });

  it('caps the body of 5M rows under the browsers’ clamp and still ends on the last row', () => {
    const g = { count: 5_000_000, rowHeight: 32, viewport: 600 };
    const { height, scale } = bodyOf(g);
    expect(height).toBe(MAX_BODY_PX);
    expect(height).toBeLessThan(17_000_000);
    expect(scale).toBeGreaterThan(10);
    const end = rowsAt(g, height - 600, 0);
    expect(end[end.length - 1]).toEqual({ index: 4_999_999, start: height - 32 });
    expect(rowsAt(g, 0, 0)[0]).toEqual({ index: 0, start: 0 });
  });

  it('renders, at any scroll position, consecutive rows a row apart that cover the viewport', () => {
    fc.assert(
      fc.property(geometries, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 12 }), (g, at, overscan) => {
        const { height } = bodyOf(g);
        const top = Math.floor(at * Math.max(0, height - g.viewport));
        const rows = rowsAt(g, top, overscan);
        if (g.count === 0) return rows.length === 0;
        for (let k = 1; k < rows.length; k++) {
          expect(rows[k]!.index).toBe(rows[k - 1]!.index + 1);
          expect(rows[k]!.start - rows[k - 1]!.start).toBeCloseTo(g.rowHeight, 6);
        }
        // Covered: the first row starts at or above the viewport's top; the last ends at or below
        // its bottom unless it is the list's last row; rows stay near the body.
        expect(rows[0]!.start).toBeLessThanOrEqual(top + 1e-6);
        const lastRow = rows[rows.length - 1]!;
        expect(lastRow.index === g.count - 1 || lastRow.start + g.rowHeight >= top + g.viewport - 1e-6).toBe(true);
        expect(rows[0]!.start).toBeGreaterThanOrEqual(-1e-6 - (overscan + 1) * g.rowHeight);
        // Past the viewport's end by the overscan and the partly shown row at most (the body clips them).
        expect(lastRow.start + g.rowHeight).toBeLessThanOrEqual(height + 1e-6 + (overscan + 1) * g.rowHeight);
        expect(rows.length).toBeLessThanOrEqual(Math.ceil(g.viewport / g.rowHeight) + 2 + 2 * overscan);
        return true;
      }),
      propertyConfig({ numRuns: 400 }),
    );
  });

  it('scrolls any row fully into view, in whole pixels, and leaves a visible row where it is', () => {
    fc.assert(
      fc.property(
        geometries.filter((g) => g.count > 0 && g.viewport >= 3 * g.rowHeight),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('auto', 'center', 'start') as fc.Arbitrary<'auto' | 'center' | 'start'>,
        (g, which, from, align) => {
          const { height, scale } = bodyOf(g);
          // Whole pixels, and a scale small enough for a row to fit with the rounding (5M rows: ~11).
          fc.pre(g.viewport - g.rowHeight > scale + 1);
          const index = Math.min(g.count - 1, Math.floor(which * g.count));
          const now = Math.floor(from * Math.max(0, height - g.viewport));
          const to = scrollTopFor(g, index, align, now);
          expect(Number.isInteger(to)).toBe(true);
          expect(to).toBeGreaterThanOrEqual(0);
          expect(to).toBeLessThanOrEqual(Math.max(0, height - g.viewport));
          expect(fullyVisible(g, to)).toContain(index);
          // `auto` leaves a row that already shows where it is.
          expect(align !== 'auto' || !fullyVisible(g, now).includes(index) || to === now).toBe(true);
        },
      ),
      propertyConfig({ numRuns: 400 }),
    );
  });
});
