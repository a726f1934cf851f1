import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedDigests } from '../../../../src/core/diff/dataset-digest';
import { createKeyCache, diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffOptions, DiffResult } from '../../../../src/core/diff/diff-types';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import {
  IMPORT_MODES,
  UPDATE_RULES,
  type ImportMode,
  type UpdateRule,
} from '../../../../src/core/diff/import-mode';
import {
  keyedRows,
  keySortHash,
  keySortHashes,
  sortByKey,
  type KeyedRows,
} from '../../../../src/core/diff/keyed-layout';
import { readKeys, type KeySpec } from '../../../../src/core/diff/key-spec';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { mappedTable } from '../../../../src/core/engine/mapped-table';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { referenceDiff, type ReferenceDiffResult } from '../../../support/reference-diff';
import { propertyConfig } from '../../../support/seeded';
import { tableInLayout, type Layout } from '../../../support/layout-tables';

// The keyed diff's fast paths (keys read from spans, pairs taken on a lone hash and checked
// after, fields compared as text in place or as bytes, canonical encoding only where the
// text differs, digests computed afterwards) against the diff that encoded every record
// (test/support/reference-diff.ts): the same classification, keys, rows, field changes, counts,
// conflicts and dataset digests, for every table layout the app compares.

/** Values where text and canonical form part ways: NFC/NFD, trim, case, empty/missing, non-BMP, lone surrogates. */
const VALUES: readonly Cell[] = [
  null,
  '',
  'a',
  'A',
  ' a',
  'a ',
  'x,y',
  'say "hi"',
  'é',
  'e\u0301',
  'Å',
  'A\u030a',
  '\u212b',
  'Zoë',
  'Zoe\u0308',
  '王芳',
  '😀',
  '\ud800',
  '\ufffd',
  'ß',
  'Straße',
  '\u0958',
  'line\nbreak',
  'a much longer value, past the slice size',
  'Brontë sisters of Haworth',
];
/** Keys: plain, padded, cased, accented both ways, composite-looking, and two pairs whose sort hashes collide. */
const KEYS: readonly Cell[] = [
  'k1',
  'k2',
  'K1',
  ' k1',
  'k1 ',
  'k3',
  'é1',
  'e\u03011',
  '',
  null,
  '["a"]',
  'id522789',
  'id739192',
  'id522388',
  'id739593',
];

const value = fc.constantFrom(...VALUES);
/** Text with a surrogate code unit is compared as characters, not bytes: values without any, to reach the byte path. */
const hasSurrogate = (v: Cell): boolean => v !== null && /[\ud800-\udfff]/.test(v);
const bmpValue = fc.constantFrom(...VALUES.filter((v) => !hasSurrogate(v)));
/** A row: key, second key part, and three values. */
const row = fc.tuple(
  fc.constantFrom(...KEYS),
  fc.constantFrom('p', 'P', ' p', null),
  value,
  value,
  value,
);

const build = tableInLayout;

/** What must be identical: everything but the mechanism's statistics and the digests (checked apart). */
/** The new data with its columns in another order, and one of its own (`only-next`). */
function reordered(layout: Layout, rows: readonly (readonly Cell[])[]): Promise<Table> {
  return build(
    layout,
    ['v3', 'only-next', 'p', 'k', 'v2', 'v1'],
    rows.map((r) => [r[4] ?? null, 'n', r[1] ?? null, r[0] ?? null, r[3] ?? null, r[2] ?? null]),
  );
}

function outcome(d: DiffResult | ReferenceDiffResult) {
  return {
    canonicalVersion: d.canonicalVersion,
    key: d.key,
    compareColumns: d.compareColumns,
    mode: d.mode,
    rules: d.rules,
    kinds: Array.from(d.kinds),
    keys: [...d.keys],
    baseRows: Array.from(d.baseRows),
    nextRows: Array.from(d.nextRows),
    fields: [...d.fields],
    counts: d.counts,
    fieldCounts: { ...d.fieldCounts },
    wouldClear: d.wouldClear,
    keptOut: { ...d.keptOut },
    columnsAdded: d.columnsAdded,
    columnsRemoved: d.columnsRemoved,
    conflicts: d.conflicts,
    blocked: d.blocked,
  };
}

