import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldSummary, MappedRow } from '../../core/engine/mapped-workspace';
import { useStore, useT } from '../../state/store';
import { useFixedRows } from '../../ui/windowed/use-list-rows';
import { GridCell } from './grid-cell';
import { describeLevel, describeNote, fieldLabel, problemsOf } from './problem-text';

const ROW_HEIGHT = 34;
const HEAD_WIDTH = 96;

export interface CellPos {
  readonly row: number;
  readonly col: number;
}

export interface ValidateGridProps {
  readonly fields: readonly FieldSummary[];
  readonly total: number;
  readonly rowAt: (index: number) => MappedRow | undefined;
  readonly ensure: (first: number, last: number) => void;
  readonly active: CellPos;
  /** Bumped when focus must move to the active cell (next problem, after an edit). */
  readonly focusToken: number;
  readonly onActive: (pos: CellPos) => void;
  readonly selected: ReadonlySet<number>;
  readonly onToggle: (row: number) => void;
  readonly onSave: (row: MappedRow, field: string, value: string) => void;
  readonly describedBy: string;
}

function widthOf(field: FieldSummary): number {
  if (field.type === 'email' || field.type === 'url') return 230;
  if (field.key === 'notes' || field.key === 'street') return 220;
  return field.type === 'date' || field.type === 'boolean' || field.type === 'number' ? 150 : 170;
}

/**
 * The mapped values in a virtualized grid with one focusable cell at a time (roving tabindex):
 * arrows move, Enter or double-click edits. Rows live in the engine; only the window is here.
 */
