/**
 * The arithmetic of the virtual lists (the Preview and Validate grids, Review's change list),
 * written by hand for two reasons a general virtualizer does not cover:
 *
 * - **Every row reachable.** Chromium clamps an element's height at 33,554,428 px (Firefox near
 *   17.9 million): at 32 px a row, rows past the first ~1,048,000 of a larger file could not be
 *   scrolled to (at 88 px a change, past ~380,000 changes). Past {@link MAX_BODY_PX} the body
 *   keeps that height and the scroll position is scaled onto the rows, so the scroll bar's end
 *   is the last row.
 * - **Constant work per scroll.** TanStack Virtual keeps one measurement object per row and
 *   rebuilds the array when the count changes: ~140 ms and 5 million objects on the page thread
 *   for a 5M-row file. Here a row's place is a multiplication (rows of one height) or a Fenwick
 *   tree walk (rows measured as they show, `row-sizes.ts`).
 *
 * Coordinates: the body's top is scroll position 0; `viewport` is the height of the body's
 * visible part (the scroll element's height less a header above the body); `paddingStart` is a
 * sticky header inside the body, above the first row, that hides the rows under it.
 */

/** The tallest body a list makes: under every browser's clamp, with room to spare. */
export const MAX_BODY_PX = 15_000_000;

/** Where rows lie, in virtual pixels from the first row's top. */
export interface RowModel {
  readonly count: number;
  startOf(index: number): number;
  sizeOf(index: number): number;
  /** The row at an offset: the last one starting at or above it. */
  indexAt(y: number): number;
  total(): number;
}

/** Rows of one height. */
export function fixedRows(count: number, rowHeight: number): RowModel {
  return {
    count,
    startOf: (index) => index * rowHeight,
    sizeOf: () => rowHeight,
    indexAt: (y) => Math.min(Math.max(0, Math.floor(y / rowHeight)), Math.max(0, count - 1)),
    total: () => count * rowHeight,
  };
}

export interface RowsGeometry {
  readonly rows: RowModel;
  /** Height of the body's visible part, in px (at least 1 is assumed). */
  readonly viewport: number;
  /** A sticky header at the body's top, above the first row, in px. */
  readonly paddingStart?: number;
  /** The tallest body allowed; {@link MAX_BODY_PX} unless a test asks for less. */
  readonly maxBody?: number;
}

/** The body's real height, and how many virtual pixels one real scroll pixel stands for. */
export function bodyOf({ rows, viewport, paddingStart = 0, maxBody = MAX_BODY_PX }: RowsGeometry): {
  readonly height: number;
  readonly scale: number;
} {
  const full = paddingStart + rows.total();
  if (full <= maxBody) return { height: full, scale: 1 };
  const view = Math.max(1, viewport);
  // Both ranges end with the last row at the bottom of the viewport.
  const real = Math.max(1, maxBody - view);
  return { height: maxBody, scale: Math.max(1, (full - view) / real) };
}

export interface PlacedRow {
  readonly index: number;
  /** The row's top inside the body, in real px. */
  readonly start: number;
}

/** The real scroll position, clamped to the body, and the virtual one it stands for. */
function topsAt(geometry: RowsGeometry, scrollTop: number): { readonly top: number; readonly virtualTop: number } {
  const { height, scale } = bodyOf(geometry);
  const view = Math.max(1, geometry.viewport);
  const end = Math.max(0, height - view);
  const top = Math.min(Math.max(0, scrollTop), end);
  // Scaled, within a pixel of the end is the end: the last row's bottom meets the view's, whatever
  // the browser rounded the scroll range to.
  const full = (geometry.paddingStart ?? 0) + geometry.rows.total();
  return { top, virtualTop: scale > 1 && top >= end - 1 ? Math.max(0, full - view) : top * scale };
}

/** The rows to render at a scroll position, `overscan` more on each side, with their places. */
export function rowsAt(geometry: RowsGeometry, scrollTop: number, overscan: number): PlacedRow[] {
  const { rows, viewport, paddingStart = 0 } = geometry;
  if (rows.count <= 0) return [];
  const { top, virtualTop } = topsAt(geometry, scrollTop);
  const first = Math.max(0, rows.indexAt(virtualTop - paddingStart) - overscan);
  const last = Math.min(rows.count - 1, rows.indexAt(virtualTop + Math.max(1, viewport) - paddingStart - 1e-6) + overscan);
  // A row's real place: its virtual offset from the top of the view, added to the real top.
  const shift = virtualTop - top;
  const placed: PlacedRow[] = [];
  for (let i = first; i <= last; i++) placed.push({ index: i, start: paddingStart + rows.startOf(i) - shift });
  return placed;
}

