import * as fc from 'fast-check';
import * as lib from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { createPhoneSupport } from '../../../../src/core/transform/phone-support';
import { propertyConfig } from '../../../support/seeded';

// The fast paths (no parse) must give exactly the library's answer whenever they answer at all:
// every test collects disagreements and expects none, and checks the fast path did answer.
const phones = createPhoneSupport(lib);
const CALLING_CODES = [...new Set(lib.getCountries().map((c) => lib.getCountryCallingCode(c)))];
/** NANP area codes of several regions sharing +1: US, CA, JM, BS, PR, TT, DO, BB, GU, AG, BM, KY, VI, AS, MP, SX, TC, VG; toll-free, premium, fictional and impossible ones. */
const NANP_AREAS = ['212', '415', '202', '416', '604', '876', '658', '242', '787', '939', '868', '809', '829', '849', '246', '671', '268', '441', '345', '340', '684', '670', '721', '649', '284', '800', '888', '900', '555', '110', '011', '030'];
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'CN', 'JP', 'IN', 'BR', 'AU', 'MX', 'AR', 'RU', 'IT', 'ES', 'NL', 'CH', 'JM', 'PR', 'FI', 'AX', 'KR', 'SG', 'HK', 'ZA', 'NG'];

/** No separator, or one a person puts after a calling code. */
const sep1 = () => fc.constantFrom('', ' ', '-', '.');

/** Fast and library verdicts of one E.164 string, or undefined when they agree or fast did not answer. */
function checkDisagreement(e164: string): [string, string, string] | undefined {
  const fast = phones.checkFast(e164);
  if (fast === undefined) return undefined;
  const library = phones.checkLibrary(e164);
  return fast === library ? undefined : [e164, fast, library];
}

function e164Disagreement(text: string, country: string): unknown[] | undefined {
  const fast = phones.toE164Fast(text, country);
  if (fast === 'library') return undefined;
  const library = phones.toE164Library(text, country);
  return JSON.stringify(fast) === JSON.stringify(library) ? undefined : [text, country, fast, library];
}

