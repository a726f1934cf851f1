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

  it('uses a baseline already in field keys as read', async () => {
    const baseline = tableFromRows(['external_id', 'email'], [['001', 'ada@x.io']]);
    const result = await mapBaseline(baseline, PLAN, HEADERS, ['external_id', 'email']);
    expect(result).toEqual({ table: baseline, mapping: 'as-read' });
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
        for (let c = 0; c < table.columns.length; c++) {
          for (let r = 0; r < rows; r++) {
            const text = table.cellSpan?.(r, c, span) ?? null;
            expect(text === null ? null : text.slice(span[0], span[1])).toBe(table.cell(r, c));
          }
          for (let from = 0; from < rows; from += 1000) {
            const to = Math.min(rows, from + 1000, (Math.floor(from / 4096) + 1) * 4096);
            const text = table.columnSpans?.(c, from, to, starts, ends);
            if (text === null || text === undefined) continue;
            for (let i = 0; i < to - from; i++) {
              expect((starts[i] as number) < 0 ? null : text.slice(starts[i], ends[i])).toBe(expected[from + i]?.[c]);
            }
          }
        }
        // The values themselves: what mapping each row alone gives.
        for (let r = 0; r < rows; r += 97) {
          const row = data[r] as Cell[];
          const email = row[1] === null || row[1] === undefined ? null : row[1].trim().toLowerCase();
          expect(table.row(r)[0]).toBe(row[0] ?? null);
          if (email !== null && email !== '' && email === row[1]) expect(table.row(r)[1]).toBe(email);
        }
      }),
      propertyConfig({ numRuns: 12 }),
    );
  });
});
