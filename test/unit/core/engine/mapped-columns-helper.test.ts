import * as fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transferablesOf, type FieldJob, type FieldJobResult } from '../../../../src/core/engine/field-job';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import { buildMappedColumns, runFieldJob, setFieldHelper, type BuiltColumns, type FieldHelper, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsvBytes } from '../../../../src/core/read/csv-read';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import type { FieldDef } from '../../../../src/core/schema/schema-types';
import { prepareTransforms } from '../../../../src/core/transform/apply-transforms';
import type { Transform } from '../../../../src/core/transform/transform-types';
import { commaDialect } from '../../../support/layout-tables';
import { propertyConfig, seededRandom } from '../../../support/seeded';

/**
 * The costly fields (phones, dates) of a large file are mapped by a helper worker beside the
 * engine (mapped-columns.ts, `FieldHelper`; field-job.ts). Held here to the same mapping done
 * in one thread: every value, every note in the same order, the phone checks and the chunks
 * held, with the job and its answer crossing a structured clone that moves their buffers as
 * `postMessage` does; a helper that fails, and a cancel while it works.
 */

const dialect = commaDialect('\n');
const def = (key: string, type: FieldDef['type']): FieldDef => ({ key, label: { en: key, 'zh-CN': key }, type, synonyms: [] });
const FIELDS: readonly FieldDef[] = [def('external_id', 'id'), def('phone', 'phone'), def('first_name', 'text'), def('birthday', 'date'), def('stage', 'text'), def('mobile', 'phone')];
const OBJECT = { ...CONTACT_OBJECT, fields: FIELDS };
const HEADERS = FIELDS.map((f) => f.key);
const CHAINS: readonly (readonly Transform[])[] = [
  [{ kind: 'trim' }],
  [{ kind: 'phone', country: 'US' }],
  [{ kind: 'case', to: 'title' }],
  [{ kind: 'trim' }, { kind: 'date', order: 'auto' }],
  // Mapped here, with notes between those of fields mapped in the helper (a row's notes keep field order).
  [{ kind: 'value-map', map: { Lead: 'lead' } }, { kind: 'number', decimal: '.' }],
  [{ kind: 'trim' }, { kind: 'phone', country: 'GB' }],
];

const random = seededRandom;

/** Rows with phones and dates in many shapes: valid, changed, unreadable (a note), missing, CJK. */
function makeRows(seed: number, rows: number, missing: boolean): Cell[][] {
  const rand = random(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const out: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    const n = Math.floor(rand() * 9000) + 1000;
    // Every other chunk of 4,096 rows keeps nearly every cell as it is (chunks held sparse, or
    // not at all, which read the source column).
    if ((r >> 12) % 2 === 1 && rand() < 0.97) {
      out.push([`C-${n}`, `+1415555${n}`, 'Ada', `2024-02-${10 + (n % 18)}`, 'lead', `+447700900${n % 1000}`.padEnd(13, '1')]);
      continue;
    }
    const row: Cell[] = [
      pick([`C-${n}`, ` C-${n}`]),
      pick([`(415) 555-${n}`, `+1415555${n}`, `+44 20 7946 ${n}`, '12', 'x', '', `415.555.${n} ext. 7`, '电话']),
      pick(['ada', 'zoë', '张伟', 'o"k']),
      pick([`2024-02-${10 + (n % 18)}`, `03/04/20${10 + (n % 20)}`, `13/02/2024`, 'soon', '', ` 2023-12-01 `]),
      pick(['Lead', 'lead', 'customer']),
      pick([`07700 900${n % 1000}`.padEnd(11, '1'), `+447700900${n % 1000}`, 'nope', '']),
    ];
    if (missing && rand() < 0.05) row[1 + Math.floor(rand() * 5)] = null;
    out.push(row);
  }
  return out;
}

