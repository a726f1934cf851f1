import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapBaseline } from '../../../../src/core/engine/baseline-mapping';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { propertyConfig } from '../../../support/seeded';

const HEADERS = ['Contact ID', 'E-Mail', 'Ignored'];
const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [
    { column: 0, field: 'external_id', transforms: [], origin: 'unmapped' },
    { column: 1, field: 'email', transforms: [{ kind: 'lowercase-email' }], origin: 'unmapped' },
    { column: 2, field: null, transforms: [], origin: 'unmapped' },
  ],
};

describe('mapBaseline', () => {
  it('applies the same mapping (transforms included) to a baseline with the same headers, in any order', async () => {
    const baseline = tableFromRows(['E-Mail', 'Contact ID'], [['ADA@X.IO', '001']], [7]);
    const { table, mapping } = await mapBaseline(baseline, PLAN, HEADERS, ['external_id', 'email']);
    expect(mapping).toBe('same-mapping');
    // Fields come in schema order, whatever the baseline's column order.
    expect(table.columns).toEqual(['external_id', 'email']);
    expect(tableToRows(table)).toEqual([['001', 'ada@x.io']]);
    expect(table.sourceRow(0)).toBe(7);
  });

  it('keeps the baseline\'s columns the new file lacks, as they are: to the field their header names, else a custom field', async () => {
    // Last month's export had a phone and a legacy code; tonight's file (HEADERS) has neither.
    const baseline = tableFromRows(
      ['Contact ID', 'E-Mail', 'Phone', 'Legacy Code', 'Ignored'],
      [['001', 'ADA@X.IO', '+44 20 7946 0958', 'L-7', 'x']],
    );
    const { table, mapping } = await mapBaseline(baseline, PLAN, HEADERS, ['external_id', 'email']);
    expect(mapping).toBe('same-mapping');
    expect(table.columns).toEqual(['external_id', 'email', 'phone', 'legacy_code']);
    // No transform on the kept columns: the values the baseline holds. "Ignored" is skipped by the mapping.
    expect(tableToRows(table)).toEqual([['001', 'ada@x.io', '+44 20 7946 0958', 'L-7']]);
    // A field the mapping already fills is not given to a baseline-only column twice.
    const mailTwice = tableFromRows(['Contact ID', 'E-Mail', 'Email'], [['001', 'A@X.IO', 'old@x.io']]);
    expect((await mapBaseline(mailTwice, PLAN, HEADERS, ['external_id', 'email'])).table.columns).toEqual(['external_id', 'email', 'email_2']);
  });

  it('gives a column both sides keep as a custom field the key the new data gives it, whatever the baseline-only ones', async () => {
    const plan: MappingPlan = {
      ...PLAN,
      columns: [...PLAN.columns.slice(0, 2), { column: 2, field: null, custom: true, transforms: [], origin: 'unmapped' }],
    };
    // The built-in `notes` field is there, so the new data keys "Notes" as `notes_2`.
    const headers = ['Contact ID', 'E-Mail', 'Notes'];
    // The baseline-only "Notes_2" comes first, named like that key: it goes to the free built-in
    // `notes` field, and "Notes" keeps `notes_2`, as in the new data.
    const baseline = tableFromRows(['Notes_2', 'Contact ID', 'E-Mail', 'Notes'], [['old', '001', 'a@x.io', 'vip']]);
    const { table } = await mapBaseline(baseline, plan, headers, ['external_id', 'email', 'notes_2']);
    const row = Object.fromEntries(table.columns.map((c, i) => [c, table.cell(0, i)]));
    expect(row).toEqual({ external_id: '001', email: 'a@x.io', notes: 'old', notes_2: 'vip' });
  });

  it('maps a baseline whose headers differ only in case, spacing or punctuation (E-MAIL, contact_id), as Map pairs a template', async () => {
    // The same system's export with its headers spelt otherwise (a Data Loader export in capitals,
    // a report with underscores): it was "not mapped", so no column lined up and no key was offered.
    const baseline = tableFromRows(['CONTACT_ID', 'E-MAIL ', 'ignored'], [['001', 'ADA@X.IO', 'x']]);
    const { table, mapping } = await mapBaseline(baseline, PLAN, HEADERS, ['external_id', 'email']);
    expect(mapping).toBe('same-mapping');
    expect(table.columns).toEqual(['external_id', 'email']);
    expect(tableToRows(table)).toEqual([['001', 'ada@x.io']]);
    // A used header the baseline has no spelling of at all is still not the same file.
    const lacking = tableFromRows(['CONTACT_ID', 'Mail'], [['001', 'a@x.io']]);
    expect((await mapBaseline(lacking, PLAN, HEADERS, ['external_id', 'email'])).mapping).toBe('not-mapped');
  });

  it('maps a baseline that lacks a column the new file gained, when most of the mapped columns are there', async () => {
    // This month's export gained a Mobile column: last month's is the same system's export all the same.
    const plan: MappingPlan = { ...PLAN, columns: [...PLAN.columns.slice(0, 2), { column: 2, field: 'mobile', transforms: [], origin: 'unmapped' }] };
    const headers = ['Contact ID', 'E-Mail', 'Mobile'];
    const baseline = tableFromRows(['Contact ID', 'E-Mail'], [['001', 'ADA@X.IO']]);
    const { table, mapping } = await mapBaseline(baseline, plan, headers, ['external_id', 'email', 'mobile']);
    expect(mapping).toBe('same-mapping');
    expect(table.columns).toEqual(['external_id', 'email']);
    expect(tableToRows(table)).toEqual([['001', 'ada@x.io']]);
    // One mapped column of three is not the same file.
    const other = tableFromRows(['Contact ID', 'Name'], [['001', 'Ada']]);
    expect((await mapBaseline(other, plan, headers, ['external_id', 'email', 'mobile'])).mapping).toBe('not-mapped');
  });

  it('uses a baseline already in field keys as read', async () => {
    const baseline = tableFromRows(['external_id', 'email'], [['001', 'ada@x.io']]);
    const result = await mapBaseline(baseline, PLAN, HEADERS, ['external_id', 'email']);
    expect(result).toEqual({ table: baseline, mapping: 'as-read' });
  });

  it('never maps again an export in field keys that lacks a field, though its keys pair loosely with the headers', async () => {
    // `contact_id` pairs with `Contact ID` and `email` with `E-Mail` when compared loosely, so
    // every mapped column pairs; but these values were mapped already (`mobile` is not there).
    const plan: MappingPlan = { ...PLAN, columns: [{ column: 0, field: 'contact_id', transforms: [], origin: 'unmapped' }, PLAN.columns[1]!] };
    const baseline = tableFromRows(['contact_id', 'email'], [['001', 'ada@x.io']]);
    const result = await mapBaseline(baseline, plan, HEADERS, ['contact_id', 'email', 'mobile']);
    expect(result).toEqual({ table: baseline, mapping: 'not-mapped' });
  });

  it('says not-mapped when the headers are something else, and without a mapping reads as is', async () => {
    const other = tableFromRows(['id', 'mail'], [['001', 'a@x.io']]);
    expect((await mapBaseline(other, PLAN, HEADERS, ['external_id', 'email'])).mapping).toBe('not-mapped');
    expect((await mapBaseline(other, null, HEADERS, [])).mapping).toBe('as-read');
  });
});

