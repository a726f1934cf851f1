/**
 * The columns of the data grid that are drawn: a file may have 10,000 columns
 * (docs/limits.md), and the grid drew every one in every row, a 4-5 s task when Preview opened
 * (25 rows) and ~0.5 s more when it was left. A wide grid draws the columns in view and a few
 * either side; the space of the others is one spacer before them and the row's width after.
 *
 * Written by hand, as the rows are (`../windowed/row-layout.ts`): the columns have the widths
 * the user gives them, so their places are one prefix sum (10,000 additions when a width
 * changes) and the first column in view a binary search; a virtualizer library would keep an
 * object per column and add to the first load for what is two functions here.
 *
 * Coordinates: 0 is the first data column's left edge; the view is the grid's visible width
 * less the sticky row-number column, starting at the scroll element's `scrollLeft`.
 */

/**
 * Columns a grid draws whole. Up to this many, every column is drawn as before (the browser's
 * find on the page sees every cell); past it, the columns in view.
 */
export const WINDOW_COLUMNS_FROM = 50;

/** Columns drawn past each edge of the view, so Tab and a scroll of a column or two find them. */
export const COLUMN_OVERSCAN = 3;

/** The columns drawn, `first` to `last` inclusive, and the width left out before them. */
export interface ColumnWindow {
  readonly first: number;
  readonly last: number;
  /** Width of the columns before `first`, in px: the spacer that keeps the others in place. */
  readonly before: number;
}

/**
 * Each column's left edge, and the total width last: `offsets[c]` to `offsets[c + 1]` is column c.
 *
 * @example
 * columnOffsets([100, 50]) // Float64Array [0, 100, 150]
 */
export function columnOffsets(widths: readonly number[]): Float64Array {
  const offsets = new Float64Array(widths.length + 1);
  for (let c = 0; c < widths.length; c++) offsets[c + 1] = (offsets[c] ?? 0) + (widths[c] ?? 0);
  return offsets;
}

/** The column under `x` (the last one starting at or left of it), clamped to the columns. */
export function columnAt(offsets: Float64Array, x: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The columns to draw for a view of `width` px scrolled to `left`: every one of a grid up to
 * {@link WINDOW_COLUMNS_FROM} columns, else those at least partly in view and `overscan` more
 * on each side.
 *
 * @example
 * columnsAt(columnOffsets(Array(100).fill(100)), 1_000, 300, 1) // { first: 9, last: 13, before: 900 }
 */
export function columnsAt(offsets: Float64Array, left: number, width: number, overscan = COLUMN_OVERSCAN): ColumnWindow {
  const count = offsets.length - 1;
  if (count <= WINDOW_COLUMNS_FROM) return { first: 0, last: count - 1, before: 0 };
  const from = columnAt(offsets, Math.max(0, left));
  // The column holding the view's last pixel (right edge excluded).
  const to = columnAt(offsets, Math.max(left, left + Math.max(1, width) - 1));
  const first = Math.max(0, from - overscan);
  const last = Math.min(count - 1, to + overscan);
  return { first, last, before: offsets[first] ?? 0 };
}

/**
 * The scroll position that shows column `column` at the view's left edge, or as far left as the
 * end of the columns allows.
 *
 * @example
 * scrollLeftFor(columnOffsets([100, 100, 100]), 1, 150) // 100
 */
export function scrollLeftFor(offsets: Float64Array, column: number, width: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  const c = Math.min(Math.max(0, column), count - 1);
  const total = offsets[count] ?? 0;
  return Math.max(0, Math.min(offsets[c] ?? 0, total - width));
}
