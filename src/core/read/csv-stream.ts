import Papa from 'papaparse';
import type { CsvDialect } from '../detect/dialect';
import { countBreaksFast, offsetAfterLinesIn } from './csv-lines';
import { CsvRowSink, type CsvMeta } from './csv-stream-sink';
import type { ReadResult } from './read-types';
import type { Table } from '../model/table';

/**
 * Characters handed to Papa at once (see {@link CsvStream.push}). Measured on 1M rows in Node:
 * 256 Ki beat 64 Ki (call overhead) and 1–4 Mi (rows promoted to the old generation).
 */
const PARSE_WINDOW = 1 << 18;

/**
 * Where the next input ends when the last one ended at `end` and was consumed up to `pos`:
 * one `step` further, or, while one record outgrows the inputs (an unclosed quote swallows
 * the rest of the file), twice as far as the unconsumed part, so re-parsing it stays linear
 * in the file's size instead of quadratic.
 */
export function nextEnd(pos: number, end: number, step: number, length: number): number {
  return Math.min(Math.max(end + step, pos + 2 * (end - pos)), length);
}

/**
 * Parses CSV text that arrives in pieces, with PapaParse's core parser, the way Papa's own
 * ChunkStreamer does: each piece is parsed together with the unfinished record left over from
 * the one before, holding back the last record until the end. Rows go straight into a
 * {@link CsvRowSink}, so the parsed text is held one piece at a time.
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
  private readonly parser: Papa.Parser;
  private readonly sink: CsvRowSink;
  /** Title lines are still to be skipped. */
  private skipping: boolean;
  /** Body characters consumed so far. */
  private consumed = 0;
  /** Line (1-based, within the body) where the next input starts. */
  private line = 1;
  /** The consumed text ended with `\r`: a `\n` starting the next input is the same break. */
  private endedWithCr = false;

  constructor(private readonly dialect: CsvDialect) {
    this.parser = new Papa.Parser({
      delimiter: dialect.delimiter,
      quoteChar: dialect.quoteChar,
      escapeChar: dialect.quoteChar,
      newline: dialect.newline,
    });
    this.sink = new CsvRowSink(dialect);
    this.skipping = dialect.skipLines > 0;
  }

  /** Data rows packed so far. */
  get rowCount(): number {
    return this.sink.rowCount;
  }

  /**
   * Parses the complete records at the start of `input` (all of it when `final`) and returns
   * how many characters they took; the rest must start the next input.
   */
  push(input: string, final: boolean): number {
    // Papa's rows for a window die young; for a whole slice they would outlive a scavenge and
    // be copied into the old generation first (measured: GC was half the time).
    let pos = 0;
    for (let end = 0; ; ) {
      end = nextEnd(pos, end, PARSE_WINDOW, input.length);
      const last = end === input.length;
      pos += this.pushWindow(pos === 0 && last ? input : input.slice(pos, end), final && last);
      if (last) return pos;
    }
  }

  private pushWindow(input: string, final: boolean): number {
    let skip = 0;
    if (this.skipping) {
      skip = offsetAfterLinesIn(input, this.dialect.skipLines, final);
      if (skip < 0) return 0;
      this.skipping = false;
    }
    const body = skip > 0 ? input.slice(skip) : input;
    if (final && body === '' && this.consumed > 0) {
      // Parsed whole, text ending in a line break gives one last empty record; keep it so
      // the record and blank-line counts do not depend on where the text was cut.
      this.addChunk({ text: '', rows: [['']], errors: [], final, firstLine: this.firstLine('') });
      return skip;
    }
    const result = this.parser.parse(body, 0, !final) as Papa.ParseResult<string[]>;
    const cursor = final ? body.length : result.meta.cursor;
    const rows = result.data;
    // Held back, the unfinished last record may have reported a quote error Papa will find
    // again (or not) once the record is complete: only errors of consumed records count.
    const errors = final ? result.errors : result.errors.filter((e) => (e.row ?? 0) < rows.length);
    const firstLine = this.firstLine(body);
    this.addChunk({ text: body, rows, errors, final, firstLine });
    if (cursor > 0) {
      this.line = firstLine + countBreaksFast(body, 0, cursor);
      this.endedWithCr = body.charCodeAt(cursor - 1) === 13;
      this.consumed += cursor;
    }
    return skip + cursor;
  }

  /** The rows parsed since the last drain (see {@link CsvRowSink.drain}). */
  drain(): Table | null {
    return this.sink.drain();
  }

  /** The table and what was learned; throws PorterError('csv-no-rows') when there is none. */
  finish(): ReadResult<CsvMeta> {
    return this.sink.finish();
  }

  private firstLine(body: string): number {
    return this.endedWithCr && body.charCodeAt(0) === 10 ? this.line - 1 : this.line;
  }

  private addChunk(chunk: Parameters<CsvRowSink['addChunk']>[0]): void {
    if (chunk.rows.length > 0 || chunk.errors.length > 0) this.sink.addChunk(chunk);
  }
}
