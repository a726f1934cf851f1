import type { Cell } from './cell';
import { CHUNK_BITS, CHUNK_MASK, CHUNK_ROWS, findRow } from './chunk-layout';

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
  /**
   * Where a cell's text is kept, without making a string for it (optional: packed tables have
   * it): returns the string that holds the cell and sets `span[0]`/`span[1]` to the cell's start
   * and end in it, or returns null when the cell is missing. Scans that only read characters
   * (canonical encoding for the diff) use it to skip one string per cell.
   */
  cellSpan?(row: number, column: number, span: Int32Array): string | null;
  /**
   * The same for a run of rows at once (optional): for rows `[from, to)` of one column, writes
   * each cell's start and end into `starts[i]`/`ends[i]` (start -1 where the cell is missing) and
   * returns the one string that holds them all, or null when the run crosses a chunk boundary
   * or its cells are not held in one string (the caller then asks cell by cell).
   */
  columnSpans?(column: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null;
  /**
   * {@link columnSpans} for a run whose cells are mostly in one string and a few elsewhere
   * (optional: a mapped column whose transforms changed a few cells of a chunk, an edited
   * cell): as `columnSpans`, but a cell held outside the returned string has start
   * {@link CELL_ASIDE} (the caller asks `cellSpan` for it). Null when the run crosses a chunk or
   * the table cannot say. Asked only where `columnSpans` gave null.
   */
  columnSpansAside?(column: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null;
  /**
   * What the table itself holds (optional: packed tables have it), for the engine's memory
   * count: the bytes of its text (one a character, two in a string holding a character past
   * Latin-1: see {@link textBytes}) plus the bytes of its
   * typed arrays. A view that reads tables held elsewhere has none; a table made of other
   * tables' columns counts each of them once.
   */
  heldBytes?(): number;
}

/** The start {@link Table.columnSpansAside} gives a cell not held in the run's string. */
export const CELL_ASIDE = -2;

/**
 * A sealed chunk of one column. Dense: `ends[i]` per row and a bitmap for missing rows. Sparse
 * (few present cells, as in JSON where most records lack most keys): only the present rows'
 * chunk-relative indexes and their ends, so an absent cell costs nothing.
 */
interface Chunk {
  readonly text: string;
  readonly ends: Uint32Array;
  /**
   * Dense only, from {@link TableBuilder.appendBlock}: where each cell starts, when the text is
   * shared by a block's columns (the raw CSV text of its rows) rather than the column's cells
   * back to back; absent, a cell starts where the one before ends.
   */
  readonly starts?: Uint32Array | undefined;
  /**
   * Block chunks only, when some cells are not spans of `text` (a quoted CSV field with quotes
   * inside, whose value is unquoted): those values back to back. Such a cell's start and end
   * have {@link BLOCK_EXTRA} added and are offsets in this string.
   */
  readonly extra?: string | undefined;
  /**
   * A block's chunk in the narrow layout ({@link narrowBlock}): each cell's start and end as
   * 16-bit distances from its row's `base` (shared by the block's columns), interleaved; `ends`
   * is then empty. 4 bytes a cell and 4 a row instead of 8 a cell.
   */
  readonly base?: Uint32Array | undefined;
  readonly rel?: Uint16Array | undefined;
  /** Bit set per row where the cell is missing (`null`); absent when none is. Dense only. */
  readonly missing: Uint8Array | undefined;
  /** Sparse only: ascending chunk-relative rows of the present cells, `ends` parallel to it. */
  readonly rows: Uint16Array | undefined;
}

/**
 * The bytes V8 keeps a flat string in: one a character while every character is Latin-1, two
 * once one is not (a CSV block holding one Chinese name is stored two bytes a character
 * throughout). For the memory count only.
 */
export function textBytes(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return 2 * text.length;
  return text.length;
}

/**
 * Added to a block cell's start and end when the cell is a span of the block's `extra` text
 * rather than of its `text` ({@link TableBlock}). A block's text is far shorter than 2^31.
 */
export const BLOCK_EXTRA = 0x80000000;

/** A chunk with no cell: shared, so a long gap in a column costs one pointer per 4,096 rows. */
const EMPTY_CHUNK: Chunk = { text: '', ends: new Uint32Array(0), missing: undefined, rows: new Uint16Array(0) };

/** The `ends` of a chunk in the narrow layout (its cells are in `rel`). */
const NO_ENDS = new Uint32Array(0);

function isMissing(missing: Uint8Array | undefined, i: number): boolean {
  return missing !== undefined && ((missing[i >> 3] as number) & (1 << (i & 7))) !== 0;
}

/**
 * A block's cell offsets in the narrow layout where they fit: per row a 32-bit base (the
 * reader's row start, or else the smallest start of its present cells), per cell its start and end as 16-bit distances from it.
 * A CSV row is a run of its raw text, so its cells lie within 64 KiB of its first one unless the
 * row is longer than that; a column with a cell that does not fit (a longer row, an unquoted
 * value in the block's `extra` text) keeps 32-bit starts and ends in that block. Either way
 * the chunk's arrays are the builder's own: the caller may reuse the block's.
 * The offsets were ~0.7× a CSV file's size per table (docs/architecture.md, "Where the memory goes").
 */
function narrowBlock(block: TableBlock): Chunk[] {
  const n = block.rows;
  const extra = block.extra === '' ? undefined : block.extra;
  const base = block.rowStarts !== undefined ? rowBase(block.rowStarts, n) : smallestStarts(block);
  const out: Chunk[] = [];
  for (const cells of block.columns) {
    const { starts, ends, missing } = cells;
    // A column given cells in `extra` by oneByteBlock never fits, and its arrays are already
    // copies of the block's rows: kept as they are, not copied again.
    if (ownedColumns.has(cells)) {
      out.push({ text: block.text, ends, starts, extra, missing, rows: undefined });
      continue;
    }
    const rel = new Uint16Array(2 * n);
    const fits = missing === undefined ? relativeDense(starts, ends, base, n, rel) >>> 16 === 0 : relativeSparse(starts, ends, base, n, rel, missing);
    out.push(
      fits
        ? { text: block.text, ends: NO_ENDS, base, rel, missing, rows: undefined }
        : { text: block.text, ends: ends.slice(0, n), starts: starts.slice(0, n), extra, missing, rows: undefined },
    );
  }
  return out;
}

/*
 * Each cell's start and end as distances from its row's base, into `rel`. A distance fits 16
 * bits unless it is below 0 (as an int32) or from 64 Ki up, both of which have bits above the
 * 16th (a start from BLOCK_EXTRA up, in `extra`, is one such).
 */

/**
 * A column with no missing cell; returns every distance's bits or'ed together, which the
 * caller tests. Written for the compiler: the distances in 32-bit integers (`| 0`: the bits
 * the test and the 16-bit stores take anyway; on the loads too, as an offset from BLOCK_EXTRA
 * up made V8's optimised loop give its code up, "not int32") and their bits gathered, tested
 * once (by the caller: an operation after the loop had no type feedback when V8 optimised the
 * loop, and gave that code up at each column's end) rather than leaving the loop at the first
 * cell that does not fit (a rare column, whose `rel` is then dropped). Measured in Chromium, 25
 * blocks of 10 columns: 1.5 ms against 3.0 ms for the loop that tested each cell and skipped
 * missing ones.
 */
function relativeDense(starts: Uint32Array, ends: Uint32Array, base: Uint32Array, n: number, rel: Uint16Array): number {
  let high = 0;
  for (let r = 0; r < n; r++) {
    const b = (base[r] as number) | 0;
    const s = (((starts[r] as number) | 0) - b) | 0;
    const e = (((ends[r] as number) | 0) - b) | 0;
    high |= s | e;
    rel[2 * r] = s;
    rel[2 * r + 1] = e;
  }
  return high;
}

/**
 * A column with missing cells, whose offsets are whatever the reader's buffer held (never
 * read); false at the first distance that does not fit.
 */
function relativeSparse(starts: Uint32Array, ends: Uint32Array, base: Uint32Array, n: number, rel: Uint16Array, missing: Uint8Array): boolean {
  for (let r = 0; r < n; r++) {
    if (isMissing(missing, r)) continue;
    const b = base[r] as number;
    const s = (starts[r] as number) - b;
    const e = (ends[r] as number) - b;
    if ((s | e) >>> 16 !== 0) return false;
    rel[2 * r] = s;
    rel[2 * r + 1] = e;
  }
  return true;
}

/** A character past Latin-1 (U+0100 up, surrogates included): V8 then keeps a string two bytes a character. */
// oxlint-disable-next-line no-control-regex -- any code unit past Latin-1
const WIDE = /[^\u0000-\u00ff]/;
/** What a character past Latin-1 becomes in a block's one-byte text. */
const PLACEHOLDER = 0x1a;
/** Scratch, reused from block to block: the one-byte text's bytes, and where its placeholders are. */
let latin1 = new Uint8Array(0);
let wideAt = new Int32Array(0);

/**
 * A block whose text holds a character past Latin-1, as one whose text V8 keeps one byte a
 * character: every cell that holds such a character is moved into the block's `extra` text
 * (its start and end then have {@link BLOCK_EXTRA} added, like an unquoted value's), and the
 * text is replaced by one of the same length in which each such character (each UTF-16 unit:
 * a surrogate too, paired or not) and each C1 control (U+0080–U+009F) is {@link PLACEHOLDER}.
 * Every cell left in the text is exactly as it was; only the text between cells (delimiters,
 * line breaks, fields no column keeps) may differ, and no reader of the table sees it: `cell`,
 * `cellSpan` and `columnSpans` hand out cells only (a run holding a moved cell is declined, as
 * for an unquoted value). A block with no character past Latin-1 is returned as it is (it may
 * still be a slice of a two-byte input: "The Table" in docs/architecture.md). The caller's
 * arrays are not written: a column with a moved cell gets copies, and keeps 32-bit offsets in
 * that block ({@link narrowBlock}).
 *
 * Why: one Chinese name in a block made V8 keep its whole raw text two bytes a character (the
 * text of a clean 1M-row file with names from everywhere was 2× the file per table;
 * docs/architecture.md, "Where the memory goes"). The one-byte string is made from the text's
 * Latin-1 bytes, then one native copy ({@link latin1Text}): the block's `narrow` form where the
 * reader made it from the file's UTF-8 bytes (core/read/utf8-narrow.ts), else a loop over the
 * text ({@link latin1Bytes}).
 */
export function oneByteBlock(block: TableBlock): TableBlock {
  const { text, narrow: given, ...rest } = block;
  // The block without its narrow form, which is read only here.
  const plain: TableBlock = given === undefined ? block : { ...rest, text };
  const n = text.length;
  let bytes: Uint8Array;
  let at: Int32Array;
  let wide: number;
  if (given !== undefined && given.bytes.length === n) {
    // The reader made the narrow form from the file's bytes (core/read/utf8-narrow.ts).
    if (given.wide === 0 || !WIDE.test(text)) return plain;
    ({ bytes, at, wide } = given);
  } else {
    if (!WIDE.test(text)) return plain;
    if (latin1.length < n) latin1 = new Uint8Array(n);
    if (wideAt.length < n) wideAt = new Int32Array(n);
    bytes = latin1;
    at = wideAt;
    wide = latin1Bytes(text, latin1, wideAt);
  }
  const narrow = latin1Text(bytes, n);
  if (narrow.length !== n) return plain;
  const moved = movedCells(block, text, at, wide);
  return { ...plain, text: narrow, extra: moved.extra, columns: moved.columns };
}

/**
 * Writes `text` as Latin-1 into `bytes`, one byte a code unit: each unit past Latin-1, and
 * each C1 control (U+0080–U+009F, which windows-1252 decodes otherwise), as a
 * {@link PLACEHOLDER} whose place goes into `at`; returns how many. A function of
 * its own: the loop keeps its optimised code whatever strings the rest of
 * {@link oneByteBlock} builds.
 */
export function latin1Bytes(text: string, bytes: Uint8Array, at: Int32Array): number {
  const n = text.length;
  let wide = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c > 0x9f && c < 0x100)) bytes[i] = c;
    else {
      bytes[i] = PLACEHOLDER;
      at[wide++] = i;
    }
  }
  return wide;
}

