import type { InlineSegment } from '../../core/diff/inline-diff';
import type { ReviewField } from '../../core/engine/review-session';
import type { Cell } from '../../core/model/cell';
import { cellText, type T } from './review-text';

type Side = 'before' | 'after';

/** A run of spaces, tabs or line breaks made visible, so a removed space is not an empty mark. */
function visibleSpace(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\t' ? '⇥' : ch === '\n' ? '↵' : ch === '\r' ? '' : '␣';
  return out;
}

/** A changed piece: `del` or `ins`, with its kind in words for screen readers (not colour alone). */
function Mark({ t, side, text }: { t: T; side: Side; text: string }) {
  const Tag = side === 'before' ? 'del' : 'ins';
  const blank = text.trim() === '';
  return (
    <Tag data-text={text}>
      <span className="sr-only">{t(side === 'before' ? 'review.diff.removed' : 'review.diff.added')} </span>
      {blank ? (
        <>
          <span aria-hidden="true" className="ws">
            {visibleSpace(text)}
          </span>
          <span className="sr-only">{t('review.diff.spaces')}</span>
        </>
      ) : (
        text
      )}
    </Tag>
  );
}

/**
 * One side of a changed value. With segments, the unchanged text is plain and only what was
 * removed (old side) or added (new side) is marked; without, the whole value is (replaced,
 * filled or cleared). An empty or missing value is named, not shown as nothing.
 */
export function ValueSide({ t, side, value, inline }: { t: T; side: Side; value: Cell; inline: readonly InlineSegment[] | null }) {
  if (value === null || value === '') return <span className="muted">{cellText(t, value)}</span>;
  if (inline === null) return <Mark t={t} side={side} text={value} />;
  const hidden = side === 'before' ? 'added' : 'removed';
  return (
    <>
      {inline.map((s, i) =>
        s.op === hidden ? null : s.op === 'same' ? (
          <span key={i}>{s.text}</span>
        ) : (
          <Mark key={i} t={t} side={side} text={s.text} />
        ),
      )}
    </>
  );
}

/** Old → new for one field: both values whole, each with its changed part marked. */
export function OldNew({ t, field }: { t: T; field: ReviewField }) {
  return (
    <span className="old-new">
      <span className="old-value" data-testid="old-value" data-value={field.before ?? ''}>
        <span className="sr-only">{t('review.row.old')}: </span>
        <ValueSide t={t} side="before" value={field.before} inline={field.inline} />
      </span>
      <span aria-hidden="true" className="arrow">
        →
      </span>
      <span className="new-value" data-testid="new-value" data-value={field.after ?? ''}>
        <span className="sr-only">{t('review.row.new')}: </span>
        <ValueSide t={t} side="after" value={field.after} inline={field.inline} />
      </span>
    </span>
  );
}
