import type { ReviewSummary } from '../../core/engine/review-session';
import { CommitWarnings } from './commit-warnings';
import { DECIDABLE_KINDS, kindLabel, type T } from './review-text';

export interface DecisionBarProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly busy: boolean;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
}

/**
 * The bar above the records, in view while they scroll: what a commit would apply now (updated
 * live), what it would delete or clear, and undo/redo of decisions.
 */
export function DecisionBar({ t, review, locale, busy, onUndo, onRedo }: DecisionBarProps) {
  return (
    <div className="review-bar" role="group" aria-label={t('review.bar.label')} data-testid="review-bar">
      <div className="accepted" role="status" aria-live="polite" data-testid="accepted">
        {/* The colon inside the title: in this flex row a text node of its own is an item apart ("Will be committed : "). */}
        <strong>
          {t('review.accepted.title')}
          {t('app.colon')}
        </strong>
        {DECIDABLE_KINDS.map((k) => (
          <span key={k} className={`accepted-item kind-${k}`} data-testid={`accepted-${k}`} data-count={review.accepted[k]}>
            {kindLabel(t, k)} {review.accepted[k].toLocaleString(locale)}
          </span>
        ))}
        {review.rejectedFields > 0 && (
          <span className="accepted-item" data-testid="rejected-fields">
            {t('review.accepted.rejectedFields', { count: review.rejectedFields })}
          </span>
        )}
      </div>
      <CommitWarnings t={t} review={review} where="bar" />
      <div className="undo-redo">
        <button type="button" className="small-button" disabled={busy || !review.canUndo} onClick={onUndo} aria-keyshortcuts="Control+Z" data-testid="review-undo">
          ↶ {t('review.undo')}
        </button>
        <button type="button" className="small-button" disabled={busy || !review.canRedo} onClick={onRedo} aria-keyshortcuts="Control+Shift+Z" data-testid="review-redo">
          ↷ {t('review.redo')}
        </button>
        <span className="muted small">{t('review.undoHint')}</span>
      </div>
    </div>
  );
}
