import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordBytes, RecordReader } from '../../../../src/core/diff/record-bytes';
import { RunSpans } from '../../../../src/core/diff/record-spans';
import { compareRun } from '../../../../src/core/diff/run-compare';
import { MappedColumnBuilder, type MappedColumn } from '../../../../src/core/engine/mapped-column';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { mappedTable } from '../../../../src/core/engine/mapped-table';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { propertyConfig } from '../../../support/seeded';
import { tableInLayout } from '../../../support/layout-tables';

// Runs whose cells are mostly in one string and a few aside (Table.columnSpansAside): a CSV
// block's cells past Latin-1 (moved to the block's extra text), a mapped column whose transforms
// changed a few cells of a chunk (sparse), edited cells. Held to the plain cells, not to another
// path through RunSpans: every cell a run hands out is the table's cell; compareRun (ranges) and
// records written as bytes flag exactly the pairs whose cells differ as strings.

const POOL: readonly Cell[] = [null, '', 'a', 'ab', 'abc', 'é', 'Zoë', '王芳', '李', '😀', '\ud83d', 'x,y', 'say "hi"'];
const value = fc.constantFrom(...POOL);
/** What a "transform" makes of a cell: another length, sometimes another string holder. */
const transformed = (v: Cell): Cell => (v === null ? 'none' : `<${v}>`);

/**
 * The table as a mapped baseline or current data holds it: a column per field built over the
 * CSV table, `changed` rows of each column given a value of their own (a sparse chunk when few,
 * every cell held when many), `edits` set afterwards.
 */
function mappedOver(
  source: Table,
  changed: ReadonlySet<number>,
  edits: readonly (readonly [number, number, Cell])[],
): { table: Table; cells: Cell[][] } {
  const n = source.rowCount;
  const cols: MappedColumn[] = source.columns.map((_, c) => {
    const b = new MappedColumnBuilder(source, c);
    for (let r = 0; r < n; r++) {
      if (changed.has(r * 7 + c)) b.push(transformed(source.cell(r, c)), false);
      else b.pushSame();
    }
    return b.finish();
  });
  for (const [r, c, v] of edits) cols[c % cols.length]?.set(r % n, v);
  const at = (c: number): MappedColumn => cols[c] as MappedColumn;
  const table: Table = {
    columns: source.columns,
    rowCount: n,
    cell: (r, c) => at(c).get(r),
    row: (r) => cols.map((col) => col.get(r)),
    sourceRow: (r) => r + 2,
    cellSpan: (r, c, span) => at(c).span(r, span),
    columnSpans: (c, from, to, starts, ends) => at(c).spans(from, to, starts, ends),
    columnSpansAside: (c, from, to, starts, ends) => at(c).spansAside(from, to, starts, ends),
  };
  const cells = Array.from({ length: n }, (_, r) => cols.map((col) => col.get(r)));
  return { table, cells };
}

/** The cell a run hands out for field `f` of its row `i`: its span of the string holding it. */
function cellOf(run: RunSpans, f: number, i: number): Cell {
  const s = (run.starts[f] as Int32Array)[i] as number;
  if (s < 0) return null;
  return run.textOf(f, i).slice(s, (run.ends[f] as Int32Array)[i] as number);
}

const sameCells = (x: readonly Cell[], y: readonly Cell[]): boolean => x.every((v, f) => v === y[f]);

/** A side: the CSV table itself, or a mapped table over it. */
async function side(
  mapped: boolean,
  rows: readonly Cell[][],
  changed: ReadonlySet<number>,
  edits: readonly (readonly [number, number, Cell])[],
): Promise<{ table: Table; cells: Cell[][] }> {
  const csv = await tableInLayout('csv', ['a', 'b', 'c'], rows.map((r) => [...r]));
  if (!mapped) return { table: csv, cells: rows.map((_, r) => csv.columns.map((_c, c) => csv.cell(r, c))) };
  return mappedOver(csv, changed, edits);
}

