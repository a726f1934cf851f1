import { useState } from 'react';
import type { DecisionOp, ReviewPattern, ReviewSummary } from '../../core/engine/review-session';
import { describePattern, patternExample, patternField, patternLine } from './pattern-text';
import type { FieldLabel, T } from './review-text';
import { usePatterns } from './use-patterns';
import { AcceptRejectButtons } from './accept-reject';

/** A pattern the list is narrowed to: its id for the engine, its line for the filter chip. */
export interface ShownPattern {
  readonly id: string;
  readonly label: string;
}

export interface PatternsPanelProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly busy: boolean;
  readonly label: FieldLabel;
  readonly onDecide: (op: DecisionOp) => void;
  /** Narrows the change list to the pattern's records (null: stops narrowing it). */
  readonly onShow: (pattern: ShownPattern | null) => void;
  /** The pattern the list is narrowed to, if any. */
  readonly shown: string | null;
}

/** Groups listed before "show all". */
const FIRST = 8;
/** Groups listed at most: beyond that, the field filter of the list reaches the rest. */
const ALL = 500;

/**
 * Identical edits grouped (computed in the engine): per group its field, what it does, how many
 * changes, how many are accepted, and accept / reject for exactly those changes (one decision,
 * one undo step) or "show" to narrow the list to them.
 */
export function PatternsPanel({ t, review, locale, busy, label, onDecide, onShow, shown }: PatternsPanelProps) {
  const [all, setAll] = useState(false);
  const data = usePatterns(review.version, all ? ALL : FIRST);
  const max = Math.max(1, ...(data?.patterns.map((p) => p.count) ?? []));
  return (
    <section className="panel review-patterns" aria-labelledby="review-patterns-title" data-testid="patterns-panel">
      <h3 id="review-patterns-title">{t('review.patterns.title')}</h3>
      {data === null ? (
        <p className="muted">{t('review.patterns.loading')}</p>
      ) : data.total === 0 ? (
        <p className="muted">{t('review.patterns.none')}</p>
      ) : (
        <>
          <p className="muted small">
            {t('review.patterns.intro')}{' '}
            <span data-testid="patterns-summary" data-groups={data.total} data-changes={data.fieldChanges}>
              {t('review.patterns.summary', { changes: data.fieldChanges, groups: data.total })}
            </span>
          </p>
          <ol className="pattern-list" data-testid="pattern-list">
            {data.patterns.map((p) => (
              <PatternItem
                key={p.id}
                t={t}
                locale={locale}
                pattern={p}
                field={patternField(t, label, p.column)}
                max={max}
                busy={busy}
                active={shown === p.id}
                onDecide={onDecide}
                onShow={onShow}
              />
            ))}
          </ol>
          {data.total > FIRST && (
            <p className="pattern-more">
              <button type="button" onClick={() => setAll(!all)} aria-expanded={all} data-testid="patterns-more">
                {all ? t('review.patterns.fewer') : t('review.patterns.more', { count: data.total })}
              </button>
              {all && data.total > ALL && (
                <span className="muted small"> {t('review.patterns.capped', { shown: ALL, count: data.total })}</span>
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}

interface PatternItemProps {
  readonly t: T;
  readonly locale: string;
  readonly pattern: ReviewPattern;
  readonly field: string;
  readonly max: number;
  readonly busy: boolean;
  readonly active: boolean;
  readonly onDecide: (op: DecisionOp) => void;
  readonly onShow: (pattern: ShownPattern | null) => void;
}

function PatternItem({ t, locale, pattern: p, field, max, busy, active, onDecide, onShow }: PatternItemProps) {
  const line = patternLine(t, field, p);
  const countText = p.column === null ? t('review.patterns.records', { count: p.count }) : t('review.patterns.count', { count: p.count });
  return (
    <li
      className={`pattern-item${active ? ' is-active' : ''}${p.accepted === 0 ? ' is-rejected' : ''}`}
      data-testid="pattern"
      data-kind={p.kind}
      data-column={p.column ?? ''}
      data-count={p.count}
      data-accepted={p.accepted}
    >
      <div className="pattern-what">
        <span className="pattern-field">{field}</span>{' '}
        <span className="pattern-desc" data-testid="pattern-desc">
          {describePattern(t, p)}
        </span>
        <span className="muted small pattern-example">{patternExample(t, p)}</span>
      </div>
      <div className="pattern-count">
        <span className="bar-track" aria-hidden="true">
          <span className="bar-fill" style={{ width: `${(p.count / max) * 100}%` }} />
        </span>
        <span className="bar-value" title={countText}>
          × {p.count.toLocaleString(locale)}
        </span>
        <span className="sr-only">{countText}</span>
        <span className="muted small pattern-accepted" data-testid="pattern-accepted">
          {t('review.patterns.accepted', { accepted: p.accepted, count: p.count })}
        </span>
      </div>
      <div className="row-actions">
        <button
          type="button"
          aria-label={t('review.patterns.showLabel', { pattern: line })}
          aria-pressed={active}
          onClick={() => onShow(active ? null : { id: p.id, label: line })}
          data-testid="pattern-show"
        >
          {t('review.patterns.show')}
        </button>
        <AcceptRejectButtons
          t={t}
          busy={busy}
          op={(accept) => ({ kind: 'pattern', id: p.id, accept })}
          acceptLabel={t('review.patterns.acceptLabel', { pattern: line })}
          rejectLabel={t('review.patterns.rejectLabel', { pattern: line })}
          testIds={['pattern-accept', 'pattern-reject']}
          onDecide={onDecide}
        />
      </div>
    </li>
  );
}
