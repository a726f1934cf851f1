import { createCheckpoint } from '../model/yielder';
import { BlobSlices, SliceDecoder } from './csv-stream-decode';
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
): Promise<ReadResult<Record<string, never>>> {
  const lines = new NdjsonLines(ctx);
  await lines.read(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, true, (start) => ({ done: start, total: text.length }));
  ctx.onProgress?.({ done: text.length, total: text.length, rows: lines.out.rowCount });
  return lines.finish();
}

/**
 * {@link readNdjson} of a Blob's UTF-8 bytes (a stored snapshot), with the same table and
 * issues: decoded a slice at a time from its stream (csv-stream-decode.ts) and read line by
 * line as each slice arrives, the unfinished last line carried to the next, so neither the
 * file's bytes nor its whole text (two bytes a character once one character is past Latin-1)
 * is ever held. Progress is in bytes.
 *
 * @example
 * const { table } = await readNdjsonBlob(new Blob(['{"id":1}\n{"id":2}\n']));
 * table.rowCount; // 2
 */
export async function readNdjsonBlob(
  blob: Blob,
  ctx: ReadContext = {},
  tuning: { readonly sliceSize?: number } = {},
): Promise<ReadResult<Record<string, never>>> {
  const size = Math.max(1, tuning.sliceSize ?? SLICE_BYTES);
  const decoder = new SliceDecoder(new Uint8Array(await blob.slice(0, 4).arrayBuffer()), 'utf-8');
  const slices = new BlobSlices(blob, size);
  const lines = new NdjsonLines(ctx);
  try {
    let rest = '';
    let first = true;
    for (;;) {
      const { text: piece, last } = await slices.decodeNext(decoder, blob.size);
      const input = rest === '' ? piece : rest + piece;
      // Complete lines only (all of it at the end); the unfinished one starts the next input.
      // Searched in the new piece only, so a line longer than many slices costs no re-scans.
      const inPiece = last ? -1 : piece.lastIndexOf('\n');
      const cut = last ? input.length : inPiece < 0 ? -1 : input.length - piece.length + inPiece;
      if (cut >= 0) {
        // A U+FEFF left after the decoder's BOM is skipped only at the very start, as readNdjson does.
        const from = first && input.charCodeAt(0) === 0xfeff ? 1 : 0;
        first = false;
        await lines.read(input, from, last, () => ({ done: decoder.decoded, total: blob.size }), cut);
        rest = last ? '' : input.slice(cut + 1);
      } else rest = input;
      if (last) break;
    }
  } finally {
    slices.cancel();
  }
  ctx.onProgress?.({ done: blob.size, total: blob.size, rows: lines.out.rowCount });
  return lines.finish();
}

/** Bytes decoded per step of {@link readNdjsonBlob}. */
const SLICE_BYTES = 1 << 22;

/** The lines of one NDJSON text, read into one table as they come (readNdjson, readNdjsonBlob). */
class NdjsonLines {
  readonly out = new FlatRecords();
  /** Line number of the last line read. */
  private line = 0;
  private readonly onArray = (column: string): void =>
    this.out.reportOncePerColumn({ code: 'nested-array', severity: 'warning', column, row: this.line });
  private readonly checkpoint: () => Promise<void>;

  constructor(private readonly ctx: ReadContext) {
    this.checkpoint = createCheckpoint(ctx.signal);
  }

  /**
   * Reads the lines of `text` from `start`: up to the line break at `cut`, or, when `final`,
   * the rest of the text (its last line included). `progress` says how far a line start is.
   */
  async read(
    text: string,
    start: number,
    final: boolean,
    progress: (start: number) => { done: number; total: number },
    cut = text.length,
  ): Promise<void> {
    const stop = final ? text.length : cut;
    while (start <= stop) {
      const line = ++this.line;
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      readLine(text, start, end, line, this.out, this.onArray);
      start = end + 1;
      if (line % BATCH === 0) {
        this.ctx.onProgress?.({ ...progress(start), rows: this.out.rowCount });
        await this.checkpoint();
      }
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