export function ValidateGrid(props: ValidateGridProps) {
  const { fields, total, rowAt, ensure, active, focusToken, onActive, selected, onToggle, onSave } =
    props;
  const t = useT();
  const locale = useStore((s) => s.locale);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef(false);
  const [editing, setEditing] = useState<CellPos | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { items, bodyStyle, scrollToIndex } = useFixedRows({ count: total, scrollRef, bodyRef, rowHeight: ROW_HEIGHT, overscan: 8, ensure });
  const widths = fields.map(widthOf);
  const totalWidth = HEAD_WIDTH + widths.reduce((a, b) => a + b, 0);

  useEffect(() => {
    if (focusToken === 0) return;
    pendingFocus.current = true;
    scrollToIndex(active.row, 'center');
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- runs when asked to focus only
  }, [focusToken]);

  // After each render: move DOM focus to the active cell once it is rendered and loaded.
  useEffect(() => {
    if (!pendingFocus.current || editing !== null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(
      `[data-pos="${active.row}:${active.col}"]`,
    );
    if (el) {
      el.focus();
      pendingFocus.current = false;
    }
  });

  const move = (row: number, col: number) => {
    const r = Math.max(0, Math.min(total - 1, row));
    const c = Math.max(0, Math.min(fields.length - 1, col));
    pendingFocus.current = true;
    onActive({ row: r, col: c });
    scrollToIndex(r, 'auto');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing !== null || (e.target as HTMLElement).tagName === 'INPUT') return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 340) / ROW_HEIGHT) - 2);
    const moves: Record<string, [number, number] | undefined> = {
      ArrowDown: [active.row + 1, active.col],
      ArrowUp: [active.row - 1, active.col],
      ArrowRight: [active.row, active.col + 1],
      ArrowLeft: [active.row, active.col - 1],
      PageDown: [active.row + page, active.col],
      PageUp: [active.row - page, active.col],
      Home: e.ctrlKey ? [0, 0] : [active.row, 0],
      End: e.ctrlKey ? [total - 1, fields.length - 1] : [active.row, fields.length - 1],
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      move(to[0], to[1]);
    } else if ((e.key === 'Enter' || e.key === 'F2') && rowAt(active.row)) {
      e.preventDefault();
      setEditing(active);
    }
  };

  const activeRendered =
    items.some((i) => i.index === active.row) && rowAt(active.row) !== undefined;
  return (
    <div
      ref={scrollRef}
      className="grid-scroll vgrid"
      role="grid"
      aria-label={t('validate.grid')}
      aria-rowcount={total + 1}
      aria-colcount={fields.length + 1}
      tabIndex={activeRendered ? -1 : 0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !activeRendered) move(active.row, active.col);
      }}
      data-testid="validate-grid"
    >
      <div className="grid-header" role="row" aria-rowindex={1} style={{ width: totalWidth }}>
        <div
          className="grid-cell grid-rownum vhead"
          role="columnheader"
          style={{ width: HEAD_WIDTH }}
        >
          {t('validate.rowNumber')}
        </div>
        {fields.map((f, c) => (
          <div
            key={f.key}
            className="grid-cell vcolhead"
            role="columnheader"
            style={{ width: widths[c] }}
            title={f.key}
          >
            <span className="grid-colname">{fieldLabel(f, locale)}</span>
            {f.errors + f.warnings > 0 && (
              <span className={`vcount${f.errors > 0 ? ' is-error' : ' is-warning'}`}>
                {f.errors > 0
                  ? `✖ ${f.errors.toLocaleString(locale)}`
                  : `⚠ ${f.warnings.toLocaleString(locale)}`}
              </span>
            )}
          </div>
        ))}
      </div>
      <div ref={bodyRef} className="grid-body" style={{ ...bodyStyle, width: totalWidth }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div
              key={item.index}
              className={`grid-row${item.index % 2 === 1 ? ' is-odd' : ''}${item.index === active.row ? ' is-focused' : ''}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={row ? selected.has(row.index) : undefined}
              data-testid={row ? 'vrow' : 'vrow-loading'}
              data-source-row={row?.sourceRow}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <div
                className="grid-cell grid-rownum vhead"
                role="rowheader"
                style={{ width: HEAD_WIDTH }}
              >
                {row && (
                  <label className="vselect">
                    <input
                      type="checkbox"
                      checked={selected.has(row.index)}
                      onChange={() => onToggle(row.index)}
                      aria-label={t('validate.selectRow', { row: row.sourceRow })}
                      tabIndex={item.index === active.row ? 0 : -1}
                      data-testid="select-row"
                    />
                    <span>{row.sourceRow.toLocaleString(locale)}</span>
                  </label>
                )}
              </div>
              {fields.map((f, c) => {
                const problems = problemsOf(row?.problems, f.key);
                const notes = row?.notes?.filter((n) => n.field === f.key) ?? [];
                const lines = [
                  ...problems.map((p) => describeLevel(t, p)),
                  ...notes.map((n) => describeNote(t, n.code)),
                ];
                const isActive = item.index === active.row && c === active.col;
                const isEditing =
                  editing !== null && editing.row === item.index && editing.col === c;
                return (
                  row && (
                    <GridCell
                      key={f.key}
                      pos={`${item.index}:${c}`}
                      value={row.values[c] ?? null}
                      problems={problems}
                      title={lines.length > 0 ? lines.join('\n') : (row.values[c] ?? undefined)}
                      width={widths[c] ?? 160}
                      active={isActive}
                      editing={isEditing}
                      fieldKey={f.key}
                      sourceRow={row.sourceRow}
                      describedBy={props.describedBy}
                      editLabel={t('validate.edit.label', {
                        field: fieldLabel(f, locale),
                        row: row.sourceRow,
                      })}
                      markerLabels={{
                        error: t('validate.marker.error'),
                        warning: t('validate.marker.warning'),
                      }}
                      onActivate={() => onActive({ row: item.index, col: c })}
                      onEdit={() => {
                        onActive({ row: item.index, col: c });
                        setEditing({ row: item.index, col: c });
                      }}
                      onSave={(value, refocus) => {
                        setEditing(null);
                        pendingFocus.current = refocus;
                        onSave(row, f.key, value);
                      }}
                      onCancel={(refocus) => {
                        setEditing(null);
                        pendingFocus.current = refocus;
                      }}
                    />
                  )
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
