import { createHash } from 'node:crypto';
import * as fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toHex } from '../../../src/core/diff/digest';
import { PartGroups } from '../../../src/core/engine/part-groups';
import { workerDigest } from '../../../src/workers/digest-client';
import { propertyConfig } from '../../support/seeded';

// Node has no Web Worker: a digest large enough to want one falls back to this thread, so these
// hold the client's own part (parts held, then handed on in order) to node:crypto's digest.

/** `n` bytes in parts of `size`, from one reused buffer (as the writers hand them out). */
async function digestOf(n: number, size: number): Promise<{ ours: string; want: string }> {
  const all = Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 9)) & 0xff);
  const digest = workerDigest();
  const reused = new Uint8Array(size);
  for (let at = 0; at < n; at += size) {
    const part = reused.subarray(0, Math.min(size, n - at));
    part.set(all.subarray(at, at + part.length));
    await digest.update(part);
    reused.fill(0); // the writer writes over its buffer once the part is consumed
  }
  return { ours: toHex(await digest.digest()), want: createHash('sha256').update(all).digest('hex') };
}

describe('workerDigest', () => {
  it('hashes a small export from the parts it held (copies, not views)', async () => {
    const { ours, want } = await digestOf(300_001, 65_536);
    expect(ours).toBe(want);
  });

  it('hands a large export on in order once past the local size', async () => {
    const { ours, want } = await digestOf(9_000_003, 1 << 20);
    expect(ours).toBe(want);
  });

  it('keeps a small export’s file from the parts it held, when asked to keep the parts', async () => {
    const all = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 13) & 0xff);
    const digest = workerDigest(true);
    const reused = new Uint8Array(65_536);
    for (let at = 0; at < all.length; at += reused.length) {
      const part = reused.subarray(0, Math.min(reused.length, all.length - at));
      part.set(all.subarray(at, at + part.length));
      await digest.update(part);
      reused.fill(0);
    }
    expect(toHex(await digest.digest())).toBe(createHash('sha256').update(all).digest('hex'));
    expect(digest.file).toBeDefined();
    const kept = digest.file === undefined ? new Blob() : await digest.file();
    const file = new Uint8Array(await kept.arrayBuffer());
    expect(Buffer.from(file).equals(Buffer.from(all))).toBe(true);
    expect(workerDigest().file).toBeUndefined();
  });

  it('hashes an empty export', async () => {
    const { ours, want } = await digestOf(0, 1024);
    expect(ours).toBe(want);
  });
});

/** The last bytes of a buffer the fake worker gave back, so it knows the buffer when it comes again. */
const MARK = [0xde, 0xad, 0xbe, 0xef];

/** Resolves after `n` macrotasks. */
async function ticks(n: number): Promise<void> {
  for (let k = n; k > 0; k--) await new Promise((r) => setTimeout(r, 0));
}

/**
 * export-digest.worker.ts's side of the conversation, in this thread: every message goes through
 * `structuredClone` with its transfer list (a moved buffer is detached where it was, as between
 * threads). Each part is hashed and acknowledged after `delays` macrotasks; once kept (`keep`),
 * parts are held in groups of ~3 MB (as the worker keeps ~32 MB a Blob, PartGroups) and a
 * group's buffers move back with the acknowledgement of the part that filled it, else each
 * part's own buffer does. Each buffer moved back is checked to be as it arrived (nobody wrote it
 * meanwhile), scribbled over and marked. A part that arrives in a marked buffer was copied into
 * one it gave back.
 */
class FakeDigestWorker {
  static delays: readonly number[] = [0];
  static seen = { parts: 0, reused: 0, written: 0 };
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  private readonly hash = createHash('sha256');
  private parts: PartGroups | null = null;
  private readonly arrived = new Map<Uint8Array, Uint8Array>();
  private ended = false;

  postMessage(data: unknown, transfer: Transferable[] = []): void {
    const m = structuredClone(data, { transfer }) as Uint8Array<ArrayBuffer> | 'keep' | 'digest';
    if (m === 'keep') this.parts = new PartGroups(3 << 20, '');
    else if (m === 'digest') {
      const digest = new Uint8Array(this.hash.digest());
      void ticks(1).then(() => this.reply({ kind: 'digest', digest, file: this.parts === null ? null : new Blob(this.parts.finish()) }, [digest.buffer]));
    } else this.part(m);
  }

  terminate(): void {
    this.ended = true;
  }

  private part(m: Uint8Array<ArrayBuffer>): void {
    const seen = FakeDigestWorker.seen;
    const whole = new Uint8Array(m.buffer);
    if (whole.length >= m.length + MARK.length && MARK.every((b, i) => whole[whole.length - MARK.length + i] === b)) seen.reused++;
    this.hash.update(m);
    this.arrived.set(m, m.slice());
    const given = this.parts === null ? [m] : this.parts.add(m);
    const delays = FakeDigestWorker.delays;
    void ticks(delays[seen.parts++ % delays.length] as number).then(() => {
      for (const g of given) {
        if (!Buffer.from(g).equals(Buffer.from(this.arrived.get(g) as Uint8Array))) seen.written++;
        this.arrived.delete(g);
        const all = new Uint8Array(g.buffer);
        all.fill(0x5a);
        all.set(MARK, all.length - MARK.length);
      }
      this.reply({ kind: 'done', bytes: m.length, given }, given.map((g) => g.buffer));
    });
  }

  private reply(message: unknown, transfer: Transferable[]): void {
    if (this.ended) return;
    this.onmessage?.({ data: structuredClone(message, { transfer }) });
  }
}

describe('workerDigest with a digest worker that moves each part’s buffer back', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('copies later parts into buffers given back, never one the worker still holds: the same SHA-256 and file (differential, property)', async () => {
    vi.stubGlobal('Worker', FakeDigestWorker);
    // 20 MB and a bit, in parts of ~1 MB as the writers hand them out (the last one short).
    const all = Uint8Array.from({ length: 20 * (1 << 20) + 12_345 }, (_, i) => (i * 31 + (i >> 11)) & 0xff);
    const want = createHash('sha256').update(all).digest('hex');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 4096 }), async (delays, jitter) => {
        FakeDigestWorker.delays = delays;
        FakeDigestWorker.seen = { parts: 0, reused: 0, written: 0 };
        const digest = workerDigest(true);
        const reused = new Uint8Array((1 << 20) + 4096);
        for (let at = 0, k = 0; at < all.length; k++) {
          const size = Math.min((1 << 20) + ((k * jitter) % 4096), all.length - at);
          const part = reused.subarray(0, size);
          part.set(all.subarray(at, at + size));
          await digest.update(part);
          reused.fill(0); // the writer writes over its buffer once the part is consumed
          // The writer gives the event loop a turn now and then (its checkpoint), so answers the
          // worker holds back a few macrotasks reach it: a group's buffers come back only then.
          if (k % 4 === 3) await ticks(5);
          at += size;
        }
        expect(toHex(await digest.digest())).toBe(want);
        const file = digest.file === undefined ? new Blob() : await digest.file();
        expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(all))).toBe(true);
        expect(FakeDigestWorker.seen.written).toBe(0);
        expect(FakeDigestWorker.seen.reused).toBeGreaterThan(0);
      }),
      propertyConfig({ numRuns: 5 }),
    );
  });
});
