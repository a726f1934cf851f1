import { describe, expect, it } from 'vitest';
import { APPLY_THRESHOLD, type Suggestion } from '../../../../src/core/mapping/mapping-types';
import { suggestMapping } from '../../../../src/core/mapping/suggest-mapping';
import { findBuiltinObject } from '../../../../src/core/schema/builtin-objects';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { addCustomField } from '../../../../src/core/schema/custom-field';
import { columnSamples, loadHeaderFixtures } from './header-fixtures';

/** The field a user would see applied: suggestions below the threshold count as "none". */
const applied = (s: Suggestion): string | null => (s.apply ? s.field : null);

describe('suggestMapping over real-world header sets', () => {
  const fixtures = loadHeaderFixtures();

  it('has the header sets the issue asks for', () => {
    expect(fixtures.map((f) => f.file)).toEqual(
      expect.arrayContaining([
        'salesforce-contacts.json',
        'hubspot-contacts.json',
        'zoho-contacts.json',
        'chinese-excel.json',
        'german-excel.json',
      ]),
    );
  });

  it('is right for at least 90% of all columns', () => {
    let right = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const f of fixtures) {
      const got = suggestMapping(
        f.columns.map((c) => c.header),
        columnSamples(f),
        f.object,
      );
      f.columns.forEach((c, i) => {
        total++;
        const field = applied(got[i] as Suggestion);
        if (field === c.expected) right++;
        else wrong.push(`${f.file}: ${c.header} → ${field} (expected ${c.expected})`);
      });
    }
    expect(total).toBeGreaterThan(100);
    expect(right / total, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))(
    '%s: key columns are exact and applied',
    (_file, f) => {
      const got = suggestMapping(
        f.columns.map((c) => c.header),
        columnSamples(f),
        f.object,
      );
      const keys = f.columns.flatMap((c, i) =>
        c.key === true ? [[c.header, c.expected, i] as const] : [],
      );
      expect(keys.length).toBeGreaterThan(2);
      for (const [header, expected, i] of keys)
        expect(applied(got[i] as Suggestion), header).toBe(expected);
    },
  );

  it.each(fixtures.map((f) => [f.file, f] as const))(
    '%s: no field is given to two columns',
    (_file, f) => {
      const got = suggestMapping(
        f.columns.map((c) => c.header),
        columnSamples(f),
        f.object,
      );
      const fields = got.flatMap((s) => (s.field === null || s.field === 'notes' ? [] : [s.field]));
      expect(new Set(fields).size).toBe(fields.length);
    },
  );
});

