/** Problems found in the data. They are returned beside the rows, never thrown. */
export type ParseIssueCode =
  | 'ragged-row-short'
  | 'ragged-row-long'
  | 'unclosed-quote'
  | 'stray-quote'
  | 'nul-characters'
  | 'duplicate-header'
  | 'empty-header'
  | 'invalid-json-line'
  | 'non-object-record'
  | 'nested-array'
  | 'duplicate-key'
  | 'decode-replacement'
  | 'xlsx-formula-error'
  | 'xlsx-no-workbook-rels'
  | 'xlsx-no-styles'
  | 'truncated';

export type IssueSeverity = 'warning' | 'error';

/**
 * One problem in the data, with where it is. `row` is the 1-based source record number (the
 * header counts as row 1 in a CSV with a header, as a spreadsheet user would count); `line` is
 * the 1-based physical line where the format has lines.
 *
 * @example
 * { code: 'ragged-row-short', severity: 'warning', row: 12, line: 14, params: { expected: 5, found: 3 } }
 */
export interface ParseIssue {
  readonly code: ParseIssueCode;
  readonly severity: IssueSeverity;
  readonly row?: number;
  readonly line?: number;
  readonly column?: string;
  readonly path?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}
