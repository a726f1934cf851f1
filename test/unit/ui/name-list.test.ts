import { describe, expect, it } from 'vitest';
import { nameList } from '../../../src/ui/name-list';
import { translate } from '../../../src/i18n/translate';

const more = (count: number) => translate('en', 'map.templates.more', { count });
const zh = (count: number) => translate('zh-CN', 'review.conflicts.more', { count });

describe('nameList', () => {
  it('lists every name up to the limit, then how many more', () => {
    expect(nameList(['Email', 'Phone'], 20, more)).toBe('Email, Phone');
    const wide = Array.from({ length: 9950 }, (_, i) => `Question ${i + 51}`);
    const line = nameList(wide, 20, more);
    expect(line.startsWith('Question 51, Question 52,')).toBe(true);
    expect(line.endsWith('Question 70 and 9,930 more')).toBe(true);
    expect(line.split(', ')).toHaveLength(20);
    // Names made for the first ones only, of a longer list.
    expect(nameList(['1', '2'], 2, more, 100_000)).toBe('1, 2 and 99,998 more');
  });

  it('says one more in English and counts in Chinese', () => {
    expect(nameList(['a', 'b'], 1, more)).toBe('a and 1 more');
    expect(nameList(['a', 'b', 'c'], 1, (count) => translate('zh-CN', 'map.templates.more', { count }))).toBe('a 等另外 2 列');
  });

  it('joins with the language’s own separator: a comma in English, 、 in Chinese', () => {
    const rows = ['5', '202', '7'];
    expect(nameList(rows, 2, more, 3, translate('en', 'list.separator'))).toBe('5, 202 and 1 more');
    expect(nameList(rows, 3, zh, 3, translate('zh-CN', 'list.separator'))).toBe('5、202、7');
    expect(translate('zh-CN', 'review.conflicts.duplicate', { rows: nameList(rows, 2, zh, 3, translate('zh-CN', 'list.separator')) })).toBe(
      '这些行的键相同：5、202 等另外 1 行',
    );
  });
});
