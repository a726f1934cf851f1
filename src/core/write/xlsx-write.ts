import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { CHUNK_CHARS } from './write-types';
import { zipStream, type ZipEntrySource } from './zip-stream';

/**
 * How a column's values are written into a cell. `text` is the default and the safe choice:
 * IDs, ZIP codes and phone numbers stay digit for digit. The other types are used only where a
 * mapped field says so, and only for values that fit; anything else in such a column is text.
 */
export type XlsxCellType = 'text' | 'number' | 'date' | 'datetime' | 'boolean';

export interface XlsxWriteOptions {
  /** Name of the first sheet; further sheets (a split) get ` (2)`, ` (3)` … */
  readonly sheetName: string;
  /** Cell type per column; absent or shorter: `text`. */
  readonly types?: readonly XlsxCellType[];
  /**
   * What to do when the data does not fit one sheet (1,048,576 rows, the header included):
   * `split` continues on a new sheet with the header repeated; `refuse` throws
   * `PorterError('xlsx-too-many-rows')` before anything is written.
   */
  readonly overflow: 'split' | 'refuse';
  /** Data rows per sheet; only tests lower it, to exercise the split without a million rows. */
  readonly rowsPerSheet?: number;
}

/** Excel's grid (Excel specifications and limits): rows and columns per sheet, characters per cell. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
export const XLSX_MAX_CELL_CHARS = 32_767;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Style indexes into `cellXfs` of {@link STYLES_XML}. */
const STYLE = { text: 1, date: 2, datetime: 3, header: 4 } as const;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * `numFmtId` 49 is the built-in text format `@` (ECMA-376 Part 1 §18.8.30): a text cell keeps
 * that format when a user edits it in Excel, so typing into it does not turn `00123` into 123.
 * Dates use explicit ISO formats (164, 165) so they read the same in every locale.
 */
const STYLES_XML =
  XML_DECL +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>' +
  '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The parts of the package, by path: everything but the sheets themselves. */
