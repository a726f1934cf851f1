import type { CsvDialect } from '../detect/dialect';
import type { ParseIssue, ParseIssueCode } from '../model/issue';
import { PorterError } from '../model/porter-error';
import { CHUNK_ROWS } from '../model/chunk-layout';
import { BLOCK_EXTRA, oneByteBlock, TableBuilder, type Table, type TableBlock, type TextNarrow } from '../model/table';
import { copyForm } from './utf8-narrow';
import { ChunkLineLocator } from './csv-lines';
import { COLUMN_STRIDE, MISSING_QUOTES } from './csv-scan';
import { makeUniqueHeaders } from './headers';
import { MAX_COLUMNS } from './read-limits';
import type { ReadResult } from './read-types';

/** Issues kept per code; the rest are counted in `meta.suppressedIssues`. */
const MAX_ISSUES_PER_CODE = 1000;


/** What reading a CSV learned beside the table. */
export interface CsvMeta {
  readonly dialect: CsvDialect;
  /** Records after the skipped lines: header, data and blank lines. */
  readonly records: number;
  /** Source row number of the header, or null for 'none'. */
  readonly headerRow: number | null;
  /** Blank lines skipped (they keep their row numbers; they are not rows). */
  readonly blankLines: number;
  /** Columns added for cells beyond the header in long rows (`column_N`). */
  readonly addedColumns: readonly string[];
  /** Issues beyond the first 1,000 of a code, counted but not listed. */
  readonly suppressedIssues: number;
}

/**
 * The records of a CSV file from a record start to its end, read by a tail sink (a helper
 * thread, csv-tail.ts) to be appended to the sink that read the file up to there
 * ({@link CsvBlockSink.adoptTail}). Rows and lines count from the tail's start: the head adds its
 * own when it adopts them. The blocks hold whole chunks of rows, one byte a character where their
 * text allows (`oneByteBlock`), each with its `rowStarts`.
 */
export interface CsvTailRows {
  readonly blocks: readonly TableBlock[];
  /** Every column's name: the head's when the tail started, then those the tail's long rows added. */
  readonly columns: readonly string[];
  readonly issues: readonly ParseIssue[];
  readonly issueCounts: Readonly<Partial<Record<ParseIssueCode, number>>>;
  readonly records: number;
  readonly blankLines: number;
}


/**
 * Copies a rope of slices into one flat string (same trick as table.ts: slicing a rope flattens
 * it), for a block whose text is pieces of two inputs, and for its unquoted values.
 */
function flatten(rope: string): string {
  return rope === '' ? '' : (' ' + rope).slice(1);
}

/**
 * Receives the records {@link scanRecords} finds in one input after another and packs them into
 * the table in blocks of {@link CHUNK_ROWS} rows: a block's text is the raw text of its rows (a
 * slice of the input, copied only when the block spans two inputs), and every cell is a start
 * and end in it, so no string is made per cell. A quoted field with quotes inside gets its
 * unquoted value kept in the block's `extra` text (table.ts, BLOCK_EXTRA).
 *
 * Behaviour is that of the Papa-based reader it replaced:
 * - a blank line (one unquoted cell, empty or only line breaks) is counted, not a row; the
 *   file's last record counts as quoted when the text ends with the quote character;
 * - the first record is the header (names made unique) or, for 'none', the first row;
 * - short rows store missing cells, long rows add `column_N` columns; both are reported;
 * - quote errors become 'unclosed-quote' (at the opening quote) and 'stray-quote'.
 */
export class CsvBlockSink {
  // The record being scanned. Cell `k` below the block's width is written straight into the
  // block's offsets at the next row (`offsets[k * COLUMN_STRIDE + blockRows]`, its end
  // CHUNK_ROWS further) as its place in the block's text (input position + `shift`): the row
  // is then packed without copying its cells. Cells beyond the width (the header, a long row's
  // extra cells) go to `cellStarts`/`cellEnds[k]` as input positions. A cell whose value is
  // unquoted has its value in `cellTexts[k]` and `k` listed in `texts`.
  // Public for the scanner, which writes plain cells itself (csv-scan.ts).
  cellStarts = new Int32Array(64);
  cellEnds = new Int32Array(64);
  private cellTexts: string[] = [];
  private texts: number[] = [];
  cells = 0;
  /** Quote errors of the record being scanned: kind, offset, kind, offset… */
  private errors: number[] = [];

