import { hashString } from './fast-hash';

/** The sort hash of a missing key: such rows come last, in row order. */
export const MISSING_KEY_HASH = 0xffffffff;

/**
 * The sort hash of a key: FNV-1a, then a Knuth multiply so its top bits (the bucket) spread
 * even for sequential keys. Not trusted for equality; keys are always compared as strings.
 */
export function keySortHash(key: string | null): number {
  if (key === null) return MISSING_KEY_HASH;
  const h = Math.imul(hashString(key), 0x9e3779b1) >>> 0;
  return h === MISSING_KEY_HASH ? h - 1 : h;
}

/** Key sort hashes of every row. */
export function keySortHashes(keys: readonly (string | null)[]): Uint32Array {
  const out = new Uint32Array(keys.length);
  for (let r = 0; r < keys.length; r++) out[r] = keySortHash(keys[r] ?? null);
  return out;
}

/** -1, 0 or 1: keys in sort order (hash, then the key text). `null` keys equal each other. */
export function compareKeys(ha: number, ka: string | null, hb: number, kb: string | null): number {
  if (ha !== hb) return ha < hb ? -1 : 1;
  if (ka === kb) return 0;
  if (ka === null) return 1;
  if (kb === null) return -1;
  return ka < kb ? -1 : 1;
}

/**
 * Rows ordered by (key sort hash, key, row): a function of the key multiset apart from the order
 * of rows sharing a key (only in conflicts). Buckets (top bits of the hash) come out contiguous.
 *
 * @example
 * sortRowsByKey(['b', 'a', null], keySortHashes(['b', 'a', null])); // the null row last
 */
export function sortRowsByKey(keys: readonly (string | null)[], hashes: Uint32Array): Int32Array {
  return sortByKey(keys, hashes).order;
}

/**
 * {@link sortRowsByKey}, with the hashes in the same order (`sorted[p]` is the hash of the row
 * at position `p`), so the walks after it read hashes sequentially instead of through `order`.
 * A least-significant-digit radix sort on the hash (two stable passes of 16 bits from rows in
 * ascending order, so (hash, row) order): linear, where packing (hash, row) into doubles and
 * sorting them took ~4× as long at 1M rows (measured, bench/compare-engine.mjs).
 */
export function sortByKey(keys: readonly (string | null)[], hashes: Uint32Array): { order: Int32Array; sorted: Uint32Array } {
  const n = keys.length;
  const tmpOrder = new Int32Array(n);
  const tmpHash = new Uint32Array(n);
  const order = new Int32Array(n);
  const sorted = new Uint32Array(n);
  const counts = new Uint32Array(1 << 16);
  // Pass 1: by the low 16 bits, rows ascending.
  for (let r = 0; r < n; r++) {
    const d = (hashes[r] as number) & 0xffff;
    counts[d] = (counts[d] as number) + 1;
  }
  let sum = 0;
  for (let d = 0; d < 1 << 16; d++) {
    const c = counts[d] as number;
    counts[d] = sum;
    sum += c;
  }
  for (let r = 0; r < n; r++) {
    const h = hashes[r] as number;
    const d = h & 0xffff;
    const p = counts[d] as number;
    counts[d] = p + 1;
    tmpOrder[p] = r;
    tmpHash[p] = h;
  }
  // Pass 2: by the high 16 bits, stable, so ties keep the low-bits (then row) order.
  counts.fill(0);
  for (let p = 0; p < n; p++) {
    const d = (tmpHash[p] as number) >>> 16;
    counts[d] = (counts[d] as number) + 1;
  }
  sum = 0;
  for (let d = 0; d < 1 << 16; d++) {
    const c = counts[d] as number;
    counts[d] = sum;
    sum += c;
  }
  for (let p = 0; p < n; p++) {
    const h = tmpHash[p] as number;
    const d = h >>> 16;
    const q = counts[d] as number;
    counts[d] = q + 1;
    order[q] = tmpOrder[p] as number;
    sorted[q] = h;
  }
  // Runs of one hash (a collision, a duplicate key, missing keys): by key, then row.
  const byKey = (a: number, b: number): number =>
    compareKeys(0, keys[a] ?? null, 0, keys[b] ?? null) || a - b;
  for (let i = 0; i < n; ) {
    const h = sorted[i] as number;
    let j = i + 1;
    while (j < n && sorted[j] === h) j++;
    if (j - i > 1) order.subarray(i, j).sort(byKey);
    i = j;
  }
  return { order, sorted };
}

/** Target records per bucket: one SHA-256 per bucket per side decides whether it changed. */
export const BUCKET_RECORDS = 256;

/** Bits of the bucket index for `count` records at about `perBucket` records a bucket. */
export function bucketBits(count: number, perBucket: number): number {
  let bits = 0;
  while (bits < 24 && 2 ** bits * perBucket < count) bits++;
  return bits;
}

/**
 * Where each bucket starts in sorted order: bucket `b` is positions `[starts[b], starts[b + 1])`.
 * `sorted[p]` is the hash of the row at position `p` ({@link sortByKey}).
 */
export function bucketStarts(sorted: Uint32Array, bits: number): Uint32Array {
  const count = 2 ** bits;
  const starts = new Uint32Array(count + 1);
  for (let p = 0; p < sorted.length; p++) {
    const b = bits === 0 ? 0 : (sorted[p] as number) >>> (32 - bits);
    starts[b + 1] = (starts[b + 1] as number) + 1;
  }
  for (let b = 0; b < count; b++) starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  return starts;
}
