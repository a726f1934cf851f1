import type { DiffCounts } from '../../core/diff/diff-types';
import { REVIEW_KINDS } from '../../state/review-slice';
import { kindLabel, type T } from './review-text';

export interface ClassChartProps {
  readonly t: T;
  readonly counts: DiffCounts;
  readonly locale: string;
}

/**
 * Records per class as labelled numbers with bars beside them. The bars only repeat the numbers
 * (hidden from screen readers); each class also has its own pattern, so colour is never the only cue.
 */
export function ClassChart({ t, counts, locale }: ClassChartProps) {
  // Records held back by rows with errors are a class only where there are some.
  const kinds = REVIEW_KINDS.filter((k) => k !== 'held' || counts.held > 0);
  const max = Math.max(1, ...kinds.map((k) => counts[k]));
  return (
    <figure className="class-chart" data-testid="class-chart">
      <figcaption>{t('review.summary.chart')}</figcaption>
      <dl>
        {kinds.map((kind) => (
          <div key={kind} className={`class-bar kind-${kind}`} data-testid={`count-${kind}`} data-count={counts[kind]}>
            <dt>{kindLabel(t, kind)}</dt>
            <dd>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${(counts[kind] / max) * 100}%` }} />
              </span>
              <span className="bar-value">{counts[kind].toLocaleString(locale)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
