import Papa from 'papaparse';
import { looksLikeEmail } from '../model/linear-text';
import type { Guess } from '../read/read-types';
import { countNewlines, takeSample, type Newline } from './dialect-sample';
import { guessDateOrder, guessDecimalSeparator, type DateOrder } from './dialect-values';

export type { DateOrder } from './dialect-values';
export type Delimiter = ',' | ';' | '\t' | '|';

/** How to read a CSV file; every field can be overridden by the user. */
export interface CsvDialect {
  /** Usually a {@link Delimiter}; any single character the user types is allowed. */
  readonly delimiter: string;
  readonly quoteChar: '"' | "'";
  readonly newline: Newline;
  readonly header: 'first-row' | 'none';
  /** Physical lines before the table (a title block such as "Export from CRM 2024-05-01"). */
  readonly skipLines: number;
  readonly decimalSeparator: '.' | ',';
  readonly dateOrder: DateOrder;
}

/** Each part of a {@link CsvDialect} with why it was guessed and how sure the guess is. */
export interface DialectDetection {
  readonly delimiter: Guess<string>;
  readonly quoteChar: Guess<'"' | "'">;
  readonly newline: Guess<Newline>;
  readonly header: Guess<'first-row' | 'none'>;
  readonly skipLines: Guess<number>;
  readonly decimalSeparator: Guess<'.' | ','>;
  readonly dateOrder: Guess<DateOrder>;
}

/** Candidates in order of preference when two split the sample equally well: a tab or a
 * semicolon that splits every row consistently is almost never inside the data, while commas
 * often are (decimal commas in European files, "Turing, Alan"). */
const DELIMITERS: readonly Delimiter[] = ['\t', ';', '|', ','];
/** Records parsed per candidate delimiter. */
const SAMPLE_RECORDS = 1000;
/** A title block longer than this is not a title block. */
const MAX_TITLE_LINES = 20;

interface Split {
  readonly delimiter: Delimiter;
  readonly rows: string[][];
  /** Records before the table. */
  readonly skip: number;
  /** Of those, title lines padded to the table's width ({@link paddedTitleLines}). */
  readonly padded: number;
  /** Modal field count of the table's records. */
  readonly fields: number;
  /** Share of the table's non-blank records with the modal field count. */
  readonly consistency: number;
  /**
   * A quote opened under this delimiter is never closed, so the rest of the sample became one
   * field. Such a parse can look perfectly consistent (one record, or a few), which is exactly
   * why it must not compete with a parse that keeps the quoting sound.
   */
  readonly collapsed: boolean;
}

const isBlank = (row: readonly string[]): boolean => row.length === 1 && row[0] === '';
const filled = (row: readonly string[]): number => row.reduce((n, c) => (c.trim() === '' ? n : n + 1), 0);

/**
 * True when the records before `first` read as a title block above a table of `fields` fields:
 * blank, or with at most half as many filled cells as the table has fields. A real header with
 * fewer fields than ragged data rows (`a,b` above `1,2,3`) has more than that, and stays.
 */
function isTitleBlock(before: readonly (readonly string[])[], fields: number): boolean {
  return before.every((r) => r.length < fields && filled(r) <= fields / 2);
}

/**
 * Title lines padded to the table's width at `from` (each blank or with only its first cell
 * filled, as Excel writes a title in A1), when a header follows them: every cell filled, none
 * alike, none a number. 0 otherwise. Only for tables of 3 fields or more, where a header with
 * all but one name empty is not a header.
 */
function paddedTitleLines(rows: readonly (readonly string[])[], from: number, fields: number): number {
  if (fields < 3) return 0;
  let k = from;
  while (k < rows.length && k - from < MAX_TITLE_LINES && rows[k]!.length === fields && rows[k]!.slice(1).every((c) => c.trim() === '')) k++;
  const header = rows[k];
  if (k === from || header === undefined || header.length !== fields) return 0;
  const names = header.map((c) => c.trim());
  const looksLikeHeader = names.every((c) => c !== '' && !/^[-+]?[\d.,]+$/.test(c)) && new Set(names).size === fields;
  return looksLikeHeader ? k - from : 0;
}

