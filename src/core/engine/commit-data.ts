import { RecordEncoder } from '../diff/canonical-form';
import { DIGEST_BYTES } from '../diff/digest';
import { fingerprintRecords, RecordHashing, type BackgroundContext, type KnownFingerprints } from '../diff/fingerprint';
import type { Table } from '../model/table';
import { startSnapshotData, type PendingSnapshotData, type SnapshotProgress } from './snapshot-data';

/** A commit's files: the snapshot (its digest may still be running) and the records' fingerprints. */
export interface CommitData {
  readonly snapshot: PendingSnapshotData;
  /** `32 × rowCount` bytes: SHA-256 of each record's canonical form, as `fingerprintRecords` computes them. */
  readonly fingerprints: Uint8Array<ArrayBuffer>;
}

/** Records encoded before they are handed to be hashed: a block of the helper's size. */
const HASH_ROWS = 4096;

/**
 * The snapshot and the fingerprints of a table in one pass over its cells: each block of records
 * is written as NDJSON (`startSnapshotData`), then encoded in canonical form from the bytes just
 * written wherever a cell lies there as it is (`RecordEncoder.encodeCaptured`), and every 4,096
 * records the encoded ones are handed to be hashed ({@link RecordHashing}: the helper thread,
 * beside the snapshot's parts). The same bytes and fingerprints as `startSnapshotData` followed
 * by `fingerprintRecords` (test/unit/core/engine/commit-data.test.ts), for one read of each cell
 * instead of two, and the helper fed parts and records together rather than one after the other
 * (docs/architecture.md, "Commit"). Rows `known` has a fingerprint for are copied, not encoded.
 *
 * @example
 * const { snapshot, fingerprints } = await writeCommitData(merged, merged.columns.map((_, i) => i));
 */
export async function writeCommitData(
  table: Table,
  columnOrder: readonly number[],
  known?: KnownFingerprints,
  signal?: AbortSignal,
  onProgress?: (p: SnapshotProgress) => void,
): Promise<CommitData> {
  const n = table.rowCount;
  const out = new Uint8Array(n * DIGEST_BYTES);
  const encoder = new RecordEncoder(table, columnOrder, 1 << 20);
  const hashing = new RecordHashing(out, table, columnOrder);
  // Room for a hand-over's worth plus the block that crosses it.
  const rows = new Int32Array(HASH_ROWS + 1024);
  const ends = new Uint32Array(HASH_ROWS + 1024 + 1);
  let m = 0;
  const snapshot = await startSnapshotData(table, signal, onProgress, (bytes, captured, r0, r1) => {
    let count = 0;
    for (let r = r0; r < r1; ) {
      const copied = known === undefined ? 0 : copyKnown(known, r, r1, out);
      if (copied > 0) r += copied;
      else rows[m + count++] = r++;
    }
    encoder.encodeCaptured(bytes, captured, r0, rows.subarray(m, m + count), count, ends, m + 1);
    m += count;
    if (m >= HASH_ROWS) {
      hashing.hash(encoder.bytes, ends, rows, m);
      encoder.rewind();
      m = 0;
    }
  });
  try {
    hashing.hash(encoder.bytes, ends, rows, m);
    await hashing.done();
  } catch (err) {
    snapshot.done.catch(() => {});
    throw err;
  }
  return { snapshot, fingerprints: out };
}

/** The fingerprints of a commit stored before them ({@link writeSnapshotFirst}), computed when asked. */
export type FingerprintsLater = (ctx: BackgroundContext) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * A commit's snapshot alone, its fingerprints left for later: `later` computes them
 * (`fingerprintRecords`, the rows `known` has copied), the same bytes {@link writeCommitData}
 * gives. Why: nothing in a commit's result needs them; they only spare a later comparison or
 * commit with this snapshot as the baseline the hashing of its records. Their canonical
 * encoding and SHA-256 per record were about a third of a 1M-row commit's engine thread and
 * half its helper's (a Chromium trace of `bench/whole-path.mjs`), so the page's commit
 * (`DatasetEngine.commitFor`) stores the snapshot without them and computes them afterwards as
 * background work, which waits while the user's next call runs (docs/architecture.md, "Commit").
 * `table` must read the same cells when `later` runs: the engine runs it only while the data is
 * the one committed (`valid`).
 */
export async function writeSnapshotFirst(
  table: Table,
  columnOrder: readonly number[],
  known?: KnownFingerprints,
  signal?: AbortSignal,
  onProgress?: (p: SnapshotProgress) => void,
): Promise<{ snapshot: PendingSnapshotData; later: FingerprintsLater }> {
  const snapshot = await startSnapshotData(table, signal, onProgress);
  return { snapshot, later: (ctx) => fingerprintRecords(table, columnOrder, ctx, known) };
}

/**
 * Copies row `r`'s stored fingerprint, with those of the rows after it (before `end`) stored at
 * the next places: one copy per run of rows (the merged rows of a kept baseline mostly are its
 * rows in order). Returns the rows copied, 0 when row `r` has none. A copy per row cost ~0.35 s of a 1M-row commit (Node CPU profile).
 */
function copyKnown(source: KnownFingerprints, r: number, end: number, out: Uint8Array): number {
  const k = source.from(r);
  if (k < 0) return 0;
  let n = 1;
  while (r + n < end && source.from(r + n) === k + n) n++;
  out.set(source.fingerprints.subarray(k * DIGEST_BYTES, (k + n) * DIGEST_BYTES), r * DIGEST_BYTES);
  return n;
}
