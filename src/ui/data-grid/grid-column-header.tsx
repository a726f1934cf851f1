import type { DataGridLabels } from './data-grid';

export interface GridColumnHeaderProps {
  /** Whether the pointer is resizing this column (TanStack Table's sizing state). */
  readonly resizing: boolean;
  /** TanStack Table's pointer resize handler for the column. */
  readonly onResizeStart: (event: unknown) => void;
  readonly onResetWidth: () => void;
  /** The column's 0-based place in the file (aria-colindex is one more: the row number is 1). */
  readonly index: number;
  readonly name: string;
  readonly width: number;
  readonly sorted: 'asc' | 'desc' | null;
  /** The column "Go to column" brought into view: highlighted. */
  readonly found: boolean;
  readonly onSort: (column: number) => void;
  /** A new width from the keyboard (the pointer resizes through TanStack's handler). */
  readonly onWidth: (width: number) => void;
  readonly labels: DataGridLabels;
}

/** One column's header: its name (a button that sorts) and a resize handle. */
export function GridColumnHeader(props: GridColumnHeaderProps) {
  const { resizing, onResizeStart, onResetWidth, index, name, width, sorted, found, onSort, onWidth, labels } = props;
  return (
    <div
      className={`grid-cell grid-colheader${found ? ' is-found' : ''}`}
      role="columnheader"
      aria-colindex={index + 2}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      style={{ width }}
      data-testid="grid-colheader"
    >
      <button type="button" className="grid-sort" onClick={() => onSort(index)} title={name}>
        <span className="grid-colname">{name === '' ? '\u00a0' : name}</span>
        {sorted && (
          <span aria-label={sorted === 'asc' ? labels.sortAsc : labels.sortDesc}>
            {sorted === 'asc' ? ' ▲' : ' ▼'}
          </span>
        )}
      </button>
      <div
        className={`grid-resizer${resizing ? ' is-resizing' : ''}`}
        role="separator"
        tabIndex={0}
        aria-orientation="vertical"
        aria-label={labels.resize(name)}
        aria-valuenow={width}
        aria-valuemin={60}
        aria-valuemax={900}
        onMouseDown={onResizeStart}
        onTouchStart={onResizeStart}
        onDoubleClick={onResetWidth}
        onKeyDown={(e) => {
          // Keyboard resizing: arrows change the width by 20 px.
          const step = e.key === 'ArrowRight' ? 20 : e.key === 'ArrowLeft' ? -20 : 0;
          if (step === 0) return;
          e.preventDefault();
          onWidth(Math.min(900, Math.max(60, width + step)));
        }}
      />
    </div>
  );
}
