import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate, type Locale } from '../../../src/i18n/translate';
import { describeError } from '../../../src/ui/describe-error';

const say = (locale: Locale, code: string, details: Record<string, string | number>) =>
  describeError((k, v) => translate(locale, k, v), locale, { code, details });

describe('size and storage refusals say why, with every placeholder filled', () => {
  beforeAll(() => loadLocale('zh-CN'));

  it('a snapshot the browser refused to store names its size, not a free space it does not know', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = say(locale, 'snapshot-too-large', { size: 1_700_000_000, why: 'write-failed', reason: 'QuotaExceededError' });
      expect(text).not.toMatch(/[{}]/);
      expect(text).toContain('1.7');
    }
    expect(say('en', 'snapshot-too-large', { size: 1_700_000_000, why: 'write-failed' })).toContain('private window');
  });

  it('the quota case keeps its own message with the free space', () => {
    const text = say('en', 'snapshot-too-large', { size: 2_000_000, limit: 1_000_000 });
    expect(text).not.toMatch(/[{}]/);
    expect(text).toContain('free');
  });

  it('each file-too-large reason has its message in both languages', () => {
    for (const why of ['memory', 'one-string', 'workbook', 'settings', 'report']) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const text = say(locale, 'file-too-large', { size: 2_000_000_000, limit: 1_073_741_824, why, file: 'contacts.csv' });
        expect(text).not.toMatch(/[{}]/);
        expect(text).not.toBe(say(locale, 'file-too-large', { size: 2_000_000_000, limit: 1_073_741_824 }));
      }
    }
  });

  it('a read that stalled says how far it got, in sizes people read, and what to do', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = say(locale, 'file-read-stalled', { seconds: 60, done: 21_000_000, total: 45_400_000 });
      expect(text).not.toMatch(/[{}]/);
      expect(text).toContain('21');
      expect(text).toContain('45.4');
      expect(text).toContain('60');
    }
    expect(say('en', 'file-read-stalled', { seconds: 60, done: 21_000_000, total: 45_400_000 })).toContain('choose it again');
  });
});
