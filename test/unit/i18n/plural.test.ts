import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enAll as en } from '../../../src/i18n/en-all';
import { formatBytesOf, formatMessage, formatNumber, messageParams, parseMessage, translate } from '../../../src/i18n/translate';
import { propertyConfig } from '../../support/seeded';

describe('numbers in messages', () => {
  it('are written as toLocaleString writes them, in both languages', () => {
    fc.assert(
      fc.property(fc.constantFrom('en' as const, 'zh-CN' as const), fc.oneof(fc.integer(), fc.double({ noNaN: true })), (locale, n) => {
        expect(formatNumber(locale, n)).toBe(n.toLocaleString(locale));
        expect(formatMessage(locale, '{n} / {n, plural, other {#}}', { n })).toBe(`${n.toLocaleString(locale)} / ${n.toLocaleString(locale)}`);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

describe('plural messages', () => {
  // Table-driven: each count in English (one/other) and Simplified Chinese (other only).
  const cases: [key: Parameters<typeof translate>[1], params: Record<string, number>, en: string, zh: string][] = [
    ['review.list.count', { count: 0 }, '0 records shown', '显示 0 条记录'],
    ['review.list.count', { count: 1 }, '1 record shown', '显示 1 条记录'],
    ['review.list.count', { count: 2 }, '2 records shown', '显示 2 条记录'],
    ['review.list.count', { count: 1234 }, '1,234 records shown', '显示 1,234 条记录'],
    ['validate.summary.deleted', { count: 1 }, '1 row deleted.', '已删除 1 行。'],
    ['validate.summary.deleted', { count: 3 }, '3 rows deleted.', '已删除 3 行。'],
    ['upload.head', { count: 1 }, 'The first row as read', '读取到的前 1 行'],
    ['upload.head', { count: 20 }, 'The first 20 rows as read', '读取到的前 20 行'],
    ['review.row.fields', { count: 1 }, '1 field changed', '1 个字段有更改'],
  ];
  it.each(cases)('%s %o', (key, params, english, chinese) => {
    expect(translate('en', key, params)).toBe(english);
    expect(translate('zh-CN', key, params)).toBe(chinese);
  });

  it('choose each count separately in one message', () => {
    expect(translate('en', 'validate.summary.line', { errors: 1, warnings: 2, rows: 1, total: 1 })).toBe(
      '1 error and 2 warnings in 1 of 1 row.',
    );
    expect(translate('en', 'validate.summary.line', { errors: 3, warnings: 1, rows: 2, total: 300 })).toBe(
      '3 errors and 1 warning in 2 of 300 rows.',
    );
  });

  it('prefer an exact =N branch over the plural category', () => {
    const t = '{n, plural, =0 {none} one {# item} other {# items}}';
    expect(formatMessage('en', t, { n: 0 })).toBe('none');
    expect(formatMessage('en', t, { n: 1 })).toBe('1 item');
    expect(formatMessage('en', t, { n: 1.5 })).toBe('1.5 items');
    expect(formatMessage('zh-CN', t, { n: 1 })).toBe('1 items');
  });

  it('keep a missing count visible, and malformed syntax as literal text', () => {
    expect(formatMessage('en', '{n, plural, one {# a} other {# b}} left', {})).toBe('{n} left');
    expect(formatMessage('en', 'a {n, plural, one {x}} b', { n: 1 })).toBe('a {n, plural, one {x}} b');
    expect(formatMessage('en', 'open { brace', { n: 1 })).toBe('open { brace');
    expect(formatMessage('en', '# stays outside plurals', {})).toBe('# stays outside plurals');
  });

  it('list the parameters of plural messages', () => {
    expect(messageParams('{a} and {b, plural, one {# x {c}} other {# y}}')).toEqual(['a', 'b', 'c']);
    expect(parseMessage('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
  });

  it('leave no English count message without a plural choice', () => {
    // A count shown as "{rows} rows" reads "1 rows"; every such message must choose a form.
    const bare: string[] = [];
    for (const [key, value] of Object.entries(en)) {
      const stripped = value.replace(/\{\w+, plural,[^]*?\}\}/g, '');
      if (/\{(?:count|rows|total|fields|columns)\} (?:rows|records|fields|columns|templates|groups|changes)\b/.test(stripped)) {
        bare.push(key);
      }
    }
    expect(bare).toEqual([]);
  });
});

describe('progress in bytes', () => {
  it('says both numbers in the total\'s unit', () => {
    expect(formatBytesOf('en', 5_300_000, 14_000_000)).toEqual({ done: '5.3', total: '14 MB' });
    expect(formatBytesOf('en', 0, 900)).toEqual({ done: '0', total: '900 B' });
    expect(formatBytesOf('en', 2_000_000_000, 1_500_000_000)).toEqual({ done: '1.5', total: '1.5 GB' });
    expect(
      translate('en', 'upload.progress', { ...formatBytesOf('en', 5_300_000, 14_000_000), rows: 1 }),
    ).toBe('5.3 of 14 MB · 1 row read');
    expect(
      translate('zh-CN', 'upload.progress', { ...formatBytesOf('zh-CN', 5_300_000, 14_000_000), rows: 20_000 }),
    ).toBe('5.3 / 14 MB · 已读取 20,000 行');
  });
});
