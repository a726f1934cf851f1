import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../../../src/core/diff/digest';
import { Sha256Stream } from '../../../../src/core/diff/sha256-js';
import { setSnapshotDigest, SNAPSHOT_PART_BYTES, writeSnapshotData, type SnapshotDigest } from '../../../../src/core/engine/snapshot-data';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';
import { givingBack, type GivenBack } from '../../../support/giving-back';
import { snapshotRowsBytes } from '../../../support/snapshot-rows';

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const webCrypto = async (bytes: Uint8Array) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));

describe('writeSnapshotData', () => {
  it('writes the rows layout’s bytes (JSON.stringify of the names, then of each record’s cells), in parts of whole records, with their SHA-256 (property)', async () => {
    const cell = fc.oneof(fc.constant(null), fc.string({ maxLength: 6 }), fc.constantFrom('x\ny', '张伟', '"q"', '\ud800'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { maxLength: 40 }), async (rows) => {
        const table = tableFromRows(['a', 'b.c'], rows as Cell[][]);
        const data = await writeSnapshotData(table);
        const expected = snapshotRowsBytes(table);
        const all = await bytesOf(data.blob);
        expect(all).toEqual(expected);
        expect(data.size).toBe(expected.length);
        expect(data.sha256).toBe(await webCrypto(expected));
        const joined = new Uint8Array(await new Blob([...data.parts]).arrayBuffer());
        expect(joined).toEqual(expected);
        for (const p of data.parts) expect((await bytesOf(p)).at(-1)).toBe(0x0a);
      }),
      propertyConfig({ numRuns: 60 }),
    );
  });

  it('splits a large snapshot into parts of about SNAPSHOT_PART_BYTES, each whole records', async () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < 120_000; i++) rows.push([String(i).padStart(7, '0'), `Name ${i} with some text to make a line long enough`]);
    const data = await writeSnapshotData(tableFromRows(['id', 'name'], rows));
    expect(data.parts.length).toBeGreaterThan(1);
    let lines = 0;
    for (const p of data.parts.slice(0, -1)) expect(p.size).toBeGreaterThanOrEqual(SNAPSHOT_PART_BYTES);
    for (const p of data.parts) {
      const bytes = await bytesOf(p);
      expect(bytes.at(-1)).toBe(0x0a);
      for (const b of bytes) if (b === 0x0a) lines++;
    }
    // The header line of column names, then a line a record.
    expect(lines).toBe(1 + rows.length);
  });
});

const inThread = (): SnapshotDigest => {
  const h = new Sha256Stream();
  return { update: (b) => h.update(b), digest: async () => h.digest(), drop: () => {} };
};

/**
 * A helper that keeps what it is given as Blobs (as the digest worker does: `grouped`, three
 * parts a Blob, as it keeps ~64 MB a Blob), failing where asked.
 */
const keeping = (fail: 'none' | 'grouped' | 'digest' | 'parts' | 'short', made: { helpers: number }) => (): SnapshotDigest => {
  made.helpers++;
  const kept: Uint8Array<ArrayBuffer>[] = [];
  return {
    // Owned bytes are moved, as postMessage moves them to the helper: the writer's view reads 0 bytes after.
    update: (b, owned) => kept.push(owned === true ? structuredClone(b, { transfer: [b.buffer] }) : b.slice()),
    digest: async () => {
      if (fail === 'digest') throw new Error('helper died');
      return new Uint8Array(await crypto.subtle.digest('SHA-256', await new Blob(kept).arrayBuffer()));
    },
    drop: () => {},
    parts: async () => {
      if (fail === 'parts') throw new Error('no parts');
      const blobs = kept.map((b) => new Blob([b]));
      if (fail === 'grouped') return Array.from({ length: Math.ceil(kept.length / 3) }, (_, i) => new Blob(kept.slice(3 * i, 3 * i + 3)));
      return fail === 'short' ? blobs.slice(1) : blobs;
    },
  };
};

