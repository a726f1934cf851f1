import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../../src/core/mapping/content-sniff';
import { normalizeHeader } from '../../../../src/core/mapping/normalize-header';
import { bigramDice, jaroWinkler } from '../../../../src/core/mapping/string-similarity';
import { propertyConfig } from '../../../support/seeded';

describe('normalizeHeader', () => {
  it.each([
    ['E-Mail', 'email'],
    ['e_mail address', 'email address'],
    ['EMail', 'email'],
    ['First Name', 'first name'],
    ['first_name', 'first name'],
    ['firstName', 'first name'],
    ['MailingPostalCode', 'mailing postal code'],
    ['HTMLTitle', 'html title'],
    ['  Ｆｉｒｓｔ＿Ｎａｍｅ ', 'first name'],
    ['Straße', 'strasse'],
    ['Télé­phone', 'telephone'],
    ['State/Region', 'state region'],
    ['手机号（必填）', '手机号 必填'],
    ['Address 2', 'address 2'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });

  it('is idempotent', () => {
    // fc.assert throws fast-check's report (seed, path, counterexample) when the property fails.
    expect(() =>
      fc.assert(
        fc.property(fc.string(), (s) => normalizeHeader(normalizeHeader(s)) === normalizeHeader(s)),
        propertyConfig(),
      ),
    ).not.toThrow();
  });
});

describe('string similarity', () => {
  it.each([
    ['email', 'email', 1],
    ['abc', 'xyz', 0],
    ['', 'abc', 0],
  ])('jaroWinkler(%j, %j) = %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBe(expected);
  });

  it('scores typos high and different words low', () => {
    expect(jaroWinkler('emial', 'email')).toBeGreaterThan(0.9);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('city', 'country')).toBeLessThan(0.8);
    expect(bigramDice('手机号码', '手机号')).toBeCloseTo(0.8, 5);
    expect(bigramDice('公司', '城市')).toBe(0);
  });

  it('is symmetric and within 0..1', () => {
    const pairs = fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) =>
      [jaroWinkler, bigramDice].every((f) => {
        const x = f(a, b);
        return x >= 0 && x <= 1 && Math.abs(x - f(b, a)) < 1e-12;
      }),
    );
    expect(() => fc.assert(pairs, propertyConfig())).not.toThrow();
  });
});

describe('profileColumn', () => {
  it.each([
    ['email', ['ada@example.com', 'BOB@EXAMPLE.ORG', 'li.na@例子.cn']],
    ['url', ['https://acme.com', 'www.example.org', 'mueller-soehne.de']],
    ['phone', ['+44 20 7946 0018', '(415) 555-0100', '030 1234567', '0221 123456']],
    ['mobile', ['13800138000', '+86 186 0000 1111', '+49 171 2345678', '0152 34567890']],
    ['date', ['2024-03-15', '15.03.2024', '3/15/2024', '2024年3月15日', 'Mar 15, 2024']],
    ['datetime', ['2024-03-15T09:30:00.000Z', '2024/3/15 9:30', '15.03.2024 14:05']],
    ['number', ['1200', '1.234.567', '1,234,567.89', '-12,5']],
    ['currency', ['$1,200.00', '€ 3.000,50', '12000 元', 'EUR 15']],
    ['boolean', ['true', 'false', 'TRUE', 'false']],
    ['chinese-name', ['张伟', '李娜', '欧阳娜娜', '王芳']],
    ['id', ['0035g00000AbCdEAAV', '0035g00000AbCdFAAV', 'zcrm_4876876000000412001']],
  ] as const)('sees %s', (kind, values) => {
    expect(profileColumn(values).shares[kind]).toBe(1);
  });

  it('ignores empty cells, and does not call bare IDs or city names phones or names', () => {
    const p = profileColumn(['', null, '  ', '51234567', '51234568', '51234569']);
    expect(p.nonEmpty).toBe(3);
    expect(p.shares.phone).toBe(0);
    expect(profileColumn(['北京', '上海', '广州', '深圳']).shares['chinese-name']).toBe(0);
    expect(profileColumn(['yes', 'no', 'maybe', 'perhaps', 'y']).shares.boolean).toBe(0);
  });

  it('looks at no more than 200 samples', () => {
    const p = profileColumn([
      ...Array.from({ length: 200 }, () => 'a@b.co'),
      ...Array.from({ length: 800 }, () => 'x'),
    ]);
    expect(p.nonEmpty).toBe(200);
    expect(p.shares.email).toBe(1);
  });
});