  private builder: TableBuilder | null = null;
  private readonly issues: ParseIssue[] = [];
  private readonly issueCounts = new Map<ParseIssueCode, number>();
  private suppressed = 0;
  private readonly addedColumns: string[] = [];
  private readonly names = new Set<string>();
  /** Every column's name, added ones included (the builder gets those at the next block). */
  private columns: string[] = [];
  /** Records ended so far; counted by the scanner too, for the rows it packs ({@link plainCells}). */
  records = 0;
  /**
   * Record breaks (the dialect's newline) inside the quoted fields of the record being
   * committed, counted by the scanner; {@link quotedBreaks} holds those of the records ended
   * since it was last zeroed (the scanner adds a plain row's itself). With the records, they
   * tell an input's lines (csv-stream.ts).
   */
  recordBreaks = 0;
  quotedBreaks = 0;
  private blankLines = 0;
  private headerRow: number | null = null;
  private expected = 0;

  // The block being filled: its rows, cell offsets (COLUMN_STRIDE per column) and per column
  // the bitmap of missing cells, made when the first one is missing. Read by the scanner.
  blockRows = 0;
  blockWidth = 0;
  offsets = new Uint32Array(0);
  private missing: (Uint8Array | undefined)[] = [];
  /** Each row's source row number; written by the scanner too, for its plain rows. */
  readonly sourceRows = new Uint32Array(CHUNK_ROWS);
  /**
   * Each row's record start in the block's text: the table's row bases (table.ts, narrowBlock).
   * Written by the scanner too, for its plain rows.
   */
  readonly rowStarts = new Uint32Array(CHUNK_ROWS);
  /** Raw text of the block so far (a rope of input slices) and its length. */
  private raw = '';
  private rawLength = 0;
  /** Input slices in {@link raw}: with one, the block keeps that slice as its text (no copy). */
  private rawPieces = 0;
  /**
   * The narrow form of the block's text so far (core/read/utf8-narrow.ts), while every piece of
   * it came from an input that had one (`narrowOk`); `oneByteBlock` then need not read the text.
   */
  private narrowBytes = new Uint8Array(0);
  private narrowAt = new Int32Array(0);
  private narrowWide = 0;
  private narrowOk = true;
  /** Unquoted values of the block so far, and their length. */
  private extra = '';
  private extraLength = 0;
  /**
   * The block's text from the current input: `input[segmentStart, segmentEnd)`, after the
   * block's text so far (`rawLength`), so an input position plus `shift` (= rawLength -
   * segmentStart) is a position in the block's text. A segment opens where a record starts
   * (the input's start, or the end of the row that filled the last block), before its records
   * are scanned, so the scanner knows `shift` as it writes cells; it moves to its first row's
   * start when that row is packed, and a segment without rows is left out.
   */
  private segmentStart = 0;
  /** Moved on by the scanner too, past each plain row it packs. */
  segmentEnd = 0;
  private segmentRows = false;
  shift = 0;

  /**
   * A tail sink's sealed blocks (see {@link startTail}): kept here, one byte a character where
   * they can be, instead of going to a builder; and their rows.
   */
  private kept: TableBlock[] | null = null;
  private keptRows = 0;

  // The current input, and its narrow form when the reader made one.
  private input = '';
  /**
   * The first NUL character of the input at or after the current record, else the input's
   * length. Read by the scanner: a record ending past it is no plain row.
   */
  nextNul = 0;
  private inputNarrow: TextNarrow | undefined;
  private firstLine = 1;
  private locator: ChunkLineLocator | null = null;

  /**
   * `oneByte`: blocks whose text holds a character past Latin-1 are kept one byte a character
   * (`oneByteBlock`); false keeps them as read (csv-read.ts, ONE_BYTE_FROM).
   */
  constructor(
    private readonly dialect: CsvDialect,
    private readonly oneByte = true,
  ) {}

