import { emptyRuleCounts, type FieldCounts, type RuleCounts, type ValueProblem, type ValueRule } from './validate-types';

/**
 * What one stored code stands for: the rules and levels of a cell's problems, in order.
 * Parameters (a suggestion, a length, a duplicate's first row) are not stored: they are a
 * function of the cell's value (or of the uniqueness index) and are worked out again when a
 * row is shown or reported (validate-columns.ts, `problemsAt`).
 */
interface Kind {
  readonly rules: readonly ValueRule[];
  readonly errors: number;
  readonly warnings: number;
}

/** Uniqueness codes, one slot beside each field's value code. */
export type UniqueRule = 'unique' | 'duplicate-normalized';
const UNIQUE_KINDS: readonly Kind[] = [
  { rules: [], errors: 0, warnings: 0 },
  { rules: ['unique'], errors: 1, warnings: 0 },
  { rules: ['duplicate-normalized'], errors: 0, warnings: 1 },
];
const UNIQUE_CODE: Readonly<Record<UniqueRule, number>> = { unique: 1, 'duplicate-normalized': 2 };

/** Problem arrays remembered by identity per field; checks return shared frozen arrays. */
const IDENTITY_LIMIT = 4_096;

/**
 * The problems of every mapped cell, packed: per field one byte per row naming the kind of the
 * cell's value problems (0: none) and, for unique fields, one byte per row for its uniqueness
 * problem; per row the number of cells with a problem and with an error; per field and code a
 * running count. A million rows × 12 fields take at most 12 MB of codes plus 4 MB of row
 * counts, against one array and one or more objects per row with problems in a Map; a field
 * that never has a problem allocates nothing. Every count a summary shows is read from the
 * running counts, so an edit costs what it changes, never a walk over the problems.
 *
 * Dense per field rather than a sorted list of (row, code): an edit is one store, never an
 * insertion into a million-entry array.
 *
 * @example
 * const store = new ProblemStore(3, ['email']);
 * store.setValue(1, 0, store.codeFor(0, [{ rule: 'format', level: 'error' }]));
 * store.rowsWithErrors; // 1
 */
export class ProblemStore {
  private readonly values: (Uint8Array | Uint16Array | undefined)[];
  private readonly uniques: (Uint8Array | undefined)[];
  /** Per field: code → kind (code 0 is "no problem"). */
  private readonly kinds: Kind[][];
  /** Per field: how many cells hold each value code, and each uniqueness code. */
  private readonly valueTally: number[][];
  private readonly uniqueTally: number[][];
  private readonly bySignature: Map<string, number>[];
  private readonly byIdentity: Map<readonly ValueProblem[], number>[];
  /** Per row: cells with a problem, and cells with an error (a field has at most 10,000 columns). */
  private readonly rowProblems: Uint16Array;
  private readonly rowErrors: Uint16Array;
  private problemRows = 0;
  private errorRows = 0;

  constructor(
    readonly rowCount: number,
    readonly fields: readonly string[],
  ) {
    this.values = fields.map(() => undefined);
    this.uniques = fields.map(() => undefined);
    this.kinds = fields.map(() => [UNIQUE_KINDS[0] as Kind]);
    this.valueTally = fields.map(() => [0]);
    this.uniqueTally = fields.map(() => [0, 0, 0]);
    this.bySignature = fields.map(() => new Map());
    this.byIdentity = fields.map(() => new Map());
    this.rowProblems = new Uint16Array(rowCount);
    this.rowErrors = new Uint16Array(rowCount);
  }

  /** Rows with at least one problem / error. */
  get rowsWithProblems(): number {
    return this.problemRows;
  }

  get rowsWithErrors(): number {
    return this.errorRows;
  }

  /** The code of a value-problem list for `field` (0 for none), interned by rules and levels. */
  codeFor(field: number, problems: readonly ValueProblem[] | undefined): number {
    if (problems === undefined || problems.length === 0) return 0;
    const identity = this.byIdentity[field] as Map<readonly ValueProblem[], number>;
    const known = identity.get(problems);
    if (known !== undefined) return known;
    let signature = '';
    for (const p of problems) signature += `${p.rule}/${p.level}/${String(p.params?.['reason'] ?? '')};`;
    const signatures = this.bySignature[field] as Map<string, number>;
    let code = signatures.get(signature);
    if (code === undefined) {
      const kinds = this.kinds[field] as Kind[];
      code = kinds.length;
      kinds.push({
        rules: problems.map((p) => p.rule),
        errors: problems.filter((p) => p.level === 'error').length,
        warnings: problems.filter((p) => p.level !== 'error').length,
      });
      (this.valueTally[field] as number[]).push(0);
      signatures.set(signature, code);
    }
    // Only frozen arrays are shared between cells; a fresh array per cell would only grow the map.
    if (Object.isFrozen(problems)) {
      if (identity.size >= IDENTITY_LIMIT) identity.clear();
      identity.set(problems, code);
    }
    return code;
  }

  valueCode(row: number, field: number): number {
    return this.values[field]?.[row] ?? 0;
  }

  uniqueCode(row: number, field: number): number {
    return this.uniques[field]?.[row] ?? 0;
  }