describe('phone fast paths agree with libphonenumber', () => {
  it('check(): random E.164 numbers under every calling code', () => {
    const wrong: unknown[] = [];
    let decided = 0;
    fc.assert(
      fc.property(fc.constantFrom(...CALLING_CODES), fc.stringMatching(/^\d{2,13}$/), (cc, national) => {
        const e164 = `+${cc}${national}`;
        fc.pre(/^\+[1-9]\d{4,14}$/.test(e164));
        if (phones.checkFast(e164) !== undefined) decided++;
        const d = checkDisagreement(e164);
        if (d !== undefined) wrong.push(d);
      }),
      propertyConfig({ numRuns: 30_000 }),
    );
    expect(wrong).toEqual([]);
    expect(decided).toBeGreaterThan(15_000);
  });

  it('check(): +1 numbers of many NANP regions, valid and not', () => {
    const wrong: unknown[] = [];
    const verdicts = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom(...NANP_AREAS), fc.stringMatching(/^\d{5,9}$/), (area, rest) => {
        const e164 = `+1${area}${rest}`;
        const fast = phones.checkFast(e164) ?? 'library';
        verdicts.set(fast, (verdicts.get(fast) ?? 0) + 1);
        const d = checkDisagreement(e164);
        if (d !== undefined) wrong.push(d);
      }),
      propertyConfig({ numRuns: 20_000 }),
    );
    expect(wrong).toEqual([]);
    // All three verdicts come from the fast path; only '+1 1…' (a national prefix) goes to the library.
    expect(verdicts.get('valid')).toBeGreaterThan(1000);
    expect(verdicts.get('possible')).toBeGreaterThan(1000);
    expect(verdicts.get('invalid')).toBeGreaterThan(1000);
    expect((verdicts.get('library') ?? 0) / 20_000).toBeLessThan(0.1);
  });

  it('check(): every country example mobile number, and one digit shorter or longer', () => {
    const wrong: unknown[] = [];
    for (const country of lib.getCountries()) {
      const e164 = lib.getExampleNumber(country, examples)?.number;
      if (e164 === undefined) continue;
      for (const v of [e164, e164.slice(0, -1), `${e164}1`, `${e164}12`]) {
        const d = checkDisagreement(v);
        if (d !== undefined) wrong.push(d);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('toE164(): numbers written in common shapes, national and international', () => {
    const sep = fc.constantFrom('', ' ', '-', '.', '  ');
    const wrong: unknown[] = [];
    let decided = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...COUNTRIES),
        fc.boolean(),
        fc.boolean(),
        fc.stringMatching(/^\d{1,5}$/),
        fc.stringMatching(/^\d{2,5}$/),
        fc.stringMatching(/^\d{0,5}$/),
        sep,
        sep,
        (country, international, parens, a, b, c, s1, s2) => {
          const cc = lib.getCountryCallingCode(country as lib.CountryCode);
          const head = parens ? `(${a})` : a;
          const text = `${international ? `+${cc} ` : ''}${head}${s1}${b}${c === '' ? '' : s2 + c}`;
          if (phones.toE164Fast(text, country) !== 'library') decided++;
          const d = e164Disagreement(text, country);
          if (d !== undefined) wrong.push(d);
        },
      ),
      propertyConfig({ numRuns: 30_000 }),
    );
    expect(wrong).toEqual([]);
    expect(decided).toBeGreaterThan(10_000);
  });

  it('toE164(): US-style numbers of NANP regions with US, CA, JM and DE defaults', () => {
    const wrong: unknown[] = [];
    fc.assert(
      fc.property(fc.constantFrom(...NANP_AREAS), fc.stringMatching(/^\d{7}$/), fc.integer({ min: 0, max: 4 }), (area, rest, shape) => {
        const text = [`${area}-${rest.slice(0, 3)}-${rest.slice(3)}`, `(${area}) ${rest.slice(0, 3)}-${rest.slice(3)}`, `${area}.${rest.slice(0, 3)}.${rest.slice(3)}`, `+1 ${area} ${rest}`, `1${area}${rest}`][shape] as string;
        for (const country of ['US', 'CA', 'JM', 'DE']) {
          const d = e164Disagreement(text, country);
          if (d !== undefined) wrong.push(d);
        }
      }),
      propertyConfig({ numRuns: 10_000 }),
    );
    expect(wrong).toEqual([]);
  });

  it('toE164(): national numbers with the calling code written before them, no \'+\', under their country', () => {
    // '4915112345678' under DE (a number cell of an .xlsx cannot hold the '+'): both paths read
    // it as the international number it may be, and name the other reading when both are valid.
    const wrong: unknown[] = [];
    let decided = 0;
    let ambiguous = 0;
    let international = 0;
    fc.assert(
      fc.property(fc.constantFrom(...COUNTRIES, 'DE', 'DE', 'AT', 'AT'), fc.stringMatching(/^[1-9]\d{5,11}$/), sep1(), (country, national, s) => {
        const cc = lib.getCountryCallingCode(country as lib.CountryCode);
        const text = `${cc}${s}${national}`;
        const fast = phones.toE164Fast(text, country);
        if (fast === 'library') return;
        decided++;
        if (fast?.alternative !== undefined) ambiguous++;
        const plain = lib.parsePhoneNumberFromString(text, country as lib.CountryCode);
        if (fast !== undefined && plain !== undefined && fast.e164 !== plain.number) international++;
        const d = e164Disagreement(text, country);
        if (d !== undefined) wrong.push(d);
      }),
      propertyConfig({ numRuns: 20_000 }),
    );
    expect(wrong).toEqual([]);
    expect(decided).toBeGreaterThan(15_000);
    // The shape occurs: readings taken as international where the library kept the code, some of them ambiguous.
    expect(international).toBeGreaterThan(100);
    expect(ambiguous).toBeGreaterThan(50);
  });

  it.each([
    ['4915112345678', 'DE', { e164: '+4915112345678', alternative: '+494915112345678' }],
    ['49 1511 2345678', 'DE', { e164: '+4915112345678', alternative: '+494915112345678' }],
    ['4307246572', 'AT', { e164: '+437246572' }],
    ['12025550123', 'DE', { e164: '+4912025550123' }],
    ['4930123456', 'DE', { e164: '+4930123456' }],
  ] as const)('toE164(%s, %s): the calling code without \'+\' read alike by both paths', (text, country, expected) => {
    expect(phones.toE164Fast(text, country)).toEqual(expected);
    expect(phones.toE164Library(text, country)).toEqual(expected);
    expect(phones.toE164(text, country)).toEqual(expected);
    // The verdict kept for validation is the E.164's own.
    expect(phones.lastCheck()).toBe(phones.checkLibrary(expected.e164));
  });

  it.each([
    ['(415) 555-2671', 'US'],
    ['+1 (110) 555-0158', 'US'],
    ['15163437465', 'US'],
    ['(030) 5057649', 'US'],
    ['030 1234567', 'DE'],
    ['+44 (0) 20 7946 0958', 'GB'],
    ['555-1234 ext. 9', 'US'],
    ['011 49 30 1234567', 'US'],
  ] as const)('toE164(%s, %s) and check() of the result answer like the library', (text, country) => {
    expect(phones.toE164(text, country)).toEqual(phones.toE164Library(text, country));
    const e164 = phones.toE164Library(text, country)?.e164 ?? '+999';
    expect(phones.check(e164, country)).toBe(phones.checkLibrary(e164, country));
  });
});
