import type { enReviewDigests } from './en-review-digests';

/** 简体中文：审阅摘要中的数据集摘要（在比较结果显示之后计算）。 */
export const zhCNReviewDigests: Readonly<Record<keyof typeof enReviewDigests, string>> = {
  'review.summary.digestsPending': '正在计算…',
  'review.summary.digestsFailed': '未能计算。',
  'review.summary.digestsRetry': '重新计算',
};