function splitWith(sample: string, delimiter: Delimiter, quoteChar: string, newline: Newline): Split {
  const parsed = Papa.parse<string[]>(sample, {
    delimiter,
    quoteChar,
    escapeChar: quoteChar,
    newline,
    preview: SAMPLE_RECORDS,
  });
  const rows = parsed.data;
  const collapsed = parsed.errors.some((e) => e.code === 'MissingQuotes');
  const tally = new Map<number, number>();
  for (const row of rows) if (!isBlank(row)) tally.set(row.length, (tally.get(row.length) ?? 0) + 1);
  let fields = 1;
  let best = 0;
  for (const [n, count] of tally) {
    if (count > best || (count === best && n > fields)) [fields, best] = [n, count];
  }
  // The table starts at the first record with the modal field count; anything before it that
  // reads as a title block (a title, an export date, blank lines) is skipped.
  let skip = 0;
  let padded = 0;
  if (fields > 1) {
    const first = rows.findIndex((r) => r.length === fields);
    const before = rows.slice(0, Math.max(first, 0));
    if (first > 0 && first <= MAX_TITLE_LINES && isTitleBlock(before, fields)) skip = first;
    // Excel saves a title typed in A1 padded to the table's width ("Contacts report,,"):
    // such lines have the table's field count, so they are found apart.
    if (first >= 0 && (first === 0 || skip === first)) {
      padded = paddedTitleLines(rows, first, fields);
      skip = first + padded;
    }
  }
  const table = rows.slice(skip).filter((r) => !isBlank(r));
  const consistent = table.filter((r) => r.length === fields).length;
  return {
    delimiter,
    rows,
    skip,
    padded,
    fields,
    consistency: table.length ? consistent / table.length : 0,
    collapsed,
  };
}

function guessQuote(sample: string): Guess<'"' | "'"> {
  const fields = (q: string): string[] =>
    sample.match(new RegExp(`(?:^|[,;\\t|])${q}[^${q}\\r\\n]*${q}(?=[,;\\t|\\r\\n]|$)`, 'gm')) ?? [];
  const double = fields('"').length;
  // A value like 'A' is not quoting: a single-quoted field counts only when its quotes protect
  // a delimiter inside it (what a writer quotes for), so text with apostrophes keeps '"'.
  const single = fields("'").filter((f) => /[,;\t|]/.test(f.replace(/^[,;\t|]/, '').slice(1, -1))).length;
  if (single > double && single >= 2) {
    return { value: "'", confidence: 0.8, reason: 'quoted-fields', params: { single, double } };
  }
  return { value: '"', confidence: double > 0 ? 0.95 : 0.8, reason: double > 0 ? 'quoted-fields' : 'default' };
}

