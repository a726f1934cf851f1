import { beforeAll, describe, expect, it } from 'vitest';
import type { FieldDef, FieldType } from '../../../../src/core/schema/schema-types';
import { loadPhoneSupport } from '../../../../src/core/transform/phone-support';
import { findDuplicates } from '../../../../src/core/validate/duplicates';
import { revalidateCells, validateColumn, validateColumns } from '../../../../src/core/validate/validate-columns';
import { picklistNormalizer, validateValue } from '../../../../src/core/validate/value-rules';

function field(type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return { key: extra.key ?? type, label: { en: type, 'zh-CN': type }, type, synonyms: [], ...extra };
}

const stage = field('picklist', {
  key: 'stage',
  options: [
    { value: 'lead', label: { en: 'Lead', 'zh-CN': '线索' } },
    { value: 'vip', label: { en: 'VIP', 'zh-CN': '重要客户' }, synonyms: ['key account'] },
  ],
});

beforeAll(() => loadPhoneSupport());

/** [type, value, expected problems as 'rule/level/reason?'] */
const cases: [FieldDef, string | null, string[]][] = [
  [field('text', { required: true }), null, ['required/error']],
  [field('text', { required: true }), ' \u3000', ['required/error']],
  [field('text'), '', []],
  [field('text', { maxLength: 5 }), 'Müller', ['length/error']],
  [field('text', { maxLength: 2 }), '𠮷𠮷', []],
  [field('email'), 'ada@example.com', []],
  [field('email'), 'zhang.wei+crm@qq.com', []],
  [field('email'), 'ada@gmial.com', ['format/warning/email-domain-typo']],
  [field('email'), 'ada@web.con', ['format/warning/email-domain-typo']],
  [field('email'), 'ada@@example.com', ['format/error/email-invalid']],
  [field('email'), 'ada..lovelace@example.com', ['format/error/email-invalid']],
  [field('email'), 'ada@localhost', ['format/error/email-invalid']],
  [field('email'), 'jürgen@müller.de', ['format/warning/email-non-ascii']],
  [field('phone'), '+14155552671', []],
  [field('phone'), '+8613800138000', []],
  [field('phone'), '+491234', ['format/warning/phone-not-valid']],
  [field('phone'), '+1415555267', ['format/error/phone-invalid']],
  [field('phone'), '4.15555E+09', ['format/error/phone-invalid']],
  [field('url'), 'https://www.acme.de/kontakt?x=1', []],
  [field('url'), 'http://localhost:8080', []],
  [field('url'), 'acme.com', ['format/warning/url-no-scheme']],
  [field('url'), 'htp://acme', ['format/error/url-invalid']],
  [field('date'), '2024-02-29', []],
  [field('date'), '2023-02-29', ['type/error/date-invalid']],
  [field('date'), '13.02.2024', ['type/error/date-invalid']],
  [field('datetime'), '2024-02-13T14:30:00', []],
  [field('datetime'), '2024-02-13T14:30:00.123Z', []],
  [field('datetime'), '2024-02-13', []],
  [field('datetime'), '2024-02-30', ['type/error/datetime-invalid']],
  [field('datetime'), '2024-02-13T24:00:00', ['type/error/datetime-invalid']],
  [field('number'), '-1234.56', []],
  [field('number'), '0.5', []],
  [field('number'), '1.234,56', ['type/error/number-invalid']],
  [field('currency'), '€ 12', ['type/error/number-invalid']],
  [field('number'), 'abc', ['type/error/number-invalid']],
  [field('boolean'), 'true', []],
  [field('boolean'), '是', ['type/error/boolean-invalid']],
  [field('boolean'), 'maybe', ['type/error/boolean-invalid']],
  [stage, 'vip', []],
  [stage, 'VIP', []],
  [stage, 'prospect', ['picklist/error']],
  [stage, 'key account', ['picklist/error']],
  [field('id'), '0001234', []],
  [field('id'), '0001 234', ['format/error/id-whitespace']],
];

describe('validateValue', () => {
  it.each(cases)('%o %j', (f, value, expected) => {
    const got = validateValue(value, f).map((p) => [p.rule, p.level, p.params?.reason].filter((x) => x !== undefined).join('/'));
    expect(got).toEqual(expected);
  });

  it.each([
    [field('email'), 'ada@gmial.com', 'ada@gmail.com'],
    [field('boolean'), '是', 'true'],
    [field('boolean'), 'Nein', 'false'],
    [field('number'), '1,234.50', '1234.50'],
    [stage, 'Key Account', 'vip'],
    [stage, ' KEY  account ', 'vip'],
  ] as const)('suggests a fix for %o %j', (f, value, suggestion) => {
    expect(validateValue(value, f)[0]?.params?.suggestion).toBe(suggestion);
  });

  it('accepts national phone numbers with a default country', () => {
    expect(validateValue('030 1234567', field('phone'), { defaultCountry: 'DE' })).toEqual([]);
    expect(validateValue('030 1234567', field('phone'))).toHaveLength(1);
  });
});

