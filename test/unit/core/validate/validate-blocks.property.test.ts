import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDialect } from '../../../../src/core/detect/dialect';
import { buildMappedColumns } from '../../../../src/core/engine/mapped-columns';
import type { MappedColumn } from '../../../../src/core/engine/mapped-column';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows, type Table } from '../../../../src/core/model/table';
import { readCsvBytes } from '../../../../src/core/read/csv-read';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import type { FieldDef } from '../../../../src/core/schema/schema-types';
import { duplicateKey, duplicateKindFor, findDuplicates } from '../../../../src/core/validate/duplicates';
import { validateColumns } from '../../../../src/core/validate/validate-columns';
import type { CellProblem, ValueProblem } from '../../../../src/core/validate/validate-types';
import { compileValueCheck } from '../../../../src/core/validate/value-rules';
import { propertyConfig, seededRandom } from '../../../support/seeded';

/**
 * Validation as the engine runs it — a CSV read into blocks (one raw text per 4,096 rows, cells
 * as spans, quoted fields with quotes inside as strings of their own), mapped with transforms
 * that leave chunks alone, sparse or dense, then edited — against the slow path: every cell
 * read as a string (`MappedColumn.get`), checked with the string checks, and grouped with
 * `findDuplicates` on `duplicateKey`. Every row's problems and every count must be identical.
 */

const dialect: CsvDialect = {
  delimiter: ',',
  quoteChar: '"',
  newline: '\n',
  header: 'first-row',
  skipLines: 0,
  decimalSeparator: '.',
  dateOrder: 'unknown',
};

const def = (key: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  label: { en: key, 'zh-CN': key },
  type,
  synonyms: [],
  ...extra,
});

const STAGES = [
  { value: 'lead', label: { en: 'Lead', 'zh-CN': '线索' }, synonyms: ['prospect'] },
  { value: 'customer', label: { en: 'Customer', 'zh-CN': '客户' } },
];
/** Every duplicate kind (id/text, e-mail, phone) is unique here, beside the value checks. */
const FIELDS: readonly FieldDef[] = [
  def('external_id', 'id', { unique: true, required: true, maxLength: 12 }),
  def('email', 'email', { unique: true }),
  def('phone', 'phone', { unique: true }),
  def('company', 'text', { unique: true, maxLength: 14 }),
  def('stage', 'picklist', { options: STAGES }),
  def('created', 'date', { required: true }),
  def('amount', 'number'),
];
const OBJECT = { ...CONTACT_OBJECT, fields: FIELDS };
const HEADERS = FIELDS.map((f) => f.key);

/** A small deterministic generator: the data of one case follows from its seed. */
const random = seededRandom;

interface Shape {
  readonly seed: number;
  readonly rows: number;
  /** Per block, the chance of a non-Latin-1 name (a block with one is stored two bytes a character). */
  readonly wide: number;
  /** Chance of a value with spaces around it: `trim` then changes few cells (sparse) or many (dense). */
  readonly spaced: number;
  readonly trimmed: readonly boolean[];
  readonly edits: number;
  /** Ids, e-mails and companies lower-case and unpadded: normalised keys that change nothing (exact groups copied). */
  readonly plain: boolean;
}

