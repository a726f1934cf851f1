import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { mappedTable } from '../../../../src/core/engine/mapped-table';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import { proposeMapping, type ProposalContext } from '../../../../src/core/engine/mapping-session';
import { adviceFor } from '../../../../src/core/mapping/transform-advice';
import { detectDialect, dialectOf } from '../../../../src/core/detect/dialect';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// The Map step's default path in the engine: propose, accept every default (what the page does
// with the proposal), apply, and count what validation still finds.

async function acceptDefaults(table: Table, context: ProposalContext) {
  const proposal = await proposeMapping(table, CONTACT_OBJECT, context);
  const plan: MappingPlan = {
    object: CONTACT_OBJECT,
    defaultCountry: proposal.phoneCountry.country,
    columns: proposal.suggestions.map((s) => {
      const field = s.apply ? s.field : null;
      return { column: s.column, field, transforms: adviceFor(proposal.advice[s.column], field)?.applied ?? [], origin: 'unmapped' as const };
    }),
  };
  const ws = await MappedWorkspace.create(table, plan, undefined, () => {});
  const errors = (key: string) => ws.summary().fields.find((f) => f.key === key)?.errors;
  const column = (key: string) => {
    const { table: out } = mappedTable(ws, 'include');
    const c = out.columns.indexOf(key);
    return Array.from({ length: out.rowCount }, (_, r) => out.cell(r, c));
  };
  return { proposal, plan, ws, errors, column };
}

describe('accepting the defaults of the Map step', () => {
  it("the app's sample contacts validate without a lifecycle error, and export option keys", async () => {
    const text = readFileSync('public/samples/contacts.csv', 'utf8');
    const dialect = dialectOf(detectDialect(text.slice(0, 65536)));
    const { table } = await readCsv(text, dialect, {});
    const { ws, errors, column, plan } = await acceptDefaults(table, { dateOrder: dialect.dateOrder, decimal: dialect.decimalSeparator, language: 'en' });
    expect(plan.defaultCountry).toBe('US');
    expect(errors('lifecycle_stage')).toBe(0);
    expect(ws.summary().byRule.picklist).toBe(0);
    const keys = new Set(CONTACT_OBJECT.fields.find((f) => f.key === 'lifecycle_stage')?.options?.map((o) => o.value));
    const written = column('lifecycle_stage').filter((v) => v !== null && v !== '');
    expect(written.length).toBeGreaterThan(250);
    expect(written.filter((v) => !keys.has(v as string))).toEqual([]);
  });

  it('a Chinese Excel export: Chinese headers, yyyy/m/d dates, mainland mobiles, English page', async () => {
    const headers = ['姓名', '手机', '邮箱', '客户阶段', '创建日期'];
    const rows: Cell[][] = [
      ['张伟', '13800138000', 'zhang.wei@163.com', '商机', '2020/1/1'],
      ['李娜', '139 1234 5678', 'li.na@qq.com', '客户', '2021/12/31'],
      ['王芳', '186-0000-1111', 'wang.fang@126.com', '线索', '2019/7/4'],
      ['刘洋', '15912345678', 'liu.yang@sina.com', '商机', '2022/10/15'],
    ];
    const { proposal, errors, column } = await acceptDefaults(tableFromRows(headers, rows), { dateOrder: 'YMD', decimal: '.', language: 'en' });
    expect(proposal.phoneCountry).toMatchObject({ country: 'CN', reason: 'numbers' });
    expect([errors('mobile'), errors('created_at'), errors('lifecycle_stage')]).toEqual([0, 0, 0]);
    expect(column('mobile')).toEqual(['+8613800138000', '+8613912345678', '+8618600001111', '+8615912345678']);
    expect(column('created_at')).toEqual(['2020-01-01', '2021-12-31', '2019-07-04', '2022-10-15']);
    expect(column('lifecycle_stage')).toEqual(['opportunity', 'customer', 'lead', 'opportunity']);
  });

  it('a Salesforce export: LeadSource labels are synonyms of the options', async () => {
    const headers = ['First Name', 'Last Name', 'Email', 'Lead Source'];
    const rows: Cell[][] = [
      ['Ada', 'Lovelace', 'ada@example.com', 'Web'],
      ['Grace', 'Hopper', 'grace@example.com', 'Trade Show'],
      ['Alan', 'Turing', 'alan@example.org', 'Partner Referral'],
      ['Edsger', 'Dijkstra', 'ed@example.org', 'Web'],
    ];
    const { errors, column, proposal } = await acceptDefaults(tableFromRows(headers, rows), { dateOrder: 'unknown', decimal: '.', language: 'en' });
    expect(errors('lead_source')).toBe(0);
    expect(column('lead_source')).toEqual(['web', 'event', 'referral', 'web']);
    // First and last names have their own columns: splitting a name is not even offered.
    expect(proposal.advice[0]?.[0]?.offered).not.toContain('split-name');
  });
});
