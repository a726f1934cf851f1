import type { Cell } from '../model/cell';
import { CHUNK_BITS, CHUNK_MASK, findRow } from '../model/chunk-layout';
import { CELL_ASIDE, textBytes, type Table } from '../model/table';

/**
 * The cells of one chunk that differ from the source column, packed like the source: one
 * joined string and a Uint32Array of end offsets. Sparse when few cells differ (`rows` lists
 * their chunk-relative rows, ascending), dense otherwise (every row of the chunk held).
 */
interface Override {
  readonly text: string;
  readonly ends: Uint32Array;
  readonly rows: Uint16Array | undefined;
  /** Bit per held cell (by position) whose value is `null`; absent when none is. */
  readonly nulls: Uint8Array | undefined;
}

/**
 * One mapped column, packed like the source table. A chunk of 4,096 rows whose transformed
 * values all equal the source's (no transforms, `trim` on trimmed text, a phone already in
 * E.164) stores nothing and reads the source column: a column untouched by its transforms
 * shares the source instead of holding a copy. Other chunks hold only the cells that differ
 * (or all of them, when most do) as one string and offsets, never one JS string per cell,
 * which a million rows × a dozen fields would keep alive for the garbage collector to trace.
 * Edits go to a small map beside the chunks.
 *
 * @example
 * const b = new MappedColumnBuilder(table, 2);
 * b.push(table.cell(0, 2), true);
 * b.push('+14155552671', false);
 * const column = b.finish();
 * column.get(1); // '+14155552671'
 */
export class MappedColumn {
  private edits: Map<number, Cell> | undefined;

  /**
   * A column another thread built from a copy of the same source column ({@link parts}): its
   * chunks read `source`'s column `sourceColumn` wherever they hold nothing, as the copy's did.
   */
  static fromParts(parts: MappedColumnParts, source: Table | undefined, sourceColumn: number): MappedColumn {
    return new MappedColumn(parts.length, parts.chunks, parts.sourceColumn < 0 ? undefined : source, parts.sourceColumn < 0 ? -1 : sourceColumn);
  }

  constructor(
    readonly length: number,
    private readonly chunks: readonly (Override | undefined)[],
    private readonly source: Table | undefined,
    private readonly sourceColumn: number,
  ) {}

  get(row: number): Cell {
    const edits = this.edits;
    if (edits !== undefined) {
      const edited = edits.get(row);
      if (edited !== undefined) return edited;
      if (edits.has(row)) return null;
    }
    return this.builtValue(row);
  }

  /**
   * The cell as the transforms made it, edits ignored: what the plan's transforms give for the
   * source cell (a pure function of it), which a baseline mapped with the same plan can reuse
   * (known-values.ts).
   */
  builtValue(row: number): Cell {
    if (!(row >= 0 && row < this.length)) return null;
    const chunk = this.chunks[row >>> CHUNK_BITS];
    if (chunk === undefined) return this.source === undefined ? null : this.source.cell(row, this.sourceColumn);
    let k = row & CHUNK_MASK;
    if (chunk.rows !== undefined) {
      k = findRow(chunk.rows, k);
      if (k < 0) return this.source === undefined ? null : this.source.cell(row, this.sourceColumn);
    }
    if (chunk.nulls !== undefined && ((chunk.nulls[k >> 3] as number) & (1 << (k & 7))) !== 0) return null;
    return chunk.text.slice(k === 0 ? 0 : (chunk.ends[k - 1] as number), chunk.ends[k]);
  }

  /**
   * {@link Table.cellSpan} for this column: the string holding the cell and its place in it,
   * without slicing a string for it; null when the cell is missing. An edited cell is its own
   * string.
   */
  span(row: number, span: Int32Array): string | null {
    const edits = this.edits;
    if (edits !== undefined && edits.has(row)) {
      const edited = edits.get(row) ?? null;
      if (edited === null) return null;
      span[0] = 0;
      span[1] = edited.length;
      return edited;
    }
    if (!(row >= 0 && row < this.length)) return null;
    const chunk = this.chunks[row >>> CHUNK_BITS];
    let k = row & CHUNK_MASK;
    if (chunk !== undefined && chunk.rows !== undefined) k = findRow(chunk.rows, k);
    if (chunk === undefined || k < 0) return this.sourceSpan(row, span);
    if (chunk.nulls !== undefined && ((chunk.nulls[k >> 3] as number) & (1 << (k & 7))) !== 0) return null;
    span[0] = k === 0 ? 0 : (chunk.ends[k - 1] as number);
    span[1] = chunk.ends[k] as number;
    return chunk.text;
  }

