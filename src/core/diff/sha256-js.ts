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
 * Same bytes in, same digest out as Web Crypto: `test/unit/core/diff/sha256-js.test.ts` checks
 * both against `crypto.subtle.digest` on seeded random inputs, block boundaries included.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** The eight state words and the 64-word schedule, reused across calls (one thread, no reentry). */
const W = new Int32Array(64);

/** Compresses the 64-byte block at `bytes[p..p+64)` into `h`. */
function block(h: Int32Array, bytes: Uint8Array, p: number): void {
  for (let t = 0; t < 16; t++, p += 4) {
    W[t] = ((bytes[p] as number) << 24) | ((bytes[p + 1] as number) << 16) | ((bytes[p + 2] as number) << 8) | (bytes[p + 3] as number);
  }
  compress(h);
}

function compress(h: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const x = W[t - 15] as number;
    const y = W[t - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[t] = ((W[t - 16] as number) + s0 + (W[t - 7] as number) + s1) | 0;
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  let f = h[5] as number;
  let g = h[6] as number;
  let k = h[7] as number;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (k + S1 + ch + (K[t] as number) + (W[t] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0;
  h[5] = ((h[5] as number) + f) | 0;
  h[6] = ((h[6] as number) + g) | 0;
  h[7] = ((h[7] as number) + k) | 0;
}

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
  block(h, tail, 0);
  if (end === 128) block(h, tail, 64);
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
  let p = start;
  for (; p + 64 <= end; p += 64) block(STATE, bytes, p);
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
      block(this.h, this.buffer, 0);
      this.buffered = 0;
    }
    for (; p + 64 <= bytes.length; p += 64) block(this.h, bytes, p);
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
