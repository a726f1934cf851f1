import * as fc from 'fast-check';
import * as lib from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { buildMappedColumns, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import { tableFromRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { createPhoneSupport, loadPhoneSupport } from '../../../../src/core/transform/phone-support';
import { validateColumns } from '../../../../src/core/validate/validate-columns';
import type { FieldDef } from '../../../../src/core/validate/validate-types';
import { propertyConfig } from '../../../support/seeded';

// Validation takes the phone check the `phone` transform's own reading gave (PhoneSupport.lastCheck,
// BuiltColumns.phoneChecks) instead of reading the E.164 again: it must be the check() answer.

const phones = createPhoneSupport(lib);
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'CN', 'JP', 'IN', 'BR', 'AU', 'JM', 'FI', 'AX', 'KR', 'SG', 'ZA', 'NG'];
const sep = fc.constantFrom('', ' ', '-', '.', '  ');

/** A number as people write it, international ('+' and a calling code) or national, valid or not. */
const written = fc
  .tuple(
    fc.constantFrom(...COUNTRIES),
    fc.boolean(),
    fc.boolean(),
    fc.stringMatching(/^\d{1,5}$/),
    fc.stringMatching(/^\d{2,5}$/),
    fc.stringMatching(/^\d{0,5}$/),
    sep,
    sep,
  )
  .map(([country, international, parens, a, b, c, s1, s2]) => {
    const cc = lib.getCountryCallingCode(country as lib.CountryCode);
    const head = parens ? `(${a})` : a;
    return { country, text: `${international ? `+${cc} ` : ''}${head}${s1}${b}${c === '' ? '' : s2 + c}` };
  });

describe('PhoneSupport.lastCheck (the verdict of the reading that made an E.164)', () => {
  it('is check() of the E.164 toE164 returned, under any default country, whenever it answers (seeded differential)', () => {
    const wrong: unknown[] = [];
    let answered = 0;
    fc.assert(
      fc.property(written, fc.constantFrom(...COUNTRIES), ({ country, text }, other) => {
        const out = phones.toE164(text, country);
        const known = phones.lastCheck();
        if (out === undefined || known === undefined) return;
        answered++;
        const slow = [phones.check(out.e164, country), phones.check(out.e164, other), phones.checkLibrary(out.e164, other)];
        if (slow.some((v) => v !== known)) wrong.push([text, country, out.e164, known, slow]);
      }),
      propertyConfig({ numRuns: 20_000 }),
    );
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(2_000);
  });

  it('answers nothing after a call that gave no E.164, or whose E.164 could read otherwise', () => {
    expect(phones.toE164('+1 212 555 2671', 'US')).toEqual({ e164: '+12125552671' });
    expect(phones.lastCheck()).toBe('valid');
    expect(phones.toE164('12', 'US')).toBeUndefined();
    expect(phones.lastCheck()).toBeUndefined();
    // A national number its E.164 reads the same: its verdict is known.
    expect(phones.toE164('(212) 555-2671', 'US')).toEqual({ e164: '+12125552671' });
    expect(phones.lastCheck()).toBe('valid');
    expect(phones.toE164('030 1234567', 'DE')).toEqual({ e164: '+49301234567' });
    expect(phones.lastCheck()).toBe('valid');
    // Under a Jamaican default, a number no +1 region claims is Jamaica's; read with '+', the US's.
    expect(phones.toE164('536 572 9180', 'JM')).toEqual({ e164: '+15365729180' });
    expect(phones.lastCheck()).toBeUndefined();
    // A national prefix after the calling code is stripped: read again, what is left could lose another.
    expect(phones.toE164('+49 (005)-184 13880', 'DE')).toEqual({ e164: '+490518413880' });
    expect(phones.lastCheck()).toBeUndefined();
  });
});

const map = (column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });

describe('validation with the known phone checks of the built column', () => {
  it('gives every row the problems and every field the counts of validation without them (seeded differential)', async () => {
    await loadPhoneSupport();
    const cell = fc.oneof(
      written.map((w) => w.text),
      fc.constantFrom('', '   ', '12', '+1 212 555 2671 ext. 4', '+44 20 7946 0958', '+86 138 0013 8000', '+1 800 555 0199', '+999 1234'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 60 }), fc.constantFrom('US', 'GB', 'DE'), fc.boolean(), async (values, country, trimFirst) => {
        const phone: Transform[] = trimFirst ? [{ kind: 'trim' }, { kind: 'phone', country }] : [{ kind: 'phone', country }];
        const plan: MappingPlan = { object: CONTACT_OBJECT, defaultCountry: country, columns: [map(0, 'phone', phone), map(1, 'first_name')] };
        const table = tableFromRows(['p', 'n'], values.map((v, i) => [v, `n${i}`]));
        const built = await buildMappedColumns(table, plan, undefined, () => {}, undefined, true);
        const defs = built.fields.map((f) => f.def);
        const column = (f: FieldDef) => built.values[defs.indexOf(f)] as (typeof built.values)[number];
        const checks = built.phoneChecks;
        expect(checks?.[defs.findIndex((f) => f.key === 'phone')]).toBeInstanceOf(Uint8Array);
        const fast = await validateColumns(column, defs, { defaultCountry: country, phoneChecks: (f) => checks?.[defs.indexOf(f)] });
        const slow = await validateColumns(column, defs, { defaultCountry: country });
        expect([...fast.rows]).toEqual([...slow.rows]);
        expect(fast.totals).toEqual(slow.totals);
        expect(fast.byField).toEqual(slow.byField);
      }),
      propertyConfig({ numRuns: 150 }),
    );
  });

  it('knows the check of a number the transform read whose E.164 reads the same, and nothing of the others', async () => {
    await loadPhoneSupport();
    const plan: MappingPlan = { object: CONTACT_OBJECT, defaultCountry: 'US', columns: [map(0, 'phone', [{ kind: 'phone', country: 'US' }])] };
    const table = tableFromRows(['p'], [['+1 212 555 2671'], ['(212) 555-2671'], ['+1 212 555'], ['12'], ['+12125552671']]);
    const built = await buildMappedColumns(table, plan, undefined, () => {}, undefined, true);
    // valid, national (its E.164 reads the same: known), too short to be possible (no E.164, not known), no number, already E.164 (not read).
    expect([...(built.phoneChecks?.[0] ?? [])]).toEqual([1, 1, 0, 0, 0]);
    const without = await buildMappedColumns(table, plan, undefined, () => {});
    expect(without.phoneChecks).toBeUndefined();
  });
});
