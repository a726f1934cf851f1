import { useCallback, useEffect, useRef, useState } from 'react';
import { cacheFor, emptyCache, missingBlocks, rowIn, storeBlock, type BlockCache } from './block-cache';

export interface WindowedBlock<T> {
  readonly rows: readonly T[];
  /** Rows the list holds in all, when the fetch tells it (filtered lists); else undefined. */
  readonly total?: number;
}

/** Asks the engine for `count` rows from `start`; passed in, so ui stays free of the engine. */
export type FetchBlock<T> = (start: number, count: number) => Promise<WindowedBlock<T>>;

export interface WindowedRowsOptions<T> {
  /** The engine's version of the data (plus any filter): a new key starts a fresh cache. */
  readonly key: string;
  /** Caches of one group (e.g. the same filter) show each other's rows while a new key loads. */
  readonly group: string;
  readonly fetch: FetchBlock<T>;
  readonly blockRows: number;
  /** Blocks kept while scrolling; older ones are dropped so memory stays flat at a million rows. */
  readonly maxBlocks: number;
  /**
   * The fetch tells how many rows there are (a filtered list): the first block is asked for as
   * soon as the key changes, since the list cannot know its length before.
   */
  readonly counted?: boolean;
}

/**
 * The rows a virtual list has asked for, fetched in blocks on demand (see block-cache.ts). Late
 * answers for an old key are dropped, so stale rows are never stored under a new version.
 */
export function useWindowedRows<T>({ key, group, fetch, blockRows, maxBlocks, counted: probe = false }: WindowedRowsOptions<T>) {
  const cache = useRef<BlockCache<T>>(emptyCache(key, group));
  // The count of matching rows; kept across keys of one group so the list does not jump.
  const [counted, setCounted] = useState<{ readonly group: string; readonly total: number | undefined } | null>(null);

  const current = useCallback((): BlockCache<T> => {
    cache.current = cacheFor(cache.current, key, group);
    return cache.current;
  }, [key, group]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const c = current();
      for (const b of missingBlocks(c, first, last, blockRows)) {
        c.inflight.add(b);
        fetch(b * blockRows, blockRows).then(
          (w) => {
            if (cache.current !== c) return;
            storeBlock(c, b, w.rows, maxBlocks);
            // A new object every time, so a render follows even when the total is the same.
            setCounted({ group: c.group, total: w.total });
          },
          () => c.inflight.delete(b),
        );
      }
    },
    [current, fetch, blockRows, maxBlocks],
  );

  useEffect(() => {
    if (probe) ensure(0, 0);
  }, [probe, ensure]);

  const rowAt = useCallback((index: number): T | undefined => rowIn(current(), index, blockRows), [current, blockRows]);

  return {
    ensure,
    rowAt,
    /** How many rows the current group holds, once a fetch told it; null until then. */
    total: counted?.group === group ? (counted.total ?? null) : null,
    /** The last count any fetch told, possibly of the previous group (a list that keeps its length until the new one is known). */
    lastTotal: counted?.total ?? null,
  };
}
