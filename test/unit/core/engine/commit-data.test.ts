import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalRecord } from '../../../../src/core/diff/canonical-form';
import { toHex } from '../../../../src/core/diff/digest';
import { fingerprintRecords, setRecordHasher, type RecordHasher } from '../../../../src/core/diff/fingerprint';
import { sha256Range, Sha256Stream } from '../../../../src/core/diff/sha256-js';
import { writeCommitData } from '../../../../src/core/engine/commit-data';
import { setSnapshotDigest, startSnapshotData, type SnapshotDigest } from '../../../../src/core/engine/snapshot-data';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { readCsv } from '../../../../src/core/read/csv-read';
import { givingBack, type GivenBack } from '../../../support/giving-back';
import { propertyConfig } from '../../../support/seeded';
import { snapshotRowsBytes } from '../../../support/snapshot-rows';

// A commit writes the snapshot and the fingerprints in one pass, the canonical records copied
// from the NDJSON bytes just written wherever a cell lies there as it is. Held byte for byte to
// the two passes it replaces (startSnapshotData, then fingerprintRecords) and to the references
// under them (the rows layout by JSON.stringify, test/support/snapshot-rows.ts; canonicalRecord +
// SHA-256).

afterEach(() => {
  setRecordHasher(null);
  setSnapshotDigest(hereDigest);
});

/**
 * Values from every range the two encodings treat apart: ASCII with JSON escapes, below U+0300,
 * combining marks and other text NFC changes (U+0958 grows, U+F900 maps, Hangul jamo compose),
 * CJK ideographs (NFC as they are), Cyrillic, three-byte punctuation, surrogates paired and lone.
 */
const WIDE = ['é', 'Zoë', 'Ünïcödé', '王芳', '张伟', 'Cafe\u0301', '\u0958', '\uf900', '\u1100\u1161', '€', '\u2028', '\ufeff', '\uffff', 'ß', 'Пётр', '😀', '\ud800', '\udc00x'];
const ASCII = ['', 'plain', 'a"b', 'back\\slash', 'tab\tin', 'line\nfeed', '\r', '\u0000', '\u001f', '\u007f', '12', ' x ', '/'];

/** A seeded xorshift source of values: a table holds thousands, too many to shrink one by one. */
function values(seed: number, wideShare: number): () => string {
  let x = seed | 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)] as string;
  return () => (next() < 0.5 ? pick(ASCII) : '') + (next() < wideShare ? pick(WIDE) : pick(ASCII)) + (next() < 0.5 ? String(Math.floor(next() * 1e6)) : '');
}

/** `oneByte`: its blocks kept one byte a character, as a file's from ONE_BYTE_FROM up (csv-read.ts); else as decoded. */
async function csvTable(rows: readonly (readonly string[])[], columns: readonly string[], oneByte = false): Promise<Table> {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(row.map((v) => `"${v.replaceAll('"', '""')}"`).join(','));
  const { table } = await readCsv(`${lines.join('\r\n')}\r\n`, {
    delimiter: ',', quoteChar: '"', newline: '\r\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown',
  }, {}, { oneByteFrom: oneByte ? 0 : Infinity });
  return table;
}

/** The same table with cells only: every cell read as its string (no spans, no runs). */
const plain = (t: Table): Table => ({ columns: t.columns, rowCount: t.rowCount, cell: (r, c) => t.cell(r, c), row: (r) => t.row(r), sourceRow: (r) => t.sourceRow(r) });

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
const blobBytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

/** One pass against the two passes, and both against the references. */
async function expectSame(table: Table, order: readonly number[], known?: { fingerprints: Uint8Array; from: (row: number) => number }): Promise<void> {
  const one = await writeCommitData(table, order, known);
  const oneSnap = await one.snapshot.done;
  const snap = await (await startSnapshotData(table)).done;
  const fps = await fingerprintRecords(table, order, {}, known);
  expect(latin1(await blobBytes(oneSnap.blob))).toBe(latin1(await blobBytes(snap.blob)));
  expect(latin1(await blobBytes(oneSnap.blob))).toBe(latin1(snapshotRowsBytes(table)));
  expect(oneSnap.parts.length).toBe(snap.parts.length);
  expect(oneSnap.sha256).toBe(snap.sha256);
  expect(toHex(one.fingerprints)).toBe(toHex(fps));
  // And the fingerprints of hashed rows against canonicalRecord itself, a sample.
  const digest = new Uint8Array(32);
  for (let r = 0; r < table.rowCount; r += 61) {
    if ((known?.from(r) ?? -1) >= 0) continue;
    const bytes = canonicalRecord(order.map((c) => (c < 0 ? null : table.cell(r, c))));
    sha256Range(bytes, 0, bytes.length, digest, 0);
    expect(toHex(one.fingerprints.subarray(r * 32, r * 32 + 32))).toBe(toHex(digest));
  }
}

