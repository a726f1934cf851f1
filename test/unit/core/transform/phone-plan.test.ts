import * as fc from 'fast-check';
import * as lib from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { checkLength } from '../../../../src/core/transform/phone-plan';
import { createPhoneSupport } from '../../../../src/core/transform/phone-support';
import { propertyConfig } from '../../../support/seeded';

// The hand-written reading (phone-plan.ts) against libphonenumber-js on text as people write it:
// national numbers with and without their national prefix, country codes with and without '+',
// punctuation, under every default country. Wherever the fast path answers, the verdict and
// the E.164 must be the library's; and it must answer for most of the corpus.
const phones = createPhoneSupport(lib);
const COUNTRIES = lib.getCountries();
const FOCUS = ['US', 'CA', 'GB', 'DE', 'FR', 'CN', 'JP', 'IN', 'BR', 'AU', 'MX', 'RU', 'IT', 'ES', 'NL', 'FI', 'AX', 'JM', 'KR', 'HK'] as const;

/** Every example mobile number, in E.164: the seed of realistic, often valid, numbers. */
const EXAMPLES = COUNTRIES.flatMap((c) => {
  const e = lib.getExampleNumber(c, examples);
  return e === undefined ? [] : [{ country: c, national: e.nationalNumber as string, cc: e.countryCallingCode as string }];
});

type Wrong = [text: string, country: string | undefined, what: string, fast: unknown, library: unknown];

/** Compares both paths on one text; returns whether the fast path answered. */
function compare(text: string, country: string | undefined, wrong: Wrong[]): boolean {
  const fast = phones.checkFast(text, country);
  if (fast !== undefined) {
    const library = phones.checkLibrary(text, country);
    if (fast !== library) wrong.push([text, country, 'check', fast, library]);
  }
  if (country !== undefined) {
    const e164 = phones.toE164Fast(text, country);
    if (e164 !== 'library') {
      const library = phones.toE164Library(text, country);
      if (JSON.stringify(e164) !== JSON.stringify(library)) wrong.push([text, country, 'toE164', e164, library]);
    }
  }
  return fast !== undefined;
}

/** Digits written with the separators people use: groups of 2–4 split by one separator each. */
function punctuate(digits: string, seps: readonly string[], parens: boolean): string {
  let out = '';
  let at = 0;
  let i = 0;
  while (at < digits.length) {
    const size = 2 + (i % 3);
    const group = digits.slice(at, at + size);
    out += i === 0 ? (parens ? `(${group})` : group) : `${seps[i % seps.length] ?? ''}${group}`;
    at += size;
    i++;
  }
  return out;
}

describe('hand-written phone reading agrees with libphonenumber', () => {
  it('checkLength is the library\'s checkNumberLength', () => {
    expect(checkLength(undefined, 3)).toBe('IS_POSSIBLE');
    expect(checkLength([7, 10], 7)).toBe('IS_POSSIBLE');
    expect(checkLength([7, 10], 10)).toBe('IS_POSSIBLE');
    expect(checkLength([7, 10], 6)).toBe('TOO_SHORT');
    expect(checkLength([7, 10], 8)).toBe('INVALID_LENGTH');
    expect(checkLength([7, 10], 11)).toBe('TOO_LONG');
    expect(checkLength([], 5)).toBe('INVALID_LENGTH');
  });

  it('every example number, as the library formats it, under its own and four other defaults', () => {
    const wrong: Wrong[] = [];
    let decided = 0;
    let total = 0;
    for (const ex of EXAMPLES) {
      const p = lib.parsePhoneNumberFromString(`+${ex.cc}${ex.national}`);
      if (p === undefined) continue;
      const texts = [p.formatNational(), p.formatInternational(), p.number, `${ex.cc}${ex.national}`, ex.national, `+${ex.cc} ${ex.national.slice(0, -1)}`, `${p.formatNational()}9`];
      for (const text of texts) {
        for (const country of [ex.country, 'US', 'DE', 'CN', undefined]) {
          total++;
          if (compare(text, country, wrong)) decided++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(decided / total).toBeGreaterThan(0.75);
  });

  it('random national and international numbers under random defaults (seeded corpus)', () => {
    const wrong: Wrong[] = [];
    let decided = 0;
    let runs = 0;
    const sep = fc.constantFrom(' ', '-', '.', '', '  ');
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES),
        fc.constantFrom(...COUNTRIES, ...FOCUS, ...FOCUS),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -2, max: 2 }),
        fc.stringMatching(/^\d{0,6}$/),
        fc.array(sep, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (ex, country, shape, stretch, tail, seps, parens) => {
          runs++;
          // The example with its last digits replaced, one or two digits shorter or longer:
          // valid, possible and invalid numbers of every region.
          const keep = Math.max(1, ex.national.length - tail.length);
          const national = `${ex.national.slice(0, keep)}${tail}`.slice(0, Math.max(1, ex.national.length + stretch));
          const prefix = lib.parsePhoneNumberFromString(`+${ex.cc}${ex.national}`)?.formatNational().match(/^\D*(\d)/)?.[1] ?? '0';
          const written = [
            punctuate(national, seps, parens),
            `${prefix}${punctuate(national, seps, parens)}`,
            `+${ex.cc} ${punctuate(national, seps, false)}`,
            `${ex.cc}${punctuate(national, seps, false)}`,
            `+${ex.cc}${national}`,
          ][shape] as string;
          if (compare(written, country, wrong)) decided++;
        },
      ),
      propertyConfig({ numRuns: 40_000 }),
    );
    expect(wrong).toEqual([]);
    expect(decided / runs).toBeGreaterThan(0.7);
  });

  it('NANP numbers with a leading 1 and Chinese mobiles under a US default: answered, and as the library', () => {
    const wrong: Wrong[] = [];
    let decided = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), fc.integer({ min: 0, max: 3 }), (digits, shape) => {
        runs++;
        const text = [`1${digits}`, `1-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`, `1${3 + (Number(digits[0]) % 6)}${digits.slice(1)}`, `+1 1${digits.slice(1)}`][shape] as string;
        for (const country of ['US', 'CA', 'CN']) if (compare(text, country, wrong)) decided++;
      }),
      propertyConfig({ numRuns: 10_000 }),
    );
    expect(wrong).toEqual([]);
    expect(decided / (runs * 3)).toBeGreaterThan(0.9);
  });

  it.each([
    ['(415) 555-2671', 'US', 'valid'],
    ['1 (415) 555-2671', 'US', 'valid'],
    ['030 1234567', 'DE', 'valid'],
    ['13800138000', 'CN', 'valid'],
    ['13800138000', 'US', 'possible'],
    ['(030) 1234567', 'US', 'possible'],
    ['+1 (110) 555-0158', 'US', 'possible'],
  ] as const)('check(%s, %s) is %s, from the fast path', (text, country, verdict) => {
    expect(phones.checkFast(text, country)).toBe(verdict);
    expect(phones.checkLibrary(text, country)).toBe(verdict);
  });
});
