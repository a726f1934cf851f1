import type { EncodedRecords } from './canonical-form';
import { gather } from './dataset-digest';
import { DIGEST_BYTES, digestInto, sameDigest } from './digest';

/** Target records per bucket at the top level. */
export const BUCKET_RECORDS = 256;

/** Matched pairs grouped by bucket: bucket `b` holds the pairs `order[starts[b]..starts[b + 1])`. */
export interface BucketPlan {
  readonly order: Int32Array;
  readonly starts: Uint32Array;
}

/** How much digesting a comparison took. */
export interface BucketStats {
  readonly buckets: number;
  readonly differingBuckets: number;
  /** Every `crypto.subtle.digest` call of the comparison, both sides (dataset digests apart). */
  readonly digestCalls: number;
  /** Per-record digests computed for the differing records found in differing buckets. */
  readonly recordDigests: number;
}

/**
 * Partitions matched pairs by a hash of their key into a power-of-two number of buckets of
 * about {@link BUCKET_RECORDS}; within a bucket, pairs keep their order (a stable counting sort).
 *
 * @example
 * planBuckets(new Uint32Array([7, 3, 9])).starts; // Uint32Array [0, 3]: one bucket
 */
export function planBuckets(keyHashes: Uint32Array, bucketRecords = BUCKET_RECORDS): BucketPlan {
  const m = keyHashes.length;
  let bits = 0;
  while ((1 << bits) * bucketRecords < m) bits++;
  const count = 1 << bits;
  // Multiply-shift (Knuth): the top bits of h × φ·2^32 spread even sequential hashes evenly.
  const bucketOf = (h: number): number => (bits === 0 ? 0 : Math.imul(h, 0x9e3779b1) >>> (32 - bits));
  const starts = new Uint32Array(count + 1);
  for (let i = 0; i < m; i++) {
    const b = bucketOf(keyHashes[i] as number) + 1;
    starts[b] = (starts[b] as number) + 1;
  }
  for (let b = 0; b < count; b++) starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  const fill = starts.slice(0, count);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const b = bucketOf(keyHashes[i] as number);
    order[fill[b] as number] = i;
    fill[b] = (fill[b] as number) + 1;
  }
  return { order, starts };
}

/**
 * One SHA-256 per group of positions: the digest of the group's records, in canonical form, back
 * to back. `rowAt[p]` is this side's row of the pair at plan position `p`; `groups` holds
 * `[from, to)` position pairs. Returns `32 × groups` bytes.
 *
 * @example
 * const digests = await bucketDigests(encoded, rowAt, [0, 256, 256, 512]); // two buckets
 */
export async function bucketDigests(
  encoded: EncodedRecords,
  rowAt: Int32Array,
  groups: readonly number[],
  checkpoint: () => Promise<void> = async () => {},
): Promise<Uint8Array> {
  const count = groups.length / 2;
  const out = new Uint8Array(count * DIGEST_BYTES);
  const step = 64;
  for (let g0 = 0; g0 < count; g0 += step) {
    const views: Uint8Array[] = [];
    const slots: number[] = [];
    for (let g = g0; g < Math.min(count, g0 + step); g++) {
      views.push(gather(encoded.bytes, encoded.offsets, rowAt, groups[2 * g] as number, groups[2 * g + 1] as number));
      slots.push(g);
    }
    await digestInto(views, slots, out, checkpoint);
  }
  return out;
}

/**
 * Finds the matched pairs whose records differ, Merkle style (the data-diff idea): one SHA-256
 * per bucket per side; a bucket whose digests agree is unchanged as a whole. Inside a bucket whose
 * digests differ, pairs are compared byte for byte and each differing record is digested on its
 * own (the baseline's taken from stored fingerprints when given), so every changed record has a
 * fingerprint. Drilling by digests alone (split, digest, repeat) cost ~32 Web Crypto calls per
 * changed record, ten times the whole-bucket cost at 1% changes, for no gain in certainty.
 * Returns the differing pair indexes in ascending order.
 *
 * `diffTables` now buckets each side's records, not only matched pairs (see `keyed-layout.ts`);
 * this remains for callers that already hold matched pairs.
 */
export async function findDifferingPairs(
  base: EncodedRecords,
  next: EncodedRecords,
  pairBase: Int32Array,
  pairNext: Int32Array,
  keyHashes: Uint32Array,
  baseFingerprints: Uint8Array | undefined,
  checkpoint: () => Promise<void> = async () => {},
): Promise<{ differing: Int32Array; stats: BucketStats }> {
  const plan = planBuckets(keyHashes);
  const baseAt = plan.order.map((i) => pairBase[i] as number);
  const nextAt = plan.order.map((i) => pairNext[i] as number);
  const groups: number[] = [];
  for (let b = 0; b + 1 < plan.starts.length; b++) {
    const from = plan.starts[b] as number;
    const to = plan.starts[b + 1] as number;
    if (to > from) groups.push(from, to);
  }
  const a = await bucketDigests(base, baseAt, groups, checkpoint);
  const b = await bucketDigests(next, nextAt, groups, checkpoint);
  const leaves: number[] = [];
  let differingBuckets = 0;
  for (let g = 0; g < groups.length / 2; g++) {
    if (sameDigest(a, g, b, g)) continue;
    differingBuckets++;
    for (let p = groups[2 * g] as number; p < (groups[2 * g + 1] as number); p++) {
      if (!sameBytes(base, baseAt[p] as number, next, nextAt[p] as number)) leaves.push(p);
    }
  }
  const { differing, calls } = await compareLeaves(base, next, baseAt, nextAt, leaves, baseFingerprints, checkpoint);
  const pairs = Int32Array.from(differing, (p) => plan.order[p] as number).sort();
  return {
    differing: pairs,
    stats: { buckets: groups.length / 2, differingBuckets, digestCalls: groups.length + calls, recordDigests: calls },
  };
}

function sameBytes(x: EncodedRecords, i: number, y: EncodedRecords, j: number): boolean {
  const xs = x.offsets[i] as number;
  const ys = y.offsets[j] as number;
  const len = (x.offsets[i + 1] as number) - xs;
  if ((y.offsets[j + 1] as number) - ys !== len) return false;
  for (let k = 0; k < len; k++) if (x.bytes[xs + k] !== y.bytes[ys + k]) return false;
  return true;
}

/**
 * Per-record digests for the positions `leaves`; returns those whose digests differ (all of
 * them, since their bytes do; with stored baseline fingerprints, the stored ones decide).
 */
async function compareLeaves(
  base: EncodedRecords,
  next: EncodedRecords,
  baseAt: Int32Array,
  nextAt: Int32Array,
  leaves: readonly number[],
  baseFingerprints: Uint8Array | undefined,
  checkpoint: () => Promise<void>,
): Promise<{ differing: number[]; calls: number }> {
  const groups = leaves.flatMap((p) => [p, p + 1]);
  const b = await bucketDigests(next, nextAt, groups, checkpoint);
  let calls = leaves.length;
  let a: Uint8Array;
  let aIndex: (i: number) => number;
  if (baseFingerprints === undefined) {
    a = await bucketDigests(base, baseAt, groups, checkpoint);
    calls += leaves.length;
    aIndex = (i) => i;
  } else {
    a = baseFingerprints;
    aIndex = (i) => baseAt[leaves[i] as number] as number;
  }
  const differing: number[] = [];
  for (let i = 0; i < leaves.length; i++) {
    if (!sameDigest(a, aIndex(i), b, i)) differing.push(leaves[i] as number);
  }
  return { differing, calls };
}
