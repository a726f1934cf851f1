/** The CSV dialect tests write and read most: comma, double quote, CR LF, a header row. */
export const CRLF_DIALECT = {
  delimiter: ',',
  quoteChar: '"',
  newline: '\r\n',
  header: 'first-row',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'unknown',
} as const;
