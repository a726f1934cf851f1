import { describe, expect, it } from 'vitest';
import { keyedDigests } from '../../../../src/core/diff/dataset-digest';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import { sha256, toHex } from '../../../../src/core/diff/digest';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { mappedTable } from '../../../../src/core/engine/mapped-table';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// Golden values taken from the code before the compare step's fast paths (main at de9a2ae): the
// keyed dataset digests of a diff's two sides (`keyedDigests`) and the per-record fingerprints a snapshot stores, over
// 10,000 mapped records (several chunks; transformed, picklist and untouched fields; non-ASCII,
// NFD and missing values; deleted rows; collisions of nothing but real keys). They change only
// with a new canonical or digest version.

const map = (column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });
const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [map(0, 'external_id'), map(1, 'email', [{ kind: 'trim' }]), map(2, 'lifecycle_stage'), map(3, 'first_name', [{ kind: 'trim' }, { kind: 'case', to: 'title' }]), map(4, 'last_name')],
};
const STAGES = ['lead', 'Lead', 'CUSTOMER', 'customer', 'nope', '', 'Opportunity'];
const LAST = ['Lovelace', 'Brontë', 'Zoe\u0301', '王', null, ''];

function sourceRow(r: number): Cell[] {
  return [
    String(r),
    r % 11 === 0 ? ` u${r}@example.com ` : `u${r}@example.com`,
    STAGES[r % STAGES.length] ?? null,
    r % 7 === 0 ? ' zoë ' : r % 5 === 0 ? null : 'ada',
    LAST[r % LAST.length] ?? null,
  ];
}

describe('keyed dataset digest and fingerprints (golden)', () => {
  it('stay byte-identical over mapped data', async () => {
    const source = tableFromRows(['ID', 'Email', 'Stage', 'First', 'Last'], Array.from({ length: 10_000 }, (_, r) => sourceRow(r)));
    const ws = await MappedWorkspace.create(source, PLAN, undefined, () => {});
    await ws.apply({ kind: 'delete-rows', rows: [5, 4_100, 9_999] });
    await ws.apply({ kind: 'set', row: 6, field: 'first_name', value: 'Édith' });
    const next = mappedTable(ws, 'include').table;
    const base = tableFromRows(
      next.columns,
      Array.from({ length: 9_000 }, (_, r) => next.columns.map((_c, c) => (r % 13 === 0 && c === 3 ? 'Old' : next.cell(r + 500, c)))),
    );
    const diff = await diffTables(base, next, {
      key: { columns: ['external_id'], trim: true, caseInsensitive: false },
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    });
    const fp = await fingerprintRecords(next, next.columns.map((_c, c) => c));
    const digests = await keyedDigests(base, next, diff);
    const golden = {
      counts: diff.counts,
      base: digests.base,
      next: digests.next,
      fingerprints: toHex(new Uint8Array(await sha256(fp))),
    };
    expect(golden).toEqual(GOLDEN);
  });
});

const GOLDEN = {
  counts: { unchanged: 8_307, added: 997, removed: 0, modified: 693, cosmetic: 0, absent: 0, ignored: 0, held: 0 },
  base: '3caa1e48fe689dbd3b41d925ca15c17aa53885c987edc2d47c75075f04b3e7d0',
  next: '53969196a13aae27c1ce32a0cb7c98ac55f8e5299acbe19290eac72246214dd5',
  fingerprints: '19732de49bd4b34b86cd90ac859131c5e5e4a2e0c0942f49473f77c5f95bf684',
};
