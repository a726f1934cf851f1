import { useCallback, useRef, useState } from 'react';
import type { ChangeKind } from '../../core/diff/diff-types';
import type { ReviewItem } from '../../core/engine/review-session';
import { engine } from '../../state/engine';

/** Records fetched per request. */
const BLOCK = 50;
/** Blocks kept while scrolling; older ones are dropped so memory stays flat at a million records. */
const MAX_BLOCKS = 40;

interface Cache {
  readonly version: number;
  readonly filter: string;
  readonly blocks: Map<number, readonly ReviewItem[]>;
  readonly inflight: Set<number>;
  /** The previous blocks of the same filter, shown until fresh ones arrive (no flicker on a decision). */
  readonly stale: Map<number, readonly ReviewItem[]> | null;
}

/**
 * The review records the list has asked for, fetched from the engine in blocks. A new review
 * version (a decision, a new diff) or a new filter starts a fresh cache; late answers for an old
 * one are dropped.
 */
export function useReviewWindow(version: number, kinds: readonly ChangeKind[], search: string) {
  const filter = `${kinds.join(',')}|${search}`;
  const cache = useRef<Cache>({ version, filter, blocks: new Map(), inflight: new Set(), stale: null });
  // The count of matching records; kept across decisions (same filter) so the list does not jump.
  const [counted, setCounted] = useState<{ readonly filter: string; readonly total: number } | null>(null);

  const current = useCallback((): Cache => {
    const c = cache.current;
    if (c.version !== version || c.filter !== filter) {
      const same = c.filter === filter;
      cache.current = {
        version,
        filter,
        blocks: new Map(),
        inflight: new Set(),
        stale: same ? c.blocks : null,
      };
    }
    return cache.current;
  }, [version, filter]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const c = current();
      for (let b = Math.floor(first / BLOCK); b <= Math.floor(Math.max(first, last) / BLOCK); b++) {
        if (c.blocks.has(b) || c.inflight.has(b)) continue;
        c.inflight.add(b);
        engine.reviewWindow(b * BLOCK, BLOCK, kinds, search).then(
          (w) => {
            c.inflight.delete(b);
            if (cache.current !== c) return;
            c.blocks.set(b, w.items);
            if (c.blocks.size > MAX_BLOCKS) c.blocks.delete(c.blocks.keys().next().value as number);
            // A new object every time, so a render follows even when the total is the same.
            setCounted({ filter: c.filter, total: w.total });
          },
          () => c.inflight.delete(b),
        );
      }
    },
    [current, kinds, search],
  );

  const itemAt = useCallback(
    (index: number): ReviewItem | undefined => {
      const c = current();
      const b = Math.floor(index / BLOCK);
      return (c.blocks.get(b) ?? c.stale?.get(b))?.[index - b * BLOCK];
    },
    [current],
  );

  return { ensure, itemAt, total: counted?.filter === filter ? counted.total : null };
}
