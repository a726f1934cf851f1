/** English messages of a commit's last phase, saving its snapshot (merged into en.ts). */
export const enCommitSave = {
  'review.progress.save': 'Saving the snapshot in this browser',
} as const;
