import type { Cell } from '../model/cell';
import { CHUNK_BITS, CHUNK_MASK, CHUNK_ROWS } from '../model/chunk-layout';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { CANONICAL_VERSION, canonicalRecord, toNfc } from './canonical-form';
import { compareFields } from './compare-fields';
import { DIGEST_BYTES, sameDigest } from './digest';
import type { DiffCounts, DiffOptions, DiffResult, DiffStats, FieldChange } from './diff-types';
import { KIND_CODE } from './diff-types';
import { modeDoes, rulesFor } from './import-mode';
import type { DiffContext } from './fingerprint';
import { keyedRows, sortScratch, type KeyedRows } from './keyed-layout';
import { MISSING_KEY_HASH, RecordKeys, type KeyStore } from './key-store';
import type { KeyConflicts, KeySpec } from './key-spec';
import { RecordBytes, RecordReader } from './record-bytes';
import { RunSpans, sameText } from './record-spans';
import { compareRun } from './run-compare';
import { sha256Range } from './sha256-js';

const cellsOf = (t: Table, cols: readonly number[], r: number): Cell[] =>
  cols.map((c) => (c < 0 ? null : t.cell(r, c)));

/** Columns on both sides, in baseline order: the default `compareColumns`. */
export function sharedColumns(base: Table, next: Table): string[] {
  const inNext = new Set(next.columns);
  return base.columns.filter((c) => inNext.has(c));
}

/**
 * Each side's keys, read once and reused by the next comparison of the same table under the
 * same key spec ("Compare again" with other columns, mode or rules re-reads nothing).
 */
export interface KeyCache {
  get(table: Table, key: KeySpec): KeyedRows | undefined;
  set(table: Table, key: KeySpec, rows: KeyedRows): void;
}

/** A {@link KeyCache} holding the last keys read per table (weakly: a table let go takes its keys along). */
export function createKeyCache(): KeyCache {
  const held = new WeakMap<Table, { spec: string; rows: KeyedRows }>();
  return {
    get: (table, key) => {
      const hit = held.get(table);
      return hit !== undefined && hit.spec === specOf(key) ? hit.rows : undefined;
    },
    set: (table, key, rows) => void held.set(table, { spec: specOf(key), rows }),
  };
}

function specOf(key: KeySpec): string {
  return JSON.stringify([key.columns, key.trim, key.caseInsensitive]);
}

/**
 * Compares a baseline with new data, record by record, matched by key. Row order and column
 * order make no change. Equality is decided by exact comparison, never by a fast hash:
 *
 * 1. each side's rows are sorted by (key sort hash, key) — no key map; keys pair up in one merge
 *    walk, which also finds missing and duplicate keys;
 * 2. each pair's compared fields are compared as text, in place (spans of the strings the tables
 *    hold, {@link RunSpans}): equal text has an equal canonical form, so such a pair is
 *    unchanged with no encoding at all;
 * 3. a pair whose text differs is encoded in canonical form (NFC: a different spelling may be the
 *    same record) and its bytes compared; where they differ and `baseFingerprints` are given,
 *    the stored fingerprint decides (the new record's SHA-256 against it). Only the pairs left
 *    have their fields compared.
 *
 * The keyed dataset digests are not computed here: `keyedDigests` (dataset-digest.ts) derives
 * them later from `sortedRows`, off the path to the result. Added/removed columns are reported,
 * and take part only if listed in `compareColumns`. Rows in key conflicts are reported, not
 * classified. With a {@link KeyCache}, a table's keys are read once per key spec.
 *
 * @example
 * const diff = await diffTables(base, next, {
 *   key: { columns: ['id'], trim: true, caseInsensitive: false },
 *   mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false,
 * });
 * diff.counts; // { added: 1, removed: 0, modified: 2, unchanged: 97, cosmetic: 0, absent: 0, ignored: 0, held: 0 }
 */
