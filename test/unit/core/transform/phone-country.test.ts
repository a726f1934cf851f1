import { beforeAll, describe, expect, it } from 'vitest';
import { countryOfLanguage, inferPhoneCountry } from '../../../../src/core/transform/phone-country';
import { loadPhoneSupport, type PhoneSupport } from '../../../../src/core/transform/phone-support';

let phones: PhoneSupport;
beforeAll(async () => {
  phones = await loadPhoneSupport();
});

describe('default phone country from the numbers themselves, then the language', () => {
  // [case, samples, language, country, reason]
  const cases: [string, (string | null)[], string, string, string][] = [
    ['mainland mobiles, English page', ['13800138000', '139 1234 5678', '186-0000-1111', '15912345678'], 'en', 'CN', 'numbers'],
    ['mainland mobiles, Chinese page', ['13800138000', '13912345678'], 'zh-CN', 'CN', 'numbers'],
    ['German numbers with a trunk 0', ['030 1234567', '(030) 7654321', '0171 2345678', '089 12345678'], 'en', 'DE', 'numbers'],
    ['German numbers, some with +49', ['+49 30 1234567', '(030) 7654321', '0171 2345678'], 'zh-CN', 'DE', 'numbers'],
    ['US numbers, Chinese page', ['(415) 555-2671', '212-555-0142', '+1 650 253 0000'], 'zh-CN', 'US', 'numbers'],
    ['UK numbers', ['020 7946 0018', '07911 123456', '0161 496 0000'], 'en', 'GB', 'numbers'],
    ['only +86 codes', ['+86 138 0013 8000', '0086 139 1234 5678'], 'en', 'CN', 'country-code'],
    ['no numbers at all, Chinese page', ['', null, 'n/a'], 'zh-CN', 'CN', 'language'],
    ['no numbers at all, English page', [], 'en', 'US', 'language'],
    ['a region in the tag', ['call me'], 'en-GB', 'GB', 'language'],
  ];
  it.each(cases)('%s', (_name, samples, language, country, reason) => {
    const guess = inferPhoneCountry(samples, language, phones);
    expect([guess.country, guess.reason]).toEqual([country, reason]);
    expect(guess.support).toBeLessThanOrEqual(guess.samples);
  });

  it('a number valid in two countries goes to the language: a tie is not a vote', () => {
    // 1 310 555 1234: Los Angeles with a trunk 1, and a mainland mobile (131…).
    const both = ['13105551234'];
    expect(inferPhoneCountry(both, 'en', phones).country).toBe('US');
    expect(inferPhoneCountry(both, 'zh-CN', phones).country).toBe('CN');
  });

  it.each([
    ['en', 'US'],
    ['zh-CN', 'CN'],
    ['zh', 'CN'],
    ['de', 'DE'],
    ['en_AU', 'AU'],
    ['xx', 'US'],
  ])('language %s → %s', (language, country) => {
    expect(countryOfLanguage(language)).toBe(country);
  });
});
