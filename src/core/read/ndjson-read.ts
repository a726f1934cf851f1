import { createCheckpoint } from '../model/yielder';
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
