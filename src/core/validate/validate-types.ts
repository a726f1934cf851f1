import type { ProblemStore } from './problem-store';
export type { FieldDef } from '../schema/schema-types';

export type ValueRule = 'required' | 'type' | 'format' | 'length' | 'picklist' | 'unique' | 'duplicate-normalized';

export const VALUE_RULES: readonly ValueRule[] = ['required', 'type', 'format', 'length', 'picklist', 'unique', 'duplicate-normalized'];

/**
 * One problem with one value. `params.reason` names the exact check for the message catalogue
 * (`email-invalid`, `phone-not-valid` …); `params.suggestion` is a fix the UI can offer.
 *
 * @example
 * { rule: 'format', level: 'warning', params: { reason: 'email-domain-typo', suggestion: 'ada@gmail.com' } }
 */
export interface ValueProblem {
  readonly rule: ValueRule;
  readonly level: 'error' | 'warning';
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface ValidateOptions {
  /** ISO 3166 country for phone numbers written without a country code. */
  readonly defaultCountry?: string;
}

export type RuleCounts = Record<ValueRule, number>;

export interface FieldCounts {
  readonly byRule: RuleCounts;
  errors: number;
  warnings: number;
}

export interface CellProblem {
  readonly field: string;
  readonly problem: ValueProblem;
}

/**
 * A column the checks read: a plain array of cells, or a packed column that reads one cell at
 * a time (the mapped workspace's columns). Rows past `length` are missing cells.
 */
export type CellColumn = ArrayLike<string | null> | { readonly length: number; get(row: number): string | null };

/**
 * The problems of the rows that have some, in row order, each row's in field order (a field's
 * own checks first, then its uniqueness problem). A read-only view worked out from the
 * {@link ProblemStore} and the current cell values on each read: nothing is kept per row.
 */
export interface ProblemRows extends Iterable<[number, CellProblem[]]> {
  get(row: number): CellProblem[] | undefined;
  has(row: number): boolean;
  /** Rows with a problem, ascending. */
  keys(): IterableIterator<number>;
  entries(): IterableIterator<[number, CellProblem[]]>;
  readonly size: number;
}

/**
 * The outcome of validating every mapped cell: problem codes packed per field and row in a
 * {@link ProblemStore}, running counts, and the uniqueness indexes. Lives in the worker and is
 * updated in place by `revalidateCells`; the page receives counts and windows of it, never the
 * whole of it. The columns it was built over must be written before `revalidateCells` is told
 * of a change: `rows` reads the current values to say what exactly is wrong.
 */
export interface ValidationResult {
  readonly rowCount: number;
  /** Field keys in schema order. */
  readonly fields: readonly string[];
  readonly store: ProblemStore;
  readonly rows: ProblemRows;
  /** Per field key (a Map: custom field keys are user text, `__proto__` included); a fresh copy per read. */
  readonly byField: Map<string, FieldCounts>;
  readonly byRule: RuleCounts;
  readonly totals: { errors: number; warnings: number; cellsChecked: number };
  /** Uniqueness indexes of `unique` fields, kept for incremental re-validation. */
  readonly uniqueness: Map<string, UniqueIndex>;
}

/**
 * One duplicate-detection index: key → row (one) or rows (several), plus each row's key. Rows
 * whose key no other row shares may instead be held in `hashed` (see duplicates.ts,
 * `HashedRows`): a 32-bit hash per row, their key strings never made to live.
 */
export interface KeyIndex {
  readonly groups: Map<string, number | number[]>;
  readonly keys: (string | undefined)[];
  hashed?: HashedRows;
}

/** Rows held by the hash of their key only; each is known to share it with no other row. */
export interface HashedRows {
  readonly hashes: Uint32Array;
  /** 1 while a row is held here (not in `groups`). */
  readonly held: Uint8Array;
  /** Hash table: slot → first row + 1 (0: empty); `next`: row → next row + 1 in the slot. */
  readonly slots: Int32Array;
  readonly next: Int32Array;
  /** The key of a held row, worked out again from its cell when it must join `groups`. */
  readonly keyOf: (row: number) => string | undefined;
  readonly hash: (key: string) => number;
}

export interface UniqueIndex {
  /** Rows whose normalised key is shared (and any edited row): exact duplicates are a subset. */
  readonly exact: KeyIndex;
  readonly normalized: KeyIndex;
  /** A cell of the column the index was built over, read when a row joins a group (edited in place). */
  readonly cell: (row: number) => string | null;
}

export interface CellChange {
  readonly row: number;
  readonly field: string;
  readonly value: string | null;
}

export function emptyRuleCounts(): RuleCounts {
  return { required: 0, type: 0, format: 0, length: 0, picklist: 0, unique: 0, 'duplicate-normalized': 0 };
}
