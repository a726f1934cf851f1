import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldType } from '../../../../src/core/schema/schema-types';
import { compileValueCheck, isBlankCell } from '../../../../src/core/validate/value-rules';
import { keyHashOf } from '../../../../src/core/validate/key-reader';
import { compileSpanCheck, compileSpanKey, notSpace, SLOW } from '../../../../src/core/validate/value-spans';
import { propertyConfig } from '../../../support/seeded';

const field = (type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({
  key: `f_${type}`,
  label: { en: type, 'zh-CN': type },
  type,
  synonyms: [],
  ...(type === 'picklist'
    ? { options: [{ value: 'lead', label: { en: 'Lead', 'zh-CN': '线索' }, synonyms: ['prospect'] }, { value: 'customer', label: { en: 'Customer', 'zh-CN': '客户' } }] }
    : {}),
  ...extra,
});

/** Per type, units that build valid values, near misses and the edge cases of each rule. */
const UNITS: Record<string, readonly string[]> = {
  email: ['a', 'Z', '0', '.', '..', '@', '-', '_', '+', "'", 'x.io', 'gmial.com', '.con', '.CoM', 'GMAIL.CO', 'é', ' ', 'a'.repeat(64), 'b'.repeat(63), '\t', '"'],
  date: ['2024', '2023', '1900', '2000', '-', '02', '13', '00', '29', '30', '31', '1', 'T10:00', ' ', '０'],
  number: ['-', '0', '1', '9', '.', '00', ',', 'e5', ' ', '+', '１'],
  boolean: ['true', 'false', 'True', 'yes', ' ', 't'],
  picklist: ['lead', 'Lead', 'customer', 'CUSTOMER', 'prospect', ' ', 'x'],
  id: ['A', '0', '-', '_', ' ', '\t', '\u00a0', '\u200b', '\u007f', '\u0085', 'é', '𠮷'],
  text: ['a', 'É', ' ', '\u3000', '\u200b', '𠮷', 'e\u0301', 'x'.repeat(5), '\n', '伟', '欧阳', '\u00a0', '\u00a1', '\u0085', '\u1680', '\u180e', '\u2000', '\u200a', '\u200c', '\u2028', '\u202f', '\u205f', '\ufeff', '\ud83d', '\u007f'],
};
const TYPES: readonly FieldType[] = ['text', 'email', 'date', 'datetime', 'number', 'currency', 'boolean', 'picklist', 'id'];
const unitsOf = (type: FieldType): readonly string[] => UNITS[type === 'datetime' ? 'date' : type === 'currency' ? 'number' : type] ?? UNITS['text'] ?? [];
const joined = (units: readonly string[], max = 8) => fc.array(fc.constantFrom(...units), { maxLength: max }).map((a) => a.join(''));
/** Values in the type's own shape (so the in-place path is reached), beside free mixes of its units. */
function valuesOf(type: FieldType): fc.Arbitrary<string> {
  const free = joined(unitsOf(type));
  if (type === 'email') {
    const label = joined(['a', 'Z', '0', '-', 'x', 'é', '_'], 4);
    const shaped = fc
      .tuple(joined(['a', 'B', '0', '.', '+', "'", '-', 'é'], 6), fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('io', 'com', 'con', 'CO', 'c', '1x', 'comm'))
      .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);
    return fc.oneof(shaped, fc.constantFrom('ada@gmial.com', 'ada@GMAIL.CO', 'a@qq.co', 'x@yahoo.com'), free);
  }
  if (type === 'date' || type === 'datetime') {
    const shaped = fc
      .tuple(fc.constantFrom('2024', '2023', '1900', '2000', '0000', '202'), fc.constantFrom('00', '01', '02', '04', '12', '13', '1'), fc.constantFrom('00', '01', '28', '29', '30', '31', '32'), fc.constantFrom('', '', 'T10:00', 'T25:00', 'Z', ' '))
      .map(([y, m, d, rest]) => `${y}-${m}-${d}${rest}`);
    return fc.oneof(shaped, free);
  }
  return free;
}

