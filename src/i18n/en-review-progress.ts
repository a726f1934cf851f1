/** English messages of the review's progress phases beyond the diff (merged into en.ts). */
export const enReviewProgress = {
  'review.progress.read': 'Reading the baseline',
  'review.progress.map': 'Mapping the baseline like the new data',
  'review.progress.snapshot': 'Writing the snapshot',
  'review.progress.bytes': '{done} of {total}',
  'review.progress.records': '{done} of {total, plural, one {# record} other {# records}}',
} as const;
