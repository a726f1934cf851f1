import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../../../src/i18n/translate';

describe('the Map step of a wide file says its true counts, in both languages, with the right plural', () => {
  beforeAll(() => loadLocale('zh-CN'));

  it('says which columns of the file are on screen', () => {
    expect(translate('en', 'map.page.all', { from: 51, to: 100, total: 10_000 })).toBe(
      'Columns 51–100 of 10,000',
    );
    expect(translate('zh-CN', 'map.page.all', { from: 51, to: 100, total: 10_000 })).toBe(
      '第 51–100 列，共 10,000 列',
    );
    expect(translate('en', 'map.page.of', { page: 2, pages: 200 })).toBe('Page 2 of 200');
    expect(translate('zh-CN', 'map.page.of', { page: 2, pages: 200 })).toBe('第 2 / 200 页');
  });

  it('counts what a find shows: none, one, many', () => {
    expect(translate('en', 'map.page.found', { from: 1, to: 0, total: 0 })).toBe(
      'No column matches.',
    );
    expect(translate('en', 'map.page.found', { from: 1, to: 1, total: 1 })).toBe('1 column found.');
    expect(translate('en', 'map.page.found', { from: 51, to: 100, total: 1_111 })).toBe(
      '1,111 columns found; 51–100 shown.',
    );
    expect(translate('zh-CN', 'map.page.found', { from: 1, to: 0, total: 0 })).toBe(
      '没有符合条件的列。',
    );
    expect(translate('zh-CN', 'map.page.found', { from: 1, to: 1, total: 1 })).toBe('找到 1 列。');
    expect(translate('zh-CN', 'map.page.found', { from: 51, to: 100, total: 1_111 })).toBe(
      '找到 1,111 列，显示第 51–100 个。',
    );
  });

  it('counts the columns each "Show" choice holds, and a join\'s columns not listed', () => {
    expect(translate('en', 'map.show.unmapped', { count: 9_988 })).toBe('Not imported (9,988)');
    expect(translate('zh-CN', 'map.show.mapped', { count: 12 })).toBe('已映射（12）');
    expect(translate('en', 'map.param.joinMore', { count: 1 })).toBe(
      '1 more column matches; type to narrow the list.',
    );
    expect(translate('en', 'map.param.joinMore', { count: 9_947 })).toBe(
      '9,947 more columns match; type to narrow the list.',
    );
    expect(translate('zh-CN', 'map.param.joinMore', { count: 9_947 })).toBe(
      '还有 9,947 列符合，输入文字可缩小范围。',
    );
    expect(translate('en', 'map.columnNumber', { number: 9_876 })).toBe('Column 9,876');
    expect(translate('zh-CN', 'map.columnNumber', { number: 9_876 })).toBe('第 9,876 列');
  });
});
