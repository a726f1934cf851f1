/** Bytes in one SHA-256 digest. */
export const DIGEST_BYTES = 32;

/** How many digest calls are in flight at once; Promise.all over them is fine (docs/design.md, "Hashing and the diff"). */
const BATCH = 1024;
/**
 * How many bytes are in flight at once. Web Crypto copies its input when called, so a batch of
 * views is a second copy of their bytes until it is digested: the keyed dataset digest's pages
 * (all of a side's records, ~130 MB at 1M contacts) were copied at once (docs/architecture.md,
 * "Memory that ends").
 */
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * SHA-256 of each view with Web Crypto (`crypto.subtle.digest`), written into `out` at
 * `DIGEST_BYTES * slots[i]`. The engine costs per call, not per byte, so callers pass as few
 * views as they can.
 *
 * @example
 * const out = new Uint8Array(32);
 * await digestInto([new Uint8Array()], [0], out); // out = SHA-256('')
 */
export async function digestInto(
  views: readonly Uint8Array[],
  slots: ArrayLike<number>,
  out: Uint8Array,
  checkpoint: () => Promise<void> = async () => {},
): Promise<void> {
  let i = 0;
  while (i < views.length) {
    const pending: Promise<ArrayBuffer>[] = [];
    let bytes = 0;
    // At least one view per batch, however large.
    while (i + pending.length < views.length && pending.length < BATCH && (pending.length === 0 || bytes < BATCH_BYTES)) {
      const view = views[i + pending.length] as Uint8Array;
      bytes += view.byteLength;
      pending.push(sha256(view));
    }
    const done = await Promise.all(pending);
    for (let j = 0; j < done.length; j++) {
      out.set(new Uint8Array(done[j] as ArrayBuffer), (slots[i + j] as number) * DIGEST_BYTES);
    }
    i += done.length;
    await checkpoint();
  }
}

/** One SHA-256 through Web Crypto. */
export function sha256(data: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
}

/**
 * Lower-case hex of bytes.
 *
 * @example
 * toHex(new Uint8Array([0, 255])); // '00ff'
 */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** True when digest `i` of `a` equals digest `j` of `b`. */
export function sameDigest(a: Uint8Array, i: number, b: Uint8Array, j: number): boolean {
  const x = i * DIGEST_BYTES;
  const y = j * DIGEST_BYTES;
  for (let k = 0; k < DIGEST_BYTES; k++) if (a[x + k] !== b[y + k]) return false;
  return true;
}
