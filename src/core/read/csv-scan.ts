import { CHUNK_ROWS } from '../model/chunk-layout';
import type { CsvBlockSink } from './csv-stream-sink';

/*
 * Why a hand-written scanner and not a library: no library fills our packed table. PapaParse
 * and uDSV (both in the read benches) hand back one JS string per cell and one array per row,
 * and packing those into the table's chunks cost more than the parse itself
 * (docs/architecture.md, "CSV read"). This
 * scanner reports each field as a span of the text it scans, so a field that needs no unquoting
 * costs two integers; the sink lays the spans straight into the table's chunks.
 *
 * It is PapaParse's own `Parser.parse` loop (papaparse 5, quote and escape character the same),
 * transcribed step for step so every dialect, quoting rule and parse error comes out as Papa's
 * (one departure, on purpose: a CR LF line ending in a `\n` file, see `crlfToo`):
 * the same `indexOf` searches for the next delimiter, line break and quote, the same rules for
 * spaces between a closing quote and what follows it, the same 'MissingQuotes' and
 * 'InvalidQuotes' errors at the same offsets. test/unit/csv-scan.property.test.ts proves the
 * whole reader equal to the Papa-based one it replaced (test/support/csv-papa-reference.ts).
 */

/**
 * Cell offsets of a {@link CsvBlockSink} block's columns, all on one buffer (one allocation per
 * block, not two per column: measured): column `c`'s starts at `COLUMN_STRIDE * c`, its ends
 * `CHUNK_ROWS` after. One flat array rather than an object per column, so the scanner writes a
 * cell with two stores.
 */
export const COLUMN_STRIDE = 2 * CHUNK_ROWS;

/** Error kinds, as Papa names them. */
export const MISSING_QUOTES = 0;
export const INVALID_QUOTES = 1;

/**
 * Papa's `extraSpaces`: after a closing quote at `quote`, the length of the run up to `index`
 * when it is all white space (as `String.prototype.trim` sees it), else 0. Most closing quotes
 * are followed straight by a delimiter or a non-space, answered without making a string.
 */
function extraSpaces(input: string, quote: number, index: number): number {
  if (index === -1) return 0;
  const from = quote + 1;
  if (index === from) return 0;
  const c = input.charCodeAt(from);
  // 33–159 holds no character `trim` removes.
  if (c > 32 && c < 160) return 0;
  const between = input.substring(from, index);
  return between !== '' && between.trim() === '' ? between.length : 0;
}

/**
 * Scans the records of `input` into `sink` and returns how many characters they took. Unless
 * `final`, the last record (the one not ended by `newline`, or whose quote is still open) is
 * held back as Papa's `ignoreLastRow` does: its cells and errors are dropped, and the next input
 * must start where it started. `delim`, `newline` and `quote` are Papa's normalised config.
 */