function map(column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping {
  return { column, field, transforms, origin: 'unmapped' };
}

const STAGES: readonly Cell[] = ['lead', 'Lead', 'customer', 'CUSTOMER', 'nope', '', null, 'opportunity', 'Opportunity', 'le'];

const editArb = fc.array(fc.tuple(fc.nat(), fc.nat(), value), { maxLength: 6 });
const changedArb = fc.array(fc.nat({ max: 7 * 400 }), { maxLength: 60 });

describe('runs with cells aside', () => {
  it('hand out exactly the table\'s cells, and compareRun and records written as bytes flag exactly the pairs whose cells differ (property)', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 9, max: 300 }),
        fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 11 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), value), { maxLength: 10 }),
        fc.boolean(),
        fc.boolean(),
        changedArb,
        changedArb,
        editArb,
        editArb,
        async (n, pool, rowEdits, baseMapped, nextMapped, baseChanged, nextChanged, baseEdits, nextEdits) => {
          // Rows from a repeating pool, so most pairs are equal and runs long.
          const rows = Array.from({ length: n }, (_, r): Cell[] => [...(pool[r % pool.length] as Cell[])]);
          const edited = rows.map((r) => [...r]);
          for (const [at, c, v] of rowEdits) (edited[at % n] as Cell[])[c] = v;
          // The same transformed cells on both sides, mostly: a baseline mapped like the data.
          const base = await side(baseMapped, rows, new Set(baseChanged), baseEdits);
          const next = await side(nextMapped, edited, new Set([...baseChanged, ...nextChanged.slice(0, 3)]), nextEdits);
          const a = new RunSpans(next.table, [0, 1, 2]);
          const b = new RunSpans(base.table, [2, 0, 1]);
          a.load(0, n);
          b.load(0, n);
          const order = [2, 0, 1];
          for (let i = 0; i < n; i++) {
            expect([0, 1, 2].map((f) => cellOf(a, f, i))).toEqual(next.cells[i]);
            expect([0, 1, 2].map((f) => cellOf(b, f, i))).toEqual(order.map((c) => (base.cells[i] as Cell[])[c] ?? null));
          }
          // Side b's fields in another order: compare a's fields in that order too.
          const a2 = new RunSpans(next.table, order);
          a2.load(0, n);
          const expected = Array.from({ length: n }, (_, i) => (sameCells(next.cells[i] as Cell[], base.cells[i] as Cell[]) ? 0 : 1));
          const differs = new Uint8Array(n);
          compareRun(a2, 0, b, 0, n, differs);
          expect(Array.from(differs)).toEqual(expected);

          // Records written as bytes: the new data written, the baseline compared in place.
          const written = new RecordReader(3);
          written.prepare(a2);
          const list = new RecordBytes(8);
          for (let r = 0; r < n; r++) written.append(r, list, r, r);
          const reader = new RecordReader(3);
          reader.prepare(b);
          expect(Array.from({ length: n }, (_, s) => (reader.sameAs(s, list, s) ? 0 : 1))).toEqual(expected);
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('reads a CSV block with a name past Latin-1 as one run with that cell aside, not cell by cell', async () => {
    const rows: Cell[][] = Array.from({ length: 50 }, (_, r) => [`id${r}`, r === 7 ? '王芳' : `name ${r}`, 'x']);
    const t = await tableInLayout('csv', ['a', 'b', 'c'], rows);
    const run = new RunSpans(t, [0, 1, 2]);
    run.load(0, 50);
    expect(run.texts[1]).not.toBeNull();
    expect(run.aside[1]).toBe(1);
    expect(run.isAside(1, 7)).toBe(true);
    expect(run.isAside(1, 6)).toBe(false);
    expect(cellOf(run, 1, 7)).toBe('王芳');
    expect(cellOf(run, 1, 8)).toBe('name 8');
  });

  it('hand out exactly the mapped data\'s output cells: a picklist (its option values in the run, other spellings aside), transforms, edits, deleted rows (property)', async () => {
    expect.hasAssertions();
    const plan: MappingPlan = {
      object: CONTACT_OBJECT,
      defaultCountry: 'US',
      columns: [
        map(0, 'external_id'),
        map(1, 'lifecycle_stage'),
        map(2, 'first_name', [{ kind: 'trim' }, { kind: 'case', to: 'title' }]),
      ],
    };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.nat(4_999), { maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(4_999), fc.constantFrom('first_name', 'lifecycle_stage'), value), { maxLength: 8 }),
        fc.constantFrom<'skip' | 'include'>('skip', 'include'),
        async (n, salt, deleted, edits, policy) => {
          const source = tableFromRows(
            ['ID', 'Stage', 'First'],
            Array.from({ length: n }, (_, r) => [
              String(r),
              STAGES[((r * 31 + salt) >> 3) % STAGES.length] ?? null,
              (r + salt) % 97 === 0 ? ' zoë ' : (r + salt) % 5 === 0 ? null : 'Ada',
            ]),
          );
          const ws = await MappedWorkspace.create(source, plan, undefined, () => {});
          if (deleted.length > 0) await ws.apply({ kind: 'delete-rows', rows: [...new Set(deleted.map((d) => d % n))] });
          for (const [r, field, v] of edits) await ws.apply({ kind: 'set', row: r % n, field, value: v });
          const t = mappedTable(ws, policy).table;
          const run = new RunSpans(t, [0, 1, 2]);
          for (let from = 0; from < t.rowCount; from += 4096) {
            const to = Math.min(t.rowCount, from + 4096);
            run.load(from, to);
            for (let i = 0; i < to - from; i++)
              expect([0, 1, 2].map((f) => cellOf(run, f, i))).toEqual([0, 1, 2].map((c) => t.cell(from + i, c)));
          }
        },
      ),
      propertyConfig({ numRuns: 40 }),
    );
  });

  it('reads a picklist of the mapped data as one run, its cells spelled otherwise aside', async () => {
    const plan: MappingPlan = { object: CONTACT_OBJECT, defaultCountry: 'US', columns: [map(0, 'external_id'), map(1, 'lifecycle_stage')] };
    const source = tableFromRows(['ID', 'Stage'], Array.from({ length: 100 }, (_, r) => [String(r), r === 5 ? 'Lead' : 'lead']));
    const ws = await MappedWorkspace.create(source, plan, undefined, () => {});
    const t = mappedTable(ws, 'include').table;
    const run = new RunSpans(t, [0, 1]);
    run.load(0, 100);
    expect(run.texts[1]).not.toBeNull();
    expect(run.isAside(1, 5)).toBe(true);
    expect(run.isAside(1, 4)).toBe(false);
    expect([cellOf(run, 1, 4), cellOf(run, 1, 5)]).toEqual(['lead', 'lead']);
  });
});
