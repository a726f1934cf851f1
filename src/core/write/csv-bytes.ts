import { EncodedText } from '../model/encoded-text';
import { PorterError } from '../model/porter-error';
import { CELL_ASIDE, type Table } from '../model/table';
import { serializeCsv } from './csv-write';
import { needsFormulaGuardIn } from './formula-guard';
import { PART_BYTES, Utf8Buffer, type ByteParts } from './utf8-parts';
import type { CsvWriteOptions } from './write-types';

/** Rows per run read a column at a time: the packed table's chunk size. */
const RUN_ROWS = 4096;

/**
 * The CSV export as UTF-8 bytes, part by part: exactly the bytes of `serializeCsv` (the string
 * writer, which stays the reference and the command's streaming writer) encoded by
 * `TextEncoder`, for every option. Held to that by seeded differential tests
 * (`test/unit/core/write/csv-bytes.test.ts`).
 *
 * Why a second writer: the string one makes a string per cell (`table.row`), a regular
 * expression test per field and a rope per chunk that `TextEncoder` then flattens; at a million
 * rows that garbage was most of the export. This one reads each cell in place — a run of a
 * column's cells at a time through `columnSpans`, else `cellSpan`, else `cell` — decides the
 * formula guard and the quoting in one scan of the value, and writes the bytes straight into
 * one reused buffer, which it yields at a record boundary once it holds {@link PART_BYTES}.
 *
 * A yielded part is a view of that buffer: copy it (into a Blob) before resuming.
 * Throws `PorterError('export-failed', { reason: 'invalid-delimiter' })` as `serializeCsv` does.
 *
 * @example
 * for (const part of csvParts(table, DEFAULT_CSV_WRITE)) parts.push(new Blob([part]));
 */
export function* csvParts(table: Table, opts: CsvWriteOptions): ByteParts {
  const { delimiter } = opts;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new PorterError('export-failed', { reason: 'invalid-delimiter', delimiter });
  }
  const code = delimiter.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return yield* encodedChunks(serializeCsv(table, opts));
  const width = table.columns.length;
  const out = new CsvFieldWriter(opts, width === 1);
  if (opts.bom) {
    const b = out.room(3);
    b[out.pos++] = 0xef;
    b[out.pos++] = 0xbb;
    b[out.pos++] = 0xbf;
  }
  if (width === 0) {
    if (out.pos > 0) yield out.take();
    return { replacedChars: 0 };
  }
  // The header: a record of the column names, through the same rules (guard included).
  for (let c = 0; c < width; c++) {
    const name = table.columns[c] as string;
    if (c > 0) out.delimiter();
    if (name !== '') out.field(name, 0, name.length);
    else if (width === 1) out.emptyRecord();
    else out.empty();
  }
  out.newline();

  const rows = table.rowCount;
  const runOf = table.columnSpans?.bind(table);
  const asideOf = table.columnSpansAside?.bind(table);
  const spanOf = table.cellSpan?.bind(table);
  const starts = runOf === undefined ? [] : table.columns.map(() => new Int32Array(RUN_ROWS));
  const ends = runOf === undefined ? [] : table.columns.map(() => new Int32Array(RUN_ROWS));
  // Per column, the run's text, or null where the column is read cell by cell in this run.
  const texts: (string | null)[] = table.columns.map(() => null);
  // Per column, its run text as UTF-8 (one per distinct text: a CSV block's columns share one),
  // when fields are copied as bytes (`CsvFieldWriter.fieldBytes`); else null.
  const encodedOf: (EncodedText | null)[] = table.columns.map(() => null);
  const encoded: EncodedText[] = [];
  const asBytes = out.copiesBytes;
  const span = new Int32Array(2);
  for (let r0 = 0; r0 < rows; ) {
    const r1 = Math.min(rows, (Math.floor(r0 / RUN_ROWS) + 1) * RUN_ROWS);
    // A run of rows inside one chunk: each column's spans in one call (with the few cells held
    // elsewhere marked aside, `columnSpansAside`, where the table has them); a column that
    // cannot answer for the run is read cell by cell, the others still by their spans.
    if (runOf !== undefined) {
      for (let c = 0; c < width; c++) {
        const s = starts[c] as Int32Array;
        const e = ends[c] as Int32Array;
        texts[c] = runOf(c, r0, r1, s, e) ?? asideOf?.(c, r0, r1, s, e) ?? null;
      }
      if (asBytes) encodeRuns(texts, starts, ends, r1 - r0, encodedOf, encoded);
    }
    for (let r = r0; r < r1; r++) {
      for (let c = 0; c < width; c++) {
        if (c > 0) out.delimiter();
        const run = texts[c] ?? null;
        // The cell's start in the run's text; -1 missing; aside (or no run): asked on its own.
        const start = run === null ? CELL_ASIDE : ((starts[c] as Int32Array)[r - r0] as number);
        let text: string | null = null;
        let s = 0;
        let e = 0;
        if (start >= 0) {
          text = run;
          s = start;
          e = (ends[c] as Int32Array)[r - r0] as number;
        } else if (start === CELL_ASIDE) {
          if (spanOf !== undefined) {
            text = spanOf(r, c, span);
            s = span[0] as number;
            e = span[1] as number;
          } else {
            text = table.cell(r, c);
            e = text === null ? 0 : text.length;
          }
        }
        if (text === null || s >= e) {
          if (width === 1) out.emptyRecord();
          else out.empty();
        } else if (start >= 0 && asBytes && (encodedOf[c] ?? null) !== null) {
          const enc = encodedOf[c] as EncodedText;
          if (enc.place(s, e)) out.fieldBytes(enc, text as string, s, e);
          else out.field(text as string, s, e);
        } else {
          out.field(text, s, e);
        }
      }
      out.newline();
      if (out.pos >= PART_BYTES) yield out.take();
    }
    r0 = r1;
  }
  if (out.pos > 0) yield out.take();
  return { replacedChars: out.replaced };
}

