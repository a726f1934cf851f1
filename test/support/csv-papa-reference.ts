/**
 * The CSV reader as it was before the hand-written scanner (src/core/read/csv-scan.ts): PapaParse's
 * parser fed in windows, its rows packed by a row sink. Kept here, unchanged in behaviour, as the
 * reference the scanner is differential-tested against (test/unit/csv-scan.property.test.ts).
 */
import Papa from 'papaparse';
import type { CsvDialect } from '../../src/core/detect/dialect';
import type { ParseIssue, ParseIssueCode } from '../../src/core/model/issue';
import { PorterError } from '../../src/core/model/porter-error';
import { TableBuilder, type Table } from '../../src/core/model/table';
import { ChunkLineLocator, countBreaksFast, offsetAfterLinesIn } from '../../src/core/read/csv-lines';
import type { CsvMeta } from '../../src/core/read/csv-stream-sink';
import { makeUniqueHeaders } from '../../src/core/read/headers';
import { MAX_COLUMNS } from '../../src/core/read/read-limits';
import type { ReadResult } from '../../src/core/read/read-types';

/**
 * Occurrences of `newline` (the dialect's record separator) inside one parsed record's cells:
 * the quoted ones Papa did not split on. With the separator after the record, that is how many
 * separators to step over in the raw text to reach the next record. Cheap for plain cells.
 */
export function separatorsInRow(row: readonly string[], newline: string): number {
  let n = 1;
  for (const cell of row) {
    for (let i = cell.indexOf(newline); i !== -1; i = cell.indexOf(newline, i + newline.length)) n++;
  }
  return n;
}

/** Issues kept per code; the rest are counted in `meta.suppressedIssues`. */
const MAX_ISSUES_PER_CODE = 1000;

/** One parsed chunk of the body: its text and what Papa made of the records it consumed. */
interface CsvChunk {
  /** The text Papa parsed; its records start at offset 0. */
  readonly text: string;
  readonly rows: readonly string[][];
  readonly errors: readonly Papa.ParseError[];
  /** Whether this is the end of the file (the last record ends where `text` does). */
  readonly final: boolean;
  /** 1-based physical line (within the body) where `text` starts. */
  readonly firstLine: number;
}

/**
 * The cell of a one-cell record that may be a blank line: empty, or only line breaks (a stray
 * `\r` in a `\n` file). Whether it is one is decided on the raw text ({@link CsvRowSink}),
 * because Papa gives the same cell for `""` and for nothing at all.
 */
const mayBeBlank = (cell: string): boolean =>
  cell === '' ||
  ((cell.charCodeAt(0) === 10 || cell.charCodeAt(0) === 13) && /^[\r\n]+$/.test(cell));

/**
 * Receives Papa's rows chunk by chunk and packs them into a table at once. It only ever looks
 * at the current chunk's text, so the file's text never has to exist as a whole.
 */
class CsvRowSink {
  private builder: TableBuilder | null = null;
  private readonly issues: ParseIssue[] = [];
  private readonly issueCounts = new Map<ParseIssueCode, number>();
  private suppressed = 0;
  private readonly addedColumns: string[] = [];
  private readonly names = new Set<string>();
  /** Records seen before the current chunk (blank lines and header included). */
  private records = 0;
  private blankLines = 0;
  private headerRow: number | null = null;
  private expected = 0;
  private chunk: CsvChunk | null = null;
  private locator: ChunkLineLocator | null = null;
  /** Walk state for raw offsets inside the current chunk: record index and where it starts. */
  private offsetIndex = 0;
  private offsetAt = 0;

  /** `newline`: the record break read with (a CR LF file is read at LF, csv-stream.ts). */
  constructor(
    private readonly dialect: CsvDialect,
    private readonly newline: string = dialect.newline,
  ) {}

  get rowCount(): number {
    return this.builder?.rowCount ?? 0;
  }

