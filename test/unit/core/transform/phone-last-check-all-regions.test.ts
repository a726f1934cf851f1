import * as fc from 'fast-check';
import * as lib from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { createPhoneSupport } from '../../../../src/core/transform/phone-support';
import { propertyConfig } from '../../../support/seeded';

// PhonePlans.rereadsAlike (phone-support.ts lastCheck): the verdict the transform's
// reading gives must be check() of the E.164 it returned, for every region the library knows
// (not only the handful in known-phone-checks.test.ts), with national prefixes and trunk digits
// people write ('0', '8', '06', '1', '01').

const phones = createPhoneSupport(lib);
const ALL = lib.getCountries();
const sep = fc.constantFrom('', ' ', '-', '.');

const written = fc
  .tuple(
    fc.constantFrom(...ALL),
    fc.constantFrom('', '', '0', '8', '06', '1', '01', '00', '044 '),
    fc.boolean(),
    fc.stringMatching(/^\d{1,5}$/),
    fc.stringMatching(/^\d{2,5}$/),
    fc.stringMatching(/^\d{0,5}$/),
    sep,
  )
  .map(([country, prefix, international, a, b, c, s]) => {
    const cc = lib.getCountryCallingCode(country);
    return { country, text: `${international ? `+${cc} ` : ''}${prefix}${a}${s}${b}${c}` };
  });

describe('PhoneSupport.lastCheck over every region', () => {
  it('is check() of the E.164 toE164 returned whenever it answers (seeded differential)', () => {
    const wrong: unknown[] = [];
    let answered = 0;
    fc.assert(
      fc.property(written, fc.constantFrom(...ALL), ({ country, text }, other) => {
        const out = phones.toE164(text, country);
        const known = phones.lastCheck();
        if (out === undefined || known === undefined) return;
        answered++;
        const slow = [phones.check(out.e164, country), phones.checkLibrary(out.e164, other)];
        if (slow.some((v) => v !== known)) wrong.push([text, country, out.e164, known, slow]);
      }),
      propertyConfig({ numRuns: 40_000 }),
    );
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(answered).toBeGreaterThan(2_000);
  });
});
