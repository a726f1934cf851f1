import { PorterError } from '../model/porter-error';
import { createCheckpoint } from '../model/yielder';
import { BlobSlices, type SliceGuard } from './csv-stream-decode';
import { FlatRecords } from './flatten';
import { JsonScanner, JsonSyntaxError } from './json-scan';
import type { ReadContext, ReadResult } from './read-types';

const BATCH = 1024;

/**
 * Reads JSON Lines / NDJSON (https://jsonlines.org): one JSON object per line, flattened like
 * {@link readJson} (dotted names, numbers as source text). Blank lines are skipped. A line that
 * is not valid JSON becomes an `invalid-json-line` error issue and reading goes on, so one bad
 * line in a million does not lose the file; a valid non-object line is a `non-object-record`.
 * The source row of a record is its line number.
 *
 * @example
 * const { table, issues } = await readNdjson('{"id":1}\n{oops\n{"id":3}\n');
 * table.rowCount; // 2
 * issues[0].code; // 'invalid-json-line' (row 2)
 */
export async function readNdjson(
  text: string,
  ctx: ReadContext = {},
  layout: LineLayout = 'records',
): Promise<ReadResult<Record<string, never>>> {
  const checkpoint = createCheckpoint(ctx.signal);
  const lines = new NdjsonLines(layout);
  await lines.read(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, true, async (at) => {
    ctx.onProgress?.({ done: at, total: text.length, rows: lines.out.rowCount });
    await checkpoint();
  });
  ctx.onProgress?.({ done: text.length, total: text.length, rows: lines.out.rowCount });
  return lines.finish();
}

/** Bytes of a Blob read at a time by {@link readNdjsonBlob}. */
const NDJSON_SLICE = 8 * 1024 * 1024;
/** Bytes of whole lines `TextDecoder` is handed per call by {@link readNdjsonBlob}. */
const NDJSON_PIECE = 1 << 16;

/**
 * {@link readNdjson} of a UTF-8 Blob, read a slice at a time: the file is never one string, so
 * a committed snapshot's NDJSON (about 2.3× the CSV it was made from) can be read back past
 * V8's cap on a string (~512 Mi characters), which a snapshot of ~1.8M contacts passes. Each
 * slice is cut at its last newline byte, which never lies inside a UTF-8 sequence; the bytes
 * after it are read with the next slice, the line they start decoded on its own.
 *
 * The whole lines are decoded and read a piece of about {@link NDJSON_PIECE} bytes at a time,
 * each piece cut at a newline too, so every piece decodes to exactly its share of the whole
 * text and no piece is joined to another. Why pieces: Chromium 156 decoded 8 MiB of contact
 * NDJSON (1% non-ASCII) in one `decode` call in ~97 ms, and the same bytes in 64 KiB calls in
 * ~3 ms (Node 20: 46 vs 11 ms), so 8 MiB calls would spend ~7 s of a 600 MB snapshot's read
 * decoding. Why a strict decoder first: Node decodes valid UTF-8 through its
 * fast path only when `fatal` (11 vs 22 ms for the 8 MiB); a piece with a bad byte is decoded
 * again by a lenient one, so bytes outside UTF-8 become U+FFFD as `TextDecoder` makes them.
 * Not the `stream` option: cutting at newlines needs no state between calls. A BOM is dropped
 * at the start only. Under the guard's stall limit and `ctx.signal`, as every read of a file
 * (BlobSlices).
 *
 * @throws DOMException NotReadableError when the stream ends short of the Blob's size (the
 *   file changed), as {@link readBlobBytes}; PorterError `file-read-stalled`; an AbortError.
 */
