import type { enReviewProgress } from './en-review-progress';

/** 简体中文：审阅进度的其他阶段。 */
export const zhCNReviewProgress: Readonly<Record<keyof typeof enReviewProgress, string>> = {
  'review.progress.read': '正在读取基线',
  'review.progress.map': '正在按新数据的映射处理基线',
  'review.progress.snapshot': '正在写入快照',
  'review.progress.bytes': '{done} / {total}',
  'review.progress.records': '{done} / {total} 条记录',
};
