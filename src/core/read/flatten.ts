import type { Cell } from '../model/cell';
import type { ParseIssue } from '../model/issue';
import { TableBuilder } from '../model/table';

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
  private cells: Cell[] = [];
  private readonly warned = new Set<string>();
  private readonly issues: ParseIssue[] = [];

  get rowCount(): number {
    return this.builder.rowCount;
  }

  /** The column index for `name`, adding the column when it is new. */
  column(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.builder.addColumn(name);
      this.index.set(name, i);
    }
    return i;
  }

  /** Sets a cell of the record being built; a repeated name overwrites (last wins, as JSON.parse). */
  set(name: string, value: Cell): void {
    this.cells[this.column(name)] = value;
  }

  /** Sets a cell only if this record has no value for it yet; false when it already had one. */
  add(name: string, value: Cell): boolean {
    const i = this.column(name);
    if (this.cells[i] !== undefined) return false;
    this.cells[i] = value;
    return true;
  }

  /** The current value of a cell of the record being built (`undefined` when not set). */
  get(name: string): Cell | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.cells[i];
  }

  /** Appends the record being built and starts an empty one. */
  commit(sourceRow: number): void {
    this.builder.appendRow(this.cells, sourceRow);
    this.cells = [];
  }

  /** Drops the record being built (a record that turned out to be bad). */
  discard(): void {
    this.cells = [];
  }

  /** Adds a data issue. */
  report(issue: ParseIssue): void {
    this.issues.push(issue);
  }

  /**
   * Reports an issue once per column: a nested array in 100k rows is one fact about the column,
   * not 100k warnings.
   */
  reportOncePerColumn(issue: ParseIssue & { column: string }): void {
    const key = `${issue.code}\u0000${issue.column}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.issues.push(issue);
  }

  finish(): { table: ReturnType<TableBuilder['finish']>; issues: ParseIssue[] } {
    return { table: this.builder.finish(), issues: this.issues };
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
