import type { Cell } from '../model/cell';
import { CELL_ASIDE } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { loadPhoneSupport } from '../transform/phone-support';
import { duplicateKindFor } from './duplicates';
import { KeyGroups, KeyScratch } from './key-groups';
import { KeyReader, type SpanOf } from './key-reader';
import { checksNothing, compileValueCheck, PHONE_PROBLEMS_BY_CODE } from './value-rules';
import { compileSpanCheck, compileSpanKey, type SpanCheck } from './value-spans';
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
  /**
   * Per phone field, the phone check of each row's value where it is already known (codes of
   * `PHONE_CHECK_CODES`, 0: not known), as the `phone` transform that made the value read it
   * (mapped-columns.ts): taken instead of reading the number again. For this scan only; edits
   * are checked as ever.
   */
  readonly phoneChecks?: (field: FieldDef) => Uint8Array | undefined;
  /** Cells checked so far and in all; called after every slice. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Per field, a promise when its column is not there yet (a helper worker still maps it): the
   * other fields are checked meanwhile, and `getColumn` and `phoneChecks` are asked for this
   * one once it settles. Needs {@link rowCount}.
   */
  readonly ready?: (field: FieldDef) => Promise<void> | undefined;
  /** The rows, where a column comes later ({@link ready}). */
  readonly rowCount?: number;
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

/** The cell of `row` in place: the string holding it and its start and end (null: missing). */
export function spanReader(column: CellColumn): SpanOf {
  if ('span' in column && typeof column.span === 'function') {
    const packed = column as { span(row: number, span: Int32Array): string | null };
    return (row, span) => packed.span(row, span);
  }
  const cell = cellReader(column);
  return (row, span) => {
    const value = cell(row);
    if (value === null) return null;
    span[0] = 0;
    span[1] = value.length;
    return value;
  };
}

/**
 * Rows `[from, to)` of a column in place at once, where it can (else null). A start of
 * {@link CELL_ASIDE}: that cell is read on its own (`MappedColumn.spansAside`).
 */
type SpansOf = (from: number, to: number, starts: Int32Array, ends: Int32Array) => string | null;

