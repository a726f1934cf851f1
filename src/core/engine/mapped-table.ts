import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import type { FieldType } from '../schema/schema-types';
import type { JsonValueType } from '../write/write-types';
import type { XlsxCellType } from '../write/xlsx-write';
import type { MappedWorkspace } from './mapped-workspace';

/** What happens at export to rows that still have errors. */
export type InvalidRowPolicy = 'block' | 'skip' | 'include';

/**
 * The mapped data as a {@link Table} for the writers: field keys as column names, picklist
 * values as option keys, deleted rows left out, and rows with errors left out when the policy is `skip`. Rows are resolved once
 * into an index so the writers read it like any table.
 */
export function mappedTable(ws: MappedWorkspace, policy: InvalidRowPolicy): { table: Table; skipped: number } {
  // Straight into a typed array (the page builds this at every comparison; an array of 1M
  // numbers and a copy of it cost more than the pass).
  const all = new Uint32Array(ws.source.rowCount);
  let kept = 0;
  let skipped = 0;
  for (let r = 0; r < ws.source.rowCount; r++) {
    if (ws.isDeleted(r)) continue;
    if (policy === 'skip' && ws.hasErrors(r)) {
      skipped++;
      continue;
    }
    all[kept++] = r;
  }
  const index = kept === all.length ? all : all.slice(0, kept);
  return { table: rowsTable(ws, index), skipped };
}

/**
 * The rows a comparison under the `skip` policy leaves out (rows with errors, not deleted), as a
 * {@link Table} like {@link mappedTable}'s: the diff's `heldRows`, so a baseline record whose new
 * row has errors is held back, never taken for gone.
 */
export function heldRowsTable(ws: MappedWorkspace): Table {
  const all = new Uint32Array(ws.source.rowCount);
  let held = 0;
  for (let r = 0; r < ws.source.rowCount; r++) if (!ws.isDeleted(r) && ws.hasErrors(r)) all[held++] = r;
  return rowsTable(ws, all.slice(0, held));
}

/** Workspace rows `index` (ascending) as a table of the mapped fields. */
function rowsTable(ws: MappedWorkspace, index: Uint32Array): Table {
  const columns = ws.fields.map((f) => f.key);
  const table: Table = {
    columns,
    rowCount: index.length,
    cell: (row, column) => ws.outputCell(index[row] as number, column),
    row: (row) => columns.map((_, c): Cell => ws.outputCell(index[row] as number, c)),
    sourceRow: (row) => ws.source.sourceRow(index[row] as number),
    // The canonical encoding for the diff reads cells in place through these, with no string per
    // cell (docs/architecture.md, "Hashing"). A run maps to one run of workspace rows only where
    // no row in it was left out.
    cellSpan: (row, column, span) => ws.outputSpan(index[row] as number, column, span),
    columnSpans: (column, from, to, starts, ends) => {
      if (to <= from) return '';
      const first = index[from] as number;
      if ((index[to - 1] as number) - first !== to - 1 - from) return null;
      return ws.outputSpans(column, first, first + (to - from), starts, ends);
    },
    columnSpansAside: (column, from, to, starts, ends) => {
      if (to <= from) return '';
      const first = index[from] as number;
      if ((index[to - 1] as number) - first !== to - 1 - from) return null;
      return ws.outputSpansAside(column, first, first + (to - from), starts, ends);
    },
  };
  return table;
}

const JSON_TYPES: Partial<Record<FieldType, JsonValueType>> = {
  number: 'number',
  currency: 'number',
  boolean: 'boolean',
};

/** JSON value types of the mapped fields: numbers and booleans where the field says so. */
export function jsonTypes(ws: MappedWorkspace): JsonValueType[] {
  return ws.fields.map((f) => JSON_TYPES[f.type] ?? 'string');
}

const XLSX_TYPES: Partial<Record<FieldType, XlsxCellType>> = {
  number: 'number',
  currency: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
};

/**
 * Excel cell types of the mapped fields: numbers, dates and booleans only where the field's type
 * says so; every other field (IDs, ZIP codes, phones, text) is written as text.
 */
export function xlsxTypes(ws: MappedWorkspace): XlsxCellType[] {
  return ws.fields.map((f) => XLSX_TYPES[f.type] ?? 'text');
}
