import type { Cell } from '../../src/core/model/cell';
import { PorterError } from '../../src/core/model/porter-error';
import type { Table } from '../../src/core/model/table';
import { createCheckpoint } from '../../src/core/model/yielder';
import {
  CANONICAL_VERSION,
  encodeRecords,
  type EncodedRecords,
} from '../../src/core/diff/canonical-form';
import { compareFields } from '../../src/core/diff/compare-fields';
import { digestKeyedLayout } from '../../src/core/diff/dataset-digest';
import { DIGEST_BYTES, digestInto, sameDigest } from '../../src/core/diff/digest';
import type {
  DiffCounts,
  DiffOptions,
  DiffResult,
  FieldChange,
} from '../../src/core/diff/diff-types';
import { KIND_CODE } from '../../src/core/diff/diff-types';
import { modeDoes, rulesFor } from '../../src/core/diff/import-mode';
import type { DiffContext } from '../../src/core/diff/fingerprint';
import {
  BUCKET_RECORDS,
  bucketBits,
  bucketStarts,
  keySortHashes,
  MISSING_KEY_HASH,
  sortByKey,
} from '../../src/core/diff/keyed-layout';
import { readKeys, type KeyConflicts } from '../../src/core/diff/key-spec';

// The keyed diff as main had it before the compare step compared text (main at e69e33c): every
// record of both sides encoded in canonical form, bucket digests, byte comparison, per-record
// digests. Kept unchanged as the slow path the fast one is checked against
// (test/unit/core/diff/diff-fast-paths.test.ts): same classification, fields and digests.

/** How much digesting the reference diff took. */
interface BucketStats {
  readonly buckets: number;
  readonly differingBuckets: number;
  readonly digestCalls: number;
  readonly recordDigests: number;
}

/** The reference's result: a diff result with the keyed dataset digests computed in it. */
export type ReferenceDiffResult = Omit<DiffResult, 'stats' | 'sortedRows' | 'keys'> & {
  /** The records' keys as strings, as the diff held them before it packed them. */
  readonly keys: readonly string[];
  readonly digests: { readonly base: string; readonly next: string };
  readonly stats: BucketStats;
};

const cellsOf = (t: Table, cols: readonly number[], r: number): Cell[] =>
  cols.map((c) => (c < 0 ? null : t.cell(r, c)));

/** Columns on both sides, in baseline order: the default `compareColumns`. */
function sharedColumns(base: Table, next: Table): string[] {
  const inNext = new Set(next.columns);
  return base.columns.filter((c) => inNext.has(c));
}

/**
 * Compares a baseline with new data, record by record, matched by key. Row order and column
 * order make no change. Every record of both sides is covered by SHA-256, Merkle style:
 *
 * 1. each side's rows are sorted by (key sort hash, key) — no key map; keys pair up in a merge
 *    walk — and the records encoded in canonical form and laid out in that order, so a bucket
 *    (rows whose hash has the same top bits, ~{@link BUCKET_RECORDS} a bucket, the same
 *    buckets on both sides) is one contiguous view;
 * 2. one `crypto.subtle.digest` per bucket per side (the base side's run while the new data
 *    encodes); where a bucket's digests agree, its records are the same on both sides, in the
 *    same order: pairs at the same place in it are unchanged without a look at their bytes;
 * 3. in a bucket whose digests differ, pairs are compared byte for byte and each differing
 *    record digested on its own (the baseline's taken from `baseFingerprints` when given: the
 *    stored fingerprint decides); only those have their fields compared.
 *
 * The dataset digests come from the same layout ({@link digestKeyedLayout}, keyed v2: they
 * depend on the key spec). Added/removed columns are reported, and take part only if listed in
 * `compareColumns`. Rows in key conflicts are reported, not classified.
 *
 * @example
 * const diff = await diffTables(base, next, {
 *   key: { columns: ['id'], trim: true, caseInsensitive: false },
 *   mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false,
 * });
 * diff.counts; // { added: 1, removed: 0, modified: 2, unchanged: 97, cosmetic: 0, absent: 0, ignored: 0, held: 0 }
 */
