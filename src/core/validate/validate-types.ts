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
 * The outcome of validating every mapped cell. Sparse: only rows with problems appear in
 * `rows`. Lives in the worker and is updated in place by `revalidateCells`; the page receives
 * counts and windows of it, never the whole map.
 */
export interface ValidationResult {
  readonly rowCount: number;
  /** Field keys in schema order. */
  readonly fields: readonly string[];
  /** Row index → its problems, in field order. */
  readonly rows: Map<number, CellProblem[]>;
  /** Per field key (a Map: custom field keys are user text, `__proto__` included). */
  readonly byField: Map<string, FieldCounts>;
  readonly byRule: RuleCounts;
  readonly totals: { errors: number; warnings: number; cellsChecked: number };
  /** Uniqueness indexes of `unique` fields, kept for incremental re-validation. */
  readonly uniqueness: Map<string, UniqueIndex>;
}

/** One duplicate-detection index: key → row (one) or rows (several), plus each row's key. */
export interface KeyIndex {
  readonly groups: Map<string, number | number[]>;
  readonly keys: (string | undefined)[];
}

export interface UniqueIndex {
  /** Rows whose normalised key is shared (and any edited row): exact duplicates are a subset. */
  readonly exact: KeyIndex;
  readonly normalized: KeyIndex;
  /** The column the index was built over, read when a row joins a group (same array, edited in place). */
  readonly values: ArrayLike<string | null>;
}

export interface CellChange {
  readonly row: number;
  readonly field: string;
  readonly value: string | null;
}

export function emptyRuleCounts(): RuleCounts {
  return { required: 0, type: 0, format: 0, length: 0, picklist: 0, unique: 0, 'duplicate-normalized': 0 };
}
