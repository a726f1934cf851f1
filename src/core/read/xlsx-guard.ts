import { isAbortError, PorterError } from '../model/porter-error';
import {
  EXCEL_MAX_CELL_CHARS,
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  MAX_COLUMNS,
  MAX_XLSX_GRID_CELLS,
  MAX_XLSX_INFLATED_BYTES,
  MAX_XLSX_PART_BYTES,
} from './read-limits';
import { sheetLayout, type XlsxLayout } from './xlsx-layout';
import { SheetRewrite } from './xlsx-sheet-rewrite';
import { listZipEntries, inflateZipEntry, type ZipEntry } from './xlsx-zip';
import { XmlScanner, type XmlHandler } from './xml-scan';

/** The budgets the guard enforces; tests pass smaller ones. */
export interface XlsxBudget {
  readonly partBytes: number;
  readonly totalBytes: number;
  readonly gridCells: number;
  readonly columns: number;
}

export const DEFAULT_XLSX_BUDGET: XlsxBudget = {
  partBytes: MAX_XLSX_PART_BYTES,
  totalBytes: MAX_XLSX_INFLATED_BYTES,
  gridCells: MAX_XLSX_GRID_CELLS,
  columns: MAX_COLUMNS,
};

/** Number cells of the chosen sheet with a style (`s`): how many, the first, the highest style index. */
export interface XlsxStyledNumbers {
  readonly count: number;
  readonly first: { readonly row: number; readonly column: number } | null;
  readonly maxStyle: number;
  /** The cell with the highest style index (its A1 address), and that style as written. */
  readonly maxStyleCell: string;
  readonly maxStyleText: string;
}

const decoder = new TextDecoder();

/**
 * Checks a workbook before the spreadsheet library sees it, which would otherwise inflate every
 * part without a cap and build the sheet as a dense rows × columns grid:
 *
 * 1. every part is inflated with a cap per part and in total, checked while inflating (a zip
 *    bomb stops at the cap, whatever sizes its directory claims);
 * 2. the chosen sheet's cell addresses are checked against Excel's limits (XFD, 1,048,576),
 *    and the grid it spans against the column and cell budgets;
 * 3. no cell text (shared strings, inline strings, values) is longer than Excel allows;
 * 4. the chosen sheet's cells without an `r` attribute are given their address, so the library
 *    can read them (see `checkSheet`), within what the part budgets leave.
 *
 * `xml` holds every XML part for the library: as inflated, the chosen sheet as rewritten when
 * step 4 changed it.
 *
 * @throws PorterError `xlsx-part-too-large`, `xlsx-cell-out-of-range`, `xlsx-sheet-too-large`,
 *   `xlsx-text-too-long`, `xlsx-invalid` (a part that is not a zip entry we can read).
 */
export async function guardXlsx(
  bytes: Uint8Array,
  sheetFor: (sheets: readonly string[]) => string | undefined,
  checkpoint: () => Promise<void>,
  budget: XlsxBudget = DEFAULT_XLSX_BUDGET,
): Promise<
  XlsxLayout & { sheet: string | undefined; xml: Record<string, Uint8Array>; errors: XlsxErrorCell[]; styled: XlsxStyledNumbers }
> {
  const entries = listZipEntries(bytes);
  const parts = new Map<string, Uint8Array>();
  // Every XML part as inflated here, for the spreadsheet library (see `readXlsx`).
  const xml: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  let total = 0;
  for (const entry of entries) {
    const data = await inflateCapped(bytes, entry, budget, total);
    total += data.length;
    if (isGuardedPart(entry.name)) parts.set(entry.name, data);
    if (entry.name.endsWith('.xml') || entry.name.endsWith('.xml.rels')) xml[entry.name] = data;
    await checkpoint();
  }
  const layout = sheetLayout(parts);
  const sheet = sheetFor(layout.sheets);
  const strings = parts.get('xl/sharedStrings.xml');
  if (strings !== undefined) await checkTextLengths('xl/sharedStrings.xml', strings, checkpoint);
  const path = sheet === undefined ? undefined : layout.sheetPaths.get(sheet);
  const sheetXml = path === undefined ? undefined : parts.get(path);
  if (sheet === undefined || path === undefined || sheetXml === undefined)
    return { ...layout, sheet, xml, errors: [], styled: NO_STYLED };
  // The sheet as rewritten (cell references filled in) may take what is left of the budgets.
  const room = Math.min(budget.partBytes, budget.totalBytes - total + sheetXml.length);
  const refuse = (): never => partTooLarge(path, room, budget, bytes.length);
  const { errors, rewritten, styled } = await checkSheet(sheet, path, sheetXml, budget, checkpoint, room, refuse);
  if (rewritten !== null && xml[path] !== undefined) xml[path] = rewritten;
  return { ...layout, sheet, xml, errors, styled };
}

