/**
 * The arithmetic of a virtual list whose rows all have one height (the Preview and Validate
 * grids), written by hand for two reasons a general virtualizer does not cover:
 *
 * - **Every row reachable.** Chromium clamps an element's height at 33,554,428 px (Firefox near
 *   17.9 million): at 32 px a row, rows past the first ~1,048,000 of a larger file could not be
 *   scrolled to. Past {@link MAX_BODY_PX} the body keeps that height and the scroll position is
 *   scaled onto the rows, so the scroll bar's end is the last row.
 * - **Constant work per scroll.** TanStack Virtual keeps one measurement object per row and
 *   rebuilds the array when the count changes: ~140 ms and ~5 million objects on the page
 *   thread for a 5M-row file. With one height, a row's place is a multiplication.
 *
 * Coordinates: the body (below a sticky header) starts at scroll position 0; `viewport` is the
 * height of the body's visible part (the scroll element's height less the header).
 */

/** The tallest body this list makes: under every browser's clamp, with room to spare. */
export const MAX_BODY_PX = 15_000_000;

export interface FixedRowsGeometry {
  readonly count: number;
  readonly rowHeight: number;
  /** Height of the body's visible part, in px (at least 1 is assumed). */
  readonly viewport: number;
  /** The tallest body allowed; {@link MAX_BODY_PX} unless a test asks for less. */
  readonly maxBody?: number;
}

/** The body's real height, and how many virtual pixels one real scroll pixel stands for. */
export function bodyOf({ count, rowHeight, viewport, maxBody = MAX_BODY_PX }: FixedRowsGeometry): {
  readonly height: number;
  readonly scale: number;
} {
  const full = count * rowHeight;
  if (full <= maxBody) return { height: full, scale: 1 };
  const view = Math.max(1, viewport);
  // Both ranges end with the last row at the bottom of the viewport.
  const real = Math.max(1, maxBody - view);
  return { height: maxBody, scale: Math.max(1, (full - view) / real) };
}

export interface FixedRow {
  readonly index: number;
  /** The row's top inside the body, in real px. */
  readonly start: number;
}

/** The rows to render at a scroll position, `overscan` more on each side, with their places. */
export function rowsAt(geometry: FixedRowsGeometry, scrollTop: number, overscan: number): FixedRow[] {
  const { count, rowHeight, viewport } = geometry;
  if (count <= 0) return [];
  const { height, scale } = bodyOf(geometry);
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, height - Math.max(1, viewport)));
  const virtualTop = top * scale;
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((virtualTop + Math.max(1, viewport)) / rowHeight) - 1 + overscan);
  // A row's real place: its virtual offset from the top of the view, added to the real top.
  const shift = virtualTop - top;
  const rows: FixedRow[] = [];
  for (let i = first; i <= last; i++) rows.push({ index: i, start: i * rowHeight - shift });
  return rows;
}

export type FixedAlign = 'auto' | 'center' | 'start';

/**
 * The scroll position that shows row `index`: centred, at the top, or (`auto`) the least move
 * that brings it fully into view (none when it already is).
 */
export function scrollTopFor(
  geometry: FixedRowsGeometry,
  index: number,
  align: FixedAlign,
  scrollTop: number,
): number {
  const { count, rowHeight } = geometry;
  const viewport = Math.max(1, geometry.viewport);
  const { height, scale } = bodyOf(geometry);
  const i = Math.min(Math.max(0, index), Math.max(0, count - 1));
  const rowTop = i * rowHeight;
  const virtualNow = Math.max(0, scrollTop) * scale;
  // Whole pixels, rounded towards the row: the browser keeps a scroll position in whole pixels
  // here, and one real pixel stands for `scale` virtual ones.
  const real = Math.max(0, height - viewport);
  const place = (virtual: number, round: (x: number) => number) =>
    Math.min(Math.max(0, round(Math.min(Math.max(0, virtual), count * rowHeight - viewport) / scale)), Math.floor(real));
  if (align === 'center') return place(rowTop - (viewport - rowHeight) / 2, Math.round);
  if (align === 'start' || rowTop < virtualNow) return place(rowTop, Math.floor);
  if (rowTop + rowHeight > virtualNow + viewport) return place(rowTop + rowHeight - viewport, Math.ceil);
  return scrollTop;
}
