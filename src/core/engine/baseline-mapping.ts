import { applyTemplate, createTemplate } from '../mapping/template-match';
import type { ColumnMapping } from '../mapping/mapping-types';
import type { Cell } from '../model/cell';
import { pickColumns, TableBuilder, type Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { columnTable, type ColumnSource } from './column-table';
import type { MappedColumn } from './mapped-column';
import { buildMappedColumns, type MappedField, type MappingPlan } from './mapped-columns';

/** How a baseline file was brought to the current data's columns. */
export type BaselineMapping = 'as-read' | 'same-mapping' | 'not-mapped';

/**
 * Brings a baseline file to the columns of the current data. When the current data is mapped
 * to CRM fields and the baseline has the SAME source headers (last month's export of the same
 * system), the same mapping — transforms included — is applied to it, so both sides compare
 * field by field. A baseline already in field keys (a CRM Porter export or snapshot) is used
 * as read. Otherwise it is used as read and reported `not-mapped`, so the user is told why
 * the columns do not line up.
 */
export async function mapBaseline(
  baseline: Table,
  plan: MappingPlan | null,
  sourceHeaders: readonly string[],
  fieldKeys: readonly string[],
  signal?: AbortSignal,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ table: Table; mapping: BaselineMapping }> {
  if (plan === null) return { table: baseline, mapping: 'as-read' };
  const has = new Set(baseline.columns);
  if (fieldKeys.length > 0 && fieldKeys.every((k) => has.has(k))) return { table: baseline, mapping: 'as-read' };
  const used = plan.columns.filter((c) => c.field !== null || c.custom === true).map((c) => sourceHeaders[c.column] ?? '');
  if (used.length === 0 || !used.every((h) => has.has(h))) return { table: baseline, mapping: 'not-mapped' };
  const template = createTemplate({
    id: 'baseline',
    name: 'baseline',
    object: plan.object.key,
    columns: sourceHeaders,
    mappings: sourceHeaders.map((_, i) => plan.columns.find((c) => c.column === i) ?? { field: null, transforms: [] }),
  });
  const columns = applyTemplate(template, baseline.columns);
  const built = await buildMappedColumns(baseline, { ...plan, columns }, signal, onProgress);
  const checkpoint = createCheckpoint(signal);
  // A field whose every value is its one source cell (no transforms, or transforms that changed
  // nothing, as `trim` on trimmed text) reads the baseline's column; only the others are packed
  // into a column of their own. No second copy of the baseline is ever built.
  const sources: ColumnSource[] = [];
  for (let f = 0; f < built.fields.length; f++) {
    const field = built.fields[f] as MappedField;
    const col = built.values[f] as MappedColumn;
    const only = field.sources.length === 1 ? (field.sources[0] as ColumnMapping) : undefined;
    const stats = col.stats();
    if (only !== undefined && stats.ownChunks === 0 && stats.edits === 0) {
      sources.push({ table: baseline, column: only.column });
      continue;
    }
    const b = new TableBuilder([field.def.key]);
    const cell: Cell[] = [null];
    for (let r = 0; r < baseline.rowCount; r++) {
      cell[0] = col.get(r);
      b.appendRow(cell, baseline.sourceRow(r));
      if ((r & 0xffff) === 0xffff) await checkpoint();
    }
    sources.push({ table: b.finish(), column: 0 });
  }
  // Only the columns read are kept: the baseline's other columns (transformed into columns of
  // their own, or not mapped) are garbage once the table as read is dropped.
  const read = [...new Set(sources.filter((s) => s.table === baseline).map((s) => s.column))];
  const kept = pickColumns(baseline, read);
  const columnsOf = kept === null ? sources : sources.map((s) => (s.table === baseline ? { table: kept, column: read.indexOf(s.column) } : s));
  return { table: columnTable(built.fields.map((f) => f.def.key), columnsOf, kept ?? baseline), mapping: 'same-mapping' };
}
