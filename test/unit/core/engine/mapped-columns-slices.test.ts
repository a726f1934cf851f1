import { describe, expect, it } from 'vitest';
import { buildMappedColumns, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import { tableFromRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { applyTransforms } from '../../../../src/core/transform/apply-transforms';
import { loadPhoneSupport } from '../../../../src/core/transform/phone-support';

// buildMappedColumns works field by field inside slices of rows; what it returns must not show it.

const map = (column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });
const PHONE: Transform = { kind: 'phone', country: 'US' };
const DATE: Transform = { kind: 'date', order: 'auto' };
const plan: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [map(0, 'phone', [PHONE]), map(1, 'created_at', [{ kind: 'trim' }, DATE]), map(2, 'first_name', [{ kind: 'trim' }]), map(3, 'notes')],
};

describe('buildMappedColumns over many slices', () => {
  const rows = Array.from({ length: 2_000 }, (_, i) => [
    i % 7 === 0 ? '12' : `(415) 555-${String(1000 + i).slice(-4)}`,
    i % 5 === 0 ? '03/04/2024' : ' 2024-01-02 ',
    ` Ada ${i} `,
    i % 3 === 0 ? null : `note ${i}`,
  ]);

  it('gives every cell what applyTransforms gives it, and notes in row then field order', async () => {
    await loadPhoneSupport();
    const progress: [number, number][] = [];
    const built = await buildMappedColumns(tableFromRows(['p', 'd', 'n', 'x'], rows), plan, undefined, (done, total) => progress.push([done, total]));
    const transforms = [[PHONE], [{ kind: 'trim' }, DATE], [{ kind: 'trim' }], []] as Transform[][];
    const fieldOf = ['phone', 'created_at', 'first_name', 'notes'];
    const keys = built.fields.map((f) => f.def.key);
    const expectedNotes: [number, [string, string][]][] = [];
    rows.forEach((row, r) => {
      const notes: [string, string][] = [];
      row.forEach((cell, c) => {
        const out = applyTransforms(cell, transforms[c] as Transform[], { row: [] });
        expect(built.values[keys.indexOf(fieldOf[c] as string)]?.get(r)).toBe(out.value);
        for (const n of out.notes ?? []) notes.push([fieldOf[c] as string, n.code]);
      });
      // Notes are listed in schema field order, like the columns.
      notes.sort((a, b) => keys.indexOf(a[0]) - keys.indexOf(b[0]));
      if (notes.length > 0) expectedNotes.push([r, notes]);
    });
    expect([...built.notes].map(([r, list]) => [r, list.map((n) => [n.field, n.note.code])])).toEqual(expectedNotes);
    expect(progress.at(-1)).toEqual([2_000, 2_000]);
    expect(progress.every(([done], i) => i === 0 || done >= (progress[i - 1] as [number, number])[0])).toBe(true);
  });

  it('hears cancel between slices', async () => {
    const ctl = new AbortController();
    const run = buildMappedColumns(tableFromRows(['p', 'd', 'n', 'x'], rows), plan, ctl.signal, () => {});
    ctl.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
