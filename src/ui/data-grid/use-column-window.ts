import { useCallback, useState, type RefObject } from 'react';
import { useScrollMeasure } from '../windowed/use-scroll-measure';
import { columnsAt, scrollLeftFor, type ColumnWindow } from './column-window';

/**
 * The grid's drawn columns (column-window.ts), kept as the user scrolls sideways or resizes the
 * grid. The state changes only when the window does, so a vertical scroll or a sideways one
 * inside a column draws nothing new.
 */
export function useColumnWindow(scrollRef: RefObject<HTMLElement | null>, offsets: Float64Array, rowHeaderWidth: number) {
  const [view, setView] = useState<ColumnWindow>(() => columnsAt(offsets, 0, 1_400));
  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const next = columnsAt(offsets, el.scrollLeft, el.clientWidth - rowHeaderWidth);
    setView((now) => (now.first === next.first && now.last === next.last && now.before === next.before ? now : next));
  }, [scrollRef, offsets, rowHeaderWidth]);
  useScrollMeasure(scrollRef, measure);
  /** Scrolls so column `column` is at the view's left edge; the scroll event then draws it. */
  const scrollToColumn = useCallback(
    (column: number) => {
      const el = scrollRef.current;
      if (el === null) return;
      const to = scrollLeftFor(offsets, column, el.clientWidth - rowHeaderWidth);
      if (to !== el.scrollLeft) el.scrollLeft = to;
      measure();
    },
    [scrollRef, offsets, rowHeaderWidth, measure],
  );
  return { view, scrollToColumn };
}
