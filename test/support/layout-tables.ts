import type { CsvDialect } from '../../src/core/detect/dialect';
import type { Cell } from '../../src/core/model/cell';
import { CELL_ASIDE, tableFromRows, type Table } from '../../src/core/model/table';
import { readCsv } from '../../src/core/read/csv-read';

/**
 * The table layouts the diff meets, for tests that hold a fast path to a slow one on each:
 * `rows` (a text per column), `csv` (CSV blocks as the reader makes them from 32 MiB up: one
 * byte a character, a cell past Latin-1 kept aside), `csv-wide` (as it makes them below: the text
 * as decoded; csv-read.ts, ONE_BYTE_FROM), `plain` (cells only, read one by one) and `sparse`
 * (built like `rows`; the caller leaves most cells missing).
 */
export type Layout = 'rows' | 'csv' | 'csv-wide' | 'plain' | 'sparse';

/** A CSV field, always quoted, so '' and text with commas survive; a missing cell becomes ''. */
function quoted(v: Cell): string {
  return `"${(v ?? '').replaceAll('"', '""')}"`;
}

/** The comma dialect tests read their CSV text with: a header row first, `"` quotes. */
export function commaDialect(newline: CsvDialect['newline']): CsvDialect {
  return { delimiter: ',', quoteChar: '"', newline, header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };
}

/** The same table read only cell by cell (a string per cell and row): no spans, no chunks. */
export function cellsOnly(t: Table): Table {
  return {
    columns: t.columns,
    rowCount: t.rowCount,
    cell: (r, c) => t.cell(r, c),
    row: (r) => t.row(r),
    sourceRow: (r) => t.sourceRow(r),
  };
}

/** A table of `rows` under `columns` in one of the layouts. */
export async function tableInLayout(
  layout: Layout,
  columns: readonly string[],
  rows: readonly Cell[][],
): Promise<Table> {
  if (layout === 'csv' || layout === 'csv-wide') {
    const text =
      [columns.map(quoted).join(','), ...rows.map((r) => r.map(quoted).join(','))].join('\r\n') + '\r\n';
    const { table } = await readCsv(text, commaDialect('\r\n'), {}, { oneByteFrom: layout === 'csv' ? 0 : Infinity });
    return table;
  }
  const t = tableFromRows(
    [...columns],
    rows.map((r) => [...r]),
  );
  // Cells only: every field is read cell by cell (a string per row).
  if (layout === 'plain') return cellsOnly(t);
  return t;
}

/**
 * The same table with runs that hold a few cells aside (`Table.columnSpansAside`), as a mapped
 * column whose transforms changed a few cells of a chunk hands them out: `columnSpans` declines
 * every run of the odd columns, and there `columnSpansAside` gives the table's own run with every
 * `every`-th cell (by row and column) marked {@link CELL_ASIDE}, to be read through `cellSpan`
 * (or `cell`, where `spans` is false). `asked` counts the cells handed out aside.
 */
export function asideSome(t: Table, every = 3, spans = true): { table: Table; asked: { aside: number } } {
  const asked = { aside: 0 };
  const table: Table = {
    ...cellsOnly(t),
    columnSpans: (c, from, to, starts, ends) => (c % 2 === 1 ? null : (t.columnSpans?.(c, from, to, starts, ends) ?? null)),
    columnSpansAside: (c, from, to, starts, ends) => {
      const text = t.columnSpans?.(c, from, to, starts, ends) ?? null;
      if (text === null) return null;
      for (let r = from; r < to; r++) {
        if ((r + c) % every === 0) {
          starts[r - from] = CELL_ASIDE;
          asked.aside++;
        }
      }
      return text;
    },
  };
  if (spans) (table as { cellSpan?: Table['cellSpan'] }).cellSpan = (r, c, span) => t.cellSpan?.(r, c, span) ?? null;
  return { table, asked };
}