const NO_STYLED: XlsxStyledNumbers = { count: 0, first: null, maxStyle: -1, maxStyleCell: '', maxStyleText: '' };

/** The parts the guard reads; every other part is only inflated to be measured. */
function isGuardedPart(name: string): boolean {
  return (
    name === 'xl/workbook.xml' ||
    name === 'xl/_rels/workbook.xml.rels' ||
    name === 'xl/sharedStrings.xml' ||
    name.startsWith('xl/worksheets/')
  );
}

async function inflateCapped(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: XlsxBudget,
  used: number,
): Promise<Uint8Array> {
  const cap = Math.min(budget.partBytes, budget.totalBytes - used);
  const refuse = (): never => partTooLarge(entry.name, cap, budget, bytes.length);
  // The directory's claim is checked first (cheap), the real output while inflating (the claim
  // can lie).
  if (entry.uncompressedSize > cap) refuse();
  const data = await inflateZipEntry(bytes, entry, cap);
  if (data === null) refuse();
  return data as Uint8Array;
}

/** Refuses part `path` for passing `cap`, its share of the budget; `size` is the file's. */
function partTooLarge(path: string, cap: number, budget: XlsxBudget, size: number): never {
  const whole = cap === budget.partBytes ? budget.partBytes : budget.totalBytes;
  throw new PorterError('xlsx-part-too-large', { path, limit: whole, total: budget.totalBytes, size });
}

/**
 * Column number (1-based) and row of an A1 reference, or null when it is not one. Decided by
 * a loop over at most 10 characters, so a hostile `r` attribute costs nothing.
 */
export function parseCellRef(ref: string): { column: number; row: number } | null {
  let i = 0;
  let column = 0;
  while (i < ref.length && i < 4) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
    i++;
  }
  if (i === 0) return null;
  const digits = ref.length - i;
  if (digits < 1 || digits > 8) return null;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  return row === 0 ? null : { column, row };
}

/** Letters of a 1-based column number (1 → A, 16384 → XFD). */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Characters scanned between checkpoints, so a cancel is heard inside a large part. */
const SLICE = 1 << 20;

async function scanInSlices(scanner: XmlScanner, checkpoint: () => Promise<void>): Promise<void> {
  while (!scanner.done) {
    scanner.scan(scanner.pos + SLICE);
    await checkpoint();
  }
}

/**
 * Checks the chosen sheet (addresses, grid, text lengths), keeps its error cells, and gives
 * every `<c>` without an `r` attribute one. SpreadsheetML makes `r` optional on cells and rows
 * (ECMA-376 Part 1, §18.3.1.4 and §18.3.1.73): a cell without one is in the column after the
 * previous cell of its row, or in the first column (how Office reads it, [MS-OI29500] "c (Cell)":
 * https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/2fd4e47f-0965-4c60-95bd-cff980b6c325),
 * and a row without one is the row after the previous row. Streaming writers and older Java and
 * PHP libraries leave them out, and read-excel-file takes a cell's place from its `r` alone, so
 * it refused such a sheet as damaged. The addresses given are the places this scan counts for
 * the budgets and the error cells anyway, so the library, the budgets and the error cells agree.
 * A sheet whose cells all have `r` is handed on untouched (rows without `r` the library reads).
 *
 * A `<dimension>` the library cannot parse (no `ref`, or not A1 references) also made it refuse
 * the sheet, though it uses nothing of it (the element is advisory, §18.3.1.35): its tag is
 * given `ref="A1"`, what Apache POI writes for a sheet of unknown extent.
 */