export async function readNdjsonBlob(
  blob: Blob,
  ctx: ReadContext = {},
  guard: SliceGuard = { signal: ctx.signal },
  sliceBytes = NDJSON_SLICE,
  pieceBytes = NDJSON_PIECE,
  layout: LineLayout = 'records',
): Promise<ReadResult<Record<string, never>>> {
  const checkpoint = createCheckpoint(ctx.signal);
  const slices = new BlobSlices(blob, Math.min(sliceBytes, Math.max(1, blob.size)), guard);
  const decode = lineDecoder();
  const lines = new NdjsonLines(layout);
  const total = blob.size;
  const piece = Math.max(1, pieceBytes);
  let taken = 0;
  // The bytes of a line begun in an earlier slice and not ended yet.
  let carry: Uint8Array = new Uint8Array(0);
  let atStart = true;
  const tick = async (): Promise<void> => {
    ctx.onProgress?.({ done: taken, total, rows: lines.out.rowCount });
    await checkpoint();
  };
  /** Reads whole lines (all of `bytes` when `last`), a piece at a time. */
  const readLines = async (bytes: Uint8Array, last: boolean): Promise<void> => {
    let at = 0;
    do {
      const end = pieceEnd(bytes, at, piece);
      const text = decode(bytes.subarray(at, end));
      const start = atStart && text.charCodeAt(0) === 0xfeff ? 1 : 0;
      atStart = false;
      await lines.read(text, start, last && end === bytes.length, tick);
      at = end;
    } while (at < bytes.length);
  };
  try {
    for (;;) {
      const slice = await slices.next();
      taken += slice.length;
      const last = taken >= total || slice.length === 0;
      if (last && taken < total) throw new DOMException('The file changed while it was read.', 'NotReadableError');
      // Whole lines end at the last newline; the last slice is read to its end.
      const upTo = last ? slice.length : slice.lastIndexOf(0x0a) + 1;
      if (upTo === 0 && !last) {
        carry = joined(carry, slice);
        continue;
      }
      let from = 0;
      if (carry.length > 0) {
        const nl = slice.indexOf(0x0a);
        from = nl < 0 || nl >= upTo ? upTo : nl + 1;
        await readLines(joined(carry, slice.subarray(0, from)), last && from === upTo);
        carry = new Uint8Array(0);
      }
      if (from < upTo || (last && from === 0)) await readLines(slice.subarray(from, upTo), last);
      if (last) break;
      // Copied: the slices share one buffer.
      carry = slice.slice(upTo);
      await tick();
    }
  } finally {
    // The last slice ends at the Blob's size, before the stream says it is done: let it go.
    slices.cancel();
  }
  ctx.onProgress?.({ done: total, total, rows: lines.out.rowCount });
  return lines.finish();
}

/**
 * Where the piece of whole lines that starts at `at` ends: after the last newline within
 * `piece` bytes, or after the first one past them when a line is longer; `bytes` (whole
 * lines, or the file's end) ends the last piece.
 */
function pieceEnd(bytes: Uint8Array, at: number, piece: number): number {
  if (bytes.length - at <= piece) return bytes.length;
  const nl = bytes.lastIndexOf(0x0a, at + piece - 1);
  if (nl >= at) return nl + 1;
  const next = bytes.indexOf(0x0a, at + piece);
  return next === -1 ? bytes.length : next + 1;
}