interface NodeBuffer {
  from(buffer: ArrayBufferLike, offset: number, length: number): { latin1Slice(start: number, end: number): string };
}
/** Node's Buffer (the CLI, the tests): its latin1 string is a copy of the bytes. Absent in a browser. */
const nodeBuffer = (globalThis as unknown as { Buffer?: NodeBuffer }).Buffer;
/**
 * windows-1252, which maps every byte but 0x80–0x9F to the same code point: a browser's
 * TextDecoder gives a one-byte string for bytes that hold none of those (Node's gives two).
 */
const windows1252 = nodeBuffer === undefined ? new TextDecoder('windows-1252') : null;

/** The first `n` bytes of `bytes` (none from 0x80 to 0x9F) as a string V8 keeps one byte a character. */
function latin1Text(bytes: Uint8Array, n: number): string {
  if (windows1252 !== null) return windows1252.decode(bytes.subarray(0, n));
  return (nodeBuffer as NodeBuffer).from(bytes.buffer, bytes.byteOffset, n).latin1Slice(0, n);
}

/**
 * Columns {@link movedCells} made: their `starts` and `ends` are new arrays of exactly the
 * block's rows, which {@link narrowBlock} keeps instead of copying them again. The second copy
 * was all cost: in a Chromium profile of `readCsv` and `readCsvBlob` (100k contacts, about one
 * row in four with a name past Latin-1) the four `slice`s per such column took about a third
 * of the read, mostly in writing the new arrays' fresh pages (one buffer for all of a block's
 * moved columns instead of two per column measured no different: it is the pages, not the
 * allocations).
 */
