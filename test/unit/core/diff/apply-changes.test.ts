import { IMPORT_MODES } from '../../../../src/core/diff/import-mode';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { CELL_ASIDE, tableFromRows, tableToRows, type Table } from '../../../../src/core/model/table';
import { applyChanges, mergedView } from '../../../../src/core/diff/apply-changes';
import { acceptAll, type Decisions } from '../../../../src/core/diff/decisions';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffOptions } from '../../../../src/core/diff/diff-types';
import { asideSome } from '../../../support/layout-tables';
import { propertyConfig } from '../../../support/seeded';

const KEY = { columns: ['id'], trim: true, caseInsensitive: false };
const COLUMNS = ['id', 'a', 'b'];
type Rec = [Cell, Cell];

const value = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constantFrom('Café', 'Cafe\u0301', 'a,b', '"q"', 'x\ny', 'x\r\ny', '  Ada ', 'ADA', 'ada', '=1+2'),
  fc.string({ maxLength: 4 }),
);
const record = fc.tuple(value, value);

/** A baseline, and new data made from it by random edits: deletes, field edits, NFD spellings, inserts, shuffles, reordered columns. */
const scenario = fc
  .uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 14 })
  .chain((ids) =>
    fc.record({
      base: fc.tuple(...ids.map((id) => fc.tuple(fc.constant(String(id)), record))),
      edits: fc.array(fc.constantFrom('keep', 'delete', 'edit-a', 'edit-b', 'nfd', 'respell'), {
        minLength: ids.length,
        maxLength: ids.length,
      }),
      newValues: fc.array(record, { minLength: ids.length, maxLength: ids.length }),
      inserts: fc.uniqueArray(fc.integer({ min: 41, max: 60 }), { maxLength: 5 }).chain((ins) =>
        fc.tuple(...ins.map((id) => fc.tuple(fc.constant(String(id)), record))),
      ),
      order: fc.array(fc.double({ noNaN: true }), { minLength: 20, maxLength: 20 }),
      reverseColumns: fc.boolean(),
      quietClass: fc.boolean(),
      rejectSome: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
    }),
  );

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { base: Table; next: Table } {
  const nextRecs: [string, Rec][] = [];
  s.base.forEach(([id, rec], i) => {
    const edit = s.edits[i];
    const fresh = s.newValues[i] as Rec;
    if (edit === 'delete') return;
    if (edit === 'edit-a') nextRecs.push([id, [fresh[0], rec[1]]]);
    else if (edit === 'edit-b') nextRecs.push([id, [rec[0], fresh[1]]]);
    else if (edit === 'nfd') nextRecs.push([id, rec.map((v) => v?.normalize('NFD') ?? null) as Rec]);
    else if (edit === 'respell') nextRecs.push([id, rec.map((v) => v?.normalize('NFC') ?? null) as Rec]);
    else nextRecs.push([id, rec]);
  });
  nextRecs.push(...s.inserts);
  const rank = (i: number): number => s.order[i % s.order.length] as number;
  const shuffled = nextRecs.map((r, i) => ({ r, k: rank(i), i })).sort((x, y) => x.k - y.k || x.i - y.i).map((x) => x.r);
  const rows = (recs: [string, Rec][]): Cell[][] => recs.map(([id, [a, b]]) => [id, a, b]);
  const base = tableFromRows(COLUMNS, rows(s.base));
  const nextColumns = s.reverseColumns ? COLUMNS.toReversed() : COLUMNS;
  const nextRows = rows(shuffled).map((r) => (s.reverseColumns ? r.toReversed() : r));
  return { base, next: tableFromRows(nextColumns, nextRows) };
}

/** A table as key → NFC values on COLUMNS: a keyed set of records. */
function keyed(t: Table): Map<string, Cell[]> {
  const idx = COLUMNS.map((c) => t.columns.indexOf(c));
  const out = new Map<string, Cell[]>();
  for (let r = 0; r < t.rowCount; r++) {
    const cells = idx.map((c) => (c < 0 ? null : t.cell(r, c)));
    out.set(cells[0] as string, cells.map((v) => v?.normalize('NFC') ?? null));
  }
  return out;
}

const opts = (s: Scenario, o: Partial<DiffOptions>): DiffOptions => ({
  key: KEY,
  mode: 'mirror',
  rules: { default: 'always', fields: [] },
  quietClass: s.quietClass,
  ...o,
});