/**
 * Encodes each distinct text of `texts` (by identity) into one of `pool`, and points each
 * column's `encodedOf` at its text's: a CSV block's text once for all its columns. A text whose
 * cells in the run (`starts`/`ends` of its columns, `rows` rows) cover less than a quarter of it
 * is not encoded, and its columns are written from their characters: a mapping that exports 3
 * of a file's 100 columns would encode the other 97 for nothing.
 */
function encodeRuns(
  texts: readonly (string | null)[],
  starts: readonly Int32Array[],
  ends: readonly Int32Array[],
  rows: number,
  encodedOf: (EncodedText | null)[],
  pool: EncodedText[],
): void {
  let used = 0;
  for (let c = 0; c < texts.length; c++) {
    const text = texts[c] ?? null;
    encodedOf[c] = null;
    if (text === null) continue;
    let first = -1;
    for (let d = 0; d < c && first < 0; d++) if (texts[d] === text) first = d;
    if (first >= 0) {
      encodedOf[c] = encodedOf[first] ?? null;
      continue;
    }
    // The first column of this text: the characters its columns' cells take in the run.
    let covered = 0;
    for (let d = c; d < texts.length; d++) {
      if (texts[d] !== text) continue;
      const st = starts[d] as Int32Array;
      const en = ends[d] as Int32Array;
      for (let i = 0; i < rows; i++) {
        const from = st[i] as number;
        if (from >= 0) covered += (en[i] as number) - from;
      }
    }
    if (covered * 4 < text.length) continue;
    if (pool.length <= used) pool.push(new EncodedText());
    const enc = pool[used++] as EncodedText;
    enc.encode(text);
    encodedOf[c] = enc;
  }
}

