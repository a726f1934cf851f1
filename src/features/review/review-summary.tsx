import type { ReactNode } from 'react';
import type { DecisionOp, ReviewSummary } from '../../core/engine/review-session';
import { ClassChart } from './class-chart';
import { ClassDecisions } from './class-decisions';
import { CommitWarnings } from './commit-warnings';
import { DigestFacts } from './digest-facts';
import { FieldCounts } from './field-counts';
import type { FieldLabel, T } from './review-text';

/** The summary's heading: focused when a comparison finishes, so the result is where the user is. */
export const SUMMARY_HEADING_ID = 'review-summary-title';

export interface ReviewSummaryPanelProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly busy: boolean;
  readonly label: FieldLabel;
  readonly onDecide: (op: DecisionOp) => void;
  /**
   * The top change patterns (edits that do the same thing, with a count and accept/reject),
   * shown between the charts and the digests. Filled by the patterns panel; nothing when absent.
   */
  readonly patterns?: ReactNode;
}

/**
 * What a manager reads in five seconds: what a commit would delete or clear, records per class
 * and changes per field as bars (with accept/reject all), the top patterns, the digests.
 */
export function ReviewSummaryPanel({ t, review, locale, busy, label, onDecide, patterns }: ReviewSummaryPanelProps) {
  return (
    <section className="panel review-summary" aria-labelledby={SUMMARY_HEADING_ID} data-testid="review-summary">
      <h3 id={SUMMARY_HEADING_ID} tabIndex={-1} className="focus-target">
        {t('review.summary.title')}
      </h3>
      {review.blocked ? (
        // Records in key conflicts are not classified: counts of the rest would claim what a
        // commit does (none deleted, none cleared) before it can be known.
        <p className="no-margin" data-testid="summary-waiting">
          {t('review.conflicts.waiting', { count: conflictCount(review.conflicts) })}
        </p>
      ) : (
        <Compared t={t} review={review} locale={locale} busy={busy} label={label} onDecide={onDecide} patterns={patterns} />
      )}
    </section>
  );
}

/** Key conflicts to resolve: each row without a key, and each group of rows sharing one. */
function conflictCount(conflicts: ReviewSummary['conflicts']): number {
  const { base, next } = conflicts;
  return base.missing.length + base.duplicates.length + next.missing.length + next.duplicates.length;
}

/** The summary of a comparison that ran: warnings, classes, fields, patterns, digests. */
function Compared({ t, review, locale, busy, label, onDecide, patterns }: ReviewSummaryPanelProps) {
  return (
    <>
      <CommitWarnings t={t} review={review} where="summary" label={label} />
      <div className="summary-grid">
        <div>
          <ClassChart t={t} counts={review.counts} locale={locale} />
          <ClassDecisions t={t} review={review} busy={busy} onDecide={onDecide} />
        </div>
        <FieldCounts t={t} fieldCounts={review.fieldCounts} locale={locale} busy={busy} onDecide={onDecide} label={label} />
      </div>
      {patterns && (
        <div className="summary-patterns" data-testid="summary-patterns">
          {patterns}
        </div>
      )}
      <DigestFacts t={t} review={review} locale={locale} />
    </>
  );
}