  /**
   * {@link Table.columnSpans} for this column: rows `[from, to)` of one chunk. A chunk the
   * transforms left as it was hands out the source's chunk; a chunk holding every cell its own.
   * Null (ask cell by cell) when the run's cells are in more than one string: a sparse chunk (a
   * few cells of its own, the rest the source's), an edited cell, a run across chunks.
   */
  spans(from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
    const n = to - from;
    if (n <= 0) return '';
    if (from < 0 || to > this.length || from >>> CHUNK_BITS !== (to - 1) >>> CHUNK_BITS) return null;
    if (this.edits !== undefined && this.editedIn(from, to)) return null;
    return this.chunkSpans(from, to, starts, ends);
  }

  /** {@link spans} of a run inside one chunk, edits not looked at: null for a sparse chunk. */
  private chunkSpans(from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
    const n = to - from;
    const chunk = this.chunks[from >>> CHUNK_BITS];
    if (chunk === undefined) {
      if (this.source === undefined) {
        starts.fill(-1, 0, n);
        return '';
      }
      return this.source.columnSpans?.(this.sourceColumn, from, to, starts, ends) ?? null;
    }
    if (chunk.rows !== undefined) return null;
    const { ends: cellEnds, nulls } = chunk;
    const first = from & CHUNK_MASK;
    for (let i = 0; i < n; i++) {
      const k = first + i;
      if (nulls !== undefined && ((nulls[k >> 3] as number) & (1 << (k & 7))) !== 0) {
        starts[i] = -1;
        continue;
      }
      starts[i] = k === 0 ? 0 : (cellEnds[k - 1] as number);
      ends[i] = cellEnds[k] as number;
    }
    return chunk.text;
  }

  /**
   * {@link Table.columnSpansAside} for this column: as {@link spans}, but a sparse chunk hands
   * out the source's run with its own cells marked {@link CELL_ASIDE}, and edited cells are
   * marked so too, instead of the whole run being declined. Null where `spans` would give null
   * for another reason (a run across chunks, a source without runs).
   */
  spansAside(from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
    const n = to - from;
    if (n <= 0) return '';
    if (from < 0 || to > this.length || from >>> CHUNK_BITS !== (to - 1) >>> CHUNK_BITS) return null;
    const chunk = this.chunks[from >>> CHUNK_BITS];
    let text: string | null;
    if (chunk !== undefined && chunk.rows === undefined) text = this.chunkSpans(from, to, starts, ends);
    else {
      // The source's cells (and its cells aside), but for the few a sparse chunk holds.
      const source = this.source;
      if (source === undefined) {
        starts.fill(-1, 0, n);
        text = '';
      } else if (source.columnSpansAside !== undefined)
        text = source.columnSpansAside(this.sourceColumn, from, to, starts, ends);
      else text = source.columnSpans?.(this.sourceColumn, from, to, starts, ends) ?? null;
      if (text !== null && chunk?.rows !== undefined) {
        const first = from & CHUNK_MASK;
        for (const k of chunk.rows) if (k >= first && k < first + n) starts[k - first] = CELL_ASIDE;
      }
    }
    if (text === null) return null;
    const edits = this.edits;
    if (edits !== undefined) {
      if (edits.size < n) {
        for (const row of edits.keys()) if (row >= from && row < to) starts[row - from] = CELL_ASIDE;
      } else for (let r = from; r < to; r++) if (edits.has(r)) starts[r - from] = CELL_ASIDE;
    }
    return text;
  }

  /** True when a row of `[from, to)` has been edited. */
  private editedIn(from: number, to: number): boolean {
    const edits = this.edits as Map<number, Cell>;
    if (edits.size < to - from) {
      for (const row of edits.keys()) if (row >= from && row < to) return true;
      return false;
    }
    for (let r = from; r < to; r++) if (edits.has(r)) return true;
    return false;
  }

  private sourceSpan(row: number, span: Int32Array): string | null {
    const source = this.source;
    if (source === undefined) return null;
    if (source.cellSpan !== undefined) return source.cellSpan(row, this.sourceColumn, span);
    const value = source.cell(row, this.sourceColumn);
    if (value === null) return null;
    span[0] = 0;
    span[1] = value.length;
    return value;
  }

  /** Writes one cell (an edit); rows outside the column are ignored. */
  set(row: number, value: Cell): void {
    if (!(row >= 0 && row < this.length)) return;
    (this.edits ??= new Map()).set(row, value);
  }

