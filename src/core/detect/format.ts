import { lineLayoutOf } from '../read/ndjson-read';
import type { Guess, SourceFormat } from '../read/read-types';

/** What the bytes look like: a readable format, or old binary Excel, which we refuse clearly. */
export type FormatGuess = SourceFormat | 'xls';

const EXTENSIONS: Readonly<Record<string, FormatGuess>> = {
  csv: 'csv',
  tsv: 'csv',
  tab: 'csv',
  txt: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xml: 'xml',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xls: 'xls',
};

/**
 * Guesses the format from the first bytes (magic numbers first, then the first non-blank
 * character), with the file name's extension as a tie-breaker and fallback.
 *
 * @example
 * detectFormat(new TextEncoder().encode('[{"a":1}]'), 'x.txt').value; // 'json'
 */
export function detectFormat(head: Uint8Array, fileName: string): Guess<FormatGuess> {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const byExt = EXTENSIONS[ext];
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return { value: 'xlsx', confidence: 1, reason: 'zip-signature' };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return { value: 'xls', confidence: 1, reason: 'ole-signature' };
  }
  const first = firstSignificantChar(head);
  if (first === '<') return { value: 'xml', confidence: 0.95, reason: 'starts-with-angle' };
  if (first === '[') {
    // A line of names, then an array a line: the rows layout of a snapshot (History's download)
    // or "CSV-like" JSON Lines. A JSON document on one line is one line, never a header and rows.
    return looksLikeRows(head, byExt === 'ndjson')
      ? { value: 'ndjson', confidence: 0.9, reason: 'names-then-rows' }
      : { value: 'json', confidence: 0.9, reason: 'starts-with-bracket' };
  }
  if (first === '{') {
    const ndjson = byExt === 'ndjson' || looksLineDelimited(head);
    return ndjson
      ? { value: 'ndjson', confidence: 0.9, reason: 'one-object-per-line' }
      : { value: 'json', confidence: 0.9, reason: 'starts-with-brace' };
  }
  if (byExt === 'csv') return { value: 'csv', confidence: 0.9, reason: 'extension', params: { ext } };
  return { value: 'csv', confidence: 0.6, reason: 'plain-text' };
}

/** The first character that is not whitespace or a BOM, for UTF-8, UTF-16 and 8-bit files. */
function firstSignificantChar(head: Uint8Array): string {
  for (let i = 0; i < Math.min(head.length, 4096); i++) {
    const b = head[i] as number;
    // Skip BOM bytes, whitespace and the zero bytes of UTF-16.
    if (b === 0 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    if (b === 0xef || b === 0xbb || b === 0xbf || b === 0xfe || b === 0xff) continue;
    return String.fromCharCode(b);
  }
  return '';
}

/** True when the first two non-empty lines both start with `{` and end with `}`. */
function looksLineDelimited(head: Uint8Array): boolean {
  const text = new TextDecoder(bomEncoding(head)).decode(head.subarray(0, 65536));
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length < 2) return false;
  return lines.slice(0, 2).every((l) => l.startsWith('{') && l.endsWith('}'));
}

/**
 * True when the first line is a JSON array of distinct strings (`lineLayoutOf`) and the next
 * non-blank line is an array too; with an NDJSON extension, the line of names alone will do (a
 * snapshot with no records).
 */
function looksLikeRows(head: Uint8Array, ndjsonName: boolean): boolean {
  const text = new TextDecoder(bomEncoding(head)).decode(head.subarray(0, 65536));
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const [names, next] = lines;
  if (names === undefined || lineLayoutOf(names) !== 'rows') return false;
  if (next === undefined) return ndjsonName && lines.length === 1 && /\r?\n\s*$/.test(text);
  return next.startsWith('[') && (next.endsWith(']') || lines.length === 2);
}

/** UTF-16 with a BOM must be decoded as such to see its lines; anything else reads as UTF-8. */
function bomEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
