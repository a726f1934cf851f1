import Papa from 'papaparse';
import type { CsvDialect } from '../detect/dialect';
import type { ParseIssue } from '../model/issue';
import { PorterError, throwIfAborted } from '../model/porter-error';
import { TableBuilder } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { breaksInRow, LineLocator, offsetAfterLines, separatorsInRow } from './csv-lines';
import { makeUniqueHeaders } from './headers';
import type { ReadContext, ReadResult } from './read-types';

/** Columns beyond this are refused: such a file is not a CRM table and would exhaust memory. */
export const MAX_COLUMNS = 10_000;
/** Characters handed to Papa per chunk: large enough to keep its speed, small enough to yield. */
const CHUNK_CHARS = 1 << 20;
/** Issues kept per code; the rest are counted in `meta.suppressedIssues`. */
const MAX_ISSUES_PER_CODE = 1000;

/** What reading a CSV learned beside the table. */
export interface CsvMeta {
  readonly dialect: CsvDialect;
  /** Records after the skipped lines: header, data and blank lines. */
  readonly records: number;
  /** Source row number of the header, or null for 'none'. */
  readonly headerRow: number | null;
  /** Blank lines skipped (they keep their row numbers; they are not rows). */
  readonly blankLines: number;
  /** Columns added for cells beyond the header in long rows (`column_N`). */
  readonly addedColumns: readonly string[];
  /** Issues beyond the first 1,000 of a code, counted but not listed. */
  readonly suppressedIssues: number;
}

/**
 * Reads CSV text (already decoded, BOM stripped) into a table of exact strings, streaming it
 * through PapaParse in 1 MiB chunks and yielding between them so the job can be cancelled.
 *
 * - Cells are never typed or trimmed: `00123`, `1-2-3` and `12345678901234567890` stay as they are.
 * - Row numbers are 1-based record numbers in the file, counting skipped title lines, the header
 *   and blank lines, so the first data record under a header on line 1 is row 2.
 * - Blank lines are skipped (not rows) but still counted in the row numbers. A blank line is a
 *   physically empty one (a stray `\r` in a `\n` file counts as empty too); a quoted empty field
 *   `""`, or a quoted field of only line breaks, is a record, as the CSV writer relies on.
 * - Short rows: the missing cells are stored as missing (`null`, not `''`): the file did not
 *   say they are empty. Reported as 'ragged-row-short'.
 * - Long rows: cells beyond the header get new columns named `column_N` (N = 1-based position),
 *   so no data is dropped. Reported as 'ragged-row-long'.
 * - An unclosed quote swallows the rest of the file into one cell, as every CSV reader does;
 *   it is reported as 'unclosed-quote' (error) at the row and line where the quote opened.
 *
 * @throws PorterError('csv-no-rows') when the text holds no record at all;
 *   PorterError('too-many-columns', { limit }) beyond {@link MAX_COLUMNS}.
 * @example
 * const { table, issues } = await readCsv('id,zip\n1,00123\n', dialect);
 * table.cell(0, 1); // '00123'
 * table.sourceRow(0); // 2
 */
export async function readCsv(
  text: string,
  dialect: CsvDialect,
  ctx: ReadContext = {},
): Promise<ReadResult<CsvMeta>> {
  throwIfAborted(ctx.signal);
  const skip = dialect.skipLines > 0 ? offsetAfterLines(text, dialect.skipLines) : 0;
  const body = skip > 0 ? text.slice(skip) : text;
  const reader = new CsvRowSink(body, dialect);
  const checkpoint = createCheckpoint(ctx.signal);

  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown, parser?: Papa.Parser): void => {
      failed = true;
      reject(err);
      parser?.abort();
    };
    Papa.parse<string[]>(body, {
      delimiter: dialect.delimiter,
      quoteChar: dialect.quoteChar,
      escapeChar: dialect.quoteChar,
      newline: dialect.newline,
      chunkSize: CHUNK_CHARS,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        try {
          reader.addChunk(results.data, results.errors, results.meta.cursor);
          ctx.onProgress?.({ done: skip + results.meta.cursor, total: text.length, rows: reader.rowCount });
        } catch (err) {
          fail(err, parser);
          return;
        }
        // The last chunk must not pause: Papa's resume re-parses the held-back partial line as
        // a "fake" chunk that never reaches this callback, so rows there would be lost.
        if (results.meta.cursor >= body.length) return;
        parser.pause();
        checkpoint().then(
          () => parser.resume(),
          (err: unknown) => fail(err, parser),
        );
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (err: unknown) => fail(err),
    });
  });
  throwIfAborted(ctx.signal);
  return reader.finish(dialect);
}