  addChunk(chunk: CsvChunk): void {
    const { rows } = chunk;
    this.chunk = chunk;
    this.locator = null;
    this.offsetIndex = 0;
    this.offsetAt = 0;
    const skipped = this.dialect.skipLines;
    const base = this.records;
    for (let i = 0; i < rows.length; i++) {
      const row = this.withoutLineEndCr(rows[i] as string[], i);
      const sourceRow = skipped + base + i + 1;
      this.nulCharacters(row, i, sourceRow);
      if (row.length === 1 && mayBeBlank(row[0] as string) && this.isBlankLine(i)) {
        this.blankLines++;
        continue;
      }
      const builder = this.builder ?? this.start(row, sourceRow);
      if (builder === null) continue;
      if (row.length !== this.expected) this.ragged(row, i, sourceRow, builder);
      builder.appendRow(row, sourceRow);
    }
    for (const err of chunk.errors) this.quoteIssue(err, base);
    this.records += rows.length;
    this.chunk = null;
  }

  /**
   * Whether record `index` of the current chunk, whose one cell is empty or only line breaks,
   * is a blank line rather than a quoted field (`""`, `"\n"`): it is quoted when its raw text
   * starts with the quote character. Only such records get here, so plain rows cost nothing.
   */
  private isBlankLine(index: number): boolean {
    const { text, rows, final } = this.current();
    if (index === rows.length - 1 && final) {
      // The file's last record ends where the text does, so look back from there instead of
      // walking the chunk (a trailing line break makes this the common case). Papa allows no
      // spaces after a closing quote at the very end, so a quoted one ends with the quote.
      return text.charAt(text.length - 1) !== this.dialect.quoteChar;
    }
    return text.charAt(this.recordStart(index)) !== this.dialect.quoteChar;
  }

  /**
   * Papa keeps the `\r` of a CR LF line ending in a `\n` file at the end of an unquoted last
   * cell; the reader leaves it out (core/read/csv-scan.ts, `crlfToo`), and so does this. The
   * cell is unquoted when the raw text before the record's break ends with exactly its value,
   * starting after a delimiter or at the record's start and not with the quote character.
   */
  private withoutLineEndCr(row: string[], index: number): string[] {
    if (this.newline !== '\n') return row;
    const last = row[row.length - 1] as string;
    if (last.charCodeAt(last.length - 1) !== 13) return row;
    const { text } = this.current();
    const start = this.recordStart(index);
    let at = start;
    for (let k = separatorsInRow(row, '\n') - 1; k > 0; k--) at = text.indexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    if (end === -1) return row;
    const from = end - last.length;
    const delimiter = this.dialect.delimiter;
    if (from < start || text.slice(from, end) !== last || text.charAt(from) === this.dialect.quoteChar) return row;
    if (from > start && text.slice(from - delimiter.length, from) !== delimiter) return row;
    return [...row.slice(0, -1), last.slice(0, -1)];
  }

  /** NUL characters in a record (unquoting never removes one): a warning on its row, at the first. */
  private nulCharacters(row: readonly string[], index: number, sourceRow: number): void {
    let count = 0;
    for (const cell of row) for (let k = cell.indexOf('\0'); k !== -1; k = cell.indexOf('\0', k + 1)) count++;
    if (count === 0) return;
    const line = this.lineAt(this.current().text.indexOf('\0', this.recordStart(index)));
    this.report({ code: 'nul-characters', severity: 'warning', row: sourceRow, line, params: { count } });
  }

  private current(): CsvChunk {
    if (this.chunk === null) throw new Error('CsvRowSink: no current chunk');
    return this.chunk;
  }

  /**
   * Offset in the chunk where record `index` starts: per earlier record, its separator and the
   * separators quoted inside it (Papa splits on exactly `dialect.newline`, so counting that
   * string is exact). Walks forward only.
   */
  private recordStart(index: number): number {
    const { text, rows } = this.current();
    const newline = this.newline;
    for (; this.offsetIndex < index; this.offsetIndex++) {
      const steps = separatorsInRow(rows[this.offsetIndex] ?? [], newline);
      for (let k = 0; k < steps && this.offsetAt < text.length; k++) {
        const at = text.indexOf(newline, this.offsetAt);
        this.offsetAt = at === -1 ? text.length : at + newline.length;
      }
    }
    return this.offsetAt;
  }

  /** Physical line of an offset in the current chunk, skipped title lines included. */
  private lineAt(pos: number): number {
    const chunk = this.current();
    this.locator ??= new ChunkLineLocator(chunk.text, chunk.firstLine);
    return this.dialect.skipLines + this.locator.lineAt(pos);
  }