async function checkSheet(
  sheet: string,
  path: string,
  xml: Uint8Array,
  budget: XlsxBudget,
  checkpoint: () => Promise<void>,
  room: number,
  tooLarge: () => never,
): Promise<{ errors: XlsxErrorCell[]; rewritten: Uint8Array | null; styled: XlsxStyledNumbers }> {
  const text = decoder.decode(xml);
  // Number cells with a style, for a workbook without its styles part (see readXlsx).
  let styledCount = 0;
  let firstStyled: { row: number; column: number } | null = null;
  let maxStyle = -1;
  let maxStyleCell = '';
  let maxStyleText = '';
  /** The open number cell's style, else null; the depth of its open `<v>`; whether it holds a value. */
  let cellStyle: string | null = null;
  let styledValueDepth = 0;
  let styledValue = false;
  // Only a cell with a value needs its style: the library reads a number cell without one as empty.
  const noteStyled = (style: string): void => {
    styledCount++;
    firstStyled ??= { row, column };
    // A style that is not an index counts as the highest: nothing could define it.
    const index = /^\d{1,9}$/.test(style) ? Number(style) : Number.MAX_SAFE_INTEGER;
    if (index > maxStyle) {
      maxStyle = index;
      maxStyleCell = `${columnLetters(column)}${row}`;
      maxStyleText = style.slice(0, 20);
    }
  };
  const rewrite = new SheetRewrite(text, room, tooLarge);
  const errors: XlsxErrorCell[] = [];
  /** The open cell is an error cell (`t="e"`), and its text so far. */
  let inError = false;
  let errorText = '';
  /** Depth of the error cell's open `<v>` (its value, not its formula), else 0. */
  let valueDepth = 0;
  let maxRow = 0;
  let maxColumn = 0;
  let row = 0;
  let column = 0;
  let textLength = 0;
  /** Element depth, and the depth of the open `<c>` (0 when outside a cell). */
  let depth = 0;
  let cellDepth = 0;
  const outOfRange = (cell: string): never => {
    throw new PorterError('xlsx-cell-out-of-range', { sheet, cell: cell.slice(0, 20) });
  };
  const openCell = (attrs: readonly string[]): void => {
    let ref: string | undefined;
    for (let i = 0; i < attrs.length; i += 2) {
      if (attrs[i] === 'r') ref = attrs[i + 1];
    }
    if (ref === undefined) {
      column++;
      if (column > EXCEL_MAX_COLUMNS) outOfRange(`${columnLetters(column)}${row}`);
      rewrite.addAttribute(scanner.pos, ` r="${columnLetters(column)}${row}"`);
    } else {
      const at = parseCellRef(ref) ?? outOfRange(ref);
      if (at.column > EXCEL_MAX_COLUMNS || at.row > EXCEL_MAX_ROWS) outOfRange(ref);
      column = at.column;
      row = at.row;
    }
    if (row <= maxRow && column <= maxColumn) return;
    maxRow = Math.max(maxRow, row);
    maxColumn = Math.max(maxColumn, column);
    if (maxColumn > budget.columns || maxRow * maxColumn > budget.gridCells) {
      throw new PorterError('xlsx-sheet-too-large', {
        sheet,
        cell: `${columnLetters(column)}${row}`,
        rows: maxRow,
        columns: maxColumn,
        maxColumns: budget.columns,
        limit: budget.gridCells,
      });
    }
  };
  const handler: XmlHandler = {
    open(name, attrs) {
      depth++;
      if (name === 'row') {
        let r = row + 1;
        for (let i = 0; i < attrs.length; i += 2) {
          if (attrs[i] === 'r') r = Number(attrs[i + 1]);
        }
        if (!Number.isInteger(r) || r < 1 || r > EXCEL_MAX_ROWS) outOfRange(`row ${String(r)}`);
        row = r;
        column = 0;
      } else if (name === 'c') {
        openCell(attrs);
        cellDepth = depth;
        textLength = 0;
        inError = false;
        let type = 'n';
        let style: string | undefined;
        for (let i = 0; i < attrs.length; i += 2) {
          if (attrs[i] === 't') type = attrs[i + 1] as string;
          else if (attrs[i] === 's') style = attrs[i + 1];
        }
        inError = type === 'e';
        errorText = '';
        cellStyle = style !== undefined && type === 'n' ? style : null;
        styledValue = false;
      } else if (name === 'v' && inError) valueDepth = depth;
      else if (name === 'v' && cellStyle !== null && cellDepth !== 0) styledValueDepth = depth;
      else if (name === 'dimension' && !isDimensionRef(attrs)) rewrite.replaceStartTag(scanner.pos, ' ref="A1"');
    },
    text(value) {
      if (cellDepth === 0) return;
      textLength += value.length;
      if (textLength > EXCEL_MAX_CELL_CHARS) tooLong(path, textLength);
      if (valueDepth !== 0) errorText += value;
      if (styledValueDepth !== 0 && value !== '') styledValue = true;
    },
    close() {
      if (depth === valueDepth) valueDepth = 0;
      if (depth === styledValueDepth) styledValueDepth = 0;
      if (depth === cellDepth) {
        cellDepth = 0;
        if (cellStyle !== null && styledValue) noteStyled(cellStyle);
        cellStyle = null;
        // An error cell's value (#N/A, #DIV/0!…), which the spreadsheet library drops.
        if (inError && errors.length < MAX_ERROR_CELLS) errors.push({ row, column, text: errorText.trim() || '#VALUE!' });
        inError = false;
      }
      depth--;
    },
  };
  const scanner = new XmlScanner(text, handler);
  try {
    await scanInSlices(scanner, checkpoint);
  } catch (err) {
    if (err instanceof PorterError || isAbortError(err)) throw err;
    throw new PorterError('xlsx-invalid', { sheet }, { cause: err });
  }
  return {
    errors,
    rewritten: rewrite.finish(),
    styled: { count: styledCount, first: firstStyled, maxStyle, maxStyleCell, maxStyleText },
  };
}