  /** Source row of the first record: the one after the skipped title lines. */
  get firstSourceRow(): number {
    return this.dialect.skipLines + 1;
  }

  /**
   * How many cells a record must have for the scanner to pack it itself (csv-scan.ts, its plain
   * rows), else -1. Such a record has exactly the block's width of cells, all written straight
   * into the block, and `commit` would only set its source row and start and count it (and its
   * quoted line breaks): no unquoted value, quote error or NUL (the scanner checks those), not the
   * row that fills the block (sealed), nor the first row of a segment (which moves the segment's
   * start). -1 before the first record (the header), for a single column (a record of one cell
   * may be a blank line), and once long rows added columns (a row as wide is ragged).
   */
  get plainCells(): number {
    const width = this.blockWidth;
    return this.builder !== null && this.segmentRows && width === this.expected && width > 1 ? width : -1;
  }

  get rowCount(): number {
    return (this.kept !== null ? this.keptRows : (this.builder?.rowCount ?? 0)) + this.blockRows;
  }

  /**
   * Makes this a tail sink: the file's first record (the header, or the first row of a file
   * without one) was read by another sink up to a record start, which hands over its columns
   * and the cells a row is expected to have; every record here is a row. Sealed blocks are
   * kept ({@link finishTail}) for that sink to adopt ({@link adoptTail}).
   */
  startTail(columns: readonly string[], expected: number): void {
    this.useColumns(columns);
    this.expected = expected;
    this.kept = [];
  }

  /**
   * The columns and row width a tail sink needs ({@link startTail}), once the first record is
   * read; null before.
   */
  tailStart(): { readonly columns: readonly string[]; readonly expected: number } | null {
    return this.builder === null ? null : { columns: [...this.columns], expected: this.expected };
  }

  /** A tail sink's rows, issues and counts, its last block sealed. */
  finishTail(): CsvTailRows {
    this.seal();
    return {
      blocks: this.kept ?? [],
      columns: this.columns,
      issues: this.issues,
      issueCounts: Object.fromEntries(this.issueCounts) as Partial<Record<ParseIssueCode, number>>,
      records: this.records,
      blankLines: this.blankLines,
    };
  }

  /**
   * Appends a tail's rows (read from the record start where this sink's input ended, by a tail
   * sink) as if this sink had read them: `line` is the physical line of the body where the tail
   * starts. Rows go into this sink's block and on into whole chunks, so a tail's blocks, cut at
   * its own chunk edges, are spliced (their text sliced at row starts, their offsets moved);
   * source rows and issues are counted on from this sink's records and lines, and an issue past a
   * code's first 1,000 is counted but not kept, as if read here.
   */
  adoptTail(tail: CsvTailRows, line: number): void {
    const records = this.records;
    if (tail.columns.length > this.columns.length) {
      // Long rows in the tail added columns; the names are the ones this sink would have given
      // (by place, after the same names: ragged), so they are taken as they are.
      const from = this.columns.length;
      for (let c = from; c < tail.columns.length; c++) {
        const name = tail.columns[c] as string;
        this.names.add(name);
        this.addedColumns.push(name);
        this.columns.push(name);
      }
      this.widen(tail.columns.length);
    }
    for (const block of tail.blocks) {
      for (let r = 0; r < block.rows; ) {
        const take = Math.min(block.rows - r, CHUNK_ROWS - this.blockRows);
        this.spliceRows(block, r, r + take, records);
        r += take;
        if (this.blockRows === CHUNK_ROWS) this.seal();
      }
    }
    const kept = new Map<ParseIssueCode, number>();
    for (const issue of tail.issues) {
      kept.set(issue.code, (kept.get(issue.code) ?? 0) + 1);
      this.report({
        ...issue,
        ...(issue.row === undefined ? {} : { row: issue.row + records }),
        ...(issue.line === undefined ? {} : { line: issue.line + line - 1 }),
      });
    }
    // Issues the tail counted past its own first 1,000 of a code are past this sink's too.
    for (const [code, count] of Object.entries(tail.issueCounts) as [ParseIssueCode, number][]) {
      const more = count - (kept.get(code) ?? 0);
      if (more <= 0) continue;
      this.issueCounts.set(code, (this.issueCounts.get(code) ?? 0) + more);
      this.suppressed += more;
    }
    this.records += tail.records;
    this.blankLines += tail.blankLines;
  }

