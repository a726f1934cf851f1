import type { ColumnMapping } from '../mapping/mapping-types';
import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { addCustomField } from '../schema/custom-field';
import type { CrmObject, FieldDef } from '../schema/schema-types';
import { applyTransforms, prepareTransforms } from '../transform/apply-transforms';
import type { TransformNote } from '../transform/transform-types';

/** The user's mapping: a target object and, per source column, where it goes. */
export interface MappingPlan {
  readonly object: CrmObject;
  readonly columns: readonly ColumnMapping[];
  /** ISO 3166 country for phone numbers without a country code. */
  readonly defaultCountry: string;
}

/** A field of the mapped data with the source columns feeding it. */
export interface MappedField {
  readonly def: FieldDef;
  readonly sources: readonly ColumnMapping[];
}

export interface BuiltColumns {
  readonly object: CrmObject;
  readonly fields: readonly MappedField[];
  /** One array per field, in field order: the mapped value of every row. */
  readonly values: Cell[][];
  /** Row → notes from transforms that could not read a value (ambiguous date, bad phone). */
  readonly notes: Map<number, { field: string; note: TransformNote }[]>;
}

/**
 * Works out the target fields of a plan: mapped built-in fields in schema order, then custom
 * fields in column order (created on the object so they validate like any other field).
 * Several columns mapped to one field that allows merging are joined with a space.
 */
export function planFields(plan: MappingPlan, headers: readonly string[]): { object: CrmObject; fields: MappedField[] } {
  let object = plan.object;
  const customKeys = new Map<number, string>();
  for (const m of plan.columns) {
    if (!m.custom || m.field !== null) continue;
    const before = new Set(object.fields.map((f) => f.key));
    object = addCustomField(object, { name: headers[m.column] ?? `column_${m.column + 1}`, type: 'text' });
    const added = object.fields.find((f) => !before.has(f.key));
    if (added) customKeys.set(m.column, added.key);
  }
  const fields: MappedField[] = [];
  for (const def of object.fields) {
    const sources = plan.columns.filter(
      (m) => (m.field ?? (m.custom ? customKeys.get(m.column) : undefined)) === def.key,
    );
    if (sources.length > 0) fields.push({ def, sources: def.allowMerge ? sources : sources.slice(0, 1) });
  }
  return { object, fields };
}

/**
 * Computes the mapped value of every cell, in slices with progress and cancel. A million rows
 * × 10 fields is ten million transform calls, so this runs in the worker.
 */
export async function buildMappedColumns(
  table: Table,
  plan: MappingPlan,
  signal: AbortSignal | undefined,
  onProgress: (done: number, total: number) => void,
): Promise<BuiltColumns> {
  const { object, fields } = planFields(plan, table.columns);
  for (const f of fields) for (const s of f.sources) await prepareTransforms(s.transforms);
  const checkpoint = createCheckpoint(signal);
  const values: Cell[][] = fields.map(() => []);
  const notes = new Map<number, { field: string; note: TransformNote }[]>();
  const rows = table.rowCount;
  const needsRow = fields.some((f) => f.sources.some((s) => s.transforms.some((t) => t.kind === 'join')));
  for (let r = 0; r < rows; r++) {
    const row = needsRow ? table.row(r) : EMPTY_ROW;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] as MappedField;
      let value: Cell = null;
      for (const source of field.sources) {
        const raw = table.cell(r, source.column);
        // No result object for untransformed cells: ten million of them are GC time (profiled).
        if (source.transforms.length === 0) {
          value = joinValues(value, raw);
          continue;
        }
        const out = applyTransforms(raw, source.transforms, { row });
        if (out.notes) {
          let list = notes.get(r);
          if (list === undefined) notes.set(r, (list = []));
          for (const note of out.notes) list.push({ field: field.def.key, note });
        }
        value = joinValues(value, out.value);
      }
      (values[f] as Cell[]).push(value);
    }
    if ((r & 0x1fff) === 0) {
      onProgress(r, rows);
      await checkpoint();
    }
  }
  onProgress(rows, rows);
  return { object, fields, values, notes };
}

const EMPTY_ROW: readonly Cell[] = [];

function joinValues(a: Cell, b: Cell): Cell {
  if (a === null || a === '') return b ?? a;
  if (b === null || b === '') return a;
  return `${a} ${b}`;
}