describe('in-place checks (value-spans.ts) against the string checks', () => {
  for (const type of TYPES) {
    it(`${type}: "valid" in place only where the string check finds nothing (property)`, () => {
      let decided = 0;
      fc.assert(
        fc.property(
          valuesOf(type),
          fc.record({ required: fc.boolean(), maxLength: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }) }),
          fc.string({ maxLength: 3 }),
          fc.string({ maxLength: 3 }),
          (value, extra, before, after) => {
            const def = field(type, { required: extra.required, ...(extra.maxLength === undefined ? {} : { maxLength: extra.maxLength }) });
            const span = compileSpanCheck(def);
            const text = before + value + after;
            const verdict = span === undefined ? SLOW : span(text, before.length, before.length + value.length);
            if (verdict === undefined) decided++;
            // Decided valid in place ⇒ the string check has no problem with it.
            expect(verdict === undefined ? compileValueCheck(def)(value) : undefined).toBeUndefined();
          },
        ),
        propertyConfig({ numRuns: 2000 }),
      );
      // Not vacuous: the generator reaches the in-place path.
      expect(decided).toBeGreaterThan(0);
    });
  }

  it('decides the common valid shapes in place, and leaves problems and suggestions to the string check', () => {
    const at = (type: FieldType, value: string, extra: Partial<FieldDef> = {}) => compileSpanCheck(field(type, extra))?.(`>${value}<`, 1, value.length + 1);
    expect(at('email', 'ada.lovelace+x@mail.example.com')).toBeUndefined();
    expect(at('email', 'ada@gmial.com')).toBe(SLOW);
    expect(at('email', 'ada@example.con')).toBe(SLOW);
    expect(at('email', 'ada at example.com')).toBe(SLOW);
    expect(at('date', '2024-02-29')).toBeUndefined();
    expect(at('date', '2023-02-29')).toBe(SLOW);
    expect(at('datetime', '2024-12-31')).toBeUndefined();
    expect(at('number', '-0.5')).toBeUndefined();
    expect(at('number', '1,5')).toBe(SLOW);
    expect(at('picklist', 'lead')).toBeUndefined();
    expect(at('picklist', 'Lead')).toBe(SLOW);
    expect(at('id', 'C-00042')).toBeUndefined();
    expect(at('id', 'C 42')).toBe(SLOW);
    expect(at('text', 'Zoë!', { maxLength: 3 })).toBe(SLOW);
    expect(at('text', 'Ada', { maxLength: 3 })).toBeUndefined();
    expect(at('text', ' Ada', { required: true })).toBe(SLOW);
    expect(at('text', '欧阳', { required: true, maxLength: 2 })).toBeUndefined();
    expect(at('text', 'Émile', { required: true })).toBeUndefined();
    expect(at('text', '\u3000欧阳', { required: true })).toBe(SLOW);
    expect(at('text', '\u00a0Ada', { required: true })).toBe(SLOW);
    expect(compileSpanCheck(field('phone'))).toBeUndefined();
    expect(compileSpanCheck(field('url'))).toBeUndefined();
  });
});

describe('the in-place check and key hash in one pass (compileSpanKey)', () => {
  it('e-mail: a hash exactly where the span check says valid, and then the key hash keyHashOf gives (property)', () => {
    let decided = 0;
    fc.assert(
      fc.property(
        valuesOf('email'),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 3 }),
        (value, maxLength, before, after) => {
          const def = field('email', { unique: true, ...(maxLength === undefined ? {} : { maxLength }) });
          const text = before + value + after;
          const [s, e] = [before.length, before.length + value.length];
          const hash = (compileSpanKey(def, 'email') as (t: string, s: number, e: number) => number)(text, s, e);
          const verdict = (compileSpanCheck(def) as (t: string, s: number, e: number) => unknown)(text, s, e);
          expect(hash >= 0).toBe(verdict === undefined);
          if (hash >= 0) decided++;
          // Hashed in place ⇒ the very hash keyHashOf gives the address's key.
          expect(hash < 0 ? keyHashOf(text, s, e, 'email') : hash).toBe(keyHashOf(text, s, e, 'email'));
        },
      ),
      propertyConfig({ numRuns: 3000 }),
    );
    expect(decided).toBeGreaterThan(0);
  });

  it('mixed case: the hash of the lower-case key; other fields and kinds have none', () => {
    const key = compileSpanKey(field('email', { unique: true }), 'email') as (t: string, s: number, e: number) => number;
    expect(key('Ada.Lovelace@Example.COM', 0, 24)).toBe(keyHashOf('ada.lovelace@example.com', 0, 24, 'email'));
    expect(key('ada@gmial.com', 0, 13)).toBe(-1);
    expect(compileSpanKey(field('email'), 'exact')).toBeUndefined();
    expect(compileSpanKey(field('text'), 'text')).toBeUndefined();
  });
});

describe('notSpace: a first unit that makes a value not blank', () => {
  it('every UTF-16 unit it accepts starts no blank value (exhaustive)', () => {
    let accepted = 0;
    for (let c = 0; c <= 0xffff; c++) {
      if (!notSpace(c)) continue;
      accepted++;
      const unit = String.fromCharCode(c);
      expect(isBlankCell(unit), `U+${c.toString(16)}`).toBe(false);
      expect(isBlankCell(`${unit}\u3000 `), `U+${c.toString(16)}`).toBe(false);
    }
    // Everything but ASCII controls, U+007F–U+00A0 and the 19 blank units above them (U+1680, U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF).
    expect(accepted).toBe(0x10000 - 0x21 - 0x22 - 19);
  });
});
