import type { Cell } from '../model/cell';
import type { ParseIssue, ParseIssueCode } from '../model/issue';
import { isAbortError, PorterError, throwIfAborted } from '../model/porter-error';
import { TableBuilder } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { makeUniqueHeaders } from './headers';
import type { ReadContext, ReadResult } from './read-types';
import { columnLetters, guardXlsx, type XlsxErrorCell, type XlsxStyledNumbers } from './xlsx-guard';
import type { XlsxLayout } from './xlsx-layout';
import { fillMissingParts } from './xlsx-missing-parts';
import { MAX_READ_ISSUES } from './read-limits';
import { readIdentifierFormats, type IdentifierFormats } from './xlsx-numfmt';

export interface XlsxMeta {
  /** The sheet that was read. */
  readonly sheet: string;
  /** Every sheet of the workbook, in order, so the user can pick another. */
  readonly sheets: string[];
  /** The sheet row (1-based) read as the header; undefined when the sheet is empty. */
  readonly headerRow?: number;
  /** Rows above the header that were skipped as a title block (0 when the header was given). */
  readonly titleRows: number;
}

export interface XlsxReadOptions {
  /** Sheet name; the first sheet when absent. */
  readonly sheet?: string | undefined;
  /**
   * The sheet row (1-based) holding the header; when absent, the first non-empty row below any
   * title block ({@link findHeaderIndex}). Rows above it are not read.
   */
  readonly headerRow?: number | undefined;
}

/** Rows above the header that may be read as a title block (as for CSV, core/detect/dialect.ts). */
const MAX_TITLE_ROWS = 10;
/** Rows looked at for the table's width. */
const WIDTH_SAMPLE_ROWS = 50;

const BATCH = 2048;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * True for an OLE2 compound file that is legacy binary Excel (`.xls`, BIFF), which we refuse
 * with `xls-unsupported`. A password-protected `.xlsx` is an OLE2 file too (MS-OFFCRYPTO: an
 * `EncryptedPackage` stream inside), so it is not counted here: {@link readXlsx} reports it as
 * `xlsx-encrypted`, which tells the user what to do (save it without a password).
 *
 * @example
 * isXlsBiff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])); // true
 */
export function isXlsBiff(bytes: Uint8Array): boolean {
  return isOle(bytes) && !isEncryptedOoxml(bytes);
}

