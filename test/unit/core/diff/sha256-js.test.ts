import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256RoundsSource } from '../../../../scripts/gen-sha256-rounds.mjs';
import { toHex } from '../../../../src/core/diff/digest';
import { sha256Range, sha256Records, Sha256Stream } from '../../../../src/core/diff/sha256-js';
import { propertyConfig } from '../../../support/seeded';
import { digestInCuts } from '../../../support/sha256-cuts';

const webCrypto = async (bytes: Uint8Array): Promise<string> =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));

// Lengths around the block (64) and padding (55/56) boundaries, and longer ones.
const length = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(55, 56, 63, 64, 65, 119, 120, 127, 128, 129));

describe('SHA-256 in TypeScript', () => {
  it('FIPS 180-4 test vectors', () => {
    const out = new Uint8Array(32);
    const abc = new TextEncoder().encode('abc');
    sha256Range(abc, 0, 3, out, 0);
    expect(toHex(out)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const two = new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    sha256Range(two, 0, two.length, out, 0);
    expect(toHex(out)).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('a range digests like Web Crypto digests those bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 8 }), length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), async (before, body) => {
        const bytes = new Uint8Array([...before, ...body, 7, 7]);
        const out = new Uint8Array(40);
        sha256Range(bytes, before.length, before.length + body.length, out, 8);
        expect(toHex(out.subarray(8))).toBe(await webCrypto(body));
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('records back to back each get their own digest (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), { maxLength: 12 }), async (records) => {
        const offsets = new Uint32Array(records.length + 1);
        records.forEach((r, i) => (offsets[i + 1] = (offsets[i] as number) + r.length));
        const bytes = new Uint8Array(offsets[records.length] as number);
        records.forEach((r, i) => bytes.set(r, offsets[i]));
        const out = new Uint8Array(32 * records.length);
        sha256Records(bytes, offsets, 0, records.length, out);
        for (let i = 0; i < records.length; i++) expect(toHex(out.subarray(32 * i, 32 * i + 32))).toBe(await webCrypto(records[i] as Uint8Array));
      }),
      propertyConfig({ numRuns: 100 }),
    );
  });

  it('a stream fed in any pieces digests like Web Crypto digests the whole (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 700 }), fc.array(fc.integer({ min: 0, max: 130 }), { maxLength: 20 }), async (bytes, cuts) => {
        expect(toHex(digestInCuts(new Sha256Stream(), bytes, cuts))).toBe(await webCrypto(bytes));
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });
});

describe('the generated SHA-256 rounds', () => {
  it('are what scripts/gen-sha256-rounds.mjs writes (edit the script, not the file)', async () => {
    const file = readFileSync(new URL('../../../../src/core/diff/sha256-rounds.ts', import.meta.url), 'utf8');
    expect(file).toBe(sha256RoundsSource());
  });

  it('a long stream (a snapshot part of several MB) digests like Web Crypto', async () => {
    // Seeded bytes, fed in uneven pieces, over many blocks: the unrolled rounds' state carried
    // from block to block and across calls.
    let x = 0x2545f491;
    const bytes = new Uint8Array((3 << 20) + 77);
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    const stream = new Sha256Stream();
    for (let p = 0, step = 1; p < bytes.length; p += step, step = (step * 7 + 13) % 100_003) stream.update(bytes.subarray(p, Math.min(bytes.length, p + step)));
    expect(toHex(stream.digest())).toBe(await webCrypto(bytes));
  });
});