export function scanRecords(
  input: string,
  final: boolean,
  sink: CsvBlockSink,
  delim: string,
  newline: string,
  quote: string,
): number {
  const inputLen = input.length;
  if (inputLen === 0) return 0;
  const delimLen = delim.length;
  const newlineLen = newline.length;
  const qc = quote.charCodeAt(0);
  const dc = delimLen === 1 ? delim.charCodeAt(0) : -1;
  const nc = newlineLen === 1 ? newline.charCodeAt(0) : -1;
  const isDelim = (at: number): boolean => (dc >= 0 ? input.charCodeAt(at) === dc : input.startsWith(delim, at));
  const isNewline = (at: number): boolean => (nc >= 0 ? input.charCodeAt(at) === nc : input.startsWith(newline, at));
  // Where Papa departs from it: with `\n` as the record break, a line may still end in CR LF (a
  // file joined from Windows and Unix parts, or edited in both), and Papa keeps that `\r` at the
  // end of an unquoted last cell, an invisible character a CRM then stores. Here it ends the
  // line with its `\n`, as CSV readers such as Python's do. A quoted last cell needs nothing:
  // Papa already takes white space (`\r` is) between a closing quote and the break as padding.
  const crlfToo = nc === 10;

  let cursor = 0;
  let lastCursor = 0;
  let recStart = 0;
  let quotedFirst = false;
  let nextDelim = input.indexOf(delim, cursor);
  let nextNewline = input.indexOf(newline, cursor);
  // The sink's block, where plain cells are written straight to (sink.cell, inlined below); it
  // changes only when a record is committed.
  let offsets = sink.offsets;
  let row = sink.blockRows;
  let width = sink.blockWidth;
  let shift = sink.shift;

  scan: for (;;) {
    // Field has an opening quote.
    if (input.charCodeAt(cursor) === qc) {
      if (cursor === recStart) quotedFirst = true;
      let quoteSearch = cursor;
      cursor++;
      // A quote was found inside the field (escaped, or stray): its value needs unquoting.
      let inner = false;
      for (;;) {
        quoteSearch = input.indexOf(quote, quoteSearch + 1);
        if (quoteSearch === -1) {
          // No closing quote: the rest of the input is the field.
          if (!final) break scan;
          sink.error(MISSING_QUOTES, cursor);
          sink.cell(cursor, inputLen);
          sink.commit(recStart, inputLen, input.charCodeAt(inputLen - 1) === qc);
          return inputLen;
        }
        if (quoteSearch === inputLen - 1) {
          // Closing quote at the end of the input.
          if (!final) break scan;
          pushQuoted(sink, input, cursor, quoteSearch, inner, quote);
          sink.commit(recStart, inputLen, true);
          return inputLen;
        }
        if (input.charCodeAt(quoteSearch + 1) === qc) {
          // An escaped quote: part of the data.
          quoteSearch++;
          inner = true;
          continue;
        }
        if (nextDelim !== -1 && nextDelim < quoteSearch + 1) nextDelim = input.indexOf(delim, quoteSearch + 1);
        if (nextNewline !== -1 && nextNewline < quoteSearch + 1) {
          // Record breaks inside the quotes, counted for the input's lines (csv-stream.ts) while
          // the next one past this quote is searched: the first one found is Papa's answer.
          let inside = 0;
          do {
            inside++;
            nextNewline = input.indexOf(newline, nextNewline + newlineLen);
          } while (nextNewline !== -1 && nextNewline < quoteSearch + 1);
          sink.recordBreaks += inside;
        }
        const checkUpTo = nextNewline === -1 ? nextDelim : Math.min(nextDelim, nextNewline);
        const spacesToDelim = extraSpaces(input, quoteSearch, checkUpTo);
        if (isDelim(quoteSearch + 1 + spacesToDelim)) {
          pushQuoted(sink, input, cursor, quoteSearch, inner, quote);
          cursor = quoteSearch + 1 + spacesToDelim + delimLen;
          if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(delim, cursor);
          if (nextNewline !== -1 && nextNewline < cursor) nextNewline = input.indexOf(newline, cursor);
          break;
        }
        const spacesToNewline = extraSpaces(input, quoteSearch, nextNewline);
        if (isNewline(quoteSearch + 1 + spacesToNewline)) {
          pushQuoted(sink, input, cursor, quoteSearch, inner, quote);
          cursor = quoteSearch + 1 + spacesToNewline + newlineLen;
          sink.commit(recStart, cursor, quotedFirst);
          offsets = sink.offsets;
          row = sink.blockRows;
          width = sink.blockWidth;
          shift = sink.shift;
          lastCursor = recStart = cursor;
          quotedFirst = false;
          nextNewline = input.indexOf(newline, cursor);
          if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(delim, cursor);
          break;
        }
        // Not a valid closing quote: a stray one, kept in the field.
        sink.error(INVALID_QUOTES, cursor);
        inner = true;
        quoteSearch++;
      }
      continue;
    }

    // The next delimiter comes before the next line break: end of field.
    if (nextDelim !== -1 && (nextDelim < nextNewline || nextNewline === -1)) {
      // sink.cell(cursor, nextDelim), inlined: the hottest line of the read, and a call per
      // cell costs most before the JIT has optimised this loop (a 100k-row file, a cold worker).
      const k = sink.cells;
      if (k < width) {
        const at = k * COLUMN_STRIDE + row;
        offsets[at] = cursor + shift;
        offsets[at + CHUNK_ROWS] = nextDelim + shift;
        sink.cells = k + 1;
      } else sink.cell(cursor, nextDelim);
      cursor = nextDelim + delimLen;
      nextDelim = input.indexOf(delim, cursor);
      continue;
    }

    // End of record.
    if (nextNewline !== -1) {
      // A `\r` just before a `\n` record break is the rest of a CR LF line ending (see
      // crlfToo), not a character of the record's last cell.
      const end = crlfToo && nextNewline > cursor && input.charCodeAt(nextNewline - 1) === 13 ? nextNewline - 1 : nextNewline;
      const k = sink.cells;
      if (k < width) {
        const at = k * COLUMN_STRIDE + row;
        offsets[at] = cursor + shift;
        offsets[at + CHUNK_ROWS] = end + shift;
        sink.cells = k + 1;
      } else sink.cell(cursor, end);
      cursor = nextNewline + newlineLen;
      sink.commit(recStart, cursor, quotedFirst);
      offsets = sink.offsets;
      row = sink.blockRows;
      width = sink.blockWidth;
      shift = sink.shift;
      lastCursor = recStart = cursor;
      quotedFirst = false;
      nextNewline = input.indexOf(newline, cursor);
      continue;
    }

    // The last record: the rest of the input.
    if (!final) break scan;
    sink.cell(cursor, inputLen);
    sink.commit(recStart, inputLen, input.charCodeAt(inputLen - 1) === qc);
    return inputLen;
  }
  sink.drop();
  return lastCursor;
}

/** A quoted field's value: its span when it holds no quote, else the unquoted string. */
function pushQuoted(sink: CsvBlockSink, input: string, from: number, to: number, inner: boolean, quote: string): void {
  if (!inner) sink.cell(from, to);
  else sink.text(input.substring(from, to).replaceAll(quote + quote, quote));
}