const ownedColumns = new WeakSet<TableBlock['columns'][number]>();

/** Rows of one column whose cell holds a placeholder ({@link movedRows}), reused. */
const hitRows = new Int32Array(CHUNK_ROWS);

/**
 * The block's columns with every cell that holds one of the `wide` placeholders at `at`
 * (ascending) moved into the block's `extra` text, and that text.
 */
function movedCells(block: TableBlock, text: string, at: Int32Array, wide: number): { extra: string; columns: TableBlock['columns'][number][] } {
  // The moved values joined once (a rope of a thousand slices, flattened, cost more).
  const parts: string[] = [];
  if (block.extra !== undefined && block.extra !== '') parts.push(block.extra);
  let extraLength = block.extra?.length ?? 0;
  const rows = block.rows;
  const columns: TableBlock['columns'][number][] = [];
  for (const col of block.columns) {
    const hits = movedRows(col.starts, col.ends, col.missing, rows, at, wide);
    if (hits === 0) {
      columns.push(col);
      continue;
    }
    const starts = col.starts.slice(0, rows);
    const ends = col.ends.slice(0, rows);
    for (let k = 0; k < hits; k++) {
      const r = hitRows[k] as number;
      const s = starts[r] as number;
      const e = ends[r] as number;
      parts.push(text.slice(s, e));
      starts[r] = BLOCK_EXTRA + extraLength;
      extraLength += e - s;
      ends[r] = BLOCK_EXTRA + extraLength;
    }
    const moved = { starts, ends, missing: col.missing };
    ownedColumns.add(moved);
    columns.push(moved);
  }
  return { extra: parts.length === 1 ? flatten(parts[0] as string) : parts.join(''), columns };
}