/** True when a `<dimension>`'s `ref` is one A1 reference or a range of two. */
function isDimensionRef(attrs: readonly string[]): boolean {
  let ref: string | undefined;
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'ref') ref = attrs[i + 1];
  if (ref === undefined) return false;
  const colon = ref.indexOf(':');
  if (colon === -1) return parseCellRef(ref) !== null;
  return parseCellRef(ref.slice(0, colon)) !== null && parseCellRef(ref.slice(colon + 1)) !== null;
}

/** A cell holding a formula error (`t="e"`): its 1-based row and column, and the error's text. */
export interface XlsxErrorCell {
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

/** Error cells kept with their values; past this many a sheet's errors are counted only by the read's issues. */
const MAX_ERROR_CELLS = 100_000;

function tooLong(path: string, length: number): never {
  throw new PorterError('xlsx-text-too-long', { path, length, limit: EXCEL_MAX_CELL_CHARS });
}

/** Every shared string (`<si>`, rich runs added up) fits in one Excel cell. */
async function checkTextLengths(
  path: string,
  xml: Uint8Array,
  checkpoint: () => Promise<void>,
): Promise<void> {
  let inItem = 0;
  let length = 0;
  const handler: XmlHandler = {
    open(name) {
      if (name === 'si') {
        inItem++;
        length = 0;
      }
    },
    text(value) {
      if (inItem === 0) return;
      length += value.length;
      if (length > EXCEL_MAX_CELL_CHARS) tooLong(path, length);
    },
    close() {},
  };
  try {
    await scanInSlices(new XmlScanner(decoder.decode(xml), handler), checkpoint);
  } catch (err) {
    if (err instanceof PorterError || isAbortError(err)) throw err;
    throw new PorterError('xlsx-invalid', { reason: 'shared-strings' }, { cause: err });
  }
}
