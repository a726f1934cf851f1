import type { Cell } from '../model/cell';
import type { ParseIssue, ParseIssueCode } from '../model/issue';
import { PorterError } from '../model/porter-error';
import { TableBuilder } from '../model/table';
import { MAX_COLUMNS, MAX_READ_ISSUES } from './read-limits';

/**
 * Collects flattened records (dotted column names → cells) into a {@link TableBuilder}, adding
 * columns in first-seen order. Names live in a `Map`, never as object keys, so a field called
 * `__proto__` or `constructor` is plain data.
 *
 * @example
 * const rows = new FlatRecords();
 * rows.set('address.city', 'Oslo');
 * rows.commit(1);
 * rows.finish().table.columns; // ['address.city']
 */
export class FlatRecords {
  private readonly builder = new TableBuilder();
  private readonly index = new Map<string, number>();
  /** Column names by index, and whether each is its own JSON text ({@link RAW_NAME}). */
  private readonly names: string[] = [];
  private readonly raw: boolean[] = [];
  /** The columns the last committed record set, in the order it set them: hints for the next ({@link hint}). */
  private hints: number[] = [];
  /** The record being built, sparse: the columns it sets and their values, in order set. */
  private readonly setColumns: number[] = [];
  private readonly setValues: Cell[] = [];
  /** Per column: 1 + the position in `setColumns` if the record being built sets it, else 0. */
  private readonly slot: number[] = [];
  private readonly warned = new Set<string>();
  /** A name the record being built set twice (the last value is kept), to report with its row. */
  private repeated: string | null = null;
  private readonly issues = new IssueCollector();

  constructor(private readonly maxColumns = MAX_COLUMNS) {}

  get rowCount(): number {
    return this.builder.rowCount;
  }

  /**
   * The column index for `name`, adding the column when it is new.
   *
   * @throws PorterError `too-many-fields` when `name` would be column {@link MAX_COLUMNS} + 1.
   */
  column(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      if (this.index.size >= this.maxColumns) {
        throw new PorterError('too-many-fields', {
          limit: this.maxColumns,
          row: this.builder.rowCount + 1,
          column: name.length > 80 ? `${name.slice(0, 80)}…` : name,
        });
      }
      i = this.builder.addColumn(name);
      this.index.set(name, i);
      this.names.push(name);
      this.raw.push(RAW_NAME.test(name));
      this.slot.push(0);
    }
    return i;
  }

  /**
   * Sets a cell of the record being built; a repeated name overwrites (last wins, as JSON.parse)
   * and is reported with the record (`duplicate-key`), unless `replaces` (a value that stands
   * for the earlier ones, as XML's repeated elements gathered into a list).
   */
  set(name: string, value: Cell, replaces = false): void {
    const i = this.column(name);
    if (replaces && (this.slot[i] as number) > 0) {
      this.setValues[(this.slot[i] as number) - 1] = value;
      return;
    }
    this.setColumn(i, value);
  }

  /**
   * The name the record being built most likely sets next, and its column: the one the last
   * record set at the same place, when that name can be compared with raw JSON text (no quote,
   * backslash or control character, so its text is the name itself). Undefined otherwise.
   * Why: records of one file repeat their names in one order, and a reader that finds the
   * hint's text at its cursor skips making the name's string and looking it up (a snapshot's
   * 1M records are 12M names).
   */
  hint(): number | undefined {
    const c = this.hints[this.setColumns.length];
    return c !== undefined && this.raw[c] === true ? c : undefined;
  }

  /** A column's name ({@link hint} gives the index). */
  nameOf(column: number): string {
    return this.names[column] as string;
  }

  /** {@link set} by column index (from {@link column} or {@link hint}). */
  setColumn(i: number, value: Cell): void {
    const at = this.slot[i] as number;
    if (at > 0) {
      // `{"id":1,"id":2}`, or `"a.b"` beside `"a":{"b"…}`: one value is lost, so it is said.
      this.repeated ??= this.names[i] as string;
      this.setValues[at - 1] = value;
      return;
    }
    this.setColumns.push(i);
    this.setValues.push(value);
    this.slot[i] = this.setColumns.length;
  }

  /** Sets a cell only if this record has no value for it yet; false when it already had one. */
  add(name: string, value: Cell): boolean {
    const i = this.column(name);
    if ((this.slot[i] as number) > 0) return false;
    this.setColumns.push(i);
    this.setValues.push(value);
    this.slot[i] = this.setColumns.length;
    return true;
  }

  /** The current value of a cell of the record being built (`undefined` when not set). */
  get(name: string): Cell | undefined {
    const i = this.index.get(name);
    if (i === undefined) return undefined;
    const at = this.slot[i] as number;
    return at > 0 ? this.setValues[at - 1] : undefined;
  }

  /** Appends the record being built and starts an empty one. Costs the cells it holds. */
  commit(sourceRow: number): void {
    if (this.repeated !== null) {
      this.issues.add({ code: 'duplicate-key', severity: 'warning', row: sourceRow, column: this.repeated });
      this.repeated = null;
    }
    this.builder.appendSparse(this.setColumns, this.setValues, sourceRow);
    if (!sameList(this.hints, this.setColumns)) this.hints = this.setColumns.slice();
    this.discard();
  }

  /** Drops the record being built (a record that turned out to be bad). */
  discard(): void {
    this.repeated = null;
    for (const c of this.setColumns) this.slot[c] = 0;
    this.setColumns.length = 0;
    this.setValues.length = 0;
  }

  /** Adds a data issue (the first {@link MAX_READ_ISSUES} of a code are kept, all are counted). */
  report(issue: ParseIssue): void {
    this.issues.add(issue);
  }

  /**
   * Reports an issue once per column: a nested array in 100k rows is one fact about the column,
   * not 100k warnings.
   */
  reportOncePerColumn(issue: ParseIssue & { column: string }): void {
    const key = `${issue.code}\u0000${issue.column}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.issues.add(issue);
  }

  finish(): {
    table: ReturnType<TableBuilder['finish']>;
    issues: ParseIssue[];
    issueCounts: Partial<Record<ParseIssueCode, number>>;
  } {
    return { table: this.builder.finish(), issues: this.issues.list, issueCounts: this.issues.counts };
  }
}

/** A name whose JSON text, between its quotes, is the name itself: no quote, backslash or control character. */
// oxlint-disable-next-line no-control-regex -- control characters are what it excludes
const RAW_NAME = /^[^"\\\u0000-\u001f]*$/;

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Issues of one read: the first {@link MAX_READ_ISSUES} of each code are kept in file order,
 * every one is counted, so a file with 200,000 bad lines costs 1,000 objects and a number.
 */
export class IssueCollector {
  readonly list: ParseIssue[] = [];
  readonly counts: Partial<Record<ParseIssueCode, number>> = {};

  constructor(private readonly perCode = MAX_READ_ISSUES) {}

  add(issue: ParseIssue): void {
    const n = this.counts[issue.code] ?? 0;
    this.counts[issue.code] = n + 1;
    if (n < this.perCode) this.list.push(issue);
  }
}

/** 1-based line and column (UTF-16 code units) of an offset, computed only when reporting. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
