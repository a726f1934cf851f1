/** English messages of the Review summary's dataset digests, computed after the comparison is shown (merged into en.ts). */
export const enReviewDigests = {
  'review.summary.digestsPending': 'Computing…',
  'review.summary.digestsFailed': 'Not computed.',
  'review.summary.digestsRetry': 'Compute again',
};