export async function diffTables(
  base: Table,
  next: Table,
  opts: DiffOptions,
  ctx: DiffContext = {},
  keyCache?: KeyCache,
): Promise<DiffResult> {
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
  const scratch = sortScratch();
  const keysOf = async (table: Table): Promise<KeyedRows> => {
    const hit = keyCache?.get(table, opts.key);
    if (hit !== undefined) return hit;
    const rows = await keyedRows(table, opts.key, checkpoint, scratch);
    keyCache?.set(table, opts.key, rows);
    return rows;
  };
  const baseKeyed = await keysOf(base);
  await checkpoint();
  const nextKeyed = await keysOf(next);
  await checkpoint();
  progress?.({ phase: 'keys', done: 2, total: 2 });
  // The sorts' working arrays are let go before the comparison (the closure above keeps the scratch).
  scratch.order = new Int32Array(0);
  scratch.hashes = new Uint32Array(0);
  const walk = pairKeys(baseKeyed, nextKeyed);

  const baseCols = columns.map((c) => (baseSet.has(c) ? base.columns.indexOf(c) : -1));
  const nextCols = columns.map((c) => (nextSet.has(c) ? next.columns.indexOf(c) : -1));
  const { rows: textDiffers, recordPairs } = await differingText(
    base,
    baseCols,
    next,
    nextCols,
    walk.pairOfNext,
    checkpoint,
    progress,
  );
  await checkpoint();

  // Records: new-data order, then baseline-only records in baseline order. Counted first, so
  // each array is made at its size (at 1M rows, arrays for both sides' rows and a copy of each
  // cost ~25 MB of fresh memory more, and a new page costs ~20 µs on the bench machine).
  const { pairOfNext, baseMatched, baseExcluded, nextExcluded } = walk;
  let nNext = next.rowCount;
  for (let r = 0; r < next.rowCount; r++) nNext -= nextExcluded[r] as number;
  let n = nNext;
  for (let r = 0; r < base.rowCount; r++) if (baseMatched[r] === 0 && baseExcluded[r] === 0) n++;
  const kinds = new Uint8Array(n);
  const recordBase = new Int32Array(n);
  const recordNext = new Int32Array(n);
  const does = modeDoes(opts.mode);
  const added = does.add ? KIND_CODE.added : KIND_CODE.ignored;
  for (let r = 0, i = 0; r < next.rowCount; r++) {
    if (nextExcluded[r] === 1) continue;
    recordNext[i] = r;
    const br = pairOfNext[r] as number;
    recordBase[i] = br;
    if (br < 0) kinds[i] = added;
    i++;
  }
  const gone = does.remove ? KIND_CODE.removed : KIND_CODE.absent;
  // Baseline records whose new row was left out of the comparison (a row with errors): held.
  const held = opts.heldRows === undefined || opts.heldRows.rowCount === 0 ? null : heldBaseRows(baseKeyed, await keyedRows(opts.heldRows, opts.key, checkpoint));
  for (let r = 0, i = nNext; r < base.rowCount; r++) {
    if (baseMatched[r] === 1 || baseExcluded[r] === 1) continue;
    recordBase[i] = r;
    recordNext[i] = -1;
    kinds[i] = held !== null && held[r] === 1 ? KIND_CODE.held : gone;
    i++;
  }
  await checkpoint();

  // Pairs whose text differs, in record order, so `fields` iterates in review order (the
  // new-data rows come ascending, and records follow new-data order): compared in canonical
  // form, then field by field, the cells read once per pair and let go after it.
  const fields = new Map<number, FieldChange[]>();
  const fieldOpts = { rules: rulesFor(opts.rules, columns), quietClass: opts.quietClass };
  const keptOutAt = columns.map(() => 0);
  const digest = new Uint8Array(DIGEST_BYTES);
  let canonicalDiffers = 0;
  let recordDigests = 0;
  for (let d = 0, i = 0; d < textDiffers.length; d++) {
    if ((d & 1023) === 1023) {
      progress?.({ phase: 'compare', done: d, total: textDiffers.length });
      await checkpoint();
    }
    const r = textDiffers[d] as number;
    // A pair's new-data row is never in a conflict: its record is found by stepping on.
    while (recordNext[i] !== r) i++;
    const br = pairOfNext[r] as number;
    const before = cellsOf(base, baseCols, br);
    const after = cellsOf(next, nextCols, r);
    if (sameCanonical(before, after)) continue;
    canonicalDiffers++;
    if (fp !== undefined) {
      // Where the records differ and the baseline came with fingerprints, the stored one decides.
      const bytes = canonicalRecord(after);
      sha256Range(bytes, 0, bytes.length, digest, 0);
      recordDigests++;
      if (sameDigest(fp, br, digest, 0)) continue;
    }
    const changes = compareFields(
      columns,
      before,
      after,
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
  }
  const stats: DiffStats = {
    textDiffers: textDiffers.length,
    canonicalDiffers,
    recordDigests,
    recordPairs,
  };

  const { counts, fieldCounts, wouldClear } = summarize(kinds, fields, columns);
  // A null-prototype object: a column named `__proto__` is a plain entry.
  const keptOut = Object.create(null) as Record<string, number>;
  columns.forEach((c, f) => (keptOut[c] = keptOutAt[f] as number));
  return {
    canonicalVersion: CANONICAL_VERSION,
    key: opts.key,
    compareColumns: [...columns],
    mode: opts.mode,
    rules: opts.rules,
    kinds,
    keys: new RecordKeys(baseKeyed, nextKeyed, recordBase, recordNext),
    baseRows: recordBase,
    nextRows: recordNext,
    fields,
    counts,
    fieldCounts,
    wouldClear,
    keptOut,
    columnsAdded: next.columns.filter((c) => !baseSet.has(c)),
    columnsRemoved: base.columns.filter((c) => !nextSet.has(c)),
    conflicts: {
      base: conflictsOf(baseKeyed.store, walk.baseDuplicates),
      next: conflictsOf(nextKeyed.store, walk.nextDuplicates),
    },
    blocked: walk.conflicted,
    sortedRows: { base: baseKeyed.order, next: nextKeyed.order },
    stats,
  };
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
}

/**
 * Pairs the two sides with one merge walk over their (hash, key) orders and finds duplicate and
 * missing keys. Keys are compared in full only where two hashes tie.
 */
function pairKeys(x: KeyedRows, y: KeyedRows): Walk {
  const nb = x.store.count;
  const nn = y.store.count;
  const pairOfNext = new Int32Array(nn).fill(-1);
  const baseMatched = new Uint8Array(nb);
  const baseExcluded = new Uint8Array(nb);
  const nextExcluded = new Uint8Array(nn);
  const baseDuplicates: number[][] = [];
  const nextDuplicates: number[][] = [];
  let conflicted = false;
  // A local: read once, not per step of the walk (an imported binding is a property read in
  // some module loaders, e.g. the benches' Vite SSR).
  const missing = MISSING_KEY_HASH;
  let i = 0;
  let j = 0;
  while (i < nb || j < nn) {
    const ha = i < nb ? (x.sorted[i] as number) : -1;
    const hb = j < nn ? (y.sorted[j] as number) : -1;
    // Missing keys (and only they) have the reserved hash and sort last: the rest of that side.
    if (ha === missing) {
      exclude(x, baseExcluded, i, nb, null);
      conflicted = true;
      i = nb;
      continue;
    }
    if (hb === missing) {
      exclude(y, nextExcluded, j, nn, null);
      conflicted = true;
      j = nn;
      continue;
    }
    const ra = i < nb ? (x.order[i] as number) : -1;
    const rb = j < nn ? (y.order[j] as number) : -1;
    if (
      ha === hb &&
      (i + 1 === nb || x.sorted[i + 1] !== ha) &&
      (j + 1 === nn || y.sorted[j + 1] !== hb)
    ) {
      // One row on each side with this hash: a pair if the keys are equal, checked below in
      // row order (reading keys in sorted order is a cache miss per key).
      pairOfNext[rb] = ra;
      i++;
      j++;
      continue;
    }
    // Keys are compared only when the hashes tie: a matched pair, or a collision.
    const cmp =
      ra < 0
        ? 1
        : rb < 0
          ? -1
          : ha !== hb
            ? ha < hb
              ? -1
              : 1
            : x.store.compare(ra, y.store, rb);
    const ia = cmp <= 0 ? runEnd(x, i, nb) : i;
    const jb = cmp >= 0 ? runEnd(y, j, nn) : j;
    if (ia - i > 1 || jb - j > 1) {
      // A key on several rows of either side: a conflict, nothing of it is classified.
      exclude(x, baseExcluded, i, ia, baseDuplicates);
      exclude(y, nextExcluded, j, jb, nextDuplicates);
      conflicted = true;
    } else if (cmp === 0) pairOfNext[rb] = ra;
    i = ia;
    j = jb;
  }
  // The pairs taken on their hash alone: two different keys with one hash are no pair (the
  // walk above would have stepped past each on its own: both are unmatched).
  verifyPairs(x.store, y.store, pairOfNext, baseMatched);
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
  };
}