  /** The first record: the header, or the first data row of a headerless file. */
  private start(row: readonly string[], sourceRow: number): TableBuilder | null {
    if (row.length > MAX_COLUMNS) {
      throw new PorterError('too-many-columns', {
        limit: MAX_COLUMNS,
        found: row.length,
        row: sourceRow,
      });
    }
    this.expected = row.length;
    if (this.dialect.header === 'first-row') {
      const unique = makeUniqueHeaders(row, sourceRow);
      for (const issue of unique.issues) this.report(issue);
      this.builder = new TableBuilder(unique.names);
      this.headerRow = sourceRow;
      for (const name of unique.names) this.names.add(name);
      return null;
    }
    const names = row.map((_, c) => `column_${c + 1}`);
    for (const name of names) this.names.add(name);
    this.builder = new TableBuilder(names);
    return this.builder;
  }

  private ragged(
    row: readonly string[],
    index: number,
    sourceRow: number,
    builder: TableBuilder,
  ): void {
    const long = row.length > this.expected;
    const line = this.lineAt(this.recordStart(index));
    this.report({
      code: long ? 'ragged-row-long' : 'ragged-row-short',
      severity: 'warning',
      row: sourceRow,
      line,
      params: { expected: this.expected, found: row.length },
    });
    if (!long || row.length <= builder.columnCount) return;
    if (row.length > MAX_COLUMNS) {
      throw new PorterError('too-many-columns', {
        limit: MAX_COLUMNS,
        found: row.length,
        row: sourceRow,
        line,
      });
    }
    for (let c = builder.columnCount; c < row.length; c++) {
      let name = `column_${c + 1}`;
      for (let n = 2; this.names.has(name); n++) name = `column_${c + 1}_${n}`;
      this.names.add(name);
      this.addedColumns.push(name);
      builder.addColumn(name);
    }
  }

  /** Papa's quote errors: `index` is an offset in the chunk's text, `row` in its rows. */
  private quoteIssue(err: Papa.ParseError, base: number): void {
    if (err.code !== 'MissingQuotes' && err.code !== 'InvalidQuotes') return;
    const index = err.index ?? 0;
    // MissingQuotes points just past the opening quote.
    const pos = err.code === 'MissingQuotes' ? Math.max(index - 1, 0) : index;
    this.report({
      code: err.code === 'MissingQuotes' ? 'unclosed-quote' : 'stray-quote',
      severity: err.code === 'MissingQuotes' ? 'error' : 'warning',
      row: this.dialect.skipLines + base + (err.row ?? 0) + 1,
      line: this.lineAt(pos),
    });
  }

  private report(issue: ParseIssue): void {
    const count = this.issueCounts.get(issue.code) ?? 0;
    this.issueCounts.set(issue.code, count + 1);
    if (count < MAX_ISSUES_PER_CODE) this.issues.push(issue);
    else this.suppressed++;
  }

  /**
   * The rows packed since the last drain, as a table; later rows go into a fresh one with the
   * same columns. For a reader that writes as it reads and never holds the whole table (the
   * command's streaming convert); `finish` then returns only the rows after the last drain.
   */
  drain(): Table | null {
    if (this.builder === null) return null;
    const table = this.builder.finish();
    this.builder = new TableBuilder(table.columns);
    return table;
  }

  finish(): ReadResult<CsvMeta> {
    if (this.builder === null) throw new PorterError('csv-no-rows');
    return {
      table: this.builder.finish(),
      issues: this.issues,
      issueCounts: Object.fromEntries(this.issueCounts) as Partial<Record<ParseIssueCode, number>>,
      meta: {
        dialect: this.dialect,
        records: this.records,
        headerRow: this.headerRow,
        blankLines: this.blankLines,
        addedColumns: this.addedColumns,
        suppressedIssues: this.suppressed,
      },
    };
  }
}

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
function nextEnd(pos: number, end: number, step: number, length: number): number {
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
export class PapaCsvStream {
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
    // The reader splits a CR LF file at LF, its CR taken into the line ending (csv-stream.ts).
    const newline = dialect.newline === '\r\n' ? '\n' : dialect.newline;
    this.parser = new Papa.Parser({
      delimiter: dialect.delimiter,
      quoteChar: dialect.quoteChar,
      escapeChar: dialect.quoteChar,
      newline,
    });
    this.sink = new CsvRowSink(dialect, newline);
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