export async function referenceDiff(
  base: Table,
  next: Table,
  opts: DiffOptions,
  ctx: DiffContext = {},
): Promise<ReferenceDiffResult> {
  const checkpoint = createCheckpoint(ctx.signal);
  const progress = ctx.onProgress;
  const columns = opts.compareColumns ?? sharedColumns(base, next);
  const baseSet = new Set(base.columns);
  const nextSet = new Set(next.columns);
  const fp = opts.baseFingerprints;
  if (fp !== undefined && fp.length !== base.rowCount * DIGEST_BYTES) {
    throw new PorterError('internal', {
      reason: 'fingerprint-count',
      size: fp.length,
      rows: base.rowCount,
    });
  }
  await checkpoint();

  progress?.({ phase: 'keys', done: 0, total: 2 });
  const baseKeys = await readKeys(base, opts.key, checkpoint);
  const baseHash = keySortHashes(baseKeys);
  const { order: baseOrder, sorted: baseSorted } = sortByKey(baseKeys, baseHash);
  await checkpoint();
  const nextKeys = await readKeys(next, opts.key, checkpoint);
  const nextHash = keySortHashes(nextKeys);
  const { order: nextOrder, sorted: nextSorted } = sortByKey(nextKeys, nextHash);
  await checkpoint();
  progress?.({ phase: 'keys', done: 2, total: 2 });

  const bits = bucketBits(Math.max(base.rowCount, next.rowCount), BUCKET_RECORDS);
  const baseCols = columns.map((c) => (baseSet.has(c) ? base.columns.indexOf(c) : -1));
  const nextCols = columns.map((c) => (nextSet.has(c) ? next.columns.indexOf(c) : -1));
  progress?.({ phase: 'encode', done: 0, total: 2 });
  // Web Crypto runs off this thread: the baseline's digests proceed while the new data encodes.
  const a = await encodeRecords(base, baseCols, checkpoint, baseOrder);
  const aStarts = bucketStarts(baseSorted, bits);
  const aDigests = started(digestBuckets(a, aStarts, checkpoint));
  const baseDigest = started(digestKeyedLayout(columns, opts.key, a, checkpoint));
  await checkpoint();
  const b = await encodeRecords(next, nextCols, checkpoint, nextOrder);
  const bStarts = bucketStarts(nextSorted, bits);
  const bDigests = started(digestBuckets(b, bStarts, checkpoint));
  const nextDigest = started(digestKeyedLayout(columns, opts.key, b, checkpoint));
  progress?.({ phase: 'encode', done: 2, total: 2 });

  progress?.({ phase: 'digest', done: 0, total: 1 });
  const ad = await aDigests;
  const bd = await bDigests;
  const walk = walkBuckets(
    {
      keys: baseKeys,
      hashes: baseSorted,
      order: baseOrder,
      starts: aStarts,
      sorted: a,
      digests: ad.digests,
    },
    {
      keys: nextKeys,
      hashes: nextSorted,
      order: nextOrder,
      starts: bStarts,
      sorted: b,
      digests: bd.digests,
    },
  );
  await checkpoint();
  const leaves = await digestLeaves(
    a,
    b,
    baseOrder,
    nextOrder,
    walk.leafBase,
    walk.leafNext,
    fp,
    checkpoint,
  );
  progress?.({ phase: 'digest', done: 1, total: 1 });
  const stats: BucketStats = {
    buckets: walk.buckets,
    differingBuckets: walk.differingBuckets,
    digestCalls: ad.calls + bd.calls + leaves.calls,
    recordDigests: leaves.calls,
  };

  // Records: new-data order, then baseline-only records in baseline order.
  const cap = base.rowCount + next.rowCount;
  const kinds = new Uint8Array(cap);
  const baseRows = new Int32Array(cap).fill(-1);
  const nextRows = new Int32Array(cap).fill(-1);
  const keys: string[] = [];
  const recordOfNext = new Int32Array(next.rowCount).fill(-1);
  const { pairOfNext, baseMatched, baseExcluded, nextExcluded } = walk;
  const does = modeDoes(opts.mode);
  for (let r = 0; r < next.rowCount; r++) {
    if (nextExcluded[r] === 1) continue;
    const i = keys.length;
    keys.push(nextKeys[r] as string);
    nextRows[i] = r;
    recordOfNext[r] = i;
    const br = pairOfNext[r] as number;
    if (br < 0) kinds[i] = does.add ? KIND_CODE.added : KIND_CODE.ignored;
    else baseRows[i] = br;
  }
  const gone = does.remove ? KIND_CODE.removed : KIND_CODE.absent;
  for (let r = 0; r < base.rowCount; r++) {
    if (baseMatched[r] === 1 || baseExcluded[r] === 1) continue;
    const i = keys.length;
    keys.push(baseKeys[r] as string);
    baseRows[i] = r;
    kinds[i] = gone;
  }
  await checkpoint();

  // Differing records in record order, so `fields` iterates in review order.
  const differing = leaves.differingNext
    .map((r) => recordOfNext[r] as number)
    .sort((x, y) => x - y);
  const fields = new Map<number, FieldChange[]>();
  const fieldOpts = { rules: rulesFor(opts.rules, columns), quietClass: opts.quietClass };
  const keptOutAt = columns.map(() => 0);
  for (let d = 0; d < differing.length; d++) {
    const i = differing[d] as number;
    const changes = compareFields(
      columns,
      cellsOf(base, baseCols, baseRows[i] as number),
      cellsOf(next, nextCols, nextRows[i] as number),
      fieldOpts,
      // Under "only add new" the mode keeps the whole record out: the rules decide nothing.
      does.update ? keptOutAt : undefined,
    );
    if (changes.length === 0) continue;
    if (!does.update) {
      // Shown as left out by the mode, with no field changes: nothing of it is applied.
      kinds[i] = KIND_CODE.ignored;
      continue;
    }
    fields.set(i, changes);
    kinds[i] = changes.every((f) => f.cosmetic) ? KIND_CODE.cosmetic : KIND_CODE.modified;
    if ((d & 1023) === 1023) {
      progress?.({ phase: 'compare', done: d, total: differing.length });
      await checkpoint();
    }
  }

  const n = keys.length;
  const { counts, fieldCounts, wouldClear } = summarize(kinds.subarray(0, n), fields, columns);
  const digests = { base: await baseDigest, next: await nextDigest };
  // A null-prototype object: a column named `__proto__` is a plain entry.
  const keptOut = Object.create(null) as Record<string, number>;
  columns.forEach((c, f) => (keptOut[c] = keptOutAt[f] as number));
  return {
    canonicalVersion: CANONICAL_VERSION,
    key: opts.key,
    compareColumns: [...columns],
    mode: opts.mode,
    rules: opts.rules,
    kinds: kinds.slice(0, n),
    keys,
    baseRows: baseRows.slice(0, n),
    nextRows: nextRows.slice(0, n),
    fields,
    counts,
    fieldCounts,
    wouldClear,
    keptOut,
    columnsAdded: next.columns.filter((c) => !baseSet.has(c)),
    columnsRemoved: base.columns.filter((c) => !nextSet.has(c)),
    conflicts: {
      base: conflictsOf(baseKeys, walk.baseDuplicates),
      next: conflictsOf(nextKeys, walk.nextDuplicates),
    },
    blocked: walk.conflicted,
    digests,
    stats,
  };
}