function makeRows({ seed, rows, wide, spaced, plain }: Shape): string[][] {
  const rand = random(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const pool = Math.max(8, Math.floor(rows / (2 + rand() * 40)));
  const out: string[][] = [];
  let wideBlock = false;
  for (let r = 0; r < rows; r++) {
    if (r % 4096 === 0) wideBlock = rand() < wide;
    const n = Math.floor(rand() * pool);
    const pad = (v: string): string => (rand() < spaced ? ` ${v}  ` : v);
    const cased = (v: string): string => (rand() < 0.2 ? v.toUpperCase() : v);
    const id = rand() < 0.97 ? `C-${Math.floor(rand() * rows * 1.5)}` : pick(['', ' ', 'A B', 'x'.repeat(13), 'é1', 'C\t9', 'q"1']);
    const email = pick([
      `user${n}@example.com`,
      `user${n}@example.com`,
      `User${n}@Example.COM`,
      `user${n} at example.com`,
      `usér${n}@example.com`,
      `user${n}@gmial.com`,
      `u"${n}@x.io`,
      '',
    ]);
    const phone = pick([`+1 415 555 ${String(1000 + (n % 9000))}`, `(415) 555-${String(1000 + (n % 9000))}`, '12', `0044 20 7946 ${String(1000 + (n % 9000))}`, '', '+86 138 0013 8000']);
    const company = pick([`Acme ${n}`, `ACME  ${n}`, `Ａｃｍｅ ${n}`, `Acme "${n}"`, 'Zürich GmbH und Co KG', '', `张${n}公司`]);
    const stage = pick(['lead', 'customer', 'Lead', 'prospect', 'maybe', '']);
    const created = pick(['2024-02-29', '2023-02-29', '2024-13-01', '2024-01-31', '31/01/2024', '']);
    const amount = pick(['12', '-0.5', '1,5', '1.000,00', 'x', '']);
    const row = [cased(pad(id)), pad(cased(email)), pad(phone), pad(company), stage, created, amount];
    if (wideBlock && rand() < 0.01) row[3] = `${row[3]}伟`;
    if (plain) for (const i of [0, 1, 3]) row[i] = (row[i] as string).trim().toLowerCase();
    out.push(row);
  }
  return out;
}

function csvOf(rows: readonly (readonly string[])[], rand: () => number): Uint8Array {
  const field = (v: string): string => (/[",\n]/.test(v) || (v !== '' && rand() < 0.1) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [HEADERS.join(','), ...rows.map((r) => r.map(field).join(','))];
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

function planOf(shape: Shape): MappingPlan {
  const columns: ColumnMapping[] = FIELDS.map((f, i) => ({
    column: i,
    field: f.key,
    transforms: shape.trimmed[i] === true ? [{ kind: 'trim' }] : [],
    origin: 'unmapped',
  }));
  return { object: OBJECT, columns, defaultCountry: 'US' } as MappingPlan;
}

/** The slow path: strings, the string checks, `findDuplicates`. Problems per row, in `problemsAt`'s order. */
function reference(columns: readonly MappedColumn[], defs: readonly FieldDef[], rows: number): Map<number, CellProblem[]> {
  const values = columns.map((c) => Array.from({ length: rows }, (_, r): Cell => c.get(r)));
  const unique = defs.map((d, f) => {
    if (d.unique !== true) return undefined;
    const v = values[f] as Cell[];
    const near = new Int32Array(rows);
    const nearFirst = new Int32Array(rows).fill(-1);
    const exact = new Int32Array(rows);
    const exactFirst = new Int32Array(rows).fill(-1);
    for (const g of findDuplicates(v, duplicateKindFor(d.type)).groups) {
      for (const r of g) {
        near[r] = g.length;
        nearFirst[r] = g[0] as number;
      }
      const byValue = new Map<string, number[]>();
      for (const r of g) {
        const key = duplicateKey(v[r] as Cell, 'exact') as string;
        byValue.set(key, [...(byValue.get(key) ?? []), r]);
      }
      for (const same of byValue.values()) {
        for (const r of same) {
          exact[r] = same.length;
          exactFirst[r] = same[0] as number;
        }
      }
    }
    return { near, nearFirst, exact, exactFirst };
  });
  const checks = defs.map((d) => compileValueCheck(d, { defaultCountry: 'US' }));
  const out = new Map<number, CellProblem[]>();
  for (let r = 0; r < rows; r++) {
    const list: CellProblem[] = [];
    defs.forEach((d, f) => {
      for (const p of checks[f]?.((values[f] as Cell[])[r] ?? null) ?? []) list.push({ field: d.key, problem: p });
      const u = unique[f];
      if (u === undefined) return;
      let p: ValueProblem | undefined;
      if ((u.exact[r] as number) >= 2) p = { rule: 'unique', level: 'error', params: { count: u.exact[r] as number, first: u.exactFirst[r] as number } };
      else if ((u.near[r] as number) >= 2) p = { rule: 'duplicate-normalized', level: 'warning', params: { count: u.near[r] as number, first: u.nearFirst[r] as number } };
      if (p !== undefined) list.push({ field: d.key, problem: p });
    });
    if (list.length > 0) out.set(r, list);
  }
  return out;
}

const plain = (list: readonly CellProblem[] | undefined) => list?.map((c) => ({ field: c.field, problem: { ...c.problem, ...(c.problem.params ? { params: { ...c.problem.params } } : {}) } }));

/** Compares the two paths; returns the rows with problems (every case has some). */
async function compare(table: Table, shape: Shape): Promise<number> {
  const built = await buildMappedColumns(table, planOf(shape), undefined, () => {});
  const defs = built.fields.map((f) => f.def);
  const columns = built.values;
  // Edits: a cell of its own beside a chunk, duplicates made and broken.
  const rand = random(shape.seed ^ 0x5bd1e995);
  for (let k = 0; k < shape.edits; k++) {
    const f = Math.floor(rand() * defs.length);
    const col = columns[f] as MappedColumn;
    const r = Math.floor(rand() * table.rowCount);
    const from = Math.floor(rand() * table.rowCount);
    col.set(r, rand() < 0.2 ? null : rand() < 0.5 ? col.get(from) : `${col.get(from) ?? ''}E`);
  }
  const result = await validateColumns((f) => columns[defs.indexOf(f)] as MappedColumn, defs, { defaultCountry: 'US' });
  const want = reference(columns, defs, table.rowCount);
  const problemRows = [...result.rows.keys()];
  expect(problemRows).toEqual([...want.keys()]);
  for (const r of problemRows) expect(plain(result.rows.get(r)), `row ${r}`).toEqual(want.get(r));
  // Counts: read from the store's tallies, so they must add up to the rows' problems.
  let errors = 0;
  let warnings = 0;
  const byField = new Map(defs.map((d) => [d.key, { errors: 0, warnings: 0 }]));
  for (const list of want.values()) {
    for (const c of list) {
      const counts = byField.get(c.field) as { errors: number; warnings: number };
      if (c.problem.level === 'error') {
        errors++;
        counts.errors++;
      } else {
        warnings++;
        counts.warnings++;
      }
    }
  }
  expect({ errors: result.totals.errors, warnings: result.totals.warnings }).toEqual({ errors, warnings });
  for (const [key, counts] of byField) {
    const got = result.byField.get(key);
    expect({ field: key, errors: got?.errors ?? 0, warnings: got?.warnings ?? 0 }).toEqual({ field: key, ...counts });
  }
  return problemRows.length;
}

const shapes = fc.record({
  seed: fc.integer(),
  rows: fc.integer({ min: 4097, max: 9500 }),
  wide: fc.constantFrom(0, 0.5, 1),
  spaced: fc.constantFrom(0, 0.02, 0.6),
  trimmed: fc.array(fc.boolean(), { minLength: FIELDS.length, maxLength: FIELDS.length }),
  edits: fc.constantFrom(0, 3, 40),
  plain: fc.boolean(),
});

describe('validation over CSV blocks against the string checks (seeded differential)', () => {
  it('gives every row the problems, and every field the counts, of the slow path (property)', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const rows = makeRows(shape);
        const { table } = await readCsvBytes(csvOf(rows, random(shape.seed + 1)), 'utf-8', dialect);
        // The reader laid the CSV out in blocks of the very cells written.
        expect(tableToRows(table)).toEqual(rows);
        expect(await compare(table, shape)).toBeGreaterThan(0);
      }),
      propertyConfig({ numRuns: 6 }),
    );
  }, 120_000);

  it('gives the same answers over a table appended row by row (joined chunks)', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        expect(await compare(tableFromRows(HEADERS, makeRows(shape)), shape)).toBeGreaterThan(0);
      }),
      propertyConfig({ numRuns: 3 }),
    );
  }, 120_000);
});
