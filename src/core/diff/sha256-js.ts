/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, for the two jobs Web Crypto does badly:
 *
 * - **many short records** — a record fingerprint is ~100–200 bytes. `crypto.subtle.digest`
 *   costs a promise and a thread hop per call (~150k records/s), where this loop hashes a
 *   record in about a microsecond straight out of the encoded buffer, with no view per record
 *   (docs/architecture.md, "Hashing");
 * - **a stream** — Web Crypto has no incremental digest, so hashing a 300 MB snapshot with it
 *   means holding all 300 MB in one buffer. {@link Sha256Stream} takes the bytes chunk by chunk.
 *
 * Why not a library: @noble/hashes (audited, and the one we would pick) does both jobs, but
 * makes a hash object and a result array per call; on 300,000 records of 150 bytes it measured
 * 2.3× slower than this loop, which writes into the caller's buffer (Node 20, same run).
 *
 * The compression function is generated with its 64 rounds written out (`sha256-rounds.ts`,
 * from scripts/gen-sha256-rounds.mjs): ~1.5× the speed of the loop it replaced, and a commit
 * spends half its CPU here (docs/architecture.md, "Commit").
 *
 * Same bytes in, same digest out as Web Crypto: `test/unit/core/diff/sha256-js.test.ts` checks
 * both against `crypto.subtle.digest` on seeded random inputs, block boundaries included.
 */
import { compressBlocks } from './sha256-rounds';

const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** The last block(s): `tail` holds the `rest` bytes left over, then 0x80, zeros and the bit length. */
function finishInto(h: Int32Array, tail: Uint8Array, rest: number, length: number, out: Uint8Array, at: number): void {
  tail[rest] = 0x80;
  tail.fill(0, rest + 1);
  let end = 64;
  if (rest >= 56) end = 128;
  // Bit length as a 64-bit big-endian number; lengths here stay below 2^53 bits.
  const bits = length * 8;
  const hi = Math.floor(bits / 0x100000000);
  const lo = bits >>> 0;
  tail[end - 8] = hi >>> 24;
  tail[end - 7] = hi >>> 16;
  tail[end - 6] = hi >>> 8;
  tail[end - 5] = hi;
  tail[end - 4] = lo >>> 24;
  tail[end - 3] = lo >>> 16;
  tail[end - 2] = lo >>> 8;
  tail[end - 1] = lo;
  compressBlocks(h, tail, 0, end);
  for (let i = 0; i < 8; i++) {
    const v = h[i] as number;
    out[at + 4 * i] = v >>> 24;
    out[at + 4 * i + 1] = v >>> 16;
    out[at + 4 * i + 2] = v >>> 8;
    out[at + 4 * i + 3] = v;
  }
}

const STATE = new Int32Array(8);
const TAIL = new Uint8Array(128);

/** SHA-256 of `bytes[start..end)` written as 32 bytes at `out[at..)`. */
export function sha256Range(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number): void {
  STATE.set(INIT);
  const p = compressBlocks(STATE, bytes, start, end);
  const rest = end - p;
  for (let i = 0; i < rest; i++) TAIL[i] = bytes[p + i] as number;
  finishInto(STATE, TAIL, rest, end - start, out, at);
}

/**
 * SHA-256 of each record `r` in `[from, to)` of `bytes[offsets[r]..offsets[r + 1])`, written at
 * `out[32 * (r - from + outFirst)..)`. Synchronous: callers slice the work between checkpoints.
 */
export function sha256Records(
  bytes: Uint8Array,
  offsets: Uint32Array,
  from: number,
  to: number,
  out: Uint8Array,
  outFirst = from,
): void {
  for (let r = from; r < to; r++) {
    sha256Range(bytes, offsets[r] as number, offsets[r + 1] as number, out, (r - from + outFirst) * 32);
  }
}

/**
 * An incremental SHA-256: `update` with each chunk as it is produced, `digest` once at the end.
 *
 * @example
 * const s = new Sha256Stream();
 * s.update(new TextEncoder().encode('ab'));
 * s.update(new TextEncoder().encode('c'));
 * toHex(s.digest()); // SHA-256('abc') = 'ba7816bf…'
 */
export class Sha256Stream {
  private readonly h = Int32Array.from(INIT);
  private readonly buffer = new Uint8Array(128);
  private buffered = 0;
  private length = 0;
  private done = false;

  update(bytes: Uint8Array): void {
    if (this.done) throw new Error('Sha256Stream: update after digest');
    this.length += bytes.length;
    let p = 0;
    if (this.buffered > 0) {
      const take = Math.min(64 - this.buffered, bytes.length);
      this.buffer.set(bytes.subarray(0, take), this.buffered);
      this.buffered += take;
      p = take;
      if (this.buffered < 64) return;
      compressBlocks(this.h, this.buffer, 0, 64);
      this.buffered = 0;
    }
    p = compressBlocks(this.h, bytes, p, bytes.length);
    this.buffer.set(bytes.subarray(p), 0);
    this.buffered = bytes.length - p;
  }

  digest(): Uint8Array {
    if (this.done) throw new Error('Sha256Stream: digest twice');
    this.done = true;
    const out = new Uint8Array(32);
    finishInto(this.h, this.buffer, this.buffered, this.length, out, 0);
    return out;
  }
}