const csvField = (v: Cell): string => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function csvOf(rows: readonly (readonly Cell[])[]): Uint8Array {
  return new TextEncoder().encode([HEADERS.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n');
}

const PLAN: MappingPlan = {
  object: OBJECT,
  columns: FIELDS.map((f, i): ColumnMapping => ({ column: i, field: f.key, transforms: CHAINS[i] as Transform[], origin: 'unmapped' })),
  defaultCountry: 'US',
} as MappingPlan;

/** A helper in this thread: the job and the answer cloned with their buffers moved, as `postMessage` does. */
function inThread(jobs: FieldJob[] = [], hook?: (done: number) => void): FieldHelper {
  return {
    minRows: 1,
    async build(job, signal, onProgress) {
      const moved = structuredClone(job, { transfer: transferablesOf(job) });
      jobs.push(moved);
      const result = await runFieldJob(moved, signal, (done) => {
        hook?.(done);
        onProgress(done);
      });
      return structuredClone(result, { transfer: transferablesOf(result) });
    },
  };
}

function expectSame(got: BuiltColumns, want: BuiltColumns, table: Table): void {
  expect(got.fields.map((f) => f.def.key)).toEqual(want.fields.map((f) => f.def.key));
  const wrong: unknown[] = [];
  got.values.forEach((column, i) => {
    for (let r = 0; r < table.rowCount; r++) {
      if (column.get(r) !== want.values[i]?.get(r)) wrong.push({ field: got.fields[i]?.def.key, row: r, got: column.get(r), want: want.values[i]?.get(r) });
    }
    expect(column.stats()).toEqual(want.values[i]?.stats());
  });
  expect(wrong.slice(0, 5)).toEqual([]);
  // The same notes in the same order, row by row and within a row.
  expect([...got.notes]).toEqual([...want.notes]);
  expect(got.phoneChecks?.map((c) => (c === undefined ? undefined : [...c]))).toEqual(want.phoneChecks?.map((c) => (c === undefined ? undefined : [...c])));
}

/** A helper that fails every job it is given, after calling `onAsk`. */
function failing(onAsk: () => void): FieldHelper {
  return {
    minRows: 1,
    build: async () => {
      onAsk();
      throw new Error('helper gone');
    },
  };
}

async function local(table: Table): Promise<BuiltColumns> {
  setFieldHelper(undefined);
  return buildMappedColumns(table, PLAN, undefined, () => {}, undefined, true);
}

beforeAll(async () => {
  await prepareTransforms([{ kind: 'phone', country: 'US' }]);
});
afterEach(() => setFieldHelper(undefined));

describe('costly fields mapped by a helper beside the engine', () => {
  it('gives every value, note, phone check and chunk the one-thread mapping gives (CSV blocks, property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.integer({ min: 1, max: 13000 }), async (seed, rows) => {
        const { table } = await readCsvBytes(csvOf(makeRows(seed, rows, false)), 'utf-8', dialect);
        const want = await local(table);
        const jobs: FieldJob[] = [];
        setFieldHelper(inThread(jobs));
        const progress: number[] = [];
        const got = await buildMappedColumns(table, PLAN, undefined, (done, total) => progress.push(done / total), undefined, true);
        // The phone and date fields went to the helper, the others stayed.
        expect(jobs.map((j) => j.fields.map((f) => f.def.key))).toEqual([['phone', 'birthday', 'mobile']]);
        expectSame(got, want, table);
        expect(progress.at(-1)).toBe(1);
        for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1] as number);
      }),
      propertyConfig({ numRuns: 6 }),
    );
  }, 120_000);

  it('does the same over a table appended row by row, with missing cells', async () => {
    const table = tableFromRows(HEADERS, makeRows(7, 9000, true));
    const want = await local(table);
    const jobs: FieldJob[] = [];
    setFieldHelper(inThread(jobs));
    expectSame(await buildMappedColumns(table, PLAN, undefined, () => {}, undefined, true), want, table);
    expect(jobs).toHaveLength(1);
  });

  it('maps the fields here when the helper fails, with the same result', async () => {
    const { table } = await readCsvBytes(csvOf(makeRows(11, 6000, false)), 'utf-8', dialect);
    const want = await local(table);
    let asked = 0;
    setFieldHelper(failing(() => asked++));
    expectSame(await buildMappedColumns(table, PLAN, undefined, () => {}, undefined, true), want, table);
    expect(asked).toBe(1);
  });

  it('keeps small files and joins in one thread, and lets a warmed helper go when it gets nothing', async () => {
    const { table } = await readCsvBytes(csvOf(makeRows(3, 300, false)), 'utf-8', dialect);
    const jobs: FieldJob[] = [];
    let released = 0;
    const counting = (minRows: number): FieldHelper => ({ ...inThread(jobs), minRows, release: () => void released++ });
    setFieldHelper(counting(301));
    await buildMappedColumns(table, PLAN, undefined, () => {}, undefined, true);
    setFieldHelper(counting(1));
    const join: MappingPlan = { ...PLAN, columns: [...PLAN.columns.slice(0, 5), { column: 5, field: 'mobile', transforms: [{ kind: 'join', columns: [1, 5], separator: ' ' }], origin: 'unmapped' }] };
    await buildMappedColumns(table, join, undefined, () => {}, undefined, true);
    expect(jobs).toEqual([]);
    expect(released).toBe(2);
    // A job to do: nothing let go.
    await buildMappedColumns(table, PLAN, undefined, () => {}, undefined, true);
    expect(jobs).toHaveLength(1);
    expect(released).toBe(2);
  });

  it('stops the helper’s job on cancel and rejects as aborted', async () => {
    const { table } = await readCsvBytes(csvOf(makeRows(5, 9000, false)), 'utf-8', dialect);
    const controller = new AbortController();
    let helperSignal: AbortSignal | undefined;
    setFieldHelper({
      minRows: 1,
      build: (job, signal, onProgress) => {
        helperSignal = signal;
        return inThread([], () => controller.abort()).build(job, signal, onProgress) as Promise<FieldJobResult>;
      },
    });
    await expect(buildMappedColumns(table, PLAN, controller.signal, () => {}, undefined, true)).rejects.toThrow(/cancelled/i);
    expect(helperSignal?.aborted).toBe(true);
  });

  it('validates the other fields while the helper maps, with the same problems and counts', async () => {
    // Unique fields too, so the uniqueness indexes of fields checked early and late are compared.
    const unique = { ...PLAN, object: { ...OBJECT, fields: FIELDS.map((f) => (['external_id', 'phone', 'stage'].includes(f.key) ? { ...f, unique: true } : f)) } };
    const { table } = await readCsvBytes(csvOf(makeRows(13, 12000, false)), 'utf-8', dialect);
    setFieldHelper(undefined);
    const want = await MappedWorkspace.create(table, unique, undefined, () => {});
    const jobs: FieldJob[] = [];
    setFieldHelper(inThread(jobs));
    const phases: string[] = [];
    const validating: number[] = [];
    const got = await MappedWorkspace.create(table, unique, undefined, (p) => {
      phases.push(p.phase);
      if (p.phase === 'validate') validating.push(p.done / p.total);
    });
    // Validation's progress counts the helper's share too: it only goes forward, and ends whole.
    for (let i = 1; i < validating.length; i++) expect(validating[i]).toBeGreaterThanOrEqual(validating[i - 1] as number);
    expect(validating.at(-1)).toBe(1);
    expect(jobs).toHaveLength(1);
    expect(got.result.byField).toEqual(want.result.byField);
    expect([...got.result.rows]).toEqual([...want.result.rows]);
    expect([...got.result.uniqueness.keys()]).toEqual([...want.result.uniqueness.keys()]);
    expect(want.result.totals.errors).toBeGreaterThan(0);
    // Mapping's progress ends before validation's begins: no phase goes back.
    expect(phases.indexOf('validate')).toBeGreaterThan(phases.lastIndexOf('map'));
    expect(got.summary()).toEqual(want.summary());
  });

  it('reads the phone checks of phone fields taken as they are, and validation gives the same problems', async () => {
    // `mobile` with no transforms: its column is the source's, its cells checked in the helper.
    const asIs: MappingPlan = { ...PLAN, columns: PLAN.columns.map((c) => (c.field === 'mobile' ? { ...c, transforms: [] } : c)) };
    const { table } = await readCsvBytes(csvOf(makeRows(17, 12000, false)), 'utf-8', dialect);
    setFieldHelper(undefined);
    const want = await MappedWorkspace.create(table, asIs, undefined, () => {});
    const jobs: FieldJob[] = [];
    setFieldHelper(inThread(jobs));
    const got = await MappedWorkspace.create(table, asIs, undefined, () => {});
    expect(jobs.map((j) => [j.fields.map((f) => f.def.key), j.checks.length])).toEqual([[['phone', 'birthday'], 1]]);
    expect(want.result.byField.get('mobile')?.errors).toBeGreaterThan(0);
    expect(got.result.byField).toEqual(want.result.byField);
    expect([...got.result.rows]).toEqual([...want.result.rows]);
    // A helper that fails: the numbers are read by validation, with the same problems.
    let asked = 0;
    setFieldHelper(failing(() => asked++));
    const failed = await MappedWorkspace.create(table, asIs, undefined, () => {});
    expect(asked).toBe(1);
    expect([...failed.result.rows]).toEqual([...want.result.rows]);
  });
});
