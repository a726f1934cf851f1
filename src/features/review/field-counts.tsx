import type { DecisionOp } from '../../core/engine/review-session';
import type { FieldLabel, T } from './review-text';
import { AcceptRejectButtons } from './accept-reject';

export interface FieldCountsProps {
  readonly t: T;
  readonly fieldCounts: Readonly<Record<string, number>>;
  readonly locale: string;
  readonly busy: boolean;
  readonly onDecide: (op: DecisionOp) => void;
  readonly label: FieldLabel;
}

/** Which fields changed most, with bars, and "accept / reject all changes to this field". */
export function FieldCounts({ t, fieldCounts, locale, busy, onDecide, label }: FieldCountsProps) {
  const rows = Object.entries(fieldCounts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0])));
  if (rows.length === 0) return <p className="muted">{t('review.summary.noFields')}</p>;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <div className="table-wrap">
      <table className="field-counts" data-testid="field-counts">
        <caption>{t('review.summary.fields')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.summary.field')}</th>
            <th scope="col">{t('review.summary.changes')}</th>
            <th scope="col">{t('review.summary.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, n]) => (
            <tr key={field} data-testid={`field-count-${field}`} data-count={n}>
              <th scope="row">{label(field)}</th>
              <td className="bar-cell">
                <span className="bar-track" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${(n / max) * 100}%` }} />
                </span>
                <span className="bar-value">{n.toLocaleString(locale)}</span>
              </td>
              <td className="row-actions">
                <AcceptRejectButtons
                  t={t}
                  busy={busy}
                  op={(accept) => ({ kind: 'column', column: field, accept })}
                  acceptLabel={t('review.decide.acceptColumn', { field: label(field) })}
                  rejectLabel={t('review.decide.rejectColumn', { field: label(field) })}
                  testIds={[`accept-column-${field}`, `reject-column-${field}`]}
                  onDecide={onDecide}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
