import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/core/diff/digest';
import { workerDigest } from '../../../src/workers/digest-client';

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