  /**
   * Rows `[from, to)` of a tail's block as this block's next rows: the block's text from the
   * first row's start to the next row's start joins this block's text (a rope, flattened when
   * sealed), and each cell's offsets move with it; a cell in the block's `extra` text moves with
   * that text, appended whole (a block spliced into two of this sink's keeps it twice: a few
   * unquoted values and names past Latin-1).
   */
  private spliceRows(block: TableBlock, from: number, to: number, records: number): void {
    const starts = block.rowStarts as Uint32Array;
    const t0 = starts[from] as number;
    const piece = block.text.slice(t0, to < block.rows ? starts[to] : block.text.length);
    const shift = this.rawLength - t0;
    this.raw = this.raw === '' ? piece : this.raw + piece;
    this.rawLength += piece.length;
    this.rawPieces++;
    this.narrowOk = false;
    let extraShift = 0;
    if (block.extra !== undefined && block.extra !== '') {
      extraShift = this.extraLength;
      this.extra += block.extra;
      this.extraLength += block.extra.length;
    }
    const offsets = this.offsets;
    const row0 = this.blockRows - from;
    for (let c = 0; c < this.blockWidth; c++) {
      const col = block.columns[c];
      if (col === undefined) {
        for (let r = from; r < to; r++) this.markMissing(c, row0 + r);
        continue;
      }
      const { starts: cs, ends: ce, missing } = col;
      const at = c * COLUMN_STRIDE + row0;
      // A missing cell's offsets are moved too (whatever they hold: never read), and marked after.
      for (let r = from; r < to; r++) {
        const s = cs[r] as number;
        // From BLOCK_EXTRA (2^31) up, as an int32 below 0: a span of the block's extra text.
        const d = (s | 0) < 0 ? extraShift : shift;
        offsets[at + r] = s + d;
        offsets[at + r + CHUNK_ROWS] = (ce[r] as number) + d;
      }
      if (missing === undefined) continue;
      for (let r = from; r < to; r++) if (((missing[r >> 3] as number) & (1 << (r & 7))) !== 0) this.markMissing(c, row0 + r);
    }
    for (let r = from; r < to; r++) {
      this.sourceRows[row0 + r] = (block.sourceRows[r] as number) + records;
      this.rowStarts[row0 + r] = (starts[r] as number) + shift;
    }
    this.blockRows += to - from;
  }

  /** Records ended so far: header, data and blank lines. */
  get recordCount(): number {
    return this.records;
  }

  /**
   * The next input to scan, whose text starts at physical line `firstLine` of the body;
   * `narrow`: its narrow form, when the reader has one.
   */
  begin(input: string, firstLine: number, narrow?: TextNarrow): void {
    this.input = input;
    // One search of the input (memchr in V8): a record is looked at again only when it holds one.
    const nul = input.indexOf('\0');
    this.nextNul = nul === -1 ? input.length : nul;
    this.inputNarrow = narrow;
    this.firstLine = firstLine;
    this.locator = null;
    this.openSegment(0);
  }

  private openSegment(at: number): void {
    this.segmentStart = at;
    this.segmentEnd = at;
    this.segmentRows = false;
    this.shift = this.rawLength - at;
  }

  /** The current input is done: the block keeps its rows' text. */
  end(): void {
    this.closeSegment();
    this.input = '';
    this.inputNarrow = undefined;
    this.locator = null;
  }

  cell(start: number, end: number): void {
    const k = this.cells;
    if (k < this.blockWidth) {
      const at = k * COLUMN_STRIDE + this.blockRows;
      this.offsets[at] = start + this.shift;
      this.offsets[at + CHUNK_ROWS] = end + this.shift;
    } else {
      this.scratch(k);
      this.cellStarts[k] = start;
      this.cellEnds[k] = end;
    }
    this.cells = k + 1;
  }

