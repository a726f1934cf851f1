import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { propertyConfig } from '../../../support/seeded';

// The duplicates panel's page of groups: the engine counts every group and hands out one page;
// the pages together are exactly the full list of groups (`duplicates`), before and after rows
// are deleted and cells edited.

const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [
    { column: 0, field: 'external_id', transforms: [], origin: 'unmapped' },
    { column: 1, field: 'email', transforms: [], origin: 'unmapped' },
  ],
};

const rows = fc.array(
  fc.tuple(fc.constantFrom('1', '2', '3', '4', '5', '6', ' 1', ''), fc.constantFrom('a@x.io', 'A@x.io', 'b@x.io', 'c@x.io', 'd@x.io', '', 'B@X.IO ')),
  { minLength: 1, maxLength: 60 },
);

describe('MappedWorkspace.duplicatePage', () => {
  it('pages through exactly the groups `duplicates` lists, and counts them all (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.array(fc.nat(59), { maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(59), fc.constantFrom('1', 'a@x.io', 'z@x.io', '')), { maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        async (data, deletes, edits, pageSize) => {
          const ws = await MappedWorkspace.create(tableFromRows(['ID', 'Email'], data as Cell[][]), PLAN, undefined, () => {});
          const live = (r: number) => r < data.length && !ws.isDeleted(r);
          for (const [row, value] of edits) if (live(row)) await ws.apply({ kind: 'set', row, field: 'email', value });
          const gone = [...new Set(deletes.filter((r) => r < data.length))];
          if (gone.length > 0) await ws.apply({ kind: 'delete-rows', rows: gone });
          const all = ws.duplicates(Number.MAX_SAFE_INTEGER);
          const paged: { field: string; rows: number[] }[] = [];
          for (let start = 0; ; start += pageSize) {
            const page = ws.duplicatePage(start, pageSize);
            expect(page.total).toBe(all.length);
            paged.push(...page.groups);
            if (page.groups.length < pageSize) break;
          }
          expect(paged).toEqual(all);
          // Every group has two live rows or more.
          for (const g of paged) expect(g.rows.filter(live).length).toBe(g.rows.length);
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
  });
});
