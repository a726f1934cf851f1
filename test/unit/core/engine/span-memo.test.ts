import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMappedColumns, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { memoWorthy, SpanMemo } from '../../../../src/core/engine/span-memo';
import type { Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { applyTransforms } from '../../../../src/core/transform/apply-transforms';
import { propertyConfig } from '../../../support/seeded';

// Mapping a picklist-like column through SpanMemo (texts read in place, values remembered)
// against the transforms applied to every cell one by one.

const STAGES: Readonly<Record<string, string>> = { Lead: 'lead', 'Sales Qualified Lead': 'salesqualifiedlead', Kunde: 'customer', 客户: 'customer', lead: 'lead' };
const SPELLINGS = ['Lead', 'lead', ' Lead ', 'LEAD', 'Sales Qualified Lead', 'Sales  Qualified\u00a0Lead', 'Kunde', '客户', '', '  ', 'Maybe later', 'Lead\u200b', 'é', 'e\u0301'];

const chains: fc.Arbitrary<Transform[]> = fc.constantFrom<Transform[]>(
  [{ kind: 'value-map', map: STAGES }],
  [{ kind: 'trim' }, { kind: 'value-map', map: STAGES }],
  [{ kind: 'collapse-spaces' }, { kind: 'value-map', map: STAGES }, { kind: 'case', to: 'upper' }],
  [{ kind: 'default', value: 'lead' }, { kind: 'value-map', map: STAGES }],
);

/** Cells of a low-cardinality column, some missing, and now and then one of many distinct texts (past the memo's capacity). */
const cells: fc.Arbitrary<Cell[]> = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<Cell>(...SPELLINGS) },
    { weight: 1, arbitrary: fc.constant<Cell>(null) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((n) => `stage ${n}`) },
  ),
  // 'max': lengths over the whole range, so runs cross chunks (4,096 rows) and fill the memo.
  { minLength: 1, maxLength: 9000, size: 'max' },
);

describe('SpanMemo in buildMappedColumns', () => {
  it('maps every cell as applyTransforms does, remembered or not (seeded differential)', async () => {
    await fc.assert(
      fc.asyncProperty(cells, chains, async (column, transforms) => {
        const table = tableFromRows(['stage'], column.map((c) => [c]));
        const plan: MappingPlan = { object: CONTACT_OBJECT, columns: [{ column: 0, field: 'lifecycle_stage', transforms, origin: 'unmapped' }], defaultCountry: 'US' };
        const built = await buildMappedColumns(table, plan, undefined, () => {});
        const mapped = built.values[0];
        for (let r = 0; r < column.length; r++) {
          expect(mapped?.get(r), `row ${r}`).toBe(applyTransforms(column[r] as Cell, transforms, { row: [] }).value);
        }
        expect(built.notes.size).toBe(0);
      }),
      propertyConfig({ numRuns: 25 }),
    );
  }, 60_000);

  it('finds a remembered text in place, by its units, whatever string holds it', () => {
    const memo = new SpanMemo();
    expect(memo.find('xLeadx', 1, 5)).toBe(-1);
    memo.add('Lead', 'lead', false);
    expect(memo.find('..Lead', 2, 6)).toBe(0);
    expect(memo.value(0)).toBe('lead');
    expect(memo.isSame(0)).toBe(false);
    expect(memo.find('Leap', 0, 4)).toBe(-1);
    expect(memo.find('Lea', 0, 3)).toBe(-1);
  });

  it('is used only for chains of quiet kinds holding a value-map', () => {
    expect(memoWorthy([{ kind: 'trim' }, { kind: 'value-map', map: STAGES }])).toBe(true);
    expect(memoWorthy([{ kind: 'trim' }])).toBe(false);
    expect(memoWorthy([{ kind: 'value-map', map: STAGES }, { kind: 'date', order: 'auto' }])).toBe(false);
    expect(memoWorthy([])).toBe(false);
  });
});
