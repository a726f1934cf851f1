import type { DuplicateKind } from './duplicates';
import type { KeyGroups } from './key-groups';
import type { SpanOf } from './key-reader';
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
export type CellColumn =
  | ArrayLike<string | null>
  | {
      readonly length: number;
      get(row: number): string | null;
      /** The cell in place (the chunk's joined text, start and end), where the column packs its cells. */
      span?(row: number, span: Int32Array): string | null;
      /** Rows `[from, to)` in place at once (starts -1 where missing), or null: ask cell by cell. */
      spans?(from: number, to: number, starts: Int32Array, ends: Int32Array): string | null;
    };

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
 * The uniqueness index of one `unique` field (see key-groups.ts): every row with a key in its
 * normalised group; the exact groups hold at least every row of a normalised group of two or
 * more (exact duplicates are always normalised ones too).
 */
export interface UniqueIndex {
  readonly exact: KeyGroups;
  readonly normalized: KeyGroups;
  readonly kind: DuplicateKind;
  /** A cell of the column the index was built over, in place (edited in place). */
  readonly span: SpanOf;
}

export interface CellChange {
  readonly row: number;
  readonly field: string;
  readonly value: string | null;
}

export function emptyRuleCounts(): RuleCounts {
  return { required: 0, type: 0, format: 0, length: 0, picklist: 0, unique: 0, 'duplicate-normalized': 0 };
}
