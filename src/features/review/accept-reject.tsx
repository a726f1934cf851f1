import type { DecisionOp } from '../../core/engine/review-session';
import type { T } from './review-text';

/**
 * The "Accept all" / "Reject all" pair for a group of changes (a class, a field, a pattern): one
 * decision op with `accept` set either way, each button with its own accessible name.
 */
export function AcceptRejectButtons(props: {
  readonly t: T;
  readonly busy: boolean;
  /** The decision, without its `accept`. */
  readonly op: (accept: boolean) => DecisionOp;
  readonly acceptLabel: string;
  readonly rejectLabel: string;
  /** Test ids of the two buttons. */
  readonly testIds: readonly [accept: string, reject: string];
  readonly onDecide: (op: DecisionOp) => void;
}) {
  const { t, busy, op, acceptLabel, rejectLabel, testIds, onDecide } = props;
  return (
    <>
      <button type="button" disabled={busy} aria-label={acceptLabel} onClick={() => onDecide(op(true))} data-testid={testIds[0]}>
        {t('review.decide.accept')}
      </button>
      <button type="button" disabled={busy} aria-label={rejectLabel} onClick={() => onDecide(op(false))} data-testid={testIds[1]}>
        {t('review.decide.reject')}
      </button>
    </>
  );
}
