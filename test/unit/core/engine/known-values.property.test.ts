import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mapBaseline } from '../../../../src/core/engine/baseline-mapping';
import { KnownValues, knownValuesFor } from '../../../../src/core/engine/known-values';
import { buildMappedColumns, type MappedField, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows, type Table } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { applyTransforms, prepareTransforms } from '../../../../src/core/transform/apply-transforms';
import { propertyConfig } from '../../../support/seeded';
import { createRandom as prng } from '../../../support/fake-crm';

// The baseline mapping that reuses the current data's mapped values (known-values.ts) is held
// against the slow path that transforms every cell: the same table, cell for cell, whatever the
// two files' orders, gaps, extra rows, changed cells, missing cells and the user's edits.

const HEADERS = ['Contact ID', 'Phone', 'Created', 'E-Mail'];
const map = (column: number, field: string, transforms: ColumnMapping['transforms']): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });
const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [
    map(0, 'external_id', []),
    map(1, 'phone', [{ kind: 'trim' }, { kind: 'phone', country: 'US' }]),
    map(2, 'created_at', [{ kind: 'date', order: 'auto' }]),
    map(3, 'email', [{ kind: 'lowercase-email' }]),
  ],
};
const FIELDS = ['external_id', 'email', 'phone', 'created_at'];

const PHONES = ['(415) 555-{4}', ' 212.555.{4} ', '+44 20 7946 {4}', '12', '', '555-{4} ext. 9', '+86 138 0013 {4}'];
const DATES = ['2024-0{1}-1{1}', '03/04/20{2}', '13/02/2024', 'soon', ''];

function record(rand: () => number, id: number): Cell[] {
  const digits = (k: number) => String(Math.floor(rand() * 10 ** k)).padStart(k, '0');
  const fill = (pattern: string) => pattern.replace(/\{(\d)\}/g, (_, k: string) => digits(Number(k)));
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  return [`C${id}`, fill(pick(PHONES)), fill(pick(DATES)), `User${id}@Example.COM`];
}

interface Shape {
  readonly seed: number;
  readonly rows: number;
  /** Per mille of the current rows missing from the baseline, extra in it, and with a changed cell. */
  readonly gone: number;
  readonly extra: number;
  readonly changed: number;
  /** The baseline in runs of this many rows, the runs shuffled (0: in order). */
  readonly shuffle: number;
  /** Per mille of baseline rows cut short (missing cells). */
  readonly short: number;
  readonly edits: number;
  readonly reordered: boolean;
}

function tables(shape: Shape): { current: Table; baseline: Table; baseHeaders: string[] } {
  const rand = prng(shape.seed);
  const current: Cell[][] = [];
  let id = 0;
  for (let r = 0; r < shape.rows; r++) current.push(record(rand, id++));
  let base: Cell[][] = [];
  for (const row of current) {
    const roll = rand() * 1000;
    if (roll < shape.gone) continue;
    const copy = [...row];
    if (rand() * 1000 < shape.changed) copy[1 + Math.floor(rand() * 3)] = (record(rand, id++)[1] as string) + '0';
    if (rand() * 1000 < shape.short) copy.length = 1 + Math.floor(rand() * 3);
    base.push(copy);
    if (rand() * 1000 < shape.extra) base.push(record(rand, id++));
  }
  if (shape.shuffle > 0) {
    const runs: Cell[][][] = [];
    for (let i = 0; i < base.length; i += shape.shuffle) runs.push(base.slice(i, i + shape.shuffle));
    for (let i = runs.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [runs[i], runs[j]] = [runs[j] as Cell[][], runs[i] as Cell[][]];
    }
    base = runs.flat();
  }
  // The baseline's columns in another order: the mapping finds them by header.
  const order = shape.reordered ? [3, 1, 0, 2] : [0, 1, 2, 3];
  const baseHeaders = order.map((c) => HEADERS[c] as string);
  const baseRows = base.map((row) => order.filter((c) => c < row.length).map((c) => row[c] as Cell));
  return { current: tableFromRows(HEADERS, current), baseline: tableFromRows(baseHeaders, baseRows), baseHeaders };
}

const shapes = fc.record({
  seed: fc.integer(),
  rows: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 4000, max: 14_000 })),
  gone: fc.integer({ min: 0, max: 200 }),
  extra: fc.integer({ min: 0, max: 200 }),
  changed: fc.integer({ min: 0, max: 300 }),
  shuffle: fc.constantFrom(0, 0, 1, 7, 700, 5000),
  short: fc.constantFrom(0, 0, 20),
  edits: fc.integer({ min: 0, max: 50 }),
  reordered: fc.boolean(),
});