  /** A cell beyond the block's width, at `k`: room for it. */
  scratch(k: number): void {
    while (k >= this.cellStarts.length) this.growCells();
  }

  text(value: string): void {
    const k = this.cells;
    this.texts.push(k);
    this.cellTexts[k] = value;
    if (k >= this.blockWidth) {
      this.scratch(k);
      this.cellStarts[k] = -1;
    }
    this.cells = k + 1;
  }

  error(kind: number, offset: number): void {
    this.errors.push(kind, offset);
  }

  /** Forgets the record being scanned (held back until the next input). */
  drop(): void {
    this.cells = 0;
    this.recordBreaks = 0;
    if (this.texts.length > 0) this.texts = [];
    if (this.errors.length > 0) this.errors = [];
  }

  /**
   * Ends the record scanned from `start` to `end` (its line break included). `quoted`: its raw
   * text starts with the quote character (for the file's last record: ends with it).
   */
  commit(start: number, end: number, quoted: boolean): void {
    const n = this.cells;
    // The cells below this width were written into the block's offsets.
    const scanned = this.blockWidth;
    const sourceRow = this.dialect.skipLines + this.records + 1;
    this.records++;
    if (n === 1 && !quoted && this.texts.length === 0 && this.blankSpan(scanned)) {
      this.blankLines++;
    } else if (this.builder === null) {
      this.start(start, end, sourceRow);
    } else {
      if (n !== this.expected) this.ragged(n, start, sourceRow);
      this.appendRow(start, end, sourceRow, scanned);
    }
    if (this.errors.length > 0) this.quoteIssues(sourceRow);
    if (end > this.nextNul) this.nulIssue(end, sourceRow);
    if (this.texts.length > 0) this.texts = [];
    this.cells = 0;
    if (this.recordBreaks > 0) {
      this.quotedBreaks += this.recordBreaks;
      this.recordBreaks = 0;
    }
  }

  /** The one cell is empty or only line breaks (a stray `\r` in a `\n` file). */
  private blankSpan(scanned: number): boolean {
    const inBlock = scanned > 0;
    const s = inBlock ? (this.offsets[this.blockRows] as number) - this.shift : (this.cellStarts[0] as number);
    const e = inBlock ? (this.offsets[this.blockRows + CHUNK_ROWS] as number) - this.shift : (this.cellEnds[0] as number);
    const input = this.input;
    for (let i = s; i < e; i++) {
      const c = input.charCodeAt(i);
      if (c !== 10 && c !== 13) return false;
    }
    return true;
  }

  /** Cell `k` of the record, when it is not in the block (the first record: no block yet). */
  private cellString(k: number): string {
    const s = this.cellStarts[k] as number;
    return s === -1 ? (this.cellTexts[k] as string) : this.input.slice(s, this.cellEnds[k]);
  }

  growCells(): void {
    const starts = new Int32Array(this.cellStarts.length * 2);
    starts.set(this.cellStarts);
    const ends = new Int32Array(this.cellEnds.length * 2);
    ends.set(this.cellEnds);
    this.cellStarts = starts;
    this.cellEnds = ends;
  }

  /** Starts a block of `width` columns. */
  private newBlock(width: number): void {
    this.blockWidth = width;
    this.offsets = new Uint32Array(COLUMN_STRIDE * width);
    this.missing = Array.from({ length: width }, () => undefined);
  }

  private markMissing(column: number, row: number): void {
    const bits = (this.missing[column] ??= new Uint8Array(CHUNK_ROWS >> 3));
    bits[row >> 3] = (bits[row >> 3] as number) | (1 << (row & 7));
  }

