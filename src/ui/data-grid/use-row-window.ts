import { useCallback, useRef, useState } from 'react';
import type { RowWindow } from '../../core/engine/dataset-engine';

/** Rows fetched per request: one block covers a screenful and some overscan. */
export const BLOCK_ROWS = 100;
/** Blocks kept while scrolling; older ones are dropped so memory stays flat at a million rows. */
const MAX_BLOCKS = 60;

export type FetchWindow = (start: number, count: number) => Promise<RowWindow>;

interface Cache {
  readonly version: number;
  readonly blocks: Map<number, RowWindow>;
  readonly inflight: Set<number>;
}

/**
 * Keeps the blocks of rows the grid has asked for, fetched from the engine on demand. The cache
 * belongs to one `version` (file, sort and filter): a new version starts an empty cache, so
 * stale rows are never shown and late answers for an old version are dropped.
 */
export function useRowWindow(fetchWindow: FetchWindow, version: number) {
  const cache = useRef<Cache>({ version, blocks: new Map(), inflight: new Set() });
  const [, setTick] = useState(0);

  const current = useCallback((): Cache => {
    if (cache.current.version !== version) {
      cache.current = { version, blocks: new Map(), inflight: new Set() };
    }
    return cache.current;
  }, [version]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const c = current();
      for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) {
        if (c.blocks.has(b) || c.inflight.has(b)) continue;
        c.inflight.add(b);
        fetchWindow(b * BLOCK_ROWS, BLOCK_ROWS).then(
          (w) => {
            c.inflight.delete(b);
            if (cache.current !== c) return;
            c.blocks.set(b, w);
            if (c.blocks.size > MAX_BLOCKS) c.blocks.delete(c.blocks.keys().next().value as number);
            setTick((n) => n + 1);
          },
          () => c.inflight.delete(b),
        );
      }
    },
    [current, fetchWindow],
  );

  const rowAt = useCallback(
    (index: number) => {
      const block = current().blocks.get(Math.floor(index / BLOCK_ROWS));
      if (block === undefined) return undefined;
      const i = index - block.start;
      const cells = block.rows[i];
      return cells === undefined ? undefined : { cells, sourceRow: block.sourceRows[i] ?? 0 };
    },
    [current],
  );

  return { ensure, rowAt };
}
