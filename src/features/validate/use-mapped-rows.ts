import { useCallback, useEffect, useRef, useState } from 'react';
import type { MappedRow, RowFilter } from '../../core/engine/mapped-workspace';
import { engine } from '../../state/engine';

const BLOCK_ROWS = 100;
/** Blocks kept while scrolling; older ones are dropped so memory stays flat at a million rows. */
const MAX_BLOCKS = 40;

interface Cache {
  readonly key: string;
  readonly filter: RowFilter;
  readonly blocks: Map<number, readonly MappedRow[]>;
  readonly inflight: Set<number>;
}

/**
 * The blocks of mapped rows the grid has asked for, fetched from the engine on demand. A new
 * `key` (an edit, undo, a new filter) starts an empty cache; until its blocks arrive, rows of
 * the previous cache under the same filter are shown, so an edit does not blink the grid.
 */
export function useMappedRows(key: string, filter: RowFilter) {
  const cache = useRef<Cache>({ key, filter, blocks: new Map(), inflight: new Set() });
  const previous = useRef<Cache | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [, setTick] = useState(0);

  const current = useCallback((): Cache => {
    if (cache.current.key !== key) {
      previous.current = cache.current;
      cache.current = { key, filter, blocks: new Map(), inflight: new Set() };
    }
    return cache.current;
  }, [key, filter]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const c = current();
      for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) {
        if (c.blocks.has(b) || c.inflight.has(b)) continue;
        c.inflight.add(b);
        engine
          .mappedWindow(b * BLOCK_ROWS, BLOCK_ROWS, c.filter)
          .then(
            (w) => {
              c.inflight.delete(b);
              if (cache.current !== c) return;
              c.blocks.set(b, w.rows);
              if (c.blocks.size > MAX_BLOCKS)
                c.blocks.delete(c.blocks.keys().next().value as number);
              previous.current = null;
              setTotal(w.total);
              setTick((n) => n + 1);
            },
            () => c.inflight.delete(b),
          );
      }
    },
    [current],
  );

  // The first block also tells how many rows the filter leaves.
  useEffect(() => ensure(0, 0), [ensure]);

  const rowAt = useCallback(
    (index: number): MappedRow | undefined => {
      const b = Math.floor(index / BLOCK_ROWS);
      const c = current();
      const block =
        c.blocks.get(b) ??
        (previous.current?.filter === filter ? previous.current.blocks.get(b) : undefined);
      return block?.[index - b * BLOCK_ROWS];
    },
    [current, filter],
  );

  return { total, ensure, rowAt };
}