/**
 * Writes into {@link hitRows} the rows of one column whose cell (a span of the text, present)
 * holds a placeholder, and returns how many. One walk along the placeholders where the cells
 * lie in ascending order (a CSV block's do); back to the first placeholder where one does not.
 */
function movedRows(starts: Uint32Array, ends: Uint32Array, missing: Uint8Array | undefined, rows: number, at: Int32Array, wide: number): number {
  let hits = 0;
  let p = 0;
  let next = at[0] as number;
  let prev = -1;
  for (let r = 0; r < rows; r++) {
    const s = starts[r] as number;
    if (s >= BLOCK_EXTRA) continue;
    const e = ends[r] as number;
    // Between two placeholders (most cells): nothing to move.
    if (s > prev && e <= next) continue;
    if (missing !== undefined && isMissing(missing, r)) continue;
    if (s <= prev) {
      p = 0;
      prev = -1;
      next = at[0] as number;
    }
    while (next < s) {
      prev = next;
      next = ++p < wide ? (at[p] as number) : 0x7fffffff;
    }
    if (next < e) hitRows[hits++] = r;
  }
  return hits;
}

/** The reader's row starts as the rows' bases: its own array when it is exactly the block's rows. */
function rowBase(rowStarts: Uint32Array, n: number): Uint32Array {
  return rowStarts.length === n ? rowStarts : rowStarts.slice(0, n);
}

/** Per row the smallest start of its present cells in `text` (0 for a row with none). */
function smallestStarts(block: TableBlock): Uint32Array {
  // No base is taken from an offset with the top bit set (a value in the block's `extra`
  // text): such a cell's column stays in 32-bit starts and ends, as read.
  const n = block.rows;
  const base = new Uint32Array(n).fill(0xffffffff);
  for (const col of block.columns) {
    const { starts, missing } = col;
    for (let r = 0; r < n; r++) {
      const s = starts[r] as number;
      if (s < (base[r] as number) && s < BLOCK_EXTRA && !isMissing(missing, r)) base[r] = s;
    }
  }
  for (let r = 0; r < n; r++) if (base[r] === 0xffffffff) base[r] = 0;
  return base;
}

