import * as fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { sha256WasmSource } from '../../../../scripts/gen-sha256-wasm.mjs';
import { toHex } from '../../../../src/core/diff/digest';
import { sha256Records } from '../../../../src/core/diff/sha256-js';
import { loadWasmSha256, type WasmSha256, type WasmSha256Kind } from '../../../../src/core/diff/sha256-wasm';
import { propertyConfig } from '../../../support/seeded';
import { digestInCuts } from '../../../support/sha256-cuts';

const webCrypto = async (bytes: Uint8Array): Promise<string> =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));

// Lengths around the block (64) and padding (55/56) boundaries, and longer ones.
const length = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(55, 56, 63, 64, 65, 119, 120, 127, 128, 129));

async function load(kind: WasmSha256Kind): Promise<WasmSha256> {
  const loaded = await loadWasmSha256(kind);
  if (loaded === null) throw new Error(`the ${kind} WebAssembly SHA-256 did not load in Node`);
  return loaded;
}

/** Records laid end to end, with their ends, as a commit's block of encoded records. */
function laidOut(records: Uint8Array[], before = 0): { bytes: Uint8Array; ends: Uint32Array } {
  const ends = new Uint32Array(records.length + 1);
  ends[0] = before;
  records.forEach((r, i) => (ends[i + 1] = (ends[i] as number) + r.length));
  const bytes = new Uint8Array((ends[records.length] as number) + 5).fill(0xa5);
  records.forEach((r, i) => bytes.set(r, ends[i]));
  return { bytes, ends };
}