describe('snapshot digest off the writer’s thread', () => {
  afterEach(() => setSnapshotDigest(inThread));

  const rows: Cell[][] = Array.from({ length: 100_000 }, (_, i) => [String(i), `Name ${i} "quoted" \u00e9 ${'x'.repeat(i % 90)}`]);
  const table = tableFromRows(['id', 'name'], rows);
  const expected = () => webCrypto(snapshotRowsBytes(table));

  it('gets every byte of every part, in order, even though the writer reuses its buffer', async () => {
    // A helper that keeps what it is given, as a thread that reads later would see it.
    const kept: Uint8Array[] = [];
    setSnapshotDigest(() => ({
      update: (b) => kept.push(b.slice()),
      digest: async () => new Uint8Array(await crypto.subtle.digest('SHA-256', await new Blob(kept as Uint8Array<ArrayBuffer>[]).arrayBuffer())),
      drop: () => {},
    }));
    const data = await writeSnapshotData(table);
    expect(data.parts.length).toBeGreaterThan(1);
    expect(kept).toHaveLength(data.parts.length);
    expect(data.sha256).toBe(await expected());
  });

  it('takes the parts from a helper that keeps them, and writes the snapshot again here when it fails', async () => {
    const want = await writeSnapshotData(table);
    for (const fail of ['none', 'grouped', 'digest', 'parts', 'short'] as const) {
      const made = { helpers: 0 };
      setSnapshotDigest(keeping(fail, made));
      const data = await writeSnapshotData(table);
      // One helper only: the write again, if any, hashes in this thread.
      expect(made.helpers).toBe(1);
      // The helper's own parts where it kept them all (fewer where it grouped them), else the parts written again here.
      expect(data.parts.length).toBe(fail === 'grouped' ? Math.ceil(want.parts.length / 3) : want.parts.length);
      expect(data.sha256).toBe(await expected());
      expect(data.size).toBe(want.size);
      expect(Buffer.from(await data.blob.arrayBuffer()).equals(Buffer.from(await want.blob.arrayBuffer()))).toBe(true);
      expect(data.blob.type).toBe('application/x-ndjson');
    }
  });

  it('hashes the parts itself when the helper fails, and tells a cancelled write’s helper to drop it', async () => {
    let dropped = 0;
    setSnapshotDigest(() => ({ update: () => {}, digest: () => Promise.reject(new Error('helper died')), drop: () => dropped++ }));
    expect((await writeSnapshotData(table)).sha256).toBe(await expected());
    const controller = new AbortController();
    controller.abort();
    await expect(writeSnapshotData(table, controller.signal)).rejects.toThrow('The operation was cancelled.');
    expect(dropped).toBe(1);
  });
});

describe('part buffers given back by the helper', () => {
  afterEach(() => setSnapshotDigest(inThread));

  // ~18 MB of NDJSON: four parts and a bit, escapes and wide characters among them.
  const rows: Cell[][] = Array.from({ length: 60_000 }, (_, i) => [String(i), `${i % 7 === 0 ? '张伟 "q"\n' : 'Name'} ${i} ${'x'.repeat(200 + (i % 97))}`]);
  const table = tableFromRows(['id', 'name'], rows);

  it('are written into again only once given back: the same bytes, parts and SHA-256, a helper late and out of order (differential, property)', async () => {
    const want = await writeSnapshotData(table);
    const wantBytes = Buffer.from(await want.blob.arrayBuffer());
    expect(want.parts.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }), async (later) => {
        // The first part comes back at once, so the third is written into its buffer.
        const seen: GivenBack = { reused: 0, written: 0, parts: 0 };
        setSnapshotDigest(givingBack([0, ...later], seen));
        const data = await writeSnapshotData(table);
        expect(seen.written).toBe(0);
        expect(seen.reused).toBeGreaterThan(0);
        expect(data.sha256).toBe(want.sha256);
        expect(data.size).toBe(want.size);
        expect(data.parts.map((p) => p.size)).toEqual(want.parts.map((p) => p.size));
        expect(Buffer.from(await data.blob.arrayBuffer()).equals(wantBytes)).toBe(true);
      }),
      propertyConfig({ numRuns: 4 }),
    );
  });

  it('with no helper to give them to, the writer writes its one buffer again, each part read at once', async () => {
    const want = await writeSnapshotData(table);
    const buffers = new Set<ArrayBufferLike>();
    const hash = new Sha256Stream();
    let ownedParts = 0;
    setSnapshotDigest(() => ({
      update: (b, owned) => {
        buffers.add(b.buffer);
        if (owned === true) ownedParts++;
        hash.update(b);
      },
      digest: async () => hash.digest(),
      drop: () => {},
    }));
    const data = await writeSnapshotData(table);
    expect(data.parts.length).toBeGreaterThan(3);
    expect(buffers.size).toBe(1);
    expect(ownedParts).toBe(0);
    expect(data.sha256).toBe(want.sha256);
    expect(Buffer.from(await data.blob.arrayBuffer()).equals(Buffer.from(await want.blob.arrayBuffer()))).toBe(true);
  });
});
