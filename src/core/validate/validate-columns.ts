import type { Cell } from '../model/cell';
import { createCheckpoint } from '../model/yielder';
import { loadPhoneSupport } from '../transform/phone-support';
import { addToIndex, buildIndex, duplicateKey, duplicateKindFor, groupOf, removeFromIndex } from './duplicates';
import { compileValueCheck } from './value-rules';
import {
  emptyRuleCounts,
  type CellChange,
  type CellProblem,
  type FieldDef,
  type RuleCounts,
  type UniqueIndex,
  type ValidateOptions,
  type ValidationResult,
  type ValueProblem,
} from './validate-types';

/** Rows per field checked between two reads of the clock. */
const SLICE_ROWS = 1_024;
/** How often progress is reported. */
const PROGRESS_MS = 16;
/** Duplicate-group rows turned into problems between two checkpoints. */
const ROWS_PER_SLICE = 4_096;

export interface ValidateContext extends ValidateOptions {
  readonly signal?: AbortSignal;
  /** Cells checked so far and in all; called after every slice. */
  readonly onProgress?: (done: number, total: number) => void;
}

function createResult(rowCount: number, fields: readonly FieldDef[]): ValidationResult {
  const byField = new Map(fields.map((f) => [f.key, { byRule: emptyRuleCounts(), errors: 0, warnings: 0 }] as const));
  return {
    rowCount,
    fields: fields.map((f) => f.key),
    rows: new Map(),
    byField,
    byRule: emptyRuleCounts(),
    totals: { errors: 0, warnings: 0, cellsChecked: rowCount * fields.length },
    uniqueness: new Map(),
  };
}

function count(result: ValidationResult, field: string, problem: ValueProblem, delta: 1 | -1): void {
  const f = result.byField.get(field);
  if (f !== undefined) {
    f.byRule[problem.rule] += delta;
    if (problem.level === 'error') f.errors += delta;
    else f.warnings += delta;
  }
  result.byRule[problem.rule] += delta;
  if (problem.level === 'error') result.totals.errors += delta;
  else result.totals.warnings += delta;
}

/**
 * One shared `{ field, problem }` per field and problem: checks return shared frozen problems,
 * so a million "picklist" errors become one record referenced a million times, not a million
 * objects for the GC to trace.
 */
const interned = new WeakMap<ValueProblem, Map<string, CellProblem>>();

function cellProblem(field: string, problem: ValueProblem): CellProblem {
  if (!Object.isFrozen(problem)) return { field, problem };
  let byField = interned.get(problem);
  if (byField === undefined) interned.set(problem, (byField = new Map()));
  let c = byField.get(field);
  if (c === undefined) byField.set(field, (c = Object.freeze({ field, problem })));
  return c;
}

function addProblem(result: ValidationResult, row: number, field: string, problem: ValueProblem): void {
  let list = result.rows.get(row);
  if (list === undefined) result.rows.set(row, (list = []));
  list.push(cellProblem(field, problem));
  count(result, field, problem, 1);
}

/** The uniqueness problem of one row, derived from the indexes. */
function uniquenessProblem(index: UniqueIndex, row: number): ValueProblem | undefined {
  const exact = groupOf(index.exact, row);
  if (exact !== undefined) return { rule: 'unique', level: 'error', params: { count: exact.length, first: exact[0] as number } };
  const near = groupOf(index.normalized, row);
  if (near !== undefined) return { rule: 'duplicate-normalized', level: 'warning', params: { count: near.length, first: near[0] as number } };
  return undefined;
}

interface FieldRun {
  readonly field: FieldDef;
  readonly values: ArrayLike<Cell>;
  readonly check: (value: Cell) => readonly ValueProblem[] | undefined;
  readonly index: UniqueIndex | undefined;
}

function startField(values: ArrayLike<Cell>, field: FieldDef, opts: ValidateOptions): FieldRun {
  const index: UniqueIndex | undefined =
    field.unique === true
      ? {
          exact: { groups: new Map(), keys: [] },
          normalized: { groups: new Map(), keys: [] },
          values,
        }
      : undefined;
  return { field, values, check: compileValueCheck(field, opts), index };
}

/** Checks rows [start, end) of one field; rows past the end of a short column are missing. */
function checkRows(result: ValidationResult, run: FieldRun, start: number, end: number): void {
  const { values, check, field } = run;
  const key = field.key;
  const rows = result.rows;
  const length = values.length;
  // The same problem array as the row before (a column of one repeated mistake) reuses its
  // record; counts are added once per slice.
  let lastProblems: readonly ValueProblem[] | undefined;
  let lastCells: readonly CellProblem[] = [];
  for (let r = start; r < end; r++) {
    const problems = check(r < length ? (values[r] as Cell) : null);
    if (problems === undefined) continue;
    if (problems !== lastProblems) {
      lastProblems = problems;
      lastCells = problems.map((p) => cellProblem(key, p));
    }
    const list = rows.get(r);
    if (list === undefined) rows.set(r, lastCells.slice());
    else for (const c of lastCells) list.push(c);
    for (const p of problems) count(result, key, p, 1);
  }
  if (run.index !== undefined) {
    // Only the normalised index is built over the whole column; the exact one only for rows
    // whose normalised key is shared (see finishField): exact duplicates are a subset.
    buildIndex(values, duplicateKindFor(field.type), start, Math.min(end, length), run.index.normalized);
  }
}