/** The virtual scroll position a real one stands for (the end of a scaled body is the end of the rows). */
export function virtualTopAt(geometry: RowsGeometry, scrollTop: number): number {
  return topsAt(geometry, scrollTop).virtualTop;
}

/**
 * The real scroll position that keeps what is on screen in place after rows were measured:
 * `virtualTop` is the view's virtual top before, `above` how far the rows measured above it moved
 * the rest; `geometry` holds the new sizes.
 */
export function anchoredScrollTop(geometry: RowsGeometry, virtualTop: number, above: number): number {
  // Scaled, any measurement changes the scale too: the real position comes from the virtual one,
  // never from the old real one plus a difference (that would move the view by real × Δscale).
  return Math.max(0, (virtualTop + above) / bodyOf(geometry).scale);
}

/** Rows whose heights can be measured (`set` returns how far it moved the rows after the row). */
export interface MeasurableRows extends RowModel {
  set(index: number, size: number): number;
}

/**
 * Records a batch of measured heights (one ResizeObserver callback) and says where the view must
 * go so that what is on screen stays put: `to` is the new real scroll position, or null when it
 * need not move. The anchor is the first row starting at or below the view's top, chosen before
 * any height changes: the rows before it moved it, whatever order the batch comes in.
 */
export function measureBatch(
  geometry: RowsGeometry & { readonly rows: MeasurableRows },
  scrollTop: number,
  batch: Iterable<readonly [index: number, size: number]>,
): { readonly changed: boolean; readonly to: number | null } {
  const { rows, paddingStart = 0 } = geometry;
  const virtualTop = virtualTopAt(geometry, scrollTop);
  let anchor = rows.indexAt(virtualTop - paddingStart);
  if (paddingStart + rows.startOf(anchor) < virtualTop) anchor++;
  let changed = false;
  let above = 0;
  for (const [index, size] of batch) {
    const delta = rows.set(index, size);
    if (delta === 0) continue;
    changed = true;
    if (index < anchor) above += delta;
  }
  if (!changed) return { changed, to: null };
  const to = anchoredScrollTop(geometry, virtualTop, above);
  return { changed, to: Math.abs(to - scrollTop) >= 0.5 ? to : null };
}

export type RowAlign = 'auto' | 'center' | 'start';

/**
 * The scroll position that shows row `index`: centred, at the top, or (`auto`) the least move
 * that brings it fully into view (none when it already is). A row taller than the view is shown
 * from its top.
 */
export function scrollTopFor(geometry: RowsGeometry, index: number, align: RowAlign, scrollTop: number): number {
  const { rows, paddingStart = 0 } = geometry;
  const viewport = Math.max(1, geometry.viewport);
  const { height, scale } = bodyOf(geometry);
  const i = Math.min(Math.max(0, index), Math.max(0, rows.count - 1));
  const rowTop = paddingStart + rows.startOf(i);
  const rowSize = rows.sizeOf(i);
  const { virtualTop } = topsAt(geometry, scrollTop);
  const virtualMax = paddingStart + rows.total() - viewport;
  // Whole pixels, rounded towards the row: the browser keeps a scroll position in whole pixels
  // here, and one real pixel stands for `scale` virtual ones.
  const end = Math.floor(Math.max(0, height - viewport));
  // Past the last place a view can start: the end, which shows the last rows exactly.
  const place = (virtual: number, round: (x: number) => number) =>
    virtual >= virtualMax ? end : Math.min(Math.max(0, round(Math.max(0, virtual) / scale)), end);
  // The top of a view starts under the sticky header.
  const shown = rowTop - paddingStart;
  if (align === 'center') return place(rowTop - paddingStart - (viewport - paddingStart - rowSize) / 2, Math.round);
  if (align === 'start' || shown < virtualTop || rowSize > viewport - paddingStart) {
    return shown === virtualTop ? scrollTop : place(shown, Math.floor);
  }
  if (rowTop + rowSize > virtualTop + viewport) return place(rowTop + rowSize - viewport, Math.ceil);
  return scrollTop;
}