/**
 * The cell of a one-cell record that may be a blank line: empty, or only line breaks (a stray
 * `\r` in a `\n` file). Whether it is one is decided on the raw text ({@link CsvRowSink}),
 * because Papa gives the same cell for `""` and for nothing at all.
 */
const mayBeBlank = (cell: string): boolean =>
  cell === '' || ((cell.charCodeAt(0) === 10 || cell.charCodeAt(0) === 13) && /^[\r\n]+$/.test(cell));

/** Receives Papa's rows chunk by chunk and packs them into a table at once. */
class CsvRowSink {
  private builder: TableBuilder | null = null;
  private readonly issues: ParseIssue[] = [];
  private readonly issueCounts = new Map<string, number>();
  private suppressed = 0;
  private readonly addedColumns: string[] = [];
  private readonly names = new Set<string>();
  private readonly locator: LineLocator;
  /** Records seen before the current chunk (blank lines and header included). */
  private records = 0;
  private blankLines = 0;
  private headerRow: number | null = null;
  private expected = 0;
  /** Body offset where the current chunk's first record starts. */
  private chunkStart = 0;
  /** Walk state for lines inside the current chunk: record index and its line. */
  private walkIndex = 0;
  private walkLine = 0;
  private rows: readonly string[][] = [];
  /** Body offset where the current chunk's records end (Papa's cursor). */
  private chunkEnd = 0;
  /** Walk state for raw offsets inside the current chunk: record index and where it starts. */
  private offsetIndex = 0;
  private offsetAt = 0;

  constructor(
    private readonly body: string,
    private readonly dialect: CsvDialect,
  ) {
    this.locator = new LineLocator(body);
  }

  get rowCount(): number {
    return this.builder?.rowCount ?? 0;
  }