/**
 * Copies a chunk's rope of cells into one flat string. Cells are often slices of the text a
 * reader parsed, and a slice (or a rope of them) keeps all of that text alive. Slicing a rope
 * flattens it into a new string first, and the slice then keeps only that copy alive; `' ' +`
 * makes sure there is a rope to flatten even for a lone cell (V8's `[s].join('')` is `s`
 * itself). Measured: `+=` then this is ~20% faster than collecting cells and `join('')`.
 */
function flatten(rope: string): string {
  return rope === '' ? '' : (' ' + rope).slice(1);
}

function grown<T extends Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T {
  const b = make(Math.min(CHUNK_ROWS, a.length * 2));
  b.set(a);
  return b;
}

/**
 * One column, packed: per chunk of 4,096 rows one string and a Uint32Array of end offsets.
 * A million rows × 10 columns of short strings take ~1.4× the file's size this way, against
 * ~2.5× for one JS string per cell (docs/design.md, "Data model: text first, lossless"). Buffers grow with the
 * cells a chunk holds, and missing cells are only counted, so a column costs what it holds:
 * 10,000 JSON keys each present in one record take 10,000 small chunks, not 10,000 × rows.
 */
class PackedColumn {
  private readonly chunks: Chunk[] = [];
  /** This chunk's cells so far, concatenated: a rope until {@link seal} flattens it. */
  private text = '';
  /** Present cells of this chunk: their chunk-relative rows and text ends. */
  private rows = new Uint16Array(8);
  private ends = new Uint32Array(8);
  private present = 0;
  /** Rows of this column so far (present or missing), counted from `firstRow`. */
  private count = 0;
  /** Its last chunk came whole from a short block: nothing to seal. */
  private closed = false;

  /** @param firstRow rows before this one are missing (a column first seen later in JSON). */
  constructor(readonly firstRow: number) {}

  /** Marks rows as missing up to (not including) table row `row`; whole chunks cost O(1). */
  padTo(row: number): void {
    const target = row - this.firstRow;
    while (this.count < target) {
      const inChunk = this.count & CHUNK_MASK;
      if (inChunk === 0 && target - this.count >= CHUNK_ROWS) {
        this.chunks.push(EMPTY_CHUNK);
        this.count += CHUNK_ROWS;
        continue;
      }
      const step = Math.min(target - this.count, CHUNK_ROWS - inChunk);
      this.count += step;
      if ((this.count & CHUNK_MASK) === 0) this.seal();
    }
  }

  push(value: Cell): void {
    const i = this.count & CHUNK_MASK;
    if (value !== null) {
      if (value.length > 0) this.text += value;
      if (this.present === this.rows.length) {
        this.rows = grown(this.rows, (n) => new Uint16Array(n));
        this.ends = grown(this.ends, (n) => new Uint32Array(n));
      }
      this.rows[this.present] = i;
      this.ends[this.present] = this.text.length;
      this.present++;
    }
    this.count++;
    if ((this.count & CHUNK_MASK) === 0) this.seal();
  }

  private seal(): void {
    const total = this.count & CHUNK_MASK || CHUNK_ROWS;
    const n = this.present;
    const text = flatten(this.text);
    if (n === 0) {
      this.chunks.push(EMPTY_CHUNK);
    } else if (n === total) {
      this.chunks.push({ text, ends: this.ends.slice(0, n), missing: undefined, rows: undefined });
    } else if (n * 8 < total) {
      this.chunks.push({ text, ends: this.ends.slice(0, n), missing: undefined, rows: this.rows.slice(0, n) });
    } else {
      // Mostly present: per-row ends and a missing bitmap, so a lookup needs no search.
      const ends = new Uint32Array(total);
      const missing = new Uint8Array(CHUNK_ROWS >> 3).fill(0xff);
      let end = 0;
      let k = 0;
      for (let r = 0; r < total; r++) {
        if (k < n && this.rows[k] === r) {
          end = this.ends[k] as number;
          missing[r >> 3] = (missing[r >> 3] as number) & ~(1 << (r & 7));
          k++;
        }
        ends[r] = end;
      }
      this.chunks.push({ text, ends, missing, rows: undefined });
    }
    this.text = '';
    this.rows = new Uint16Array(8);
    this.ends = new Uint32Array(8);
    this.present = 0;
  }

  finish(): void {
    if ((this.count & CHUNK_MASK) !== 0 && !this.closed) this.seal();
  }