function spansReader(column: CellColumn): SpansOf {
  // A mapped column's run with the cells it holds elsewhere marked (a sparse chunk's own cells,
  // edits, a CSV block's cells in its `extra` text): those are read on their own, the rest in place.
  if ('spansAside' in column && typeof column.spansAside === 'function') {
    const packed = column as { spansAside: SpansOf };
    return (from, to, starts, ends) => packed.spansAside(from, to, starts, ends);
  }
  return () => null;
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
    /** Per field: its compiled check and a reader of its current cells (set late for a column that comes later). */
    readonly checks: readonly Check[],
    readonly cells: ((row: number) => Cell)[],
    readonly spans: SpanOf[],
    readonly runs: SpansOf[],
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

/** A column not there yet (set with {@link setColumn} before it is read): no cells. */
const NO_COLUMN: CellColumn = [];

function createResult(rowCount: number, fields: readonly FieldDef[], columns: readonly (CellColumn | undefined)[], opts: ValidateOptions): Result {
  const given = columns.map((c) => c ?? NO_COLUMN);
  return new Result(
    rowCount,
    fields,
    fields.map((f) => compileValueCheck(f, opts)),
    given.map((c) => cellReader(c)),
    given.map((c) => spanReader(c)),
    given.map((c) => spansReader(c)),
  );
}

/** Field `at`'s column, come later. */
function setColumn(result: Result, at: number, column: CellColumn): void {
  result.cells[at] = cellReader(column);
  result.spans[at] = spanReader(column);
  result.runs[at] = spansReader(column);
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
  if (index.exact.size(row) >= 2) return 'unique';
  if (index.normalized.size(row) >= 2) return 'duplicate-normalized';
  return undefined;
}

/** The uniqueness problem of one row, derived from the indexes. */
function uniquenessProblem(index: UniqueIndex, row: number): ValueProblem | undefined {
  const exact = index.exact.size(row);
  if (exact >= 2) return { rule: 'unique', level: 'error', params: { count: exact, first: index.exact.first(row) } };
  const near = index.normalized.size(row);
  if (near >= 2) return { rule: 'duplicate-normalized', level: 'warning', params: { count: near, first: index.normalized.first(row) } };
  return undefined;
}

interface FieldRun {
  readonly field: FieldDef;
  readonly at: number;
  readonly span: SpanOf;
  readonly runOf: SpansOf;
  readonly check: Check;
  /** The in-place check of valid shapes (value-spans.ts); undefined: always the string check. */
  readonly spanCheck: SpanCheck | undefined;
  /** Unique fields whose span check reads every unit: that check and the key's hash in one pass (value-spans.ts). */
  readonly spanKey: ((text: string, start: number, end: number) => number) | undefined;
  /** Unique fields: the normalised and exact groups, built once the scan is over, and the reader of their keys. */
  readonly index: UniqueIndex | undefined;
  readonly keys: KeyReader | undefined;
  /** Unique fields: the reader of exact keys, for rows of a normalised group of two or more. */
  readonly exactKeys: KeyReader | undefined;
  /** Phone fields: the known checks of the scan's rows (see {@link ValidateContext.phoneChecks}). */
  readonly known: Uint8Array | undefined;
  /** The longest value a known check may stand for: longer ones have a length problem too. */
  readonly knownMax: number;
  /** Unique fields: per row the hash of its key and whether it has one, filled by the scan. */
  readonly hashes: Uint32Array | undefined;
  readonly keyed: Uint8Array | undefined;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly one: Int32Array;
}

function startField(result: Result, at: number, known?: Uint8Array): FieldRun {
  const field = result.defs[at] as FieldDef;
  const span = result.spans[at] as SpanOf;
  const kind = duplicateKindFor(field.type);
  const index: UniqueIndex | undefined =
    field.unique === true ? { exact: new KeyGroups(result.rowCount), normalized: new KeyGroups(result.rowCount), kind, span } : undefined;
  if (index !== undefined) result.uniqueness.set(field.key, index);
  return {
    field,
    at,
    span,
    runOf: result.runs[at] as SpansOf,
    check: result.checks[at] as Check,
    spanCheck: compileSpanCheck(field),
    spanKey: index === undefined ? undefined : compileSpanKey(field, kind),
    index,
    keys: index === undefined ? undefined : new KeyReader(kind, span),
    exactKeys: index === undefined ? undefined : new KeyReader('exact', span),
    known: field.type === 'phone' ? known : undefined,
    knownMax: field.maxLength ?? Number.POSITIVE_INFINITY,
    hashes: index === undefined ? undefined : new Uint32Array(result.rowCount),
    keyed: index === undefined ? undefined : new Uint8Array(result.rowCount),
    starts: new Int32Array(SLICE_ROWS),
    ends: new Int32Array(SLICE_ROWS),
    one: new Int32Array(2),
  };
}

/**
 * Checks rows [start, end) of one field (at most {@link SLICE_ROWS}), reading each cell once, in
 * place, for its checks and its index key: a cell becomes a string only when the in-place check
 * cannot decide it (a problem, a phone, a URL, non-ASCII text).
 */
function checkRows(result: Result, run: FieldRun, start: number, end: number): void {
  const { check, spanCheck, spanKey, at, keys, hashes, keyed, known, knownMax, starts, ends, one } = run;
  const store = result.store;
  const checked = !checksNothing(run.field);
  if (!checked && keys === undefined) return;
  // One string for the whole run when the column holds it so (a chunk), else cell by cell.
  const block = run.runOf(start, end, starts, ends);
  // The same problem array as the row before (a column of one repeated mistake) reuses its code.
  let lastProblems: readonly ValueProblem[] | undefined;
  let lastCode = 0;
  for (let r = start; r < end; r++) {
    let text: string | null;
    let s: number;
    let e: number;
    if (block !== null && starts[r - start] !== CELL_ASIDE) {
      s = starts[r - start] as number;
      e = ends[r - start] as number;
      text = s < 0 ? null : block;
    } else {
      text = run.span(r, one);
      s = one[0] as number;
      e = one[1] as number;
    }
    if (keys !== undefined && text !== null) {
      if (spanKey !== undefined) {
        // A plain valid address: checked and hashed in one pass, nothing more to do.
        const hash = spanKey(text, s, e);
        if (hash >= 0) {
          (hashes as Uint32Array)[r] = hash;
          (keyed as Uint8Array)[r] = 1;
          continue;
        }
      }
      // Only the key's hash is kept: the groups are made from all of them at the end
      // (KeyGroups.addAll); the key is never made a string.
      const hash = keys.hashText(text, s, e);
      if (hash >= 0) {
        (hashes as Uint32Array)[r] = hash;
        (keyed as Uint8Array)[r] = 1;
      }
    }
    if (!checked) continue;
    if (text !== null && spanCheck !== undefined && spanCheck(text, s, e) === undefined) continue;
    // A known phone check stands for the string check of a value that is not blank (its first
    // unit is visible ASCII, as in E.164's '+') and within the length limit: then the string
    // check is the phone check alone.
    const k = known === undefined || text === null ? 0 : (known[r] as number);
    const first = k === 0 || text === null || s >= e ? 0 : text.charCodeAt(s);
    const problems =
      k !== 0 && first > 0x20 && first < 0x7f && e - s <= knownMax ? PHONE_PROBLEMS_BY_CODE[k] : check(text === null ? null : text.slice(s, e));
    if (problems === undefined) continue;
    if (problems !== lastProblems) {
      lastProblems = problems;
      lastCode = store.codeFor(at, problems);
    }
    store.setValue(r, at, lastCode);
  }
}

/**
 * Puts every row of the normalised groups of two or more into the exact index (those not in it
 * yet). Invariant: every row in a normalised group of two or more is in the exact index; other
 * rows may be.
 */
function indexExactRows(index: UniqueIndex, rows: readonly number[], keys: KeyReader): void {
  for (const r of rows) {
    if (index.exact.group(r) >= 0) continue;
    const hash = keys.loadRow(r);
    if (hash >= 0) index.exact.add(r, hash, keys.same);
  }
}

/**
 * The uniqueness index and problems of a field, once the scan has hashed every key. The
 * normalised groups are made from the hashes at once (KeyGroups.addAll); then the rows of each
 * normalised group of two or more are grouped by their exact keys within it
 * (KeyGroups.addWithin), which keeps {@link indexExactRows}'s invariant (an exact duplicate is
 * always a normalised one, so no other row can have one). Then the problems, row by row in
 * order: the group of each row is read from typed arrays, no cell and no row list. A generator
 * that pauses after about every {@link ROWS_PER_SLICE} rows, so a column of a million rows does
 * not hold the thread; synchronous callers simply drain it.
 */
function* finishField(result: Result, run: FieldRun, scratch: KeyScratch): Generator<void, void, void> {
  const { index, keys, exactKeys, hashes, keyed } = run;
  if (index === undefined || keys === undefined || exactKeys === undefined || hashes === undefined || keyed === undefined) return;
  const store = result.store;
  const { normalized, exact } = index;
  const rows = result.rowCount;
  yield* normalized.addAllSteps(hashes, keyed, keys, scratch);
  // No normalised group of two (a column of unique values): no uniqueness problem, and the
  // exact index stays empty as addWithin would leave it, without its passes over every row.
  if (!normalized.hasShared()) return;
  // Exact keys only where a normalised group has two rows or more, grouped within it; when no
  // normalised key read to make those groups changed anything of its cell (e-mails already
  // lower-case, ids), each such group's exact key is its normalised one: the groups are copied.
  if (keys.altered) yield* exact.addWithinSteps(normalized, exactKeys, hashes, keyed, scratch);
  else yield* exact.copySharedSteps(normalized, hashes, keyed, scratch);
  for (let start = 0; start < rows; start += ROWS_PER_SLICE) {
    const end = Math.min(rows, start + ROWS_PER_SLICE);
    for (let r = start; r < end; r++) {
      if (normalized.size(r) >= 2) store.setUnique(r, run.at, exact.size(r) >= 2 ? 'unique' : 'duplicate-normalized');
    }
    if (end < rows) yield;
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
  const late = fields.map((f) => ctx.ready?.(f));
  const columns = fields.map((f, i) => (late[i] === undefined ? getColumn(f) : undefined));
  const rowCount = columns.reduce((n, c) => Math.max(n, c?.length ?? 0), ctx.rowCount ?? 0);
  const result = createResult(rowCount, fields, columns, ctx);
  const checkpoint = createCheckpoint(ctx.signal);
  const total = rowCount * fields.length;
  let done = 0;
  let lastProgress = performance.now();
  const runs = fields.map((f, i) => (late[i] === undefined ? startField(result, i, ctx.phoneChecks?.(f)) : undefined));
  const scan = async (fieldRuns: readonly FieldRun[]): Promise<void> => {
    // Slices outer, fields inner: a CSV block keeps all its columns in one raw text, so a column
    // read on its own strides through the whole text (a cache miss per cell); every field of a
    // slice reads the same ~1,024 rows while they are still in the cache (docs/architecture.md).
    for (let start = 0; start < rowCount; start += SLICE_ROWS) {
      const end = Math.min(rowCount, start + SLICE_ROWS);
      for (const run of fieldRuns) checkRows(result, run, start, end);
      done += (end - start) * fieldRuns.length;
      // Time-based: a slice of phones can cost 20× a slice of names.
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        ctx.onProgress?.(done, total);
      }
      // Cheap when it does not yield (a signal check and a clock read): every slice hears cancel.
      await checkpoint();
    }
  };
  await scan(runs.filter((r) => r !== undefined));
  // The columns that come later, each checked once it is there.
  for (let i = 0; i < fields.length; i++) {
    const waiting = late[i];
    if (waiting === undefined) continue;
    await waiting;
    const field = fields[i] as FieldDef;
    setColumn(result, i, getColumn(field));
    const run = startField(result, i, ctx.phoneChecks?.(field));
    runs[i] = run;
    await scan([run]);
  }
  // The uniqueness indexes in field order, as when every column was there at once.
  if (late.some((l) => l !== undefined)) {
    const indexes = fields.flatMap((f) => {
      const index = result.uniqueness.get(f.key);
      return index === undefined ? [] : [[f.key, index] as const];
    });
    result.uniqueness.clear();
    for (const [key, index] of indexes) result.uniqueness.set(key, index);
  }
  // One set of scratch arrays for every unique field's index, made when the first needs it.
  const scratch = new KeyScratch(rowCount);
  for (const run of runs) {
    if (run === undefined) continue;
    for (const _ of finishField(result, run, scratch)) {
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
  for (let start = 0; start < values.length; start += SLICE_ROWS) checkRows(result, run, start, Math.min(values.length, start + SLICE_ROWS));
  drain(finishField(result, run, new KeyScratch(values.length)));
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
  // Per unique field, the batch's last value of each changed row.
  const uniqueChanges = new Map<number, Map<number, Cell>>();
  for (const change of changes) {
    const f = at.get(change.field);
    if (f === undefined || !fields.some((d) => d.key === change.field) || change.row < 0 || change.row >= own.rowCount) continue;
    store.setValue(change.row, f, store.codeFor(f, (own.checks[f] as Check)(change.value)));
    touched.add(change.row);
    if (!own.uniqueness.has(change.field)) continue;
    let byRow = uniqueChanges.get(f);
    if (byRow === undefined) uniqueChanges.set(f, (byRow = new Map()));
    byRow.set(change.row, change.value);
  }
  for (const [f, byRow] of uniqueChanges) {
    const index = own.uniqueness.get((own.defs[f] as FieldDef).key) as UniqueIndex;
    const affected = new Set<number>();
    // First every changed row leaves its groups, then each joins its new ones: a row is only
    // ever compared with rows whose indexed key is their current value (the batch's own rows
    // read theirs from `pending`, the column may not have been written yet).
    for (const row of byRow.keys()) {
      for (const r of index.exact.rowsWith(row) ?? []) affected.add(r);
      for (const r of index.normalized.rowsWith(row) ?? []) affected.add(r);
      affected.add(row);
      index.exact.remove(row);
      index.normalized.remove(row);
    }
    const keys = new KeyReader(index.kind, index.span);
    const exactKeys = new KeyReader('exact', index.span);
    keys.pending = byRow;
    exactKeys.pending = byRow;
    for (const row of byRow.keys()) {
      const hash = keys.loadRow(row);
      if (hash < 0) continue;
      index.normalized.add(row, hash, keys.same);
      // The edited row always goes into the exact index; the rows of a group it joins too.
      const exactHash = exactKeys.loadRow(row);
      if (exactHash >= 0) index.exact.add(row, exactHash, exactKeys.same);
      const joined = index.normalized.rowsWith(row);
      if (joined === undefined) continue;
      indexExactRows(index, joined, exactKeys);
      for (const r of joined) affected.add(r);
    }
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
