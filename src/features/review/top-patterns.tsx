import type { ReviewSummary } from '../../core/engine/review-session';
import { describePattern, patternField } from './pattern-text';
import type { FieldLabel, T } from './review-text';
import { usePatterns } from './use-patterns';

export interface TopPatternsProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly label: FieldLabel;
  /** How many groups to name (the largest first). */
  readonly limit?: number;
}

/**
 * The largest change patterns in a few lines ("Title: appended “ (promoted)” × 215"), for a
 * summary; deciding on them is the patterns panel's job.
 */
export function TopPatterns({ t, review, locale, label, limit = 5 }: TopPatternsProps) {
  const data = usePatterns(review.version, limit);
  if (data === null || data.patterns.length === 0) return null;
  return (
    <div className="top-patterns" data-testid="top-patterns">
      <h4>{t('review.patterns.top')}</h4>
      <ol>
        {data.patterns.map((p) => (
          <li key={p.id} data-testid="top-pattern" data-count={p.count}>
            <span className="pattern-field">{patternField(t, label, p.column)}</span> {describePattern(t, p)}{' '}
            <span className="bar-value">× {p.count.toLocaleString(locale)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
