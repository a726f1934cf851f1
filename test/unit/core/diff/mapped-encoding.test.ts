import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRecord, encodeRecords, recordBytes } from '../../../../src/core/diff/canonical-form';
import { keyedDigests } from '../../../../src/core/diff/dataset-digest';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import { toHex } from '../../../../src/core/diff/digest';
import type { DiffOptions } from '../../../../src/core/diff/diff-types';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import { MappedColumnBuilder, type MappedColumn } from '../../../../src/core/engine/mapped-column';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { mappedTable } from '../../../../src/core/engine/mapped-table';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { propertyConfig } from '../../../support/seeded';

// The string-free canonical encoding of mapped data (MappedColumn spans, the mapped table's
// cellSpan/columnSpans) against the slow path it replaces: one string per cell through `cell`,
// then `canonicalRecord`. The fingerprints and digests must not move by a byte.

/** Cell values that stress the encoding: empty, missing, non-ASCII, NFD, text that grows under NFC. */
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, '', 'Cafe\u0301', 'Zoë', '王芳', '\u0958', ' a ', '😀') },
);

/** How a chunk's mapped values relate to the source: as read, a few changed, most changed. */
type ChunkKind = 'same' | 'sparse' | 'dense';

/** The slow path: a Table that only has `cell`. */
function plain(t: Table): Table {
  return { columns: t.columns, rowCount: t.rowCount, cell: (r, c) => t.cell(r, c), row: (r) => t.row(r), sourceRow: (r) => t.sourceRow(r) };
}

async function slowBytes(t: Table, cols: readonly number[]): Promise<string> {
  const parts: string[] = [];
  for (let r = 0; r < t.rowCount; r++) parts.push(toHex(canonicalRecord(cols.map((c) => (c < 0 ? null : t.cell(r, c))))));
  return parts.join('|');
}

async function fastBytes(t: Table, cols: readonly number[]): Promise<string> {
  const enc = await encodeRecords(t, cols);
  return Array.from({ length: t.rowCount }, (_, r) => toHex(recordBytes(enc, r))).join('|');
}

describe('canonical encoding of mapped columns', () => {
  it('MappedColumn spans encode exactly as its cells do: shared, sparse and dense chunks, nulls, edits (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9_000 }),
        fc.array(fc.constantFrom<ChunkKind>('same', 'sparse', 'dense'), { minLength: 3, maxLength: 3 }),
        fc.array(cell, { minLength: 64, maxLength: 64 }),
        fc.array(fc.tuple(fc.nat(8_999), cell), { maxLength: 6 }),
        fc.integer(),
        async (rows, kinds, pool, edits, salt) => {
          const pick = (r: number, c: number): Cell => pool[Math.abs((r * 31 + c * 17 + salt) % pool.length)] ?? null;
          const source = tableFromRows(
            ['a', 'b'],
            Array.from({ length: rows }, (_, r) => [pick(r, 0), pick(r, 1)]),
          );
          const columns: MappedColumn[] = [0, 1].map((c) => {
            const b = new MappedColumnBuilder(source, c);
            for (let r = 0; r < rows; r++) {
              const kind = kinds[(r >> 12) % kinds.length];
              const changed = kind === 'dense' ? r % 5 !== 0 : kind === 'sparse' ? r % 97 === 3 : false;
              b.push(changed ? pick(r + 7, c + 1) : source.cell(r, c), !changed);
            }
            return b.finish();
          });
          // A derived column with no source column (a join): every chunk its own.
          const joined = new MappedColumnBuilder(source, -1);
          for (let r = 0; r < rows; r++) joined.push(r % 3 === 0 ? null : `${source.cell(r, 0) ?? ''}/${source.cell(r, 1) ?? ''}`, false);
          columns.push(joined.finish());
          for (const [row, value] of edits) (columns[row % 3] as MappedColumn).set(row % rows, value);
          const table: Table = {
            columns: ['a', 'b', 'ab'],
            rowCount: rows,
            cell: (r, c) => columns[c]?.get(r) ?? null,
            row: (r) => columns.map((col) => col.get(r)),
            sourceRow: (r) => r + 2,
            cellSpan: (r, c, span) => columns[c]?.span(r, span) ?? null,
            columnSpans: (c, from, to, starts, ends) => columns[c]?.spans(from, to, starts, ends) ?? null,
          };
          const order = [2, -1, 0, 1];
          expect(await fastBytes(table, order)).toBe(await slowBytes(plain(table), order));
        },
      ),
      propertyConfig({ numRuns: 25 }),
    );
  });

  it('a run of the source is read in place only when it holds the run whole', () => {
    const source = tableFromRows(['a'], Array.from({ length: 5_000 }, (_, r) => [`v${r}`]));
    const b = new MappedColumnBuilder(source, 0);
    for (let r = 0; r < 5_000; r++) b.push(r === 4_500 ? 'x' : source.cell(r, 0), r !== 4_500);
    const column = b.finish();
    const starts = new Int32Array(4_096);
    const ends = new Int32Array(4_096);
    // The first chunk is the source's own text; the second holds one cell of its own (sparse).
    const text = column.spans(0, 4_096, starts, ends);
    expect(text?.slice(starts[10], ends[10])).toBe('v10');
    expect(column.spans(4_096, 5_000, starts, ends)).toBeNull();
    expect(column.spans(4_000, 4_200, starts, ends)).toBeNull();
    column.set(3, 'edited');
    expect(column.spans(0, 4_096, starts, ends)).toBeNull();
    expect(column.spans(0, 3, starts, ends)).not.toBeNull();
  });
});