/** A promise started now and awaited later: a rejection meanwhile (cancel) is not "unhandled". */
function started<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** One digest per non-empty bucket of one side (`32 × buckets` bytes; empty buckets stay zero). */
async function digestBuckets(
  sorted: EncodedRecords,
  starts: Uint32Array,
  checkpoint: () => Promise<void>,
): Promise<{ digests: Uint8Array; calls: number }> {
  const count = starts.length - 1;
  const views: Uint8Array[] = [];
  const slots: number[] = [];
  for (let k = 0; k < count; k++) {
    const from = starts[k] as number;
    const to = starts[k + 1] as number;
    if (to === from) continue;
    views.push(sorted.bytes.subarray(sorted.offsets[from] as number, sorted.offsets[to] as number));
    slots.push(k);
  }
  const digests = new Uint8Array(count * DIGEST_BYTES);
  await digestInto(views, slots, digests, checkpoint);
  return { digests, calls: views.length };
}

interface SideLayout {
  readonly keys: readonly (string | null)[];
  /** Key sort hashes in sorted order: `hashes[p]` is the hash of row `order[p]`. */
  readonly hashes: Uint32Array;
  /** Rows in key order. */
  readonly order: Int32Array;
  readonly starts: Uint32Array;
  /** Records in key order. */
  readonly sorted: EncodedRecords;
  readonly digests: Uint8Array;
}

