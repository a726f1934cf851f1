import type { Cell } from '../../core/model/cell';
import type { ReviewPattern } from '../../core/engine/review-session';
import { cellText, type FieldLabel, type T } from './review-text';

/** Longer values are cut in a pattern's description; the list shows them whole. */
const SHOWN_CHARS = 40;

function short(value: string): string {
  return value.length <= SHOWN_CHARS ? value : `${value.slice(0, SHOWN_CHARS - 1)}…`;
}

/** A value inside a description: empty and missing named, long values cut. */
function shownValue(t: T, value: Cell | undefined): string {
  return short(cellText(t, value ?? null));
}

/**
 * What a pattern does, in the UI language (without its field).
 *
 * @example
 * describePattern(t, { kind: 'suffix', text: ' (promoted)', … }); // 'appended “ (promoted)”'
 */
export function describePattern(t: T, p: Pick<ReviewPattern, 'kind' | 'from' | 'to' | 'text'>): string {
  switch (p.kind) {
    case 'replaced':
      return t('review.pattern.replaced', { from: shownValue(t, p.from), to: shownValue(t, p.to) });
    case 'suffix':
    case 'prefix':
    case 'suffix-removed':
    case 'prefix-removed':
      return t(`review.pattern.${p.kind}`, { text: short(p.text ?? '') });
    case 'set':
      return p.to === undefined ? t('review.pattern.set') : t('review.pattern.setTo', { to: shownValue(t, p.to) });
    default:
      return t(`review.pattern.${p.kind}`);
  }
}

/** The group's first change, as an example line. */
export function patternExample(t: T, p: ReviewPattern): string {
  if (p.column === null) return t('review.patterns.exampleKey', { key: short(p.example.key) });
  return t('review.patterns.example', { before: shownValue(t, p.example.before), after: shownValue(t, p.example.after) });
}

/** The field a pattern is about, as people read it; "whole records" for added and removed. */
export function patternField(t: T, label: FieldLabel, column: string | null): string {
  return column === null ? t('review.patterns.wholeRecord') : label(column);
}

/** One line naming a pattern: its field and what it does. */
export function patternLine(t: T, label: string, p: ReviewPattern): string {
  return t('review.patterns.line', { field: label, pattern: describePattern(t, p) });
}
