import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../../src/core/diff/apply-changes';
import { applyOperations } from '../../../../src/core/diff/apply-operations';
import { exportColumns, iterateOperations } from '../../../../src/core/diff/change-operations';
import { acceptAll, type Decisions } from '../../../../src/core/diff/decisions';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import { IMPORT_MODES, UPDATE_RULES } from '../../../../src/core/diff/import-mode';
import { serializeOperationsJson } from '../../../../src/core/diff/serialize-changes-json';
import { iterateUndo, undoColumns } from '../../../../src/core/diff/undo-changes';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

const KEY = { columns: ['id'], trim: true, caseInsensitive: false };
// `x` is only in the baseline (never compared unless chosen), `y` only in the new data.
const BASE_COLUMNS = ['id', 'a', 'b', 'x'];
const NEXT_COLUMNS = ['y', 'b', 'id', 'a'];

const value = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constantFrom('Café', 'Cafe\u0301', 'a,b', '"q"', 'x\ny', '  Ada ', 'ADA', 'ada', '=1+2'),
  fc.string({ maxLength: 3 }),
);

/** A baseline and new data sharing some keys, each record's values random. */
const scenario = fc.record({
  base: fc
    .uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 })
    .chain((ids) =>
      fc.tuple(...ids.map((id) => fc.tuple(fc.constant(String(id)), value, value, value))),
    ),
  next: fc
    .uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 })
    .chain((ids) =>
      fc.tuple(...ids.map((id) => fc.tuple(fc.constant(String(id)), value, value, value))),
    ),
  mode: fc.constantFrom(...IMPORT_MODES),
  rule: fc.constantFrom(...UPDATE_RULES),
  own: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'y', 'x'), fc.constantFrom(...UPDATE_RULES)), {
    maxLength: 3,
  }),
  compare: fc.subarray(['a', 'b', 'x', 'y']),
  quietClass: fc.boolean(),
  reject: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { base: Table; next: Table } {
  const base = tableFromRows(
    BASE_COLUMNS,
    s.base.map(([id, a, b, x]) => [id, a, b, x]),
  );
  const next = tableFromRows(
    NEXT_COLUMNS,
    s.next.map(([id, a, b, y]) => [y, b, id, a]),
  );
  return { base, next };
}

/** Key → values over `columns` (a column the table lacks reads as missing). */
function keyed(t: Table, columns: readonly string[]): Map<string, Cell[]> {
  const idx = columns.map((c) => t.columns.indexOf(c));
  const id = t.columns.indexOf('id');
  const out = new Map<string, Cell[]>();
  for (let r = 0; r < t.rowCount; r++)
    out.set(
      t.cell(r, id) as string,
      idx.map((c) => (c < 0 ? null : t.cell(r, c))),
    );
  return out;
}

/** Some changes rejected whole, some fields rejected, from the scenario's choices. */
function decisionsOf(s: Scenario, keys: readonly string[]): Decisions {
  const rejectedChanges = new Set<string>();
  const rejectedFields = new Map<string, Set<string>>();
  keys.forEach((k, i) => {
    const pick = s.reject[i % s.reject.length];
    if (pick === 1) rejectedChanges.add(k);
    if (pick === 2) rejectedFields.set(k, new Set(['a']));
  });
  return { rejectedChanges, rejectedFields };
}

describe('undo change sets (seeded properties)', () => {
  it('apply(apply(base, forward), undo) == base under every import mode, update rule and decision', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { base, next } = build(s);
        const rules = {
          default: s.rule,
          fields: [...new Map(s.own)].map(([field, rule]) => ({ field, rule })),
        };
        const diff = await diffTables(base, next, {
          key: KEY,
          compareColumns: s.compare,
          mode: s.mode,
          rules,
          quietClass: s.quietClass,
        });
        const decisions = decisionsOf(s, [...diff.keys]);
        const source = { base, next };
        const merged = applyChanges(base, next, diff, decisions);
        const forward = [...iterateOperations(diff, decisions, source)];
        const undo = [...iterateUndo(diff, decisions, source)];

        // The forward change set, applied to the baseline, is the merge over the columns it
        // carries (the key and the compared columns; the merge also copies an added record's
        // other shared columns, which a change set leaves to the target system).
        const carried = exportColumns(diff);
        expect(keyed(applyOperations(base, KEY, forward), carried)).toEqual(keyed(merged, carried));
        // The undo set, applied to the merge, gives the baseline back, every column of it.
        const back = applyOperations(merged, KEY, undo);
        expect(back.rowCount).toBe(base.rowCount);
        expect(keyed(back, base.columns)).toEqual(keyed(base, base.columns));
        // Columns the forward set added hold nothing for the records that remain.
        const extra = back.columns.filter((c) => !base.columns.includes(c));
        for (const values of keyed(back, extra).values())
          expect(values.every((v) => v === null)).toBe(true);

        // The undo set mirrors the forward one: one operation per forward operation, inverted.
        const inverse = { insert: 'delete', delete: 'insert', update: 'update' } as const;
        expect(undo.map((o) => [o.key, o.op])).toEqual(forward.map((o) => [o.key, inverse[o.op]]));
        // The mode decides which operations exist at all.
        const ops = new Set(forward.map((o) => o.op));
        expect(ops.has('delete') && s.mode !== 'mirror').toBe(false);
        expect(ops.has('update') && s.mode === 'add-only').toBe(false);
        expect(ops.has('insert') && s.mode === 'update-only').toBe(false);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

describe('the undo file', () => {
  it('holds old values for updates, a delete per insert and the whole record per delete', async () => {
    const base = tableFromRows(
      ['id', 'name', 'note'],
      [
        ['1', 'Ada', 'kept'],
        ['2', 'Bob', 'gone'],
      ],
    );
    const next = tableFromRows(
      ['id', 'name'],
      [
        ['1', 'Ada L'],
        ['3', 'Cy'],
      ],
    );
    // `note` is not compared: a deleted record still comes back with it.
    const diff = await diffTables(base, next, {
      key: KEY,
      compareColumns: ['name'],
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    });
    expect(undoColumns(diff, base)).toEqual(['id', 'name', 'note']);
    const text = [...serializeOperationsJson(iterateUndo(diff, acceptAll(), { base, next }))].join(
      '',
    );
    expect(JSON.parse(text)).toEqual([
      { op: 'update', key: '1', fields: { name: 'Ada' }, old: { name: 'Ada L' } },
      { op: 'delete', key: '3', old: { id: '3', name: 'Cy', note: null } },
      { op: 'insert', key: '2', fields: { id: '2', name: 'Bob', note: 'gone' } },
    ]);
  });

  it('refuses a change set made for other data', () => {
    const t = tableFromRows(['id', 'name'], [['1', 'Ada']]);
    expect(() =>
      applyOperations(t, KEY, [{ op: 'delete', key: '9', fields: [], old: [], record: [] }]),
    ).toThrow('internal');
    expect(() =>
      applyOperations(t, KEY, [
        { op: 'insert', key: '1', fields: [{ column: 'id', value: '1' }], old: [], record: [] },
      ]),
    ).toThrow('internal');
  });
});
