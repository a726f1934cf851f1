import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { bodyOf, rowsAt, scrollTopFor, type FixedAlign, type FixedRowsGeometry } from './fixed-rows';

export interface FixedRowsOptions {
  readonly count: number;
  /** The element that scrolls (it holds a sticky header, then the body). */
  readonly scrollRef: RefObject<HTMLElement | null>;
  /** The rows' container, below the header: its offset in the scroll element is the header's height. */
  readonly bodyRef: RefObject<HTMLElement | null>;
  readonly rowHeight: number;
  readonly overscan: number;
  /** Asks for the rows first..last (from useWindowedRows) whenever the visible window moves. */
  readonly ensure: (first: number, last: number) => void;
}

/**
 * The shell of the Preview and Validate grids: rows of one height over a scroll element (see
 * fixed-rows.ts for why not a general virtualizer), and the fetch of the visible window as it
 * moves. Each grid keeps its own markup and keyboard model.
 */
export function useFixedRows({ count, scrollRef, bodyRef, rowHeight, overscan, ensure }: FixedRowsOptions) {
  const [scrollTop, setScrollTop] = useState(0);
  // Before the first measure, a screenful: the first rows are fetched at once.
  const [viewport, setViewport] = useState(600);
  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (el === null) return;
    setScrollTop(el.scrollTop);
    setViewport(Math.max(1, el.clientHeight - (bodyRef.current?.offsetTop ?? 0)));
  }, [scrollRef, bodyRef]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [scrollRef, measure]);

  const geometry: FixedRowsGeometry = useMemo(() => ({ count, rowHeight, viewport }), [count, rowHeight, viewport]);
  const items = useMemo(() => rowsAt(geometry, scrollTop, overscan), [geometry, scrollTop, overscan]);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) ensure(first, last);
  }, [first, last, ensure]);

  /** Scrolls so row `index` shows; the scroll event then renders it. */
  const scrollToIndex = useCallback(
    (index: number, align: FixedAlign) => {
      const el = scrollRef.current;
      if (el === null) return;
      const to = scrollTopFor(geometry, index, align, el.scrollTop);
      if (to !== el.scrollTop) el.scrollTop = to;
    },
    [scrollRef, geometry],
  );
  const body = bodyOf(geometry);
  // Scaled, the rows overscanned past the viewport may lie past the body's end: clipped, they
  // do not stretch the scroll range (the last row is placed at the very end once scrolled to).
  const bodyStyle = { height: body.height, overflowY: body.scale > 1 ? ('clip' as const) : undefined };
  return { items, bodyStyle, scrollToIndex };
}
