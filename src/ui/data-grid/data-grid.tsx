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
import { useWindowedRows, type FetchBlock } from '../windowed/use-windowed-rows';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet is imported for its effect
import './data-grid.css';

const features = tableFeatures({ columnSizingFeature, columnResizingFeature });
type GridRow = readonly Cell[];
const helper = createColumnHelper<typeof features, GridRow>();
const ROW_HEIGHT = 32;
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
  readonly labels: DataGridLabels;
}

/**
 * A virtualized grid over rows that live in the engine: only the visible window is fetched
 * and rendered. TanStack Table owns column sizing and resizing; sorting and filtering happen in
 * the engine, so a million rows never reach the page.
 */
export function DataGrid(props: DataGridProps) {
  const { columns, rowCount, version, fetchWindow, sort, onSort, focusRow, labels } = props;
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
  const widths = headers.map((h) => h.getSize());
  const totalWidth = 72 + widths.reduce((a, b) => a + b, 0);

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
        <div className="grid-cell grid-rownum" role="columnheader">
          {labels.rowNumber}
        </div>
        {headers.map((header, c) => {
          const sorted = sort?.column === c ? sort.direction : null;
          const name = columns[c] ?? '';
          return (
            <div
              key={header.id}
              className="grid-cell grid-colheader"
              role="columnheader"
              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              style={{ width: widths[c] }}
            >
              <button type="button" className="grid-sort" onClick={() => onSort(c)} title={name}>
                <span className="grid-colname">{name === '' ? '\u00a0' : name}</span>
                {sorted && (
                  <span aria-label={sorted === 'asc' ? labels.sortAsc : labels.sortDesc}>
                    {sorted === 'asc' ? ' ▲' : ' ▼'}
                  </span>
                )}
              </button>
              <div
                className={`grid-resizer${header.column.getIsResizing() ? ' is-resizing' : ''}`}
                role="separator"
                tabIndex={0}
                aria-orientation="vertical"
                aria-label={labels.resize(name)}
                aria-valuenow={widths[c]}
                aria-valuemin={60}
                aria-valuemax={900}
                onMouseDown={header.getResizeHandler()}
                onTouchStart={header.getResizeHandler()}
                onDoubleClick={() => header.column.resetSize()}
                onKeyDown={(e) => {
                  // Keyboard resizing: arrows change the width by 20 px.
                  const step = e.key === 'ArrowRight' ? 20 : e.key === 'ArrowLeft' ? -20 : 0;
                  if (step === 0) return;
                  e.preventDefault();
                  const width = Math.min(900, Math.max(60, (widths[c] ?? 170) + step));
                  table.setColumnSizing((sizes) => ({ ...sizes, [header.column.id]: width }));
                }}
              />
            </div>
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
              <div className="grid-cell grid-rownum" role="rowheader">
                {row?.sourceRow ?? ''}
              </div>
              {widths.map((w, c) => {
                const value = row?.cells[c];
                return (
                  <div key={c} className="grid-cell" role="gridcell" style={{ width: w }} title={value ?? undefined}>
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


