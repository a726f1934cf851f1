import type { Cell } from '../model/cell';
import type { Table } from '../model/table';

/** Where a column of a {@link columnTable} reads its cells: a column of another table. */
export interface ColumnSource {
  readonly table: Table;
  readonly column: number;
}

/**
 * A table whose columns are columns of other tables with the same rows: a mapped baseline reads
 * an untransformed field straight from the baseline as read, and only a transformed field has a
 * column of its own. Nothing is copied, so mapping a baseline never holds it twice
 * (docs/architecture.md, "Memory that ends"). Cell spans are passed through, so the diff's
 * canonical encoding reads every column in place.
 */
export function columnTable(names: readonly string[], sources: readonly ColumnSource[], rows: Table): Table {
  const at = (column: number): ColumnSource | undefined => sources[column];
  return {
    columns: names,
    rowCount: rows.rowCount,
    cell(row: number, column: number): Cell {
      const s = at(column);
      return s === undefined ? null : s.table.cell(row, s.column);
    },
    row(row: number): Cell[] {
      return sources.map((s) => s.table.cell(row, s.column));
    },
    sourceRow: (row) => rows.sourceRow(row),
    cellSpan(row: number, column: number, span: Int32Array): string | null {
      const s = at(column);
      if (s === undefined) return null;
      if (s.table.cellSpan !== undefined) return s.table.cellSpan(row, s.column, span);
      const value = s.table.cell(row, s.column);
      if (value === null) return null;
      span[0] = 0;
      span[1] = value.length;
      return value;
    },
    columnSpans(column: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
      const s = at(column);
      if (s === undefined) {
        starts.fill(-1, 0, to - from);
        return '';
      }
      return s.table.columnSpans === undefined ? null : s.table.columnSpans(s.column, from, to, starts, ends);
    },
    columnSpansAside(column: number, from: number, to: number, starts: Int32Array, ends: Int32Array): string | null {
      const s = at(column);
      if (s === undefined || s.table.columnSpansAside === undefined) return null;
      return s.table.columnSpansAside(s.column, from, to, starts, ends);
    },
    heldBytes(): number {
      // Each table it reads once, however many of its columns are used.
      let n = 0;
      for (const t of new Set(sources.map((s) => s.table))) n += t.heldBytes?.() ?? 0;
      return n;
    },
  };
}
