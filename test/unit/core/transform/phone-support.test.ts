import * as fc from 'fast-check';
import examples from 'libphonenumber-js/mobile/examples';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPhoneSupport, type PhoneSupport } from '../../../../src/core/transform/phone-support';
import { propertyConfig } from '../../../support/seeded';

let phones: PhoneSupport;
beforeAll(async () => {
  phones = await loadPhoneSupport();
});

describe('phone check', () => {
  it.each([
    ['+14155552671', undefined, 'valid'],
    ['+49301234567', undefined, 'valid'],
    ['+8613800138000', undefined, 'valid'],
    ['+4915112345678', undefined, 'valid'],
    ['+491234', undefined, 'possible'],
    ['+1415555267', undefined, 'invalid'],
    ['+999123456789', undefined, 'invalid'],
    ['030 1234567', 'DE', 'valid'],
    ['(415) 555-2671', 'US', 'valid'],
    ['13800138000', 'CN', 'valid'],
    ['(415) 555-2671', undefined, 'invalid'],
    ['not a phone', 'US', 'invalid'],
  ] as const)('%s (%s) is %s', (value, country, expected) => {
    expect(phones.check(value, country)).toBe(expected);
  });

  // The fast E.164 path must agree with the library it shortcuts.
  it('agrees with libphonenumber isValid/isPossible on random E.164 numbers', () => {
    const codes = ['1', '7', '20', '33', '39', '44', '49', '52', '55', '61', '81', '82', '86', '91', '234', '353', '358', '852', '886', '971', '998'];
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.stringMatching(/^[1-9]\d{3,11}$/), (cc, national) => {
        const e164 = `+${cc}${national}`;
        fc.pre(e164.length <= 16);
        // parse() picks the region from the national number (+358 18… is Åland), as users expect;
        // `new PhoneNumber(e164)` does not, so it is not the reference.
        const lib = parsePhoneNumberFromString(e164);
        const expected = lib === undefined ? 'invalid' : lib.isValid() ? 'valid' : lib.isPossible() ? 'possible' : 'invalid';
        expect(phones.check(e164)).toBe(expected);
      }),
      propertyConfig({ numRuns: 5000 }),
    );
  });

  it('finds every country\'s example mobile number valid', () => {
    const wrong = getCountries().filter((c) => {
      const n = getExampleNumber(c, examples);
      return n !== undefined && phones.check(n.number) !== 'valid';
    });
    expect(wrong).toEqual([]);
  });
});