/**
 * Adds the rows of `row`'s normalised group to the exact index (those not in it yet). Invariant:
 * every row in a normalised group of two or more is in the exact index; other rows may be.
 */
function indexExactGroup(index: UniqueIndex, group: readonly number[]): void {
  const values = index.values;
  for (const r of group) {
    if (index.exact.keys[r] !== undefined) continue;
    addToIndex(index.exact, r, duplicateKey(r < values.length ? (values[r] as Cell) : null, 'exact'));
  }
}

/**
 * Uniqueness problems of a field, from its finished normalised index. A generator that pauses
 * after about every {@link ROWS_PER_SLICE} rows, inside large groups too, so a column of a
 * million duplicated e-mails does not hold the thread; synchronous callers simply drain it.
 */
function* finishField(result: ValidationResult, run: FieldRun): Generator<void, void, void> {
  const index = run.index;
  if (index === undefined) return;
  const key = run.field.key;
  result.uniqueness.set(key, index);
  const values = index.values;
  let budget = ROWS_PER_SLICE;
  // Exact duplicates always share a normalised key, so walking the normalised groups reaches
  // every duplicate exactly once.
  for (const group of index.normalized.groups.values()) {
    if (typeof group === 'number') {
      if (--budget <= 0) {
        budget = ROWS_PER_SLICE;
        yield;
      }
      continue;
    }
    // First the exact keys of the whole group (see indexExactGroup), then its problems.
    for (const r of group) {
      if (index.exact.keys[r] === undefined) addToIndex(index.exact, r, duplicateKey(r < values.length ? (values[r] as Cell) : null, 'exact'));
      if (--budget <= 0) {
        budget = ROWS_PER_SLICE;
        yield;
      }
    }
    // Rows of one exact (or normalised) group share one problem: one frozen record, not one each.
    const shared = new Map<readonly number[], ValueProblem>();
    for (const r of group) {
      const exact = groupOf(index.exact, r);
      const g = exact ?? group;
      let p = shared.get(g);
      if (p === undefined) {
        p = Object.freeze({
          rule: exact !== undefined ? 'unique' : 'duplicate-normalized',
          level: exact !== undefined ? 'error' : 'warning',
          params: Object.freeze({ count: g.length, first: g[0] as number }),
        } as const);
        shared.set(g, p);
      }
      addProblem(result, r, key, p);
      if (--budget <= 0) {
        budget = ROWS_PER_SLICE;
        yield;
      }
    }
  }
}

function drain(steps: Generator<void, void, void>): void {
  for (let s = steps.next(); s.done !== true; s = steps.next());
}

/**
 * Validates every mapped column, field by field in slices, yielding to the event loop (see
 * `createCheckpoint`) so a worker hears "cancel" and can post progress. Rows are indices into
 * the columns; problems are sparse (only rows that have some).
 *
 * @example
 * const result = await validateColumns((f) => columns[f.key], fields, { signal, onProgress });
 * result.byField.get('email')?.errors; // 12
 */
export async function validateColumns(
  getColumn: (field: FieldDef) => ArrayLike<Cell>,
  fields: readonly FieldDef[],
  ctx: ValidateContext = {},
): Promise<ValidationResult> {
  if (fields.some((f) => f.type === 'phone')) await loadPhoneSupport();
  const columns = fields.map((f) => getColumn(f));
  const rowCount = columns.reduce((n, c) => Math.max(n, c.length), 0);
  const result = createResult(rowCount, fields);
  const checkpoint = createCheckpoint(ctx.signal);
  const total = rowCount * fields.length;
  let done = 0;
  let lastProgress = performance.now();
  for (let i = 0; i < fields.length; i++) {
    const run = startField(columns[i] as ArrayLike<Cell>, fields[i] as FieldDef, ctx);
    for (let start = 0; start < rowCount; start += SLICE_ROWS) {
      const end = Math.min(rowCount, start + SLICE_ROWS);
      checkRows(result, run, start, end);
      done += end - start;
      // Time-based: a slice of phones can cost 20× a slice of names.
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        ctx.onProgress?.(done, total);
      }
      // Cheap when it does not yield (a signal check and a clock read): every slice hears cancel.
      await checkpoint();
    }
    for (const _ of finishField(result, run)) {
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        ctx.onProgress?.(done, total);
      }
      await checkpoint();
    }
  }
  ctx.onProgress?.(done, total);
  return result;
}

