import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyTransforms, prepareTransforms } from '../../../../src/core/transform/apply-transforms';
import { detectDateOrder, parseDate } from '../../../../src/core/transform/date-parse';
import { canonicalizeNumber } from '../../../../src/core/transform/number-parse';
import { splitName } from '../../../../src/core/transform/split-name';
import { collapseSpaces, toTitleCase, trimSpaces } from '../../../../src/core/transform/text-transforms';
import type { Transform } from '../../../../src/core/transform/transform-types';
import { propertyConfig } from '../../../support/seeded';

const none = { row: [] };

describe('whitespace', () => {
  it.each([
    ['  Ada  ', 'Ada'],
    ['\u00A0Ada\u3000', 'Ada'],
    ['\u200B张伟\uFEFF', '张伟'],
    ['\t\n', ''],
  ])('trim %j → %j', (input, expected) => expect(trimSpaces(input)).toBe(expected));

  it.each([
    ['Ada\u00A0\u00A0 Lovelace', 'Ada Lovelace'],
    ['Müller\u3000&\tSöhne', 'Müller & Söhne'],
    ['line one  \nline two', 'line one \nline two'],
    ['Zero\u200Bwidth', 'Zerowidth'],
  ])('collapse %j → %j', (input, expected) => expect(collapseSpaces(input)).toBe(expected));
});

describe('title case', () => {
  it.each([
    ["o'neil", "O'Neil"],
    ['mcdonald', 'McDonald'],
    ['MACK', 'Mack'],
    ['JEAN-LUC VAN DER BERG', 'Jean-Luc van der Berg'],
    ['DeVito', 'DeVito'],
    ["macy's", "Macy's"],
    ['jürgen groß', 'Jürgen Groß'],
    ['张伟', '张伟'],
  ])('%j → %j', (input, expected) => expect(toTitleCase(input)).toBe(expected));
});

describe('split name', () => {
  it.each([
    ['Ada Lovelace', 'auto', 'Ada', 'Lovelace'],
    ['Lovelace, Ada', 'auto', 'Ada', 'Lovelace'],
    ['Dr. Ada King Lovelace', 'auto', 'Ada King', 'Lovelace'],
    ['Martin Luther King, Jr.', 'auto', 'Martin Luther', 'King'],
    ['Prof. Dr. Jürgen Müller', 'western', 'Jürgen', 'Müller'],
    ['Ludwig van Beethoven', 'auto', 'Ludwig', 'van Beethoven'],
    ['García Márquez, Gabriel', 'auto', 'Gabriel', 'García Márquez'],
    ['WANG Wei', 'auto', 'Wei', 'WANG'],
    ['Cher', 'auto', 'Cher', ''],
    ['张伟', 'auto', '伟', '张'],
    ['王秀英', 'auto', '秀英', '王'],
    ['欧阳娜娜', 'auto', '娜娜', '欧阳'],
    ['司马 光', 'chinese', '光', '司马'],
    ['诸葛亮', 'auto', '亮', '诸葛'],
    ['上官婉儿', 'auto', '婉儿', '上官'],
    ['东方', 'auto', '方', '东'],
    ['约翰·史密斯', 'auto', '约翰', '史密斯'],
    ['  ', 'auto', '', ''],
  ] as const)('%j (%s) → %j / %j', (input, order, first, last) => {
    expect(splitName(input, order)).toEqual({ first, last });
  });

  it('recovers first and last from "first last" for Western names', () => {
    // Words that are titles, suffixes or particles make a name genuinely ambiguous ('Ada Da
    // Silva', 'Phd Smith'); they are covered by the table above, not by this property.
    const affixes = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'sir', 'dame', 'rev', 'fr', 'herr', 'frau', 'hr', 'mme', 'mlle', 'sr', 'sra', 'srta', 'dott', 'ing', 'med', 'dipl', 'jr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'mba', 'cpa', 'dds', 'jd', 'msc', 'bsc', 'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'zu', 'bin', 'binti']);
    const word = fc.stringMatching(/^[A-Z][a-z]{1,10}$/).filter((w) => !affixes.has(w.toLowerCase()));
    const particle = fc.constantFrom('', 'van ', 'von ', 'de ', 'van der ');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 2 }), particle, word, (given, p, family) => {
        const first = given.join(' ');
        const last = `${p}${family}`;
        expect(splitName(`${first} ${last}`, 'auto')).toEqual({ first, last });
        expect(splitName(`${last}, ${first}`, 'auto')).toEqual({ first, last });
      }),
      propertyConfig({ numRuns: 2000 }),
    );
  });
});

