import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../../../src/i18n/translate';

describe('the Review warnings before a commit count in words', () => {
  beforeAll(() => loadLocale('zh-CN'));

  it.each([
    ['review.warn.deleted', 1, '1 record will be deleted', '将删除 1 条记录'],
    ['review.warn.deleted', 2, '2 records will be deleted', '将删除 2 条记录'],
    ['review.warn.cleared', 1, '1 value will be cleared', '将清空 1 个值'],
    ['review.warn.cleared', 1200, '1,200 values will be cleared', '将清空 1,200 个值'],
    ['review.warn.clearedRejected', 1, '(1 more clearing change rejected)', '（另有 1 处清空已拒绝）'],
    ['review.warn.clearedRejected', 3, '(3 more clearing changes rejected)', '（另有 3 处清空已拒绝）'],
  ] as const)('%s with %d', (key, count, english, chinese) => {
    expect(translate('en', key, { count })).toBe(english);
    expect(translate('zh-CN', key, { count })).toBe(chinese);
  });
});
