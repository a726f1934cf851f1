import { readCsv } from '../read/csv-read';
import { readXlsx } from '../read/xlsx-read';
import { detectDialect, dialectOf } from '../detect/dialect';
import { decodeBytes, detectEncoding } from '../detect/encoding';
import { needsFormulaGuard } from '../write/formula-guard';
import { suggestMapping } from '../mapping/suggest-mapping';
import { adviseTransforms } from '../mapping/default-transforms';
import type { TransformAdvice } from '../mapping/transform-advice';
import type { Suggestion } from '../mapping/mapping-types';
import { namesAlreadySplit } from '../mapping/transform-catalogue';
import { countryOfLanguage, inferPhoneCountry, type PhoneCountryGuess } from '../transform/phone-country';
import { loadPhoneSupport } from '../transform/phone-support';
import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import type { CrmObject } from '../schema/schema-types';
import { serializeCsv } from '../write/csv-write';
import type { MappedWorkspace } from './mapped-workspace';

/** Sample values per column that suggestions look at. */
const SAMPLE_ROWS = 200;

export interface MappingProposal {
  readonly suggestions: readonly Suggestion[];
  /** Up to three non-empty example values per source column, for the mapping table. */
  readonly examples: readonly (readonly string[])[];
  /**
   * Per source column, the default transforms for each field it may go to (the suggestion and
   * its alternatives): applied when the column's values show they are right, else offered.
   */
  readonly advice: readonly (readonly TransformAdvice[])[];
  /** The default country for phone numbers, inferred from the numbers and the language. */
  readonly phoneCountry: PhoneCountryGuess;
}

/** What upload detected about the file, and the user's language, for the defaults. */
export interface ProposalContext {
  readonly dateOrder: 'DMY' | 'MDY' | 'YMD' | 'unknown';
  readonly decimal: '.' | ',' | undefined;
  /** BCP 47 tag of the page's language (`en`, `zh-CN`): the phone country when numbers say nothing. */
  readonly language: string;
}

const NO_CONTEXT: ProposalContext = { dateOrder: 'unknown', decimal: undefined, language: 'en' };

/**
 * Suggests a field for every source column from its header and its first values, infers the
 * phone country, and works out the default transforms of each candidate field.
 *
 * @example
 * (await proposeMapping(table, CONTACT_OBJECT)).suggestions[0]; // { column: 0, field: 'email', confidence: 0.97, … }
 */
export async function proposeMapping(table: Table, object: CrmObject, context: ProposalContext = NO_CONTEXT): Promise<MappingProposal> {
  const rows = Math.min(SAMPLE_ROWS, table.rowCount);
  const samples: Cell[][] = table.columns.map((_, c) =>
    Array.from({ length: rows }, (_unused, r) => table.cell(r, c)),
  );
  const examples = samples.map((values) =>
    values.filter((v): v is string => v !== null && v.trim() !== '').slice(0, 3),
  );
  const suggestions = suggestMapping(table.columns, samples, object);
  const fieldOf = (key: string) => object.fields.find((f) => f.key === key);
  const candidates = suggestions.map((s) =>
    [s.field, ...s.alternatives.map((a) => a.field)].flatMap((k) => {
      const f = k === null ? undefined : fieldOf(k);
      return f === undefined ? [] : [f];
    }),
  );
  // The phone library is a lazy chunk: loaded only when some column may hold phone numbers.
  const phoneColumns = candidates.flatMap((fields, c) => (fields.some((f) => f.type === 'phone') ? [c] : []));
  const phones = phoneColumns.length > 0 ? await loadPhoneSupport() : undefined;
  const phoneCountry =
    phones === undefined
      ? { country: countryOfLanguage(context.language), reason: 'language' as const, samples: 0, support: 0 }
      : inferPhoneCountry(phoneColumns.flatMap((c) => samples[c] ?? []), context.language, phones);
  const nameSplit = namesAlreadySplit(suggestions.filter((s) => s.apply));
  const advice = candidates.map((fields, column) =>
    fields.map((f) =>
      adviseTransforms(f, samples[column] ?? [], {
        column,
        dateOrder: context.dateOrder,
        decimal: context.decimal,
        country: phoneCountry.country,
        phones,
        nameSplit,
      }),
    ),
  );
  return { suggestions, examples, advice, phoneCountry };
}

/** Column of the error report that carries the source row number, to merge fixes back. */
export const REPORT_ROW_COLUMN = '_row';

