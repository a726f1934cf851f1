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
 * held back as Papa's `ignoreLastRow` does: the caller drops its cells and errors
 * (`sink.drop()`), and the next input must start where it started. `delim`, `newline` and `quote` are Papa's normalised config.
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
  // The sink's block, where plain cells are written straight to (sink.cell, inlined below), and
  // the record's cell count (`sink.cells`, handed over around each sink call): they change only
  // when a record is committed. A record that needs more than a block row's cells and its start
  // is marked `special` (an unquoted value, a quote error) and committed by the sink; any other
  // with `plain` cells (sink.plainCells) that ends before the next NUL and leaves room in the
  // block is packed right here (its source row, start and counts).
  //
  // Why locals and an inlined row: a 100k-row file is three calls of this loop, and V8 tiers it
  // up while it runs (unoptimised, then Maglev after a compile on another thread, TurboFan
  // rarely in time; and again from scratch after a full GC, which drops the optimised code).
  // In the first tiers every property access of `sink` and every call is paid in full: a
  // `sink.cells` load and store per cell and a `commit` call per row. With these and the
  // deoptimisations noted below gone, `readCsv` of 100k contacts in Chromium took a median
  // 51.7 ms against 60.9 (`readCsvBlob` 82.5 against 94.1; the two versions alternated in one
  // page, 21 rounds, a full GC before each read as in bench/browser, load 3.6-4.8).
  let offsets = sink.offsets;
  let row = sink.blockRows;
  let width = sink.blockWidth;
  let shift = sink.shift;
  let cells = sink.cells;
  let plain = sink.plainCells;
  let nul = sink.nextNul;
  let records = sink.records;
  const sourceRows = sink.sourceRows;
  const rowStarts = sink.rowStarts;
  const firstSourceRow = sink.firstSourceRow;
  let special = false;
  // Record breaks inside the record's quoted fields (sink.recordBreaks, handed over with it).
  let breaks = 0;

  scan: for (;;) {
    // Field has an opening quote.
    // `cursor < inputLen`: past the end charCodeAt is NaN, no quote, as without the test; but
    // there the optimised loop gives its code up (an index out of bounds), at the end of each input.
    if (cursor < inputLen && input.charCodeAt(cursor) === qc) {
      if (cursor === recStart) quotedFirst = true;
      let quoteSearch = cursor;
      cursor++;
      // A quote was found inside the field (escaped, or stray): its value needs unquoting.
      let inner = false;
      let ended = false;
      for (;;) {
        quoteSearch = input.indexOf(quote, quoteSearch + 1);
        if (quoteSearch === -1) {
          // No closing quote: the rest of the input is the field.
          if (!final) break scan;
          sink.cells = cells;
          sink.recordBreaks = breaks;
          sink.error(MISSING_QUOTES, cursor);
          sink.cell(cursor, inputLen);
          sink.commit(recStart, inputLen, input.charCodeAt(inputLen - 1) === qc);
          return inputLen;
        }
        if (quoteSearch === inputLen - 1) {
          // Closing quote at the end of the input.
          if (!final) break scan;
          sink.cells = cells;
          sink.recordBreaks = breaks;
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
          breaks += inside;
        }
        const checkUpTo = nextNewline === -1 ? nextDelim : Math.min(nextDelim, nextNewline);
        const spacesToDelim = extraSpaces(input, quoteSearch, checkUpTo);
        if (startsAt(input, quoteSearch + 1 + spacesToDelim, dc, delim)) {
          cells = quotedCell(sink, input, cursor, quoteSearch, inner, quote, cells, width, row, offsets);
          if (inner) special = true;
          cursor = quoteSearch + 1 + spacesToDelim + delimLen;
          if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(delim, cursor);
          if (nextNewline !== -1 && nextNewline < cursor) nextNewline = input.indexOf(newline, cursor);
          break;
        }
        const spacesToNewline = extraSpaces(input, quoteSearch, nextNewline);
        if (startsAt(input, quoteSearch + 1 + spacesToNewline, nc, newline)) {
          cells = quotedCell(sink, input, cursor, quoteSearch, inner, quote, cells, width, row, offsets);
          if (inner) special = true;
          cursor = quoteSearch + 1 + spacesToNewline + newlineLen;
          if (nextDelim !== -1 && nextDelim < cursor) nextDelim = input.indexOf(delim, cursor);
          ended = true;
          break;
        }
        // Not a valid closing quote: a stray one, kept in the field.
        sink.error(INVALID_QUOTES, cursor);
        special = true;
        inner = true;
        quoteSearch++;
      }
      if (!ended) continue;
    } else if (nextDelim !== -1 && (nextDelim < nextNewline || nextNewline === -1)) {
      // The next delimiter comes before the next line break: end of field.
      // sink.cell(cursor, nextDelim), inlined: the hottest line of the read, and a call per
      // cell costs most before the JIT has optimised this loop (a 100k-row file, a cold worker).
      if (cells < width) {
        const at = cells * COLUMN_STRIDE + row;
        offsets[at] = cursor + shift;
        offsets[at + CHUNK_ROWS] = nextDelim + shift;
        cells++;
      } else cells = sinkCell(sink, cells, cursor, nextDelim);
      cursor = nextDelim + delimLen;
      nextDelim = input.indexOf(delim, cursor);
      continue;
    } else if (nextNewline !== -1) {
      // End of record.
      // A `\r` just before a `\n` record break is the rest of a CR LF line ending (see
      // crlfToo), not a character of the record's last cell.
      const end = crlfToo && nextNewline > cursor && input.charCodeAt(nextNewline - 1) === 13 ? nextNewline - 1 : nextNewline;
      if (cells < width) {
        const at = cells * COLUMN_STRIDE + row;
        offsets[at] = cursor + shift;
        offsets[at + CHUNK_ROWS] = end + shift;
        cells++;
      } else cells = sinkCell(sink, cells, cursor, end);
      cursor = nextNewline + newlineLen;
    } else {
      // The last record: the rest of the input.
      if (!final) break scan;
      sink.cells = cells;
      sink.recordBreaks = breaks;
      sink.cell(cursor, inputLen);
      sink.commit(recStart, inputLen, input.charCodeAt(inputLen - 1) === qc);
      return inputLen;
    }

    // A record ended at `cursor` (past its line break).
    if (cells === plain && !special && cursor <= nul && row < CHUNK_ROWS - 1) {
      // A plain row (see above): what sink.commit would do for it.
      sourceRows[row] = firstSourceRow + records;
      rowStarts[row] = recStart + shift;
      sink.records = ++records;
      sink.blockRows = ++row;
      sink.segmentEnd = cursor;
      if (breaks > 0) sink.quotedBreaks += breaks;
    } else {
      sink.cells = cells;
      sink.recordBreaks = breaks;
      sink.commit(recStart, cursor, quotedFirst);
      offsets = sink.offsets;
      row = sink.blockRows;
      width = sink.blockWidth;
      shift = sink.shift;
      plain = sink.plainCells;
      nul = sink.nextNul;
      records = sink.records;
      special = false;
    }
    cells = 0;
    breaks = 0;
    lastCursor = recStart = cursor;
    quotedFirst = false;
    nextNewline = input.indexOf(newline, cursor);
  }
  // The held-back record is dropped by the caller (sink.drop): a call made here only at the end
  // of an input has no type feedback when the loop is optimised, and V8 gave the optimised loop
  // up there, so that the next input's scan started again in the unoptimised tiers.
  return lastCursor;
}

