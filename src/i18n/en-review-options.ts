/** English messages of the Review step's folded options (merged into en.ts). */
export const enReviewOptions = {
  'review.options.key': 'Key: {key}',
  'review.options.comma': ', ',
  'review.options.trimmed': 'spaces ignored',
  'review.options.anyCase': 'any case',
  'review.options.compared': '{count, plural, one {# field compared} other {# fields compared}}',
  'review.options.change': 'Change',
  'review.options.hide': 'Hide options',
  'review.options.changed': 'These options differ from the comparison below. Compare again to see their result; until then the comparison below is what a commit applies.',
} as const;