describe('dates', () => {
  it.each([
    ['2024-02-13', 'auto', '2024-02-13'],
    ['13.02.2024', 'auto', '2024-02-13'],
    ['13/02/2024', 'auto', '2024-02-13'],
    ['2/13/2024', 'auto', '2024-02-13'],
    ['13-Feb-2024', 'auto', '2024-02-13'],
    ['13. Februar 2024', 'auto', '2024-02-13'],
    ['Feb 13, 2024', 'auto', '2024-02-13'],
    ['2024年2月13日', 'auto', '2024-02-13'],
    ['2024/2/13', 'auto', '2024-02-13'],
    ['03/04/2024', 'DMY', '2024-04-03'],
    ['03/04/2024', 'MDY', '2024-03-04'],
    ['03/03/2024', 'auto', '2024-03-03'],
    ['29.02.2024', 'DMY', '2024-02-29'],
    ['13.02.24', 'DMY', '2024-02-13'],
    ['24/02/13', 'YMD', '2024-02-13'],
    ['13.02.2024 14:30', 'auto', '2024-02-13T14:30:00'],
    ['2/13/2024 2:05 PM', 'MDY', '2024-02-13T14:05:00'],
    ['2024-02-13T09:00:00Z', 'auto', '2024-02-13T09:00:00Z'],
    ['2024年2月13日 08:15:30', 'auto', '2024-02-13T08:15:30'],
  ] as const)('%j (%s) → %s', (input, order, iso) => {
    expect(parseDate(input, order)).toEqual({ ok: true, iso });
  });

  it.each([
    ['03/04/2024', 'auto', 'ambiguous-date'],
    ['13.02.24', 'auto', 'ambiguous-date'],
    ['31/02/2024', 'DMY', 'invalid-date'],
    ['29.02.2023', 'auto', 'invalid-date'],
    ['2024-13-01', 'auto', 'invalid-date'],
    ['13/13/2024', 'auto', 'invalid-date'],
    ['45292', 'auto', 'unparsed-date'],
    ['next Tuesday', 'auto', 'unparsed-date'],
    ['13-Foo-2024', 'auto', 'unparsed-date'],
  ] as const)('%j (%s) → %s', (input, order, code) => {
    expect(parseDate(input, order)).toEqual({ ok: false, code });
  });

  it('leaves ambiguous and invalid dates unchanged, with a note', () => {
    const t: Transform[] = [{ kind: 'date', order: 'auto' }];
    expect(applyTransforms('03/04/2024', t, none)).toEqual({
      value: '03/04/2024',
      notes: [{ code: 'ambiguous-date', transform: 'date', params: { value: '03/04/2024' } }],
    });
    expect(applyTransforms('31/02/2024', [{ kind: 'date', order: 'DMY' }], none).notes?.[0]?.code).toBe('invalid-date');
    expect(applyTransforms('', t, none)).toEqual({ value: '' });
  });

  it.each([
    [['13/02/2024', '03/04/2024', '25/12/2023'], { order: 'DMY', ambiguous: 1, evidence: 2 }],
    [['02/13/2024', '12/25/2023', '01/02/2024'], { order: 'MDY', ambiguous: 1, evidence: 2 }],
    [['2024-02-13', '2023-12-25'], { order: 'YMD', ambiguous: 0, evidence: 2 }],
    [['03/04/2024', '05/06/2024'], { order: 'unknown', ambiguous: 2, evidence: 0 }],
    [['13/02/2024', '02/13/2024'], { order: 'unknown', ambiguous: 0, evidence: 0 }],
    [['', 'n/a'], { order: 'unknown', ambiguous: 0, evidence: 0 }],
  ] as const)('detectDateOrder(%j)', (samples, expected) => {
    expect(detectDateOrder(samples)).toEqual(expected);
  });
});