describe('picklist: the options own labels and keys pass in any case, as in HubSpot', () => {
  // [value, accepted, written on export]
  it.each([
    ['lead', true, 'lead'],
    ['Lead', true, 'lead'],
    ['LEAD', true, 'lead'],
    [' lead ', true, 'lead'],
    ['vip', true, 'vip'],
    ['Vip', true, 'vip'],
    ['重要客户', true, 'vip'],
    ['线索', true, 'lead'],
    ['Ｌｅａｄ', true, 'lead'],
    ['key account', false, 'key account'],
    ['Lead!', false, 'Lead!'],
    ['', true, ''],
  ] as const)('%j accepted: %s, exported as %j', (value, accepted, exported) => {
    expect(validateValue(value, stage).length === 0).toBe(accepted);
    expect(picklistNormalizer(stage)(value)).toBe(exported);
  });
});

describe('findDuplicates', () => {
  it.each([
    [['a', 'b', 'a', '', '', null, 'A'], 'exact', [[0, 2]]],
    [['ada@x.io', 'B@x.io', ' ADA@X.IO', 'b@x.io', 'c@x.io'], 'email', [[0, 2], [1, 3]]],
    [['+49 30 1234567', '0049-30-1234567', '(030) 1234567', '+49301234567'], 'phone', [[0, 1, 3]]],
    [['Acme  Corp', 'acme corp', 'Ａｃｍｅ Corp', 'Acme Co'], 'text', [[0, 1, 2]]],
    [['x', 'y', 'z'], 'text', []],
  ] as const)('%j (%s)', (values, kind, groups) => {
    expect(findDuplicates(values, kind).groups).toEqual(groups);
  });
});

const email = field('email', { required: true, unique: true });
const phone = field('phone');

describe('validateColumn / validateColumns', () => {
  it('reports exact duplicates as errors and normalised ones as warnings', () => {
    const { problems, counts } = validateColumn(['a@x.io', 'b@x.io', 'a@x.io', 'A@x.io', ''], email);
    expect(problems.get(0)).toEqual([{ rule: 'unique', level: 'error', params: { count: 2, first: 0 } }]);
    expect(problems.get(2)).toEqual([{ rule: 'unique', level: 'error', params: { count: 2, first: 0 } }]);
    expect(problems.get(3)).toEqual([{ rule: 'duplicate-normalized', level: 'warning', params: { count: 3, first: 0 } }]);
    expect(problems.has(1)).toBe(false);
    expect(problems.get(4)).toEqual([{ rule: 'required', level: 'error' }]);
    expect(counts).toMatchObject({ unique: 2, 'duplicate-normalized': 1, required: 1, format: 0 });
  });

  it('validates several fields with progress and counts per field and rule', async () => {
    const columns: Record<string, (string | null)[]> = {
      email: ['a@x.io', 'bad', 'a@x.io'],
      phone: ['+14155552671', '+1415555267', null],
    };
    const progress: number[] = [];
    const result = await validateColumns((f) => columns[f.key] ?? [], [email, phone], { onProgress: (done) => progress.push(done) });
    expect(result.rows.get(1)?.map((c) => `${c.field}:${c.problem.rule}`)).toEqual(['email:format', 'phone:format']);
    expect(result.byField.get('email')).toMatchObject({ errors: 3, warnings: 0 });
    expect(result.byField.get('phone')).toMatchObject({ errors: 1 });
    expect(result.totals).toEqual({ errors: 4, warnings: 0, cellsChecked: 6 });
    expect(progress.at(-1)).toBe(6);
  });

  it('stops when cancelled', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(validateColumns(() => ['a@x.io'], [email], { signal: ctl.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('revalidateCells', () => {
  it('updates the edited cell and the duplicate groups it left and joined', async () => {
    const values = ['a@x.io', 'b@x.io', 'a@x.io', 'c@x.io'];
    const result = await validateColumns(() => values, [email]);
    expect(result.totals.errors).toBe(2);

    // Row 2 stops duplicating row 0 and starts duplicating row 3. The column is written first,
    // as the workspace does: the result reads current values to say what is wrong.
    values[2] = 'c@x.io';
    const delta = revalidateCells(result, [{ row: 2, field: 'email', value: 'c@x.io' }], [email]);
    expect(delta.rows).toEqual([0, 2, 3]);
    expect(result.rows.has(0)).toBe(false);
    expect(result.rows.get(3)?.[0]?.problem).toEqual({ rule: 'unique', level: 'error', params: { count: 2, first: 2 } });
    expect(result.totals.errors).toBe(2);

    // Clearing row 3 makes it a required error and frees row 2.
    values[3] = '';
    revalidateCells(result, [{ row: 3, field: 'email', value: '' }], [email]);
    expect(result.rows.has(2)).toBe(false);
    expect(result.rows.get(3)?.map((c) => c.problem.rule)).toEqual(['required']);
    expect(result.byRule).toMatchObject({ unique: 0, required: 1 });

    // The incremental result equals a fresh run over the edited column.
    const fresh = await validateColumns(() => ['a@x.io', 'b@x.io', 'c@x.io', ''], [email]);
    expect([...result.rows.entries()]).toEqual([...fresh.rows.entries()]);
    expect(result.byRule).toEqual(fresh.byRule);
  });
});