  /**
   * Packs the record into the block's next row: cells below `scanned` are already there, the
   * rest are copied from the scratch arrays, unquoted values are laid into the block's `extra`,
   * and cells the record lacks are marked missing.
   */
  private appendRow(start: number, end: number, sourceRow: number, scanned: number): void {
    const row = this.blockRows;
    const offsets = this.offsets;
    const width = this.blockWidth;
    if (!this.segmentRows && start > this.segmentStart) {
      // The segment's first row: its text starts here, not at records that made no row (the
      // header, blank lines), so the block holds only its rows' text. Only this row's cells
      // were placed by the old start.
      const d = start - this.segmentStart;
      for (let c = 0, at = row; c < scanned; c++, at += COLUMN_STRIDE) {
        offsets[at] = (offsets[at] as number) - d;
        offsets[at + CHUNK_ROWS] = (offsets[at + CHUNK_ROWS] as number) - d;
      }
      this.segmentStart = start;
      this.shift -= d;
    }
    this.segmentEnd = end;
    this.segmentRows = true;
    const shift = this.shift;
    // Long rows added their columns first (ragged), so a row has at most `width` cells.
    const n = Math.min(this.cells, width);
    for (let c = scanned, at = scanned * COLUMN_STRIDE + row; c < n; c++, at += COLUMN_STRIDE) {
      offsets[at] = (this.cellStarts[c] as number) + shift;
      offsets[at + CHUNK_ROWS] = (this.cellEnds[c] as number) + shift;
    }
    const texts = this.texts;
    for (let t = 0; t < texts.length; t++) {
      const c = texts[t] as number;
      if (c >= n) continue;
      // An unquoted value: a span of the block's `extra` text (table.ts, BLOCK_EXTRA).
      const value = this.cellTexts[c] as string;
      const at = c * COLUMN_STRIDE + row;
      offsets[at] = BLOCK_EXTRA + this.extraLength;
      this.extra += value;
      this.extraLength += value.length;
      offsets[at + CHUNK_ROWS] = BLOCK_EXTRA + this.extraLength;
    }
    for (let c = n; c < width; c++) this.markMissing(c, row);
    this.sourceRows[row] = sourceRow;
    this.rowStarts[row] = start + shift;
    this.blockRows++;
    if (this.blockRows === CHUNK_ROWS) this.seal();
  }

  private closeSegment(): void {
    if (!this.segmentRows) return;
    const piece = this.input.slice(this.segmentStart, this.segmentEnd);
    this.addNarrow(this.segmentStart, this.segmentEnd);
    this.raw = this.raw === '' ? piece : this.raw + piece;
    this.rawLength += piece.length;
    this.rawPieces++;
    this.segmentRows = false;
  }

  /**
   * Appends the input's narrow form of `[start, end)` to the block's (before its text grows), or
   * marks the block as having none when the input has none.
   */
  private addNarrow(start: number, end: number): void {
    const form = this.inputNarrow;
    if (!this.narrowOk) return;
    if (form === undefined) {
      this.narrowOk = false;
      return;
    }
    const at0 = this.rawLength;
    const length = at0 + end - start;
    if (this.narrowBytes.length < length) {
      const bytes = new Uint8Array(Math.max(length, 2 * this.narrowBytes.length));
      bytes.set(this.narrowBytes.subarray(0, at0));
      this.narrowBytes = bytes;
      const at = new Int32Array(bytes.length);
      at.set(this.narrowAt.subarray(0, this.narrowWide));
      this.narrowAt = at;
    }
    this.narrowWide = copyForm(form, start, end, this.narrowBytes, at0, this.narrowAt, this.narrowWide);
  }