/**
 * A surrogate as the delimiter (half a character; no UI offers one) can pair up with the text
 * beside it once the string is encoded, so its bytes are the string writer's, encoded chunk by
 * chunk, rather than decided field by field.
 */
function* encodedChunks(chunks: Iterable<string>): ByteParts {
  const out = new Utf8Buffer();
  const encoder = new TextEncoder();
  for (const chunk of chunks) {
    out.putChunk(chunk, encoder);
    if (out.pos >= PART_BYTES) yield out.take();
  }
  if (out.pos > 0) yield out.take();
  return { replacedChars: out.replaced };
}

/**
 * One field at a time, the rules of `serializeCsv` (csv-write.ts) decided per value in one scan:
 *
 * - guard (`formulaGuard`): the first code unit settles most values — one above `@` and below
 *   DEL can be neither a trigger nor skipped before one — else `needsFormulaGuardIn`;
 * - `all`: every field quoted; `minimal`: quoted when it holds the delimiter, `"`, CR or LF (and
 *   `,` `;` tab `|` in a one-column file), or starts (after the guard's `'`, which is never a
 *   space) or ends with a space or tab. The value is written unquoted while scanning, and
 *   written again quoted at the first character that needs quotes.
 */
class CsvFieldWriter extends Utf8Buffer {
  private readonly all: boolean;
  private readonly guard: boolean;
  /** Per byte (ASCII code): 1 when a field holding it must be quoted; 0 for every byte past ASCII. */
  private readonly special = new Uint8Array(256);
  /**
   * Fields of a run's text are copied from its UTF-8 ({@link fieldBytes}), which needs an ASCII
   * delimiter (no byte past ASCII is then special) and minimal quoting.
   */
  readonly copiesBytes: boolean;
  /** The delimiter when it is not ASCII, else -1. */
  private readonly wideDelimiter: number;
  private readonly delimiterCode: number;
  private readonly delimiterBytes: Uint8Array;
  private readonly newlineCodes: readonly number[];

  constructor(opts: CsvWriteOptions, oneColumn: boolean) {
    super();
    this.all = opts.quoting === 'all';
    this.guard = opts.formulaGuard;
    this.delimiterCode = opts.delimiter.charCodeAt(0);
    this.delimiterBytes = new TextEncoder().encode(opts.delimiter);
    this.wideDelimiter = this.delimiterCode >= 0x80 ? this.delimiterCode : -1;
    if (this.delimiterCode < 0x80) this.special[this.delimiterCode] = 1;
    this.special[0x22] = 1;
    this.special[0x0d] = 1;
    this.special[0x0a] = 1;
    // A one-column file quotes any delimiter a reader might guess (see csv-write.ts).
    if (oneColumn) for (const c of ',;\t|') this.special[c.charCodeAt(0)] = 1;
    this.newlineCodes = opts.newline === '\r\n' ? [0x0d, 0x0a] : [0x0a];
    this.copiesBytes = !this.all && this.wideDelimiter === -1;
  }

  delimiter(): void {
    const c = this.delimiterCode;
    if (c < 0x80) {
      this.room(1)[this.pos++] = c;
    } else {
      this.room(3).set(this.delimiterBytes, this.pos);
      this.pos += this.delimiterBytes.length;
    }
  }

  newline(): void {
    const b = this.room(2);
    for (const c of this.newlineCodes) b[this.pos++] = c;
  }

  /** A missing or empty cell: nothing, or `""` when every field is quoted. */
  empty(): void {
    if (!this.all) return;
    const b = this.room(2);
    b[this.pos++] = 0x22;
    b[this.pos++] = 0x22;
  }

  /** The empty cell of a one-column record: `""`, so the record is not a blank line. */
  emptyRecord(): void {
    const b = this.room(2);
    b[this.pos++] = 0x22;
    b[this.pos++] = 0x22;
  }

