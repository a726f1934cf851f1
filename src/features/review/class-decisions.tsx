import type { DecisionOp, ReviewSummary } from '../../core/engine/review-session';
import { DECIDABLE_KINDS, kindLabel, type T } from './review-text';
import { AcceptRejectButtons } from './accept-reject';

export interface ClassDecisionsProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly busy: boolean;
  readonly onDecide: (op: DecisionOp) => void;
}

/** Accept or reject every record of a class at once, with how many are accepted now. */
export function ClassDecisions({ t, review, busy, onDecide }: ClassDecisionsProps) {
  const kinds = DECIDABLE_KINDS.filter((k) => review.counts[k] > 0);
  if (kinds.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="class-decisions" data-testid="class-decisions">
        <caption>{t('review.decide.class')}</caption>
        <tbody>
          {kinds.map((kind) => (
            <tr key={kind}>
              <th scope="row">
                <span className={`kind-badge kind-${kind}`}>{kindLabel(t, kind)}</span>
              </th>
              <td className="num">{t('review.decide.acceptedOf', { accepted: review.accepted[kind], total: review.counts[kind] })}</td>
              <td className="row-actions">
                <AcceptRejectButtons
                  t={t}
                  busy={busy}
                  op={(accept) => ({ kind: 'class', change: kind, accept })}
                  acceptLabel={t('review.decide.acceptClass', { kind: kindLabel(t, kind) })}
                  rejectLabel={t('review.decide.rejectClass', { kind: kindLabel(t, kind) })}
                  testIds={[`accept-class-${kind}`, `reject-class-${kind}`]}
                  onDecide={onDecide}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
