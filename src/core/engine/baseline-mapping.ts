import { suggestMapping } from '../mapping/suggest-mapping';
import { applyTemplate, createTemplate, pairColumns } from '../mapping/template-match';
import type { ColumnMapping } from '../mapping/mapping-types';
import type { Cell } from '../model/cell';
import { pickColumns, type Table } from '../model/table';
import { knownValuesFor, type CurrentMapped } from './known-values';
import type { MappedColumn } from './mapped-column';
import { buildMappedColumns, type MappedField, type MappingPlan } from './mapped-columns';

/** How a baseline file was brought to the current data's columns. */
export type BaselineMapping = 'as-read' | 'same-mapping' | 'not-mapped';

/**
 * Brings a baseline file to the columns of the current data. When the current data is mapped
 * to CRM fields and the baseline has the SAME source headers (last month's export of the same
 * system; paired by normalised header, as a template is: `E-MAIL` is `E-Mail`), the same mapping — transforms included — is applied to it, so both sides compare
 * field by field. A baseline already in field keys (a CRM Porter export or snapshot) is used
 * as read. Otherwise it is used as read and reported `not-mapped`, so the user is told why
 * the columns do not line up. `current`, the current data as its plan mapped it: the values of
 * cells the baseline shares with it are taken from there instead of transformed again
 * (known-values.ts); the result is the same either way.
 */
export async function mapBaseline(
  baseline: Table,
  plan: MappingPlan | null,
  sourceHeaders: readonly string[],
  fieldKeys: readonly string[],
  signal?: AbortSignal,
  onProgress: (done: number, total: number) => void = () => undefined,
  current: CurrentMapped | null = null,
): Promise<{ table: Table; mapping: BaselineMapping }> {
  if (plan === null) return { table: baseline, mapping: 'as-read' };
  const has = new Set(baseline.columns);
  if (fieldKeys.length > 0 && fieldKeys.every((k) => has.has(k))) return { table: baseline, mapping: 'as-read' };
  // The same source headers, paired as the template below pairs them (`E-MAIL` = `E-Mail`,
  // `CONTACT_ID` = `Contact ID`): an exact match was asked for here, so a baseline whose headers
  // differ only in case or punctuation was not mapped, and nothing lined up. More than half of
  // the mapped columns must pair: a column this month's export gained (Mobile) is one the
  // baseline lacks, left to the new data (Review names it, "columns only in the new data").
  const used = plan.columns.filter((c) => c.field !== null || c.custom === true).map((c) => c.column);
  // A CRM Porter export of fewer fields (field keys, not every one of them): `first_name` pairs
  // with `First Name` when names are compared loosely, and its values, already mapped, would be
  // mapped again. More of its headers are field keys than are the new file's own headers.
  const keys = new Set(fieldKeys);
  const asKeys = baseline.columns.filter((h) => keys.has(h)).length;
  const asHeaders = used.filter((c) => has.has(sourceHeaders[c] ?? '')).length;
  if (asKeys > asHeaders) return { table: baseline, mapping: 'not-mapped' };
  const paired = new Set(pairColumns(sourceHeaders, baseline.columns));
  if (used.length === 0 || used.filter((c) => paired.has(c)).length * 2 <= used.length) return { table: baseline, mapping: 'not-mapped' };
  const template = createTemplate({
    id: 'baseline',
    name: 'baseline',
    object: plan.object.key,
    columns: sourceHeaders,
    mappings: sourceHeaders.map((_, i) => plan.columns.find((c) => c.column === i) ?? { field: null, transforms: [] }),
  });
  const mapped = withBaselineOnly(applyTemplate(template, baseline.columns), baseline.columns, plan);
  const { table, columns } = readColumns(baseline, mapped);
  // The current data mapped with the same plan: a cell it also holds is not transformed again.
  const known = current === null ? undefined : (field: MappedField) => knownValuesFor(current, field);
  const built = await buildMappedColumns(table, { ...plan, columns }, signal, onProgress, known);
  return { table: columnsTable(table, built.fields.map((f) => f.def.key), built.values), mapping: 'same-mapping' };
}

/** A column no field reads. */
const unread = (column: number): ColumnMapping => ({ column, field: null, transforms: [], origin: 'unmapped' });

