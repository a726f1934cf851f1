import { PorterError } from '../model/porter-error';
import { createCheckpoint } from '../model/yielder';
import { FlatRecords, lineColumnAt } from './flatten';
import { JsonScanner, JsonSyntaxError, MAX_JSON_DEPTH } from './json-scan';
import type { ReadContext, ReadResult } from './read-types';

export interface JsonMeta {
  /** Dotted path of the array read as records; `''` for a top-level array. */
  readonly recordPath: string;
  /** Every path holding an array of objects, largest first, so the user can pick another. */
  readonly candidates: string[];
}

export interface JsonReadOptions {
  /** Which array to read (a path from `meta.candidates`); the largest one when absent. */
  readonly recordPath?: string;
}

interface Candidate {
  readonly path: string;
  readonly count: number;
  /** Offset of the array's `[`, so the second pass jumps straight to it. */
  readonly offset: number;
}

/** Records between checkpoints (cancel, progress). */
const BATCH = 1024;
const MAX_DEPTH = 512;

/**
 * Reads a JSON document of records: a top-level array of objects, or an object holding one
 * (`{"contacts":[…]}`, `{"data":{"items":[…]}}`: the largest array of objects is taken unless
 * `recordPath` names another). Nested objects flatten to dotted columns, numbers keep their
 * source text, arrays inside a record stay as compact JSON text. Records are parsed one by one
 * into the table, so the document's tree never exists in memory.
 *
 * @throws PorterError `json-syntax` with line and column; `json-no-records` when there is no
 *   array of objects (or `recordPath` names none).
 * @example
 * const { table, meta } = await readJson('{"data":{"items":[{"id":12345678901234567890}]}}', {});
 * meta.recordPath; // 'data.items'
 * table.cell(0, 0); // '12345678901234567890'
 */
export async function readJson(
  text: string,
  opts: JsonReadOptions,
  ctx: ReadContext = {},
): Promise<ReadResult<JsonMeta>> {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    const scanner = new JsonScanner(text, start);
    scanner.skipWs();
    const first = scanner.peek();
    let candidates: Candidate[];
    if (first === 0x5b) {
      // One pass: records are read straight away and the tail is checked after them.
      candidates = [{ path: '', count: 1, offset: scanner.pos }];
    } else if (first === 0x7b) {
      candidates = [];
      findArrays(scanner, '', candidates, 0);
      expectEnd(scanner);
      candidates.sort((a, b) => b.count - a.count);
    } else {
      scanner.skipValue();
      expectEnd(scanner);
      throw new PorterError('json-no-records', { path: '' });
    }
    const chosen =
      opts.recordPath === undefined
        ? candidates[0]
        : candidates.find((c) => c.path === opts.recordPath);
    if (chosen === undefined) {
      throw new PorterError('json-no-records', { path: opts.recordPath ?? '' });
    }
    scanner.pos = chosen.offset;
    const records = await readRecords(scanner, ctx);
    if (first === 0x5b) expectEnd(scanner);
    const { table, issues, issueCounts } = records.finish();
    return {
      table,
      issues,
      issueCounts,
      meta: { recordPath: chosen.path, candidates: candidates.map((c) => c.path) },
    };
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      // Valid JSON nested past the limit is not "invalid": say what the limit is.
      if (err.reason === 'nesting-too-deep') {
        throw new PorterError('json-too-deep', { ...lineColumnAt(text, err.offset), limit: MAX_JSON_DEPTH }, { cause: err });
      }
      throw new PorterError(
        'json-syntax',
        { ...lineColumnAt(text, err.offset), reason: err.reason },
        { cause: err },
      );
    }
    throw err;
  }
}

function expectEnd(scanner: JsonScanner): void {
  scanner.skipWs();
  if (scanner.pos < scanner.end) scanner.fail('unexpected-after-end');
}

