import { useLayoutEffect, type RefObject } from 'react';

/**
 * Runs `measure` now, on every scroll of `scrollRef`'s element and whenever it is resized: how
 * the windowed lists (rows) and the grid's columns keep what they draw in step with the view.
 * `measure` should be stable (useCallback): a new one re-subscribes.
 */
export function useScrollMeasure(scrollRef: RefObject<HTMLElement | null>, measure: () => void): void {
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
}
