import type { ReviewSummary } from '../../core/engine/review-session';
import type { T } from './review-text';

export interface CommitWarningsProps {
  readonly t: T;
  readonly review: ReviewSummary;
  /** Where it is shown: the testids stay apart (summary, bar, commit panel). */
  readonly where: 'summary' | 'bar' | 'commit';
}

/**
 * What a commit would destroy, said before it happens: records deleted and values cleared, as
 * the engine counts them under the current decisions. Nothing to warn about is said too, in the
 * summary and the commit panel, so "no warning" is never just a missing line.
 */
export function CommitWarnings({ t, review, where }: CommitWarningsProps) {
  const deleted = review.accepted.removed;
  const cleared = review.clearing;
  const rejectedClears = review.wouldClear - review.clearing;
  if (deleted === 0 && cleared === 0) {
    return where === 'bar' ? null : (
      <p className="muted small no-margin" data-testid={`${where}-warn-none`}>
        {t('review.warn.none')}
      </p>
    );
  }
  return (
    <ul className={`commit-warnings is-${where}`} aria-label={t('review.warn.title')} data-testid={`${where}-warnings`}>
      {deleted > 0 && (
        <li className="warn" data-testid={`${where}-warn-deleted`} data-count={deleted}>
          <span aria-hidden="true">⚠ </span>
          {t('review.warn.deleted', { count: deleted })}
        </li>
      )}
      {cleared > 0 && (
        <li className="warn" data-testid={`${where}-warn-cleared`} data-count={cleared}>
          <span aria-hidden="true">⚠ </span>
          {t('review.warn.cleared', { count: cleared })}
          {where !== 'bar' && rejectedClears > 0 && <> {t('review.warn.clearedRejected', { count: rejectedClears })}</>}
        </li>
      )}
    </ul>
  );
}
