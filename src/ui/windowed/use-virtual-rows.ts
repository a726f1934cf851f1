import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, type RefObject } from 'react';

export interface VirtualRowsOptions {
  readonly count: number;
  readonly scrollRef: RefObject<HTMLElement | null>;
  readonly rowHeight: number;
  readonly overscan: number;
  /** Asks for the rows first..last (from useWindowedRows) whenever the visible window moves. */
  readonly ensure: (first: number, last: number) => void;
  /**
   * Pixels before the first row inside the scroll element (a sticky header): row offsets start
   * after it, and a row scrolled to is never left under it.
   */
  readonly paddingStart?: number;
}

/**
 * The shell shared by the three virtual lists (Preview grid, Validate grid, Review list): the
 * virtualizer over a scroll element, and the fetch of the visible window as it moves. Each list
 * keeps its own markup and keyboard model.
 */
export function useVirtualRows({ count, scrollRef, rowHeight, overscan, ensure, paddingStart = 0 }: VirtualRowsOptions) {
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    paddingStart,
    scrollPaddingStart: paddingStart,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) ensure(first, last);
  }, [first, last, ensure]);
  return { virtualizer, items };
}
