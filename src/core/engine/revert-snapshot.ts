import { TableBuilder, type Table } from '../model/table';
import type { Cell } from '../model/cell';
import { readSnapshotRecords } from './read-source';

/**
 * A stored snapshot's records as a table over its stored column order, read as a baseline's
 * are (a slice at a time, size-checked first: `readSnapshotRecords`): what reverting to that
 * snapshot makes the data.
 *
 * @example
 * const table = await readSnapshotTable(bytes, ['id', 'name']);
 */
export async function readSnapshotTable(
  file: Blob | Uint8Array,
  columns: readonly string[],
  signal?: AbortSignal,
): Promise<Table> {
  const table = await readSnapshotRecords(file, { signal });
  const order = columns.length > 0 ? columns : table.columns;
  if (order.length === table.columns.length && order.every((c, i) => c === table.columns[i]))
    return table;
  const at = order.map((name) => table.columns.indexOf(name));
  const out = new TableBuilder(order);
  for (let r = 0; r < table.rowCount; r++) {
    out.appendRow(
      at.map((c): Cell => (c < 0 ? null : table.cell(r, c))),
      table.sourceRow(r),
    );
  }
  return out.finish();
}