describe('numbers', () => {
  it.each([
    ['1.234,56', ',', '1234.56'],
    ['1,234.56', '.', '1234.56'],
    ['(1,234)', '.', '-1234'],
    ['€ 1.234,56', ',', '1234.56'],
    ['1.234,56 €', ',', '1234.56'],
    ['USD 1,000,000.00', '.', '1000000.00'],
    ['-0,5', ',', '-0.5'],
    ['1 234 567,8', ',', '1234567.8'],
    ["CHF 1'234.50", '.', '1234.50'],
    ['12,34,567.00', '.', '1234567.00'],
    ['1234-', '.', '-1234'],
    ['−42', '.', '-42'],
    ['007', '.', '7'],
    ['.5', '.', '0.5'],
    ['-0', '.', '0'],
    ['１２３４．５', '.', '1234.5'],
    ['￥1,280', '.', '1280'],
    ['12345678901234567890.10', '.', '12345678901234567890.10'],
  ] as const)('%j (decimal %s) → %s', (input, decimal, expected) => {
    expect(canonicalizeNumber(input, decimal)).toBe(expected);
  });

  it.each([
    ['1,5', '.'],
    ['1.234,56', '.'],
    ['1,2,3', ','],
    ['12%', '.'],
    ['1.5E+3', '.'],
    ['abc', '.'],
    ['', '.'],
    ['1,2345.00', '.'],
  ] as const)('%j (decimal %s) is refused', (input, decimal) => {
    expect(canonicalizeNumber(input, decimal)).toBeUndefined();
  });

  it('canonicalises the same decimal written in either style to the same text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.stringMatching(/^\d{0,4}$/), fc.boolean(), (int, frac, neg) => {
        const digits = int.toString();
        const grouped = (sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        const sign = neg ? '-' : '';
        const expected = `${neg && (int > 0n || /[1-9]/.test(frac)) ? '-' : ''}${digits}${frac === '' ? '' : `.${frac}`}`;
        const us = `${sign}${grouped(',')}${frac === '' ? '' : `.${frac}`}`;
        const de = `${sign}${grouped('.')}${frac === '' ? '' : `,${frac}`}`;
        expect(canonicalizeNumber(us, '.')).toBe(expected);
        expect(canonicalizeNumber(de, ',')).toBe(expected);
        expect(canonicalizeNumber(expected, '.')).toBe(expected);
      }),
      propertyConfig(),
    );
  });
});