function guessNewline(sample: string, quoteChar: string): Guess<Newline> {
  const counts = countNewlines(sample, quoteChar);
  const total = counts['\r\n'] + counts['\n'] + counts['\r'];
  if (total === 0) return { value: '\n', confidence: 0.5, reason: 'single-line' };
  // Lines ending in CR LF and in LF: both are read as line ends with `\n` as the record break
  // (core/read/csv-scan.ts, crlfToo); with CR LF, every LF line would join the next.
  const both = counts['\r\n'] + counts['\n'];
  if (counts['\r\n'] > 0 && counts['\n'] > 0 && both >= counts['\r']) {
    return { value: '\n', confidence: both / total, reason: 'crlf-and-lf', params: { crlf: counts['\r\n'], lf: counts['\n'], cr: counts['\r'] } };
  }
  const value = (['\r\n', '\n', '\r'] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  const share = counts[value] / total;
  return { value, confidence: share, reason: share === 1 ? 'only-newline' : 'most-common-newline' };
}

/** Consistency within this of the best counts as a tie. */
const TIE = 0.02;

/**
 * Orders two splits: sound quoting first, then consistency, then fewer skipped lines (a real
 * header must never lose to a reading that calls it a title line), then {@link DELIMITERS}.
 */
function compareSplits(a: Split, b: Split): number {
  if (a.collapsed !== b.collapsed) return a.collapsed ? 1 : -1;
  if (Math.abs(a.consistency - b.consistency) >= TIE) return b.consistency - a.consistency;
  if (a.skip !== b.skip) return a.skip - b.skip;
  return DELIMITERS.indexOf(a.delimiter) - DELIMITERS.indexOf(b.delimiter);
}

function guessDelimiter(splits: readonly Split[]): { split: Split; guess: Guess<string> } {
  const usable = splits.filter((s) => s.fields > 1);
  const ranked = [...usable].sort(compareSplits);
  const top = ranked[0];
  if (top === undefined) {
    const comma = splits.find((s) => s.delimiter === ',') ?? (splits[0] as Split);
    return { split: comma, guess: { value: ',', confidence: 0.3, reason: 'single-column' } };
  }
  // European exports: ';' between fields and ',' inside numbers. Never let the decimal commas
  // win, even when they happen to split every row evenly; but a ';' reading that breaks the
  // quoting or calls a header a title line is not a European export.
  const semicolon = usable.find((s) => s.delimiter === ';');
  if (semicolon && semicolon.consistency >= 0.8 && !semicolon.collapsed && semicolon.skip <= top.skip) {
    const cells = semicolon.rows.slice(semicolon.skip + 1).flat();
    const decimals = guessDecimalSeparator(cells, ';');
    if (decimals.value === ',' && decimals.reason === 'decimal-comma') {
      return {
        split: semicolon,
        guess: { value: ';', confidence: semicolon.consistency * 0.95, reason: 'decimal-comma', params: { fields: semicolon.fields } },
      };
    }
  }
  const split = top;
  const runnerUp = ranked.find((s) => s !== split && !s.collapsed);
  const confidence = split.consistency * (runnerUp && split.consistency - runnerUp.consistency < 0.1 ? 0.6 : 0.95);
  // Say so when a reading that would otherwise have won was set aside for breaking the quotes.
  const overruled = usable.some((s) => s.collapsed && !split.collapsed && s.consistency - split.consistency > -TIE);
  return {
    split,
    guess: {
      value: split.delimiter,
      confidence: Math.round((split.collapsed ? Math.min(confidence, 0.3) : confidence) * 100) / 100,
      reason: split.collapsed ? 'unclosed-quote' : overruled ? 'others-break-quotes' : 'consistent-columns',
      params: { fields: split.fields, consistency: Math.round(split.consistency * 100) / 100 },
    },
  };
}

type CellKind = 'empty' | 'number' | 'date' | 'email' | 'text';

/** A longer cell is text: no number, date or address is this long (docs/limits.md). */
const MAX_KIND_CHARS = 256;

function kindOf(cell: string): CellKind {
  const s = cell.trim();
  if (s === '') return 'empty';
  if (s.length > MAX_KIND_CHARS) return 'text';
  // Linear: digits, spaces, '.' and ',' with at least one digit (one pattern with a `\d` between
  // two `[\d\s.,]*` backtracks quadratically).
  if (/^[-+]?[\d\s.,]+%?$/.test(s) && /\d/.test(s)) return 'number';
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/.test(s)) return 'date';
  if (looksLikeEmail(s)) return 'email';
  return 'text';
}

/**
 * A header row holds labels: never numbers, dates or email addresses. It is confirmed when a
 * column whose values are typed has a text label on top.
 */
function guessHeader(first: readonly string[] | undefined, rest: readonly (readonly string[])[]): Guess<'first-row' | 'none'> {
  if (first === undefined) return { value: 'first-row', confidence: 0.3, reason: 'no-rows' };
  // A value-looking cell ('2024', 'e@x.io') is evidence of "no header" only where the column
  // below holds values of the same kind: a year over a column of names is a label, and a file
  // the app wrote with such a header must read back with it.
  const valueCells = first.filter((c, i) => {
    const kind = kindOf(c);
    if (kind !== 'number' && kind !== 'date' && kind !== 'email') return false;
    const below = rest.map((r) => kindOf(r[i] ?? '')).filter((k) => k !== 'empty');
    if (below.length === 0) return rest.length === 0;
    return below.filter((k) => k === kind).length / below.length >= 0.5;
  }).length;
  if (valueCells > 0) {
    return { value: 'none', confidence: 0.85, reason: 'first-row-has-values', params: { cells: valueCells } };
  }
  if (rest.length === 0) return { value: 'first-row', confidence: 0.5, reason: 'single-row' };
  let typedColumns = 0;
  first.forEach((label, c) => {
    const kinds = rest.map((r) => kindOf(r[c] ?? '')).filter((k) => k !== 'empty');
    const typed = kinds.filter((k) => k !== 'text').length;
    if (kindOf(label) === 'text' && kinds.length > 0 && typed / kinds.length >= 0.5) typedColumns++;
  });
  if (typedColumns > 0) {
    return { value: 'first-row', confidence: 0.95, reason: 'typed-columns', params: { columns: typedColumns } };
  }
  return { value: 'first-row', confidence: 0.7, reason: 'text-labels' };
}

