import { useRef, useState } from 'react';
import type { Cell } from '../../core/model/cell';
import type { ValueProblem } from '../../core/validate/validate-types';
import { oneLine } from '../../ui/head-table';

export interface GridCellProps {
  readonly pos: string;
  readonly value: Cell;
  readonly problems: readonly ValueProblem[];
  /** Problem and note texts, one per line: the cell's tooltip. */
  readonly title: string | undefined;
  readonly width: number;
  readonly active: boolean;
  readonly editing: boolean;
  readonly fieldKey: string;
  readonly sourceRow: number;
  readonly describedBy: string;
  readonly editLabel: string;
  readonly markerLabels: { readonly error: string; readonly warning: string };
  readonly onActivate: () => void;
  readonly onEdit: () => void;
  readonly onSave: (value: string, refocus: boolean) => void;
  readonly onCancel: (refocus: boolean) => void;
}

/**
 * One mapped value. A problem is shown three ways besides colour: a marker glyph with a text
 * alternative, an outline (solid for errors, dashed for warnings) and `aria-invalid` for errors;
 * the message is in the tooltip and, on focus, in the description the cell points to.
 */
export function GridCell(props: GridCellProps) {
  const { value, problems, active, editing, markerLabels } = props;
  const level = problems.some((p) => p.level === 'error')
    ? 'error'
    : problems.length > 0
      ? 'warning'
      : null;
  return (
    <div
      className={`grid-cell vcell${level ? ` is-${level}` : ''}${active ? ' is-active' : ''}`}
      role="gridcell"
      tabIndex={active && !editing ? 0 : -1}
      style={{ width: props.width }}
      title={props.title}
      aria-invalid={level === 'error' ? true : undefined}
      aria-describedby={active ? props.describedBy : undefined}
      data-pos={props.pos}
      data-field={props.fieldKey}
      data-source-row={props.sourceRow}
      data-level={level ?? 'ok'}
      data-testid="vcell"
      onFocus={props.onActivate}
      onDoubleClick={props.onEdit}
    >
      {editing ? (
        <CellEditor
          initial={value ?? ''}
          label={props.editLabel}
          onSave={props.onSave}
          onCancel={props.onCancel}
        />
      ) : (
        <>
          {level && (
            <span className="vmark" role="img" aria-label={markerLabels[level]}>
              {level === 'error' ? '✖' : '⚠'}
            </span>
          )}
          {oneLine(value ?? '')}
        </>
      )}
    </div>
  );
}

interface CellEditorProps {
  readonly initial: string;
  readonly label: string;
  readonly onSave: (value: string, refocus: boolean) => void;
  readonly onCancel: (refocus: boolean) => void;
}

/** Enter saves, Escape cancels; leaving the field saves too, as spreadsheets do. */
function CellEditor({ initial, label, onSave, onCancel }: CellEditorProps) {
  const [text, setText] = useState(initial);
  const done = useRef(false);
  // `refocus`: after Enter or Escape the cell takes focus back; after a click elsewhere it must not.
  const finish = (save: boolean, refocus: boolean) => {
    if (done.current) return;
    done.current = true;
    if (save && text !== initial) onSave(text, refocus);
    else onCancel(refocus);
  };
  return (
    <input
      className="vcell-input"
      // oxlint-disable-next-line jsx-a11y/no-autofocus -- the user asked to edit this cell
      autoFocus
      aria-label={label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(true, true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(false, true);
        }
      }}
      onBlur={() => finish(true, false)}
      data-testid="cell-editor"
    />
  );
}
