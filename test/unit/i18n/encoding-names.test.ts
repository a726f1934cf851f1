import { describe, expect, it } from 'vitest';
import { SUPPORTED_ENCODINGS } from '../../../src/core/detect/encoding';
import { isMessageKey, loadLocale, translate } from '../../../src/i18n/translate';

describe('encoding names in the override picker', () => {
  it('has every supported encoding named in English (as encoding.ts names it) and in Chinese', async () => {
    await loadLocale('zh-CN');
    for (const e of SUPPORTED_ENCODINGS) {
      const key = `encoding.${e.label}`;
      expect(isMessageKey(key), key).toBe(true);
      if (!isMessageKey(key)) continue;
      expect(translate('en', key)).toBe(e.name);
      const zh = translate('zh-CN', key);
      expect(zh, key).not.toBe(e.name);
      // The encoding's own name stays recognisable in both.
      expect(zh).toContain(/\((.*)\)/.exec(e.name)?.[1] ?? '');
    }
  });
});
