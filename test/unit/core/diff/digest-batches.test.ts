import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIGEST_BYTES, digestInto } from '../../../../src/core/diff/digest';

// Web Crypto copies what it digests when called: digestInto keeps the bytes in flight bounded
// (docs/architecture.md, "Memory that ends"), and every digest still lands in its slot.

afterEach(() => vi.restoreAllMocks());

/** Wraps the real digest to see how many bytes are handed to Web Crypto and not yet digested. */
function watchInFlight(): { most: () => number } {
  const real = crypto.subtle.digest.bind(crypto.subtle);
  let now = 0;
  let most = 0;
  vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (algorithm, data) => {
    const size = (data as ArrayBufferView).byteLength;
    now += size;
    most = Math.max(most, now);
    try {
      return await real(algorithm, data);
    } finally {
      now -= size;
    }
  });
  return { most: () => most };
}

describe('digestInto', () => {
  it('digests 64 MiB of pages into their slots with at most ~16 MiB handed over at once', async () => {
    const page = 512 * 1024;
    const data = new Uint8Array(128 * page);
    for (let i = 0; i < data.length; i += 4096) data[i] = (i / 4096) & 255;
    const views = Array.from({ length: 128 }, (_, p) => data.subarray(p * page, (p + 1) * page));
    // Slots in reverse: each digest must land where its slot says.
    const slots = views.map((_, p) => 127 - p);
    const out = new Uint8Array(128 * DIGEST_BYTES);
    const watch = watchInFlight();
    await digestInto(views, slots, out);
    expect(watch.most()).toBeGreaterThan(0);
    expect(watch.most()).toBeLessThanOrEqual(16 * 1024 * 1024 + page);
    views.forEach((v, p) => {
      const want = createHash('sha256').update(v).digest('hex');
      const slot = 127 - p;
      expect(Buffer.from(out.subarray(slot * DIGEST_BYTES, (slot + 1) * DIGEST_BYTES)).toString('hex')).toBe(want);
    });
  });

  it('takes a view larger than the bound on its own, and many small ones in batches', async () => {
    const big = new Uint8Array(20 * 1024 * 1024).fill(7);
    const small = Array.from({ length: 3000 }, (_, i) => new Uint8Array([i & 255, i >> 8]));
    const views = [...small.slice(0, 10), big, ...small.slice(10)];
    const out = new Uint8Array(views.length * DIGEST_BYTES);
    await digestInto(views, views.map((_, i) => i), out);
    views.forEach((v, i) => {
      expect(Buffer.from(out.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES)).toString('hex')).toBe(createHash('sha256').update(v).digest('hex'));
    });
  });
});
