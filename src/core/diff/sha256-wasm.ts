/**
 * SHA-256 in WebAssembly (the module: scripts/gen-sha256-wasm.mjs), for the threads that hash a
 * commit's snapshot and fingerprints and an export's file (docs/architecture.md, "Hashing"):
 * the same rounds as `sha256-js.ts`, ~1.5–2× its speed per byte, and a block of records hashed in
 * one call, four records at a time where the engine has WebAssembly SIMD. It needs the page's
 * Content Security Policy to allow `'wasm-unsafe-eval'` (vite.config.ts); where WebAssembly is
 * missing or refused, {@link loadWasmSha256} answers null and the caller keeps the TypeScript
 * one, whose digests are the same (`test/unit/core/diff/sha256-wasm.test.ts` holds both to Web
 * Crypto on seeded inputs).
 */
import { SHA256_SIMD_WASM_BASE64, SHA256_WASM_BASE64 } from './sha256-wasm-binary';

interface Sha256Exports {
  readonly memory: WebAssembly.Memory;
  compress(p: number, end: number): number;
  init(): void;
  finish(rest: number, hiBits: number, loBits: number, out: number): void;
  records(data: number, ends: number, count: number, out: number): void;
}

/** The module's fixed areas (scripts/gen-sha256-wasm.mjs): the tail, the state, a digest, the lanes' pads, then the caller's bytes. */
const TAIL = 0;
const STATE = 128;
const OUT = 160;
const DATA = 1024;
/** A stream is fed in slices of at most this, so the module's memory stays small whatever the part. */
const SLICE = 1 << 20;
const PAGE = 65536;
const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Which module: `simd` hashes records four at a time; `plain` is for an engine without SIMD. */
export type WasmSha256Kind = 'simd' | 'plain';

/** An incremental digest: `update` with each chunk, `digest` once (as `Sha256Stream`). */
export interface Sha256Incremental {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

export interface WasmSha256 {
  /** The module in use. */
  readonly kind: WasmSha256Kind;
  /** Digest of each record `i < count`, `bytes[ends[i]..ends[i + 1])`, at `out[32 i..)`. */
  records(bytes: Uint8Array, ends: Uint32Array, count: number, out: Uint8Array): void;
  /** A new incremental digest; any number may be open at once. */
  stream(): Sha256Incremental;
}

function instance(x: Sha256Exports, kind: WasmSha256Kind): WasmSha256 {
  let heap = new Uint8Array(x.memory.buffer);
  /** Room for `bytes` bytes from DATA. */
  const reserve = (bytes: number): void => {
    const need = DATA + bytes;
    if (need > x.memory.buffer.byteLength) x.memory.grow(Math.ceil((need - x.memory.buffer.byteLength) / PAGE));
    if (heap.buffer !== x.memory.buffer) heap = new Uint8Array(x.memory.buffer);
  };
  const stateOf = (h: Int32Array): void => new Int32Array(x.memory.buffer, STATE, 8).set(h);
  const stateInto = (h: Int32Array): void => h.set(new Int32Array(x.memory.buffer, STATE, 8));
  return {
    kind,
    records(bytes, ends, count, out) {
      const size = ends[count] as number;
      // The ends after the bytes, aligned to 4; the digests after the ends.
      const endsAt = DATA + ((size + 3) & ~3);
      const outAt = endsAt + 4 * (count + 1);
      reserve(outAt - DATA + 32 * count);
      heap.set(bytes.subarray(0, size), DATA);
      new Uint32Array(x.memory.buffer, endsAt, count + 1).set(ends.subarray(0, count + 1));
      x.records(DATA, endsAt, count, outAt);
      out.set(heap.subarray(outAt, outAt + 32 * count));
    },
    stream() {
      const h = Int32Array.from(INIT);
      const tail = new Uint8Array(64);
      let buffered = 0;
      let length = 0;
      let done = false;
      /** Compresses whole blocks of `bytes` (its length a multiple of 64) into `h`. */
      const blocks = (bytes: Uint8Array): void => {
        stateOf(h);
        for (let p = 0; p < bytes.length; p += SLICE) {
          const slice = bytes.subarray(p, Math.min(bytes.length, p + SLICE));
          reserve(slice.length);
          heap.set(slice, DATA);
          x.compress(DATA, DATA + slice.length);
        }
        stateInto(h);
      };
      return {
        update(bytes) {
          if (done) throw new Error('Sha256 stream: update after digest');
          length += bytes.length;
          let p = 0;
          if (buffered > 0) {
            p = Math.min(64 - buffered, bytes.length);
            tail.set(bytes.subarray(0, p), buffered);
            buffered += p;
            if (buffered < 64) return;
            blocks(tail);
            buffered = 0;
          }
          const whole = p + ((bytes.length - p) & ~63);
          if (whole > p) blocks(bytes.subarray(p, whole));
          tail.set(bytes.subarray(whole), 0);
          buffered = bytes.length - whole;
        },
        digest() {
          if (done) throw new Error('Sha256 stream: digest twice');
          done = true;
          stateOf(h);
          heap.set(tail.subarray(0, buffered), TAIL);
          const bits = length * 8;
          x.finish(buffered, Math.floor(bits / 0x100000000), bits >>> 0, OUT);
          return heap.slice(OUT, OUT + 32);
        },
      };
    },
  };
}

const loading = new Map<WasmSha256Kind | 'best', Promise<WasmSha256 | null>>();

/**
 * The WebAssembly SHA-256, compiled once per thread: the SIMD module where the engine compiles
 * it, else the plain one (`kind` picks one, for the tests and the bench); null where WebAssembly
 * is not there, the Content Security Policy refuses to compile it, or the platform is big-endian
 * (the module reads the record ends as little-endian words straight from a typed array).
 */
export function loadWasmSha256(kind?: WasmSha256Kind): Promise<WasmSha256 | null> {
  const key = kind ?? 'best';
  let made = loading.get(key);
  if (made === undefined) {
    made = (async () => {
      try {
        if (typeof WebAssembly === 'undefined' || new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) return null;
        // An engine without SIMD refuses to compile that module: the plain one then.
        if (kind === undefined) return (await loadWasmSha256('simd')) ?? (await loadWasmSha256('plain'));
        const { instance: compiled } = await WebAssembly.instantiate(decoded(kind === 'simd' ? SHA256_SIMD_WASM_BASE64 : SHA256_WASM_BASE64));
        return instance(compiled.exports as unknown as Sha256Exports, kind);
      } catch {
        return null;
      }
    })();
    loading.set(key, made);
  }
  return made;
}

function decoded(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
