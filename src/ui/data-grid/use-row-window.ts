import { useCallback, useEffect, useRef, useState } from 'react';
import type { RowWindow } from '../../core/engine/dataset-engine';

/** Rows fetched per request: one block covers a screenful and some overscan. */
export const BLOCK_ROWS = 100;

export type FetchWindow = (start: number, count: number) => Promise<RowWindow>;

/**
 * Keeps the blocks of rows the grid has asked for, fetched from the engine on demand. A change
 * of `version` (new file, sort or filter) drops every block, so stale rows are never shown.
 */
export function useRowWindow(fetchWindow: FetchWindow, version: number) {
  const blocks = useRef(new Map<number, RowWindow>());
  const inflight = useRef(new Set<number>());
  const [, setTick] = useState(0);

  useEffect(() => {
    blocks.current = new Map();
    inflight.current = new Set();
    setTick((n) => n + 1);
  }, [version, fetchWindow]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const firstBlock = Math.floor(first / BLOCK_ROWS);
      const lastBlock = Math.floor(last / BLOCK_ROWS);
      for (let b = firstBlock; b <= lastBlock; b++) {
        if (blocks.current.has(b) || inflight.current.has(b)) continue;
        inflight.current.add(b);
        const map = blocks.current;
        fetchWindow(b * BLOCK_ROWS, BLOCK_ROWS).then(
          (w) => {
            if (map !== blocks.current) return; // a newer version replaced the cache
            map.set(b, w);
            inflight.current.delete(b);
            // Keep memory flat while scrolling through a million rows.
            if (map.size > 60) map.delete(map.keys().next().value as number);
            setTick((n) => n + 1);
          },
          () => inflight.current.delete(b),
        );
      }
    },
    [fetchWindow],
  );

  const rowAt = useCallback((index: number) => {
    const block = blocks.current.get(Math.floor(index / BLOCK_ROWS));
    if (block === undefined) return undefined;
    const i = index - block.start;
    const cells = block.rows[i];
    return cells === undefined ? undefined : { cells, sourceRow: block.sourceRows[i] ?? 0 };
  }, []);

  return { ensure, rowAt };
}
