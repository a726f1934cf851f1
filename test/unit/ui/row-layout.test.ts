import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_PX, bodyOf, measureBatch, fixedRows, rowsAt, scrollTopFor, virtualTopAt, type RowsGeometry } from '../../../src/ui/windowed/row-layout';
import { RowSizes } from '../../../src/ui/windowed/row-sizes';
import { propertyConfig } from '../../support/seeded';

interface Fixed {
  readonly count: number;
  readonly rowHeight: number;
  readonly viewport: number;
  readonly maxBody?: number;
}
const geo = ({ count, rowHeight, viewport, maxBody }: Fixed): RowsGeometry => ({ rows: fixedRows(count, rowHeight), viewport, maxBody });

/** Rows wholly inside the viewport (below a sticky header) at a scroll position (no overscan). */
function fullyVisible(g: RowsGeometry, scrollTop: number): number[] {
  const pad = g.paddingStart ?? 0;
  return rowsAt(g, scrollTop, 0)
    .filter((r) => r.start >= scrollTop + pad - 1e-6 && r.start + g.rows.sizeOf(r.index) <= scrollTop + g.viewport + 1e-6)
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
    const g = geo({ count: 1_000, rowHeight: 32, viewport: 400 });
    expect(bodyOf(g)).toEqual({ height: 32_000, scale: 1 });
    expect(rowsAt(g, 320, 0).map((r) => [r.index, r.start])).toEqual(
      Array.from({ length: 13 }, (_, k) => [10 + k, (10 + k) * 32]),
    );
    expect(rowsAt(g, 320, 2)[0]).toEqual({ index: 8, start: 256 });
  });

  it('caps the body of 5M rows under the browsers’ clamp and still ends on the last row', () => {
    const g = geo({ count: 5_000_000, rowHeight: 32, viewport: 600 });
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
      fc.property(geometries, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 12 }), (f, at, overscan) => {
        const g = { ...f, ...geo(f) };
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
        (f, which, from, align) => {
          const g = { ...f, ...geo(f) };
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

/** The RowSizes with those rows measured, beside the plain array of every row's height. */
function build({ count, estimate, measures }: { count: number; estimate: number; measures: [number, number][] }) {
  const sizes = new RowSizes(count, estimate);
  const plain = Array.from({ length: count }, () => estimate);
  const moves: [number, number][] = [];
  for (const [at, size] of measures) {
    if (count === 0) break;
    const i = Math.min(count - 1, Math.floor(at * count));
    const before = sizes.total();
    const moved = sizes.set(i, size);
    plain[i] = Math.max(1, size);
    moves.push([sizes.total() - before, moved]);
  }
  return { sizes, plain, moves };
}

describe('rows measured as they show', () => {
  /** A RowSizes with some rows measured, beside the plain array of every row's height. */
  const measuredRows = fc.record({
    count: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 300, max: 5_000 })),
    estimate: fc.integer({ min: 20, max: 120 }),
    measures: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 900 })), { maxLength: 200 }),
  });

  it('gives the same offsets, total and row at an offset as summing every row', () => {
    fc.assert(
      fc.property(measuredRows, fc.array(fc.double({ min: -50, max: 1.05, noNaN: true }), { minLength: 1, maxLength: 30 }), (shape, probes) => {
        const { sizes, plain, moves } = build(shape);
        // `set` says how far it moved the rows after it.
        for (const [total, moved] of moves) expect(total).toBeCloseTo(moved, 6);
        const starts = [0];
        for (const h of plain) starts.push(starts[starts.length - 1]! + h);
        expect(sizes.total()).toBeCloseTo(starts[plain.length]!, 6);
        for (const p of probes) {
          const i = Math.min(plain.length, Math.max(0, Math.floor(Math.abs(p) * plain.length)));
          expect(sizes.startOf(i)).toBeCloseTo(starts[i]!, 6);
          expect(sizes.sizeOf(Math.min(i, plain.length - 1))).toBe(plain[Math.min(i, plain.length - 1)] ?? sizes.estimate);
          // The row at an offset, by a linear walk; exact row boundaries included.
          const y = p < 0 ? p : p * starts[plain.length]!;
          for (const at of [y, starts[i]!]) {
            let want = 0;
            while (want + 1 < plain.length && starts[want + 1]! <= at) want++;
            expect(sizes.indexAt(at)).toBe(want);
          }
        }
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('places measured rows end to end, covering the view below a sticky header, and scrolls any row into view', () => {
    fc.assert(
      fc.property(
        measuredRows.filter(({ count }) => count > 0),
        fc.integer({ min: 200, max: 1_200 }),
        fc.constantFrom(0, 32),
        fc.constantFrom(MAX_BODY_PX, 50_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('auto', 'center', 'start') as fc.Arbitrary<'auto' | 'center' | 'start'>,
        (shape, viewport, paddingStart, maxBody, at, which, align) => {
          const { sizes, plain } = build(shape);
          const g: RowsGeometry = { rows: sizes, viewport, paddingStart, maxBody };
          const { height, scale } = bodyOf(g);
          const top = Math.floor(at * Math.max(0, height - viewport));
          const rows = rowsAt(g, top, 2);
          for (let k = 1; k < rows.length; k++) {
            expect(rows[k]!.index).toBe(rows[k - 1]!.index + 1);
            expect(rows[k]!.start - rows[k - 1]!.start).toBeCloseTo(plain[rows[k - 1]!.index]!, 6);
          }
          // The view below the header is covered from its top.
          expect(rowsAt(g, top, 0)[0]!.start).toBeLessThanOrEqual(top + paddingStart + 1e-6);
          const lastRow = rows[rows.length - 1]!;
          expect(lastRow.index === plain.length - 1 || lastRow.start + plain[lastRow.index]! >= top + viewport - 1e-6).toBe(true);

          const index = Math.min(plain.length - 1, Math.floor(which * plain.length));
          fc.pre(viewport - paddingStart - plain[index]! > scale + 1);
          const to = scrollTopFor(g, index, align, top);
          expect(Number.isInteger(to) || to === top).toBe(true);
          expect(fullyVisible(g, to)).toContain(index);
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

/** The hook's reaction to one batch of measurements; the browser keeps whole pixels. */
function measure(g: RowsGeometry & { rows: RowSizes }, real: number, batch: [number, number][]) {
  const { to } = measureBatch(g, real, batch);
  return to === null ? real : Math.round(to);
}
/** The real offset from the view's top of the first row that starts inside it, and that row. */
function anchorOf(g: RowsGeometry, real: number) {
  const virtualTop = virtualTopAt(g, real);
  const row = rowsAt(g, real, 0).find((r) => (g.paddingStart ?? 0) + g.rows.startOf(r.index) >= virtualTop);
  return row && { index: row.index, offset: row.start - real };
}


describe('keeping what is on screen in place as rows are measured', () => {
  it('a record in view that grows moves neither it nor the records above it, scaled or not', () => {
    const sizes = new RowSizes(2_000, 88);
    const g = { rows: sizes, viewport: 600, maxBody: 50_000 };
    expect(bodyOf(g).scale).toBeGreaterThan(3);
    const real = 20_000;
    const before = anchorOf(g, real)!;
    const after = measure(g, real, [[before.index + 2, 300]]);
    const now = rowsAt(g, after, 0).find((r) => r.index === before.index)!;
    expect(Math.abs(now.start - after - before.offset)).toBeLessThanOrEqual(bodyOf(g).scale / 2 + 1e-6);
  });

  it('keeps the first record starting in view where it was through any batch of measurements', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 5_000 }),
        fc.integer({ min: 40, max: 120 }),
        fc.integer({ min: 300, max: 900 }),
        fc.constantFrom(0, 32),
        fc.constantFrom(MAX_BODY_PX, 60_000, 20_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.integer({ min: -8, max: 12 }), fc.integer({ min: 20, max: 600 })), { minLength: 1, maxLength: 20 }),
        (count, estimate, viewport, paddingStart, maxBody, at, batch) => {
          const sizes = new RowSizes(count, estimate);
          const g = { rows: sizes, viewport, paddingStart, maxBody };
          const { height } = bodyOf(g);
          const end = Math.max(0, height - viewport);
          const real = Math.floor(at * end);
          // At the end the list keeps its end in view instead (tested in e2e).
          fc.pre(real < end - 1);
          const before = anchorOf(g, real);
          fc.pre(before !== undefined);
          // Rows near the view measured: some above it, some in it.
          const measured = batch
            .map(([k, size]): [number, number] => [before!.index + k, size])
            .filter(([i]) => i >= 0 && i < count);
          const after = measure(g, real, measured);
          const newEnd = Math.max(0, bodyOf(g).height - viewport);
          // Where the view must start for the row to stay put: inside the body (not above its top, not at its end).
          const wanted = paddingStart + sizes.startOf(before!.index) - before!.offset;
          fc.pre(wanted >= 0 && wanted / bodyOf(g).scale < newEnd - 1);
          const now = rowsAt(g, after, 0).find((r) => r.index === before!.index);
          expect(now).toBeDefined();
          // Within the half real pixel the browser rounds the scroll position to.
          expect(Math.abs(now!.start - after - before!.offset)).toBeLessThanOrEqual(bodyOf(g).scale / 2 + 1e-6);
        },
      ),
      propertyConfig({ numRuns: 400 }),
    );
  });
});
