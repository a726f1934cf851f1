import type { Cell } from '../model/cell';
import { readNdjson, snapshotLayout } from '../read/ndjson-read';


/** The first records of a snapshot, as the History list shows them. */
export interface SnapshotHead {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/**
 * The first `count` records of a committed snapshot (NDJSON, as the commit wrote it, in either
 * layout: `snapshotLayout`), read by
 * the same NDJSON reader a baseline goes through, so the preview shows exactly what "use as
 * baseline" would read (dotted names for nested objects, numbers as their source text).
 *
 * `bytes` is the start of the snapshot; unless `complete`, it may end inside a record, so only
 * whole lines are read. `columns` is the snapshot's stored column order; when empty, the
 * columns come in the order the reader met them.
 *
 * @example
 * const head = await readSnapshotHead(new TextEncoder().encode('{"id":"1","a":{"b":"x"}}\n{"id'), 5, [], false);
 * head; // { columns: ['id', 'a.b'], rows: [['1', 'x']] }
 */
export async function readSnapshotHead(
  bytes: Uint8Array,
  count: number,
  columns: readonly string[],
  complete: boolean,
  signal?: AbortSignal,
): Promise<SnapshotHead> {
  let text = new TextDecoder().decode(bytes);
  if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const { table } = await readNdjson(text, { signal }, snapshotLayout(bytes));
  const order = columns.length > 0 ? columns : table.columns;
  const at = new Map(table.columns.map((name, i) => [name, i]));
  const rows: Cell[][] = [];
  for (let r = 0; r < Math.min(count, table.rowCount); r++) {
    rows.push(order.map((name) => {
      const c = at.get(name);
      return c === undefined ? null : table.cell(r, c);
    }));
  }
  return { columns: [...order], rows };
}
