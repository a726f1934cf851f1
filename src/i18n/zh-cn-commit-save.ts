import type { enCommitSave } from './en-commit-save';

/** 简体中文：提交的最后阶段，保存快照。 */
export const zhCNCommitSave: Readonly<Record<keyof typeof enCommitSave, string>> = {
  'review.progress.save': '正在将快照保存到此浏览器',
};
