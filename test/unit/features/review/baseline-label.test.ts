import { describe, expect, it } from 'vitest';
import { baselineLabel } from '../../../../src/features/review/review-text';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../../../src/i18n/translate';

const tIn = (locale: Locale) => (key: MessageKey, params?: MessageParams) => translate(locale, key, params);

// 30 Nov 2026 03:26:10 in the local time zone, whichever it is: History shows local times.
const AT = new Date(2026, 10, 30, 3, 26, 10).toISOString();

describe('a baseline from History is named with its time in the page’s language (found by the audit)', () => {
  it('formats the stored time for English and for Chinese', () => {
    expect(baselineLabel(tIn('en'), 'en', 'german.csv', AT)).toBe('german.csv · 11/30/2026, 3:26:10 AM');
    // It was stored as 'german.csv · 11/30/2026, 3:26:10 AM' and shown so on the Chinese page.
    expect(baselineLabel(tIn('zh-CN'), 'zh-CN', 'german.csv', AT)).toBe('german.csv · 2026/11/30 03:26:10');
    expect(translate('zh-CN', 'review.history.files', { current: 'new.csv', baseline: baselineLabel(tIn('zh-CN'), 'zh-CN', 'german.csv', AT) })).toBe(
      '新数据 new.csv，基线 german.csv · 2026/11/30 03:26:10',
    );
  });

  it('shows a file baseline’s name, and an old snapshot’s stored label, as they are', () => {
    expect(baselineLabel(tIn('zh-CN'), 'zh-CN', 'last-month.csv', undefined)).toBe('last-month.csv');
    const old = 'german.csv · 11/30/2026, 3:26:10 AM';
    expect(baselineLabel(tIn('zh-CN'), 'zh-CN', old, undefined)).toBe(old);
    expect(baselineLabel(tIn('en'), 'en', 'german.csv', 'not a time')).toBe('german.csv');
  });
});
