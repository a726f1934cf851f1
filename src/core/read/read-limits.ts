/**
 * Budgets every reader enforces before (or while) it does the work, so a small hostile file
 * cannot cost a large amount of time or memory. docs/limits.md lists them with the reasons.
 */

/** Columns any table may have, whatever the format: CSV fields, JSON keys, XML paths, sheet columns. */
export const MAX_COLUMNS = 10_000;
/** XML elements nested deeper than this are refused (CRM exports nest a handful of levels). */
export const MAX_XML_DEPTH = 256;
/** Issues kept per read; beyond this only the count is kept (see `ParseIssue` totals). */
export const MAX_READ_ISSUES = 1000;

/** Excel's own sheet size: columns A…XFD and 1,048,576 rows. A cell outside is not Excel's. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's limit on the characters of one cell. */
export const EXCEL_MAX_CELL_CHARS = 32_767;
/** Rows × columns of the grid a sheet spans: the spreadsheet library builds it densely. */
export const MAX_XLSX_GRID_CELLS = 20_000_000;
/** Bytes one part of an `.xlsx` (a zip) may inflate to, checked while inflating. */
export const MAX_XLSX_PART_BYTES = 256 * 1024 * 1024;
/** Bytes all parts of an `.xlsx` may inflate to together. */
export const MAX_XLSX_INFLATED_BYTES = 512 * 1024 * 1024;