/** UTF-8 bytes of whole lines to text: strictly (Node's fast path), leniently (U+FFFD) where that fails. */
function lineDecoder(): (bytes: Uint8Array) => string {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  return (bytes) => {
    try {
      return strict.decode(bytes);
    } catch {
      return lenient.decode(bytes);
    }
  };
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * How a file's lines hold records: `records`, one JSON object per line (JSON Lines); `rows`, a
 * snapshot's rows layout (docs/architecture.md, "Commit"): a first line holding the column names
 * as a JSON array of strings, then one JSON array per record with a cell per column, a string or
 * `null` for a missing cell.
 */
export type LineLayout = 'records' | 'rows';

/** NDJSON lines read into records, from one text or from text given a piece at a time; lines are numbered across pieces. */
class NdjsonLines {
  readonly out = new FlatRecords();
  private line = 0;
  /** The rows layout's columns, from its header line; null before it (or in the records layout). */
  private header: number[] | null = null;

  constructor(private readonly layout: LineLayout = 'records') {}
  private readonly onArray = (column: string): void =>
    this.out.reportOncePerColumn({ code: 'nested-array', severity: 'warning', column, row: this.line });

  /**
   * Reads the lines of `text` from `start`: all of them when `last`, else only those a newline
   * ends. Returns where the unread rest begins. `tick` is called every {@link BATCH} lines with
   * the offset reached.
   */
  async read(text: string, start: number, last: boolean, tick: (at: number) => Promise<void>): Promise<number> {
    while (start <= text.length) {
      const nl = text.indexOf('\n', start);
      if (nl === -1 && !last) return start;
      this.line++;
      const end = nl === -1 ? text.length : nl;
      if (this.layout === 'records') readLine(text, start, end, this.line, this.out, this.onArray);
      else this.readRow(text, start, end);
      start = end + 1;
      if (this.line % BATCH === 0) await tick(start);
    }
    return text.length;
  }

  /**
   * A line of the rows layout: the header first (its names become the columns, in order, even
   * one no record fills), then a record a line. A line that is not such an array (bad JSON, more
   * cells than names, an object or array for a cell) is an `invalid-json-line`, as a bad line of
   * JSON Lines is; a number or `true`/`false` is kept as its text, as the records layout keeps it.
   */
  private readRow(text: string, start: number, end: number): void {
    const scanner = new JsonScanner(text, start, end);
    scanner.skipWs();
    if (scanner.pos >= end) return;
    const { out } = this;
    try {
      if (this.header === null) {
        this.header = readHeader(text, start, end).map((name) => out.column(name));
        return;
      }
      scanner.expect(0x5b, 'expected-array');
      const columns = this.header;
      let k = 0;
      forEachEntry(scanner, () => {
        if (k >= columns.length) scanner.fail('too-many-cells');
        const c = scanner.peek();
        const column = columns[k++] as number;
        if (c === 0x22) out.setColumn(column, scanner.readString());
        else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) out.setColumn(column, scanner.readNumber());
        else if (c === 0x7b || c === 0x5b) scanner.fail('nested-value');
        else {
          const word = scanner.readLiteral();
          if (word !== 'null') out.setColumn(column, word);
        }
      });
      expectLineEnd(scanner);
      out.commit(this.line);
    } catch (err) {
      reportBadLine(err, out, start, this.line);
    }
  }

  finish(): ReadResult<Record<string, never>> {
    const { table, issues, issueCounts } = this.out.finish();
    return { table, issues, issueCounts, meta: {} };
  }
}

function readLine(
  text: string,
  start: number,
  end: number,
  line: number,
  out: FlatRecords,
  onArray: (column: string) => void,
): void {
  const scanner = new JsonScanner(text, start, end);
  scanner.skipWs();
  if (scanner.pos >= end) return;
  try {
    if (scanner.peek() === 0x7b) {
      scanner.readObjectInto(out, '', onArray);
      expectLineEnd(scanner);
      out.commit(line);
    } else {
      scanner.skipValue();
      expectLineEnd(scanner);
      out.report({ code: 'non-object-record', severity: 'warning', row: line, line });
    }
  } catch (err) {
    reportBadLine(err, out, start, line);
  }
}

/** A line that is not JSON (or not a record of its layout): an `invalid-json-line`, the record dropped; any other error thrown on. */
function reportBadLine(err: unknown, out: FlatRecords, start: number, line: number): void {
  if (!(err instanceof JsonSyntaxError)) throw err;
  out.discard();
  out.report({
    code: 'invalid-json-line',
    severity: 'error',
    row: line,
    line,
    params: { column: err.offset - start + 1, reason: err.reason },
  });
}

/**
 * The rows layout's header line (`text[start, end)`): its column names, a JSON array of distinct
 * strings. Anything else refuses the file: without its header no cell of a record can be placed,
 * so reading on would lose every record (a bad record line costs that record only).
 *
 * @throws PorterError `json-syntax` at line 1, the column of the first thing wrong.
 */
function readHeader(text: string, start: number, end: number): string[] {
  const scanner = new JsonScanner(text, start, end);
  const names: string[] = [];
  try {
    scanner.skipWs();
    scanner.expect(0x5b, 'expected-array');
    forEachEntry(scanner, () => {
      if (scanner.peek() !== 0x22) scanner.fail('expected-string');
      const at = scanner.pos;
      const name = scanner.readString();
      if (names.includes(name)) scanner.fail('duplicate-name', at);
      names.push(name);
    });
    expectLineEnd(scanner);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new PorterError('json-syntax', { line: 1, column: err.offset - start + 1 }, { cause: err });
  }
  return names;
}

