import { rulesFor } from '../../core/diff/import-mode';
import type { ReviewSummary } from '../../core/engine/review-session';
import type { ReviewOptions } from '../../state/review-slice';
import type { FieldLabel, T } from './review-text';

type UsedOptions = ReviewSummary['options'];

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * True when the options on screen would give the comparison that is shown: the same key (its
 * columns in order, trimming and case), the same mode and cosmetic class, the same compared
 * columns, and the same update rule for every compared field. Rules for fields that are not
 * compared do nothing, so they do not count.
 */
export function sameOptions(onScreen: ReviewOptions, used: UsedOptions): boolean {
  const compared = used.compareColumns ?? [];
  return (
    sameList(onScreen.keyColumns, used.key.columns) &&
    onScreen.trim === used.key.trim &&
    onScreen.caseInsensitive === used.key.caseInsensitive &&
    onScreen.mode === used.mode &&
    onScreen.quietClass === used.quietClass &&
    sameSet(onScreen.compareColumns, compared) &&
    sameList(rulesFor(onScreen.rules, compared), rulesFor(used.rules, compared))
  );
}

/** The options a comparison used, as one line for the folded panel ("Key: ID, spaces ignored · …"). */
export function describeUsedOptions(t: T, used: UsedOptions, label: FieldLabel): string {
  const key = [used.key.columns.map(label).join(' + ')];
  if (used.key.trim) key.push(t('review.options.trimmed'));
  if (used.key.caseInsensitive) key.push(t('review.options.anyCase'));
  return [
    t('review.options.key', { key: key.join(t('review.options.comma')) }),
    t(`review.mode.${used.mode}`),
    t('review.options.compared', { count: (used.compareColumns ?? []).length }),
  ].join(' · ');
}