/**
 * Per baseline row, 1 where its key is also the key of a held row (a new-data row left out of
 * the comparison): one merge walk over both (hash, key) orders, keys compared only where the
 * hashes tie. Missing keys hold nothing.
 */
function heldBaseRows(base: KeyedRows, held: KeyedRows): Uint8Array {
  const out = new Uint8Array(base.store.count);
  const nb = base.store.count;
  const nh = held.store.count;
  const missing = MISSING_KEY_HASH;
  let j = 0;
  for (let i = 0; i < nb; i++) {
    const h = base.sorted[i] as number;
    if (h === missing) break;
    while (j < nh && (held.sorted[j] as number) < h) j++;
    const r = base.order[i] as number;
    // Every held row of this hash (a collision or a key held twice is a short run).
    for (let k = j; k < nh && held.sorted[k] === h; k++) {
      if (base.store.same(r, held.store, held.order[k] as number)) {
        out[r] = 1;
        break;
      }
    }
  }
  return out;
}

/** Pairs whose keys are read ahead at once (see {@link verifyPairs}). */
const VERIFY_AHEAD = 1024;

/**
 * Compares the keys of the pairs `pairOfNext` holds, in new-data row order: a pair whose keys
 * differ is undone, a pair kept marks its baseline row matched. The baseline's keys are read in
 * random order, a cache miss or two per key that the loop waited on in turn: so a thousand
 * pairs at a time, their baseline offsets are read first, then each key's first unit, in loops
 * of independent loads the CPU overlaps, and the keys are compared after.
 */
