import { createCheckpoint } from '../model/yielder';
import type { Table } from '../model/table';
import { RecordEncoder } from './canonical-form';
import { DIGEST_BYTES } from './digest';
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
 * fingerprints (`digest`) and snapshot (`snapshot`).
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
 * are the caller's copies, given away. A rejection means "hash them yourself".
 */
export type RecordHasher = (bytes: Uint8Array<ArrayBuffer>, ends: Uint32Array<ArrayBuffer>, count: number) => Promise<Uint8Array>;

let recordHasher: RecordHasher | null = null;

/** Where record hashing runs from now on: the worker entry installs a helper thread's (null: here). */
export function setRecordHasher(hasher: RecordHasher | null): void {
  recordHasher = hasher;
}

/**
 * Per-record fingerprints: SHA-256 of each record's canonical form v1 (see
 * `CANONICAL_VERSION`), fields taken from `columnOrder` (table column indexes in schema order,
 * -1 for a field the table lacks). Returns `32 × rowCount` bytes, record `r` at `32 * r`. This is
 * what a snapshot stores, with the canonical version, so a later diff need not recompute them.
 *
 * Records are encoded a block at a time into one reused buffer and hashed by {@link sha256Range}
 * (plain TypeScript: ~1 µs a record, where one Web Crypto call per record managed ~150k/s), so
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
  ctx: DiffContext = {},
  known?: KnownFingerprints,
): Promise<Uint8Array> {
  const checkpoint = createCheckpoint(ctx.signal);
  const n = table.rowCount;
  const out = new Uint8Array(n * DIGEST_BYTES);
  const encoder = new RecordEncoder(table, columnOrder);
  const ends = new Uint32Array(BLOCK_ROWS + 1);
  const rows = new Int32Array(BLOCK_ROWS);
  const from = known?.from ?? (() => -1);
  const stored = known?.fingerprints;
  /** Encodes the rows of `[start, end)` that need hashing (copying the known ones); returns how many. */
  const encodeBlock = (start: number, end: number): number => {
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
    return m;
  };
  const hashHere = (start: number, end: number) => {
    const m = encodeBlock(start, end);
    for (let i = 0; i < m; i++) {
      sha256Range(encoder.bytes, ends[i] as number, ends[i + 1] as number, out, (rows[i] as number) * DIGEST_BYTES);
    }
  };
  const hasher = recordHasher;
  const inFlight: Promise<void>[] = [];
  let waiting = 0;
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const end = Math.min(n, start + BLOCK_ROWS);
    // With the helper behind (a commit's helper digests the snapshot's parts first), this thread
    // hashes the block itself instead of waiting: the two threads share the work as they can.
    if (hasher === null || waiting >= IN_FLIGHT) hashHere(start, end);
    else {
      const m = encodeBlock(start, end);
      if (m > 0) {
        const at = rows.slice(0, m);
        waiting++;
        const job = hasher(encoder.bytes.slice(0, ends[m]), ends.slice(0, m + 1), m).then(
          (digests) => {
            waiting--;
            for (let i = 0; i < m; i++) out.set(digests.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES), (at[i] as number) * DIGEST_BYTES);
          },
          () => {
            waiting--;
            hashHere(start, end);
          },
        );
        inFlight.push(job);
      }
    }
    ctx.onProgress?.({ phase: 'digest', done: end, total: n });
    await checkpoint();
  }
  await Promise.all(inFlight);
  return out;
}