  /** Chunks that store cells of their own, and edited cells: what this column holds beside the source. */
  /** Text bytes ({@link textBytes}) and typed-array bytes of the chunks this column holds itself (the source's not counted), plus edited cells. */
  heldBytes(): number {
    let n = 0;
    for (const c of this.chunks) {
      if (c === undefined) continue;
      n += textBytes(c.text) + c.ends.byteLength + (c.rows?.byteLength ?? 0) + (c.nulls?.byteLength ?? 0);
    }
    for (const v of this.edits?.values() ?? []) n += v?.length ?? 0;
    return n;
  }

  /** What this column holds of its own, as plain data (no edits: a column just built). */
  parts(): MappedColumnParts {
    if (this.edits !== undefined) throw new Error('MappedColumn.parts: an edited column');
    return { length: this.length, chunks: this.chunks, sourceColumn: this.source === undefined ? -1 : this.sourceColumn };
  }

  stats(): { ownChunks: number; chunks: number; edits: number } {
    return { ownChunks: this.chunks.filter((c) => c !== undefined).length, chunks: this.chunks.length, edits: this.edits?.size ?? 0 };
  }
}

/** A built column as plain data, to cross `postMessage` ({@link MappedColumn.parts}). */
export interface MappedColumnParts {
  readonly length: number;
  readonly chunks: readonly (Override | undefined)[];
  /** -1: the column reads no source (every chunk its own). */
  readonly sourceColumn: number;
}

/** Builds a {@link MappedColumn} row by row, one chunk held as values at a time. */
export class MappedColumnBuilder {
  private readonly chunks: (Override | undefined)[] = [];
  /** This chunk's values that differ from the source, `differ` parallel to it. */
  private values: Cell[] = [];
  /** Chunk-relative rows of this chunk whose value differs from the source. */
  private differ: number[] = [];
  private count = 0;

  /** @param sourceColumn the one source column the values derive from, or -1 when none. */
  constructor(
    private readonly source: Table | undefined,
    private readonly sourceColumn: number,
  ) {}

  /**
   * Adds the next row as the source column's cell itself, without its string: read from the
   * source only if its chunk ends up holding every cell (most of the chunk's cells differ).
   */
  pushSame(): void {
    if (this.sourceColumn < 0) throw new Error('MappedColumnBuilder.pushSame: no source column');
    this.count++;
    if ((this.count & CHUNK_MASK) === 0) this.seal();
  }

  /** Adds the next row's value; `same`: it equals the source column's cell. */
  push(value: Cell, same: boolean): void {
    if (!same || this.sourceColumn < 0) {
      this.differ.push(this.count & CHUNK_MASK);
      this.values.push(value);
    }
    this.count++;
    if ((this.count & CHUNK_MASK) === 0) this.seal();
  }

  private seal(): void {
    // Rows of this chunk: a whole one, or the last one's rest.
    const n = ((this.count - 1) & CHUNK_MASK) + 1;
    const differ = this.differ;
    if (differ.length === 0) this.chunks.push(undefined);
    else {
      // Sparse when a quarter or fewer differ: a binary search per read beats holding copies.
      const sparse = differ.length * 4 <= n && this.sourceColumn >= 0;
      let held = this.values;
      if (!sparse && differ.length < n) {
        // Every cell held: the ones equal to the source's read from it.
        const first = this.count - n;
        held = [];
        for (let k = 0, j = 0; k < n; k++) held.push(differ[j] === k ? (this.values[j++] as Cell) : (this.source as Table).cell(first + k, this.sourceColumn));
      }
      const ends = new Uint32Array(held.length);
      let nulls: Uint8Array | undefined;
      let end = 0;
      for (let k = 0; k < held.length; k++) {
        const v = held[k] as Cell;
        if (v === null) {
          nulls ??= new Uint8Array((held.length + 7) >> 3);
          nulls[k >> 3] = (nulls[k >> 3] as number) | (1 << (k & 7));
        } else end += v.length;
        ends[k] = end;
      }
      // join() builds one flat string, so no cell keeps the text it was sliced from alive.
      const text = held.join('');
      this.chunks.push({ text, ends, rows: sparse ? Uint16Array.from(differ) : undefined, nulls });
    }
    this.values = [];
    this.differ = [];
  }

  finish(): MappedColumn {
    if ((this.count & CHUNK_MASK) !== 0) this.seal();
    return new MappedColumn(this.count, this.chunks, this.sourceColumn < 0 ? undefined : this.source, this.sourceColumn);
  }
}