interface Walk {
  /** Per new-data row, its baseline row (-1: none). */
  readonly pairOfNext: Int32Array;
  readonly baseMatched: Uint8Array;
  /** Rows in key conflicts (missing, or a key on more than one row of either side). */
  readonly baseExcluded: Uint8Array;
  readonly nextExcluded: Uint8Array;
  readonly baseDuplicates: number[][];
  readonly nextDuplicates: number[][];
  readonly conflicted: boolean;
  /** Sorted positions of matched pairs whose bytes differ. */
  readonly leafBase: number[];
  readonly leafNext: number[];
  readonly buckets: number;
  readonly differingBuckets: number;
}

/**
 * Pairs the two sides bucket by bucket with a merge walk over (hash, key), finds duplicate and
 * missing keys, and collects the pairs whose canonical bytes differ. Inside a bucket whose
 * digests agree the records are identical in sequence (canonical records are self-delimiting),
 * so a pair at the same place in it needs no byte comparison.
 */
function walkBuckets(x: SideLayout, y: SideLayout): Walk {
  const nb = x.keys.length;
  const nn = y.keys.length;
  const pairOfNext = new Int32Array(nn).fill(-1);
  const baseMatched = new Uint8Array(nb);
  const baseExcluded = new Uint8Array(nb);
  const nextExcluded = new Uint8Array(nn);
  const baseDuplicates: number[][] = [];
  const nextDuplicates: number[][] = [];
  const leafBase: number[] = [];
  const leafNext: number[] = [];
  let conflicted = false;
  let buckets = 0;
  let differingBuckets = 0;
  const count = x.starts.length - 1;
  const xv = new DataView(
    x.sorted.bytes.buffer,
    x.sorted.bytes.byteOffset,
    x.sorted.bytes.byteLength,
  );
  const yv = new DataView(
    y.sorted.bytes.buffer,
    y.sorted.bytes.byteOffset,
    y.sorted.bytes.byteLength,
  );
  /** End of the run of rows sharing the key at position `p` of a side (hashes first: keys are read only on a tie). */
  const runEnd = (s: SideLayout, p: number, end: number): number => {
    const h = s.hashes[p] as number;
    let q = p + 1;
    if (q >= end || s.hashes[q] !== h) return q;
    const k = s.keys[s.order[p] as number] ?? null;
    while (q < end && s.hashes[q] === h && (s.keys[s.order[q] as number] ?? null) === k) q++;
    return q;
  };
  const exclude = (
    s: SideLayout,
    flags: Uint8Array,
    from: number,
    to: number,
    groups: number[][] | null,
  ): void => {
    const group: number[] = [];
    for (let q = from; q < to; q++) {
      const r = s.order[q] as number;
      flags[r] = 1;
      group.push(r);
    }
    if (groups !== null && group.length > 1) groups.push(group);
  };
  for (let k = 0; k < count; k++) {
    const sa = x.starts[k] as number;
    const ea = x.starts[k + 1] as number;
    const sb = y.starts[k] as number;
    const eb = y.starts[k + 1] as number;
    if (sa === ea && sb === eb) continue;
    buckets++;
    const same = sa !== ea && sb !== eb && sameDigest(x.digests, k, y.digests, k);
    if (!same) differingBuckets++;
    let i = sa;
    let j = sb;
    while (i < ea || j < eb) {
      const ra = i < ea ? (x.order[i] as number) : -1;
      const rb = j < eb ? (y.order[j] as number) : -1;
      const ha = ra < 0 ? 0 : (x.hashes[i] as number);
      const hb = rb < 0 ? 0 : (y.hashes[j] as number);
      // Missing keys (and only they) have the reserved hash and sort last: the rest of the
      // bucket on that side.
      if (ra >= 0 && ha === MISSING_KEY_HASH) {
        exclude(x, baseExcluded, i, ea, null);
        conflicted = true;
        i = ea;
        continue;
      }
      if (rb >= 0 && hb === MISSING_KEY_HASH) {
        exclude(y, nextExcluded, j, eb, null);
        conflicted = true;
        j = eb;
        continue;
      }
      // Keys (strings) are read only when the hashes tie: a matched pair, or a collision.
      const cmp =
        ra < 0
          ? 1
          : rb < 0
            ? -1
            : ha !== hb
              ? ha < hb
                ? -1
                : 1
              : compareKeyText(x.keys[ra] as string, y.keys[rb] as string);
      const ia = cmp <= 0 ? runEnd(x, i, ea) : i;
      const jb = cmp >= 0 ? runEnd(y, j, eb) : j;
      if (ia - i > 1 || jb - j > 1) {
        // A key on several rows of either side: a conflict, nothing of it is classified.
        exclude(x, baseExcluded, i, ia, baseDuplicates);
        exclude(y, nextExcluded, j, jb, nextDuplicates);
        conflicted = true;
      } else if (cmp === 0) {
        pairOfNext[rb] = ra;
        baseMatched[ra] = 1;
        if (!(same && i - sa === j - sb) && !sameBytes(x.sorted, xv, i, y.sorted, yv, j)) {
          leafBase.push(i);
          leafNext.push(j);
        }
      }
      i = ia;
      j = jb;
    }
  }
  baseDuplicates.sort(byFirst);
  nextDuplicates.sort(byFirst);
  return {
    pairOfNext,
    baseMatched,
    baseExcluded,
    nextExcluded,
    baseDuplicates,
    nextDuplicates,
    conflicted,
    leafBase,
    leafNext,
    buckets,
    differingBuckets,
  };
}