  /** Hands the block to the builder and starts a new one. */
  private seal(): void {
    const builder = this.builder;
    if (builder === null) return;
    this.closeSegment();
    const n = this.blockRows;
    // A block inside one input keeps a slice of it rather than a copy: copying every block's
    // text cost a tenth of the read (docs/architecture.md, "CSV read"). The slice keeps that input
    // alive, but the input is nothing but blocks' text (the records of one step) and its
    // unfinished last record, so what stays alive is the same text the copies would hold.
    // Unquoted values are a text of their own for the same reason: appended to the raw text,
    // they made almost every block of a file with a few `""` in it a copy.
    const text = this.rawPieces > 1 ? flatten(this.raw) : this.raw;
    const extra = this.extraLength > 0 ? flatten(this.extra) : undefined;
    const narrow: TextNarrow | undefined = this.narrowOk && this.rawPieces > 0 ? { bytes: this.narrowBytes.subarray(0, this.rawLength), at: this.narrowAt, wide: this.narrowWide } : undefined;
    this.narrowOk = true;
    this.narrowWide = 0;
    const offsets = this.offsets;
    // A tail sink's block is handed to another thread: arrays of its own, one byte a character
    // where its text allows; the sink's buffers are written again for the next block.
    const own = this.kept !== null;
    const columns: TableBlock['columns'][number][] = [];
    for (let c = 0; c < this.blockWidth; c++) {
      const at = c * COLUMN_STRIDE;
      const starts = offsets.subarray(at, at + n);
      const ends = offsets.subarray(at + CHUNK_ROWS, at + CHUNK_ROWS + n);
      // A short (last) block gets arrays of its own rather than views that hold the whole buffer.
      columns.push(n === CHUNK_ROWS && !own ? { starts, ends, missing: this.missing[c] } : { starts: starts.slice(), ends: ends.slice(), missing: this.missing[c] });
    }
    // The rows' numbers and starts are copied out, never replaced: the scanner reads these two
    // fields, and V8's optimised scanner, compiled before the first block is sealed, took them
    // for constants and gave its code up when they were first replaced (a fresh array each
    // block, once per read, in the middle of it).
    const sourceRows = this.sourceRows.slice(0, n);
    const rowStarts = this.rowStarts.slice(0, n);
    if (this.kept !== null) {
      if (n > 0) {
        const block: TableBlock = { text, extra, rows: n, columns, sourceRows, rowStarts, narrow };
        this.kept.push(this.oneByte ? oneByteBlock(block) : block);
        this.keptRows += n;
      }
      this.missing = Array.from({ length: this.blockWidth }, () => undefined);
    } else {
      while (builder.columnCount < this.columns.length) builder.addColumn(this.columns[builder.columnCount] as string);
      builder.appendBlock({ text, extra, rows: n, columns, sourceRows, rowStarts, narrow }, this.oneByte);
      // The table copied the offsets (narrowed): the next block reuses this buffer (a cell is
      // always written before it is read; a missing one is never read). Its bitmaps are the
      // table's now.
      if (this.offsets.length === COLUMN_STRIDE * this.columns.length) {
        this.missing = Array.from({ length: this.columns.length }, () => undefined);
      } else this.newBlock(this.columns.length);
    }
    this.blockRows = 0;
    this.raw = '';
    this.rawLength = 0;
    this.rawPieces = 0;
    this.extra = '';
    this.extraLength = 0;
    // The next block's text starts where the row that filled this one ended.
    this.openSegment(this.segmentEnd);
  }

  /** Physical line of an offset in the current input, skipped title lines included. */
  private lineAt(pos: number): number {
    this.locator ??= new ChunkLineLocator(this.input, this.firstLine);
    return this.dialect.skipLines + this.locator.lineAt(pos);
  }

  /** The first record: the header, or the first data row of a headerless file. */
  private start(start: number, end: number, sourceRow: number): void {
    const n = this.cells;
    if (n > MAX_COLUMNS) {
      throw new PorterError('too-many-columns', { limit: MAX_COLUMNS, found: n, row: sourceRow });
    }
    this.expected = n;
    if (this.dialect.header === 'first-row') {
      const row: string[] = [];
      for (let k = 0; k < n; k++) row.push(this.cellString(k));
      const unique = makeUniqueHeaders(row, sourceRow);
      for (const issue of unique.issues) this.report(issue);
      this.useColumns(unique.names);
      this.headerRow = sourceRow;
      return;
    }
    const names: string[] = [];
    for (let c = 0; c < n; c++) names.push(`column_${c + 1}`);
    this.useColumns(names);
    this.appendRow(start, end, sourceRow, 0);
  }

  private useColumns(names: readonly string[]): void {
    for (const name of names) this.names.add(name);
    this.columns = [...names];
    this.builder = new TableBuilder(names);
    this.newBlock(this.columns.length);
  }

