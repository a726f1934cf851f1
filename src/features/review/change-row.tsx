import type { DecisionOp, ReviewItem } from '../../core/engine/review-session';
import { OldNew, ValueSide } from './inline-value';
import { cellText, DECIDABLE_KINDS, kindLabel, shortText, type FieldLabel, type T } from './review-text';

export type ListView = 'fields' | 'full';

export interface ChangeRowProps {
  readonly t: T;
  readonly item: ReviewItem;
  readonly view: ListView;
  readonly columns: readonly string[];
  /** Column widths of the full-row view (px, stretched in proportion), the same for every record. */
  readonly widths: readonly number[];
  readonly label: FieldLabel;
  readonly busy: boolean;
  readonly onDecide: (op: DecisionOp) => void;
}

/** Old → new for each changed field, only the changed part of a value marked; each field decidable. */
function FieldChanges({ t, item, label, busy, onDecide }: Pick<ChangeRowProps, 't' | 'item' | 'label' | 'busy' | 'onDecide'>) {
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
              disabled={busy || item.rejected}
              onChange={(e) => onDecide({ kind: 'field', key: item.key, column: f.column, accept: e.target.checked })}
              aria-label={t('review.row.acceptField', { field: label(f.column), key: item.key })}
              data-testid="accept-field"
            />
            <span className="field-name">{label(f.column)}</span>
          </label>
          <OldNew t={t} field={f} />
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

/** The record's name, company, email… so an added or removed record is more than its key. */
function MainFields({ t, item, label }: Pick<ChangeRowProps, 't' | 'item' | 'label'>) {
  const shown = item.main.filter((m) => m.value !== null && m.value.trim() !== '');
  if (shown.length === 0) return null;
  return (
    <p className="main-fields" data-testid="main-fields">
      {shown.map((m) => (
        <span key={m.column} className="main-field" data-column={m.column}>
          <span className="main-label">{label(m.column)}</span>{' '}
          <span className="main-value" title={m.value !== null && m.value.length > 80 ? m.value : undefined}>
            {shortText(cellText(t, m.value))}
          </span>
        </span>
      ))}
    </p>
  );
}

/**
 * Before and after over the compared columns, as rows of one table per record whose columns have
 * the list's fixed widths, under the list's one visible header. The table keeps its own header
 * for screen readers. Changed cells mark only what changed inside the value.
 */
function FullRow({ t, item, columns, widths, label }: Pick<ChangeRowProps, 't' | 'item' | 'columns' | 'widths' | 'label'>) {
  const changed = new Map(item.fields.map((f) => [f.column, f] as const));
  const total = widths.reduce((x, y) => x + y, 0);
  const line = (title: string, cells: ReviewItem['before'], side: 'before' | 'after') =>
    cells && (
      <tr className={`full-${side}`}>
        <th scope="row">{title}</th>
        {columns.map((c, i) => {
          const f = changed.get(c);
          return (
            <td key={c} className={f ? 'is-changed' : undefined}>
              {f ? <ValueSide t={t} side={side} value={cells[i] ?? null} inline={f.inline} /> : cellText(t, cells[i])}
            </td>
          );
        })}
      </tr>
    );
  return (
    <table className="full-row" data-testid="full-row">
      <colgroup>
        {widths.map((w, i) => (
          <col key={i} style={{ width: `${(w / total) * 100}%` }} />
        ))}
      </colgroup>
      <thead className="sr-only">
        <tr>
          <th scope="col">{t('review.row.version')}</th>
          {columns.map((c) => (
            <th key={c} scope="col">
              {label(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {line(t('review.row.before'), item.before, 'before')}
        {line(t('review.row.after'), item.after, 'after')}
      </tbody>
    </table>
  );
}

const NOTES = {
  added: 'review.row.addedNote',
  removed: 'review.row.removedNote',
  absent: 'review.row.absentNote',
  held: 'review.row.heldNote',
  ignored: 'review.row.ignoredNote',
  unchanged: 'review.row.unchangedNote',
} as const;

/** One record of the review list: class, key, who it is, decision, and what changed. */
export function ChangeRow({ t, item, view, columns, widths, label, busy, onDecide }: ChangeRowProps) {
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
        {note && view === 'fields' && <span className="change-note muted small">{t(note)}</span>}
        {!item.accepted && <span className="badge badge-rejected">{t('review.row.rejected')}</span>}
        {decidable && (
          <label className="change-accept">
            <input
              type="checkbox"
              checked={item.accepted}
              // Some of its field changes rejected: applied in part.
              ref={(box) => {
                if (box) box.indeterminate = item.accepted && item.fields.some((f) => !f.accepted);
              }}
              disabled={busy}
              onChange={(e) => onDecide({ kind: 'change', keys: [item.key], accept: e.target.checked })}
              aria-label={t('review.row.acceptLabel', { key: item.key })}
              data-testid="accept-change"
            />
            <span aria-hidden="true">{t('review.row.accept')}</span>
          </label>
        )}
      </div>
      {view === 'fields' && <MainFields t={t} item={item} label={label} />}
      {view === 'fields' && item.fields.length > 0 && <FieldChanges t={t} item={item} label={label} busy={busy} onDecide={onDecide} />}
      {view === 'full' && <FullRow t={t} item={item} columns={columns} widths={widths} label={label} />}
    </>
  );
}
