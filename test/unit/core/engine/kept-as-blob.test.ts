import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// Memory that ends: a file that came as a Blob keeps only the Blob once its table is built, and
// a mapped baseline keeps only its Blob; both are read again when needed. Reading again must
// give what keeping the bytes gave.

const map = (column: number, field: string, transforms: ColumnMapping['transforms'] = []): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });
const CURRENT = ['ID;Email;First', '001;ada@example.com;Ada', '002;bob@example.com;Bob', '003;eve@example.com;Eve'].join('\n');
/** Last month's export of the same system: the same source headers, so it is mapped too. */
const BASELINE = ['ID;Email;First', '001;ada@example.com;ada', '002;bob@old.example.com;Bob'].join('\n');
const plan = (upper: boolean): MappingPlan => ({
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [map(0, 'external_id'), map(1, 'email'), map(2, 'first_name', upper ? [{ kind: 'case', to: 'upper' }] : [])],
});
const OPTIONS = {
  key: { columns: ['external_id'], trim: true, caseInsensitive: false },
  compareColumns: ['external_id', 'email', 'first_name'],
  mode: 'mirror' as const,
  rules: { default: 'always' as const, fields: [] },
  quietClass: false,
};

async function path(asBlob: boolean) {
  const engine = new DatasetEngine();
  const file = (text: string) => (asBlob ? new Blob([text]) : new TextEncoder().encode(text));
  await engine.open(file(CURRENT), 'contacts.csv');
  const reread = await engine.configure({ encoding: 'windows-1252' });
  await engine.applyMapping(plan(false));
  const baseline = await engine.loadBaseline(file(BASELINE), 'last-month.csv', null);
  const first = await engine.runDiff(OPTIONS);
  // A new mapping: the baseline is mapped again from what was kept of it.
  await engine.applyMapping(plan(true));
  const second = await engine.runDiff(OPTIONS);
  const items = engine.reviewWindow(0, 10, ['modified', 'added', 'removed', 'unchanged'], '').items.map((i) => [i.kind, i.key, i.after]);
  return { reread: [reread.columns, reread.rowCount, engine.window(0, 5).rows], mapping: baseline.mapping, first: first.counts, second: second.counts, items };
}

describe('a file kept as its Blob', () => {
  it('reads again (configure) and maps the baseline again exactly as when the bytes were kept', async () => {
    const fromBlob = await path(true);
    const fromBytes = await path(false);
    expect(fromBlob).toEqual(fromBytes);
    expect(fromBlob.mapping).toBe('same-mapping');
    expect(fromBlob.reread[1]).toBe(3);
    // Upper-cased first names on both sides: ada/Ada no longer differ, Bob's email still does.
    expect(fromBlob.second.modified).toBe(1);
    expect(fromBlob.first.modified).toBe(2);
  });
});