function packageParts(names: readonly string[]): [string, string][] {
  const sheets = names.map((_, i) => i + 1);
  return [
    [
      '[Content_Types].xml',
      XML_DECL +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets
          .map(
            (n) =>
              `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ],
    [
      '_rels/.rels',
      XML_DECL +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/workbook.xml',
      XML_DECL +
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        names
          .map(
            (name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      XML_DECL +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (n) =>
              `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ],
    ['xl/styles.xml', STYLES_XML],
  ];
}

/**
 * Writes a table as an `.xlsx` workbook, yielding the ZIP's bytes as they are compressed.
 *
 * Why our own writer: `write-excel-file` is not in the registry this project installs from, and
 * the libraries that are build the whole workbook in memory. This one streams: each sheet's XML
 * is produced row by row and deflated by the platform's native `CompressionStream` into a ZIP
 * written by {@link zipStream}; only compressed bytes are kept. (A first version deflated with
 * fflate; a CPU profile showed its JavaScript deflate taking most of the time.) Strings are
 * written inline (`t="inlineStr"`): a shared-strings table needs every string before the
 * first row. Entries carry a fixed time stamp, so equal data gives equal bytes.
 *
 * - Text cells have the text format `@`: no number coercion, no e-notation, leading zeros kept.
 * - `number` columns write a value as a number only when it is a plain decimal with at most 15
 *   significant digits (what a double holds); `date`/`datetime` columns write ISO dates from
 *   1900-03-01 on as date serials with an ISO format (earlier ones hit Excel's 1900 leap-year
 *   bug and stay text); `boolean` columns write `true`/`false` (any case) as booleans. Every
 *   other value is text.
 * - Values are never formulas, so there is nothing for a formula-injection guard to do.
 * - Characters XML cannot hold are written as `_xHHHH_` and a literal `_xHHHH_` is escaped as
 *   `_x005F_xHHHH_` (ECMA-376 Part 1 §22.9.2.19, ST_Xstring).
 * - The first row is the header, bold and frozen.
 *
 * @throws PorterError `xlsx-too-many-columns`, `xlsx-cell-too-long` (with row and column),
 *   `xlsx-too-many-rows` (when `overflow` is `refuse`).
 * @example
 * const parts: Uint8Array[] = [];
 * for await (const part of writeXlsx(table, { sheetName: 'Contacts', overflow: 'split' })) parts.push(part);
 */
export async function* writeXlsx(
  table: Table,
  opts: XlsxWriteOptions,
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const columnCount = table.columns.length;
  if (columnCount > XLSX_MAX_COLUMNS) {
    throw new PorterError('xlsx-too-many-columns', {
      columns: columnCount,
      limit: XLSX_MAX_COLUMNS,
    });
  }
  const perSheet = Math.max(1, Math.min(opts.rowsPerSheet ?? XLSX_MAX_ROWS - 1, XLSX_MAX_ROWS - 1));
  const sheetCount = Math.max(1, Math.ceil(table.rowCount / perSheet));
  if (sheetCount > 1 && opts.overflow === 'refuse') {
    throw new PorterError('xlsx-too-many-rows', { rows: table.rowCount, limit: XLSX_MAX_ROWS - 1 });
  }
  const names = sheetNames(opts.sheetName, sheetCount);
  const encoder = new TextEncoder();
  const parts: ZipEntrySource[] = packageParts(names).map(([name, xml]) => ({
    name,
    data: [encoder.encode(xml)],
  }));
  const sheets = names.map((_, s) => ({
    name: `xl/worksheets/sheet${s + 1}.xml`,
    data: sheetXml(table, opts, s, perSheet),
  }));
  yield* zipStream([...parts, ...sheets]);
}

/** One sheet's XML, encoded in chunks of about {@link CHUNK_CHARS} characters. */
function* sheetXml(
  table: Table,
  opts: XlsxWriteOptions,
  sheet: number,
  perSheet: number,
): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const columnCount = table.columns.length;
  const cellOf = cellWriter(opts.types ?? []);
  const letters = table.columns.map((_, c) => columnLetters(c));
  let buffer =
    XML_DECL +
    `<worksheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetData><row r="1">';
  for (let c = 0; c < columnCount; c++) {
    buffer += `<c r="${letters[c]}1" s="${STYLE.header}" t="inlineStr"><is><t xml:space="preserve">${xstring(table.columns[c] as string)}</t></is></c>`;
  }
  buffer += '</row>';
  const first = sheet * perSheet;
  const last = Math.min(table.rowCount, first + perSheet);
  for (let r = first; r < last; r++) {
    const rowNumber = r - first + 2;
    buffer += `<row r="${rowNumber}">`;
    for (let c = 0; c < columnCount; c++) {
      const value = table.cell(r, c);
      if (value === null || value === '') continue;
      if (value.length > XLSX_MAX_CELL_CHARS) {
        throw new PorterError('xlsx-cell-too-long', {
          row: table.sourceRow(r),
          column: table.columns[c] as string,
          limit: XLSX_MAX_CELL_CHARS,
        });
      }
      buffer += cellOf(c, `${letters[c]}${rowNumber}`, value);
    }
    buffer += '</row>';
    if (buffer.length >= CHUNK_CHARS) {
      yield encoder.encode(buffer);
      buffer = '';
    }
  }
  buffer += '</sheetData></worksheet>';
  yield encoder.encode(buffer);
}

function textCell(ref: string, value: string): string {
  return `<c r="${ref}" s="${STYLE.text}" t="inlineStr"><is><t xml:space="preserve">${xstring(value)}</t></is></c>`;
}

/** The cell XML for one non-empty value, by the column's type. */
function cellWriter(
  types: readonly XlsxCellType[],
): (column: number, ref: string, value: string) => string {
  return (column, ref, value) => {
    switch (types[column] ?? 'text') {
      case 'number':
        return isExactNumber(value) ? `<c r="${ref}"><v>${value}</v></c>` : textCell(ref, value);
      case 'date':
      case 'datetime': {
        const serial = dateSerial(value);
        if (serial === null) return textCell(ref, value);
        const style = Number.isInteger(serial) ? STYLE.date : STYLE.datetime;
        return `<c r="${ref}" s="${style}"><v>${serial}</v></c>`;
      }
      case 'boolean': {
        const lower = value.toLowerCase();
        if (lower === 'true' || lower === 'false')
          return `<c r="${ref}" t="b"><v>${lower === 'true' ? 1 : 0}</v></c>`;
        return textCell(ref, value);
      }
      case 'text':
        return textCell(ref, value);
    }
  };
}

const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d{0,307})(?:\.\d{1,300})?$/;

/**
 * True when Excel would store this text as a number that shows the same digits: a plain
 * decimal (no exponent, no leading zero, no `+`) with at most 15 significant digits.
 */
export function isExactNumber(value: string): boolean {
  if (!PLAIN_DECIMAL.test(value)) return false;
  let digits = value.replace('-', '').replace('.', '');
  let start = 0;
  while (start < digits.length - 1 && digits[start] === '0') start++;
  digits = digits.slice(start);
  let end = digits.length;
  if (value.includes('.')) while (end > 1 && digits[end - 1] === '0') end--;
  return end <= 15;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MS = 86_400_000;
/** Excel's day 0 for the 1900 date system as it behaves from 1900-03-01 on (day 61). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * An ISO date or local date-time (no zone: Excel has none) as an Excel serial number, or null
 * when it is not a real date, is before 1900-03-01 or after 9999-12-31.
 *
 * @example
 * dateSerial('2024-01-31'); // 45322
 * dateSerial('2024-01-31T12:00'); // 45322.5
 */
export function dateSerial(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (m === null) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((p) => p ?? '0') as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    return null;
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const days = (ms - EXCEL_EPOCH) / DAY_MS;
  if (days < 61) return null;
  return days + (hours * 3600 + minutes * 60 + seconds) / 86_400;
}

/** `A`, `B`, … `Z`, `AA` … for a zero-based column index. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Sheet names: at most 31 characters, none of `[ ] : * ? / \`, not blank (Excel refuses the
 * workbook otherwise). Split sheets get ` (2)`, ` (3)` … within the 31.
 */
export function sheetNames(base: string, count: number): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  let name = base.replace(/[[\]:*?/\\\u0000-\u001f]/g, ' ').trim();
  if (name === '' || name.toLowerCase() === 'history') name = 'Data';
  if (count === 1) return [name.slice(0, 31)];
  return Array.from({ length: count }, (_, i) => {
    const suffix = i === 0 ? '' : ` (${i + 1})`;
    return name.slice(0, 31 - suffix.length) + suffix;
  });
}

function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * Text for `<t>`: XML-escaped, with characters XML 1.0 cannot hold as `_xHHHH_` and literal
 * `_xHHHH_` sequences protected (ST_Xstring). Lone surrogates become U+FFFD.
 */
export function xstring(value: string): string {
  let out = '';
  let plain = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let replacement: string | null = null;
    if (code === 0x26) replacement = '&amp;';
    else if (code === 0x3c) replacement = '&lt;';
    else if (code === 0x3e) replacement = '&gt;';
    else if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      replacement = `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
    } else if (code === 0x0d) replacement = '&#13;';
    else if (code === 0x5f && isEscapeAt(value, i)) replacement = '_x005F_';
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = '\uFFFD';
    } else if (code >= 0xdc00 && code <= 0xdfff) replacement = '\uFFFD';
    if (replacement !== null) {
      out += value.slice(plain, i) + replacement;
      plain = i + 1;
    }
  }
  return plain === 0 ? value : out + value.slice(plain);
}

/** True when `_xHHHH_` starts at `i`. */
function isEscapeAt(value: string, i: number): boolean {
  if (value.charCodeAt(i + 1) !== 0x78 || value.charCodeAt(i + 6) !== 0x5f) return false;
  for (let k = i + 2; k < i + 6; k++) {
    const c = value.charCodeAt(k);
    const hex = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
    if (!hex) return false;
  }
  return true;
}