/**
 * Guesses how a CSV text is written, from its first ~64 KiB: delimiter by how consistently it
 * splits the quote-aware records into the same number of fields, quote character, line break,
 * a title block before the table, whether the first row is a header, the decimal separator and
 * the date order. Each guess carries a reason code and a confidence for the UI.
 *
 * @example
 * const d = detectDialect('Name;Umsatz\nMüller;1.234,56\nSchmidt;99,00\n');
 * d.delimiter.value; // ';'  (reason 'decimal-comma')
 * d.decimalSeparator.value; // ','
 */
export function detectDialect(whole: string): DialectDetection {
  // Blank lines above the table (an export padded with thousands of them) would fill the sample
  // with nothing to judge: the guesses start at the first line with something on it. The reader
  // skips blank lines above the header by itself; a title block below them is skipped by line.
  const blank = blankLinesAtStart(whole);
  const text = blank.end > 0 ? whole.slice(blank.end) : whole;
  const quoteChar = guessQuote(text.slice(0, 64 * 1024));
  const sample = takeSample(text, quoteChar.value);
  const newline = guessNewline(sample, quoteChar.value);
  const splits = DELIMITERS.map((d) => splitWith(sample, d, quoteChar.value, newline.value));
  const chosen = guessDelimiter(splits);
  const delimiter = chosen.guess;
  let split = chosen.split;
  let table = split.rows.slice(split.skip).filter((r) => !isBlank(r));
  let header = guessHeader(table[0], table.slice(1));
  if (split.padded > 0 && header.value !== 'first-row') {
    // Padded lines are skipped as a title only above a header: with none below them, they are
    // records (a file with no header whose first record has one cell filled).
    split = { ...split, skip: split.skip - split.padded, padded: 0 };
    table = split.rows.slice(split.skip).filter((r) => !isBlank(r));
    header = guessHeader(table[0], table.slice(1));
  }
  const values = header.value === 'first-row' ? table.slice(1) : table;
  const cells = values.flat();
  return {
    delimiter,
    quoteChar,
    newline,
    header,
    // Blank lines above count as lines to skip too: the reader skips them anyway, but a reader
    // that takes the first line after `skipLines` as the header (the command's DuckDB engine)
    // would read the header as a record.
    skipLines:
      split.skip > 0
        ? { value: blank.lines + split.skip, confidence: 0.9, reason: 'title-block', params: { lines: blank.lines + split.skip } }
        : blank.lines > 0
          ? { value: blank.lines, confidence: 0.95, reason: 'blank-lines', params: { lines: blank.lines } }
          : { value: 0, confidence: 0.95, reason: 'no-title-block' },
    decimalSeparator: guessDecimalSeparator(cells, split.delimiter),
    dateOrder: guessDateOrder(cells),
  };
}

/** Where the line breaks at the start of `text` end, and how many lines they make (CR LF is one). */
function blankLinesAtStart(text: string): { readonly end: number; readonly lines: number } {
  let lines = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c !== 13) break;
    else if (text.charCodeAt(i + 1) !== 10) lines++;
  }
  return { end: i, lines };
}

/**
 * The dialect to read with: the value of every guess.
 *
 * @example
 * readCsv(text, dialectOf(detectDialect(text)));
 */
export function dialectOf(d: DialectDetection): CsvDialect {
  return {
    delimiter: d.delimiter.value,
    quoteChar: d.quoteChar.value,
    newline: d.newline.value,
    header: d.header.value,
    skipLines: d.skipLines.value,
    decimalSeparator: d.decimalSeparator.value,
    dateOrder: d.dateOrder.value,
  };
}