function isOle(bytes: Uint8Array): boolean {
  return OLE_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Looks for the UTF-16LE directory entry name `EncryptedPackage`. */
function isEncryptedOoxml(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const first = name.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
    for (let k = 0; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * Reads one sheet of an `.xlsx` workbook as text: numbers as written in the file (long IDs
 * intact, no `1.2e+19`), dates as `YYYY-MM-DD` (`YYYY-MM-DDTHH:mm:ss` with a time), booleans as
 * `TRUE`/`FALSE`, empty cells as `''`, strings untrimmed. The first non-empty row is the header;
 * a record's source row is its sheet row number. Fully empty rows are skipped.
 * read-excel-file is imported lazily so it is a separate chunk, loaded only for spreadsheets.
 *
 * @throws PorterError `xlsx-encrypted`, `xls-unsupported`, `xlsx-invalid`,
 *   `xlsx-sheet-missing` (with `sheet` and `available`), `xlsx-sheet-part-missing` and
 *   `xlsx-style-missing` (see {@link fillMissingParts}), and the budget refusals of
 *   {@link guardXlsx}: `xlsx-part-too-large`, `xlsx-cell-out-of-range`, `xlsx-sheet-too-large`,
 *   `xlsx-text-too-long`.
 * @example
 * const { table, meta } = await readXlsx(bytes, { sheet: 'Contacts' });
 * meta.sheets; // ['Contacts', 'Companies']
 */
export async function readXlsx(
  bytes: Uint8Array,
  opts: XlsxReadOptions,
  ctx: ReadContext = {},
): Promise<ReadResult<XlsxMeta>> {
  if (isOle(bytes)) {
    throw new PorterError(isEncryptedOoxml(bytes) ? 'xlsx-encrypted' : 'xls-unsupported');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new PorterError('xlsx-invalid');
  const checkpoint = createCheckpoint(ctx.signal);
  let sheets: string[];
  let sheet: string | undefined;
  let layout: XlsxLayout;
  let xml: Record<string, Uint8Array>;
  let errors: XlsxErrorCell[];
  let styled: XlsxStyledNumbers;
  try {
    // Budgets before work: every part inflated under a cap, the sheet's addresses and grid
    // checked, before read-excel-file inflates and builds anything (docs/limits.md).
    ({ sheet, xml, errors, styled, ...layout } = await guardXlsx(bytes, (names) => opts.sheet ?? names[0], checkpoint));
    ({ sheets } = layout);
  } catch (err) {
    if (err instanceof PorterError || isAbortError(err)) throw err;
    throw new PorterError('xlsx-invalid', { reason: 'workbook' }, { cause: err });
  }
  if (sheets.length === 0) throw new PorterError('xlsx-no-sheets');
  if (sheet === undefined || !sheets.includes(sheet)) {
    throw new PorterError('xlsx-sheet-missing', {
      sheet: sheet ?? '',
      available: sheets.join(', '),
    });
  }
  // The parts other tools' writers leave out (where the sheets are stored, the cell formats) are
  // filled in with what they would say, and said; a sheet whose part is not there is refused.
  const assumed = fillMissingParts(layout, sheet, styled, xml);
  throwIfAborted(ctx.signal);
  const [{ readSheet }, { zipSync }] = await Promise.all([import('read-excel-file/universal'), import('fflate')]);
  // read-excel-file unzips with fflate, which inflates a part past 512 KiB in a Web Worker made
  // from a blob: URL: the page's Content-Security-Policy refuses it, and the read never ended
  // (a 5,000-row workbook). It is given the parts the guard has inflated already, stored
  // uncompressed in a zip of their own, which fflate reads with no worker (and no second inflate).
  // The chosen sheet is the guard's rewrite when its cells lacked `r` attributes (xlsx-guard).
  const stored = zipSync(xml, { level: 0 });
  const buffer = stored.byteOffset === 0 && stored.byteLength === stored.buffer.byteLength ? (stored.buffer as ArrayBuffer) : stored.slice().buffer;
  let rows: unknown[][];
  try {
    // Raced with Cancel: the library's read cannot be stopped, but the user is answered at once.
    rows = await untilAborted(readSheet<string>(buffer, sheet, { parseNumber: (s) => s, trim: false }), ctx.signal);
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new PorterError('xlsx-invalid', { sheet }, { cause: err });
  }
  throwIfAborted(ctx.signal);
  // Identifier formats (ZIP `00000` …) are applied to the numbers they show; see xlsx-numfmt. It
  // reads the parts the guard inflated, and hears Cancel between slices as the guard does.
  const path = layout.sheetPaths.get(sheet);
  const formats = path === undefined ? null : await readFormats(xml, path, layout.stylesPath, checkpoint);
  // Error cells (#N/A from a failed VLOOKUP…) are dropped by the library as if empty: their
  // text is put back, and each is reported, so no value goes missing without a word.
  const issues: ParseIssue[] = [...assumed];
  for (const e of errors) {
    while (rows.length < e.row) rows.push([]);
    const row = rows[e.row - 1] as unknown[];
    while (row.length < e.column) row.push(null);
    row[e.column - 1] = e.text;
    if (issues.length < MAX_READ_ISSUES) {
      issues.push({ code: 'xlsx-formula-error', severity: 'warning', row: e.row, column: columnLetters(e.column), params: { value: e.text } });
    }
  }
  const headerIndex = opts.headerRow === undefined ? findHeaderIndex(rows) : headerAtOrBelow(rows, opts.headerRow - 1);
  const table = await buildTable(rows, headerIndex, formats, ctx);
  const all = [...table.issues, ...issues];
  // Past the error cells kept, every code is counted (the header's and the assumed parts' too).
  const kept = issues.length - assumed.length;
  let counts = {};
  if (errors.length > kept) {
    const issueCounts: Partial<Record<ParseIssueCode, number>> = {};
    for (const issue of all) issueCounts[issue.code] = (issueCounts[issue.code] ?? 0) + 1;
    issueCounts['xlsx-formula-error'] = errors.length;
    counts = { issueCounts };
  }
  const first = rows.findIndex((r) => !isEmptyRow(r));
  const titleRows = opts.headerRow === undefined && headerIndex > first ? rows.slice(first, headerIndex).filter((r) => !isEmptyRow(r)).length : 0;
  const found = headerIndex === -1 ? {} : { headerRow: headerIndex + 1 };
  return { ...table, issues: all, ...counts, meta: { sheet, sheets, titleRows, ...found } };
}

/** The identifier formats, or null when they cannot be read (the stored values are kept); a cancel is not swallowed. */
async function readFormats(
  xml: Readonly<Record<string, Uint8Array>>,
  path: string,
  stylesPath: string,
  checkpoint: () => Promise<void>,
): Promise<IdentifierFormats | null> {
  try {
    return await readIdentifierFormats(xml, path, checkpoint, stylesPath);
  } catch (err) {
    if (isAbortError(err)) throw err;
    return null;
  }
}

/**
 * The index of the header row: the first non-empty row, unless the rows above a wider one read
 * as a title block, the way Excel reports start ("Contacts report" in A1, a date in A2, a blank
 * row, then the table). As for a CSV (core/detect/dialect.ts, `isTitleBlock`), a row is a title
 * row when it is narrower than the table (its last filled cell left of the table's last column)
 * and has at most half as many filled cells as the table has columns, so a real header with
 * empty names in it, or one narrower than ragged rows below (`a, b` above `1, 2, 3`), stays.
 * -1 for an empty sheet.
 */
export function findHeaderIndex(rows: readonly (readonly unknown[])[]): number {
  const first = rows.findIndex((r) => !isEmptyRow(r));
  if (first === -1) return -1;
  // The table's width: the most common among the first rows (the wider on a tie).
  const tally = new Map<number, number>();
  for (const row of rows.slice(first, first + WIDTH_SAMPLE_ROWS)) {
    if (!isEmptyRow(row)) tally.set(rowWidth(row), (tally.get(rowWidth(row)) ?? 0) + 1);
  }
  let fields = 0;
  let best = 0;
  for (const [width, count] of tally) if (count > best || (count === best && width > fields)) [fields, best] = [width, count];
  if (fields < 2) return first;
  let titles = 0;
  for (let k = first; k < rows.length; k++) {
    const row = rows[k] as readonly unknown[];
    if (isEmptyRow(row)) continue;
    if (rowWidth(row) >= fields || filledCells(row) > fields / 2) return k;
    // A block this long is not a title: the sheet is read from its first row.
    if (++titles > MAX_TITLE_ROWS) return first;
  }
  return first;
}

/** The first non-empty row at `index` or below it; -1 when there is none. */
function headerAtOrBelow(rows: readonly (readonly unknown[])[], index: number): number {
  for (let k = Math.max(0, index); k < rows.length; k++) if (!isEmptyRow(rows[k] as readonly unknown[])) return k;
  return -1;
}

const isEmptyCell = (v: unknown): boolean => v === null || v === undefined || v === '';

/** Columns up to the last filled cell. */
function rowWidth(row: readonly unknown[]): number {
  let n = row.length;
  while (n > 0 && isEmptyCell(row[n - 1])) n--;
  return n;
}

function filledCells(row: readonly unknown[]): number {
  return row.reduce<number>((n, v) => (isEmptyCell(v) ? n : n + 1), 0);
}

async function buildTable(
  rows: readonly (readonly unknown[])[],
  headerIndex: number,
  formats: IdentifierFormats | null,
  ctx: ReadContext,
): Promise<Omit<ReadResult, 'meta'>> {
  const checkpoint = createCheckpoint(ctx.signal);
  if (headerIndex === -1) return { table: new TableBuilder().finish(), issues: [] };
  const header = (rows[headerIndex] as readonly unknown[]).map(cellText);
  // read-excel-file indexes rows from sheet row 1, so index + 1 is the row number users see.
  const { names, issues } = makeUniqueHeaders(header, headerIndex + 1);
  const builder = new TableBuilder(names);
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r] as readonly unknown[];
    if (isEmptyRow(row)) continue;
    const cells: Cell[] = [];
    for (let c = 0; c < names.length; c++) {
      const value = row[c];
      const formatted = formats !== null && typeof value === 'string' ? formats.apply(r, c, value) : null;
      cells.push(formatted ?? cellText(value));
    }
    builder.appendRow(cells, r + 1);
    if (r % BATCH === 0) {
      ctx.onProgress?.({ done: r, total: rows.length, rows: builder.rowCount });
      await checkpoint();
    }
  }
  ctx.onProgress?.({ done: rows.length, total: rows.length, rows: builder.rowCount });
  return { table: builder.finish(), issues };
}

function isEmptyRow(row: readonly unknown[]): boolean {
  return row.every(isEmptyCell);
}

/** One cell as text: the library already gives numbers as their raw `<v>` text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  return String(value);
}

/**
 * Excel dates are serial day numbers read as UTC; rounding to the second undoes the float error
 * that makes 12:00 read as 11:59:59.999.
 */
function formatDate(date: Date): string {
  const t = Math.round(date.getTime() / 1000) * 1000;
  if (Number.isNaN(t)) return '';
  const iso = new Date(t).toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}

/** `work`, or its rejection with the signal's abort as soon as `signal` aborts (the work runs on, unheard). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('Cancelled', 'AbortError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
