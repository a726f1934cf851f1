/** English: refusals of files beyond a reader's budget (docs/limits.md). Each says what, where, the limit, and what to do. */
export const enLimits = {
  'error.too-many-fields':
    'Record {row} brings the number of different fields past {limit} (at “{column}”). CRM Porter reads at most {limit} columns. Export fewer fields, or move the nested lists into a file of their own.',
  'error.xml-too-deep':
    'The XML nests elements more than {limit} levels deep at line {line}, column {column}. CRM records nest a few levels; export the data again without the deep nesting.',
  'error.xlsx-part-too-large':
    'Inside this workbook, “{path}” unpacks to more than {limit} (the whole workbook may unpack to at most {total}). It is too large for a browser, or not a real spreadsheet. Save the sheet as CSV in Excel and load that.',
  'error.xlsx-cell-out-of-range':
    'Sheet “{sheet}” has a cell at {cell}, outside what Excel allows (column XFD, row 1,048,576). The file is damaged or was not written by a spreadsheet program. Open it in Excel and save it again.',
  'error.xlsx-sheet-too-large':
    'Sheet “{sheet}” spans {rows, plural, one {# row} other {# rows}} × {columns, plural, one {# column} other {# columns}} (to cell {cell}); CRM Porter reads at most {maxColumns} columns and {limit} cells per sheet. Delete the unused rows and columns (or copy the data to a new sheet), save, and try again.',
  'error.xlsx-text-too-long':
    'A cell in “{path}” holds {length} characters; Excel allows at most {limit} in one cell. The file was not written by Excel or is damaged. Save the sheet as CSV and load that.',
} as const;