/**
 * One column on its own, synchronously (small inputs, tests, a single re-checked column).
 * A `phone` field needs `loadPhoneSupport()` to have finished.
 *
 * @example
 * validateColumn(['a@x.io', 'nope'], emailField).problems.get(1);
 * // [{ rule: 'format', level: 'error', params: { reason: 'email-invalid' } }]
 */
export function validateColumn(
  values: ArrayLike<Cell>,
  field: FieldDef,
  opts: ValidateOptions = {},
): { problems: Map<number, ValueProblem[]>; counts: RuleCounts } {
  const result = createResult(values.length, [field]);
  const run = startField(values, field, opts);
  checkRows(result, run, 0, values.length);
  drain(finishField(result, run));
  const problems = new Map<number, ValueProblem[]>();
  for (const [row, list] of result.rows) problems.set(row, list.map((c) => c.problem));
  return { problems, counts: result.byRule };
}

function fieldOrder(result: ValidationResult): Map<string, number> {
  return new Map(result.fields.map((k, i) => [k, i]));
}

/** Replaces the problems of one cell that match `which`, keeping counts right. */
function replaceProblems(
  result: ValidationResult,
  row: number,
  field: string,
  which: (p: ValueProblem) => boolean,
  added: readonly ValueProblem[],
  order: Map<string, number>,
): void {
  const list = result.rows.get(row) ?? [];
  const kept: CellProblem[] = [];
  for (const c of list) {
    if (c.field === field && which(c.problem)) count(result, field, c.problem, -1);
    else kept.push(c);
  }
  for (const p of added) {
    kept.push({ field, problem: p });
    count(result, field, p, 1);
  }
  if (kept.length === 0) result.rows.delete(row);
  else {
    kept.sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0));
    result.rows.set(row, kept);
  }
}

const isUniqueness = (p: ValueProblem): boolean => p.rule === 'unique' || p.rule === 'duplicate-normalized';

/**
 * Re-validates edited cells and updates `result` in place: the edited cells' own checks, and
 * the uniqueness problems of every row whose duplicate group the edit joined or left (the
 * indexes are updated incrementally, no column is rescanned). Returns the rows whose problems
 * may have changed, for the worker to send to the page. A `phone` field needs
 * `loadPhoneSupport()` (done by `validateColumns`).
 *
 * In place rather than copied: the result lives in the worker and a copy of a million-entry map
 * per keystroke would cost more than the edit.
 *
 * @example
 * revalidateCells(result, [{ row: 4, field: 'email', value: 'ada@example.com' }], fields);
 * // { rows: [4, 9] } — row 9 was row 4's duplicate
 */
export function revalidateCells(
  result: ValidationResult,
  changes: readonly CellChange[],
  fields: readonly FieldDef[],
  opts: ValidateOptions = {},
): { rows: number[] } {
  const order = fieldOrder(result);
  const touched = new Set<number>();
  const checks = new Map<string, (value: Cell) => readonly ValueProblem[] | undefined>();
  for (const change of changes) {
    const field = fields.find((f) => f.key === change.field);
    if (field === undefined || change.row < 0 || change.row >= result.rowCount) continue;
    let check = checks.get(field.key);
    if (check === undefined) checks.set(field.key, (check = compileValueCheck(field, opts)));
    replaceProblems(result, change.row, field.key, (p) => !isUniqueness(p), check(change.value) ?? [], order);
    touched.add(change.row);
    const index = result.uniqueness.get(field.key);
    if (index === undefined) continue;
    const affected = new Set<number>([change.row]);
    for (const r of groupOf(index.exact, change.row) ?? []) affected.add(r);
    for (const r of groupOf(index.normalized, change.row) ?? []) affected.add(r);
    removeFromIndex(index.exact, change.row);
    removeFromIndex(index.normalized, change.row);
    // The edited row always goes into the exact index with its new value (the column may not
    // have been written yet); rows of the group it joins are added from the column.
    addToIndex(index.exact, change.row, duplicateKey(change.value, 'exact'));
    addToIndex(index.normalized, change.row, duplicateKey(change.value, duplicateKindFor(field.type)));
    const joined = groupOf(index.normalized, change.row);
    if (joined !== undefined) indexExactGroup(index, joined);
    for (const r of joined ?? []) affected.add(r);
    for (const r of affected) {
      const p = uniquenessProblem(index, r);
      replaceProblems(result, r, field.key, isUniqueness, p === undefined ? [] : [p], order);
      touched.add(r);
    }
  }
  return { rows: [...touched].sort((a, b) => a - b) };
}