function byFirst(g: readonly number[], h: readonly number[]): number {
  return (g[0] as number) - (h[0] as number);
}

function conflictsOf(keys: readonly (string | null)[], duplicates: number[][]): KeyConflicts {
  const missing: number[] = [];
  for (let r = 0; r < keys.length; r++)
    if (keys[r] === null || keys[r] === undefined) missing.push(r);
  return { missing, duplicates };
}

/**
 * Whether two records' bytes are equal: four bytes per step through DataView (unaligned reads
 * are fine there, and records start anywhere), the tail byte by byte. Every matched pair in a
 * differing bucket comes through here, so at 1M × 1M this is ~100 MB compared per diff.
 */
function sameBytes(
  x: EncodedRecords,
  xv: DataView,
  i: number,
  y: EncodedRecords,
  yv: DataView,
  j: number,
): boolean {
  const xs = x.offsets[i] as number;
  const ys = y.offsets[j] as number;
  const len = (x.offsets[i + 1] as number) - xs;
  if ((y.offsets[j + 1] as number) - ys !== len) return false;
  const words = len & ~3;
  for (let k = 0; k < words; k += 4) if (xv.getInt32(xs + k) !== yv.getInt32(ys + k)) return false;
  const xb = x.bytes;
  const yb = y.bytes;
  for (let k = words; k < len; k++) if (xb[xs + k] !== yb[ys + k]) return false;
  return true;
}