describe('applyChanges (properties over random datasets and edits)', () => {
  it('mirror + clear, all accepted: the merged dataset is the new data', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { base, next } = build(s);
        const d = await diffTables(base, next, opts(s, {}));
        expect(keyed(applyChanges(base, next, d, acceptAll()))).toEqual(keyed(next));
      }),
      propertyConfig(),
    );
  });

  it('upsert + clear, all accepted: the new data plus the baseline records it lacks', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { base, next } = build(s);
        const d = await diffTables(base, next, opts(s, { mode: 'add-update' }));
        const expected = keyed(next);
        for (const [k, v] of keyed(base)) if (!expected.has(k)) expected.set(k, v);
        expect(keyed(applyChanges(base, next, d, acceptAll()))).toEqual(expected);
      }),
      propertyConfig(),
    );
  });

  it('no-information, all accepted: the new data with its empty cells filled from the baseline', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { base, next } = build(s);
        const d = await diffTables(base, next, opts(s, { rules: { default: 'if-not-empty', fields: [] } }));
        const before = keyed(base);
        const expected = new Map(
          [...keyed(next)].map(([k, v]) => [k, v.map((x, i) => (x === null || x === '') && before.has(k) ? (before.get(k)?.[i] ?? null) : x)]),
        );
        expect(keyed(applyChanges(base, next, d, acceptAll()))).toEqual(expected);
      }),
      propertyConfig(),
    );
  });

  it('all rejected, any import mode: the merged dataset is the baseline, row for row', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.constantFrom(...IMPORT_MODES), async (s, mode) => {
        const { base, next } = build(s);
        const d = await diffTables(base, next, opts(s, { mode }));
        const none: Decisions = { rejectedChanges: new Set(d.keys), rejectedFields: new Map() };
        expect(tableToRows(applyChanges(base, next, d, none))).toEqual(tableToRows(base));
        const fieldsOnly: Decisions = {
          rejectedChanges: new Set(),
          rejectedFields: new Map([...d.keys].map((k) => [k, new Set(COLUMNS)])),
        };
        // Rejecting every field keeps each matched record as it was (removals are whole-record changes).
        const merged = keyed(applyChanges(base, next, d, fieldsOnly));
        const inNext = keyed(next);
        const kept = [...keyed(base)].filter(([k]) => inNext.has(k));
        expect(kept.map(([k]) => merged.get(k))).toEqual(kept.map(([, v]) => v));
      }),
      propertyConfig(),
    );
  });

  it('some rejected: each record is the new one if accepted, the baseline one if not', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { base, next } = build(s);
        const d = await diffTables(base, next, opts(s, {}));
        const rejected = new Set([...d.keys].filter((_, i) => s.rejectSome[i % 60]));
        const merged = keyed(applyChanges(base, next, d, { rejectedChanges: rejected, rejectedFields: new Map() }));
        const before = keyed(base);
        const after = keyed(next);
        for (const k of new Set([...before.keys(), ...after.keys()])) {
          expect(merged.get(k)).toEqual(rejected.has(k) ? before.get(k) : after.get(k));
        }
      }),
      propertyConfig(),
    );
  });

  it('refuses to apply while key conflicts are unresolved', async () => {
    const base = tableFromRows(COLUMNS, [['1', 'a', 'b'], ['1', 'c', 'd']]);
    const d = await diffTables(base, base, { key: KEY, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false });
    expect(() => applyChanges(base, base, d, acceptAll())).toThrow(/key-conflicts/);
  });

  it('rejecting one field keeps its base value and applies the others', async () => {
    const base = tableFromRows(COLUMNS, [['1', 'a', 'b']]);
    const next = tableFromRows(COLUMNS, [['1', 'A2', 'B2']]);
    const d = await diffTables(base, next, { key: KEY, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false });
    const merged = applyChanges(base, next, d, { rejectedChanges: new Set(), rejectedFields: new Map([['1', new Set(['a'])]]) });
    expect(tableToRows(merged)).toEqual([['1', 'a', 'B2']]);
  });

  it('the merged view reads a run of a column as the baseline’s spans exactly where its cells are those', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(scenario, fc.constantFrom(...IMPORT_MODES), fc.boolean(), async (s, mode, extra) => {
        const built = build(s);
        // A compared column only the new data has: the merged rows of the baseline read it as missing.
        const next = extra
          ? tableFromRows([...built.next.columns, 'c'], tableToRows(built.next).map((r, i) => [...r, i % 2 === 0 ? `c${i}` : null]))
          : built.next;
        const compareColumns = extra ? [...COLUMNS, 'c'] : COLUMNS;
        const d = await diffTables(built.base, next, opts(s, { mode, compareColumns }));
        const decisions: Decisions = {
          rejectedChanges: new Set([...d.keys].filter((_, i) => s.rejectSome[i % 60] && i % 3 === 0)),
          rejectedFields: new Map([...d.keys].filter((_, i) => s.rejectSome[(i + 7) % 60]).map((k) => [k, new Set(['a'])])),
        };
        const { table } = mergedView(built.base, next, d, decisions);
        const n = table.rowCount;
        const starts = new Int32Array(n + 1);
        const ends = new Int32Array(n + 1);
        for (let c = 0; c < table.columns.length; c++) {
          for (let from = 0; from <= n; from++) {
            for (let to = from; to <= n; to++) {
              const text = table.columnSpans?.(c, from, to, starts, ends) ?? null;
              if (text === null) continue;
              runs++;
              const cells = Array.from({ length: to - from }, (_, i) => ((starts[i] as number) < 0 ? null : text.slice(starts[i], ends[i])));
              expect(cells).toEqual(Array.from({ length: to - from }, (_, i) => table.cell(from + i, c)));
            }
          }
        }
      }),
      propertyConfig({ numRuns: 60 }),
    );
    // The fast path ran: a view that always answered null would pass the loop above.
    expect(runs).toBeGreaterThan(0);
  });
  it('the merged view reads a run with its few other cells aside: its edited cells and those the baseline held aside', async () => {
    const seen = { runs: 0, edited: 0, baseAside: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, fc.constantFrom(...IMPORT_MODES), async (s, mode) => {
        const built = build(s);
        // A baseline whose odd columns hand out runs only with a cell in three aside, as a mapped
        // baseline whose transforms changed a few cells of a chunk does.
        const base = asideSome(built.base).table;
        const d = await diffTables(base, built.next, opts(s, { mode }));
        const decisions: Decisions = {
          rejectedChanges: new Set([...d.keys].filter((_, i) => s.rejectSome[i % 60] && i % 3 === 0)),
          rejectedFields: new Map([...d.keys].filter((_, i) => s.rejectSome[(i + 7) % 60]).map((k) => [k, new Set(['a'])])),
        };
        const { table, sameAsBase } = mergedView(base, built.next, d, decisions);
        expect(table.columnSpansAside).toBeTypeOf('function');
        const n = table.rowCount;
        const starts = new Int32Array(n + 1);
        const ends = new Int32Array(n + 1);
        const span = new Int32Array(2);
        for (let c = 0; c < table.columns.length; c++) {
          for (let from = 0; from < n; from++) {
            for (let to = from + 1; to <= n; to++) {
              const text = table.columnSpansAside?.(c, from, to, starts, ends) ?? null;
              if (text === null) continue;
              seen.runs++;
              // Each cell as the run hands it out (an aside one through cellSpan), and where it was
              // put aside: only in an edited record, or where the baseline held it aside.
              const got: Cell[] = [];
              let misplaced = 0;
              for (let i = 0; i < to - from; i++) {
                const row = from + i;
                const start = starts[i] as number;
                if (start !== CELL_ASIDE) {
                  got.push(start < 0 ? null : text.slice(start, ends[i]));
                  continue;
                }
                const b = sameAsBase[row] as number;
                if (b < 0) seen.edited++;
                else if ((b + c) % 3 === 0) seen.baseAside++;
                else misplaced++;
                const held = table.cellSpan?.(row, c, span) ?? null;
                got.push(held === null ? null : held.slice(span[0], span[1]));
              }
              expect(got).toEqual(Array.from({ length: to - from }, (_, i) => table.cell(from + i, c)));
              expect(misplaced).toBe(0);
            }
          }
        }
      }),
      propertyConfig({ numRuns: 60 }),
    );
    // Every kind of run was met: a view that never answered, or marked nothing aside, passes the loop.
    expect(seen.runs).toBeGreaterThan(0);
    expect(seen.edited).toBeGreaterThan(0);
    expect(seen.baseAside).toBeGreaterThan(0);
  });
});
