import type { DiffCounts } from '../diff/diff-types';
import type { DiffProgress } from '../diff/fingerprint';
import { paced } from '../model/progress-pace';
import type { Table } from '../model/table';
import type { StagedCommit } from './review-session';
import { writeCommitData, writeSnapshotFirst } from './commit-data';
import type { SnapshotProgress } from './snapshot-data';

/**
 * A first import's snapshot: nothing to compare with, so every record is "added". Saved like a
 * commit's merged dataset: NDJSON with per-record fingerprints over its columns, so it can be
 * the baseline of the next import without re-hashing. The table is the current data itself, not
 * a copy: the snapshot's bytes are written here, and the engine uses the table afterwards only
 * while the data is unchanged (an edit makes Export read the data as it is then).
 *
 * @example
 * const { table, commit } = await initialSnapshot(current);
 * commit.counts.added === table.rowCount; // true
 */
export async function initialSnapshot(
  current: Table,
  signal?: AbortSignal,
  onProgress?: (p: DiffProgress) => void,
  fingerprintsLater = false,
): Promise<{ table: Table; commit: StagedCommit }> {
  const table = current;
  const order = table.columns.map((_, i) => i);
  // The snapshot and the fingerprints in one pass (commit-data.ts), or with `fingerprintsLater`
  // the snapshot alone; its SHA-256 may finish in a helper thread. Reports paced: each one
  // re-renders the page (core/model/progress-pace.ts).
  const report = paced(onProgress);
  const progress = (p: SnapshotProgress) => report?.({ phase: 'snapshot', ...p });
  const written = fingerprintsLater
    ? { ...(await writeSnapshotFirst(table, order, undefined, signal, progress)), fingerprints: null }
    : { ...(await writeCommitData(table, order, undefined, signal, progress)), later: null };
  const snapshot = await written.snapshot.done;
  const counts: DiffCounts = { added: table.rowCount, removed: 0, modified: 0, unchanged: 0, cosmetic: 0, absent: 0, ignored: 0, held: 0 };
  return {
    table,
    commit: {
      // No review was involved: 0 is never a review version (the engine's clock starts at 1).
      review: 0,
      snapshot: snapshot.blob,
      parts: snapshot.parts,
      fingerprints: written.fingerprints,
      later: written.later,
      fingerprintColumns: table.columns,
      rowCount: table.rowCount,
      columns: table.columns,
      digest: snapshot.sha256,
      counts,
    },
  };
}
