import type { enReviewOptions } from './en-review-options';

/** 简体中文：审阅步骤折叠后的比较选项。 */
export const zhCNReviewOptions: Readonly<Record<keyof typeof enReviewOptions, string>> = {
  'review.options.key': '键：{key}',
  'review.options.comma': '，',
  'review.options.trimmed': '忽略两端空格',
  'review.options.anyCase': '忽略大小写',
  'review.options.compared': '比较 {count} 个字段',
  'review.options.change': '修改',
  'review.options.hide': '收起选项',
  'review.options.changed': '这些选项与下方的比较结果不同。请重新比较以查看新结果；在此之前，提交应用的仍是下方的比较结果。',
};
