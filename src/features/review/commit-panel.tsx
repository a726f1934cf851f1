import type { ReviewSummary } from '../../core/engine/review-session';
import type { SnapshotMeta } from '../../state/persist/snapshots';
import { Alert } from '../../ui/alert';
import type { T } from './review-text';

export interface CommitPanelProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly committed: SnapshotMeta | null;
  /** This review is the one committed: committing again would store the same snapshot. */
  readonly committedNow: boolean;
  readonly locale: string;
  readonly busy: boolean;
  readonly onCommit: () => void;
}

/** Commit the accepted changes; blocked, with the reason, while key conflicts remain. */
export function CommitPanel({ t, review, committed, committedNow, locale, busy, onCommit }: CommitPanelProps) {
  return (
    <section className="panel review-commit" aria-labelledby="review-commit-title">
      <h3 id="review-commit-title">{t('review.commit.title')}</h3>
      <p className="muted">{t('review.commit.explain')}</p>
      {review.blocked && (
        <p className="commit-blocked" id="commit-blocked" data-testid="commit-blocked">
          <strong>{t('review.commit.blocked')}</strong> {t('error.key-conflicts')}
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={busy || review.blocked || review.stale !== null || committedNow}
        aria-describedby={review.blocked ? 'commit-blocked' : undefined}
        onClick={onCommit}
        data-testid="commit"
      >
        {t('review.commit.button')}
      </button>
      {committed && (
        <Alert tone="success" testId="commit-done">
          <p className="no-margin">
            {t('review.commit.done', { time: new Date(committed.createdAt).toLocaleString(locale), rows: committed.rowCount })}{' '}
            {t('review.commit.export')}
          </p>
          <p className="no-margin">
            {t('review.commit.digest')}:{' '}
            <code className="checksum" data-testid="commit-digest">
              {committed.digest}
            </code>
          </p>
        </Alert>
      )}
    </section>
  );
}