function verifyPairs(base: KeyStore, next: KeyStore, pairOfNext: Int32Array, baseMatched: Uint8Array): void {
  const nn = pairOfNext.length;
  const offsets = base.offsets;
  const units = base.units;
  let touched = 0;
  for (let r0 = 0; r0 < nn; r0 += VERIFY_AHEAD) {
    const r1 = Math.min(nn, r0 + VERIFY_AHEAD);
    for (let r = r0; r < r1; r++) {
      const p = pairOfNext[r] as number;
      if (p >= 0) touched ^= offsets[p] as number;
    }
    for (let r = r0; r < r1; r++) {
      const p = pairOfNext[r] as number;
      if (p >= 0) touched ^= units[offsets[p] as number] ?? 0;
    }
    for (let r = r0; r < r1; r++) {
      const p = pairOfNext[r] as number;
      if (p < 0) continue;
      if (base.same(p, next, r)) baseMatched[p] = 1;
      else pairOfNext[r] = -1;
    }
  }
  // Kept, so the reads ahead are not optimised away.
  verifyTouched ^= touched;
}

/** What {@link verifyPairs}'s reads ahead read. */
let verifyTouched = 0;

/** End of the run of positions sharing the key at position `p` of a side (hashes first: keys are read only on a tie). */
function runEnd(s: KeyedRows, p: number, end: number): number {
  const h = s.sorted[p] as number;
  let q = p + 1;
  if (q >= end || s.sorted[q] !== h) return q;
  const k = s.order[p] as number;
  while (q < end && s.sorted[q] === h && s.store.same(s.order[q] as number, s.store, k)) q++;
  return q;
}

/** Flags the rows at positions `[from, to)` of a side as in a conflict; a group of several is kept in `groups`. */
function exclude(
  s: KeyedRows,
  flags: Uint8Array,
  from: number,
  to: number,
  groups: number[][] | null,
): void {
  const group: number[] = [];
  for (let q = from; q < to; q++) {
    const r = s.order[q] as number;
    flags[r] = 1;
    group.push(r);
  }
  if (groups !== null && group.length > 1) groups.push(group);
}

function byFirst(g: readonly number[], h: readonly number[]): number {
  return (g[0] as number) - (h[0] as number);
}

function conflictsOf(keys: KeyStore, duplicates: number[][]): KeyConflicts {
  const missing: number[] = [];
  for (let r = 0; r < keys.count; r++) if (!keys.has(r)) missing.push(r);
  return { missing, duplicates };
}

/**
 * Baseline chunk runs kept while comparing: a chunk of new data whose pairs fall in at most this
 * many baseline chunks reads them through the cache (all of them at 100k rows, even shuffled),
 * else row by row. ~0.4 MB of spans each for 12 fields.
 */
