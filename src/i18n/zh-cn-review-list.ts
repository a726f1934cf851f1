import type { enReviewList } from './en-review-list';

/** 简体中文：审阅步骤的更改列表、摘要警告与阅读辅助。 */
export const zhCNReviewList: Readonly<Record<keyof typeof enReviewList, string>> = {
  'review.diff.removed': '删除：',
  'review.diff.added': '新增：',
  'review.diff.spaces': '空白',
  'review.row.who': '{kind}：键 {key}，{who}',
  'review.warn.title': '提交之前',
  'review.warn.deleted': '将删除 {count} 条记录',
  'review.warn.cleared': '将清空 {count} 个值',
  'review.warn.clearedRejected': '（另有 {count} 处清空已拒绝）',
  'review.warn.notCommitted': '有 {count} 列只在新数据中且未参与比较，提交和导出都不会包含：{columns}。请在“列”中勾选并重新比较，以保留其中的值。',
  'review.warn.listSep': '、',
  'review.warn.none': '不会删除任何记录，也不会清空任何值。',
  'review.bar.label': '决定，以及现在提交将应用的内容',
  'review.list.hintLeave': '按 Ctrl+End 离开列表，按 Ctrl+Home 回到列表上方。',
  'review.list.fullLabel': '更改前与更改后各占一行，列为参与比较的字段',
};
