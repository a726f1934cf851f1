import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { guardFormula } from './formula-guard';
import { CHUNK_CHARS, type CsvWriteOptions } from './write-types';

/**
 * Serialises a table as CSV (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180), header row
 * first, in chunks of roughly 64 KiB that end at record boundaries.
 *
 * - Every record, the last included, ends with `opts.newline` (as Excel writes it).
 * - `minimal` quoting quotes a field that contains the delimiter, `"`, CR or LF (what RFC 4180
 *   requires) and also one with a leading or trailing space or tab: RFC 4180 keeps such spaces,
 *   but many importers trim unquoted fields, and quoting them costs two bytes.
 * - A record that would be an empty line (one column, empty value) is written `""`, because
 *   most readers skip blank lines. In a one-column file, a field holding `,` `;` tab or `|` is
 *   quoted, so detection does not take that character for the delimiter.
 * - CSV cannot say "missing": `null` and `''` both write as an empty field.
 * - With `formulaGuard`, every field — header names too, since a header is a cell in a
 *   spreadsheet — goes through {@link guardFormula} before quoting.
 * - A table without columns writes nothing (only the BOM if asked for).
 *
 * Throws `PorterError('export-failed', { reason: 'invalid-delimiter' })` when the delimiter
 * is not one character, or is `"`, CR or LF.
 *
 * @example
 * const table = tableFromRows(['id', 'note'], [['1', 'a, b'], ['2', '=1+2']]);
 * [...serializeCsv(table, DEFAULT_CSV_WRITE)].join('');
 * // 'id,note\r\n1,"a, b"\r\n2,\'=1+2\r\n'
 */
export function* serializeCsv(table: Table, opts: CsvWriteOptions): Generator<string> {
  const { delimiter, newline } = opts;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new PorterError('export-failed', { reason: 'invalid-delimiter', delimiter });
  }
  const columnCount = table.columns.length;
  let buffer = opts.bom ? '\uFEFF' : '';
  if (columnCount === 0) {
    if (buffer !== '') yield buffer;
    return;
  }
  const field = fieldWriter(opts, columnCount === 1);
  const writeRecord = (cells: readonly Cell[]): string => {
    if (columnCount === 1 && (cells[0] ?? '') === '') return `""${newline}`;
    let line = field(cells[0] ?? '');
    for (let c = 1; c < columnCount; c++) line += delimiter + field(cells[c] ?? '');
    return line + newline;
  };
  buffer += writeRecord(table.columns);
  for (let r = 0; r < table.rowCount; r++) {
    buffer += writeRecord(table.row(r));
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/** RFC 4180 §2.7: a field in quotes doubles each quote inside it. */
function quote(v: string): string {
  return `"${v.replaceAll('"', '""')}"`;
}

/** Builds the per-field function once per export: guard, then quote. */
function fieldWriter(opts: CsvWriteOptions, oneColumn: boolean): (value: string) => string {
  const guard = opts.formulaGuard ? guardFormula : (v: string): string => v;
  if (opts.quoting === 'all') return (v) => quote(guard(v));
  const hex = opts.delimiter.charCodeAt(0).toString(16).padStart(4, '0');
  // A one-column file has no delimiter to find, so a field holding any delimiter the reader
  // might guess (',' ';' tab '|') is quoted too: quoting is always allowed, and it keeps values
  // like 'x;y' from being read back as ';'-separated (round trip through detection).
  const others = oneColumn ? ',;\\t|' : '';
  const needsQuotes = new RegExp(`[\\u${hex}"\\r\\n${others}]|^[ \\t]|[ \\t]$`);
  return (value) => {
    const v = guard(value);
    return needsQuotes.test(v) ? quote(v) : v;
  };
}