const CACHED_RUNS = 32;
/** Runs of pairs at most this long are compared pair by pair, in baseline row order. */
const SHORT_RUN = 8;
/**
 * Pairs compared one by one that a chunk must take part in (on both sides) before they are
 * compared as records written as bytes ({@link RecordBytes}): reading a chunk's records as bytes
 * costs about as much as comparing this many pairs of a shuffled file in place.
 */
const RECORD_PAIRS = 128;

/**
 * Where each pair is compared, decided before any is: per new-data chunk, how many baseline
 * chunks its pairs read (`distinct`), and which pairs are compared as records.
 */
interface ComparePlan {
  readonly distinct: Int32Array;
  /** Per new-data chunk: 1 when its pairs into baseline chunks with `perBase` at least {@link RECORD_PAIRS} are compared as records. */
  readonly newRecords: Uint8Array;
  /** Per baseline chunk: how many pairs are compared as records. */
  readonly perBase: Int32Array;
}

/** Length of the run of pairs from new-data row `r` that follow each other inside one baseline chunk (up to `r1`). */
function runLength(pairOfNext: Int32Array, r: number, r1: number, br: number): number {
  const limit = Math.min(r1 - r, CHUNK_ROWS - (br & CHUNK_MASK));
  let len = 1;
  while (len < limit && pairOfNext[r + len] === br + len) len++;
  return len;
}

/**
 * Plans {@link differingText}: the pairs compared one by one (short runs, or all of a chunk
 * whose pairs read more than {@link CACHED_RUNS} baseline chunks) are counted per chunk on both
 * sides. A new-data chunk with {@link RECORD_PAIRS} of them into baseline chunks that as many
 * read compares those pairs as records.
 */
function planCompare(pairOfNext: Int32Array, baseRows: number): ComparePlan {
  const n = pairOfNext.length;
  const newChunks = Math.ceil(n / CHUNK_ROWS);
  const baseChunks = Math.ceil(baseRows / CHUNK_ROWS);
  const distinct = new Int32Array(newChunks);
  const seen = new Int32Array(baseChunks).fill(-1);
  const single = new Uint8Array(n);
  const perBase = new Int32Array(baseChunks);
  for (let r0 = 0, c = 0; r0 < n; r0 += CHUNK_ROWS, c++) {
    const r1 = Math.min(n, r0 + CHUNK_ROWS);
    let d = 0;
    for (let r = r0; r < r1; r++) {
      const br = pairOfNext[r] as number;
      if (br < 0) continue;
      const k = br >> CHUNK_BITS;
      if (seen[k] !== r0) {
        seen[k] = r0;
        d++;
      }
    }
    distinct[c] = d;
    for (let r = r0; r < r1; ) {
      const br = pairOfNext[r] as number;
      if (br < 0) {
        r++;
        continue;
      }
      const len = d <= CACHED_RUNS ? runLength(pairOfNext, r, r1, br) : 1;
      if (len <= SHORT_RUN) {
        for (let k = 0; k < len; k++) {
          single[r + k] = 1;
          const b = (br + k) >> CHUNK_BITS;
          perBase[b] = (perBase[b] as number) + 1;
        }
      }
      r += len;
    }
  }
  const newRecords = new Uint8Array(newChunks);
  const asRecords = new Int32Array(baseChunks);
  for (let r0 = 0, c = 0; r0 < n; r0 += CHUNK_ROWS, c++) {
    const r1 = Math.min(n, r0 + CHUNK_ROWS);
    let m = 0;
    for (let r = r0; r < r1; r++)
      if (single[r] === 1 && (perBase[(pairOfNext[r] as number) >> CHUNK_BITS] as number) >= RECORD_PAIRS) m++;
    if (m < RECORD_PAIRS) continue;
    newRecords[c] = 1;
    for (let r = r0; r < r1; r++) {
      if (single[r] !== 1) continue;
      const k = (pairOfNext[r] as number) >> CHUNK_BITS;
      if ((perBase[k] as number) >= RECORD_PAIRS) asRecords[k] = (asRecords[k] as number) + 1;
    }
  }
  return { distinct, newRecords, perBase: asRecords };
}

