import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import {
  exportColumns,
  type ChangeOperation,
  type ChangeSource,
  type OperationField,
} from './change-operations';
import { isFieldAccepted, type Decisions } from './decisions';
import { KIND_CODE, type DiffResult } from './diff-types';

/**
 * The fields of an undo record: those of the forward change set, then every other baseline
 * column, so a deleted record comes back whole (columns left out of the comparison included).
 */
export function undoColumns(diff: DiffResult, base: Table): string[] {
  const columns = exportColumns(diff);
  const seen = new Set(columns);
  for (const c of base.columns) if (!seen.has(c)) columns.push(c);
  return columns;
}

const read = (t: Table, cols: readonly number[], r: number): Cell[] =>
  cols.map((c) => (c < 0 ? null : t.cell(r, c)));

/**
 * The change set that undoes the accepted changes (the forward set of `iterateOperations`),
 * in diff record order, over {@link undoColumns}: each insert becomes a `delete` of that record,
 * each delete an `insert` of the whole baseline record, each update an `update` back to the old
 * values (`fields`: the old values, `old`: the values the forward set wrote; `record`: the
 * baseline record). Applied after the forward set, it gives back the baseline's records.
 *
 * @example
 * [...iterateUndo(diff, acceptAll(), { base, next })].map((o) => o.op); // ['update', 'delete']
 */
export function* iterateUndo(
  diff: DiffResult,
  decisions: Decisions,
  source: ChangeSource,
): Generator<ChangeOperation> {
  const columns = undoColumns(diff, source.base);
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
      yield { op: 'delete', key, fields: [], old: zip(record), record };
    } else if (kind === KIND_CODE.removed) {
      const record = read(source.base, baseCols, diff.baseRows[i] as number);
      yield { op: 'insert', key, fields: zip(record), old: [], record };
    } else if (kind === KIND_CODE.modified || kind === KIND_CODE.cosmetic) {
      const accepted = (diff.fields.get(i) ?? []).filter((f) =>
        isFieldAccepted(decisions, key, f.column),
      );
      if (accepted.length === 0) continue;
      yield {
        op: 'update',
        key,
        fields: accepted.map((f) => ({ column: f.column, value: f.before })),
        old: accepted.map((f) => ({ column: f.column, value: f.after })),
        record: read(source.base, baseCols, diff.baseRows[i] as number),
      };
    }
  }
}
