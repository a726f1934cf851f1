import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { recordDecisions, type Decisions } from './decisions';
import { KIND_CODE, type DiffResult } from './diff-types';

/** One field of an exported operation. */
export interface OperationField {
  readonly column: string;
  readonly value: Cell;
}

/**
 * One accepted change as an operation. `insert`: `fields` is the new record. `update`: `fields`
 * holds the accepted changed fields (new values), `old` their old values, `record` the merged
 * record. `delete` (mirror only): `old` is the baseline record.
 */
export interface ChangeOperation {
  readonly op: 'insert' | 'update' | 'delete';
  readonly key: string;
  readonly fields: readonly OperationField[];
  readonly old: readonly OperationField[];
  /** The whole record after the operation (`delete`: before), over {@link exportColumns}. */
  readonly record: readonly Cell[];
}

/** What a change-set export needs besides the diff and decisions. */
export interface ChangeSource {
  readonly base: Table;
  readonly next: Table;
}

const read = (t: Table, cols: readonly number[], r: number): Cell[] =>
  cols.map((c) => (c < 0 ? null : t.cell(r, c)));

/**
 * How a change set over `columns` reads its records: the columns' indexes on each side, a
 * record's cells on a side (`null` where the side lacks the column), and cells as fields.
 */
function recordReader(columns: readonly string[], source: ChangeSource) {
  const baseCols = columns.map((c) => source.base.columns.indexOf(c));
  const nextCols = columns.map((c) => source.next.columns.indexOf(c));
  return {
    base: (r: number) => read(source.base, baseCols, r),
    next: (r: number) => read(source.next, nextCols, r),
    zip: (values: readonly Cell[]): OperationField[] => columns.map((column, f) => ({ column, value: values[f] ?? null })),
  };
}

/** The key columns not compared, then the compared columns: the fields of an exported record. */
export function exportColumns(diff: DiffResult): string[] {
  const extra = diff.key.columns.filter((c) => !diff.compareColumns.includes(c));
  return [...extra, ...diff.compareColumns];
}

/**
 * The accepted changes as operations, in diff record order. Unchanged and absent records, and
 * updates whose every field was rejected, yield nothing.
 *
 * @example
 * [...iterateOperations(diff, acceptAll(), { base, next })].map((o) => o.op); // ['update', 'insert']
 */
export function* iterateOperations(
  diff: DiffResult,
  decisions: Decisions,
  source: ChangeSource,
): Generator<ChangeOperation> {
  yield* walkOperations(diff, decisions, source, exportColumns(diff), false);
}

/**
 * The accepted changes over `columns`, forward or undone (`undo`: an insert becomes a delete, a
 * delete an insert of the baseline record, an update goes back to the old values; `record` is
 * then the baseline record). One walk for both, so the two sets always cover the same changes.
 */
export function* walkOperations(
  diff: DiffResult,
  decisions: Decisions,
  source: ChangeSource,
  columns: readonly string[],
  undo: boolean,
): Generator<ChangeOperation> {
  const r = recordReader(columns, source);
  const decided = recordDecisions(diff.keys, decisions);
  for (let i = 0; i < diff.kinds.length; i++) {
    const kind = diff.kinds[i];
    if (decided.rejected(i)) continue;
    const added = kind === KIND_CODE.added;
    if (added || kind === KIND_CODE.removed) {
      const key = diff.keys.at(i);
      const record = added ? r.next(diff.nextRows[i] as number) : r.base(diff.baseRows[i] as number);
      // Forward, an added record is inserted and a removed one deleted; undone, the reverse.
      yield added !== undo
        ? { op: 'insert', key, fields: r.zip(record), old: [], record }
        : { op: 'delete', key, fields: [], old: r.zip(record), record };
    } else if (kind === KIND_CODE.modified || kind === KIND_CODE.cosmetic) {
      const accepted = (diff.fields.get(i) ?? []).filter((f) => decided.fieldAccepted(i, f.column));
      if (accepted.length === 0) continue;
      const key = diff.keys.at(i);
      const record = r.base(diff.baseRows[i] as number);
      if (!undo) for (const f of accepted) record[columns.indexOf(f.column)] = f.after;
      const after = accepted.map((f) => ({ column: f.column, value: f.after }));
      const before = accepted.map((f) => ({ column: f.column, value: f.before }));
      yield { op: 'update', key, fields: undo ? before : after, old: undo ? after : before, record };
    }
  }
}