/**
 * First pass over an object document: validates it and lists every array of objects reachable
 * through objects (not through arrays: records inside records are fields, not candidates).
 */
function findArrays(scanner: JsonScanner, prefix: string, out: Candidate[], depth: number): void {
  if (depth > MAX_DEPTH) scanner.fail('nesting-too-deep');
  scanner.pos++;
  scanner.skipWs();
  if (scanner.peek() === 0x7d) {
    scanner.pos++;
    return;
  }
  for (;;) {
    if (scanner.peek() !== 0x22) scanner.fail('expected-key');
    const path = prefix + scanner.readString();
    scanner.skipWs();
    scanner.expect(0x3a, 'expected-colon');
    scanner.skipWs();
    const c = scanner.peek();
    if (c === 0x7b) findArrays(scanner, `${path}.`, out, depth + 1);
    else if (c === 0x5b) {
      const offset = scanner.pos;
      const count = countObjects(scanner);
      if (count > 0) out.push({ path, count, offset });
    } else scanner.skipValue();
    scanner.skipWs();
    const sep = scanner.peek();
    if (sep === 0x7d) {
      scanner.pos++;
      return;
    }
    if (sep !== 0x2c) scanner.fail('expected-comma-or-brace');
    scanner.pos++;
    scanner.skipWs();
  }
}

/** Skips an array, returning how many of its elements are objects. */
function countObjects(scanner: JsonScanner): number {
  let count = 0;
  scanner.pos++;
  scanner.skipWs();
  if (scanner.peek() === 0x5d) {
    scanner.pos++;
    return 0;
  }
  for (;;) {
    scanner.skipWs();
    if (scanner.peek() === 0x7b) count++;
    scanner.skipValue();
    scanner.skipWs();
    const sep = scanner.peek();
    if (sep === 0x5d) {
      scanner.pos++;
      return count;
    }
    if (sep !== 0x2c) scanner.fail('expected-comma-or-bracket');
    scanner.pos++;
  }
}

/** Second pass: the chosen array's elements, each object flattened straight into the table. */
async function readRecords(scanner: JsonScanner, ctx: ReadContext): Promise<FlatRecords> {
  const checkpoint = createCheckpoint(ctx.signal);
  const out = new FlatRecords();
  let index = 0;
  const onArray = (column: string): void =>
    out.reportOncePerColumn({
      code: 'nested-array',
      severity: 'warning',
      column,
      row: index,
    });
  let others = 0;
  scanner.pos++;
  scanner.skipWs();
  if (scanner.peek() === 0x5d) {
    scanner.pos++;
    return out;
  }
  for (;;) {
    index++;
    scanner.skipWs();
    const c = scanner.peek();
    if (c === 0x7b) {
      scanner.readObjectInto(out, '', onArray);
      out.commit(index);
    } else {
      const found = describe(c);
      scanner.skipValue();
      others++;
      out.report({ code: 'non-object-record', severity: 'warning', row: index, params: { found } });
    }
    scanner.skipWs();
    const sep = scanner.peek();
    if (sep === 0x5d) {
      scanner.pos++;
      break;
    }
    if (sep !== 0x2c) scanner.fail('expected-comma-or-bracket');
    scanner.pos++;
    if (index % BATCH === 0) {
      ctx.onProgress?.({ done: scanner.pos, total: scanner.end, rows: out.rowCount });
      await checkpoint();
    }
  }
  // An array of numbers or strings is not a table of records: say so instead of showing nothing.
  if (others > 0 && out.rowCount === 0) throw new PorterError('json-no-records', { found: others });
  ctx.onProgress?.({ done: scanner.end, total: scanner.end, rows: out.rowCount });
  return out;
}

function describe(c: number): string {
  if (c === 0x5b) return 'array';
  if (c === 0x22) return 'string';
  if (c === 0x74 || c === 0x66) return 'boolean';
  if (c === 0x6e) return 'null';
  return 'number';
}