/**
 * The new-data rows (ascending) of matched pairs whose compared fields' text differs. The new data
 * is read a chunk at a time, in row order. Baseline rows are read through cached chunk runs when
 * the pairs of a new-data chunk fall in at most {@link CACHED_RUNS} baseline chunks (the common
 * case: a baseline exported in much the same order), else one row at a time. Through the cache,
 * pairs that follow each other on both sides (row `r` with `b`, `r + 1` with `b + 1`…) are
 * compared a run at a time ({@link compareRun}).
 *
 * The pairs compared one by one (a shuffled file), where enough of them read the same chunks
 * ({@link planCompare}), are compared as records: each new-data record is written as bytes
 * ({@link RecordBytes}) into a list per baseline chunk, in the slot of its baseline row; then
 * each baseline chunk is read once and its records compared with its list's, in row order. Both
 * sides are then read in order or from a list of one chunk's records (a few hundred KB), where
 * reading each pair's fields where they lie was a cache miss per field on one side or the other
 * (most of the comparison's time at 100k shuffled records). Memory: the written records, about
 * the UTF-8 size of the new data's compared text.
 */
async function differingText(
  base: Table,
  baseCols: readonly number[],
  next: Table,
  nextCols: readonly number[],
  pairOfNext: Int32Array,
  checkpoint: () => Promise<void>,
  progress: DiffContext['onProgress'],
): Promise<{ rows: Int32Array; recordPairs: number }> {
  const n = next.rowCount;
  const flags = new Uint8Array(n);
  const run = new RunSpans(next, nextCols);
  const single = new RunSpans(base, baseCols);
  const cache = new RunCache(base, baseCols, CACHED_RUNS);
  const plan = planCompare(pairOfNext, base.rowCount);
  const reader = new RecordReader(nextCols.length);
  const lists: (RecordBytes | null)[] = [];
  const perBase = plan.perBase;
  // Pairs compared one by one in place, as `baseline row * CHUNK_ROWS + offset in the new-data chunk`.
  const pending = new Float64Array(CHUNK_ROWS);
  let held = 0;
  let recordPairs = 0;
  // Progress in new-data records: when pairs are compared as records, the new data's chunks
  // count for the first half and the baseline chunks for the second.
  const total = n;
  const halves = plan.newRecords.includes(1);
  progress?.({ phase: 'compare', done: 0, total });
  for (let r0 = 0, c = 0; r0 < n; r0 += CHUNK_ROWS, c++) {
    const r1 = Math.min(n, r0 + CHUNK_ROWS);
    const distinct = plan.distinct[c] as number;
    if (distinct === 0) continue;
    run.load(r0, r1);
    const differs = flags.subarray(r0, r1);
    const cached = distinct <= CACHED_RUNS;
    const asRecords = plan.newRecords[c] === 1;
    if (asRecords) reader.prepare(run);
    for (let r = r0; r < r1; ) {
      const br = pairOfNext[r] as number;
      if (br < 0) {
        r++;
        continue;
      }
      // The run of pairs that follow each other inside one baseline chunk.
      const len = cached ? runLength(pairOfNext, r, r1, br) : 1;
      if (len > SHORT_RUN) {
        const other = cache.runOf(br);
        compareRun(run, r - r0, other, br - other.from, len, differs);
        r += len;
        continue;
      }
      for (let k = 0; k < len; k++, r++) {
        const b = br + k;
        const bc = b >> CHUNK_BITS;
        if (!asRecords || (perBase[bc] as number) === 0) {
          pending[held++] = b * CHUNK_ROWS + (r - r0);
          continue;
        }
        let list = lists[bc];
        if (list == null) {
          // Room for this chunk's records at about this one's size each, and a little more.
          list = lists[bc] = new RecordBytes(Math.ceil((perBase[bc] as number) * reader.sizeHint(r - r0) * 1.25));
        }
        reader.append(r - r0, list, b & CHUNK_MASK, r);
        recordPairs++;
      }
    }
    // Other pairs in short runs, in baseline row order: read in the order the baseline holds
    // them, their cells are a few cache lines apart instead of anywhere in the cached chunks.
    const order = pending.subarray(0, held).sort();
    held = 0;
    for (const key of order) {
      const br = Math.floor(key / CHUNK_ROWS);
      const i = key - br * CHUNK_ROWS;
      let other: RunSpans;
      if (cached) other = cache.runOf(br);
      else {
        single.load(br, br + 1);
        other = single;
      }
      if (!sameText(run, i, other, br - other.from)) differs[i] = 1;
    }
    progress?.({ phase: 'compare', done: halves ? Math.round(r1 / 2) : r1, total });
    await checkpoint();
  }
  // The pairs written as records, a baseline chunk at a time, each let go once compared.
  const baseReader = new RecordReader(baseCols.length);
  for (let k = 0; k < lists.length; k++) {
    const list = lists[k];
    if (list == null) continue;
    const from = k << CHUNK_BITS;
    const to = Math.min(base.rowCount, from + CHUNK_ROWS);
    single.load(from, to);
    baseReader.prepare(single);
    const at = list.at;
    for (let i = 0; i < to - from; i++)
      if ((at[i] as number) >= 0 && !baseReader.sameAs(i, list, i)) flags[list.tag[i] as number] = 1;
    lists[k] = null;
    progress?.({ phase: 'compare', done: Math.round(n / 2 + (n * to) / (2 * base.rowCount)), total });
    await checkpoint();
  }
  progress?.({ phase: 'compare', done: total, total });
  let count = 0;
  for (let r = 0; r < n; r++) count += flags[r] as number;
  const out = new Int32Array(count);
  for (let r = 0, o = 0; r < n; r++) if (flags[r] === 1) out[o++] = r;
  return { rows: out, recordPairs };
}

