import { describe, expect, it } from 'vitest';
import { matchLookup } from '../../../../src/core/engine/lookup-session';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import { tableFromRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// The lookup fill over the working data: what it fills, what it keeps, and which rows it asks
// the user about. A row whose field to fill already holds a value (and Replace is off) needs
// nothing: it is kept, not listed as "fits more than one" or "not found".

const map = (column: number, field: string): ColumnMapping => ({ column, field, transforms: [], origin: 'unmapped' });
const PLAN: MappingPlan = { object: CONTACT_OBJECT, defaultCountry: 'US', columns: [map(0, 'full_name'), map(1, 'company'), map(2, 'account_id')] };
const CONTACTS = tableFromRows(['Name', 'Company', 'Account ID'], [
  ['Ada', 'Acme Inc', ''], // matched: filled
  ['Bob', 'Initech', ''], // two accounts: listed
  ['Cy', 'Umbrella', ''], // none: listed
  ['Dee', 'Initech', '001X'], // two accounts, already filled: kept
  ['Eve', 'Umbrella', '001Y'], // none, already filled: kept
  ['Fay', 'Acme', '001Z'], // matched, already filled: kept
]);
const ACCOUNTS = tableFromRows(['Id', 'Account Name'], [['001A', 'Acme, Inc.'], ['001C', 'Initech Ltd'], ['001D', 'INITECH LLC']]);
const SPEC = { matchBy: 'company' as const, matchField: 'company', lookupColumn: 'Account Name', valueColumn: 'Id', targetField: 'account_id' };

describe('matchLookup', () => {
  it('lists only the rows it would fill; rows already filled are kept, matched or not', async () => {
    const ws = await MappedWorkspace.create(CONTACTS, PLAN, undefined, () => {});
    const r = matchLookup(ws, ACCOUNTS, { ...SPEC, overwrite: false });
    expect(r.op.changes).toEqual([{ row: 0, field: 'account_id', value: '001A' }]);
    expect([r.kept, r.ambiguousTotal, r.missingTotal]).toEqual([3, 1, 1]);
    expect(r.ambiguous.map((p) => p.row)).toEqual([1]);
    expect(r.missing.map((p) => p.row)).toEqual([2]);
  });

  it('with Replace on, every row is the fill’s to make: all are matched or listed', async () => {
    const ws = await MappedWorkspace.create(CONTACTS, PLAN, undefined, () => {});
    const r = matchLookup(ws, ACCOUNTS, { ...SPEC, overwrite: true });
    expect(r.op.changes.map((c) => [c.row, c.value])).toEqual([[0, '001A'], [5, '001A']]);
    expect([r.kept, r.ambiguousTotal, r.missingTotal]).toEqual([0, 2, 2]);
    expect(r.ambiguous.map((p) => p.row)).toEqual([1, 3]);
    expect(r.missing.map((p) => p.row)).toEqual([2, 4]);
  });
});