  /** Takes a finished chunk of `rows` rows; this column must be at a chunk boundary. */
  pushChunk(chunk: Chunk, rows: number): void {
    if ((this.count & CHUNK_MASK) !== 0) throw new Error('PackedColumn: a block must start a chunk');
    this.chunks.push(chunk);
    this.count += rows;
    this.closed = rows < CHUNK_ROWS;
  }

  get(row: number): Cell {
    const r = row - this.firstRow;
    if (r < 0 || r >= this.count) return null;
    const chunk = this.chunks[r >> CHUNK_BITS];
    if (chunk === undefined) return null;
    const i = r & CHUNK_MASK;
    if (chunk.rows !== undefined) {
      const k = findRow(chunk.rows, i);
      if (k < 0) return null;
      return chunk.text.slice(k === 0 ? 0 : (chunk.ends[k - 1] ?? 0), chunk.ends[k]);
    }
    if (chunk.missing !== undefined && ((chunk.missing[i >> 3] ?? 0) & (1 << (i & 7))) !== 0) {
      return null;
    }
    const rel = chunk.rel;
    if (rel !== undefined) {
      if (i >= rel.length >> 1) return null;
      const b = (chunk.base as Uint32Array)[i] as number;
      return chunk.text.slice(b + (rel[2 * i] as number), b + (rel[2 * i + 1] as number));
    }
    const start = chunk.starts !== undefined ? (chunk.starts[i] ?? 0) : i === 0 ? 0 : (chunk.ends[i - 1] ?? 0);
    if (start >= BLOCK_EXTRA) return (chunk.extra as string).slice(start - BLOCK_EXTRA, (chunk.ends[i] as number) - BLOCK_EXTRA);
    return chunk.text.slice(start, chunk.ends[i]);
  }

  /**
   * Bytes of text ({@link textBytes}) plus bytes of typed arrays of the sealed chunks (shared empty ones count
   * nothing). A block's text is shared by every column of the block: it is counted once, by the
   * first column that brings it into `shared`.
   */
  heldBytes(shared: Set<string | Uint32Array>): number {
    let n = 0;
    for (const c of this.chunks) {
      if (c === EMPTY_CHUNK) continue;
      if (c.starts === undefined && c.rel === undefined) n += textBytes(c.text);
      else if (!shared.has(c.text)) {
        shared.add(c.text);
        n += textBytes(c.text);
      }
      // A block's unquoted values are shared by its columns too (and may equal another block's).
      if (c.extra !== undefined && !shared.has(c.extra)) {
        shared.add(c.extra);
        n += textBytes(c.extra);
      }
      if (c.base !== undefined && !shared.has(c.base)) {
        shared.add(c.base);
        n += c.base.byteLength;
      }
      n += c.ends.byteLength + (c.starts?.byteLength ?? 0) + (c.rel?.byteLength ?? 0) + (c.missing?.byteLength ?? 0) + (c.rows?.byteLength ?? 0);
    }
    return n;
  }

  /** {@link Table.columnSpans} for this column; with `aside`, {@link Table.columnSpansAside}. */
  spans(from: number, to: number, starts: Int32Array, ends: Int32Array, aside = false): string | null {
    const r0 = from - this.firstRow;
    const r1 = to - this.firstRow;
    if (to <= from) return '';
    if (r0 < 0 || r0 >> CHUNK_BITS !== (r1 - 1) >> CHUNK_BITS) return null;
    const chunk = r0 < this.count ? this.chunks[r0 >> CHUNK_BITS] : undefined;
    const n = to - from;
    if (chunk === undefined) {
      starts.fill(-1, 0, n);
      return '';
    }
    const first = r0 & CHUNK_MASK;
    const last = Math.min(r1, this.count) - r0;
    const { ends: cellEnds, missing, rows, starts: cellStarts } = chunk;
    if (rows !== undefined) {
      // Sparse: walk the present rows alongside the run.
      let k = 0;
      while (k < rows.length && (rows[k] as number) < first) k++;
      for (let i = 0; i < n; i++) {
        if (i < last && k < rows.length && rows[k] === first + i) {
          starts[i] = k === 0 ? 0 : (cellEnds[k - 1] as number);
          ends[i] = cellEnds[k] as number;
          k++;
        } else starts[i] = -1;
      }
      return chunk.text;
    }
    const rel = chunk.rel;
    if (rel !== undefined) {
      const base = chunk.base as Uint32Array;
      const size = rel.length >> 1;
      for (let i = 0; i < n; i++) {
        const li = first + i;
        if (i >= last || li >= size || (missing !== undefined && ((missing[li >> 3] as number) & (1 << (li & 7))) !== 0)) {
          starts[i] = -1;
          continue;
        }
        const b = base[li] as number;
        starts[i] = b + (rel[2 * li] as number);
        ends[i] = b + (rel[2 * li + 1] as number);
      }
      return chunk.text;
    }
    for (let i = 0; i < n; i++) {
      const li = first + i;
      if (i >= last || li >= cellEnds.length || (missing !== undefined && ((missing[li >> 3] as number) & (1 << (li & 7))) !== 0)) {
        starts[i] = -1;
        continue;
      }
      starts[i] = cellStarts !== undefined ? (cellStarts[li] as number) : li === 0 ? 0 : (cellEnds[li - 1] as number);
      ends[i] = cellEnds[li] as number;
    }
    // A cell held in the block's unquoted values is not in `text`: the run is not in one string.
    // (Its start, past 2^31, reads negative in the Int32Array.)
    // With `aside`, such a cell is marked instead: the caller asks `cellSpan` for it.
    if (chunk.extra !== undefined) {
      for (let i = 0; i < n; i++) {
        if ((starts[i] as number) >= -1) continue;
        if (!aside) return null;
        starts[i] = CELL_ASIDE;
      }
    }
    return chunk.text;
  }