async function expectSame(base: Table, next: Table, opts: DiffOptions): Promise<DiffResult> {
  const fast = await diffTables(base, next, opts);
  const slow = await referenceDiff(base, next, opts);
  expect(outcome(fast)).toEqual(outcome(slow));
  const digests = await keyedDigests(base, next, fast);
  expect({ base: digests.base, next: digests.next }).toEqual(slow.digests);
  // The text stage sends on exactly the pairs whose text differs: no more (work), no fewer (wrong).
  expect(fast.stats.textDiffers).toBe(textDiffering(base, next, fast));
  return fast;
}

/** Matched pairs whose compared cells differ as strings (missing only equal to missing). */
function textDiffering(base: Table, next: Table, d: DiffResult): number {
  const bc = d.compareColumns.map((c) => base.columns.indexOf(c));
  const nc = d.compareColumns.map((c) => next.columns.indexOf(c));
  let n = 0;
  for (let i = 0; i < d.kinds.length; i++) {
    const b = d.baseRows[i] as number;
    const r = d.nextRows[i] as number;
    if (b < 0 || r < 0) continue;
    if (
      bc.some(
        (c, f) =>
          (c < 0 ? null : base.cell(b, c)) !==
          ((nc[f] as number) < 0 ? null : next.cell(r, nc[f] as number)),
      )
    )
      n++;
  }
  return n;
}

/** The new data from the baseline: edits from the value pool, rows dropped and added, order shuffled. */
function derive(
  rows: readonly Cell[][],
  edits: readonly [number, number, Cell][],
  drop: readonly number[],
  added: readonly Cell[][],
  seed: number,
): Cell[][] {
  const out = rows.map((r) => [...r]);
  for (const [at, field, v] of edits)
    if (out.length > 0) (out[at % out.length] as Cell[])[field % 5] = v;
  const dropped = new Set(drop.map((d) => d % Math.max(1, out.length)));
  const kept = out.filter((_, i) => !dropped.has(i)).concat(added.map((r) => [...r]));
  // A permutation from the seed (Fisher–Yates with an LCG), or none.
  let x = seed >>> 0;
  if (x % 3 !== 0) {
    for (let i = kept.length - 1; i > 0; i--) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const j = x % (i + 1);
      [kept[i], kept[j]] = [kept[j] as Cell[], kept[i] as Cell[]];
    }
  }
  return kept;
}

const optionsArb = fc.record({
  mode: fc.constantFrom<ImportMode>(...IMPORT_MODES),
  rule: fc.constantFrom<UpdateRule>(...UPDATE_RULES),
  fieldRule: fc.option(
    fc.tuple(fc.constantFrom('v1', 'v2', 'v3'), fc.constantFrom<UpdateRule>(...UPDATE_RULES)),
    { nil: null },
  ),
  quietClass: fc.boolean(),
  composite: fc.boolean(),
  trim: fc.boolean(),
  caseInsensitive: fc.boolean(),
  // Mostly columns on both sides: a column on one side only makes every pair differ.
  columns: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom<readonly string[] | undefined>(
        undefined,
        ['k', 'v1', 'v2', 'v3'],
        ['v3', 'v1'],
      ),
    },
    { weight: 1, arbitrary: fc.constant<readonly string[]>(['v2', 'only-next', 'k', 'only-base']) },
  ),
  fingerprints: fc.constantFrom<'none' | 'stored' | 'tampered'>('none', 'stored', 'tampered'),
});

type OptionsDraw = typeof optionsArb extends fc.Arbitrary<infer T> ? T : never;

function optionsOf(o: OptionsDraw): DiffOptions {
  const key: KeySpec = {
    columns: o.composite ? ['k', 'p'] : ['k'],
    trim: o.trim,
    caseInsensitive: o.caseInsensitive,
  };
  return {
    key,
    mode: o.mode,
    rules: {
      default: o.rule,
      fields: o.fieldRule === null ? [] : [{ field: o.fieldRule[0], rule: o.fieldRule[1] }],
    },
    quietClass: o.quietClass,
    ...(o.columns === undefined ? {} : { compareColumns: o.columns }),
  };
}

