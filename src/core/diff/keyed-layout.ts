import type { Table } from '../model/table';
import { hashString } from './fast-hash';
import { type KeyStore, MISSING_KEY_HASH, readKeyStore, spreadHash } from './key-store';
import type { KeySpec } from './key-spec';

export { MISSING_KEY_HASH } from './key-store';

/**
 * The sort hash of a key: FNV-1a, then a Knuth multiply so its top bits (the bucket) spread
 * even for sequential keys. Not trusted for equality; keys are always compared in full.
 */
export function keySortHash(key: string | null): number {
  if (key === null) return MISSING_KEY_HASH;
  return spreadHash(hashString(key));
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
 */
export function sortByKey(
  keys: readonly (string | null)[],
  hashes: Uint32Array,
): { order: Int32Array; sorted: Uint32Array } {
  const out = sortByHash(hashes);
  settleTies(out.order, out.sorted, (a, b) => compareKeys(0, keys[a] ?? null, 0, keys[b] ?? null));
  return out;
}

/**
 * Rows in (hash, row) order: a least-significant-digit radix sort on the hash (two stable passes
 * of 16 bits from rows in ascending order). Linear, where packing (hash, row) into doubles and
 * sorting them took ~4× as long at 1M rows (measured, bench/compare-engine.mjs).
 */
function sortByHash(hashes: Uint32Array, scratch?: SortScratch): { order: Int32Array; sorted: Uint32Array } {
  const n = hashes.length;
  if (scratch !== undefined && scratch.order.length < n) {
    scratch.order = new Int32Array(n);
    scratch.hashes = new Uint32Array(n);
  }
  const tmpOrder = scratch === undefined ? new Int32Array(n) : scratch.order;
  const tmpHash = scratch === undefined ? new Uint32Array(n) : scratch.hashes;
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
  return { order, sorted };
}

/**
 * The first pass's rows and hashes of {@link sortByHash}, kept from one sort to the next: the
 * two sides of a diff sort through one pair of arrays (at 1M rows, 8 MB of fresh pages less; a
 * page first written cost ~20 µs on the bench machine).
 */
export interface SortScratch {
  order: Int32Array;
  hashes: Uint32Array;
}

/** A {@link SortScratch} that grows to the largest side sorted through it. */
export function sortScratch(): SortScratch {
  return { order: new Int32Array(0), hashes: new Uint32Array(0) };
}

/** Runs of one hash (a collision, a duplicate key, missing keys): by key, then row. */
function settleTies(order: Int32Array, sorted: Uint32Array, byKey: (a: number, b: number) => number): void {
  const n = order.length;
  const cmp = (a: number, b: number): number => byKey(a, b) || a - b;
  for (let i = 0; i < n;) {
    const h = sorted[i] as number;
    let j = i + 1;
    while (j < n && sorted[j] === h) j++;
    if (j - i > 1) order.subarray(i, j).sort(cmp);
    i = j;
  }
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

/** One side's keys in the diff's order. */
export interface KeyedRows {
  /** Normalised key per row, packed (no string per key). */
  readonly store: KeyStore;
  /** Rows in (key sort hash, key, row) order. */
  readonly order: Int32Array;
  /** Key sort hashes in that order: `sorted[p]` is the hash of row `order[p]`. */
  readonly sorted: Uint32Array;
}

/**
 * A table's normalised keys ({@link readKeyStore}: exactly the keys of `readKeys`, and their
 * {@link keySortHash}es), then its rows in key order, as {@link sortByKey} orders the same keys
 * as strings. `scratch`: the sort's working arrays, shared with other sorts.
 */
export async function keyedRows(
  table: Table,
  spec: KeySpec,
  checkpoint: () => Promise<void> = async () => {},
  scratch?: SortScratch,
): Promise<KeyedRows> {
  const { store, hashes } = await readKeyStore(table, spec, checkpoint);
  const { order, sorted } = sortByHash(hashes, scratch);
  settleTies(order, sorted, (a, b) => store.compare(a, store, b));
  return { store, order, sorted };
}
