import type { ReviewSummary } from '../../core/engine/review-session';
import type { SnapshotMeta } from '../../state/persist/snapshots';
import { Alert } from '../../ui/alert';
import { CommitWarnings } from './commit-warnings';
import type { FieldLabel, T } from './review-text';

/** A commit's result: focused when the commit is saved, so keyboard users land on it. */
export const COMMIT_RESULT_ID = 'commit-result';

export interface CommitPanelProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly committed: SnapshotMeta | null;
  /** This review is the one committed: committing again would store the same snapshot. */
  readonly committedNow: boolean;
  readonly locale: string;
  readonly busy: boolean;
  readonly onCommit: () => void;
  /** What the error policy does to rows with errors in this comparison, in words; null if none. */
  readonly policyNote?: string | null;
  /** Field labels in the UI language. */
  readonly label?: FieldLabel;
}

/** Commit the accepted changes; blocked, with the reason, while key conflicts remain. */
export function CommitPanel({ t, review, committed, committedNow, locale, busy, onCommit, policyNote = null, label }: CommitPanelProps) {
  return (
    <section className="panel review-commit" aria-labelledby="review-commit-title">
      <h3 id="review-commit-title">{t('review.commit.title')}</h3>
      <p className="muted">{t('review.commit.explain')}</p>
      {policyNote && (
        <p className="small" data-testid="review-policy-note">
          {policyNote}
        </p>
      )}
      {!committedNow && !review.blocked && <CommitWarnings t={t} review={review} where="commit" {...(label ? { label } : {})} />}
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
      {committed && <CommitDone t={t} committed={committed} locale={locale} />}
    </section>
  );
}

function CommitDone({ t, committed, locale }: { t: T; committed: SnapshotMeta; locale: string }) {
  return (
    <div id={COMMIT_RESULT_ID} tabIndex={-1} className="focus-target commit-result">
    <Alert tone="success" testId="commit-done">
      <p className="no-margin">
        {t('review.commit.done', { time: new Date(committed.createdAt).toLocaleString(locale), rows: committed.rowCount })}{' '}
        {t('review.commit.export')}
      </p>
      <p className="no-margin">
        {t('review.commit.digest')}{t('app.colon')}
        <code className="checksum" data-testid="commit-digest">
          {committed.digest}
        </code>
      </p>
    </Alert>
    </div>
  );
}

export interface InitialCommitPanelProps {
  readonly t: T;
  /** Records the initial snapshot will hold (the current data under the error policy). */
  readonly records: number;
  readonly policyNote: string | null;
  /** The last adopted commit, shown here when it was an initial snapshot. */
  readonly committed: SnapshotMeta | null;
  readonly locale: string;
  readonly busy: boolean;
  readonly onCommit: () => void;
}

/**
 * A first import has no baseline: commit the current data as the initial snapshot, which
 * becomes the baseline of the next import (with its fingerprints).
 */
export function InitialCommitPanel({ t, records, policyNote, committed, locale, busy, onCommit }: InitialCommitPanelProps) {
  return (
    <section className="panel review-commit" aria-labelledby="review-initial-title" data-testid="initial-commit">
      <h3 id="review-initial-title">{t('review.initial.title')}</h3>
      <p className="muted">{t('review.initial.explain')}</p>
      <p data-testid="initial-records" data-records={records}>
        {t('review.initial.records', { records })}
      </p>
      {policyNote && (
        <p className="small" data-testid="review-policy-note">
          {policyNote}
        </p>
      )}
      <button type="button" disabled={busy} onClick={onCommit} data-testid="commit-initial">
        {t('review.initial.button')}
      </button>
      {committed && committed.baselineName === '' && <CommitDone t={t} committed={committed} locale={locale} />}
    </section>
  );
}