  /** {@link Table.cellSpan}: the chunk's text and the cell's place in it, or null when missing. */
  span(row: number, span: Int32Array): string | null {
    const r = row - this.firstRow;
    if (r < 0 || r >= this.count) return null;
    const chunk = this.chunks[r >> CHUNK_BITS];
    if (chunk === undefined) return null;
    const i = r & CHUNK_MASK;
    let k = i;
    if (chunk.rows !== undefined) {
      k = findRow(chunk.rows, i);
      if (k < 0) return null;
    } else if (chunk.missing !== undefined && ((chunk.missing[i >> 3] ?? 0) & (1 << (i & 7))) !== 0) {
      return null;
    }
    const rel = chunk.rel;
    if (rel !== undefined) {
      if (k >= rel.length >> 1) return null;
      const b = (chunk.base as Uint32Array)[k] as number;
      span[0] = b + (rel[2 * k] as number);
      span[1] = b + (rel[2 * k + 1] as number);
      return chunk.text;
    }
    const start = chunk.starts !== undefined ? (chunk.starts[k] ?? 0) : k === 0 ? 0 : (chunk.ends[k - 1] ?? 0);
    if (start >= BLOCK_EXTRA) {
      span[0] = start - BLOCK_EXTRA;
      span[1] = (chunk.ends[k] as number) - BLOCK_EXTRA;
      return chunk.extra as string;
    }
    span[0] = start;
    span[1] = chunk.ends[k] ?? 0;
    return chunk.text;
  }
}

/** Rows packed by a reader for {@link TableBuilder.appendBlock}. */
export interface TableBlock {
  /** The text every column's cells are spans of. */
  readonly text: string;
  /**
   * Values that are not spans of `text` (a CSV field's unquoted value), back to back; a cell
   * of one has {@link BLOCK_EXTRA} added to its start and end. Absent or '' when there is none.
   */
  readonly extra?: string | undefined;
  readonly rows: number;
  /** Per column (in order; absent ones are missing in every row): starts and ends in `text`. */
  readonly columns: readonly {
    readonly starts: Uint32Array;
    readonly ends: Uint32Array;
    /** Bit set per row where the cell is missing; absent when none is. */
    readonly missing: Uint8Array | undefined;
  }[];
  readonly sourceRows: Uint32Array;
  /**
   * Per row, where it starts in `text`: at or before the start of each of its cells that is a
   * span of `text` (a CSV record's start). Kept as the rows' base in the narrow layout, so the
   * builder need not look for each row's smallest start; the builder keeps this array (a new one
   * per block). Absent: the builder finds each row's smallest start.
   */
  readonly rowStarts?: Uint32Array | undefined;
  /**
   * `text`'s narrow form when the reader has it ({@link TextNarrow}), so that
   * {@link oneByteBlock} need not read the text for it; read only while the block is appended.
   */
  readonly narrow?: TextNarrow | undefined;
}

/**
 * A text's Latin-1 form, one byte a UTF-16 code unit: the unit where it is ASCII or
 * U+00A0–U+00FF, else {@link PLACEHOLDER}, whose places (ascending) are `at[0..wide)`. What
 * {@link latin1Bytes} writes; a CSV reader makes it from the file's UTF-8 bytes instead
 * (core/read/utf8-narrow.ts).
 */
