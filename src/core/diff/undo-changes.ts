import type { Table } from '../model/table';
import { exportColumns, walkOperations, type ChangeOperation, type ChangeSource } from './change-operations';
import type { Decisions } from './decisions';
import type { DiffResult } from './diff-types';

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
  yield* walkOperations(diff, decisions, source, undoColumns(diff, source.base), true);
}