describe('mapBaseline reusing the current data (known-values.ts)', () => {
  beforeAll(async () => {
    await prepareTransforms([{ kind: 'phone', country: 'US' }]);
  });

  it('maps every baseline exactly as transforming every cell does', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const { current, baseline } = tables(shape);
        const built = await buildMappedColumns(current, PLAN, undefined, () => {});
        // The user's edits to the current data are not what the transforms make: never reused.
        const rand = prng(shape.seed ^ 0x5bd1e995);
        for (let i = 0; i < shape.edits && current.rowCount > 0; i++) {
          built.values[Math.floor(rand() * built.values.length)]?.set(Math.floor(rand() * current.rowCount), `edited ${i}`);
        }
        const slow = await mapBaseline(baseline, PLAN, HEADERS, FIELDS);
        const fast = await mapBaseline(baseline, PLAN, HEADERS, FIELDS, undefined, () => {}, { source: current, built });
        expect(fast.mapping).toBe(slow.mapping);
        expect(fast.table.columns).toEqual(slow.table.columns);
        expect(tableToRows(fast.table)).toEqual(tableToRows(slow.table));
      }),
      propertyConfig({ numRuns: 20 }),
    );
  }, 120_000);

  it('finds nearly every cell of a baseline in the same order with records added and removed', async () => {
    const { current, baseline } = tables({ seed: 7, rows: 12_000, gone: 5, extra: 5, changed: 10, shuffle: 0, short: 0, edits: 0, reordered: false });
    const built = await buildMappedColumns(current, PLAN, undefined, () => {});
    const phone = built.fields.find((f) => f.def.key === 'phone') as MappedField;
    const at = built.fields.indexOf(phone);
    // An edit in the current data: the found value is still the transform's.
    built.values[at]?.set(0, 'edited');
    const known = knownValuesFor({ source: current, built }, phone) as KnownValues;
    expect(known).toBeInstanceOf(KnownValues);
    const transforms = (phone.sources[0] as ColumnMapping).transforms;
    const wrong: number[] = [];
    for (let r = 0; r < baseline.rowCount; r++) {
      const raw = baseline.cell(r, 1);
      const value = known.find(r, raw);
      if (value !== undefined && value !== applyTransforms(raw, transforms, { row: [] }).value) wrong.push(r);
    }
    expect(wrong).toEqual([]);
    // Changed cells (1%) and added records (0.5%) are not in the current data; the rest are found.
    expect(known.found).toBeGreaterThan(baseline.rowCount * 0.97);
  });

  it('pauses its look-ups when the baseline is in another order, and stays exact', async () => {
    const { current, baseline } = tables({ seed: 9, rows: 12_000, gone: 0, extra: 0, changed: 0, shuffle: 1, short: 0, edits: 0, reordered: false });
    const built = await buildMappedColumns(current, PLAN, undefined, () => {});
    const phone = built.fields.find((f) => f.def.key === 'phone') as MappedField;
    const known = knownValuesFor({ source: current, built }, phone) as KnownValues;
    const transforms = (phone.sources[0] as ColumnMapping).transforms;
    const wrong: number[] = [];
    for (let r = 0; r < baseline.rowCount; r++) {
      const raw = baseline.cell(r, 1);
      const value = known.find(r, raw);
      if (value !== undefined && value !== applyTransforms(raw, transforms, { row: [] }).value) wrong.push(r);
    }
    expect(wrong).toEqual([]);
    // Records shuffled one by one: only repeated phones ('12', '') and chance neighbours match,
    // and most blocks are not looked up at all after one that found little.
    expect(known.found).toBeLessThan(baseline.rowCount / 2);
  });

  it('reuses only a field built the same way, from one column, with a costly transform', async () => {
    const current = tableFromRows(HEADERS, [['C1', '(415) 555-2671', '2024-01-02', 'A@B.IO']]);
    const built = await buildMappedColumns(current, PLAN, undefined, () => {});
    const field = (key: string) => built.fields.find((f) => f.def.key === key) as MappedField;
    const source = (key: string) => field(key).sources[0] as ColumnMapping;
    const cur = { source: current, built };
    expect(knownValuesFor(cur, field('phone'))).toBeInstanceOf(KnownValues);
    expect(knownValuesFor(cur, field('created_at'))).toBeInstanceOf(KnownValues);
    // Cheap transforms (lower-case) and none at all: transforming costs less than looking up.
    expect(knownValuesFor(cur, field('email'))).toBeUndefined();
    expect(knownValuesFor(cur, field('external_id'))).toBeUndefined();
    // Other transforms than the current data's: its values are not the answer.
    const other = { ...field('phone'), sources: [{ ...source('phone'), transforms: [{ kind: 'phone', country: 'GB' } as const] }] };
    expect(knownValuesFor(cur, other)).toBeUndefined();
    const joined = { ...field('phone'), sources: [{ ...source('phone'), transforms: [...source('phone').transforms, { kind: 'join', columns: [1, 2], separator: ' ' } as const] }] };
    expect(knownValuesFor(cur, joined)).toBeUndefined();
    const merged = { ...field('phone'), sources: [source('phone'), source('created_at')] };
    expect(knownValuesFor(cur, merged)).toBeUndefined();
  });
});
