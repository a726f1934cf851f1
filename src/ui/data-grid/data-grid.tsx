import {
  columnResizingFeature,
  columnSizingFeature,
  createColumnHelper,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useEffect, useMemo, useRef } from 'react';
import type { Cell } from '../../core/model/cell';
import type { SortSpec } from '../../core/engine/table-view';
import { oneLine } from '../head-table';
import { useFixedRows } from '../windowed/use-list-rows';
import { columnOffsets } from './column-window';
import { GridColumnHeader } from './grid-column-header';
import { useColumnWindow } from './use-column-window';
import { useWindowedRows, type FetchBlock } from '../windowed/use-windowed-rows';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet is imported for its effect
import './data-grid.css';

const features = tableFeatures({ columnSizingFeature, columnResizingFeature });
type GridRow = readonly Cell[];
const helper = createColumnHelper<typeof features, GridRow>();
const ROW_HEIGHT = 32;
/** The sticky row-number column (data-grid.css `.grid-rownum`). */
const ROW_HEADER_WIDTH = 72;
const NO_DATA: GridRow[] = [];
/** Rows fetched per request: one block covers a screenful and some overscan. */
const BLOCK_ROWS = 100;
/** Blocks kept while scrolling; older ones are dropped so memory stays flat at a million rows. */
const MAX_BLOCKS = 60;

/** One row of the grid: its cells and its row number in the file. */
export interface DataGridRow {
  readonly cells: readonly Cell[];
  readonly sourceRow: number;
}

export interface DataGridLabels {
  readonly grid: string;
  readonly rowNumber: string;
  readonly missing: string;
  readonly sortAsc: string;
  readonly sortDesc: string;
  readonly resize: (name: string) => string;
}

export interface DataGridProps {
  readonly columns: readonly string[];
  readonly rowCount: number;
  readonly version: number;
  readonly fetchWindow: FetchBlock<DataGridRow>;
  readonly sort: SortSpec | null;
  readonly onSort: (column: number) => void;
  /** A view row to scroll to and highlight (e.g. from a warning), or null. */
  readonly focusRow: number | null;
  /**
   * A column to scroll to the view's left edge and highlight (Preview's "Go to column"), or null.
   * A new object scrolls again, so going to the same column twice brings it back into view.
   */
  readonly showColumn?: { readonly column: number } | null;
  readonly labels: DataGridLabels;
}

/**
 * A virtualized grid over rows that live in the engine: only the visible window is fetched
 * and rendered. TanStack Table owns column sizing and resizing; sorting and filtering happen in
 * the engine, so a million rows never reach the page.
 */
export function DataGrid(props: DataGridProps) {
  const { columns, rowCount, version, fetchWindow, sort, onSort, focusRow, showColumn = null, labels } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The cache belongs to one engine view version (file, sort and filter): rows of another are stale.
  const { ensure, rowAt } = useWindowedRows({
    key: String(version),
    group: String(version),
    fetch: fetchWindow,
    blockRows: BLOCK_ROWS,
    maxBlocks: MAX_BLOCKS,
  });
  const columnDefs = useMemo(
    () =>
      columns.map((name, i) =>
        helper.display({ id: `c${i}`, header: name, size: 170, minSize: 60, maxSize: 900 }),
      ),
    [columns],
  );
  const table = useTable({ features, columns: columnDefs, data: NO_DATA, columnResizeMode: 'onChange' });
  const bodyRef = useRef<HTMLDivElement>(null);
  const { items, bodyStyle, scrollToIndex } = useFixedRows({ count: rowCount, scrollRef, bodyRef, rowHeight: ROW_HEIGHT, overscan: 10, ensure });

  useEffect(() => {
    if (focusRow !== null) scrollToIndex(focusRow, 'center');
  }, [focusRow, scrollToIndex]);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const sizing = table.state.columnSizing;
  // Every width and place once per change of a width, not per scroll: 10,000 columns.
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- sizing is what the widths are read from
  const widths = useMemo(() => headers.map((h) => h.getSize()), [headers, sizing]);
  const offsets = useMemo(() => columnOffsets(widths), [widths]);
  const totalWidth = ROW_HEADER_WIDTH + (offsets[widths.length] ?? 0);
  const { view, scrollToColumn } = useColumnWindow(scrollRef, offsets, ROW_HEADER_WIDTH);
  const shown: number[] = [];
  for (let c = view.first; c <= view.last && c < headers.length; c++) shown.push(c);
  const found = showColumn?.column ?? null;

  useEffect(() => {
    if (showColumn != null) scrollToColumn(showColumn.column);
  }, [showColumn, scrollToColumn]);

  // Past WINDOW_COLUMNS_FROM columns only those in view are drawn: a spacer holds the place of
  // those before them, and the row's width the place of those after.
  const spacer = view.before > 0 ? <div className="grid-spacer" aria-hidden="true" style={{ width: view.before }} /> : null;

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-label={labels.grid}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length + 1}
      tabIndex={0}
      data-testid="grid"
    >
      <div className="grid-header" role="row" aria-rowindex={1} style={{ width: totalWidth }}>
        <div className="grid-cell grid-rownum" role="columnheader" aria-colindex={1}>
          {labels.rowNumber}
        </div>
        {spacer}
        {shown.map((c) => {
          const header = headers[c];
          if (header === undefined) return null;
          return (
            <GridColumnHeader
              key={header.id}
              resizing={header.column.getIsResizing()}
              onResizeStart={header.getResizeHandler()}
              onResetWidth={() => header.column.resetSize()}
              index={c}
              name={columns[c] ?? ''}
              width={widths[c] ?? 170}
              sorted={sort?.column === c ? sort.direction : null}
              found={found === c}
              onSort={onSort}
              onWidth={(width) => table.setColumnSizing((sizes) => ({ ...sizes, [header.column.id]: width }))}
              labels={labels}
            />
          );
        })}
      </div>
      <div ref={bodyRef} className="grid-body" style={{ ...bodyStyle, width: totalWidth }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div
              key={item.index}
              className={`grid-row${item.index % 2 === 1 ? ' is-odd' : ''}${item.index === focusRow ? ' is-focused' : ''}`}
              role="row"
              aria-rowindex={item.index + 2}
              data-testid={row ? 'grid-row' : 'grid-row-loading'}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <div className="grid-cell grid-rownum" role="rowheader" aria-colindex={1}>
                {row?.sourceRow ?? ''}
              </div>
              {spacer}
              {shown.map((c) => {
                const value = row?.cells[c];
                return (
                  <div
                    key={c}
                    className={`grid-cell${found === c ? ' is-found' : ''}`}
                    role="gridcell"
                    aria-colindex={c + 2}
                    style={{ width: widths[c] }}
                    title={value ?? undefined}
                  >
                    {value === null ? <span className="grid-missing">{labels.missing}</span> : oneLine(value ?? '')}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
