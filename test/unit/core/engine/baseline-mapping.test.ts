import { describe, expect, it } from 'vitest';
import { mapBaseline } from '../../../../src/core/engine/baseline-mapping';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { tableFromRows, tableToRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

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
