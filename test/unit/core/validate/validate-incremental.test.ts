import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../../src/core/schema/schema-types';
import { revalidateCells, validateColumn, validateColumns } from '../../../../src/core/validate/validate-columns';
import { propertyConfig } from '../../../support/seeded';

const email: FieldDef = { key: 'email', label: { en: 'Email', 'zh-CN': '邮箱' }, type: 'email', unique: true, synonyms: [] };
const stage: FieldDef = {
  key: 'stage',
  label: { en: 'Stage', 'zh-CN': '阶段' },
  type: 'picklist',
  synonyms: [],
  options: [
    { value: 'lead', label: { en: 'Lead', 'zh-CN': '线索' }, synonyms: ['prospect'] },
    { value: 'vip', label: { en: 'VIP', 'zh-CN': '重要客户' }, synonyms: ['key account'] },
  ],
};
// Few distinct values, in several spellings, so exact and normalised groups form and break up.
const VALUES = ['a@x.io', 'A@x.io', ' a@x.io', 'b@x.io', 'B@X.IO', 'c@x.io', '', null, 'nope'];

describe('uniqueness index (exact keys built only inside normalised groups)', () => {
  it('a row joining a group whose rows were singletons finds exact and normalised duplicates', async () => {
    const values = ['a@x.io', 'b@x.io', 'B@x.io'];
    const result = await validateColumns(() => values, [email]);
    expect(result.rows.has(0)).toBe(false);
    values[1] = 'a@x.io';
    revalidateCells(result, [{ row: 1, field: 'email', value: 'a@x.io' }], [email]);
    expect(result.rows.get(0)?.map((c) => c.problem.rule)).toEqual(['unique']);
    expect(result.rows.get(1)?.map((c) => c.problem.rule)).toEqual(['unique']);
    expect(result.rows.has(2)).toBe(false);
    // Without writing the column first: the edited value counts, not the stale one.
    revalidateCells(result, [{ row: 2, field: 'email', value: 'A@x.io' }], [email]);
    expect(result.rows.get(2)?.map((c) => c.problem.rule)).toEqual(['duplicate-normalized']);
  });

  it('edits applied one by one end where a fresh validation of the edited column does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...VALUES)), { maxLength: 20 }),
        async (initial, edits) => {
          const column = [...initial];
          const result = await validateColumns(() => column, [email]);
          for (const [at, value] of edits) {
            const row = at % column.length;
            column[row] = value;
            revalidateCells(result, [{ row, field: 'email', value }], [email]);
          }
          const fresh = await validateColumns(() => [...column], [email]);
          const sorted = (m: typeof result.rows) => [...m.entries()].sort((a, b) => a[0] - b[0]);
          expect(sorted(result.rows)).toEqual(sorted(fresh.rows));
          expect(result.byRule).toEqual(fresh.byRule);
          expect(result.totals).toEqual(fresh.totals);
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

const code: FieldDef = { key: 'code', label: { en: 'Code', 'zh-CN': '代码' }, type: 'text', unique: true, synonyms: [] };
const CODES = ['ab', 'AB', ' ab ', 'a  b', 'a b', 'Ａｂ', 'ａb', 'é', 'e\u0301', '𠮷', '\u00a0', '', null, 'x'];

describe('uniqueness index: batches of edits', () => {
  it('a batch (rows repeated, column written or not) ends where a fresh validation does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...VALUES), fc.constantFrom(...CODES)), { minLength: 1, maxLength: 25 }),
        fc.array(fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom(...VALUES), fc.constantFrom(...CODES)), { maxLength: 6 }), { maxLength: 6 }),
        fc.boolean(),
        async (initial, batches, writeFirst) => {
          const emails = initial.map((r) => r[0]);
          const codes = initial.map((r) => r[1]);
          const result = await validateColumns((f) => (f.key === 'email' ? emails : codes), [email, code]);
          for (const batch of batches) {
            const changes = batch.map(([at, isEmail, e, c]) => ({ row: at % emails.length, field: isEmail ? 'email' : 'code', value: isEmail ? e : c }));
            const write = (): void => {
              for (const ch of changes) (ch.field === 'email' ? emails : codes)[ch.row] = ch.value;
            };
            if (writeFirst) write();
            revalidateCells(result, changes, [email, code]);
            if (!writeFirst) write();
          }
          const fresh = await validateColumns((f) => (f.key === 'email' ? [...emails] : [...codes]), [email, code]);
          const sorted = (m: typeof result.rows) => [...m.entries()].sort((a, b) => a[0] - b[0]);
          expect(sorted(result.rows)).toEqual(sorted(fresh.rows));
          expect(result.byRule).toEqual(fresh.byRule);
          expect(result.totals).toEqual(fresh.totals);
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

describe('shared problem records', () => {
  it('a synonym repeated in many rows gives the same suggestion, one shared record', () => {
    const { problems } = validateColumn(['Prospect', 'Key Account', 'Prospect', 'Lead', 'other', 'Prospect'], stage);
    expect(problems.get(0)).toEqual([{ rule: 'picklist', level: 'error', params: { suggestion: 'lead' } }]);
    expect(problems.get(1)).toEqual([{ rule: 'picklist', level: 'error', params: { suggestion: 'vip' } }]);
    expect(problems.get(4)).toEqual([{ rule: 'picklist', level: 'error' }]);
    expect(problems.has(3)).toBe(false);
    expect(problems.get(2)?.[0]).toBe(problems.get(0)?.[0]);
    expect(problems.get(5)?.[0]).toBe(problems.get(0)?.[0]);
  });

  it('rows keep their problems in field order across fields and uniqueness', async () => {
    const columns: Record<string, (string | null)[]> = { email: ['a@x.io', 'nope', 'a@x.io'], stage: ['Prospect', 'lead', 'x'] };
    const result = await validateColumns((f) => columns[f.key] ?? [], [email, stage]);
    expect(result.rows.get(0)?.map((c) => `${c.field} ${c.problem.rule}`)).toEqual(['email unique', 'stage picklist']);
    expect(result.rows.get(1)?.map((c) => `${c.field} ${c.problem.rule}`)).toEqual(['email format']);
    expect(result.rows.get(2)?.map((c) => `${c.field} ${c.problem.rule}`)).toEqual(['email unique', 'stage picklist']);
  });
});