describe('the mapped baseline view (seeded property)', () => {
  it('gives through cell, row, cellSpan and columnSpans the cells a copied table holds', async () => {
    // Emails upper-cased in some rows only (chunks shared, sparse and dense), missing cells,
    // and rows across several 4,096-row chunks.
    const cellArb = fc.oneof(fc.constant(null), fc.constant(''), fc.constantFrom('ada@x.io', 'BOB@Y.ORG', ' c@z.cn ', 'x'));
    const caseArb = fc.tuple(
      fc.array(fc.tuple(cellArb, cellArb, cellArb), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 9000 }),
      fc.integer({ min: 0, max: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(caseArb, async ([pattern, rows, upperEvery]) => {
        const data = Array.from({ length: rows }, (_, r) => {
          const [a, b, c] = pattern[r % pattern.length] as [Cell, Cell, Cell];
          const upper = upperEvery > 0 && r % (upperEvery * 997) === 0 && b !== null ? b.toUpperCase() : b;
          return [a, upper, c];
        });
        const baseline = tableFromRows(['Contact ID', 'E-Mail', 'Ignored'], data);
        const { table } = await mapBaseline(baseline, PLAN, HEADERS, ['external_id', 'email']);
        const expected = tableToRows(table).map((row) => [...row]);
        expect(expected.length).toBe(rows);
        const span = new Int32Array(2);
        const starts = new Int32Array(4096);
        const ends = new Int32Array(4096);
        let runs = 0;
        for (let c = 0; c < table.columns.length; c++) {
          const column = expected.map((row) => row[c] ?? null);
          const bySpan: Cell[] = [];
          for (let r = 0; r < rows; r++) {
            const text = table.cellSpan?.(r, c, span) ?? null;
            bySpan.push(text === null ? null : text.slice(span[0], span[1]));
          }
          expect(bySpan).toEqual(column);
          // Runs the view can give in one call (null: the caller asks cell by cell).
          const byRun: Cell[] = [];
          const wanted: Cell[] = [];
          for (let from = 0, to = 0; from < rows; from = to) {
            to = Math.min(rows, from + 1000, (Math.floor(from / 4096) + 1) * 4096);
            const text = table.columnSpans?.(c, from, to, starts, ends);
            if (text === null || text === undefined) continue;
            for (let i = 0; i < to - from; i++) byRun.push((starts[i] as number) < 0 ? null : text.slice(starts[i], ends[i]));
            wanted.push(...column.slice(from, to));
          }
          expect(byRun).toEqual(wanted);
          runs += byRun.length;
        }
        // The untransformed ID column always gives runs: the property is not vacuous.
        expect(runs).toBeGreaterThanOrEqual(rows);
        // The values themselves: the ID as read; an e-mail already lower case, as read too.
        const sampled = Array.from({ length: Math.ceil(rows / 97) }, (_, i) => i * 97);
        expect(sampled.map((r) => table.row(r)[0])).toEqual(sampled.map((r) => data[r]?.[0] ?? null));
        const plain = sampled.filter((r) => /^[a-z@.]+$/.test(data[r]?.[1] ?? ''));
        expect(plain.map((r) => table.row(r)[1])).toEqual(plain.map((r) => data[r]?.[1]));
      }),
      propertyConfig({ numRuns: 12 }),
    );
  }, 120_000);
});