  /** Sets the value-problem code of one cell, keeping every count right. */
  setValue(row: number, field: number, code: number): void {
    let codes = this.values[field];
    if (codes === undefined) {
      if (code === 0) return;
      this.values[field] = codes = new Uint8Array(this.rowCount);
    }
    const before = codes[row] as number;
    if (before === code) return;
    if (code > 0xff && codes instanceof Uint8Array) this.values[field] = codes = Uint16Array.from(codes);
    codes[row] = code;
    const tally = this.valueTally[field] as number[];
    tally[before] = (tally[before] as number) - 1;
    tally[code] = (tally[code] as number) + 1;
    const kinds = this.kinds[field] as Kind[];
    const unique = UNIQUE_KINDS[this.uniqueCode(row, field)] as Kind;
    this.moveCell(row, kinds[before] as Kind, kinds[code] as Kind, unique);
  }

  /** Sets the uniqueness problem of one cell (`undefined`: none). */
  setUnique(row: number, field: number, rule: UniqueRule | undefined): void {
    const code = rule === undefined ? 0 : UNIQUE_CODE[rule];
    let codes = this.uniques[field];
    if (codes === undefined) {
      if (code === 0) return;
      this.uniques[field] = codes = new Uint8Array(this.rowCount);
    }
    const before = codes[row] as number;
    if (before === code) return;
    codes[row] = code;
    const tally = this.uniqueTally[field] as number[];
    tally[before] = (tally[before] as number) - 1;
    tally[code] = (tally[code] as number) + 1;
    const value = (this.kinds[field] as Kind[])[this.valueCode(row, field)] as Kind;
    this.moveCell(row, UNIQUE_KINDS[before] as Kind, UNIQUE_KINDS[code] as Kind, value);
  }

  /**
   * One of a cell's two codes moved from kind `a` to kind `b`; `other` is the kind of its other
   * code. A row counts cells, not problems: only whether the cell has a problem (an error)
   * before and after matters.
   */
  private moveCell(row: number, a: Kind, b: Kind, other: Kind): void {
    const otherProblem = other.rules.length > 0;
    const had = a.rules.length > 0 || otherProblem;
    const has = b.rules.length > 0 || otherProblem;
    if (had !== has) {
      const n = (this.rowProblems[row] as number) + (has ? 1 : -1);
      this.rowProblems[row] = n;
      if (has && n === 1) this.problemRows++;
      else if (!has && n === 0) this.problemRows--;
    }
    const otherError = other.errors > 0;
    const hadError = a.errors > 0 || otherError;
    const hasError = b.errors > 0 || otherError;
    if (hadError !== hasError) {
      const n = (this.rowErrors[row] as number) + (hasError ? 1 : -1);
      this.rowErrors[row] = n;
      if (hasError && n === 1) this.errorRows++;
      else if (!hasError && n === 0) this.errorRows--;
    }
  }

  hasProblems(row: number): boolean {
    return this.rowProblems[row] !== 0;
  }

  hasErrors(row: number): boolean {
    return this.rowErrors[row] !== 0;
  }

  /** Whether a cell has a problem, or one under `rule` ('*': any). */
  cellHas(row: number, field: number, rule: string): boolean {
    const v = this.valueCode(row, field);
    const u = this.uniqueCode(row, field);
    if (rule === '*') return v !== 0 || u !== 0;
    if (u !== 0 && (UNIQUE_KINDS[u] as Kind).rules[0] === rule) return true;
    return v !== 0 && ((this.kinds[field] as Kind[])[v] as Kind).rules.includes(rule as ValueRule);
  }

  /** Removes every problem of a row (a deleted row), keeping the counts right. */
  clearRow(row: number): void {
    for (let f = 0; f < this.fields.length; f++) {
      this.setValue(row, f, 0);
      this.setUnique(row, f, undefined);
    }
  }

  /** Counts of one field, from the running tallies. */
  fieldCounts(field: number): FieldCounts {
    const byRule = emptyRuleCounts();
    let errors = 0;
    let warnings = 0;
    const add = (kind: Kind, n: number): void => {
      if (n === 0) return;
      for (const rule of kind.rules) byRule[rule] += n;
      errors += kind.errors * n;
      warnings += kind.warnings * n;
    };
    const kinds = this.kinds[field] as Kind[];
    (this.valueTally[field] as number[]).forEach((n, code) => code > 0 && add(kinds[code] as Kind, n));
    (this.uniqueTally[field] as number[]).forEach((n, code) => code > 0 && add(UNIQUE_KINDS[code] as Kind, n));
    return { byRule, errors, warnings };
  }

  /** Counts of every field, by key. */
  byField(): Map<string, FieldCounts> {
    return new Map(this.fields.map((key, f) => [key, this.fieldCounts(f)] as const));
  }

  /** Counts over all fields. */
  totals(): { byRule: RuleCounts; errors: number; warnings: number } {
    const byRule = emptyRuleCounts();
    let errors = 0;
    let warnings = 0;
    for (let f = 0; f < this.fields.length; f++) {
      const c = this.fieldCounts(f);
      for (const rule of Object.keys(byRule) as ValueRule[]) byRule[rule] += c.byRule[rule];
      errors += c.errors;
      warnings += c.warnings;
    }
    return { byRule, errors, warnings };
  }
}
