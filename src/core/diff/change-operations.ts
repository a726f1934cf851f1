import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { isFieldAccepted, type Decisions } from './decisions';
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
  const columns = exportColumns(diff);
  const baseCols = columns.map((c) => source.base.columns.indexOf(c));
  const nextCols = columns.map((c) => source.next.columns.indexOf(c));
  const zip = (values: readonly Cell[]): OperationField[] =>
    columns.map((column, f) => ({ column, value: values[f] ?? null }));
  for (let i = 0; i < diff.kinds.length; i++) {
    const kind = diff.kinds[i];
    const key = diff.keys[i] as string;
    if (decisions.rejectedChanges.has(key)) continue;
    if (kind === KIND_CODE.added) {
      const record = read(source.next, nextCols, diff.nextRows[i] as number);
      yield { op: 'insert', key, fields: zip(record), old: [], record };
    } else if (kind === KIND_CODE.removed) {
      const record = read(source.base, baseCols, diff.baseRows[i] as number);
      yield { op: 'delete', key, fields: [], old: zip(record), record };
    } else if (kind === KIND_CODE.modified || kind === KIND_CODE.cosmetic) {
      const accepted = (diff.fields.get(i) ?? []).filter((f) => isFieldAccepted(decisions, key, f.column));
      if (accepted.length === 0) continue;
      const record = read(source.base, baseCols, diff.baseRows[i] as number);
      for (const f of accepted) record[columns.indexOf(f.column)] = f.after;
      yield {
        op: 'update',
        key,
        fields: accepted.map((f) => ({ column: f.column, value: f.after })),
        old: accepted.map((f) => ({ column: f.column, value: f.before })),
        record,
      };
    }
  }
}
