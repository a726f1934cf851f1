import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMappedColumns, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows, type Table } from '../../../../src/core/model/table';
import { readCsvBytes } from '../../../../src/core/read/csv-read';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import type { FieldDef } from '../../../../src/core/schema/schema-types';
import {
  applyTransforms,
  prepareTransforms,
} from '../../../../src/core/transform/apply-transforms';
import type { Transform, TransformNote } from '../../../../src/core/transform/transform-types';
import { cellsOnly, commaDialect } from '../../../support/layout-tables';
import { propertyConfig, seededRandom } from '../../../support/seeded';

/**
 * Mapping reads cells in place and pushes a cell the transforms certainly keep as the source's
 * (mapped-columns.ts, mapRunInPlace; span-identity.ts). Held here to the transforms run on
 * every cell as a string: the same value in every row, the same notes, the same phone checks
 * and the same chunks held (a table read cell by cell takes the string path), over CSV blocks
 * (quoted cells with quotes inside in the block's own text, two-byte blocks) and tables
 * appended row by row; chunks the transforms leave alone, change in a few cells or in most.
 */

const dialect = commaDialect('\n');

const def = (key: string, type: FieldDef['type']): FieldDef => ({
  key,
  label: { en: key, 'zh-CN': key },
  type,
  synonyms: [],
});
const FIELDS: readonly FieldDef[] = [
  def('external_id', 'id'),
  def('first_name', 'text'),
  def('email', 'email'),
  def('phone', 'phone'),
  def('company', 'text'),
  def('stage', 'text'),
];
const OBJECT = { ...CONTACT_OBJECT, fields: FIELDS };
const HEADERS = FIELDS.map((f) => f.key);

/** Chains per column: in-place ones, and one that is not (a value map runs on every cell). */
const CHAINS: readonly (readonly Transform[])[][] = [
  [[{ kind: 'trim' }], [{ kind: 'case', to: 'upper' }], []],
  [
    [{ kind: 'trim' }],
    [{ kind: 'collapse-spaces' }, { kind: 'trim' }],
    [{ kind: 'case', to: 'title' }],
  ],
  [
    [{ kind: 'trim' }, { kind: 'lowercase-email' }],
    [{ kind: 'lowercase-email' }],
    [{ kind: 'case', to: 'lower' }],
  ],
  [[{ kind: 'phone', country: 'US' }], [{ kind: 'trim' }, { kind: 'phone', country: 'GB' }]],
  [[{ kind: 'trim' }, { kind: 'default', value: 'none' }], [{ kind: 'collapse-spaces' }]],
  [[{ kind: 'trim' }], [{ kind: 'value-map', map: { Lead: 'lead' } }]],
];

const random = seededRandom;

interface Shape {
  readonly seed: number;
  readonly rows: number;
  /** Per chunk of 4,096 rows, the chance of a cell the transforms change: none, few (sparse) or most (dense). */
  readonly changed: readonly number[];
  readonly chains: readonly number[];
  readonly wide: boolean;
  /** The blocks kept one byte a character, a wide cell moved apart (a file from ONE_BYTE_FROM up, csv-read.ts), or as decoded. */
  readonly oneByte: boolean;
}

function makeRows({ seed, rows, changed, wide }: Shape): string[][] {
  const rand = random(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const out: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const p = changed[Math.floor(r / 4096) % changed.length] as number;
    const odd = (): boolean => rand() < p;
    const n = Math.floor(rand() * 5000);
    const row = [
      odd() ? pick([` C-${n}`, `c-${n}`, `C-${n}\u00a0`]) : `C-${n}`,
      odd()
        ? pick([' Ada', 'Ada  Lovelace', 'ada', '\u200b伟', ''])
        : pick(['Ada', 'ADA', '张伟', `Zoë ${n}`, 'q"uote']),
      odd()
        ? pick([`User${n}@example.com`, ` u${n}@x.io`, `ü${n}@x.io`])
        : pick([`u${n}@example.com`, `o"k${n}@x.io`, '']),
      odd()
        ? pick([
            `(415) 555-${1000 + (n % 9000)}`,
            `+44 20 7946 ${1000 + (n % 9000)}`,
            '12',
            ' +14155552671',
            'x',
          ])
        : pick([`+1415555${1000 + (n % 9000)}`, `+4930123456${n % 10}`, '']),
      odd()
        ? pick(['Acme  Corp', ' Acme', '', '\t'])
        : pick(['Acme Corp', 'ACME', '"Quoted" Inc', '华为']),
      odd() ? pick(['Lead', ' lead', 'LEAD ']) : pick(['lead', 'customer']),
    ];
    if (wide && r % 1000 === 0) row[1] = `${row[1]}伟`;
    out.push(row);
  }
  return out;
}

