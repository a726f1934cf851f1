import { throwIfAborted } from '../model/porter-error';
import { createCheckpoint } from '../model/yielder';
import { SliceDecoder } from './csv-stream-decode';
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
  const checkpoint = createCheckpoint(ctx.signal);
  const out = new FlatRecords();
  let line = 0;
  const onArray = (column: string): void =>
    out.reportOncePerColumn({ code: 'nested-array', severity: 'warning', column, row: line });
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    line++;
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    readLine(text, start, end, line, out, onArray);
    start = end + 1;
    if (line % BATCH === 0) {
      ctx.onProgress?.({ done: start, total: text.length, rows: out.rowCount });
      await checkpoint();
    }
  }
  ctx.onProgress?.({ done: text.length, total: text.length, rows: out.rowCount });
  const { table, issues, issueCounts } = out.finish();
  return { table, issues, issueCounts, meta: {} };
}

/** Bytes decoded per step of {@link readNdjsonBytes}. */
const SLICE_BYTES = 1 << 22;

/**
 * {@link readNdjson} of the bytes' text, with the same table and issues, decoding 4 MiB at a
 * time as CSV is read (`readCsvBytes`): the whole text never exists, only the lines of one slice
 * (a 1M-record snapshot is ~300 MB of NDJSON, twice that as a string once one name is accented).
 * Progress is in bytes. The BOM and undecodable bytes are reported as `decodeBytes` reports
 * them. `sliceSize` is for tests: the result does not depend on where slices are cut.
 *
 * @throws PorterError('decode-failed') for an unknown encoding label.
 */
export async function readNdjsonBytes(
  bytes: Uint8Array,
  encoding: string,
  ctx: ReadContext = {},
  sliceSize = SLICE_BYTES,
): Promise<ReadResult<{ bom: boolean; replacements: number }>> {
  throwIfAborted(ctx.signal);
  const size = Math.max(1, sliceSize);
  const decoder = new SliceDecoder(bytes, encoding);
  const checkpoint = createCheckpoint(ctx.signal);
  const out = new FlatRecords();
  let line = 0;
  const onArray = (column: string): void =>
    out.reportOncePerColumn({ code: 'nested-array', severity: 'warning', column, row: line });
  // The text after the last line break so far: a rope of pieces with no line break in them,
  // searched again only with the piece that ends it.
  let rest = '';
  let first = true;
  for (let at = 0; ; ) {
    const final = at + size >= bytes.length;
    const piece = decoder.decode(size, final);
    at = Math.min(at + size, bytes.length);
    const cut = final ? piece.length : piece.lastIndexOf('\n') + 1;
    if (cut === 0 && !final) {
      rest += piece;
      continue;
    }
    const text = rest === '' ? piece.slice(0, cut) : rest + piece.slice(0, cut);
    rest = cut === piece.length ? '' : piece.slice(cut);
    // As readNdjson: a U+FEFF left at the very start (a second BOM) is not part of the first line.
    let start = first && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    first = false;
    // Every line of `text` ends with its break, except the file's last.
    const stop = final ? text.length : text.length - 1;
    while (start <= stop) {
      line++;
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      readLine(text, start, end, line, out, onArray);
      start = end + 1;
      if (line % BATCH === 0) {
        ctx.onProgress?.({ done: at, total: bytes.length, rows: out.rowCount });
        await checkpoint();
      }
    }
    if (final) break;
  }
  ctx.onProgress?.({ done: bytes.length, total: bytes.length, rows: out.rowCount });
  const { table, issues, issueCounts } = out.finish();
  return { table, issues, issueCounts, meta: { bom: decoder.bom, replacements: decoder.replacements } };
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