/** -1, 0 or 1: two present keys with the same sort hash, in sort order (see `compareKeys`). */
function compareKeyText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** The record at a sorted position, without copying. */
function view(e: EncodedRecords, p: number): Uint8Array {
  return e.bytes.subarray(e.offsets[p] as number, e.offsets[p + 1] as number);
}

/**
 * Per-record digests of the pairs whose bytes differ (sorted positions), the new data's always,
 * the baseline's from stored fingerprints when given (they decide) or else digested. Returns the
 * new-data rows whose digests differ.
 */
async function digestLeaves(
  a: EncodedRecords,
  b: EncodedRecords,
  baseOrder: Int32Array,
  nextOrder: Int32Array,
  leafBase: readonly number[],
  leafNext: readonly number[],
  baseFingerprints: Uint8Array | undefined,
  checkpoint: () => Promise<void>,
): Promise<{ differingNext: number[]; calls: number }> {
  const m = leafNext.length;
  const slots = Array.from({ length: m }, (_, i) => i);
  const bd = new Uint8Array(m * DIGEST_BYTES);
  const nextDone = started(
    digestInto(
      leafNext.map((p) => view(b, p)),
      slots,
      bd,
      checkpoint,
    ),
  );
  let calls = m;
  let ad: Uint8Array;
  let aIndex: (i: number) => number;
  if (baseFingerprints === undefined) {
    ad = new Uint8Array(m * DIGEST_BYTES);
    await digestInto(
      leafBase.map((p) => view(a, p)),
      slots,
      ad,
      checkpoint,
    );
    calls += m;
    aIndex = (i) => i;
  } else {
    ad = baseFingerprints;
    aIndex = (i) => baseOrder[leafBase[i] as number] as number;
  }
  await nextDone;
  const differingNext: number[] = [];
  for (let i = 0; i < m; i++) {
    if (!sameDigest(ad, aIndex(i), bd, i))
      differingNext.push(nextOrder[leafNext[i] as number] as number);
  }
  return { differingNext, calls };
}

function summarize(
  kinds: Uint8Array,
  fields: ReadonlyMap<number, readonly FieldChange[]>,
  columns: readonly string[],
): { counts: DiffCounts; fieldCounts: Record<string, number>; wouldClear: number } {
  const tally = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const k of kinds) tally[k] = (tally[k] as number) + 1;
  const counts: DiffCounts = {
    unchanged: tally[KIND_CODE.unchanged] as number,
    added: tally[KIND_CODE.added] as number,
    removed: tally[KIND_CODE.removed] as number,
    modified: tally[KIND_CODE.modified] as number,
    cosmetic: tally[KIND_CODE.cosmetic] as number,
    absent: tally[KIND_CODE.absent] as number,
    ignored: tally[KIND_CODE.ignored] as number,
    held: tally[KIND_CODE.held] as number,
  };
  // A null-prototype object: a column named `__proto__` is a plain entry.
  const fieldCounts = Object.create(null) as Record<string, number>;
  for (const c of columns) fieldCounts[c] = 0;
  let wouldClear = 0;
  for (const list of fields.values()) {
    for (const f of list) {
      fieldCounts[f.column] = (fieldCounts[f.column] ?? 0) + 1;
      if (f.clears) wouldClear++;
    }
  }
  return { counts, fieldCounts, wouldClear };
}