  /** The value `text[s…e)`, not empty. */
  field(text: string, s: number, e: number): void {
    // Worst case: 3 bytes per code unit (a doubled quote is 2), the guard's `'` and two quotes.
    const bytes = this.room((e - s) * 3 + 3);
    const c0 = text.charCodeAt(s);
    const guarded = this.guard && !(c0 > 0x40 && c0 < 0x7f) && needsFormulaGuardIn(text, s, e);
    const last = text.charCodeAt(e - 1);
    if (this.all || this.quotesGuard(guarded, c0) || last === 0x20 || last === 0x09) {
      this.quoted(text, s, e, guarded);
      return;
    }
    const start = this.pos;
    let pos = start;
    if (guarded) bytes[pos++] = 0x27;
    const special = this.special;
    // ASCII without a special character: copied as it is scanned.
    let i = s;
    for (; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80 || special[c] === 1) break;
      bytes[pos++] = c;
    }
    if (i === e) {
      this.pos = pos;
      return;
    }
    // A special character, or text beyond ASCII: scan the rest, then encode it.
    const wide = this.wideDelimiter;
    for (let k = i; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x80 ? special[c] === 1 : c === wide) {
        this.quoted(text, s, e, guarded);
        return;
      }
    }
    this.pos = this.put(text, i, e, pos, false);
  }

  /**
   * {@link field} of a cell whose UTF-8 is `enc.bytes[enc.from, enc.to)` (`enc.place` answered
   * true), for a writer that {@link copiesBytes}: the same decisions, read from the string's
   * ends, and the bytes copied as they are scanned for a character that needs quotes (then the
   * field is written again, quoted, from its characters).
   *
   * Why: the loop over the cell's characters (`charCodeAt`, then each unit encoded) ran at two
   * speeds from one browser run to the next: a 1M-row export in Chromium took 0.86 s in some
   * runs and 1.6 s in others, `field` alone 375 against 1,128 ms of the engine thread (a trace of
   * each); the run's text is encoded once natively (`encodeInto`) and its bytes read here.
   * Its first lines are `field`'s, written again: the two decisions moved into methods both
   * call made a 1M-row export ~0.1 s slower (whole path, builds alternated, 29 Nov 2026).
   */
  fieldBytes(enc: EncodedText, text: string, s: number, e: number): void {
    const c0 = text.charCodeAt(s);
    const guarded = this.guard && !(c0 > 0x40 && c0 < 0x7f) && needsFormulaGuardIn(text, s, e);
    const last = text.charCodeAt(e - 1);
    if (this.quotesGuard(guarded, c0) || last === 0x20 || last === 0x09) {
      this.room((e - s) * 3 + 3);
      this.quoted(text, s, e, guarded);
      return;
    }
    const from = enc.from;
    const to = enc.to;
    const bytes = this.room(to - from + 1);
    let pos = this.pos;
    if (guarded) bytes[pos++] = 0x27;
    const src = enc.bytes;
    const special = this.special;
    for (let k = from; k < to; k++) {
      const b = src[k] as number;
      if (special[b] === 1) {
        this.room((e - s) * 3 + 3);
        this.quoted(text, s, e, guarded);
        return;
      }
      bytes[pos++] = b;
    }
    this.pos = pos;
  }

  /**
   * Whether a field's start makes it quoted: the guard's `'` where `'` is the delimiter (a file
   * may have any delimiter but `"`, CR and LF), else a space or tab it starts with.
   */
  private quotesGuard(guarded: boolean, c0: number): boolean {
    return guarded ? this.special[0x27] === 1 : c0 === 0x20 || c0 === 0x09;
  }

  private quoted(text: string, s: number, e: number, guarded: boolean): void {
    const bytes = this.bytes;
    let pos = this.pos;
    bytes[pos++] = 0x22;
    if (guarded) bytes[pos++] = 0x27;
    pos = this.put(text, s, e, pos, true);
    bytes[pos++] = 0x22;
    this.pos = pos;
  }
}
