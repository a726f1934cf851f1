import type { FieldSummary, MappedRow } from '../../core/engine/mapped-workspace';
import { useStore, useT } from '../../state/store';
import { describeLevel, describeNote, fieldLabel, problemsOf } from './problem-text';

export interface CellPanelProps {
  readonly row: MappedRow | undefined;
  readonly field: FieldSummary | undefined;
  readonly columns: readonly string[];
  readonly descId: string;
  readonly busy: boolean;
  readonly onSuggest: (value: string) => void;
  readonly onDeleteRow: () => void;
}

/** The focused cell's problems (its accessible description) and what the file said for its row. */
export function CellPanel({
  row,
  field,
  columns,
  descId,
  busy,
  onSuggest,
  onDeleteRow,
}: CellPanelProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
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
  return (
    <section className="panel vcell-panel" aria-labelledby="vcell-title" data-testid="cell-panel">
      <h3 id="vcell-title">
        {t('validate.cell.title')}:{' '}
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
        <button type="button" disabled={busy} onClick={onDeleteRow} data-testid="delete-row">
          {t('validate.deleteRow')}
        </button>
      </div>
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
            const value = row.source[i] ?? null;
            return (
              <tr key={i}>
                <th scope="row">{name}</th>
                <td>
                  {value === null ? <span className="muted">{t('validate.missing')}</span> : value}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