  private ragged(n: number, start: number, sourceRow: number): void {
    const long = n > this.expected;
    const line = this.lineAt(start);
    this.report({
      code: long ? 'ragged-row-long' : 'ragged-row-short',
      severity: 'warning',
      row: sourceRow,
      line,
      params: { expected: this.expected, found: n },
    });
    if (!long || n <= this.columns.length) return;
    if (n > MAX_COLUMNS) {
      throw new PorterError('too-many-columns', { limit: MAX_COLUMNS, found: n, row: sourceRow, line });
    }
    for (let c = this.columns.length; c < n; c++) {
      let name = `column_${c + 1}`;
      for (let k = 2; this.names.has(name); k++) name = `column_${c + 1}_${k}`;
      this.names.add(name);
      this.addedColumns.push(name);
      this.columns.push(name);
    }
    this.widen(n);
  }

  /**
   * The block grows to `n` columns (the offsets so far keep their place: a column's are
   * contiguous); its rows before a column existed are missing in it.
   */
  private widen(n: number): void {
    const width = this.blockWidth;
    const offsets = new Uint32Array(COLUMN_STRIDE * n);
    offsets.set(this.offsets);
    this.offsets = offsets;
    this.blockWidth = n;
    for (let c = width; c < n; c++) {
      this.missing.push(undefined);
      for (let r = 0; r < this.blockRows; r++) this.markMissing(c, r);
    }
  }

  /** Papa's quote errors of the record: offsets in the current input. */
  private quoteIssues(sourceRow: number): void {
    const errors = this.errors;
    for (let k = 0; k < errors.length; k += 2) {
      const missing = errors[k] === MISSING_QUOTES;
      const index = errors[k + 1] as number;
      // A missing closing quote is reported where the field's opening quote is.
      this.report({
        code: missing ? 'unclosed-quote' : 'stray-quote',
        severity: missing ? 'error' : 'warning',
        row: sourceRow,
        line: this.lineAt(missing ? Math.max(index - 1, 0) : index),
      });
    }
    this.errors = [];
  }

  /**
   * The record ending at `end` holds NUL characters, from `nextNul` on: zero bytes are not text
   * (a damaged or partly binary file; the binary check reads only the file's start). They are
   * kept in the cells, and said where, since a CRM may cut a value at the first one.
   */
  private nulIssue(end: number, sourceRow: number): void {
    const input = this.input;
    const first = this.nextNul;
    let count = 0;
    let at = first;
    for (; at !== -1 && at < end; at = input.indexOf('\0', at + 1)) count++;
    this.nextNul = at === -1 ? input.length : at;
    this.report({ code: 'nul-characters', severity: 'warning', row: sourceRow, line: this.lineAt(first), params: { count } });
  }

  private report(issue: ParseIssue): void {
    const count = this.issueCounts.get(issue.code) ?? 0;
    this.issueCounts.set(issue.code, count + 1);
    if (count < MAX_ISSUES_PER_CODE) this.issues.push(issue);
    else this.suppressed++;
  }

  /**
   * The rows packed since the last drain, as a table; later rows go into a fresh one with the
   * same columns. For a reader that writes as it reads and never holds the whole table (the
   * command's streaming convert); `finish` then returns only the rows after the last drain.
   */
  drain(): Table | null {
    if (this.builder === null) return null;
    this.seal();
    const table = this.builder.finish();
    this.builder = new TableBuilder(this.columns);
    return table;
  }

  finish(): ReadResult<CsvMeta> {
    if (this.builder === null) throw new PorterError('csv-no-rows');
    this.seal();
    return {
      table: this.builder.finish(),
      issues: this.issues,
      issueCounts: Object.fromEntries(this.issueCounts) as Partial<Record<ParseIssueCode, number>>,
      meta: {
        dialect: this.dialect,
        records: this.records,
        headerRow: this.headerRow,
        blankLines: this.blankLines,
        addedColumns: this.addedColumns,
        suppressedIssues: this.suppressed,
      },
    };
  }
}
