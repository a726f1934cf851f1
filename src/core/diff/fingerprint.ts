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

/**
 * Per-record fingerprints: SHA-256 of each record's canonical form v1 (see
 * `CANONICAL_VERSION`), fields taken from `columnOrder` (table column indexes in schema order,
 * -1 for a field the table lacks). Returns `32 × rowCount` bytes, record `r` at `32 * r`. This is
 * what a snapshot stores, with the canonical version, so a later diff need not recompute them.
 *
 * Records are encoded a block at a time into one reused buffer and hashed by {@link sha256Records}
 * (plain TypeScript: ~1 µs a record, where one Web Crypto call per record managed ~150k/s), so
 * memory stays one block whatever the row count. Rows `known` has fingerprints for (a commit's
 * unchanged records) are copied, not hashed.
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
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const end = Math.min(n, start + BLOCK_ROWS);
    encoder.rewind();
    // Runs of rows to hash, encoded back to back; rows with a known fingerprint are copied.
    let m = 0;
    const from = known?.from ?? (() => -1);
    const stored = known?.fingerprints;
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
    for (let i = 0; i < m; i++) {
      sha256Range(encoder.bytes, ends[i] as number, ends[i + 1] as number, out, (rows[i] as number) * DIGEST_BYTES);
    }
    ctx.onProgress?.({ phase: 'digest', done: end, total: n });
    await checkpoint();
  }
  return out;
}
