import type { Transform } from '../mapping/mapping-types';
import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import type { MappedColumn } from './mapped-column';
import type { BuiltColumns, MappedField } from './mapped-columns';

/**
 * Transforms whose per-cell cost is worth a look-up: a phone parsed by the library, a date or
 * number read, a name split. The others (trim, case, a memoised value map) cost less than the
 * look-up itself.
 */
const COSTLY: ReadonlySet<Transform['kind']> = new Set(['phone', 'date', 'number', 'split-name']);

/** Rows per block after which the hit share is judged. */
const BLOCK = 4096;
/** Blocks skipped (no look-up) after a block that found less than a quarter of its cells. */
const PAUSE_BLOCKS = 4;
/** Consecutive misses after which the alignment is searched for again. */
const RESYNC_AFTER = 16;
/** Rows either side of the expected one that a search looks at. */
const RESYNC_WINDOW = 512;
/** Rows of the other table whose cells' places are read at once (a table chunk: table.ts). */
const RUN = 4096;

/**
 * A field's values as the same transforms already made them for another table: the current
 * data, when a baseline is mapped with the current data's plan (baseline-mapping.ts). A
 * transform without `join` is a pure function of its cell, so wherever the baseline holds the
 * very cell the current data holds in the same source column, the current data's mapped value
 * is the answer and the transform (a phone parsed by the library: most of a clean baseline's
 * mapping time) need not run again.
 *
 * Finding the same cell costs nothing like a hash of a million values: last month's export of
 * the same system lists mostly the same records in mostly the same order, so the cell is looked
 * for at the row the previous hit suggests (`row + shift`), one row either side (a record added
 * or removed), and after a run of misses in a window around it. Where the two files are in
 * different orders nothing is found and the look-ups pause, so the cost stays a small share of
 * the transforms'. Whatever is found is exact: the raw cells are compared as strings, and the
 * current data's user edits are ignored ({@link MappedColumn.builtValue}).
 */
export class KnownValues {
  private shift = 0;
  private misses = 0;
  /** No window search before this row (after one that found nothing). */
  private searchFrom = 0;
  /** Look-ups paused until this row (after a block that found little). */
  private pausedUntil = 0;
  private blockEnd = BLOCK;
  private blockHits = 0;
  private readonly rows: number;
  /** Cells found so far (tests and benches). */
  found = 0;
  /**
   * The other table's cells of rows `[runFrom, runTo)` where it keeps them (`columnSpans`): row
   * `runFrom + i` is `runText.slice(starts[i], ends[i])`, or null where `starts[i]` is -1.
   * `runText` null: the table does not give them (then the cell is sliced: `Table.cell`).
   */
  private runFrom = 0;
  private runTo = 0;
  private runText: string | null = null;
  private readonly starts = new Int32Array(RUN);
  private readonly ends = new Int32Array(RUN);

  constructor(
    private readonly table: Table,
    private readonly column: number,
    private readonly values: MappedColumn,
  ) {
    this.rows = Math.min(table.rowCount, values.length);
  }

  /**
   * The mapped value of `raw`, the cell of row `row` of the table being mapped, when the other
   * table holds the same cell near the row expected; undefined when not found (the caller
   * transforms it). Rows must be asked in ascending order.
   */
  find(row: number, raw: Cell): Cell | undefined {
    if (row >= this.blockEnd) this.nextBlock(row);
    if (row < this.pausedUntil) return undefined;
    const j = row + this.shift;
    let at = -1;
    if (this.same(j, raw)) at = j;
    else if (this.same(j + 1, raw)) at = j + 1;
    else if (this.same(j - 1, raw)) at = j - 1;
    else if (++this.misses >= RESYNC_AFTER && row >= this.searchFrom) {
      at = this.search(j, raw);
      if (at < 0) this.searchFrom = row + BLOCK;
    }
    if (at < 0) return undefined;
    this.shift = at - row;
    this.misses = 0;
    this.blockHits++;
    this.found++;
    return this.values.builtValue(at);
  }

  /** Judges the block that ended (when it was looked up in) and starts the one holding `row`. */
  private nextBlock(row: number): void {
    if (this.blockEnd - BLOCK >= this.pausedUntil && this.blockHits * 4 < BLOCK) this.pausedUntil = this.blockEnd + PAUSE_BLOCKS * BLOCK;
    this.blockHits = 0;
    this.blockEnd = (Math.floor(row / BLOCK) + 1) * BLOCK;
  }

  /**
   * Row `j` of the other table holds `raw`. Compared where the other table keeps the cell
   * (`startsWith` at its start, after the lengths: native, and no string made for the cell),
   * else with the cell sliced. Comparing characters in a loop through `cellSpan` measured
   * slower than the sliced string's compare.
   */
  private same(j: number, raw: Cell): boolean {
    if (j < 0 || j >= this.rows) return false;
    if (j < this.runFrom || j >= this.runTo) this.readRun(j);
    const text = this.runText;
    if (text === null) return this.table.cell(j, this.column) === raw;
    const s = this.starts[j - this.runFrom] as number;
    if (s < 0 || raw === null) return s < 0 && raw === null;
    return (this.ends[j - this.runFrom] as number) - s === raw.length && text.startsWith(raw, s);
  }

  /** Reads the places of the other table's cells in the run of {@link RUN} rows holding row `j`. */
  private readRun(j: number): void {
    this.runFrom = j - (j % RUN);
    this.runTo = Math.min(this.runFrom + RUN, this.rows);
    this.runText = this.table.columnSpans?.(this.column, this.runFrom, this.runTo, this.starts, this.ends) ?? null;
  }

  /** The row nearest `j` (within the window) holding `raw`, or -1. */
  private search(j: number, raw: Cell): number {
    for (let d = 2; d <= RESYNC_WINDOW; d++) {
      if (this.same(j + d, raw)) return j + d;
      if (this.same(j - d, raw)) return j - d;
    }
    return -1;
  }
}

/** The current data's source table and mapped columns, as its workspace holds them. */
export interface CurrentMapped {
  readonly source: Table;
  readonly built: BuiltColumns;
}

/**
 * For a field about to be mapped, the current data's values of the same field when they were
 * made the same way: one source column each side, the same transforms (none of them `join`,
 * which reads the whole row), at least one of them costly. Else undefined: transform as usual.
 */
export function knownValuesFor(current: CurrentMapped, field: MappedField): KnownValues | undefined {
  if (field.sources.length !== 1) return undefined;
  const transforms = (field.sources[0] as MappedField['sources'][number]).transforms;
  if (!transforms.some((t) => COSTLY.has(t.kind)) || transforms.some((t) => t.kind === 'join')) return undefined;
  const f = current.built.fields.findIndex((c) => c.def.key === field.def.key);
  const theirs = current.built.fields[f];
  const values = current.built.values[f];
  if (theirs === undefined || values === undefined || theirs.sources.length !== 1) return undefined;
  const source = theirs.sources[0] as MappedField['sources'][number];
  if (JSON.stringify(source.transforms) !== JSON.stringify(transforms)) return undefined;
  return new KnownValues(current.source, source.column, values);
}
