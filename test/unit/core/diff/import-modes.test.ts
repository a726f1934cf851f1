import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../../src/core/diff/apply-changes';
import { iterateOperations } from '../../../../src/core/diff/change-operations';
import { acceptAll } from '../../../../src/core/diff/decisions';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffResult } from '../../../../src/core/diff/diff-types';
import {
  keptOutBy,
  modeFromLegacy,
  rulesFromLegacy,
  type ImportMode,
  type UpdateRule,
  type UpdateRules,
} from '../../../../src/core/diff/import-mode';
import { tableFromRows, tableToRows } from '../../../../src/core/model/table';

const KEY = { columns: ['id'], trim: true, caseInsensitive: false };
const COLUMNS = ['id', 'name', 'phone', 'city'];
// 1: name edited (value → value), phone cleared (value → empty);
// 2: phone filled (empty → value), city cleared; 3: gone from the new file; 4: new.
const BASE = tableFromRows(COLUMNS, [
  ['1', 'Ada', '111', 'Oslo'],
  ['2', 'Bob', '', 'Rome'],
  ['3', 'Cy', '333', 'Paris'],
]);
const NEXT = tableFromRows(COLUMNS, [
  ['1', 'Ada L', '', 'Oslo'],
  ['2', 'Bob', '222', ''],
  ['4', 'Di', '444', 'Bern'],
]);

const rules = (d: UpdateRule, fields: UpdateRules['fields'] = []): UpdateRules => ({
  default: d,
  fields,
});

function changedFields(diff: DiffResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [i, list] of diff.fields) out[diff.keys.at(i)] = list.map((f) => f.column);
  return out;
}

// What each rule lets through for the two records on both sides, and what it keeps out per field.
const RULE_CASES: readonly {
  name: string;
  rules: UpdateRules;
  fields: Record<string, string[]>;
  keptOut: Record<string, number>;
}[] = [
  {
    name: 'always take the new value',
    rules: rules('always'),
    fields: { '1': ['name', 'phone'], '2': ['phone', 'city'] },
    keptOut: { id: 0, name: 0, phone: 0, city: 0 },
  },
  {
    name: 'only when the new value is not empty',
    rules: rules('if-not-empty'),
    fields: { '1': ['name'], '2': ['phone'] },
    keptOut: { id: 0, name: 0, phone: 1, city: 1 },
  },
  {
    name: 'only fill empty fields',
    rules: rules('fill-empty'),
    fields: { '2': ['phone'] },
    keptOut: { id: 0, name: 1, phone: 1, city: 1 },
  },
  {
    name: 'always, but phone only fills empty fields',
    rules: rules('always', [{ field: 'phone', rule: 'fill-empty' }]),
    fields: { '1': ['name'], '2': ['phone', 'city'] },
    keptOut: { id: 0, name: 0, phone: 1, city: 0 },
  },
];

// What each mode proposes: added / removed / absent / ignored, and whether updates are made.
const MODE_CASES: readonly {
  mode: ImportMode;
  added: number;
  removed: number;
  absent: number;
  newIgnored: number;
  updates: boolean;
  ops: readonly string[];
}[] = [
  {
    mode: 'add-update',
    added: 1,
    removed: 0,
    absent: 1,
    newIgnored: 0,
    updates: true,
    ops: ['insert', 'update'],
  },
  {
    mode: 'add-only',
    added: 1,
    removed: 0,
    absent: 1,
    newIgnored: 0,
    updates: false,
    ops: ['insert'],
  },
  {
    mode: 'update-only',
    added: 0,
    removed: 0,
    absent: 1,
    newIgnored: 1,
    updates: true,
    ops: ['update'],
  },
  {
    mode: 'mirror',
    added: 1,
    removed: 1,
    absent: 0,
    newIgnored: 0,
    updates: true,
    ops: ['delete', 'insert', 'update'],
  },
];

describe('import modes × update rules (table-driven)', () => {
  for (const m of MODE_CASES) {
    for (const r of RULE_CASES) {
      it(`${m.mode} × ${r.name}`, async () => {
        const diff = await diffTables(BASE, NEXT, {
          key: KEY,
          mode: m.mode,
          rules: r.rules,
          quietClass: false,
        });
        const differing = Object.keys(r.fields).length;
        expect(diff.counts).toEqual({
          added: m.added,
          removed: m.removed,
          absent: m.absent,
          modified: m.updates ? differing : 0,
          cosmetic: 0,
          // A new record the mode does not add, or a differing record it does not update.
          ignored: m.newIgnored + (m.updates ? 0 : differing),
          held: 0,
          unchanged: 2 - differing,
        });
        expect(changedFields(diff)).toEqual(m.updates ? r.fields : {});
        // Kept-out counts are the rules' doing; under "only add new" the mode decides first.
        expect({ ...diff.keptOut }).toEqual(
          m.updates ? r.keptOut : { id: 0, name: 0, phone: 0, city: 0 },
        );
        const ops = [...iterateOperations(diff, acceptAll(), { base: BASE, next: NEXT })].map(
          (o) => o.op,
        );
        const expectedOps = m.ops.filter((o) => o !== 'update' || differing > 0);
        expect([...new Set(ops)].sort()).toEqual(expectedOps);
        // The merged data: records the mode leaves out keep their baseline values.
        const merged = new Map(
          tableToRows(applyChanges(BASE, NEXT, diff, acceptAll())).map((row) => [row[0], row]),
        );
        expect(merged.has('4')).toBe(m.added === 1);
        expect(merged.has('3')).toBe(m.removed === 0);
        const one = m.updates ? null : ['1', 'Ada', '111', 'Oslo'];
        expect(m.updates ? null : merged.get('1')).toEqual(one);
      });
    }
  }
});

describe('rules and legacy words', () => {
  it.each([
    ['always', 'a', '', false],
    ['always', null, 'b', false],
    ['if-not-empty', 'a', '', true],
    ['if-not-empty', 'a', null, true],
    ['if-not-empty', 'a', 'b', false],
    ['fill-empty', '', 'b', false],
    ['fill-empty', null, 'b', false],
    ['fill-empty', 'a', 'b', true],
    ['fill-empty', null, '', true],
  ] as const)('%s keeps out %j → %j: %s', (rule, before, after, kept) => {
    expect(keptOutBy(rule, before, after)).toBe(kept);
  });

  it('maps version 1 words: upsert → add-update, mirror → mirror, clear → always, no-information → if-not-empty', () => {
    expect(modeFromLegacy('upsert')).toBe('add-update');
    expect(modeFromLegacy('mirror')).toBe('mirror');
    expect(rulesFromLegacy('clear')).toEqual({ default: 'always', fields: [] });
    expect(rulesFromLegacy('no-information')).toEqual({ default: 'if-not-empty', fields: [] });
  });

  it('a field named __proto__ gets its own rule and kept-out count', async () => {
    const cols = ['id', '__proto__'];
    const a = tableFromRows(cols, [['1', 'x']]);
    const b = tableFromRows(cols, [['1', '']]);
    const diff = await diffTables(a, b, {
      key: KEY,
      mode: 'add-update',
      rules: rules('always', [{ field: '__proto__', rule: 'if-not-empty' }]),
      quietClass: false,
    });
    expect(diff.counts.modified).toBe(0);
    expect(diff.keptOut['__proto__']).toBe(1);
  });
});
