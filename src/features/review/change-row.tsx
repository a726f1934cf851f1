import type { DecisionOp, ReviewItem } from '../../core/engine/review-session';
import { cellText, DECIDABLE_KINDS, kindLabel, type T } from './review-text';

export type ListView = 'fields' | 'full';

export interface ChangeRowProps {
  readonly t: T;
  readonly item: ReviewItem;
  readonly view: ListView;
  readonly columns: readonly string[];
  readonly busy: boolean;
  readonly onDecide: (op: DecisionOp) => void;
}

/** Old → new for each changed field: old struck through, new emphasised, each field decidable. */
function FieldChanges({ t, item, busy, onDecide }: Omit<ChangeRowProps, 'view' | 'columns'>) {
  return (
    <ul className="field-changes">
      {item.fields.map((f) => (
        <li
          key={f.column}
          className={`field-change${f.clears ? ' is-clearing' : ''}${f.accepted ? '' : ' is-rejected'}`}
          data-testid="field-change"
          data-column={f.column}
        >
          <label className="field-accept">
            <input
              type="checkbox"
              checked={f.accepted}
              disabled={busy || !item.accepted}
              onChange={(e) => onDecide({ kind: 'field', key: item.key, column: f.column, accept: e.target.checked })}
              aria-label={t('review.row.acceptField', { field: f.column, key: item.key })}
              data-testid="accept-field"
            />
            <span className="field-name">{f.column}</span>
          </label>
          <span className="old-new">
            <del data-testid="old-value">
              <span className="sr-only">{t('review.row.old')}: </span>
              {cellText(t, f.before)}
            </del>
            <span aria-hidden="true" className="arrow">
              →
            </span>
            <ins data-testid="new-value">
              <span className="sr-only">{t('review.row.new')}: </span>
              {cellText(t, f.after)}
            </ins>
          </span>
          {f.clears && (
            <span className="badge badge-clears" data-testid="clears-badge">
              {t('review.row.clears')}
            </span>
          )}
          {f.cosmetic && <span className="badge badge-quiet">{t('review.row.cosmetic')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Before and after over the compared columns; changed cells marked in text, not colour alone. */
function FullRow({ t, item, columns }: Pick<ChangeRowProps, 't' | 'item' | 'columns'>) {
  const changed = new Set(item.fields.map((f) => f.column));
  const line = (label: string, cells: ReviewItem['before'], side: 'before' | 'after') =>
    cells && (
      <tr className={`full-${side}`}>
        <th scope="row">{label}</th>
        {columns.map((c, i) => {
          const text = cellText(t, cells[i]);
          return (
            <td key={c} className={changed.has(c) ? 'is-changed' : undefined}>
              {changed.has(c) ? side === 'before' ? <del>{text}</del> : <ins>{text}</ins> : text}
            </td>
          );
        })}
      </tr>
    );
  return (
    <div className="table-wrap">
      <table className="full-row" data-testid="full-row">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{t('review.row.version')}</span>
            </th>
            {columns.map((c) => (
              <th key={c} scope="col" className={changed.has(c) ? 'is-changed' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {line(t('review.row.before'), item.before, 'before')}
          {line(t('review.row.after'), item.after, 'after')}
        </tbody>
      </table>
    </div>
  );
}

const NOTES = {
  added: 'review.row.addedNote',
  removed: 'review.row.removedNote',
  absent: 'review.row.absentNote',
  ignored: 'review.row.ignoredNote',
  unchanged: 'review.row.unchangedNote',
} as const;

/** One record of the review list: class, key, decision, and what changed. */
export function ChangeRow({ t, item, view, columns, busy, onDecide }: ChangeRowProps) {
  const decidable = DECIDABLE_KINDS.includes(item.kind);
  const note = item.kind === 'modified' || item.kind === 'cosmetic' ? null : NOTES[item.kind];
  return (
    <>
      <div className="change-head">
        <span className={`kind-badge kind-${item.kind}`}>{kindLabel(t, item.kind)}</span>
        <code className="change-key" data-testid="change-key">
          {item.key}
        </code>
        {item.fields.length > 0 && (
          <span className="muted small">
            {item.fields.length === 1 ? t('review.row.field1') : t('review.row.fields', { count: item.fields.length })}
          </span>
        )}
        {!item.accepted && <span className="badge badge-rejected">{t('review.row.rejected')}</span>}
        {decidable && (
          <label className="change-accept">
            <input
              type="checkbox"
              checked={item.accepted}
              disabled={busy}
              onChange={(e) => onDecide({ kind: 'change', keys: [item.key], accept: e.target.checked })}
              aria-label={t('review.row.acceptLabel', { key: item.key })}
              data-testid="accept-change"
            />
            <span aria-hidden="true">{t('review.row.accept')}</span>
          </label>
        )}
      </div>
      {note && view === 'fields' && <p className="change-note muted small">{t(note)}</p>}
      {view === 'fields' && item.fields.length > 0 && <FieldChanges t={t} item={item} busy={busy} onDecide={onDecide} />}
      {view === 'full' && <FullRow t={t} item={item} columns={columns} />}
    </>
  );
}
