import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { bodyOf, fixedRows, measureBatch, rowsAt, scrollTopFor, type RowAlign, type RowModel, type RowsGeometry } from './row-layout';
import { RowSizes } from './row-sizes';
import { useScrollMeasure } from './use-scroll-measure';

interface ListShell {
  /** The element that scrolls. */
  readonly scrollRef: RefObject<HTMLElement | null>;
  /** The rows' container when a header sits above it in the scroll element (the grids). */
  readonly bodyRef?: RefObject<HTMLElement | null>;
  readonly overscan: number;
  /** Asks for the rows first..last (from useWindowedRows) whenever the visible window moves. */
  readonly ensure: (first: number, last: number) => void;
  /** A sticky header inside the body, above the first row, in px. */
  readonly paddingStart?: number;
}

/** The scroll position and the visible height of the body, kept as the user scrolls or resizes. */
function useScrollView(scrollRef: RefObject<HTMLElement | null>, bodyRef: RefObject<HTMLElement | null> | undefined) {
  const [scrollTop, setScrollTop] = useState(0);
  // Before the first measure, a screenful: the first rows are fetched at once.
  const [viewport, setViewport] = useState(600);
  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (el === null) return;
    setScrollTop(el.scrollTop);
    setViewport(Math.max(1, el.clientHeight - (bodyRef?.current?.offsetTop ?? 0)));
  }, [scrollRef, bodyRef]);
  useScrollMeasure(scrollRef, measure);
  return { scrollTop, viewport, measure };
}

/** The rows in view for a geometry, the fetch of them, and a scroll to any row. */
function useRowWindow(geometry: RowsGeometry, version: number, scrollTop: number, shell: ListShell) {
  const { scrollRef, overscan, ensure } = shell;
  // `version` stands for changes inside a mutable RowModel (measured sizes).
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- version marks the model's changes
  const items = useMemo(() => rowsAt(geometry, scrollTop, overscan), [geometry, version, scrollTop, overscan]);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) ensure(first, last);
  }, [first, last, ensure]);
  /** Scrolls so row `index` shows; the scroll event then renders it. */
  const scrollToIndex = useCallback(
    (index: number, align: RowAlign) => {
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
  // Rows at least partly in view, overscan left out: what a page key moves by.
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- version marks the model's changes
  const inView = useMemo(() => rowsAt(geometry, scrollTop, 0).length, [geometry, version, scrollTop]);
  return { items, inView, bodyStyle, bodyHeight: body.height, scrollToIndex };
}

export interface FixedRowsOptions extends ListShell {
  readonly count: number;
  readonly rowHeight: number;
}

/** The Preview and Validate grids: rows of one height (see row-layout.ts). */
export function useFixedRows({ count, rowHeight, ...shell }: FixedRowsOptions) {
  const { scrollTop, viewport } = useScrollView(shell.scrollRef, shell.bodyRef);
  const geometry = useMemo(
    () => ({ rows: fixedRows(count, rowHeight), viewport, paddingStart: shell.paddingStart }),
    [count, rowHeight, viewport, shell.paddingStart],
  );
  return useRowWindow(geometry, 0, scrollTop, shell);
}

export interface MeasuredRowsOptions extends ListShell {
  readonly count: number;
  /** A row's height until it is measured. */
  readonly estimate: number;
  /** A new key forgets the measured heights (the rows changed shape: another view). */
  readonly shapeKey: string;
}

/**
 * Review's change list: rows measured as they show (`measureRef` on each row, which carries
 * `data-index`), through one ResizeObserver: its sizes come after layout, so measuring forces no
 * layout of its own. A row above the view that changes height moves the scroll position with it,
 * so what is on screen stays put.
 */
export function useMeasuredRows({ count, estimate, shapeKey, ...shell }: MeasuredRowsOptions) {
  const { scrollRef, paddingStart = 0 } = shell;
  const { scrollTop, viewport, measure } = useScrollView(scrollRef, shell.bodyRef);
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- a new shape starts fresh sizes
  const sizes = useMemo(() => new RowSizes(count, estimate), [count, estimate, shapeKey]);
  const [version, setVersion] = useState(0);
  const geometry = useMemo(() => ({ rows: sizes as RowModel, viewport, paddingStart }), [sizes, viewport, paddingStart]);

  const latest = useRef({ sizes, geometry });
  useLayoutEffect(() => {
    latest.current = { sizes, geometry };
  }, [sizes, geometry]);
  // Where the view goes once the rows are placed at their new heights: the body must have its new
  // height first (a position past the old end would be clamped, and a view at the end would be
  // left short of it when the records in it grow).
  const pending = useRef<number | 'end' | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const to = pending.current;
    pending.current = null;
    if (el === null || to === null) return;
    el.scrollTop = to === 'end' ? el.scrollHeight - el.clientHeight : to;
    // Rendered for the new position before the browser paints.
    measure();
  }, [version, scrollRef, measure]);
  const observed = useRef(new Set<Element>());
  const [observer] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          const { sizes: now, geometry: g } = latest.current;
          const el = scrollRef.current;
          const { height } = bodyOf(g);
          // A move already decided and not yet made counts as made.
          const real = typeof pending.current === 'number' ? pending.current : (el?.scrollTop ?? 0);
          // A view at the end stays at the end (the last rows are what it shows).
          const atEnd = real >= height - Math.max(1, g.viewport) - 1;
          const batch: [number, number][] = [];
          for (const entry of entries) {
            const index = Number((entry.target as HTMLElement).dataset['index']);
            if (!Number.isInteger(index)) continue;
            const box = entry.borderBoxSize?.[0];
            batch.push([index, box ? box.blockSize : (entry.target as HTMLElement).offsetHeight]);
          }
          const { changed, to } = measureBatch({ ...g, rows: now }, real, batch);
          if (!changed) return;
          if (atEnd || pending.current === 'end') pending.current = 'end';
          else if (to !== null) pending.current = to;
          setVersion((v) => v + 1);
        }),
  );
  // Fresh sizes: the rows on screen are measured again into them.
  useEffect(() => {
    if (observer === null) return;
    for (const el of observed.current) {
      observer.unobserve(el);
      observer.observe(el);
    }
  }, [observer, sizes]);
  useEffect(() => () => observer?.disconnect(), [observer]);
  const measureRef = useCallback(
    (el: HTMLElement | null) => {
      if (el === null || observer === null) return;
      observer.observe(el);
      observed.current.add(el);
      return () => {
        observer.unobserve(el);
        observed.current.delete(el);
      };
    },
    [observer],
  );
  return { ...useRowWindow(geometry, version, scrollTop, shell), measureRef };
}
