import { useId, useState, type FormEvent } from 'react';
import type { FieldSummary, MappedRow } from '../../core/engine/mapped-workspace';
import type { Cell } from '../../core/model/cell';
import { useStore, useT } from '../../state/store';
import { describeLevel, describeNote, fieldLabel, problemsOf } from './problem-text';

export interface CellPanelProps {
  readonly row: MappedRow | undefined;
  readonly field: FieldSummary | undefined;
  /** The focused cell's value. */
  readonly value: Cell;
  readonly columns: readonly string[];
  readonly descId: string;
  readonly busy: boolean;
  readonly onSuggest: (value: string) => void;
  /**
   * Cells of this field with the same value and a problem, this one included (`null` while
   * counting or when the cell has no problem): "fix all N like this" is offered when above 1.
   */
  readonly likeCount: number | null;
  /** Sets every cell like this one to `value`, as one undoable edit. */
  readonly onFixAll: (value: string) => void;
  readonly onDeleteRow: () => void;
}

/** The focused cell's problems (its accessible description) and what the file said for its row. */
export function CellPanel({
  row,
  field,
  value,
  columns,
  descId,
  busy,
  onSuggest,
  likeCount,
  onFixAll,
  onDeleteRow,
}: CellPanelProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const fixId = useId();
  const [fixText, setFixText] = useState<{ key: string; text: string } | null>(null);
  if (row === undefined || field === undefined) {
    return (
      <section className="panel vcell-panel" data-testid="cell-panel">
        <h3>{t('validate.cell.title')}</h3>
        <p id={descId} className="muted">
          {t('validate.cell.none')}
        </p>
      </section>
    );
  }
  const problems = problemsOf(row.problems, field.key);
  const notes = row.notes?.filter((n) => n.field === field.key) ?? [];
  const suggestion = problems.map((p) => p.params?.['suggestion']).find((s) => s !== undefined);
  const many = likeCount !== null && likeCount > 1 && problems.length > 0 ? likeCount : null;
  // The typed replacement belongs to this cell: moving to another cell starts empty.
  const cellKey = `${row.index}:${field.key}`;
  const text = fixText?.key === cellKey ? fixText.text : '';
  const submitFix = (e: FormEvent) => {
    e.preventDefault();
    onFixAll(text);
    setFixText(null);
  };
  return (
    <section className="panel vcell-panel" aria-labelledby="vcell-title" data-testid="cell-panel">
      <h3 id="vcell-title">
        {t('validate.cell.title')}{t('app.colon')}
        {t('validate.cell.where', { field: fieldLabel(field, locale), row: row.sourceRow })}
      </h3>
      <ul id={descId} className="vproblems" data-testid="cell-problems">
        {problems.length === 0 && notes.length === 0 && <li>{t('validate.cell.ok')}</li>}
        {problems.map((p, i) => (
          <li key={i} className={`is-${p.level}`}>
            <span aria-hidden="true">{p.level === 'error' ? '✖ ' : '⚠ '}</span>
            {describeLevel(t, p)}
          </li>
        ))}
        {notes.map((n, i) => (
          <li key={`n${i}`}>ⓘ {describeNote(t, n.code)}</li>
        ))}
      </ul>
      <div className="vactions">
        {suggestion !== undefined && (
          <button
            type="button"
            disabled={busy}
            onClick={() => onSuggest(String(suggestion))}
            data-testid="use-suggestion"
          >
            {t('validate.cell.useSuggestion', { suggestion: String(suggestion) })}
          </button>
        )}
        {suggestion !== undefined && many !== null && (
          <button
            type="button"
            disabled={busy}
            onClick={() => onFixAll(String(suggestion))}
            data-testid="fix-all-suggestion"
            data-count={many}
          >
            {t('validate.fixAll.useSuggestion', { suggestion: String(suggestion), count: many })}
          </button>
        )}
        <button type="button" disabled={busy} onClick={onDeleteRow} data-testid="delete-row">
          {t('validate.deleteRow')}
        </button>
      </div>
      {many !== null && (
        <form className="vfix-all" onSubmit={submitFix} data-testid="fix-all-form" data-count={many}>
          <label htmlFor={fixId}>{t('validate.fixAll.label', { count: many, value: value ?? '' })}</label>
          <input
            id={fixId}
            value={text}
            onChange={(e) => setFixText({ key: cellKey, text: e.target.value })}
            data-testid="fix-all-input"
          />
          <button type="submit" disabled={busy} data-testid="fix-all-apply">
            {t('validate.fixAll.apply', { count: many })}
          </button>
        </form>
      )}
      <h3 className="vsource-title">{t('validate.source.title')}</h3>
      <table className="vsource" data-testid="source-view">
        <caption>{t('validate.source.row', { row: row.sourceRow })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('validate.source.column')}</th>
            <th scope="col">{t('validate.source.value')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((name, i) => {
            const said = row.source[i] ?? null;
            return (
              <tr key={i}>
                <th scope="row">{name}</th>
                <td>
                  {said === null ? <span className="muted">{t('validate.missing')}</span> : said}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

