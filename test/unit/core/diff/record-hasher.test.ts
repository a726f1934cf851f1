import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../../../src/core/diff/digest';
import { fingerprintRecords, placeDigests, setRecordHasher, type RecordHasher } from '../../../../src/core/diff/fingerprint';
import { sha256Range } from '../../../../src/core/diff/sha256-js';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

/**
 * With a record hasher installed (the engine worker's helper thread), fingerprints must be what
 * hashing here gives, whatever order the blocks come back in, and a block the hasher refuses is
 * hashed here.
 */

/** Hashes like the helper does, answering after `delay(i)` macrotasks (so blocks finish out of order). */
const helperLike =
  (delay: (call: number) => number, fail: (call: number) => boolean): RecordHasher & { calls: number } => {
    const h = Object.assign(
      async (bytes: Uint8Array<ArrayBuffer>, ends: Uint32Array<ArrayBuffer>, count: number) => {
        const call = h.calls++;
        for (let k = delay(call); k > 0; k--) await new Promise((r) => setTimeout(r, 0));
        if (fail(call)) throw new Error('helper died');
        const out = new Uint8Array(count * 32);
        for (let i = 0; i < count; i++) sha256Range(bytes, ends[i] as number, ends[i + 1] as number, out, i * 32);
        return out;
      },
      { calls: 0 },
    );
    return h;
  };

afterEach(() => setRecordHasher(null));

const value = fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 6 }), fc.constantFrom('张伟', 'Cafe\u0301', '\ud800'));

describe('fingerprints with a record hasher', () => {
  it('equal hashing here, blocks answered out of order, some refused (property)', async () => {
    // More than one block of 4,096 rows, so several are in flight at once.
    const rows: Cell[][] = Array.from({ length: 4096 * 3 + 17 }, (_, i) => [String(i), i % 7 === 0 ? null : `v${i}`]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, value), { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        async (extra, delays, failures) => {
          const table = tableFromRows(['id', 'v'], [...rows, ...extra.map(([a, b]) => [a, b])]);
          setRecordHasher(null);
          const here = await fingerprintRecords(table, [0, 1]);
          const hasher = helperLike((c) => delays[c % 8] as number, (c) => failures[c % 8] === true);
          setRecordHasher(hasher);
          const there = await fingerprintRecords(table, [0, 1]);
          expect(hasher.calls).toBe(4);
          expect(toHex(there)).toBe(toHex(here));
        },
      ),
      propertyConfig({ numRuns: 15 }),
    );
  });

  it('copies known fingerprints and sends only the rows to hash', async () => {
    const table = tableFromRows(['id'], Array.from({ length: 10 }, (_, i) => [String(i)]));
    const truth = await fingerprintRecords(table, [0]);
    const marked = truth.map((b) => b ^ 0xff);
    let sent = 0;
    const counting: RecordHasher = async (bytes, ends, count) => {
      sent += count;
      return helperLike(() => 0, () => false)(bytes, ends, count);
    };
    setRecordHasher(counting);
    // Even rows are known (marked, so a copy shows); odd rows are hashed by the hasher.
    const fp = await fingerprintRecords(table, [0], {}, { fingerprints: marked, from: (r) => (r % 2 === 0 ? r : -1) });
    expect(sent).toBe(5);
    for (let r = 0; r < 10; r++) {
      const expected = r % 2 === 0 ? marked : truth;
      expect(toHex(fp.subarray(r * 32, r * 32 + 32))).toBe(toHex(expected.subarray(r * 32, r * 32 + 32)));
    }
  });

  it('hashes a block here while six wait at a hasher that is behind, and still equals hashing here', async () => {
    // Ten blocks; the hasher answers only once the last block was handed out, so after six
    // waiting blocks the rest must be hashed in this thread (never waited for).
    const table = tableFromRows(['id', 'v'], Array.from({ length: 4096 * 10 }, (_, i) => [String(i), `v${i % 13}`]));
    setRecordHasher(null);
    const here = await fingerprintRecords(table, [0, 1]);
    const gated: { release?: () => void } = {};
    const gate = new Promise<void>((resolve) => (gated.release = resolve));
    const inner = helperLike(() => 0, () => false);
    let calls = 0;
    setRecordHasher(async (bytes, ends, count) => {
      calls++;
      await gate;
      return inner(bytes, ends, count);
    });
    const there = fingerprintRecords(table, [0, 1], {
      onProgress: (p) => {
        if (p.done === p.total) gated.release?.();
      },
    });
    expect(toHex(await there)).toBe(toHex(here));
    expect(calls).toBe(6);
  });
});