/**
 * The rows with problems as CSV: the source row number, the current mapped values (what to
 * fix), and one column per field that has a problem, saying what is wrong. Opened in Excel,
 * fixed, and re-uploaded, it merges back by row number.
 */
export function* errorReportCsv(ws: MappedWorkspace, describe: (field: string, rule: string, reason: string) => string): Generator<string> {
  const table = errorReportTable(ws, describe);
  yield* serializeCsv(table, { delimiter: ',', quoting: 'minimal', newline: '\r\n', bom: true, formulaGuard: true });
}

/** The error report as a table, for the CSV above or an `.xlsx` (every cell text). */
export function errorReportTable(ws: MappedWorkspace, describe: (field: string, rule: string, reason: string) => string): Table {
  const fields = ws.fields;
  const problemColumns = fields.map((f) => `${f.key} problem`);
  const rows: Cell[][] = [];
  const sourceRows: number[] = [];
  // Rows come in ascending order from the problem store.
  for (const [row, list] of ws.result.rows) {
    if (ws.isDeleted(row)) continue;
    const cells: Cell[] = [String(ws.source.sourceRow(row))];
    fields.forEach((_, f) => cells.push(ws.cell(row, f)));
    fields.forEach((f) => {
      const mine = list.filter((c) => c.field === f.key);
      cells.push(mine.map((c) => describe(f.key, c.problem.rule, String(c.problem.params?.['reason'] ?? ''))).join('; '));
    });
    rows.push(cells);
    sourceRows.push(ws.source.sourceRow(row));
  }
  const columns = [REPORT_ROW_COLUMN, ...fields.map((f) => f.key), ...problemColumns];
  const table: Table = {
    columns,
    rowCount: rows.length,
    cell: (r, c) => rows[r]?.[c] ?? null,
    row: (r) => [...(rows[r] ?? [])],
    sourceRow: (r) => sourceRows[r] ?? 0,
  };
  return table;
}

/**
 * Reads a corrected error report and returns the cell changes it makes: for every report row
 * whose `_row` matches a source row, each field column whose value differs from the current
 * value. Unknown rows and columns are counted, not guessed at.
 */
export async function readErrorReport(
  bytes: Uint8Array,
  ws: MappedWorkspace,
  signal?: AbortSignal,
): Promise<{ changes: { row: number; field: string; value: Cell }[]; unknownRows: number; rows: number }> {
  // A report saved as .xlsx (ZIP signature) is read as a workbook; its cells were never guarded.
  const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const table = isXlsx ? (await readXlsx(bytes, {}, { signal })).table : await readReportCsv(bytes, signal);
  const clean = isXlsx ? (v: string): string => v : unguard;
  const rowColumn = table.columns.indexOf(REPORT_ROW_COLUMN);
  if (rowColumn < 0) throw new PorterError('report-invalid', { column: REPORT_ROW_COLUMN });
  const bySource = new Map<number, number>();
  for (let r = 0; r < ws.source.rowCount; r++) bySource.set(ws.source.sourceRow(r), r);
  const fieldColumns = ws.fields
    .map((f, i) => ({ key: f.key, field: i, column: table.columns.indexOf(f.key) }))
    .filter((f) => f.column >= 0);
  const changes: { row: number; field: string; value: Cell }[] = [];
  let unknownRows = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const row = bySource.get(Number(table.cell(r, rowColumn)));
    if (row === undefined || ws.isDeleted(row)) {
      unknownRows++;
      continue;
    }
    for (const f of fieldColumns) {
      const value = clean(table.cell(r, f.column) ?? '');
      if (value !== (ws.cell(row, f.field) ?? '')) changes.push({ row, field: f.key, value });
    }
  }
  return { changes, unknownRows, rows: table.rowCount };
}

async function readReportCsv(bytes: Uint8Array, signal: AbortSignal | undefined): Promise<Table> {
  const encoding = detectEncoding(bytes.subarray(0, 1 << 20)).value;
  const { text } = decodeBytes(bytes, encoding);
  return (await readCsv(text, dialectOf(detectDialect(text.slice(0, 65536))), { signal })).table;
}

/**
 * Undoes the formula guard the report was written with, so `'=x` comes back as `=x`: exactly
 * the values the guard would have prefixed lose the `'`; a `'-5` the user typed stays.
 */
function unguard(value: string): string {
  return value.startsWith("'") && needsFormulaGuard(value.slice(1)) ? value.slice(1) : value;
}