/**
 * `text` (of one character, `code`, or else -1) starts at `at` in `input`. A function, not a
 * closure made per call: optimised code bound to one call's closures gives itself up at the next.
 */
function startsAt(input: string, at: number, code: number, text: string): boolean {
  return code >= 0 ? input.charCodeAt(at) === code : input.startsWith(text, at);
}

/** sink.cell for a cell past the block's width: returns the record's cell count after it. */
function sinkCell(sink: CsvBlockSink, cells: number, start: number, end: number): number {
  sink.cells = cells;
  sink.cell(start, end);
  return sink.cells;
}

/**
 * A quoted field's value into the block (as the scanner writes a plain cell) when it holds no
 * quote and the block has room for it, else through {@link pushQuoted}; returns the record's
 * cell count after it.
 */
function quotedCell(
  sink: CsvBlockSink,
  input: string,
  from: number,
  to: number,
  inner: boolean,
  quote: string,
  cells: number,
  width: number,
  row: number,
  offsets: Uint32Array,
): number {
  if (!inner && cells < width) {
    const at = cells * COLUMN_STRIDE + row;
    const shift = sink.shift;
    offsets[at] = from + shift;
    offsets[at + CHUNK_ROWS] = to + shift;
    return cells + 1;
  }
  sink.cells = cells;
  pushQuoted(sink, input, from, to, inner, quote);
  return sink.cells;
}

/** A quoted field's value: its span when it holds no quote, else the unquoted string. */
function pushQuoted(sink: CsvBlockSink, input: string, from: number, to: number, inner: boolean, quote: string): void {
  if (!inner) sink.cell(from, to);
  else sink.text(input.substring(from, to).replaceAll(quote + quote, quote));
}