const map = (column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });

/** Contacts with a picklist (stage, normalised to option keys on output) and trimmed names. */
const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [map(0, 'external_id'), map(1, 'email', [{ kind: 'trim' }]), map(2, 'lifecycle_stage'), map(3, 'first_name', [{ kind: 'trim' }, { kind: 'case', to: 'title' }])],
};

describe('the mapped data as the diff reads it', () => {
  it('diffTables over the mapped table gives the same result as over its cells one string at a time (property)', async () => {
    const stages = ['lead', 'Lead', 'CUSTOMER', 'customer', 'nope', '', 'Opportunity'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6_000 }),
        fc.array(fc.nat(5_999), { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(5_999), cell), { maxLength: 5 }),
        fc.constantFrom<'skip' | 'include'>('skip', 'include'),
        fc.integer({ min: 0, max: 1000 }),
        async (rows, deleted, edits, policy, salt) => {
          const source = tableFromRows(
            ['ID', 'Email', 'Stage', 'First'],
            Array.from({ length: rows }, (_, r) => [
              String(r),
              (r + salt) % 11 === 0 ? ` u${r}@example.com ` : (r + salt) % 13 === 0 ? 'not-an-email' : `u${r}@example.com`,
              stages[(r + salt) % stages.length] ?? null,
              (r + salt) % 7 === 0 ? ' zoë ' : (r + salt) % 5 === 0 ? null : 'Ada',
            ]),
          );
          const ws = await MappedWorkspace.create(source, PLAN, undefined, () => {});
          if (deleted.length > 0) await ws.apply({ kind: 'delete-rows', rows: [...new Set(deleted.map((d) => d % rows))] });
          for (const [row, value] of edits) await ws.apply({ kind: 'set', row: row % rows, field: 'first_name', value });
          const next = mappedTable(ws, policy).table;
          const base = tableFromRows(
            next.columns,
            Array.from({ length: Math.min(rows, 3_000) }, (_, r) => next.columns.map((_c, c) => (r % 9 === 0 && c === 3 ? 'Old' : next.cell(r, c)))),
          );
          const opts: DiffOptions = {
            key: { columns: ['external_id'], trim: true, caseInsensitive: false },
            mode: 'mirror',
            rules: { default: 'always', fields: [] },
            quietClass: false,
          };
          const fast = await diffTables(base, next, opts);
          const slow = await diffTables(plain(base), plain(next), opts);
          expect(await keyedDigests(base, next, fast)).toEqual(await keyedDigests(plain(base), plain(next), slow));
          expect(fast.counts).toEqual(slow.counts);
          expect(Array.from(fast.kinds)).toEqual(Array.from(slow.kinds));
          expect([...fast.fields]).toEqual([...slow.fields]);
          const cols = next.columns.map((_c, c) => c);
          expect(toHex(await fingerprintRecords(next, cols))).toBe(toHex(await fingerprintRecords(plain(next), cols)));
        },
      ),
      propertyConfig({ numRuns: 15 }),
    );
  });
});

