import type { DecisionOp, ReviewSummary } from '../../core/engine/review-session';
import { DECIDABLE_KINDS, kindLabel, type T } from './review-text';

export interface DecisionBarProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly busy: boolean;
  readonly onDecide: (op: DecisionOp) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
}

/** Bulk decisions per class, undo/redo, and what a commit would apply now (updated live). */
export function DecisionBar({ t, review, locale, busy, onDecide, onUndo, onRedo }: DecisionBarProps) {
  const kinds = DECIDABLE_KINDS.filter((k) => review.counts[k] > 0);
  return (
    <section className="panel review-decisions" aria-labelledby="review-decisions-title">
      <h3 id="review-decisions-title">{t('review.decide.title')}</h3>
      <div className="decision-row">
        <div className="undo-redo" role="group" aria-label={t('review.undoHint')}>
          <button type="button" disabled={busy || !review.canUndo} onClick={onUndo} aria-keyshortcuts="Control+Z" data-testid="review-undo">
            ↶ {t('review.undo')}
          </button>
          <button type="button" disabled={busy || !review.canRedo} onClick={onRedo} aria-keyshortcuts="Control+Shift+Z" data-testid="review-redo">
            ↷ {t('review.redo')}
          </button>
          <span className="muted small">{t('review.undoHint')}</span>
        </div>
      </div>
      {kinds.length > 0 && (
        <table className="class-decisions">
          <caption className="sr-only">{t('review.decide.class')}</caption>
          <tbody>
            {kinds.map((kind) => (
              <tr key={kind}>
                <th scope="row">
                  <span className={`kind-badge kind-${kind}`}>{kindLabel(t, kind)}</span>
                </th>
                <td className="num">
                  {t('review.decide.acceptedOf', { accepted: review.accepted[kind], total: review.counts[kind] })}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('review.decide.acceptClass', { kind: kindLabel(t, kind) })}
                    onClick={() => onDecide({ kind: 'class', change: kind, accept: true })}
                    data-testid={`accept-class-${kind}`}
                  >
                    {t('review.decide.accept')}
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('review.decide.rejectClass', { kind: kindLabel(t, kind) })}
                    onClick={() => onDecide({ kind: 'class', change: kind, accept: false })}
                    data-testid={`reject-class-${kind}`}
                  >
                    {t('review.decide.reject')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="accepted" role="status" aria-live="polite" data-testid="accepted">
        <strong>{t('review.accepted.title')}:</strong>{' '}
        {DECIDABLE_KINDS.map((k) => (
          <span key={k} className="accepted-item" data-testid={`accepted-${k}`} data-count={review.accepted[k]}>
            {kindLabel(t, k)} {review.accepted[k].toLocaleString(locale)}
          </span>
        ))}
        {review.rejectedFields > 0 && (
          <span className="accepted-item" data-testid="rejected-fields">
            {t('review.accepted.rejectedFields', { count: review.rejectedFields })}
          </span>
        )}
      </div>
    </section>
  );
}
