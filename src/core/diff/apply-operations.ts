import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import { TableBuilder, type Table } from '../model/table';
import type { ChangeOperation } from './change-operations';
import { keyOf, type KeySpec } from './key-spec';

/**
 * Applies a change set (forward or undo) to a table, record by record, matched by key under
 * `key` (the spec the change set's keys were made with): an `update` writes its fields, a
 * `delete` drops the record, an `insert` appends its fields. Columns: the table's, then any
 * the operations name that it lacks. Row order: the table's, then the inserts.
 * Throws `PorterError('internal')` when an operation names a key it cannot apply to (an update
 * or delete of a key the table lacks, an insert of one it has): a change set made for other data.
 *
 * @example
 * applyOperations(applyOperations(base, key, forward), key, undo); // base's records again
 */
export function applyOperations(
  table: Table,
  key: KeySpec,
  operations: Iterable<ChangeOperation>,
): Table {
  const ops = [...operations];
  const columns = [...table.columns];
  const index = new Map(columns.map((c, i) => [c, i] as const));
  const column = (name: string): number => {
    let c = index.get(name);
    if (c === undefined) {
      c = columns.length;
      columns.push(name);
      index.set(name, c);
    }
    return c;
  };
  for (const op of ops) for (const f of [...op.fields, ...op.old]) column(f.column);
  const keyCols = key.columns.map((c) => table.columns.indexOf(c));
  const rowOf = new Map<string, number>();
  for (let r = 0; r < table.rowCount; r++) {
    const k = keyOf(
      keyCols.map((c) => (c < 0 ? null : table.cell(r, c))),
      key,
    );
    if (k !== null) rowOf.set(k, r);
  }
  const updates = new Map<number, ChangeOperation>();
  const deleted = new Set<number>();
  const inserts: ChangeOperation[] = [];
  for (const op of ops) {
    const r = rowOf.get(op.key);
    if (op.op === 'insert') {
      if (r !== undefined && !deleted.has(r)) refuse(op);
      inserts.push(op);
    } else if (r === undefined || deleted.has(r)) refuse(op);
    else if (op.op === 'delete') deleted.add(r as number);
    else updates.set(r as number, op);
  }
  const out = new TableBuilder(columns);
  const width = columns.length;
  for (let r = 0; r < table.rowCount; r++) {
    if (deleted.has(r)) continue;
    const cells: Cell[] = table.row(r);
    while (cells.length < width) cells.push(null);
    for (const f of updates.get(r)?.fields ?? []) cells[index.get(f.column) as number] = f.value;
    out.appendRow(cells, out.rowCount + 2);
  }
  for (const op of inserts) {
    const cells: Cell[] = columns.map(() => null);
    for (const f of op.fields) cells[index.get(f.column) as number] = f.value;
    out.appendRow(cells, out.rowCount + 2);
  }
  return out.finish();
}

function refuse(op: ChangeOperation): never {
  throw new PorterError('internal', { reason: 'change-set-mismatch', op: op.op, key: op.key });
}
