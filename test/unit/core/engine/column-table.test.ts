import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapBaseline } from '../../../../src/core/engine/baseline-mapping';
import { columnTable } from '../../../../src/core/engine/column-table';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { Cell } from '../../../../src/core/model/cell';
import { pickColumns, tableFromRows, tableToRows, type Table } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { propertyConfig } from '../../../support/seeded';

/**
 * Every cell through cellSpan and through columnSpans (runs of 7 rows; a run the table refuses,
 * across a chunk boundary, is read cell by cell as the diff's encoder does).
 */
function viaSpans(table: Table): { bySpan: Cell[][]; byRun: Cell[][] } {
  const span = new Int32Array(2);
  const bySpan = Array.from({ length: table.rowCount }, (_, r) =>
    table.columns.map((_name, c) => {
      const text = table.cellSpan?.(r, c, span) ?? null;
      return text === null ? null : text.slice(span[0], span[1]);
    }),
  );
  const byRun: Cell[][] = Array.from({ length: table.rowCount }, () => []);
  const starts = new Int32Array(7);
  const ends = new Int32Array(7);
  for (let c = 0; c < table.columns.length; c++) {
    for (let from = 0; from < table.rowCount; from += 7) {
      const to = Math.min(table.rowCount, from + 7);
      const text = table.columnSpans?.(c, from, to, starts, ends) ?? null;
      for (let r = from; r < to; r++) {
        const i = r - from;
        (byRun[r] as Cell[])[c] = text === null ? table.cell(r, c) : (starts[i] as number) < 0 ? null : text.slice(starts[i], ends[i]);
      }
    }
  }
  return { bySpan, byRun };
}

const cell = fc.option(fc.string({ maxLength: 6, unit: 'grapheme' }), { nil: null, freq: 4 });

describe('pickColumns', () => {
  it('shares the chosen columns of a packed table, in the order asked', () => {
    const raw = tableFromRows(['a', 'b', 'c'], [['1', null, 'x'], ['2', 'y', '']], [5, 9]);
    const picked = pickColumns(raw, [2, 0]);
    expect(picked?.columns).toEqual(['c', 'a']);
    expect(tableToRows(picked as Table)).toEqual([['x', '1'], ['', '2']]);
    expect(picked?.sourceRow(1)).toBe(9);
    expect(pickColumns(columnTable(['a'], [{ table: raw, column: 0 }], raw), [0])).toBeNull();
  });
});

describe('columnTable', () => {
  it('reads each column from its table, by cell, row, span and run (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 5 }), fc.infiniteStream(cell), (rows, picks, cells) => {
        const stream = cells[Symbol.iterator]();
        const next = () => stream.next().value as Cell;
        const tables = [0, 1, 2].map(() => tableFromRows(['x', 'y'], Array.from({ length: rows }, () => [next(), next()])));
        const sources = picks.map(([t, c]) => ({ table: tables[t] as Table, column: c }));
        const table = columnTable(picks.map((_, i) => `f${i}`), sources, tables[0] as Table);
        const expected = Array.from({ length: rows }, (_, r) => sources.map((s) => s.table.cell(r, s.column)));
        expect(tableToRows(table)).toEqual(expected);
        expect(table.rowCount).toBe(rows);
        const { bySpan, byRun } = viaSpans(table);
        expect(bySpan).toEqual(expected);
        expect(byRun).toEqual(expected);
        // Each table it reads counted once.
        const used = new Set(picks.map(([t]) => t));
        expect(table.heldBytes?.()).toBe([...used].reduce((n, t) => n + ((tables[t] as Table).heldBytes?.() ?? 0), 0));
      }),
      propertyConfig(),
    );
  });
});

describe('a mapped baseline shares its untransformed columns', () => {
  const HEADERS = ['Contact ID', 'E-Mail', 'First'];
  const PLAN: MappingPlan = {
    object: CONTACT_OBJECT,
    defaultCountry: 'US',
    columns: [
      { column: 0, field: 'external_id', transforms: [], origin: 'unmapped' },
      { column: 1, field: 'email', transforms: [{ kind: 'lowercase-email' }], origin: 'unmapped' },
      { column: 2, field: 'first_name', transforms: [{ kind: 'trim' }], origin: 'unmapped' },
    ],
  };

  it('shares the baseline as read, holds only the cells a transform changed, and reads as before', async () => {
    const rows = Array.from({ length: 9_000 }, (_, i) => [`id${i}`, i % 3 === 0 ? `P${i}@X.IO` : `p${i}@x.io`, `Name${i}`]);
    const raw = tableFromRows(HEADERS, rows);
    const { table, mapping } = await mapBaseline(raw, PLAN, HEADERS, ['external_id', 'email', 'first_name']);
    expect(mapping).toBe('same-mapping');
    // Fields in schema order, whatever the file's column order.
    expect(table.columns).toEqual(['external_id', 'first_name', 'email']);
    expect(tableToRows(table)).toEqual(rows.map(([id, email, name]) => [id, name, (email as string).toLowerCase()]));
    const { bySpan, byRun } = viaSpans(table);
    expect(bySpan).toEqual(tableToRows(table));
    expect(byRun).toEqual(tableToRows(table));
    // The baseline as read is shared, not copied; the e-mail field holds only the cells its
    // transform changed (a third of them), less than a column of every lower-cased e-mail.
    const emails = tableFromRows(['email'], rows.map(([, e]) => [(e as string).toLowerCase()]));
    const held = table.heldBytes?.() ?? 0;
    expect(held).toBeGreaterThan(raw.heldBytes?.() ?? 0);
    expect(held).toBeLessThan((raw.heldBytes?.() ?? 0) + (emails.heldBytes?.() ?? 0));
  });
});