export interface TextNarrow {
  readonly bytes: Uint8Array;
  readonly at: Int32Array;
  readonly wide: number;
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
  /** A block shorter than a chunk was appended: it must be the last. */
  private closed = false;

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
      const col = cols[c] as PackedColumn;
      col.padTo(this.count);
      col.push(cell === undefined ? null : cell);
    }
    this.endRow(sourceRow);
  }

  /**
   * Appends one row that holds only the given cells (`columns[k]` gets `values[k]`); every
   * other column is missing in this row at no cost. For JSON and XML records, where a record
   * touches a few of many columns.
   */
  appendSparse(columns: readonly number[], values: readonly Cell[], sourceRow: number): void {
    for (let k = 0; k < columns.length; k++) {
      const col = this.packed[columns[k] as number];
      if (col === undefined) continue;
      col.padTo(this.count);
      col.push(values[k] ?? null);
    }
    this.endRow(sourceRow);
  }

  /**
   * Appends a block of up to {@link CHUNK_ROWS} rows that a reader packed itself (the CSV
   * scanner): one text shared by every column, and per column each cell's start and end in it
   * (`missing` bit set where the cell is missing), so no string is made per cell. The table must
   * be at a chunk boundary: every block but the last holds exactly CHUNK_ROWS rows; nothing can
   * be appended after a shorter one. The table keeps offsets of its own (narrowed where they fit:
   * {@link narrowBlock}), so the caller may reuse the block's `starts` and `ends`; it keeps
   * `text`, `missing` and `sourceRows` as they are. `oneByte`: a text with a character past
   * Latin-1 is kept one byte a character, its cells holding one moved apart
   * ({@link oneByteBlock}); false keeps it as given (a reader of a small input:
   * core/read/csv-read.ts, ONE_BYTE_FROM).
   */
  appendBlock(block: TableBlock, oneByte = true): void {
    const n = block.rows;
    if (this.finished || this.closed || (this.count & CHUNK_MASK) !== 0 || n > CHUNK_ROWS) {
      throw new Error('TableBuilder.appendBlock: not at a chunk boundary');
    }
    if (n === 0) return;
    const chunks = narrowBlock(oneByte ? oneByteBlock(block) : block);
    for (let c = 0; c < this.packed.length; c++) {
      const col = this.packed[c] as PackedColumn;
      col.padTo(this.count);
      const chunk = chunks[c];
      if (chunk === undefined) col.padTo(this.count + n);
      else col.pushChunk(chunk, n);
    }
    if (n === CHUNK_ROWS) this.sources.push(block.sourceRows);
    else {
      this.sourceChunk.set(block.sourceRows.subarray(0, n));
      this.closed = true;
    }
    this.count += n;
  }

  private endRow(sourceRow: number): void {
    if (this.closed) throw new Error('TableBuilder: rows after a short block');
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
    for (const col of this.packed) {
      col.padTo(this.count);
      col.finish();
    }
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

  cellSpan(row: number, column: number, span: Int32Array): string | null {
    const col = this.packed[column];
    return col === undefined ? null : col.span(row, span);
  }

  columnSpans(column: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
    const col = this.packed[column];
    if (col !== undefined) return col.spans(from, to, starts, ends);
    starts.fill(-1, 0, to - from);
    return '';
  }

  columnSpansAside(column: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
    const col = this.packed[column];
    if (col !== undefined) return col.spans(from, to, starts, ends, true);
    starts.fill(-1, 0, to - from);
    return '';
  }

  /** See {@link pickColumns}. */
  pick(columns: readonly number[]): Table {
    return new PackedTable(
      columns.map((c) => this.columns[c] as string),
      columns.map((c) => this.packed[c] as PackedColumn),
      this.sources,
      this.rowCount,
    );
  }

  heldBytes(): number {
    let n = 0;
    // V8 hashes a long string by its length alone, so this set costs little per block.
    const shared = new Set<string | Uint32Array>();
    for (const col of this.packed) n += col.heldBytes(shared);
    for (const s of this.sources) n += s.byteLength;
    return n;
  }
}

/**
 * Some columns of a packed table as a table of their own, sharing their chunks (nothing is
 * copied): once the original is dropped, its other columns are garbage. Null for a table that
 * is not packed (a view), whose columns cannot be taken apart.
 */
export function pickColumns(table: Table, columns: readonly number[]): Table | null {
  if (!(table instanceof PackedTable)) return null;
  return table.pick(columns);
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