/**
 * A rows-layout header line's column names (the whole of `line`), as every reader of the layout
 * takes them: the page's, the command's streamed run and its DuckDB engine.
 *
 * @throws PorterError `json-syntax` at line 1 when it is not a JSON array of distinct strings.
 */
export function headerNames(line: string): string[] {
  return readHeader(line, line.charCodeAt(0) === 0xfeff ? 1 : 0, line.length);
}

/**
 * How the lines of an NDJSON text hold records: `rows` when its first line (after a BOM and
 * blank space) is a JSON array of strings, a header of names (the rows layout a snapshot is
 * written in, and the "CSV-like" JSON Lines of https://jsonlines.org/examples/), else `records`.
 * A first line that is an array of anything else stays a record of `records` (kept in `value`).
 *
 * @example
 * lineLayoutOf('["id","name"]\n["1","Ada"]\n'); // 'rows'
 * lineLayoutOf('{"id":"1"}\n'); // 'records'
 */
export function lineLayoutOf(text: string): LineLayout {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  if (text.charCodeAt(at) !== 0x5b) return 'records';
  const nl = text.indexOf('\n', at);
  try {
    readHeader(text, at, nl === -1 ? text.length : nl);
    return 'rows';
  } catch {
    return 'records';
  }
}

/**
 * A committed snapshot's layout, from its first bytes: `rows` (what a commit writes since
 * 29 Nov 2026) when, after a UTF-8 BOM and blank space, it starts with `[`; else `records` (one
 * JSON object a record, as written before; an empty file too). A broken header then refuses the
 * snapshot rather than reading it as records.
 */
export function snapshotLayout(head: Uint8Array): LineLayout {
  let at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (at < head.length && (head[at] === 0x20 || head[at] === 0x09 || head[at] === 0x0a || head[at] === 0x0d)) at++;
  return head[at] === 0x5b ? 'rows' : 'records';
}

/** Calls `entry` with the cursor on each entry of the array whose `[` was just read, then reads its `]`. */
function forEachEntry(scanner: JsonScanner, entry: () => void): void {
  scanner.skipWs();
  if (scanner.peek() === 0x5d) {
    scanner.pos++;
    return;
  }
  for (;;) {
    scanner.skipWs();
    entry();
    scanner.skipWs();
    const c = scanner.peek();
    scanner.pos++;
    if (c === 0x5d) return;
    if (c !== 0x2c) scanner.fail('expected-comma-or-bracket', scanner.pos - 1);
  }
}

function expectLineEnd(scanner: JsonScanner): void {
  scanner.skipWs();
  if (scanner.pos < scanner.end) scanner.fail('unexpected-after-end');
}

/** How many complete lines {@link looksLikeNdjson} checks. */
const SAMPLE_LINES = 20;

/**
 * True when a text sample looks like JSON Lines rather than one JSON document: at least two
 * complete non-blank lines, each of them a whole JSON object on its own. The last line of a
 * sample cut mid-file is not judged.
 *
 * @example
 * looksLikeNdjson('{"a":1}\n{"a":2}\n'); // true
 * looksLikeNdjson('[{"a":1},\n{"a":2}]'); // false
 */
export function looksLikeNdjson(sample: string): boolean {
  const lines = sample.split('\n');
  // The text after the last newline may be cut mid-record: it counts if whole, never against.
  const tail = lines.length > 1 ? (lines.pop() ?? '').trim() : '';
  let objects = tail.startsWith('{') && isJsonObject(tail) ? 1 : 0;
  for (const raw of lines) {
    const l = raw.trim();
    if (l === '') continue;
    if (!l.startsWith('{') || !isJsonObject(l)) return false;
    if (++objects >= SAMPLE_LINES) break;
  }
  return objects >= 2;
}

function isJsonObject(line: string): boolean {
  const scanner = new JsonScanner(line, line.charCodeAt(0) === 0xfeff ? 1 : 0);
  try {
    scanner.skipValue();
    scanner.skipWs();
    return scanner.pos === line.length;
  } catch {
    return false;
  }
}
