import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../../../src/i18n/translate';

describe('the duplicates panel says its true counts, in both languages, with the right plural', () => {
  beforeAll(() => loadLocale('zh-CN'));

  it('counts the groups and pages them', () => {
    expect(translate('en', 'validate.dupes.title', { count: 1 })).toBe('Duplicates (1 group)');
    expect(translate('en', 'validate.dupes.title', { count: 61234 })).toBe('Duplicates (61,234 groups)');
    expect(translate('zh-CN', 'validate.dupes.title', { count: 61234 })).toBe('重复项（61,234 组）');
    expect(translate('en', 'validate.dupes.page', { from: 11, to: 11, total: 11 })).toBe('Groups 11–11 of 11');
    expect(translate('en', 'validate.dupes.page', { from: 1, to: 1, total: 1 })).toBe('Group 1 of 1');
    expect(translate('en', 'validate.dupes.page', { from: 1, to: 10, total: 1234 })).toBe('Groups 1–10 of 1,234');
    expect(translate('zh-CN', 'validate.dupes.page', { from: 1, to: 10, total: 1234 })).toBe('第 1–10 组，共 1,234 组');
  });

  it('says how many rows of a group are shown and that the actions take them all', () => {
    expect(translate('en', 'validate.dupes.rowsShown', { shown: 5, count: 220 })).toBe(
      'Showing 5 of 220 rows; “Keep this row” and “Merge into this row” act on all 220 rows.',
    );
    expect(translate('zh-CN', 'validate.dupes.rowsShown', { shown: 5, count: 220 })).toBe('显示 220 行中的 5 行；“保留此行”和“合并到此行”作用于全部 220 行。');
    expect(translate('en', 'validate.dupes.showMore', { count: 1 })).toBe('Show 1 more row');
    expect(translate('en', 'validate.dupes.showMore', { count: 20 })).toBe('Show 20 more rows');
    expect(translate('zh-CN', 'validate.dupes.showMore', { count: 20 })).toBe('再显示 20 行');
  });

  it('names the fields whose values differ, one or several', () => {
    expect(translate('en', 'validate.dupes.conflicts', { count: 1, fields: 'Phone' })).toMatch(/^Values differ in 1 field: Phone\. A merge keeps/);
    expect(translate('en', 'validate.dupes.conflicts', { count: 2, fields: 'External ID, Phone' })).toMatch(/^Values differ in 2 fields: External ID, Phone\. A merge keeps/);
    expect(translate('zh-CN', 'validate.dupes.conflicts', { count: 1, fields: '电话' })).toMatch(/^这些行有 1 个字段的值不同：电话。合并时/);
  });
});
