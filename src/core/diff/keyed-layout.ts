import { CHUNK_ROWS } from '../model/chunk-layout';
import { FNV_OFFSET, FNV_PRIME, hashString } from './fast-hash';
import type { Table } from '../model/table';
import { keyOf, readKeys, type KeySpec } from './key-spec';

/** The sort hash of a missing key: such rows come last, in row order. */
export const MISSING_KEY_HASH = 0xffffffff;

/**
 * The sort hash of a key: FNV-1a, then a Knuth multiply so its top bits (the bucket) spread
 * even for sequential keys. Not trusted for equality; keys are always compared as strings.
 */
export function keySortHash(key: string | null): number {
  if (key === null) return MISSING_KEY_HASH;
  return spreadHash(hashString(key));
}

/** The Knuth multiply over an FNV-1a hash, off the reserved value. */
function spreadHash(fnv: number): number {
  const h = Math.imul(fnv, 0x9e3779b1) >>> 0;
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
export function sortByKey(
  keys: readonly (string | null)[],
  hashes: Uint32Array,
): { order: Int32Array; sorted: Uint32Array } {
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
  for (let i = 0; i < n;) {
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

/** One side's keys in the diff's order. */
export interface KeyedRows {
  /** Normalised key per row (`null`: missing). */
  readonly keys: readonly (string | null)[];
  /** Rows in (key sort hash, key, row) order. */
  readonly order: Int32Array;
  /** Key sort hashes in that order: `sorted[p]` is the hash of row `order[p]`. */
  readonly sorted: Uint32Array;
}

/**
 * A table's normalised keys and their sort hashes (exactly {@link readKeys} and
 * {@link keySortHashes}), then its rows in key order ({@link sortByKey}).
 */
export async function keyedRows(
  table: Table,
  spec: KeySpec,
  checkpoint: () => Promise<void> = async () => {},
): Promise<KeyedRows> {
  const column = spec.columns.length === 1 ? table.columns.indexOf(spec.columns[0] as string) : -1;
  let keys: (string | null)[];
  let hashes: Uint32Array;
  if (column >= 0 && table.columnSpans !== undefined) {
    ({ keys, hashes } = await readOneKey(table, column, spec, checkpoint));
  } else {
    keys = await readKeys(table, spec, checkpoint);
    hashes = keySortHashes(keys);
  }
  const { order, sorted } = sortByKey(keys, hashes);
  return { keys, order, sorted };
}

/**
 * {@link readKeys} and {@link keySortHashes} in one pass for a one-column key, a run of the
 * column at a time ({@link Table.columnSpans}): a key whose ends need no trimming and whose
 * text is ASCII (lower case, under a case-insensitive key) is sliced once and hashed as it is
 * checked, with no `trim`, NFC test or second pass; any other goes through `keyOf` itself.
 */
async function readOneKey(
  table: Table,
  column: number,
  spec: KeySpec,
  checkpoint: () => Promise<void>,
): Promise<{ keys: (string | null)[]; hashes: Uint32Array }> {
  const n = table.rowCount;
  // Filled in row order by push: `Array.from({ length: n })` first cost a sixth of this read.
  const keys: (string | null)[] = [];
  const hashes = new Uint32Array(n);
  const starts = new Int32Array(CHUNK_ROWS);
  const ends = new Int32Array(CHUNK_ROWS);
  const lower = spec.caseInsensitive;
  for (let r0 = 0; r0 < n; r0 += CHUNK_ROWS) {
    const r1 = Math.min(n, r0 + CHUNK_ROWS);
    const text = table.columnSpans?.(column, r0, r1, starts, ends) ?? null;
    for (let r = r0; r < r1; r++) {
      let key: string | null = null;
      let fast = false;
      if (text !== null) {
        const s = starts[r - r0] as number;
        const e = ends[r - r0] as number;
        if (s < 0) fast = true;
        else if (e > s && plain(text.charCodeAt(s)) && plain(text.charCodeAt(e - 1))) {
          // Ends that are printable ASCII: trimming changes nothing.
          let h = FNV_OFFSET;
          let k = s;
          for (; k < e; k++) {
            const c = text.charCodeAt(k);
            if (c >= 0x80 || (lower && c >= 0x41 && c <= 0x5a)) break;
            h = Math.imul(h ^ c, FNV_PRIME);
          }
          if (k === e) {
            key = text.slice(s, e);
            hashes[r] = spreadHash(h >>> 0);
            fast = true;
          }
        }
      }
      if (!fast) {
        key = keyOf([table.cell(r, column)], spec);
        hashes[r] = keySortHash(key);
      } else if (key === null) hashes[r] = MISSING_KEY_HASH;
      keys.push(key);
    }
    await checkpoint();
  }
  return { keys, hashes };
}

/** A printable ASCII character other than space: never trimmed. */
function plain(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}
