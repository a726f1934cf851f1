import type { Cell } from './cell';

/**
 * A read-only table of cells exactly as read. Rows keep their source row number so every
 * message can say "row 1,204". Column names are plain strings in an array, never object keys,
 * so a header called `__proto__` is just data.
 */
export interface Table {
  readonly columns: readonly string[];
  readonly rowCount: number;
  /** The cell at a row and column index; `null` where the value is missing. */
  cell(row: number, column: number): Cell;
  /** A fresh array of one row's cells. */
  row(row: number): Cell[];
  /** The 1-based record number in the source file. */
  sourceRow(row: number): number;
}

/** Rows per chunk: each chunk of a column is one joined string plus end offsets. */
const CHUNK_BITS = 12;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;

interface Chunk {
  readonly text: string;
  readonly ends: Uint32Array;
  /** Bit set per row where the cell is missing (`null`); absent when none is. */
  readonly missing: Uint8Array | undefined;
}

/**
 * Copies a chunk's rope of cells into one flat string. Cells are often slices of the text a
 * reader parsed, and a slice (or a rope of them) keeps all of that text alive. Slicing a rope
 * flattens it into a new string first, and the slice then keeps only that copy alive; `' ' +`
 * makes sure there is a rope to flatten even for a lone cell (V8's `[s].join('')` is `s`
 * itself). Measured: `+=` then this is ~20% faster than collecting cells and `join('')`.
 */
function flatten(rope: string): string {
  return (' ' + rope).slice(1);
}

/**
 * One column, packed: per chunk of 4,096 rows one string and a Uint32Array of end offsets.
 * A million rows × 10 columns of short strings take ~1.4× the file's size this way, against
 * ~2.5× for one JS string per cell (docs/design.md, "Data model: text first, lossless").
 */
class PackedColumn {
  private readonly chunks: Chunk[] = [];
  /** This chunk's cells so far, concatenated: a rope until {@link seal} flattens it. */
  private text = '';
  private ends = new Uint32Array(CHUNK_ROWS);
  private missing: Uint8Array | undefined;
  private count = 0;

  /** @param firstRow rows before this one are missing (a column first seen later in JSON). */
  constructor(readonly firstRow: number) {}

  push(value: Cell): void {
    const i = this.count & CHUNK_MASK;
    if (value === null) {
      this.missing ??= new Uint8Array(CHUNK_ROWS >> 3);
      this.missing[i >> 3] = (this.missing[i >> 3] ?? 0) | (1 << (i & 7));
    } else if (value.length > 0) {
      this.text += value;
    }
    this.ends[i] = this.text.length;
    this.count++;
    if ((this.count & CHUNK_MASK) === 0) this.seal();
  }

  private seal(): void {
    const rows = this.count & CHUNK_MASK || CHUNK_ROWS;
    const ends = rows === CHUNK_ROWS ? this.ends : this.ends.slice(0, rows);
    this.chunks.push({ text: flatten(this.text), ends, missing: this.missing });
    this.text = '';
    this.ends = new Uint32Array(CHUNK_ROWS);
    this.missing = undefined;
  }

  finish(): void {
    if ((this.count & CHUNK_MASK) !== 0) this.seal();
  }

  get(row: number): Cell {
    const r = row - this.firstRow;
    if (r < 0 || r >= this.count) return null;
    const chunk = this.chunks[r >> CHUNK_BITS];
    if (chunk === undefined) return null;
    const i = r & CHUNK_MASK;
    if (chunk.missing !== undefined && ((chunk.missing[i >> 3] ?? 0) & (1 << (i & 7))) !== 0) {
      return null;
    }
    const start = i === 0 ? 0 : (chunk.ends[i - 1] ?? 0);
    return chunk.text.slice(start, chunk.ends[i]);
  }
}

/**
 * Builds a {@link Table} row by row. Readers push rows as they parse so the parsed text never
 * has to exist twice. Columns can be added while reading (JSON objects with new keys): rows
 * before the column existed read as missing.
 *
 * @example
 * const b = new TableBuilder(['id', 'name']);
 * b.appendRow(['1', 'Ada'], 2);
 * const table = b.finish();
 * table.cell(0, 1); // 'Ada'
 */
export class TableBuilder {
  private readonly names: string[] = [];
  private readonly packed: PackedColumn[] = [];
  private readonly sources: Uint32Array[] = [];
  private sourceChunk = new Uint32Array(CHUNK_ROWS);
  private count = 0;
  private finished = false;

  constructor(columns: readonly string[] = []) {
    for (const name of columns) this.addColumn(name);
  }

  get rowCount(): number {
    return this.count;
  }

  get columnCount(): number {
    return this.names.length;
  }

  /** Adds a column and returns its index. Names are not deduplicated here; readers do that. */
  addColumn(name: string): number {
    this.names.push(name);
    this.packed.push(new PackedColumn(this.count));
    return this.names.length - 1;
  }

  /**
   * Appends one row. Cells beyond the known columns are ignored (readers report ragged rows
   * and add columns first); cells short of them are stored as missing.
   */
  appendRow(cells: readonly Cell[], sourceRow: number): void {
    const cols = this.packed;
    for (let c = 0; c < cols.length; c++) {
      const cell = cells[c];
      (cols[c] as PackedColumn).push(cell === undefined ? null : cell);
    }
    const i = this.count & CHUNK_MASK;
    this.sourceChunk[i] = sourceRow;
    this.count++;
    if ((this.count & CHUNK_MASK) === 0) {
      this.sources.push(this.sourceChunk);
      this.sourceChunk = new Uint32Array(CHUNK_ROWS);
    }
  }

  finish(): Table {
    if (this.finished) throw new Error('TableBuilder.finish() called twice');
    this.finished = true;
    for (const col of this.packed) col.finish();
    if ((this.count & CHUNK_MASK) !== 0) {
      this.sources.push(this.sourceChunk.slice(0, this.count & CHUNK_MASK));
    }
    return new PackedTable([...this.names], this.packed, this.sources, this.count);
  }
}

class PackedTable implements Table {
  constructor(
    readonly columns: readonly string[],
    private readonly packed: readonly PackedColumn[],
    private readonly sources: readonly Uint32Array[],
    readonly rowCount: number,
  ) {}

  cell(row: number, column: number): Cell {
    const col = this.packed[column];
    return col === undefined ? null : col.get(row);
  }

  row(row: number): Cell[] {
    return this.packed.map((col) => col.get(row));
  }

  sourceRow(row: number): number {
    return this.sources[row >> CHUNK_BITS]?.[row & CHUNK_MASK] ?? 0;
  }
}

/** Builds a table from plain rows (tests, small inputs). Source rows default to 1-based + 1. */
export function tableFromRows(
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
  sourceRows?: readonly number[],
): Table {
  const b = new TableBuilder(columns);
  rows.forEach((r, i) => b.appendRow(r, sourceRows?.[i] ?? i + 2));
  return b.finish();
}

/** All rows as arrays: for tests and small tables only. */
export function tableToRows(table: Table): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < table.rowCount; r++) out.push(table.row(r));
  return out;
}