/** The last few chunk runs of a table read, reused while the rows asked for stay in them. */
class RunCache {
  private readonly runs: RunSpans[] = [];
  private readonly chunkOf: number[] = [];
  private readonly used: number[] = [];
  /** Per chunk of the table, the slot holding it (-1: none). */
  private readonly slotOf: Int32Array;
  private clock = 0;

  constructor(
    private readonly table: Table,
    private readonly cols: readonly number[],
    private readonly size: number,
  ) {
    this.slotOf = new Int32Array(Math.ceil(table.rowCount / CHUNK_ROWS)).fill(-1);
  }

  runOf(row: number): RunSpans {
    const k = row >> CHUNK_BITS;
    const at = this.slotOf[k] as number;
    if (at >= 0) {
      this.used[at] = ++this.clock;
      return this.runs[at] as RunSpans;
    }
    let slot: number;
    if (this.runs.length < this.size) {
      slot = this.runs.length;
      this.runs.push(new RunSpans(this.table, this.cols));
      this.chunkOf.push(-1);
      this.used.push(0);
    } else {
      slot = 0;
      for (let s = 1; s < this.runs.length; s++)
        if ((this.used[s] as number) < (this.used[slot] as number)) slot = s;
      this.slotOf[this.chunkOf[slot] as number] = -1;
    }
    const run = this.runs[slot] as RunSpans;
    const from = k << CHUNK_BITS;
    run.load(from, Math.min(this.table.rowCount, from + CHUNK_ROWS));
    this.chunkOf[slot] = k;
    this.slotOf[k] = slot;
    this.used[slot] = ++this.clock;
    return run;
  }
}

/**
 * Whether two records (their compared cells) have the same canonical bytes. They do exactly
 * when each field does (each is `~` or its length and text), and a field's are the same when
 * both are missing or their NFC forms encode to the same UTF-8: so the cells are compared field
 * by field as strings, where encoding both records (a column run asked for per field, at random
 * rows) cost ~10 µs a pair at 1M rows.
 */
function sameCanonical(a: readonly Cell[], b: readonly Cell[]): boolean {
  for (let f = 0; f < a.length; f++) if (!sameCanonicalField(a[f] ?? null, b[f] ?? null)) return false;
  return true;
}

// oxlint-disable-next-line no-control-regex -- any surrogate code unit
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Whether two cells have the same canonical field (`canonical-form.ts`): both missing, or NFC
 * forms whose UTF-8 is the same. Different strings have different UTF-8 but where a lone
 * surrogate is written (as U+FFFD): then the bytes are compared.
 */
function sameCanonicalField(a: Cell, b: Cell): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const x = toNfc(a);
  const y = toNfc(b);
  if (x === y) return true;
  if (!SURROGATE.test(x) && !SURROGATE.test(y)) return false;
  const ex = fieldEncoder.encode(x);
  const ey = fieldEncoder.encode(y);
  return sameBytes(ex, ex.length, ey, ey.length);
}

const fieldEncoder = new TextEncoder();

function sameBytes(x: Uint8Array, xl: number, y: Uint8Array, yl: number): boolean {
  if (xl !== yl) return false;
  for (let k = 0; k < xl; k++) if (x[k] !== y[k]) return false;
  return true;
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