describe('writeCommitData: the snapshot and the fingerprints in one pass', () => {
  it('a CSV table (one text per block, shared by its columns): the two passes’ bytes, digest and fingerprints (differential, property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.integer({ min: 1, max: 9_000 }),
        fc.constantFrom(0, 0.01, 0.3),
        fc.boolean(),
        async (seed, rowCount, wideShare, oneByte) => {
          const value = values(seed, wideShare);
          const rows = Array.from({ length: rowCount }, (_, i) => [String(i), value(), value(), value()]);
          const table = await csvTable(rows, ['id', 'name', 'a.b', 'a.c'], oneByte);
          expect(table.rowCount).toBe(rowCount);
          await expectSame(table, [0, 1, 2, 3]);
          // Fields in another order, repeated, and one the table lacks.
          await expectSame(table, [3, 1, -1, 0, 2, 1]);
        },
      ),
      propertyConfig({ numRuns: 12 }),
    );
  });

  it('packed columns with missing cells, nested keys, and cells read as strings: the two passes’ results (differential, property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.integer({ min: 0, max: 6_000 }),
        fc.constantFrom(0.02, 0.5),
        async (seed, rowCount, wideShare) => {
          const value = values(seed, wideShare);
          const rows: Cell[][] = Array.from({ length: rowCount }, (_, i) => [String(i), i % 5 === 0 ? null : value(), value(), i % 97 === 3 ? value() : null]);
          const table = tableFromRows(['id', 'x.y', 'x.z', 'sparse'], rows);
          expect(table.rowCount).toBe(rowCount);
          await expectSame(table, [0, 1, 2, 3]);
          await expectSame(plain(table), [3, 2, 1, 0]);
        },
      ),
      propertyConfig({ numRuns: 12 }),
    );
  });

  it('copies known fingerprints and hashes the other rows, with a helper that answers out of order or not at all (differential, property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 0x7fffffff }),
        // Two rows at least: row 1 is hashed (a row in three has a known fingerprint).
        fc.integer({ min: 2, max: 13_000 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        async (seed, rowCount, delays, failures, oneByte) => {
          const value = values(seed, 0.1);
          const rows = Array.from({ length: rowCount }, (_, i) => [String(i), value(), value()]);
          const table = await csvTable(rows, ['id', 'name', 'note'], oneByte);
          const order = [0, 1, 2];
          // Stored fingerprints for some rows (a snapshot baseline's unchanged records): deliberately
          // not these rows' own, so a copied one is told apart from a hashed one.
          const stored = new Uint8Array(rowCount * 32).map((_, i) => (i * 7 + seed) & 0xff);
          const known = { fingerprints: stored, from: (r: number) => (r % 3 === 0 ? rowCount - 1 - r : -1) };
          let calls = 0;
          const hasher: RecordHasher = async (bytes, ends, count) => {
            const call = calls++;
            for (let k = delays[call % 8] as number; k > 0; k--) await new Promise((r) => setTimeout(r, 0));
            if (failures[call % 8] === true) throw new Error('helper died');
            const out = new Uint8Array(count * 32);
            for (let i = 0; i < count; i++) sha256Range(bytes, ends[i] as number, ends[i + 1] as number, out, i * 32);
            return out;
          };
          const here = await fingerprintRecords(table, order, {}, known);
          setRecordHasher(hasher);
          const { fingerprints, snapshot } = await writeCommitData(table, order, known);
          expect(calls).toBeGreaterThan(0);
          expect(toHex(fingerprints)).toBe(toHex(here));
          expect(toHex(fingerprints.subarray(0, 32))).toBe(toHex(stored.subarray((rowCount - 1) * 32, rowCount * 32)));
          expect((await snapshot.done).sha256).toBe((await (await startSnapshotData(table)).done).sha256);
        },
      ),
      propertyConfig({ numRuns: 10 }),
    );
  });

  it('parts written into buffers the helper gave back, late and out of order, while it hashes the records: the same snapshot and fingerprints (differential, property)', async () => {
    // ~15 MB of NDJSON, four parts: the cells each block's records are encoded from lie in
    // whichever buffer the writer is in.
    const value = values(7, 0.2);
    const rows = Array.from({ length: 40_000 }, (_, i) => [String(i), value(), `${value()} ${'n'.repeat(250 + (i % 61))}`]);
    // Blocks kept one byte a character, a wide cell moved apart (as from ONE_BYTE_FROM up, though this text is ~15 MB).
    const table = await csvTable(rows, ['id', 'name', 'note'], true);
    const order = [0, 1, 2];
    setSnapshotDigest(hereDigest);
    const snap = await (await startSnapshotData(table)).done;
    const fps = toHex(await fingerprintRecords(table, order));
    const snapBytes = Buffer.from(await snap.blob.arrayBuffer());
    expect(snap.parts.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }), async (later, delays) => {
        const seen: GivenBack = { reused: 0, written: 0, parts: 0 };
        setSnapshotDigest(givingBack([0, ...later], seen));
        let calls = 0;
        setRecordHasher(async (bytes, ends, count) => {
          for (let k = delays[calls++ % 4] as number; k > 0; k--) await new Promise((r) => setTimeout(r, 0));
          const out = new Uint8Array(count * 32);
          for (let i = 0; i < count; i++) sha256Range(bytes, ends[i] as number, ends[i + 1] as number, out, i * 32);
          return out;
        });
        const one = await writeCommitData(table, order);
        const oneSnap = await one.snapshot.done;
        expect(seen.written).toBe(0);
        expect(seen.reused).toBeGreaterThan(0);
        expect(toHex(one.fingerprints)).toBe(fps);
        expect(oneSnap.sha256).toBe(snap.sha256);
        expect(oneSnap.parts.map((p) => p.size)).toEqual(snap.parts.map((p) => p.size));
        expect(Buffer.from(await oneSnap.blob.arrayBuffer()).equals(snapBytes)).toBe(true);
      }),
      propertyConfig({ numRuns: 3 }),
    );
  });
});

/** The digest in this thread, as Node has it. */
function hereDigest(): SnapshotDigest {
  const h = new Sha256Stream();
  return { update: (b) => h.update(b), digest: async () => h.digest(), drop: () => {} };
}
