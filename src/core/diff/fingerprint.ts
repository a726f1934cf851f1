import { createBackgroundCheckpoint, type ForegroundGate } from '../model/foreground';
import { createCheckpoint } from '../model/yielder';
import type { Table } from '../model/table';
import { RecordEncoder } from './canonical-form';
import { DIGEST_BYTES } from './digest';
import { recordsHere } from './sha256-here';
import { sha256Range } from './sha256-js';

/** Cancel and progress for the long-running hashing and diff calls. */
export interface DiffContext {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DiffProgress) => void;
}

/**
 * Which phase is running, and how far it is (`done` of `total` units of that phase: records,
 * or bytes where `unit` says so). A review's phases: reading the baseline (`read`, bytes),
 * mapping it (`map`), the diff's own (`keys`, `encode`, `digest`, `compare`), and a commit's
 * snapshot with its fingerprints (`snapshot`: they are written in one pass, core/engine/commit-data.ts).
 */
export interface DiffProgress {
  readonly phase: 'read' | 'map' | 'keys' | 'encode' | 'digest' | 'compare' | 'snapshot';
  readonly done: number;
  readonly total: number;
  readonly unit?: 'bytes';
}

/**
 * Fingerprints already known for some rows: `from(row)` is the row's index in `fingerprints`
 * (whose record has the same canonical bytes), or -1 when the row must be hashed.
 */
export interface KnownFingerprints {
  readonly fingerprints: Uint8Array;
  readonly from: (row: number) => number;
}

/** Rows encoded and hashed per block: bounded scratch memory, and a checkpoint per block. */
const BLOCK_ROWS = 4096;

/** Blocks handed to a {@link RecordHasher} and not yet back: past it, blocks are hashed here. */
const IN_FLIGHT = 6;

/**
 * Hashes `count` records encoded back to back (record `i` is `bytes[ends[i]..ends[i + 1])`)
 * somewhere else — a helper thread — and resolves to their 32-byte digests in order. The arrays
 * are the caller's copies, given away. A rejection means "hash them yourself". A hasher may hand
 * the `bytes` (their buffer, moved back from the helper) to `giveBack` once it is done with them,
 * before it resolves, and the caller copies a later block into them: a fresh buffer per block
 * cost far more than its copy in Chromium (below, {@link RecordHashing}).
 */
export type RecordHasher = (
  bytes: Uint8Array<ArrayBuffer>,
  ends: Uint32Array<ArrayBuffer>,
  count: number,
  giveBack?: (bytes: Uint8Array<ArrayBuffer>) => void,
) => Promise<Uint8Array>;

let recordHasher: RecordHasher | null = null;

/** Where record hashing runs from now on: the worker entry installs a helper thread's (null: here). */
export function setRecordHasher(hasher: RecordHasher | null): void {
  recordHasher = hasher;
}

/**
 * A {@link DiffContext} for work that may run in the background: given a `gate`, it waits at its
 * checkpoints while a foreground call runs, and stops (an abort error) once `valid` says false.
 */
export interface BackgroundContext extends DiffContext {
  readonly gate?: ForegroundGate;
  readonly valid?: () => boolean;
}

/**
 * Per-record fingerprints: SHA-256 of each record's canonical form v1 (see
 * `CANONICAL_VERSION`), fields taken from `columnOrder` (table column indexes in schema order,
 * -1 for a field the table lacks). Returns `32 × rowCount` bytes, record `r` at `32 * r`. This is
 * what a snapshot stores, with the canonical version, so a later diff need not recompute them.
 *
 * Records are encoded a block at a time into one reused buffer and hashed a block per call
 * (`recordsHere`: the WebAssembly SHA-256 where the thread installed it, else the TypeScript one,
 * ~1 µs a record; one Web Crypto call per record managed ~150k/s), so
 * memory stays one block whatever the row count. Rows `known` has fingerprints for (a commit's
 * unchanged records) are copied, not hashed. With a {@link RecordHasher} installed (the engine
 * worker's helper thread), each block's encoded bytes are copied there and hashed while the next
 * block encodes here; while {@link IN_FLIGHT} blocks wait there, the next is hashed here, and a
 * block the helper cannot hash is hashed here after all.
 *
 * @example
 * const fp = await fingerprintRecords(tableFromRows(['id'], [['1']]), [0]);
 * toHex(fp); // SHA-256 of the bytes '1:1'
 */
