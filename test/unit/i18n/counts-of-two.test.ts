import { beforeAll, describe, expect, it } from 'vitest';
import { summaryCaption } from '../../../src/features/validate/problem-text';
import { loadLocale, translate, type Locale, type MessageKey, type MessageParams } from '../../../src/i18n/translate';

const tIn = (locale: Locale) => (key: MessageKey, params?: MessageParams) => translate(locale, key, params);

describe('counts of two and joined sentences, in both languages (found by the audit)', () => {
  beforeAll(() => loadLocale('zh-CN'));

  it('joins the problem table caption’s two sentences as each language does', () => {
    expect(summaryCaption(tIn('en'))).toBe('Problems per field and rule. Select a count to show only those rows.');
    // It was '…问题. 点击数字…': an ASCII full stop and space between two Chinese sentences.
    expect(summaryCaption(tIn('zh-CN'))).toBe('按字段和规则统计的问题。点击数字，只显示这些行。');
  });

  it.each([
    ['validate.fixAll.apply', {}, 'Fix both', 'Fix all 3', '两个都修复', '全部修复（3 个）'],
    ['validate.fixAll.label', { value: 'soon' }, 'Replace “soon” in both cells with this problem by', 'Replace “soon” in all 3 cells with this problem by', '将这两个有此问题的“soon”替换为', '将所有 3 个有此问题的“soon”替换为'],
    ['validate.fixAll.useSuggestion', { suggestion: 'a@b.de' }, 'Use “a@b.de” in both cells like this', 'Use “a@b.de” in all 3 cells like this', '这两个相同的单元格都改为“a@b.de”', '所有 3 个相同的单元格都改为“a@b.de”'],
    ['validate.fixAll.done', {}, 'Fixed both cells in one step; Undo reverses both.', 'Fixed 3 cells in one step; Undo reverses them all.', '已一次修复 2 个单元格；撤销可全部恢复。', '已一次修复 3 个单元格；撤销可全部恢复。'],
  ] as const)('%s says "both" for 2, "all N" otherwise', (key, params, enTwo, enThree, zhTwo, zhThree) => {
    expect(translate('en', key, { ...params, count: 2 })).toBe(enTwo);
    expect(translate('en', key, { ...params, count: 3 })).toBe(enThree);
    expect(translate('zh-CN', key, { ...params, count: 2 })).toBe(zhTwo);
    expect(translate('zh-CN', key, { ...params, count: 3 })).toBe(zhThree);
  });

  it('says "both rows" where two rows pass or a duplicate group has two', () => {
    expect(translate('en', 'validate.summary.clean', { total: 2 })).toBe('No problems: both rows pass every check.');
    expect(translate('en', 'validate.summary.clean', { total: 3 })).toBe('No problems: all 3 rows pass every check.');
    expect(translate('zh-CN', 'validate.summary.clean', { total: 2 })).toBe('没有问题：两行都通过了所有检查。');
    expect(translate('en', 'validate.dupes.rowsShown', { shown: 1, count: 2 })).toBe('Showing 1 of 2 rows; “Keep this row” and “Merge into this row” act on both.');
    expect(translate('zh-CN', 'validate.dupes.rowsShown', { shown: 1, count: 2 })).toBe('显示两行中的 1 行；“保留此行”和“合并到此行”作用于这两行。');
  });
});
