import type { enReviewUndo } from './en-review-undo';

/** 简体中文：审阅步骤的导入方式、更新规则、撤销文件与恢复。 */
export const zhCNReviewUndo: Readonly<Record<keyof typeof enReviewUndo, string>> = {
  'review.mode.title': '这次导入做什么',
  'review.mode.add-update': '新增记录并更新已有记录',
  'review.mode.add-only': '只新增记录',
  'review.mode.update-only': '只更新已有记录',
  'review.mode.mirror': '与此文件完全一致（也删除文件中没有的记录）',
  'review.kind.ignored': '导入方式不处理',
  'review.row.ignoredNote': '保持原样：所选导入方式不做此更改。',

  'review.rules.title': '字段何时采用新值',
  'review.rules.hint': '适用于两侧都有的记录。新增记录整条添加。',
  'review.rules.all': '所有字段',
  'review.rules.field': '字段',
  'review.rules.rule': '规则',
  'review.rules.keptOut': '未采用',
  'review.rules.keptOutCount': '{count} 处',
  'review.rules.inherit': '同所有字段',
  'review.rules.ruleFor': '{field} 的规则',
  'review.rules.keptOutTotal': '{count, plural, =0 {更新规则没有排除任何更改。} other {更新规则使 {count} 处更改未被采用，保留原值。}}',
  'review.rule.always': '总是采用新值',
  'review.rule.if-not-empty': '仅当新值不为空时',
  'review.rule.fill-empty': '仅填充空字段',

  'review.export.forward': '更改',
  'review.export.undo': '撤销',
  'review.export.undoExplain':
    '撤销文件还原这些更改：更新的记录恢复原值，插入的记录被删除，删除的记录整条重新插入。',

  'review.history.revert': '恢复到此快照',
  'review.history.revertConfirm': '恢复到此快照？其记录将作为新快照提交；所有快照都会保留。',
  'review.history.revertYes': '恢复',
  'review.history.reverted': '恢复到 {time} 的快照',
};