/** Stored fingerprints over the compared columns: as a commit stores them, or with some replaced by the new records'. */
async function withFingerprints(
  base: Table,
  next: Table,
  opts: DiffOptions,
  how: 'none' | 'stored' | 'tampered',
): Promise<DiffOptions> {
  if (how === 'none' || opts.compareColumns === undefined) return opts;
  const cols = opts.compareColumns;
  const fp = await fingerprintRecords(
    base,
    cols.map((c) => base.columns.indexOf(c)),
  );
  if (how === 'tampered' && next.rowCount > 0) {
    // A stored fingerprint equal to a new record's digest: that fingerprint decides, unchanged.
    const nfp = await fingerprintRecords(
      next,
      cols.map((c) => next.columns.indexOf(c)),
    );
    for (let r = 0; r < base.rowCount; r += 3)
      fp.set(nfp.subarray(32 * (r % next.rowCount), 32 * (r % next.rowCount) + 32), 32 * r);
  }
  return { ...opts, baseFingerprints: fp };
}

function shuffledName(r: number): string {
  return r % 101 === 0 ? `Zoë ${r}` : r % 103 === 0 ? `Zoe\u0308 ${r}` : `Name ${r}`;
}

/** An edit at the end, at the start or inside a value. */
function editAt(i: number, v: string): string {
  return i % 3 === 0 ? `${v}!` : i % 3 === 1 ? `!${v.slice(1)}` : `${v.slice(0, 2)}_${v.slice(3)}`;
}

