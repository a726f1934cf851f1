import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../src/core/diff/import-mode';
import type { ReviewSummary } from '../../../src/core/engine/review-session';
import { describeUsedOptions, sameOptions } from '../../../src/features/review/options-summary';
import { loadLocale, translate, type Locale } from '../../../src/i18n/translate';
import type { ReviewOptions } from '../../../src/state/review-slice';

const used: ReviewSummary['options'] = {
  key: { columns: ['id'], trim: true, caseInsensitive: false },
  compareColumns: ['id', 'email', 'city'],
  mode: 'add-update',
  rules: { default: 'if-not-empty', fields: [{ field: 'city', rule: 'always' }] },
  quietClass: false,
};
const onScreen: ReviewOptions = {
  keyColumns: ['id'],
  trim: true,
  caseInsensitive: false,
  mode: 'add-update',
  rules: { default: 'if-not-empty', fields: [{ field: 'city', rule: 'always' }] },
  quietClass: false,
  compareColumns: ['city', 'email', 'id'],
};

describe('sameOptions: the options on screen against those the comparison used', () => {
  it('is true for the same options, compared columns in any order', () => {
    expect(sameOptions(onScreen, used)).toBe(true);
  });

  it.each<[string, Partial<ReviewOptions>]>([
    ['another key column', { keyColumns: ['email'] }],
    ['a second key column', { keyColumns: ['id', 'email'] }],
    ['key trimming off', { trim: false }],
    ['case-insensitive keys', { caseInsensitive: true }],
    ['another mode', { mode: 'mirror' }],
    ['the cosmetic class', { quietClass: true }],
    ['one compared column fewer', { compareColumns: ['id', 'email'] }],
    ['another default rule', { rules: { default: 'always', fields: [{ field: 'city', rule: 'always' }] } }],
    ['a field rule removed', { rules: DEFAULT_RULES }],
  ])('is false after %s', (_, patch) => {
    expect(sameOptions({ ...onScreen, ...patch }, used)).toBe(false);
  });

  it('ignores rules of fields that are not compared, and a field rule equal to the default', () => {
    const rules = { default: 'if-not-empty' as const, fields: [{ field: 'city', rule: 'always' as const }, { field: 'phone', rule: 'fill-empty' as const }] };
    expect(sameOptions({ ...onScreen, rules }, used)).toBe(true);
    const spelledOut = { ...used, rules: { ...used.rules, fields: [...used.rules.fields, { field: 'email', rule: 'if-not-empty' as const }] } };
    expect(sameOptions(onScreen, spelledOut)).toBe(true);
  });
});

const label = (c: string) => ({ id: 'ID', email: 'Email' })[c] ?? c;
const line = (locale: Locale, options: ReviewSummary['options']) =>
  describeUsedOptions((key, params) => translate(locale, key, params), options, label);

describe('describeUsedOptions: the folded panel in both languages', () => {
  beforeAll(() => loadLocale('zh-CN'));

  it('names the key in labels, its normalisation, the mode and the compared count with its plural', () => {
    expect(line('en', used)).toBe('Key: ID, spaces ignored · Add new and update existing · 3 fields compared');
    expect(line('en', { ...used, key: { columns: ['id', 'email'], trim: true, caseInsensitive: true }, compareColumns: ['city'], mode: 'mirror' })).toBe(
      'Key: ID + Email, spaces ignored, any case · Make it match this file (also delete missing) · 1 field compared',
    );
    expect(line('zh-CN', used)).toBe('键：ID，忽略两端空格 · 新增记录并更新已有记录 · 比较 3 个字段');
  });
});
