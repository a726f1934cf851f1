import type { ReviewSummary } from '../../core/engine/review-session';
import { columnsNotCommitted, type FieldLabel, type T } from './review-text';

export interface CommitWarningsProps {
  readonly t: T;
  readonly review: ReviewSummary;
  /** Where it is shown: the testids stay apart (summary, bar, commit panel). */
  readonly where: 'summary' | 'bar' | 'commit';
  /** Field labels in the UI language, for the columns a commit leaves out. */
  readonly label?: FieldLabel;
}

/**
 * What a commit would destroy, said before it happens: records deleted and values cleared, as
 * the engine counts them under the current decisions. Nothing to warn about is said too, in the
 * summary and the commit panel, so "no warning" is never just a missing line.
 */
export function CommitWarnings({ t, review, where, label = (c) => c }: CommitWarningsProps) {
  // Columns only the new data has, not compared: the merge lacks them (not in the bar, which
  // counts what decisions change; the summary and the commit panel say it).
  const leftOut = where === 'bar' ? [] : columnsNotCommitted(review);
  const columns = leftOut.length > 0 && (
    <p className="alert alert-warning" data-testid={`${where}-warn-columns`} data-columns={leftOut.join(',')}>
      <span aria-hidden="true">⚠ </span>
      {t('review.warn.notCommitted', { count: leftOut.length, columns: leftOut.map(label).join(t('review.warn.listSep')) })}
    </p>
  );
  return (
    <>
      <RecordWarnings t={t} review={review} where={where} />
      {columns}
    </>
  );
}

/** Records deleted and values cleared under the current decisions. */
function RecordWarnings({ t, review, where }: CommitWarningsProps) {
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
