import type { CsvDialect } from '../detect/dialect';
import type { Table, TextNarrow } from '../model/table';
import { countBreaksFast, offsetAfterLinesIn } from './csv-lines';
import { scanRecords } from './csv-scan';
import { CsvBlockSink, type CsvMeta, type CsvTailRows } from './csv-stream-sink';
import type { ReadResult } from './read-types';
import { NarrowRest } from './utf8-narrow';

/**
 * Where the next input ends when the last one ended at `end` and was consumed up to `pos`:
 * one `step` further, or, while one record outgrows the inputs (an unclosed quote swallows
 * the rest of the file), twice as far as the unconsumed part, so re-parsing it stays linear
 * in the file's size instead of quadratic.
 */
export function nextEnd(pos: number, end: number, step: number, length: number): number {
  return Math.min(Math.max(end + step, pos + 2 * (end - pos)), length);
}

/** Delimiters PapaParse refuses (it falls back to a comma); the scanner keeps its rules. */
const BAD_DELIMITERS = ['\r', '\n', '"', '\uFEFF', ''];

/**
 * Parses CSV text that arrives in pieces with the hand-written scanner (csv-scan.ts): each
 * piece is parsed together with the unfinished record left over from the one before, holding
 * back the last record until the end. Records go straight into the table's chunks
 * ({@link CsvBlockSink}), so the parsed text is held one piece at a time.
 *
 * The caller owns the leftover: {@link push} says how much of its input was consumed, and the
 * next input must start there. Results do not depend on where the pieces are cut.
 *
 * @example
 * const stream = new CsvStream(dialect);
 * let rest = '';
 * for (const piece of pieces) {
 *   const input = rest + piece;
 *   rest = input.slice(stream.push(input, false));
 * }
 * stream.push(rest, true);
 * const { table } = stream.finish();
 */
export class CsvStream {
  private readonly sink: CsvBlockSink;
  private readonly delimiter: string;
  private readonly newline: string;
  private readonly quote: string;
  /** Title lines are still to be skipped. */
  private skipping: boolean;
  /** Body characters consumed so far. */
  private consumed = 0;
  /** Line (1-based, within the body) where the next input starts. */
  private line = 1;
  /** The consumed text ended with `\r`: a `\n` starting the next input is the same break. */
  private endedWithCr = false;

  /** `oneByte`: as {@link CsvBlockSink}'s (csv-read.ts, ONE_BYTE_FROM). */
  constructor(
    private readonly dialect: CsvDialect,
    oneByte = true,
  ) {
    // PapaParse's normalisation of the same settings, so a dialect reads as it always did.
    const d = dialect.delimiter;
    this.delimiter = typeof d === 'string' && !BAD_DELIMITERS.includes(d) ? d : ',';
    // CR LF is read as LF with the CR taken into the line ending (csv-scan.ts, crlfToo): every
    // record of a CR LF file ends where it did, and lines that end in LF alone further in (a file
    // joined from a Windows and a Unix part, past the 64 KiB detection sampled) still end
    // records, where splitting on CR LF alone made one record of all of them. An unquoted LF
    // inside a CR LF file's field ends its record too, as CSV readers such as Python's read it.
    const nl: string = dialect.newline;
    this.newline = nl === '\r' ? nl : '\n';
    this.quote = (dialect.quoteChar as string | undefined) ?? '"';
    this.sink = new CsvBlockSink(dialect, oneByte);
    this.skipping = dialect.skipLines > 0;
  }

  /**
   * A stream that reads a file's tail: from a record start (not the file's start) to its end,
   * after another stream read the records before it ({@link tailStart} gives `columns` and
   * `expected`). No title line is skipped and no record is a header; rows, records and lines
   * count from the tail's start ({@link finishTail}, then {@link adoptTail} on the other stream).
   */
  static tail(dialect: CsvDialect, columns: readonly string[], expected: number): CsvStream {
    const stream = new CsvStream(dialect);
    stream.skipping = false;
    // Text came before: a final input that is empty is the end of a text ending in a line break.
    stream.consumed = 1;
    stream.sink.startTail(columns, expected);
    return stream;
  }

  /** What a tail stream needs from this one ({@link tail}), once the first record is read; else null. */
  tailStart(): { readonly columns: readonly string[]; readonly expected: number } | null {
    return this.skipping ? null : this.sink.tailStart();
  }

  /** A tail stream's rows, after its final input. */
  finishTail(): CsvTailRows {
    return this.sink.finishTail();
  }

  /**
   * Appends the rows a tail stream read from exactly where this stream's input ended (every
   * input so far consumed whole, with none final), as if read here.
   */
  adoptTail(tail: CsvTailRows): void {
    this.sink.adoptTail(tail, this.line);
  }

