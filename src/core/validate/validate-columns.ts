import type { Cell } from '../model/cell';
import { createCheckpoint } from '../model/yielder';
import { loadPhoneSupport } from '../transform/phone-support';
import { addToIndex, duplicateKey, duplicateKindFor, emptyKeys, groupOf, hashKey, indexByHash, removeFromIndex } from './duplicates';
import { checksNothing, compileValueCheck } from './value-rules';
import { ProblemStore, type UniqueRule } from './problem-store';
import type {
  CellChange,
  CellColumn,
  CellProblem,
  FieldCounts,
  FieldDef,
  ProblemRows,
  RuleCounts,
  UniqueIndex,
  ValidateOptions,
  ValidationResult,
  ValueProblem,
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

type Check = (value: Cell) => readonly ValueProblem[] | undefined;

/** Reads cell `row` of a column; rows past its end are missing. */
export function cellReader(column: CellColumn): (row: number) => Cell {
  if ('get' in column && typeof column.get === 'function') {
    const packed = column as { readonly length: number; get(row: number): Cell };
    return (row) => (row < packed.length ? packed.get(row) : null);
  }
  const array = column as ArrayLike<Cell>;
  return (row) => (row < array.length ? (array[row] ?? null) : null);
}

/** The result object: the store, a view of its rows, and counts read from its tallies. */
class Result implements ValidationResult {
  readonly store: ProblemStore;
  readonly rows: ProblemRows;
  readonly uniqueness = new Map<string, UniqueIndex>();
  private readonly cellsChecked: number;

  constructor(
    readonly rowCount: number,
    readonly defs: readonly FieldDef[],
    /** Per field: its compiled check and a reader of its current cells. */
    readonly checks: readonly Check[],
    readonly cells: readonly ((row: number) => Cell)[],
  ) {
    this.store = new ProblemStore(rowCount, defs.map((f) => f.key));
    this.cellsChecked = rowCount * defs.length;
    this.rows = problemRows(this);
  }

  get fields(): readonly string[] {
    return this.store.fields;
  }

  get byField(): Map<string, FieldCounts> {
    return this.store.byField();
  }

  get byRule(): RuleCounts {
    return this.store.totals().byRule;
  }

  get totals(): { errors: number; warnings: number; cellsChecked: number } {
    const t = this.store.totals();
    return { errors: t.errors, warnings: t.warnings, cellsChecked: this.cellsChecked };
  }
}

function asResult(result: ValidationResult): Result {
  if (!(result instanceof Result)) throw new TypeError('not a result of validateColumns');
  return result;
}

function createResult(rowCount: number, fields: readonly FieldDef[], columns: readonly CellColumn[], opts: ValidateOptions): Result {
  return new Result(
    rowCount,
    fields,
    fields.map((f) => compileValueCheck(f, opts)),
    columns.map((c) => cellReader(c)),
  );
}

/**
 * The problems of one row, worked out again from the stored codes: a field's own check on the
 * current value (the same compiled check, so shared problem records stay shared) and its
 * uniqueness problem from the index. Only fields whose codes say "problem" are re-checked.
 */
function problemsAt(result: Result, row: number): CellProblem[] | undefined {
  const store = result.store;
  if (row < 0 || row >= result.rowCount || !store.hasProblems(row)) return undefined;
  const out: CellProblem[] = [];
  for (let f = 0; f < result.defs.length; f++) {
    const key = (result.defs[f] as FieldDef).key;
    if (store.valueCode(row, f) !== 0) {
      for (const p of (result.checks[f] as Check)(result.cells[f]?.(row) ?? null) ?? []) out.push(cellProblem(key, p));
    }
    if (store.uniqueCode(row, f) !== 0) {
      const index = result.uniqueness.get(key);
      const p = index === undefined ? undefined : uniquenessProblem(index, row);
      if (p !== undefined) out.push(cellProblem(key, p));
    }
  }
  return out;
}

function problemRows(result: Result): ProblemRows {
  const keys = function* (): IterableIterator<number> {
    for (let r = 0; r < result.rowCount; r++) if (result.store.hasProblems(r)) yield r;
  };
  const entries = function* (): IterableIterator<[number, CellProblem[]]> {
    for (const r of keys()) yield [r, problemsAt(result, r) ?? []];
  };
  return {
    get: (row) => problemsAt(result, row),
    has: (row) => row >= 0 && row < result.rowCount && result.store.hasProblems(row),
    keys,
    entries,
    [Symbol.iterator]: entries,
    get size() {
      return result.store.rowsWithProblems;
    },
  };
}

/**
 * One shared `{ field, problem }` per field and problem: checks return shared frozen problems,
 * so a grid window of the same mistake reads one record, not one object per cell.
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

/** The uniqueness rule of one row, derived from the indexes. */
function uniquenessRule(index: UniqueIndex, row: number): UniqueRule | undefined {
  if (groupOf(index.exact, row) !== undefined) return 'unique';
  if (groupOf(index.normalized, row) !== undefined) return 'duplicate-normalized';
  return undefined;
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
  readonly at: number;
  readonly cell: (row: number) => Cell;
  readonly check: Check;
  /** Unique fields: the hash of each row's normalised key, and whether it has one. */
  readonly hashes: Uint32Array | undefined;
  readonly has: Uint8Array | undefined;
}

function startField(result: Result, at: number): FieldRun {
  const field = result.defs[at] as FieldDef;
  const unique = field.unique === true;
  return {
    field,
    at,
    cell: result.cells[at] as (row: number) => Cell,
    check: result.checks[at] as Check,
    hashes: unique ? new Uint32Array(result.rowCount) : undefined,
    has: unique ? new Uint8Array(result.rowCount) : undefined,
  };
}

/** Checks rows [start, end) of one field, reading each cell once for its checks and its index key. */
function checkRows(result: Result, run: FieldRun, start: number, end: number): void {
  const { cell, check, at, hashes, has } = run;
  const store = result.store;
  const kind = duplicateKindFor(run.field.type);
  const checked = !checksNothing(run.field);
  if (!checked && hashes === undefined) return;
  // The same problem array as the row before (a column of one repeated mistake) reuses its code.
  let lastProblems: readonly ValueProblem[] | undefined;
  let lastCode = 0;
  for (let r = start; r < end; r++) {
    const value = cell(r);
    if (hashes !== undefined && has !== undefined) {
      // Only a hash per row here; keys are worked out for rows whose hash is shared (finishField).
      const key = duplicateKey(value, kind);
      if (key !== undefined) {
        hashes[r] = hashKey(key);
        has[r] = 1;
      }
    }
    if (!checked) continue;
    const problems = check(value);
    if (problems === undefined) continue;
    if (problems !== lastProblems) {
      lastProblems = problems;
      lastCode = store.codeFor(at, problems);
    }
    store.setValue(r, at, lastCode);
  }
}

/**
 * Adds the rows of `row`'s normalised group to the exact index (those not in it yet). Invariant:
 * every row in a normalised group of two or more is in the exact index; other rows may be.
 */
function indexExactGroup(index: UniqueIndex, group: readonly number[]): void {
  for (const r of group) {
    if (index.exact.keys[r] !== undefined) continue;
    addToIndex(index.exact, r, duplicateKey(index.cell(r), 'exact'));
  }
}

/**
 * Uniqueness problems of a field, from its finished normalised index. A generator that pauses
 * after about every {@link ROWS_PER_SLICE} rows, inside large groups too, so a column of a
 * million duplicated e-mails does not hold the thread; synchronous callers simply drain it.
 */
function* finishField(result: Result, run: FieldRun): Generator<void, void, void> {
  if (run.hashes === undefined || run.has === undefined) return;
  const kind = duplicateKindFor(run.field.type);
  const cell = run.cell;
  // The normalised index over the whole column: rows whose key no other row shares are held by
  // hash only; the exact index is built only for rows of a shared normalised key, below.
  const normalized = yield* indexByHash(run.hashes, run.has, (r) => duplicateKey(cell(r), kind), ROWS_PER_SLICE);
  const index: UniqueIndex = { exact: { groups: new Map(), keys: emptyKeys(run.hashes.length) }, normalized, cell };
  result.uniqueness.set(run.field.key, index);
  const store = result.store;
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
      if (index.exact.keys[r] === undefined) addToIndex(index.exact, r, duplicateKey(index.cell(r), 'exact'));
      if (--budget <= 0) {
        budget = ROWS_PER_SLICE;
        yield;
      }
    }
    for (const r of group) {
      store.setUnique(r, run.at, groupOf(index.exact, r) !== undefined ? 'unique' : 'duplicate-normalized');
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
  getColumn: (field: FieldDef) => CellColumn,
  fields: readonly FieldDef[],
  ctx: ValidateContext = {},
): Promise<ValidationResult> {
  if (fields.some((f) => f.type === 'phone')) await loadPhoneSupport();
  const columns = fields.map((f) => getColumn(f));
  const rowCount = columns.reduce((n, c) => Math.max(n, c.length), 0);
  const result = createResult(rowCount, fields, columns, ctx);
  const checkpoint = createCheckpoint(ctx.signal);
  const total = rowCount * fields.length;
  let done = 0;
  let lastProgress = performance.now();
  for (let i = 0; i < fields.length; i++) {
    const run = startField(result, i);
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
  values: CellColumn,
  field: FieldDef,
  opts: ValidateOptions = {},
): { problems: Map<number, ValueProblem[]>; counts: RuleCounts } {
  const result = createResult(values.length, [field], [values], opts);
  const run = startField(result, 0);
  checkRows(result, run, 0, values.length);
  drain(finishField(result, run));
  const problems = new Map<number, ValueProblem[]>();
  for (const [row, list] of result.rows) problems.set(row, list.map((c) => c.problem));
  return { problems, counts: result.byRule };
}

/**
 * Re-validates edited cells and updates `result` in place: the edited cells' own checks, and
 * the uniqueness problems of every row whose duplicate group the edit joined or left (the
 * indexes are updated incrementally, no column is rescanned). Returns the rows whose problems
 * may have changed, for the worker to send to the page. A `phone` field needs
 * `loadPhoneSupport()` (done by `validateColumns`).
 *
 * In place rather than copied: the result lives in the worker and a copy of the store per
 * keystroke would cost more than the edit. The checks are the ones `validateColumns` compiled
 * (same options).
 *
 * @example
 * revalidateCells(result, [{ row: 4, field: 'email', value: 'ada@example.com' }], fields);
 * // { rows: [4, 9] } — row 9 was row 4's duplicate
 */
export function revalidateCells(
  result: ValidationResult,
  changes: readonly CellChange[],
  fields: readonly FieldDef[],
): { rows: number[] } {
  const own = asResult(result);
  const store = own.store;
  const touched = new Set<number>();
  const at = new Map(own.defs.map((f, i) => [f.key, i] as const));
  for (const change of changes) {
    const f = at.get(change.field);
    if (f === undefined || !fields.some((d) => d.key === change.field) || change.row < 0 || change.row >= own.rowCount) continue;
    const field = own.defs[f] as FieldDef;
    store.setValue(change.row, f, store.codeFor(f, (own.checks[f] as Check)(change.value)));
    touched.add(change.row);
    const index = own.uniqueness.get(field.key);
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
      store.setUnique(r, f, uniquenessRule(index, r));
      touched.add(r);
    }
  }
  return { rows: [...touched].sort((a, b) => a - b) };
}

/** Removes every problem of a row from the result (a deleted row), keeping the counts right. */
export function dropRowProblems(result: ValidationResult, row: number): void {
  asResult(result).store.clearRow(row);
}