function csvOf(rows: readonly (readonly string[])[], rand: () => number): Uint8Array {
  const field = (v: string): string =>
    /[",\n]/.test(v) || (v !== '' && rand() < 0.1) ? `"${v.replaceAll('"', '""')}"` : v;
  const lines = [HEADERS.join(','), ...rows.map((r) => r.map(field).join(','))];
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

function planOf(shape: Shape): MappingPlan {
  const columns: ColumnMapping[] = FIELDS.map((f, i) => {
    const options = CHAINS[i] as (readonly Transform[])[];
    return {
      column: i,
      field: f.key,
      transforms: options[(shape.chains[i] as number) % options.length] as Transform[],
      origin: 'unmapped',
    };
  });
  return { object: OBJECT, columns, defaultCountry: 'US' } as MappingPlan;
}

/** Notes by row, each row's in field order. */
function sortNotes(m: Map<number, { field: string; note: TransformNote }[]>) {
  return [...m]
    .map(([r, l]) => [r, [...l].sort((a, b) => a.field.localeCompare(b.field))] as const)
    .sort((a, b) => a[0] - b[0]);
}

async function compare(table: Table, shape: Shape): Promise<number> {
  const plan = planOf(shape);
  const built = await buildMappedColumns(table, plan, undefined, () => {}, undefined, true);
  const slow = await buildMappedColumns(
    cellsOnly(table),
    plan,
    undefined,
    () => {},
    undefined,
    true,
  );
  const wantNotes = new Map<number, { field: string; note: TransformNote }[]>();
  const wrong: unknown[] = [];
  let kept = 0;
  built.fields.forEach((f, i) => {
    const source = f.sources[0] as ColumnMapping;
    const column = built.values[i];
    for (let r = 0; r < table.rowCount; r++) {
      const raw: Cell = table.cell(r, source.column);
      const want = applyTransforms(raw, source.transforms, { row: [] });
      if (want.value === raw) kept++;
      const got = column?.get(r);
      if (got !== want.value) wrong.push({ field: f.def.key, row: r, got, want: want.value });
      for (const note of want.notes ?? []) {
        const list = wantNotes.get(r) ?? [];
        list.push({ field: f.def.key, note });
        wantNotes.set(r, list);
      }
    }
    // The same chunks left to the source, held sparse or held whole as the string path makes.
    expect(column?.stats()).toEqual(slow.values[i]?.stats());
  });
  expect(wrong).toEqual([]);
  expect(sortNotes(built.notes)).toEqual(sortNotes(wantNotes));
  expect(built.phoneChecks?.map((c) => (c === undefined ? undefined : [...c]))).toEqual(
    slow.phoneChecks?.map((c) => (c === undefined ? undefined : [...c])),
  );
  return kept;
}

const shapes = fc.record({
  seed: fc.integer(),
  rows: fc.integer({ min: 4097, max: 9500 }),
  changed: fc.array(fc.constantFrom(0, 0.03, 0.8), { minLength: 3, maxLength: 3 }),
  chains: fc.array(fc.nat(5), { minLength: FIELDS.length, maxLength: FIELDS.length }),
  wide: fc.boolean(),
  oneByte: fc.boolean(),
});

beforeAll(async () => {
  await prepareTransforms([{ kind: 'phone', country: 'US' }]);
});

describe('mapping in place against the transforms run on every cell (seeded differential)', () => {
  it('over CSV blocks: every value, note, phone check and chunk as the string path (property)', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const rows = makeRows(shape);
        const { table } = await readCsvBytes(csvOf(rows, random(shape.seed + 1)), 'utf-8', dialect, {}, { oneByteFrom: shape.oneByte ? 0 : Infinity });
        expect(tableToRows(table)).toEqual(rows);
        expect(await compare(table, shape)).toBeGreaterThan(0);
      }),
      propertyConfig({ numRuns: 8 }),
    );
  }, 120_000);

  it('over a table appended row by row (joined chunks), with missing cells', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const rows: Cell[][] = makeRows(shape);
        const rand = random(shape.seed ^ 0x2545f491);
        for (const row of rows) if (rand() < 0.05) row[Math.floor(rand() * row.length)] = null;
        expect(await compare(tableFromRows(HEADERS, rows), shape)).toBeGreaterThan(0);
      }),
      propertyConfig({ numRuns: 4 }),
    );
  }, 120_000);
});
