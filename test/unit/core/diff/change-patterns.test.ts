import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyFieldChange, groupPatterns, patternId, type FieldPattern } from '../../../../src/core/diff/change-patterns';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

const OPTIONS = {
  key: { columns: ['id'], trim: true, caseInsensitive: false },
  mode: 'mirror',
  rules: { default: 'always', fields: [] },
  quietClass: true,
} as const;

describe('classifyFieldChange', () => {
  const cases: readonly [string, Cell, Cell, FieldPattern][] = [
    ['suffix added', 'Engineer', 'Engineer (promoted)', { kind: 'suffix', text: ' (promoted)' }],
    ['prefix added', 'Smith', 'Dr. Smith', { kind: 'prefix', text: 'Dr. ' }],
    ['suffix taken off', 'Acme Ltd (old)', 'Acme Ltd', { kind: 'suffix-removed', text: ' (old)' }],
    ['prefix taken off', 'Mr Ada', 'Ada', { kind: 'prefix-removed', text: 'Mr ' }],
    ['value replaced', 'lead', 'customer', { kind: 'replaced', from: 'lead', to: 'customer' }],
    ['cleared to empty', 'Berlin', '', { kind: 'cleared' }],
    ['cleared to missing', 'Berlin', null, { kind: 'cleared' }],
    ['set where empty', '', 'Berlin', { kind: 'set', to: 'Berlin' }],
    ['set where missing', null, 'US', { kind: 'set', to: 'US' }],
    ['case only', 'ACME Corp', 'Acme Corp', { kind: 'case' }],
    ['whitespace only (ends)', '  Ada ', 'Ada', { kind: 'whitespace' }],
    ['whitespace only (inside)', 'Acme  Corp', 'Acme Corp', { kind: 'whitespace' }],
    ['whitespace only (no-break space)', 'Acme\u00a0Corp', 'Acme Corp', { kind: 'whitespace' }],
    ['case and whitespace', ' ACME  corp', 'Acme Corp', { kind: 'case-whitespace' }],
    ['phone reformatted', '(555) 010-9999', '555.010.9999', { kind: 'phone' }],
    ['phone to E.164 with the same digits', '+1 555 010 9999', '+15550109999', { kind: 'phone' }],
    ['phone with other digits is a replacement', '555 010 9999', '+1 555 010 9999', { kind: 'prefix', text: '+1 ' }],
    ['phone with different digits', '555-010-9999', '555-010-9998', { kind: 'replaced', from: '555-010-9999', to: '555-010-9998' }],
    // Six digits is a postcode or a number, not a phone: its spacing is just spacing.
    ['short number respaced', '123 456', '123456', { kind: 'whitespace' }],
    ['NFD and NFC spellings compare equal before the rules', 'Cafe\u0301', 'Café (new)', { kind: 'suffix', text: ' (new)' }],
    ['empty to missing', '', null, { kind: 'other' }],
  ];
  it.each(cases)('%s', (_name, before, after, expected) => {
    expect(classifyFieldChange(before, after)).toEqual(expected);
  });
});

/** A baseline and new data over id,title,stage,city,phone built from per-record edits. */
function tables(rows: readonly (readonly [Cell, Cell, Cell, Cell])[], edit: (r: readonly Cell[], i: number) => Cell[]) {
  const columns = ['id', 'title', 'stage', 'city', 'phone'];
  const base = rows.map((r, i) => [String(i), ...r]);
  return { base: tableFromRows(columns, base), next: tableFromRows(columns, base.map((r, i) => edit(r, i))) };
}