  /** Data rows packed so far (since the last drain). */
  get rowCount(): number {
    return this.sink.rowCount;
  }

  /**
   * Parses the complete records at the start of `input` (all of it when `final`) and returns
   * how many characters they took; the rest must start the next input. `narrow`: the input's
   * narrow form, when the reader has one (core/read/utf8-narrow.ts).
   */
  push(input: string, final: boolean, narrow?: TextNarrow): number {
    let skip = 0;
    if (this.skipping) {
      skip = offsetAfterLinesIn(input, this.dialect.skipLines, final);
      if (skip < 0) return 0;
      this.skipping = false;
    }
    const body = skip > 0 ? input.slice(skip) : input;
    const firstLine = this.endedWithCr && body.charCodeAt(0) === 10 ? this.line - 1 : this.line;
    const sink = this.sink;
    // Title lines skipped: the form no longer lines up with the body (one input of a file).
    sink.begin(body, firstLine, skip > 0 ? undefined : narrow);
    const records = sink.recordCount;
    sink.quotedBreaks = 0;
    let cursor: number;
    if (final && body === '') {
      // Parsed whole, text ending in a line break gives one last empty record; keep it so
      // the record and blank-line counts do not depend on where the text was cut.
      if (this.consumed > 0) {
        sink.cell(0, 0);
        sink.commit(0, 0, false);
      }
      cursor = 0;
    } else {
      cursor = scanRecords(body, final, sink, this.delimiter, this.newline, this.quote);
      // The record held back for the next input (scanRecords).
      if (!final) sink.drop();
    }
    sink.end();
    if (cursor > 0) {
      // After the final input no line is asked for.
      if (!final) this.line = firstLine + this.breaks(body, cursor, sink.recordCount - records);
      this.endedWithCr = body.charCodeAt(cursor - 1) === 13;
      this.consumed += cursor;
    }
    return skip + cursor;
  }

  /**
   * Line breaks in `body` up to `cursor`, where the scanner ended `records` records. With `\n`
   * as the record break and no `\r` in that text, each record ended at one `\n` and the only
   * other `\n`s are inside quoted fields (an unquoted field ends at one), which the scanner
   * counted as it passed them: the text need not be searched for every break again.
   */
  private breaks(body: string, cursor: number, records: number): number {
    if (this.newline === '\n') {
      // A forward search (V8 looks for one character with memchr): ~15× faster than lastIndexOf's
      // loop on 4 Mi characters of two-byte text (measured in Node). A
      // `\r` past `cursor` is in the record held back for the next input.
      const cr = body.indexOf('\r');
      if (cr === -1 || cr >= cursor) return records + this.sink.quotedBreaks;
    }
    return countBreaksFast(body, 0, cursor);
  }

  /** The rows parsed since the last drain (see {@link CsvBlockSink.drain}). */
  drain(): Table | null {
    return this.sink.drain();
  }

  /** The table and what was learned; throws PorterError('csv-no-rows') when there is none. */
  finish(): ReadResult<CsvMeta> {
    return this.sink.finish();
  }
}

/** A piece of decoded text, and whether it is the last of its input. */
export interface DecodedPiece {
  readonly text: string;
  readonly last: boolean;
  /** The text's narrow form (`SliceDecoder.narrow`), valid until the next piece is asked for. */
  readonly narrow?: TextNarrow | undefined;
}

/**
 * Feeds `stream` the pieces `next` decodes until the last one, each with the unfinished record
 * left from the one before (starting from `rest`), and returns what is left unconsumed after the
 * last: '' when its records all ended. The last piece is the stream's final input only when
 * `endsText` (else the text goes on, read elsewhere). A record longer than a piece (an unclosed
 * quote) is parsed again only once its text has doubled, so re-parsing stays linear (see
 * {@link nextEnd}). `step` runs after each piece but the last (progress, a checkpoint).
 */
export async function feedPieces(
  stream: CsvStream,
  next: () => Promise<DecodedPiece>,
  endsText: boolean,
  step: () => Promise<void>,
  rest = '',
): Promise<string> {
  // The narrow form of `rest`, kept past the next piece (whose decoder writes its buffers again).
  const narrowRest = new NarrowRest();
  for (;;) {
    const { text: piece, last, narrow } = await next();
    const final = last && endsText;
    // `rest + piece` is flattened by the scanner's first search; the table's blocks keep slices
    // of that flat string (csv-stream-sink.ts), `rest` only until the next step.
    const input = rest === '' ? piece : rest + piece;
    const form = narrowRest.join(rest, narrow);
    let used = 0;
    if (final || input.length >= 2 * rest.length) used = stream.push(input, final, form);
    rest = used === 0 ? input : input.slice(used);
    if (last) return rest;
    narrowRest.keep(form, used, rest.length);
    await step();
  }
}