export async function fingerprintRecords(
  table: Table,
  columnOrder: readonly number[],
  ctx: BackgroundContext = {},
  known?: KnownFingerprints,
): Promise<Uint8Array<ArrayBuffer>> {
  const checkpoint = ctx.gate ? createBackgroundCheckpoint(ctx.signal, ctx.gate, ctx.valid) : createCheckpoint(ctx.signal);
  // Background work starts only once no foreground call runs (a table of one block has no other checkpoint).
  if (ctx.gate) await checkpoint();
  const n = table.rowCount;
  const out = new Uint8Array(n * DIGEST_BYTES);
  const encoder = new RecordEncoder(table, columnOrder);
  const ends = new Uint32Array(BLOCK_ROWS + 1);
  const rows = new Int32Array(BLOCK_ROWS);
  const from = known?.from ?? (() => -1);
  const stored = known?.fingerprints;
  const hashing = new RecordHashing(out, table, columnOrder);
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const end = Math.min(n, start + BLOCK_ROWS);
    encoder.rewind();
    // Runs of rows to hash, encoded back to back; rows with a known fingerprint are copied.
    let m = 0;
    for (let r = start; r < end; ) {
      const k = from(r);
      if (k >= 0 && stored !== undefined) {
        out.set(stored.subarray(k * DIGEST_BYTES, (k + 1) * DIGEST_BYTES), r * DIGEST_BYTES);
        r++;
        continue;
      }
      let q = r + 1;
      while (q < end && from(q) < 0) q++;
      encoder.encode(r, q, ends, m + 1);
      for (; r < q; r++) rows[m++] = r;
    }
    hashing.hash(encoder.bytes, ends, rows, m);
    ctx.onProgress?.({ phase: 'digest', done: end, total: n });
    await checkpoint();
  }
  await hashing.done();
  return out;
}

/**
 * Hashes blocks of encoded records into a fingerprint array: in the {@link RecordHasher}'s
 * thread while it keeps up, else here. While {@link IN_FLIGHT} blocks wait there (a commit's
 * helper digests the snapshot's parts too), the next block is hashed here instead of waiting: the
 * two threads share the work as they can. A block the helper cannot hash is encoded again and
 * hashed here, so the result never depends on the helper.
 */
export class RecordHashing {
  private readonly jobs: Promise<void>[] = [];
  private waiting = 0;
  private spare: RecordEncoder | null = null;
  /**
   * Buffers the hasher gave back, for the next blocks' copies. A new ~600 KB buffer per block
   * (`slice`) took ~0.6 s of CPU for a 1M-row commit's 250 blocks in Chromium, a copy into a
   * buffer used before ~5 ms (the pages of a fresh buffer are faulted in and zeroed each time).
   */
  private readonly pool: Uint8Array<ArrayBuffer>[] = [];

  constructor(
    private readonly out: Uint8Array,
    private readonly table: Table,
    private readonly columnOrder: readonly number[],
  ) {}

  /**
   * Hashes `count` records encoded back to back in `bytes` from 0 (record `i` is
   * `bytes[ends[i]..ends[i + 1])`, `ends[0]` 0), the fingerprints of table rows `rows[0..count)`.
   * The arrays are read or copied at once: the caller may write them again.
   */
  hash(bytes: Uint8Array, ends: Uint32Array, rows: Int32Array, count: number): void {
    if (count === 0) return;
    const out = this.out;
    const hasher = recordHasher;
    if (hasher === null || this.waiting >= IN_FLIGHT) {
      recordsHere(bytes, ends, rows, count, out);
      return;
    }
    const at = rows.slice(0, count);
    this.waiting++;
    const size = ends[count] as number;
    const copy = this.bufferFor(size);
    copy.set(bytes.subarray(0, size));
    const job = hasher(copy, ends.slice(0, count + 1), count, (spent) => this.pool.push(spent)).then(
      (digests) => {
        this.waiting--;
        placeDigests(digests, at, count, out);
      },
      () => {
        this.waiting--;
        this.hashHere(at);
      },
    );
    this.jobs.push(job);
  }

  /** `size` bytes to copy a block into: a buffer given back if one is large enough, else a new one. */
  private bufferFor(size: number): Uint8Array<ArrayBuffer> {
    const pool = this.pool;
    for (let i = pool.length - 1; i >= 0; i--) {
      const buffer = (pool[i] as Uint8Array<ArrayBuffer>).buffer;
      // A buffer moved away again (detached) has no bytes left.
      if (buffer.byteLength > 0 && buffer.byteLength >= size) {
        pool.splice(i, 1);
        return new Uint8Array(buffer, 0, size);
      }
    }
    // Room for a larger block later, so a given-back buffer mostly fits the next one.
    return new Uint8Array(new ArrayBuffer(Math.max(size, 1 << 20)), 0, size);
  }

  /** Every block handed over, hashed. */
  async done(): Promise<void> {
    await Promise.all(this.jobs);
  }

  /** The rows encoded again (in an encoder of their own: the caller's may be mid-block) and hashed here. */
  private hashHere(rows: Int32Array): void {
    const enc = (this.spare ??= new RecordEncoder(this.table, this.columnOrder));
    const one = new Uint32Array(2);
    for (const r of rows) {
      enc.rewind();
      enc.encode(r, r + 1, one, 1);
      sha256Range(enc.bytes, 0, one[1] as number, this.out, r * DIGEST_BYTES);
    }
  }
}

/**
 * Copies the `i`-th 32-byte digest to row `rows[i]`'s place in `out`, one copy per run of
 * consecutive rows (a commit's blocks are mostly such runs): a copy per record, a `subarray` and
 * a `set` each, cost ~0.6 s of a 1M-row commit's engine thread in a Chromium trace.
 */
export function placeDigests(digests: Uint8Array, rows: Int32Array, count: number, out: Uint8Array): void {
  for (let i = 0; i < count; ) {
    const r = rows[i] as number;
    let j = i + 1;
    while (j < count && rows[j] === r + (j - i)) j++;
    out.set(digests.subarray(i * DIGEST_BYTES, j * DIGEST_BYTES), r * DIGEST_BYTES);
    i = j;
  }
}