describe('groupPatterns', () => {
  it('groups identical edits, largest first, and sends one-off values to the field’s other edits', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`Title ${i}`, 'lead', `City ${i}`, `(555) 010-00${10 + i}`] as const);
    const { base, next } = tables(rows, (r, i) => {
      const out = [...r];
      if (i < 5) out[1] = `${r[1]} (promoted)`; // 5 × suffix
      if (i < 3) out[2] = 'customer'; // 3 × lead → customer
      if (i === 3) out[2] = 'churned'; // 1 × lead → churned: a one-off
      if (i >= 8) out[3] = ''; // 4 × cleared
      if (i === 6) out[4] = `+1${(r[4] as string).replace(/\D/g, '')}`; // other digits: a one-off prefix
      if (i === 7) out[4] = (r[4] as string).replace(/\D/g, ''); // same digits
      return out;
    });
    const diff = await diffTables(base, next, OPTIONS);
    const index = groupPatterns(diff);
    const shape = index.groups.map((g) => [g.column, g.kind, g.from ?? g.text ?? null, g.records.length]);
    expect(shape).toEqual([
      ['title', 'suffix', ' (promoted)', 5],
      ['city', 'cleared', null, 4],
      ['stage', 'replaced', 'lead', 3],
      ['phone', 'phone', null, 1],
      ['phone', 'other', null, 1],
      ['stage', 'other', null, 1],
    ]);
    expect(index.groups.find((g) => g.kind === 'replaced')?.to).toBe('customer');
    expect(index.fieldChanges).toBe(5 + 3 + 1 + 4 + 2);
    // Records come in diff order within a group.
    const suffix = index.groups[0];
    expect([...(suffix?.records ?? [])]).toEqual([0, 1, 2, 3, 4]);
    expect(index.byId.get(patternId('title', { kind: 'suffix', text: ' (promoted)' }))).toBe(suffix);
  });

  it('never merges groups whose values only join to the same text', async () => {
    const columns = ['id', 'v'];
    const pairs = [['a', 'bc'], ['ab', 'c'], ['a', 'bc'], ['ab', 'c'], ['1:a', '-'], ['1:a', '-']];
    const base = tableFromRows(columns, pairs.map(([b], i) => [String(i), b as string]));
    const next = tableFromRows(columns, pairs.map(([, a], i) => [String(i), a as string]));
    const index = groupPatterns(await diffTables(base, next, OPTIONS));
    expect(index.groups.map((g) => [g.from, g.to, [...g.records]])).toEqual([
      ['1:a', '-', [4, 5]],
      ['a', 'bc', [0, 2]],
      ['ab', 'c', [1, 3]],
    ]);
    expect(new Set(index.groups.map((g) => g.id)).size).toBe(3);
  });

  it('groups added and removed records per class', async () => {
    const columns = ['id', 'name'];
    const base = tableFromRows(columns, [['1', 'a'], ['2', 'b'], ['3', 'c']]);
    const next = tableFromRows(columns, [['1', 'a'], ['4', 'd'], ['5', 'e']]);
    const index = groupPatterns(await diffTables(base, next, OPTIONS));
    expect(index.groups.map((g) => [g.kind, g.column, [...g.records]])).toEqual([
      ['added', null, [1, 2]],
      ['removed', null, [3, 4]],
    ]);
    expect(index.fieldChanges).toBe(0);
  });
});

const cell = fc.oneof(
  fc.constant<Cell>(null),
  fc.constant<Cell>(''),
  fc.constantFrom<Cell>('lead', 'customer', 'Ada', 'ADA', ' Ada', 'Ada (promoted)', 'Dr. Ada', '555 010 9999', '(555) 010-9999', '5550109999'),
  fc.string({ maxLength: 4 }),
);

describe('groupPatterns (property)', () => {
  it('partitions the field changes: each in exactly one group of its own field, sizes add up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.tuple(cell, cell, cell), fc.tuple(cell, cell, cell), fc.boolean()), { maxLength: 30 }),
        async (records) => {
          const columns = ['id', 'a', 'b', 'c'];
          const base = tableFromRows(columns, records.map(([b], i) => [String(i), ...b]));
          const next = tableFromRows(columns, records.filter(([, , keep]) => keep).map(([, n], i) => [String(i), ...n]));
          const diff = await diffTables(base, next, OPTIONS);
          const index = groupPatterns(diff);
          const seen = new Map<string, number>();
          const strays: string[] = [];
          for (const g of index.groups) {
            for (const i of g.records) {
              const id = g.column === null ? `record ${i}` : `${i}/${g.column}`;
              seen.set(id, (seen.get(id) ?? 0) + 1);
              // A field group holds only records whose change list has that field.
              if (g.column !== null && diff.fields.get(i)?.some((f) => f.column === g.column) !== true) strays.push(id);
            }
          }
          expect(strays).toEqual([]);
          let changes = 0;
          for (const [i, fields] of diff.fields) {
            for (const f of fields) {
              expect(seen.get(`${i}/${f.column}`), `${i}/${f.column}`).toBe(1);
              changes++;
            }
          }
          const fieldGroups = index.groups.filter((g) => g.column !== null);
          expect(fieldGroups.reduce((n, g) => n + g.records.length, 0)).toBe(changes);
          expect(index.fieldChanges).toBe(changes);
          const recordGroups = index.groups.filter((g) => g.column === null);
          expect(recordGroups.reduce((n, g) => n + g.records.length, 0)).toBe(diff.counts.added + diff.counts.removed);
          // Sorted by size, and every id names its group.
          for (let k = 1; k < index.groups.length; k++) {
            expect((index.groups[k - 1] as { records: Int32Array }).records.length).toBeGreaterThanOrEqual(
              (index.groups[k] as { records: Int32Array }).records.length,
            );
          }
          for (const g of index.groups) expect(index.byId.get(g.id)).toBe(g);
        },
      ),
      propertyConfig(),
    );
  });
});
