import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import { TableBuilder, type Table } from '../model/table';
import { isFieldAccepted, type Decisions } from './decisions';
import { KIND_CODE, type DiffResult } from './diff-types';

/**
 * The merged dataset: the baseline with the accepted changes applied. Accepted adds are appended
 * (new-data order), accepted removals (mirror) deleted, accepted field changes written; rejected
 * ones keep the baseline. Columns: the baseline's, then compared columns only the new data has.
 * Row order: the baseline's, then the adds; source rows are the merged record numbers.
 * Throws `PorterError('internal', { reason: 'key-conflicts' })` while the diff is blocked.
 *
 * @example
 * const merged = applyChanges(base, next, diff, acceptAll());
 */
export function applyChanges(base: Table, next: Table, diff: DiffResult, decisions: Decisions): Table {
  if (diff.blocked) throw new PorterError('internal', { reason: 'key-conflicts' });
  const columns = [...base.columns];
  for (const c of diff.compareColumns) if (!columns.includes(c)) columns.push(c);
  const outIndex = new Map(columns.map((c, i) => [c, i] as const));
  const recordOfBase = new Int32Array(base.rowCount).fill(-1);
  for (let i = 0; i < diff.kinds.length; i++) {
    const r = diff.baseRows[i] as number;
    if (r >= 0) recordOfBase[r] = i;
  }
  const out = new TableBuilder(columns);
  const pad = columns.length - base.columns.length;
  const baseRow = (r: number): Cell[] => {
    const cells = base.row(r);
    for (let k = 0; k < pad; k++) cells.push(null);
    return cells;
  };
  for (let r = 0; r < base.rowCount; r++) {
    const i = recordOfBase[r] as number;
    const kind = diff.kinds[i];
    const key = diff.keys[i] as string;
    if (kind === KIND_CODE.removed && !decisions.rejectedChanges.has(key)) continue;
    const cells = baseRow(r);
    for (const f of diff.fields.get(i) ?? []) {
      if (isFieldAccepted(decisions, key, f.column)) cells[outIndex.get(f.column) as number] = f.after;
    }
    out.appendRow(cells, out.rowCount + 2);
  }
  const nextIndex = columns.map((c) => next.columns.indexOf(c));
  for (let i = 0; i < diff.kinds.length; i++) {
    if (diff.kinds[i] !== KIND_CODE.added || decisions.rejectedChanges.has(diff.keys[i] as string)) continue;
    const r = diff.nextRows[i] as number;
    out.appendRow(
      nextIndex.map((c) => (c < 0 ? null : next.cell(r, c))),
      out.rowCount + 2,
    );
  }
  return out.finish();
}