function map(column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping {
  return { column, field, transforms, origin: 'unmapped' };
}

describe('the keyed diff against the diff that encoded every record', () => {
  it('gives the same result on every layout, option and edit, short runs (property)', async () => {
    expect.hasAssertions();
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 80 }),
        fc.array(fc.tuple(fc.noBias(fc.nat()), fc.nat(), value), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(row, { maxLength: 6 }),
        fc.integer(),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'plain', 'sparse'),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'plain', 'sparse'),
        optionsArb,
        async (rows, edits, drop, added, seed, baseLayout, nextLayout, o) => {
          const base = await build(
            baseLayout,
            ['k', 'p', 'v1', 'v2', 'v3', 'only-base'],
            rows.map((r) => [...r, 'b']),
          );
          // The new data with its columns in another order, and one of its own.
          const nextRows = derive(rows, edits, drop, added, seed);
          const next = await reordered(nextLayout, nextRows);
          await expectSame(
            base,
            next,
            await withFingerprints(base, next, optionsOf(o), o.fingerprints),
          );
        },
      ),
      propertyConfig({ numRuns: 150 }),
    );
  });

  it('gives the same result over long runs, where ASCII text is compared as bytes (property)', async () => {
    expect.hasAssertions();
    // Runs of 256 rows or more: a run's ASCII text is held as bytes; other text, with or without
    // surrogates, is compared as characters.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 256, max: 5_000 }),
        fc.array(fc.oneof({ weight: 4, arbitrary: bmpValue }, { weight: 1, arbitrary: value }), {
          minLength: 40,
          maxLength: 40,
        }),
        fc.array(fc.tuple(fc.noBias(fc.nat()), fc.nat(), bmpValue), {
          minLength: 20,
          maxLength: 80,
        }),
        fc.integer(),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'sparse'),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'sparse'),
        optionsArb,
        async (n, pool, edits, seed, baseLayout, nextLayout, o) => {
          const pick = (r: number, c: number): Cell =>
            pool[(r * 7 + c * 13 + (seed & 15)) % pool.length] ?? null;
          // Sparse: the third value present in one row of 50, so its chunks keep only those.
          const rows = Array.from({ length: n }, (_, r): Cell[] => [
            `k${r}`,
            r % 17 === 0 ? 'P' : 'p',
            pick(r, 0),
            pick(r, 1),
            baseLayout === 'sparse' && r % 50 !== 0 ? null : pick(r, 2),
          ]);
          const base = await build(
            baseLayout,
            ['k', 'p', 'v1', 'v2', 'v3', 'only-base'],
            rows.map((r) => [...r, 'b']),
          );
          const nextRows = derive(
            rows,
            edits,
            [seed & 1023],
            [['k-new', 'p', 'x', null, '']],
            seed,
          );
          const next = await reordered(nextLayout, nextRows);
          await expectSame(
            base,
            next,
            await withFingerprints(
              base,
              next,
              optionsOf({ ...o, composite: false }),
              o.fingerprints,
            ),
          );
        },
      ),
      propertyConfig({ numRuns: 20 }),
    );
  });

  it('gives the same result when the new data is shuffled, its pairs compared as records written as bytes (property)', async () => {
    expect.hasAssertions();
    // Enough shuffled pairs in one chunk on each side (128 or more) to be compared as records:
    // every value of the pool (NFD, lone surrogates, U+FFFD, non-BMP…) in every layout, with the
    // pairs of a few rows left in order among them (runs compared as ranges beside the records).
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 300, max: 1_500 }),
        fc.array(value, { minLength: 30, maxLength: 30 }),
        fc.array(fc.tuple(fc.noBias(fc.nat()), fc.nat(), value), { minLength: 10, maxLength: 60 }),
        fc.integer(),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'plain', 'sparse'),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'plain', 'sparse'),
        optionsArb,
        async (n, pool, edits, seed, baseLayout, nextLayout, o) => {
          const pick = (r: number, c: number): Cell =>
            pool[(r * 7 + c * 13 + (seed & 15)) % pool.length] ?? null;
          const rows = Array.from({ length: n }, (_, r): Cell[] => [
            `k${r}`,
            r % 17 === 0 ? 'P' : 'p',
            pick(r, 0),
            pick(r, 1),
            baseLayout === 'sparse' && r % 50 !== 0 ? null : pick(r, 2),
          ]);
          const base = await build(
            baseLayout,
            ['k', 'p', 'v1', 'v2', 'v3', 'only-base'],
            rows.map((r) => [...r, 'b']),
          );
          // Shuffled (a seed that is not a multiple of 3), then rows 100–139 put back in order.
          const shuffledRows = derive(rows, edits, [seed & 255], [['k-new', 'p', 'x', null, '']], (seed & 0xffff) * 3 + 1);
          const inOrder = rows.slice(100, 140).map((r) => r[0]);
          const nextRows = [
            ...shuffledRows.filter((r) => !inOrder.includes(r[0] ?? null)),
            ...shuffledRows.filter((r) => inOrder.includes(r[0] ?? null)).sort((x, y) => String(x[0]).localeCompare(String(y[0]), 'en', { numeric: true })),
          ];
          const next = await reordered(nextLayout, nextRows);
          const opts = await withFingerprints(base, next, optionsOf({ ...o, composite: false }), o.fingerprints);
          const d = await expectSame(base, next, opts);
          expect(d.stats.recordPairs).toBeGreaterThanOrEqual(128);
        },
      ),
      propertyConfig({ numRuns: 40 }),
    );
  });

  it.each([
    // 11 baseline chunks behind each chunk of the new data, 4,096 pairs each way: compared as records.
    [45_000, 1, 'as records'],
    // 35 baseline chunks, more than the 32 cached: as records too.
    [140_000, 1, 'as records, more baseline chunks than cached'],
    // A few pairs in each of 35 baseline chunks: too few to write; the baseline is read row by row.
    [140_000, 700, 'baseline read row by row'],
  ])(
    'gives the same result when %i rows of new data (one in %i kept) are shuffled across many chunks (%s)',
    async (n, every) => {
      const rows = Array.from({ length: n }, (_, r): Cell[] => [
        `id${r}`,
        shuffledName(r),
        r % 7 === 0 ? null : `c${r % 13}`,
      ]);
      const base = await build('csv', ['id', 'name', 'city'], rows);
      // Edits at the end, at the start and inside a value, and NFD spellings of NFC names.
      const edited = rows.map((r, i) =>
        i % 997 === 0 || (every > 1 && i % 7001 === 0)
          ? [r[0] ?? null, editAt(i / 997, r[1] ?? ''), r[2] ?? null]
          : i % 101 === 0
            ? [r[0] ?? null, `Zoe\u0308 ${i}`, r[2] ?? null]
            : r,
      );
      // Shuffled: the seed is not a multiple of 3.
      const nextRows = derive(edited, [], [5, 77], [], 12346).filter((_, i) => i % every === 0);
      const next = await build(
        'rows',
        ['city', 'id', 'name'],
        nextRows.map((r) => [r[2] ?? null, r[0] ?? null, r[1] ?? null]),
      );
      const d = await expectSame(base, next, {
        key: { columns: ['id'], trim: true, caseInsensitive: false },
        mode: 'mirror',
        rules: { default: 'always', fields: [] },
        quietClass: false,
      });
      expect(d.stats.recordPairs).toBe(every === 1 ? next.rowCount : 0);
      // The NFD rewrites of NFC names differ as text, not as records.
      expect(d.stats.textDiffers).toBeGreaterThan(d.stats.canonicalDiffers);
      expect(d.counts.modified).toBe(d.stats.canonicalDiffers);
    },
  );

  it('gives the same result over mapped data: transforms, a picklist, edits, deleted rows, both error policies (property)', async () => {
    expect.hasAssertions();
    const plan: MappingPlan = {
      object: CONTACT_OBJECT,
      defaultCountry: 'US',
      columns: [
        map(0, 'external_id'),
        map(1, 'email', [{ kind: 'trim' }]),
        map(2, 'lifecycle_stage'),
        map(3, 'first_name', [{ kind: 'trim' }, { kind: 'case', to: 'title' }]),
        map(4, 'last_name'),
      ],
    };
    const stages = ['lead', 'Lead', 'CUSTOMER', 'nope', '', 'Opportunity'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9_000 }),
        fc.array(fc.nat(8_999), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(8_999), value), { maxLength: 6 }),
        fc.constantFrom<'skip' | 'include'>('skip', 'include'),
        fc.integer({ min: 0, max: 1000 }),
        optionsArb,
        async (n, deleted, edits, policy, salt, o) => {
          const source = tableFromRows(
            ['ID', 'Email', 'Stage', 'First', 'Last'],
            Array.from({ length: n }, (_, r) => [
              String(r),
              (r + salt) % 11 === 0
                ? ` u${r}@example.com `
                : (r + salt) % 13 === 0
                  ? 'not-an-email'
                  : `u${r}@example.com`,
              stages[(r + salt) % stages.length] ?? null,
              (r + salt) % 7 === 0 ? ' zoë ' : (r + salt) % 5 === 0 ? null : 'ada',
              VALUES[(r + salt) % VALUES.length] ?? null,
            ]),
          );
          const ws = await MappedWorkspace.create(source, plan, undefined, () => {});
          if (deleted.length > 0)
            await ws.apply({ kind: 'delete-rows', rows: [...new Set(deleted.map((d) => d % n))] });
          for (const [r, v] of edits)
            await ws.apply({ kind: 'set', row: r % n, field: 'first_name', value: v });
          const next = mappedTable(ws, policy).table;
          const base = tableFromRows(
            next.columns,
            Array.from({ length: Math.min(n, 4_500) }, (_, r) =>
              next.columns.map((_c, c) =>
                r % 9 === 0 && c === 3
                  ? 'Old'
                  : r % 10 === 0 && c === 4
                    ? 'Zoe\u0308'
                    : next.cell((r * 7) % next.rowCount, c),
              ),
            ),
          );
          const opts = optionsOf({
            ...o,
            composite: false,
            columns: o.columns === undefined ? undefined : next.columns,
          });
          await expectSame(base, next, { ...opts, key: { ...opts.key, columns: ['external_id'] } });
        },
      ),
      propertyConfig({ numRuns: 12 }),
    );
  });

  it("reuses a table's keys for the next comparison under the same key spec, and only then", async () => {
    const a = tableFromRows(
      ['k', 'v'],
      [
        ['1', 'x'],
        ['2', 'y'],
        [' 3', 'z'],
      ],
    );
    const b = tableFromRows(
      ['k', 'v'],
      [
        ['1', 'x'],
        ['2', 'Y'],
        ['4', 'w'],
      ],
    );
    const cache = createKeyCache();
    const opts: DiffOptions = {
      key: { columns: ['k'], trim: true, caseInsensitive: false },
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    };
    const first = await diffTables(a, b, opts, {}, cache);
    const held = cache.get(a, opts.key);
    expect(held && storedKeys(held)).toEqual(['1', '2', '3']);
    const again = await diffTables(
      a,
      b,
      { ...opts, quietClass: true, mode: 'add-update' },
      {},
      cache,
    );
    expect(cache.get(a, opts.key)).toBe(held);
    expect(outcome(again)).toEqual(
      outcome(await referenceDiff(a, b, { ...opts, quietClass: true, mode: 'add-update' })),
    );
    expect(outcome(first)).toEqual(outcome(await referenceDiff(a, b, opts)));
    // Another spec reads the keys again: untrimmed, ' 3' is its own key.
    const strict = { ...opts, key: { ...opts.key, trim: false } };
    expect(cache.get(a, strict.key)).toBeUndefined();
    expect(outcome(await diffTables(a, b, strict, {}, cache))).toEqual(
      outcome(await referenceDiff(a, b, strict)),
    );
    const strictHeld = cache.get(a, strict.key);
    expect(strictHeld && storedKeys(strictHeld)).toEqual(['1', '2', ' 3']);
  });
});