  addChunk(rows: string[][], errors: readonly Papa.ParseError[], cursor: number): void {
    this.rows = rows;
    this.walkIndex = -1;
    this.chunkEnd = cursor;
    this.offsetIndex = 0;
    this.offsetAt = this.chunkStart;
    const skipped = this.dialect.skipLines;
    const base = this.records;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as string[];
      const sourceRow = skipped + base + i + 1;
      if (row.length === 1 && mayBeBlank(row[0] as string) && this.isBlankLine(i)) {
        this.blankLines++;
        continue;
      }
      const builder = this.builder ?? this.start(row, sourceRow);
      if (builder === null) continue;
      if (row.length !== this.expected) this.ragged(row, i, sourceRow, builder);
      builder.appendRow(row, sourceRow);
    }
    for (const err of errors) this.quoteIssue(err, base);
    this.records += rows.length;
    this.chunkStart = cursor;
  }

  /**
   * Whether record `index` of the current chunk, whose one cell is empty or only line breaks,
   * is a blank line rather than a quoted field (`""`, `"\n"`): it is quoted when its raw text
   * starts with the quote character. Only such records get here, so plain rows cost nothing.
   */
  private isBlankLine(index: number): boolean {
    const { body, dialect } = this;
    if (index === this.rows.length - 1 && this.chunkEnd >= body.length) {
      // The file's last record ends where the text does, so look back from there instead of
      // walking the chunk (a trailing line break makes this the common case). Papa allows no
      // spaces after a closing quote at the very end, so a quoted one ends with the quote.
      return body.charAt(body.length - 1) !== dialect.quoteChar;
    }
    return body.charAt(this.recordStart(index)) !== dialect.quoteChar;
  }

  /**
   * Body offset where record `index` of the current chunk starts: the chunk's start plus, per
   * earlier record, its separator and the separators quoted inside it (Papa splits on exactly
   * `dialect.newline`, so counting that string is exact). Walks forward only.
   */
  private recordStart(index: number): number {
    const { body } = this;
    const newline = this.dialect.newline;
    for (; this.offsetIndex < index; this.offsetIndex++) {
      const steps = separatorsInRow(this.rows[this.offsetIndex] ?? [], newline);
      for (let k = 0; k < steps && this.offsetAt < body.length; k++) {
        const at = body.indexOf(newline, this.offsetAt);
        this.offsetAt = at === -1 ? body.length : at + newline.length;
      }
    }
    return this.offsetAt;
  }

  /** The first record: the header, or the first data row of a headerless file. */
  private start(row: readonly string[], sourceRow: number): TableBuilder | null {
    if (row.length > MAX_COLUMNS) {
      throw new PorterError('too-many-columns', { limit: MAX_COLUMNS, found: row.length, row: sourceRow });
    }
    this.expected = row.length;
    if (this.dialect.header === 'first-row') {
      const unique = makeUniqueHeaders(row, sourceRow);
      this.issues.push(...unique.issues);
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

  private ragged(row: readonly string[], index: number, sourceRow: number, builder: TableBuilder): void {
    const long = row.length > this.expected;
    const line = this.lineOfRecord(index);
    this.report({
      code: long ? 'ragged-row-long' : 'ragged-row-short',
      severity: 'warning',
      row: sourceRow,
      line,
      params: { expected: this.expected, found: row.length },
    });
    if (!long || row.length <= builder.columnCount) return;
    if (row.length > MAX_COLUMNS) {
      throw new PorterError('too-many-columns', { limit: MAX_COLUMNS, found: row.length, row: sourceRow, line });
    }
    for (let c = builder.columnCount; c < row.length; c++) {
      let name = `column_${c + 1}`;
      for (let n = 2; this.names.has(name); n++) name = `column_${c + 1}_${n}`;
      this.names.add(name);
      this.addedColumns.push(name);
      builder.addColumn(name);
    }
  }

  /** Papa's quote errors: `index` is relative to the text of this chunk's parse. */
  private quoteIssue(err: Papa.ParseError, base: number): void {
    if (err.code !== 'MissingQuotes' && err.code !== 'InvalidQuotes') return;
    const index = err.index ?? 0;
    const sourceRow = this.dialect.skipLines + base + (err.row ?? 0) + 1;
    // MissingQuotes points just past the opening quote.
    const pos = this.chunkStart + (err.code === 'MissingQuotes' ? Math.max(index - 1, 0) : index);
    this.report({
      code: err.code === 'MissingQuotes' ? 'unclosed-quote' : 'stray-quote',
      severity: err.code === 'MissingQuotes' ? 'error' : 'warning',
      row: sourceRow,
      line: this.dialect.skipLines + this.locator.lineAt(pos),
    });
  }

  /**
   * Physical line of record `index` of the current chunk: the chunk's first line plus one line
   * per earlier record plus the quoted line breaks inside them. Walks forward only.
   */
  private lineOfRecord(index: number): number {
    if (this.walkIndex < 0) {
      this.walkIndex = 0;
      this.walkLine = this.locator.lineAt(this.chunkStart);
    }
    for (; this.walkIndex < index; this.walkIndex++) {
      this.walkLine += 1 + breaksInRow(this.rows[this.walkIndex] ?? []);
    }
    return this.dialect.skipLines + this.walkLine;
  }

  private report(issue: ParseIssue): void {
    const count = this.issueCounts.get(issue.code) ?? 0;
    this.issueCounts.set(issue.code, count + 1);
    if (count < MAX_ISSUES_PER_CODE) this.issues.push(issue);
    else this.suppressed++;
  }

  finish(dialect: CsvDialect): ReadResult<CsvMeta> {
    if (this.builder === null) throw new PorterError('csv-no-rows');
    return {
      table: this.builder.finish(),
      issues: this.issues,
      meta: {
        dialect,
        records: this.records,
        headerRow: this.headerRow,
        blankLines: this.blankLines,
        addedColumns: this.addedColumns,
        suppressedIssues: this.suppressed,
      },
    };
  }
}
