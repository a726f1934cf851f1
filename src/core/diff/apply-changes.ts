import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import { CELL_ASIDE, type Table } from '../model/table';
import { recordDecisions, type Decisions } from './decisions';
import { KIND_CODE, type DiffResult } from './diff-types';

/** The merged dataset, and where each of its records comes from. */
export interface MergedView {
  readonly table: Table;
  /**
   * Per merged row, the baseline row it is when the record is that row unchanged (no accepted
   * field change, columns the baseline's), else -1: the rows whose stored fingerprints a commit
   * can copy instead of hashing.
   */
  readonly sameAsBase: Int32Array;
}

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
  return mergedView(base, next, diff, decisions).table;
}

/**
 * {@link applyChanges} as a view, not a copy: a merged row reads its baseline row (or, for an
 * add, its new-data row) through the tables the diff compared, and only records with accepted
 * field changes are held, as arrays. A commit then costs what changed (docs/architecture.md,
 * "Commit"). The view reads `next` live: the engine uses it only while the data is the one the
 * diff saw (a stale review cannot be committed, and Export merges again after an edit).
 */
export function mergedView(base: Table, next: Table, diff: DiffResult, decisions: Decisions): MergedView {
  if (diff.blocked) throw new PorterError('internal', { reason: 'key-conflicts' });
  const columns = [...base.columns];
  for (const c of diff.compareColumns) if (!columns.includes(c)) columns.push(c);
  const width = columns.length;
  const outIndex = new Map(columns.map((c, i) => [c, i] as const));
  const recordOfBase = new Int32Array(base.rowCount).fill(-1);
  for (let i = 0; i < diff.kinds.length; i++) {
    const r = diff.baseRows[i] as number;
    if (r >= 0) recordOfBase[r] = i;
  }
  const decided = recordDecisions(diff.keys, decisions);
  // Per record, 1 when it has field changes: a typed-array load per baseline row, where a Map
  // lookup per row (and one more for the rows read as they are) cost ~0.5 µs a row, most of the
  // view's making at 1M rows (Node CPU profile of a commit, bench/commit-engine.mjs).
  const changed = new Uint8Array(diff.kinds.length);
  for (const i of diff.fields.keys()) changed[i] = 1;
  let adds = 0;
  for (let i = 0; i < diff.kinds.length; i++) if (diff.kinds[i] === KIND_CODE.added && !decided.rejected(i)) adds++;
  let rowOf = new Int32Array(base.rowCount + adds);
  // Per merged row, its baseline row when it reads that row as is (no accepted field change):
  // one typed-array load per cell for the writers, where a Map lookup per cell cost more than
  // the copy itself (measured in a 1M-row commit).
  let plainBase = new Int32Array(rowOf.length).fill(-1);
  const edited = new Map<number, Cell[]>();
  // Per column, the merged rows whose cell an accepted change wrote, in row order.
  const editedIn: number[][] = columns.map(() => []);
  const pad = width - base.columns.length;
  const removed = KIND_CODE.removed;
  const anyRejected = decided.rejectedRecords.size > 0;
  let kept = 0;
  for (let r = 0; r < base.rowCount; r++) {
    const i = recordOfBase[r] as number;
    if (diff.kinds[i] === removed && !(anyRejected && decided.rejected(i))) continue;
    if (changed[i] === 1) {
      let cells: Cell[] | null = null;
      for (const f of diff.fields.get(i) ?? []) {
        if (!decided.fieldAccepted(i, f.column)) continue;
        cells ??= base.row(r);
        const at = outIndex.get(f.column) as number;
        cells[at] = f.after;
        (editedIn[at] as number[]).push(kept);
      }
      if (cells !== null) {
        for (let k = cells.length; k < width; k++) cells.push(null);
        edited.set(kept, cells);
      } else plainBase[kept] = r;
    } else plainBase[kept] = r;
    rowOf[kept++] = r;
  }
  let at = kept;
  for (let i = 0; i < diff.kinds.length; i++) {
    if (diff.kinds[i] !== KIND_CODE.added || decided.rejected(i)) continue;
    rowOf[at++] = diff.nextRows[i] as number;
  }
  const rowCount = at;
  rowOf = rowOf.subarray(0, rowCount);
  plainBase = plainBase.subarray(0, rowCount);
  const nextCols = Int32Array.from(columns, (c) => next.columns.indexOf(c));
  const sameAsBase = pad === 0 ? plainBase : new Int32Array(rowCount).fill(-1);

  const cell = (row: number, column: number): Cell => {
    if (row < 0 || row >= rowCount || column < 0 || column >= width) return null;
    if (row >= kept) {
      const c = nextCols[column] as number;
      return c < 0 ? null : next.cell(rowOf[row] as number, c);
    }
    const b = plainBase[row] as number;
    if (b >= 0) return column < base.columns.length ? base.cell(b, column) : null;
    return (edited.get(row) as Cell[])[column] ?? null;
  };
  const table: Table = {
    columns,
    rowCount,
    cell,
    row: (row) => Array.from({ length: width }, (_, c) => cell(row, c)),
    sourceRow: (row) => row + 2,
  };
  // Packed baseline chunks are read in place (no string per cell) where the record is the
  // baseline's; other cells hand over their string.
  const baseSpan = base.cellSpan?.bind(base);
  const baseWidth = base.columns.length;
  const baseRuns = base.columnSpans?.bind(base);
  if (baseRuns !== undefined) {
    const editedRows = editedIn.map((list) => Int32Array.from(list));
    // A run of one column is the baseline's run when its rows are consecutive baseline rows
    // (kept rows keep their order, so first and last tell) and no accepted change wrote this
    // column in it: the writers then read the run's spans in one call instead of four calls
    // per cell through the views (docs/architecture.md, "Commit").
    (table as { columnSpans?: Table['columnSpans'] }).columnSpans = (column, from, to, starts, ends) => {
      if (to <= from) return '';
      if (from < 0 || to > kept || column < 0 || column >= width) return null;
      const b0 = rowOf[from] as number;
      if ((rowOf[to - 1] as number) - b0 !== to - 1 - from) return null;
      const list = editedRows[column] as Int32Array;
      if (list.length > 0) {
        const i = firstAtLeast(list, from);
        if (i < list.length && (list[i] as number) < to) return null;
      }
      if (column >= baseWidth) {
        starts.fill(-1, 0, to - from);
        return '';
      }
      return baseRuns(column, b0, b0 + to - from, starts, ends);
    };
    // The same run with the cells the baseline holds elsewhere (a mapped column a transform
    // changed a few cells of) and the cells an accepted change wrote marked aside, where
    // `columnSpans` declines the whole run: at 1M rows it declined every run of the five columns
    // with an accented name or an edited title, and the export and the commit read those cells one
    // by one through the views (docs/architecture.md, "Commit").
    const baseAside = base.columnSpansAside?.bind(base);
    (table as { columnSpansAside?: Table['columnSpansAside'] }).columnSpansAside = (column, from, to, starts, ends) => {
      if (to <= from) return '';
      if (from < 0 || to > kept || column < 0 || column >= width) return null;
      const b0 = rowOf[from] as number;
      if ((rowOf[to - 1] as number) - b0 !== to - 1 - from) return null;
      let text: string | null = '';
      if (column >= baseWidth) starts.fill(-1, 0, to - from);
      else text = baseRuns(column, b0, b0 + to - from, starts, ends) ?? baseAside?.(column, b0, b0 + to - from, starts, ends) ?? null;
      if (text === null) return null;
      const list = editedRows[column] as Int32Array;
      for (let i = firstAtLeast(list, from); i < list.length && (list[i] as number) < to; i++) starts[(list[i] as number) - from] = CELL_ASIDE;
      return text;
    };
  }
  if (baseSpan !== undefined) {
    (table as { cellSpan?: Table['cellSpan'] }).cellSpan = (row, column, span) => {
      const b = row >= 0 && row < rowCount ? (plainBase[row] as number) : -1;
      if (b >= 0 && column < baseWidth) return baseSpan(b, column, span);
      const v = cell(row, column);
      if (v === null) return null;
      span[0] = 0;
      span[1] = v.length;
      return v;
    };
  }
  return { table, sameAsBase };
}

/** The index of the first value of the sorted `list` that is at least `value` (its length if none). */
function firstAtLeast(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