describe('canonical encoding of Latin text', () => {
  it('writes code units below U+0300 as UTF-8 in place, and anything above through NFC, as canonicalRecord does (property)', async () => {
    // Units around the fast path's edges: ASCII, two-byte Latin, combining marks from U+0300,
    // three-byte text, and lone or paired surrogates.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0x2ff }),
      fc.integer({ min: 0x300, max: 0x36f }),
      fc.constantFrom(0x7ff, 0x800, 0x958, 0xac00, 0xd83d, 0xde00, 0xfffd),
    ).map((c) => String.fromCharCode(c));
    const value = fc.option(fc.string({ unit, maxLength: 14 }), { nil: null, freq: 8 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { maxLength: 40 }), async (rows) => {
        const table = tableFromRows(['a', 'b'], rows);
        expect(await fastBytes(table, [1, 0])).toBe(await slowBytes(plain(table), [1, 0]));
        const enc = await encodeRecords(table, [1, 0]);
        rows.forEach((r, i) => expect(toHex(recordBytes(enc, i))).toBe(toHex(canonicalRecord([r[1] ?? null, r[0] ?? null]))));
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

describe('encodeRecords in a given order', () => {
  it('lays records out in the given order, long and short, byte for byte (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 500, maxLength: 700 })), { maxLength: 60 }), fc.integer(), async (values, seed) => {
        const table = tableFromRows(['v'], values.map((v) => [v]));
        const enc = await encodeRecords(table, [0]);
        const n = values.length;
        // A permutation from the seed (Fisher–Yates with an LCG), possibly leaving rows out.
        const order = Array.from({ length: n }, (_, i) => i);
        let x = seed >>> 0;
        for (let i = n - 1; i > 0; i--) {
          x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
          const j = x % (i + 1);
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        const kept = order.slice(0, n - (x % 3 === 0 ? Math.min(n, 2) : 0));
        const out = await encodeRecords(table, [0], undefined, Int32Array.from(kept));
        kept.forEach((r, p) => expect(toHex(recordBytes(out, p))).toBe(toHex(recordBytes(enc, r))));
        expect(out.bytes.length).toBe(out.offsets[kept.length]);
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });
});

describe('canonical encoding of a CSV table, whose columns share one text per block of rows', () => {
  // The encoder encodes a run's text to bytes once for every field that shares it (was once per
  // field: 12 columns encoded the block 12 times). Fields must still read their own cells, in
  // ASCII blocks (bytes) and in blocks with an accent (characters), missing cells included.
  it.each([
    ['ASCII', (i: number) => `Name${i}`],
    ['an accent in every 500th row', (i: number) => (i % 500 === 0 ? `Zoë${i}` : `Name${i}`)],
  ])('%s: as cell by cell, fields in any order and repeated', async (_, name) => {
    const lines = ['id,name,city,note'];
    for (let i = 0; i < 9_000; i++) lines.push(`${i},${name(i)},${i % 7 === 0 ? '' : `City ${i % 13}`}${i % 11 === 0 ? '' : `,n${i}`}`);
    const { table } = await readCsv(`${lines.join('\r\n')}\r\n`, {
      delimiter: ',', quoteChar: '"', newline: '\r\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown',
    });
    expect(table.rowCount).toBe(9_000);
    for (const cols of [[0, 1, 2, 3], [3, 1, -1, 0, 2], [1, 1, 0]]) {
      expect(await fastBytes(table, cols)).toBe(await slowBytes(plain(table), cols));
    }
  });
});