/**
 * The baseline's columns the new file does not have at all (last month's export had a phone
 * column, tonight's has none), mapped as they are, with no transform: to the field their header
 * names (an exact name or synonym, as Map suggests from headers alone, so every batch of a
 * streamed baseline gets the same answer) when the mapping gives that field no column, else to a
 * custom field named after the header. Left out, they were gone from the commit, its snapshot
 * and the undo file, though a column the new data lacks is documented as kept, not compared.
 * Columns the new file has but the mapping skips ("Don't import") stay left out.
 */
function withBaselineOnly(mapped: readonly ColumnMapping[], headers: readonly string[], plan: MappingPlan): ColumnMapping[] {
  // The columns the template found no column of the new file for (`applyTemplate` pairs
  // headers as the page's templates do), so the two never disagree on which columns are shared.
  const only = mapped.filter((c) => c.origin === 'unmapped').map((c) => ({ h: headers[c.column] ?? '', column: c.column }));
  if (only.length === 0) return [...mapped];
  const taken = new Set(plan.columns.flatMap((c) => (c.field === null ? [] : [c.field])));
  const suggested = suggestMapping(
    only.map((o) => o.h),
    [],
    plan.object,
  );
  // Appended after the others, not in their places: custom keys are given in list order
  // (planFields), so the columns both sides have keep the keys the new data gave them.
  const kept: ColumnMapping[] = only.map(({ column }, i) => {
    const s = suggested[i];
    const field = s !== undefined && s.apply && s.field !== null && !taken.has(s.field) ? s.field : null;
    if (field !== null) taken.add(field);
    return { column, field, ...(field === null ? { custom: true } : {}), transforms: [], origin: 'unmapped' };
  });
  const onlySet = new Set(only.map((o) => o.column));
  return [...mapped.map((c) => (onlySet.has(c.column) ? unread(c.column) : c)), ...kept];
}

/**
 * The baseline's columns the mapping reads, as a table of their own that shares their chunks
 * (`pickColumns`: nothing copied), with the mapping's column numbers pointing into it. The
 * mapped baseline keeps only these: a column no field reads is garbage once the table as read
 * is let go (its text too where it has a text of its own, as JSON's columns do; a CSV block's
 * text is shared by all its columns, so there only its starts and ends go). A `join` transform
 * reads the whole row, so with one the whole table is kept.
 */
function readColumns(baseline: Table, mapped: readonly ColumnMapping[]): { table: Table; columns: readonly ColumnMapping[] } {
  if (mapped.some((c) => c.transforms.some((t) => t.kind === 'join'))) return { table: baseline, columns: mapped };
  const used = mapped.filter((c) => c.field !== null || c.custom === true);
  const read = [...new Set(used.map((c) => c.column))];
  const kept = read.length === baseline.columns.length ? null : pickColumns(baseline, read);
  if (kept === null) return { table: baseline, columns: mapped };
  return { table: kept, columns: used.map((c) => ({ ...c, column: read.indexOf(c.column) })) };
}

/**
 * The mapped baseline as a table that reads its columns where they are: a column its
 * transforms left alone is the baseline's own (shared chunks, spans and all), others hold only
 * the cells that changed (mapped-column.ts). Copying it into a new table instead made a string
 * per cell and cost more than reading the file (docs/architecture.md, "Baseline load").
 */
function columnsTable(source: Table, names: readonly string[], values: readonly MappedColumn[]): Table {
  const at = (column: number): MappedColumn | undefined => values[column];
  return {
    columns: names,
    rowCount: source.rowCount,
    cell: (row, column): Cell => at(column)?.get(row) ?? null,
    row: (row): Cell[] => values.map((v) => v.get(row)),
    sourceRow: (row) => source.sourceRow(row),
    cellSpan: (row, column, span) => at(column)?.span(row, span) ?? null,
    columnSpans: (column, from, to, starts, ends) => {
      const v = at(column);
      if (v !== undefined) return v.spans(from, to, starts, ends);
      starts.fill(-1, 0, to - from);
      return '';
    },
    columnSpansAside: (column, from, to, starts, ends) => at(column)?.spansAside(from, to, starts, ends) ?? null,
    // The baseline as read (every column, shared) plus what the mapped columns hold of their own.
    heldBytes: () => values.reduce((n, v) => n + v.heldBytes(), source.heldBytes?.() ?? 0),
  };
}
