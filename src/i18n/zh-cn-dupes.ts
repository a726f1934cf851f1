import type { enDupes } from './en-dupes';

/** Simplified Chinese messages of the Validate step's duplicates panel, paged (merged into zh-cn.ts). */
export const zhCNDupes: Readonly<Record<keyof typeof enDupes, string>> = {
  'validate.dupes.page': '{total, plural, other {第 {from}–{to} 组，共 # 组}}',
  'validate.dupes.prev': '上一页',
  'validate.dupes.next': '下一页',
  'validate.dupes.rowsShown': '{count, plural, =2 {显示两行中的 {shown} 行；“保留此行”和“合并到此行”作用于这两行。} other {显示 # 行中的 {shown} 行；“保留此行”和“合并到此行”作用于全部 # 行。}}',
  'validate.dupes.conflicts':
    '{count, plural, other {这些行有 # 个字段的值不同：{fields}。}}合并时保留所合并到的行的值，除非你另选一个；其他值随其所在行一起删除。',
  'validate.dupes.listSep': '、',
  'validate.dupes.take': '{field}保留 {value}',
  'validate.dupes.showMore': '{count, plural, other {再显示 # 行}}',
};