/** A side's packed keys as strings, row by row. */
function storedKeys(rows: KeyedRows): (string | null)[] {
  return Array.from({ length: rows.store.count }, (_, r) => rows.store.keyAt(r));
}

/** Key cells where the packed keys' shortcuts end: spaces ASCII or not, case, escapes, controls, wide text. */
const KEY_CELLS: readonly Cell[] = [
  ' \t A1 \r\n',
  '\u00a0a1',
  'a1\u3000',
  '\u2028',
  ' ',
  'A"b',
  'a\\b',
  'a\u0001b',
  '\u007f',
  'ÀB',
  'İ',
  'K',
  '\u212a1',
  '王',
  '\ud83d\ude00',
  '\udc00',
  'x'.repeat(5000),
];

describe('keys read from spans', () => {
  it('equal readKeys and keySortHashes for every spec, layout and cell, one key column or two (property)', async () => {
    const cell = fc.oneof(
      fc.constantFrom(...KEYS),
      fc.constantFrom(...VALUES),
      fc.constantFrom(...KEY_CELLS),
      fc.string({ maxLength: 6 }),
      fc.string({ maxLength: 4, unit: 'binary' }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { maxLength: 700 }),
        fc.constantFrom<Layout>('rows', 'csv', 'csv-wide', 'plain', 'sparse'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(['k'], ['k', 'p'], ['p', 'x', 'k'], ['k', 'missing']),
        async (cells, layout, trim, caseInsensitive, columns) => {
          const table = await build(
            layout,
            ['x', 'k', 'p'],
            cells.map(([k, p], i) => [String(i), k, p]),
          );
          const spec: KeySpec = { columns, trim, caseInsensitive };
          const keys = await readKeys(table, spec);
          const got = await keyedRows(table, spec);
          expect(storedKeys(got)).toEqual(keys);
          const hashes = keySortHashes(keys);
          const want = sortByKey(keys, hashes);
          expect(Array.from(got.order)).toEqual(Array.from(want.order));
          expect(Array.from(got.sorted)).toEqual(Array.from(want.sorted));
        },
      ),
      propertyConfig({ numRuns: 200 }),
    );
  });

  it('pairs keys whose sort hashes collide only when they are equal', async () => {
    // FNV-1a collisions: a lone row per hash on each side is paired on the hash, then checked.
    expect(keySortHash('id522789')).toBe(keySortHash('id739192'));
    expect(keySortHash('id522388')).toBe(keySortHash('id739593'));
    const base = tableFromRows(
      ['k', 'v'],
      [
        ['id522789', 'a'],
        ['id522388', 'b'],
        ['x', 'c'],
      ],
    );
    const next = tableFromRows(
      ['k', 'v'],
      [
        ['id739192', 'a'],
        ['id522388', 'B'],
        ['id739593', 'b'],
        ['x', 'c'],
      ],
    );
    const d = await expectSame(base, next, {
      key: { columns: ['k'], trim: false, caseInsensitive: false },
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    });
    expect(d.counts).toMatchObject({ added: 2, removed: 1, modified: 1, unchanged: 1 });
  });
});