describe('SHA-256 in WebAssembly: the modules', () => {
  it('are what scripts/gen-sha256-wasm.mjs writes (edit the script, not the file)', async () => {
    const file = readFileSync(new URL('../../../../src/core/diff/sha256-wasm-binary.ts', import.meta.url), 'utf8');
    expect(file).toBe(await sha256WasmSource());
  });

  it('the SIMD one is the one loaded where the engine has SIMD (Node 20 has)', async () => {
    expect(await loadWasmSha256()).toBe(await loadWasmSha256('simd'));
    expect((await loadWasmSha256())?.kind).toBe('simd');
    expect((await loadWasmSha256('plain'))?.kind).toBe('plain');
  });

  it('the plain one where the SIMD one does not compile (an engine without SIMD)', async () => {
    vi.resetModules();
    const compile = WebAssembly.instantiate.bind(WebAssembly) as (bytes: BufferSource) => Promise<WebAssembly.WebAssemblyInstantiatedSource>;
    let calls = 0;
    const spy = vi.spyOn(WebAssembly, 'instantiate').mockImplementation((async (bytes: BufferSource) => {
      calls++;
      if (calls === 1) throw new WebAssembly.CompileError('SIMD unsupported');
      return compile(bytes);
    }) as typeof WebAssembly.instantiate);
    try {
      const fresh = await import('../../../../src/core/diff/sha256-wasm');
      const loaded = await fresh.loadWasmSha256();
      expect(loaded?.kind).toBe('plain');
      expect(calls).toBe(2);
      const out = new Uint8Array(32);
      loaded?.records(new TextEncoder().encode('abc'), Uint32Array.of(0, 3), 1, out);
      expect(toHex(out)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    } finally {
      spy.mockRestore();
    }
  });
});

describe.each(['simd', 'plain'] as const)('SHA-256 in WebAssembly (%s)', (kind) => {
  const wasm = () => load(kind);

  it('FIPS 180-4 test vectors, as records and as streams', async () => {
    const w = await wasm();
    const abc = new TextEncoder().encode('abc');
    const two = new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    const { bytes, ends } = laidOut([abc, two, new Uint8Array(0)]);
    const out = new Uint8Array(96);
    w.records(bytes, ends, 3, out);
    expect(toHex(out.subarray(0, 32))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(out.subarray(32, 64))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(toHex(out.subarray(64))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const s = w.stream();
    s.update(abc);
    expect(toHex(s.digest())).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('records back to back each get the digest Web Crypto gives them, wherever the first starts (property)', async () => {
    const w = await wasm();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 70 }), fc.array(length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), { maxLength: 12 }), async (before, records) => {
        const { bytes, ends } = laidOut(records, before);
        const out = new Uint8Array(32 * records.length + 32).fill(0x5a);
        w.records(bytes, ends, records.length, out);
        for (let i = 0; i < records.length; i++) expect(toHex(out.subarray(32 * i, 32 * i + 32))).toBe(await webCrypto(records[i] as Uint8Array));
        // Nothing written past the last digest.
        expect(out.subarray(32 * records.length).every((b) => b === 0x5a)).toBe(true);
      }),
      propertyConfig({ numRuns: 150 }),
    );
  });

  it('records of very different lengths side by side (a lane idle for many blocks) digest as Web Crypto does (property)', async () => {
    const w = await wasm();
    const anyLength = fc.oneof(length, fc.integer({ min: 300, max: 3000 }));
    await fc.assert(
      fc.asyncProperty(fc.array(anyLength.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), { minLength: 1, maxLength: 10 }), async (records) => {
        const { bytes, ends } = laidOut(records, 3);
        const out = new Uint8Array(32 * records.length);
        w.records(bytes, ends, records.length, out);
        for (let i = 0; i < records.length; i++) expect(toHex(out.subarray(32 * i, 32 * i + 32))).toBe(await webCrypto(records[i] as Uint8Array));
      }),
      propertyConfig({ numRuns: 80 }),
    );
  });

  it('a block of 4,096 records after a larger one digests as the TypeScript SHA-256 does (the module memory reused)', async () => {
    const w = await wasm();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 0x7fffffff }), async (seed) => {
        let x = seed;
        const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x >>> 8);
        for (const count of [4096, 300]) {
          const records = Array.from({ length: count }, () => Uint8Array.from({ length: 80 + (next() % 120) }, () => next() & 0xff));
          const { bytes, ends } = laidOut(records);
          const out = new Uint8Array(32 * count);
          w.records(bytes, ends, count, out);
          const reference = new Uint8Array(32 * count);
          sha256Records(bytes, ends, 0, count, reference);
          expect(toHex(out)).toBe(toHex(reference));
        }
      }),
      propertyConfig({ numRuns: 3 }),
    );
  });

  it('a stream fed in any pieces digests like Web Crypto digests the whole (property)', async () => {
    const w = await wasm();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 700 }), fc.array(fc.integer({ min: 0, max: 130 }), { maxLength: 20 }), async (bytes, cuts) => {
        expect(toHex(digestInCuts(w.stream(), bytes, cuts))).toBe(await webCrypto(bytes));
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });

  it('streams open at once, fed in turns and in pieces past the 1 MiB slice, keep their own digests (property)', async () => {
    const w = await wasm();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 0x7fffffff }), fc.array(fc.integer({ min: 1, max: 1_500_000 }), { minLength: 1, maxLength: 4 }), async (seed, cuts) => {
        let x = seed;
        const bytes = new Uint8Array((3 << 20) + 77);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
        const a = w.stream();
        const b = w.stream();
        let p = 0;
        for (let i = 0; p < bytes.length; i++) {
          const end = Math.min(bytes.length, p + (cuts[i % cuts.length] as number));
          a.update(bytes.subarray(p, end));
          b.update(bytes.subarray(bytes.length - end, bytes.length - p).toReversed());
          p = end;
        }
        expect(toHex(a.digest())).toBe(await webCrypto(bytes));
        expect(toHex(b.digest())).toBe(await webCrypto(bytes.toReversed()));
      }),
      propertyConfig({ numRuns: 4 }),
    );
  });

  it('a stream longer than 2^32 bits (512 MiB, a 5M-row snapshot) carries the length high word', async () => {
    const w = await wasm();
    const zeros = new Uint8Array(1 << 20);
    const s = w.stream();
    const node = createHash('sha256');
    // 513 MiB and 3 bytes: the bit length's high word is 1, its low word is not zero.
    for (let i = 0; i < 513; i++) {
      s.update(zeros);
      node.update(zeros);
    }
    s.update(zeros.subarray(0, 3));
    node.update(zeros.subarray(0, 3));
    expect(toHex(s.digest())).toBe(node.digest('hex'));
  }, 60_000);

  it('a finished stream refuses more bytes and a second digest', async () => {
    const s = (await wasm()).stream();
    s.digest();
    expect(() => s.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => s.digest()).toThrow(/twice/);
  });
});