/**
 * A hasher that gives each block's bytes back once hashed (as the helper moves them back),
 * scribbled over first so a block copied into them short would show, and answers after
 * `delay(call)` macrotasks; counts the calls that got a buffer it gave back before.
 */
function givingBack(delay: (call: number) => number): RecordHasher & { calls: number; reused: number } {
  const given = new Set<ArrayBuffer>();
  const h = Object.assign(
    async (bytes: Uint8Array<ArrayBuffer>, ends: Uint32Array<ArrayBuffer>, count: number, giveBack?: (b: Uint8Array<ArrayBuffer>) => void) => {
      h.calls++;
      if (given.has(bytes.buffer)) h.reused++;
      const out = new Uint8Array(count * 32);
      for (let i = 0; i < count; i++) sha256Range(bytes, ends[i] as number, ends[i + 1] as number, out, i * 32);
      // Given back at once (the next block finds it whenever the caller yields or not), the
      // answer after the delay.
      new Uint8Array(bytes.buffer).fill(0x5a);
      given.add(bytes.buffer);
      giveBack?.(bytes);
      for (let k = delay(h.calls); k > 0; k--) await new Promise((r) => setTimeout(r, 0));
      return out;
    },
    { calls: 0, reused: 0 },
  );
  return h;
}

describe('record blocks copied into buffers the hasher gave back', () => {
  it('equal hashing here, out of order, and the buffers are used again (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, value), { maxLength: 20 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }), async (extra, delays) => {
        // Three blocks of 4,096 rows, the records of each longer than the last's.
        const rows: Cell[][] = Array.from({ length: 4096 * 3 }, (_, i) => [String(i), 'v'.repeat(1 + (i >> 12))]);
        const table = tableFromRows(['id', 'v'], [...rows, ...extra.map(([a, b]) => [a, b])]);
        setRecordHasher(null);
        const here = await fingerprintRecords(table, [0, 1]);
        const hasher = givingBack((c) => delays[c % 8] as number);
        setRecordHasher(hasher);
        const there = await fingerprintRecords(table, [0, 1]);
        expect(toHex(there)).toBe(toHex(here));
        expect(hasher.reused).toBeGreaterThan(0);
      }),
      propertyConfig({ numRuns: 5 }),
    );
  });
});

/** Each digest copied to its row's place one at a time: what {@link placeDigests} does by runs. */
function placeOneByOne(digests: Uint8Array, rows: Int32Array, count: number, out: Uint8Array): void {
  for (let i = 0; i < count; i++) out.set(digests.subarray(i * 32, (i + 1) * 32), (rows[i] as number) * 32);
}

describe('placeDigests', () => {
  it('puts each digest where one copy per record puts it: runs, gaps, rows out of order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }), fc.integer({ min: 0, max: 5 }), (picks, extra) => {
        // Rows made of runs: each pick starts a run of its own length at its own place.
        const rows = picks.flatMap((p, i) => Array.from({ length: (p % 4) + 1 }, (_, k) => (p + k + i * 3) % 48));
        const unique = [...new Set(rows)];
        const count = Math.max(0, unique.length - extra);
        const at = Int32Array.from(unique);
        const digests = Uint8Array.from({ length: unique.length * 32 }, (_, i) => (i * 7 + 3) & 0xff);
        const runs = new Uint8Array(48 * 32).fill(0xee);
        const one = new Uint8Array(48 * 32).fill(0xee);
        placeDigests(digests, at, count, runs);
        placeOneByOne(digests, at, count, one);
        expect(toHex(runs)).toBe(toHex(one));
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});
