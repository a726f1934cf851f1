import { IMPORT_MODES, UPDATE_RULES } from '../../../../src/core/diff/import-mode';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../../src/core/diff/apply-changes';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffOptions } from '../../../../src/core/diff/diff-types';
import { ReviewSession, type DecisionOp } from '../../../../src/core/engine/review-session';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

const KEY = { columns: ['id'], trim: true, caseInsensitive: false };
const ALL_KINDS = ['added', 'removed', 'modified', 'cosmetic', 'absent', 'unchanged'] as const;

function options(o: Partial<Omit<DiffOptions, 'key' | 'baseFingerprints'>> = {}): Omit<DiffOptions, 'baseFingerprints'> {
  return { key: KEY, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false, ...o };
}

const isEmpty = (v: Cell | undefined) => v === null || v === undefined || v === '';

describe('the review window names records and marks what changed inside values', () => {
  const base = tableFromRows(
    ['id', 'full_name', 'company', 'phone', 'email'],
    [
      ['1', 'Ada Lovelace', 'Analytical Engines', '+44 20 7946 0001', 'ada@example.com'],
      ['2', 'Grace Hopper', 'Navy', '+1 555 010 9999', 'grace@example.com'],
    ],
  );
  const next = tableFromRows(
    ['id', 'full_name', 'company', 'phone', 'email'],
    [
      ['2', 'Grace Hopper', 'Navy', '+1 555 010 9998', 'grace@example.com'],
      ['3', 'Alan Turing', 'Bletchley Park', '', 'alan@example.com'],
    ],
  );

  it('added and removed records carry their name, company and email; a modified phone only the changed digit', async () => {
    const session = new ReviewSession(base, 'base.csv', null);
    await session.run(next, options(), undefined, () => {});
    const { items } = session.window(0, 10, ALL_KINDS, '');
    const byKey = new Map(items.map((i) => [i.key, i]));
    expect(byKey.get('3')?.kind).toBe('added');
    expect(byKey.get('3')?.main).toEqual([
      { column: 'full_name', value: 'Alan Turing' },
      { column: 'company', value: 'Bletchley Park' },
      { column: 'email', value: 'alan@example.com' },
    ]);
    expect(byKey.get('1')?.kind).toBe('removed');
    expect(byKey.get('1')?.main.map((m) => m.value)).toEqual(['Ada Lovelace', 'Analytical Engines', 'ada@example.com']);
    const phone = byKey.get('2')?.fields.find((f) => f.column === 'phone');
    expect(phone?.inline).toEqual([
      { op: 'same', text: '+1 555 010 999' },
      { op: 'removed', text: '9' },
      { op: 'added', text: '8' },
    ]);
  });
});

describe('values a commit would clear and records it would delete are counted as the merge does them', () => {
  const cell = fc.constantFrom<Cell>('x', 'y', 'Ada', '', null);
  const table = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }).chain((ids) =>
    fc.tuple(fc.constant(ids), fc.array(fc.tuple(cell, cell, cell), { minLength: ids.length, maxLength: ids.length })),
  );

  it('clearing = cells filled in the baseline and empty in the merged data; accepted.removed = records gone', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        table,
        fc.constantFrom(...UPDATE_RULES),
        fc.constantFrom(...IMPORT_MODES),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('record', 'a', 'b', 'c')), { maxLength: 6 }),
        async ([baseIds, baseCells], [nextIds, nextCells], rule, mode, rejects) => {
          // `c` is compared but only the baseline has it: under `clear` the new data empties it.
          const base = tableFromRows(['id', 'a', 'b', 'c'], baseIds.map((id, i) => [String(id), ...(baseCells[i] ?? [])]));
          const next = tableFromRows(['id', 'a', 'b'], nextIds.map((id, i) => [String(id), ...(nextCells[i] ?? []).slice(0, 2)]));
          const opts = options({ rules: { default: rule, fields: [] }, mode, compareColumns: ['a', 'b', 'c'] });
          const session = new ReviewSession(base, 'base', null);
          let summary = await session.run(next, opts, undefined, () => {});
          for (const [id, what] of rejects) {
            const op: DecisionOp =
              what === 'record'
                ? { kind: 'change', keys: [String(id)], accept: false }
                : { kind: 'field', key: String(id), column: what, accept: false };
            summary = session.decide(op);
          }
          // The merge, independently: the same diff, the same decisions, applied.
          const diff = await diffTables(base, next, opts);
          const rejectedChanges = new Set(rejects.filter(([, w]) => w === 'record').map(([id]) => String(id)));
          const rejectedFields = new Map<string, Set<string>>();
          for (const [id, w] of rejects) if (w !== 'record') rejectedFields.set(String(id), (rejectedFields.get(String(id)) ?? new Set()).add(w));
          const merged = applyChanges(base, next, diff, { rejectedChanges, rejectedFields });
          const mergedById = new Map<string, Cell[]>();
          for (let r = 0; r < merged.rowCount; r++) mergedById.set(merged.cell(r, 0) as string, merged.row(r));
          let cleared = 0;
          let deleted = 0;
          for (let r = 0; r < base.rowCount; r++) {
            const after = mergedById.get(base.cell(r, 0) as string);
            if (after === undefined) {
              deleted++;
              continue;
            }
            for (let c = 1; c < 4; c++) if (!isEmpty(base.cell(r, c)) && isEmpty(after[c])) cleared++;
          }
          expect(summary.clearing).toBe(cleared);
          expect(summary.accepted.removed).toBe(deleted);
          expect(summary.clearing).toBeLessThanOrEqual(summary.wouldClear);
        },
      ),
      propertyConfig({ numRuns: 150 }),
    );
  });
});
