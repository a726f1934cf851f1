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

/** Rows per slice between checkpoints: small enough to hear "cancel" within ~10 ms. */
const SLICE_ROWS = 16_384;

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

function addProblem(result: ValidationResult, row: number, field: string, problem: ValueProblem): void {
  let list = result.rows.get(row);
  if (list === undefined) result.rows.set(row, (list = []));
  list.push({ field, problem });
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
        }
      : undefined;
  return { field, values, check: compileValueCheck(field, opts), index };
}

/** Checks rows [start, end) of one field; rows past the end of a short column are missing. */
function checkRows(result: ValidationResult, run: FieldRun, start: number, end: number): void {
  const { values, check, field } = run;
  for (let r = start; r < end; r++) {
    const problems = check(r < values.length ? (values[r] as Cell) : null);
    if (problems !== undefined) for (const p of problems) addProblem(result, r, field.key, p);
  }
  if (run.index !== undefined) {
    const upto = Math.min(end, values.length);
    buildIndex(values, 'exact', start, upto, run.index.exact);
    buildIndex(values, duplicateKindFor(field.type), start, upto, run.index.normalized);
  }
}

function finishField(result: ValidationResult, run: FieldRun): void {
  const index = run.index;
  if (index === undefined) return;
  result.uniqueness.set(run.field.key, index);
  // Exact duplicates always share a normalised key, so walking the normalised groups reaches
  // every duplicate exactly once.
  for (const group of index.normalized.groups.values()) {
    if (typeof group === 'number') continue;
    for (const r of group) {
      const p = uniquenessProblem(index, r);
      if (p !== undefined) addProblem(result, r, run.field.key, p);
    }
  }
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
  const tick = async (rows: number): Promise<void> => {
    done += rows;
    ctx.onProgress?.(done, total);
    await checkpoint();
  };
  for (let i = 0; i < fields.length; i++) {
    const run = startField(columns[i] as ArrayLike<Cell>, fields[i] as FieldDef, ctx);
    for (let start = 0; start < rowCount; start += SLICE_ROWS) {
      const end = Math.min(rowCount, start + SLICE_ROWS);
      checkRows(result, run, start, end);
      await tick(end - start);
    }
    finishField(result, run);
  }
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
  finishField(result, run);
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
    addToIndex(index.exact, change.row, duplicateKey(change.value, 'exact'));
    addToIndex(index.normalized, change.row, duplicateKey(change.value, duplicateKindFor(field.type)));
    for (const r of groupOf(index.normalized, change.row) ?? []) affected.add(r);
    for (const r of affected) {
      const p = uniquenessProblem(index, r);
      replaceProblems(result, r, field.key, isUniqueness, p === undefined ? [] : [p], order);
      touched.add(r);
    }
  }
  return { rows: [...touched].sort((a, b) => a - b) };
}