describe('applyTransforms', () => {
  beforeAll(() => prepareTransforms([{ kind: 'phone', country: 'DE' }]));

  it.each([
    ['030 1234567', 'DE', '+49301234567'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['13800138000', 'CN', '+8613800138000'],
    ['+49 (0)30 1234567', 'US', '+49301234567'],
    ['0049 30 1234567', 'DE', '+49301234567'],
    ['+8613800138000', 'CN', '+8613800138000'],
  ])('phone %j (%s) → %s', (input, country, expected) => {
    expect(applyTransforms(input, [{ kind: 'phone', country }], none)).toEqual({ value: expected });
  });

  it.each([
    ['4.15555E+09', 'invalid-phone'],
    ['call me', 'invalid-phone'],
    ['12', 'invalid-phone'],
    ['(415) 555-2671 ext. 12', 'phone-extension'],
  ])('phone %j stays, noted %s', (input, code) => {
    const r = applyTransforms(input, [{ kind: 'phone', country: 'US' }], none);
    expect(r.value).toBe(input);
    expect(r.notes?.map((n) => n.code)).toEqual([code]);
  });

  // A number cell of an .xlsx (or a CSV cell) holding +49 1511 2345678 without its '+': the
  // library reads +49 4915112345678, valid too, and the '+' was silently doubled to '+4949…'.
  it.each([
    ['4915112345678', 'DE', '+4915112345678', '+494915112345678'],
    ['49 1511 2345678', 'DE', '+4915112345678', '+494915112345678'],
    ['491711234567', 'DE', '+491711234567', '+49491711234567'],
  ])('phone %j (%s) → %s, noted as also %s', (input, country, e164, alternative) => {
    expect(applyTransforms(input, [{ kind: 'phone', country }], none)).toEqual({
      value: e164,
      notes: [{ code: 'ambiguous-phone', transform: 'phone', params: { value: input, e164, alternative } }],
    });
  });

  it.each([
    // Only the international reading is valid: taken, with nothing to say.
    ['4307246572', 'AT', '+437246572'],
    // Only the national reading is valid (+49 1202 …, not a German number): kept, as before.
    ['12025550123', 'DE', '+4912025550123'],
    ['4912025550123', 'DE', '+494912025550123'],
    // libphonenumber already strips these: unchanged.
    ['4930123456', 'DE', '+4930123456'],
    ['14155552671', 'US', '+14155552671'],
    ['447911123456', 'GB', '+447911123456'],
  ])('phone %j (%s) → %s, no note', (input, country, expected) => {
    expect(applyTransforms(input, [{ kind: 'phone', country }], none)).toEqual({ value: expected });
  });

  it('maps picklist values ignoring case, width and spacing', () => {
    const t: Transform[] = [{ kind: 'value-map', map: { VIP: 'vip', 重要客户: 'vip', 'Key  Account': 'key' } }];
    expect(applyTransforms(' vip ', t, none).value).toBe('vip');
    expect(applyTransforms('ＶＩＰ', t, none).value).toBe('vip');
    expect(applyTransforms('重要客户', t, none).value).toBe('vip');
    expect(applyTransforms('key account', t, none).value).toBe('key');
    expect(applyTransforms('Prospect', t, none).value).toBe('Prospect');
    expect(applyTransforms('__proto__', [{ kind: 'value-map', map: JSON.parse('{"__proto__":"x"}') }], none).value).toBe('x');
  });

  it('joins columns, skipping empty ones, and fills defaults', () => {
    const row = ['Hauptstr. 1', '', null, '10115 Berlin'];
    expect(applyTransforms(null, [{ kind: 'join', columns: [0, 1, 2, 3, 9], separator: ', ' }], { row })).toEqual({ value: 'Hauptstr. 1, 10115 Berlin' });
    expect(applyTransforms('  ', [{ kind: 'default', value: 'DE' }], none)).toEqual({ value: 'DE' });
    expect(applyTransforms(null, [{ kind: 'default', value: 'DE' }], none)).toEqual({ value: 'DE' });
    expect(applyTransforms('AT', [{ kind: 'default', value: 'DE' }], none)).toEqual({ value: 'AT' });
  });

  it('runs transforms in order and collects notes', () => {
    const t: Transform[] = [{ kind: 'trim' }, { kind: 'split-name', part: 'last', order: 'auto' }, { kind: 'case', to: 'upper' }];
    expect(applyTransforms('  Ada Lovelace ', t, none)).toEqual({ value: 'LOVELACE' });
    expect(applyTransforms(' Ada@Example.COM ', [{ kind: 'lowercase-email' }], none)).toEqual({ value: 'ada@example.com' });
    expect(applyTransforms('1,5', [{ kind: 'number', decimal: '.' }], none).notes?.[0]?.code).toBe('invalid-number');
    expect(applyTransforms(null, [{ kind: 'trim' }, { kind: 'case', to: 'title' }], none)).toEqual({ value: null });
  });
});