describe('suggestMapping evidence', () => {
  const emails = ['ada@example.com', 'bob@example.org', 'li.na@example.cn', 'x@y.de', 'c@d.io'];
  const mobiles = [
    '13800138000',
    '139 1234 5678',
    '+86 186 0000 1111',
    '15012345678',
    '17788889999',
  ];

  it('suggests from content alone with a content reason, lower confidence and no auto-apply', () => {
    const [a, b] = suggestMapping(['col1', 'col2'], [emails, mobiles], CONTACT_OBJECT);
    expect(a).toMatchObject({ field: 'email', apply: false });
    expect(a?.reasons.map((r) => r.code)).toEqual(['content']);
    expect(a?.reasons[0]?.params).toMatchObject({ kind: 'email', share: 1 });
    expect(a?.confidence).toBeGreaterThan(0.3);
    expect(a?.confidence).toBeLessThan(APPLY_THRESHOLD);
    expect(b).toMatchObject({ field: 'mobile', apply: false });
    expect(b?.reasons[0]).toMatchObject({ code: 'content', params: { kind: 'mobile' } });
    const named = suggestMapping(['Email'], [emails], CONTACT_OBJECT)[0];
    expect(named?.confidence).toBeGreaterThan(a?.confidence ?? 1);
  });

  it('says nothing about a column of free text with a meaningless header', () => {
    const [s] = suggestMapping(
      ['column_7'],
      [['blue', 'green', 'large order', 'n/a', 'ok']],
      CONTACT_OBJECT,
    );
    expect(s).toMatchObject({ field: null, confidence: 0, apply: false, reasons: [] });
  });

  it.each([
    ['E-Mail', 'email', 'exact'],
    ['EMAIL_ADDRESS', 'email', 'synonym'],
    ['Ｅｍａｉｌ', 'email', 'exact'],
    ['电子邮件', 'email', 'synonym'],
    ['Emial', 'email', 'fuzzy'],
    ['Frist Name', 'first_name', 'fuzzy'],
    ['Home Phone', 'phone', 'fuzzy'],
    ['客户手机号码', 'mobile', 'fuzzy'],
    ['Straße', 'street', 'synonym'],
    ['lifecycleStage', 'lifecycle_stage', 'exact'],
  ])('%s → %s (%s)', (header, field, code) => {
    const [s] = suggestMapping([header], [[]], CONTACT_OBJECT);
    expect(s?.field).toBe(field);
    expect(s?.apply).toBe(true);
    expect(s?.reasons[0]?.code).toBe(code);
  });

  it('lifts a name match that the content confirms and cuts one it contradicts', () => {
    const plain = suggestMapping(['Emial'], [[]], CONTACT_OBJECT)[0];
    const confirmed = suggestMapping(['Emial'], [emails], CONTACT_OBJECT)[0];
    const contradicted = suggestMapping(['Emial'], [['yes', 'no', 'yes', 'no']], CONTACT_OBJECT)[0];
    expect(confirmed?.confidence).toBeGreaterThan(plain?.confidence ?? 1);
    expect(confirmed?.reasons.at(-1)).toMatchObject({ code: 'content', params: { agrees: 1 } });
    expect(contradicted?.confidence ?? 0).toBeLessThan(APPLY_THRESHOLD);
    expect(contradicted?.apply).toBe(false);
  });

  it('takes Chinese names as evidence for a full name, Western names not as evidence against it', () => {
    const western = ['Jürgen Müller', 'Anna Schmidt', 'John Smith', 'María García'];
    const plain = suggestMapping(['Name'], [[]], CONTACT_OBJECT)[0];
    const westernNames = suggestMapping(['Name'], [western], CONTACT_OBJECT)[0];
    const chinese = suggestMapping(['Name'], [['张伟', '李娜', '欧阳娜娜', '王芳']], CONTACT_OBJECT)[0];
    expect(westernNames?.field).toBe('full_name');
    // The audit saw 81% "but only 0% of values look like Chinese names".
    expect(westernNames?.confidence).toBe(plain?.confidence);
    expect(westernNames?.reasons.some((r) => r.code === 'content')).toBe(false);
    expect(chinese?.confidence).toBeGreaterThan(plain?.confidence ?? 1);
    expect(chinese?.reasons.at(-1)).toMatchObject({ code: 'content', params: { kind: 'chinese-name', agrees: 1 } });
  });

  it('gives a field to the more confident column; the other gets a conflict and its next choice', () => {
    const got = suggestMapping(['Telefon', 'Phone'], [mobiles, mobiles], CONTACT_OBJECT);
    const [german, english] = got;
    expect(english?.field).toBe('phone');
    expect(german?.reasons[0]).toEqual({ code: 'conflict', params: { field: 'phone', column: 1 } });
    expect(german?.field).toBe('mobile');
    expect(german?.alternatives.map((a) => a.field)).toContain('phone');
  });

  it('lets several columns share a field that allows merging', () => {
    const got = suggestMapping(['Notes', 'Description', 'Comments'], [[], [], []], CONTACT_OBJECT);
    expect(got.map((s) => s.field)).toEqual(['notes', 'notes', 'notes']);
    expect(got.every((s) => s.reasons.every((r) => r.code !== 'conflict'))).toBe(true);
  });

  it('matches custom fields by their name', () => {
    const object = addCustomField(CONTACT_OBJECT, { name: 'Kundennummer alt', type: 'id' });
    const [s] = suggestMapping(['KundennummerAlt'], [[]], object);
    expect(s).toMatchObject({ field: 'kundennummer_alt', apply: true });
  });

  it('suggests for another object with its own fields', () => {
    const deal = findBuiltinObject('deal');
    if (deal === undefined) throw new Error('no deal object');
    const got = suggestMapping(
      ['Betrag', 'Währung', 'Phase'],
      [['1.200,50', '3.000'], ['EUR', 'USD', 'EUR'], []],
      deal,
    );
    expect(got.map(applied)).toEqual(['amount', 'currency', 'stage']);
  });

  it('gives one suggestion per column, in column order, with confidences in 0..1', () => {
    const columns = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `Email ${i}` : `x${i}`));
    const got = suggestMapping(columns, [], CONTACT_OBJECT);
    expect(got.map((s) => s.column)).toEqual(columns.map((_, i) => i));
    for (const s of got) {
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(s.apply).toBe(s.field !== null && s.confidence >= APPLY_THRESHOLD);
    }
  });
});

describe('no absurd candidates', () => {
  const ids = ['0000001', '0000002', '0000003', '0000004', '0000005'];

  it.each([
    ['Contact ID', ids],
    ['Customer Name ID', ids],
    ['Name', ['1001', '1002', '1003', '1004']],
  ])('a column of plain numbers (%s) is never offered as a name, company or city', (header, values) => {
    const [s] = suggestMapping([header], [values], CONTACT_OBJECT);
    const offered = [s?.field, ...(s?.alternatives.map((a) => a.field) ?? [])];
    for (const field of ['full_name', 'first_name', 'last_name', 'company', 'city']) expect(offered).not.toContain(field);
  });

  it('zero-padded IDs are not phone numbers, and weak alternatives are not shown', () => {
    const [s] = suggestMapping(['Contact ID'], [ids], CONTACT_OBJECT);
    expect(s?.field).toBe('external_id');
    expect(s?.alternatives).toEqual([]);
  });

  it('a postal code column of digits still maps to the postal code', () => {
    const [s] = suggestMapping(['Postal Code'], [['10115', '80331', '50667']], CONTACT_OBJECT);
    expect(applied(s as Suggestion)).toBe('postal_code');
  });
});
