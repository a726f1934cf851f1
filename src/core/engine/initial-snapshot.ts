import type { DiffCounts } from '../diff/diff-types';
import { fingerprintRecords, type DiffProgress } from '../diff/fingerprint';
import { TableBuilder, type Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { serializeNdjson } from '../write/json-write';
import { exportChunks } from './export-table';
import type { CommitResult } from './review-session';

/**
 * A first import's snapshot: nothing to compare with, so every record is "added". The data is
 * copied (the mapped view changes with later edits; a snapshot must not), then saved like a
 * commit's merged dataset: NDJSON with per-record fingerprints over its columns, so it can be
 * the baseline of the next import without re-hashing.
 *
 * @example
 * const { table, commit } = await initialSnapshot(current);
 * commit.counts.added === table.rowCount; // true
 */
export async function initialSnapshot(
  current: Table,
  signal?: AbortSignal,
  onProgress?: (p: DiffProgress) => void,
): Promise<{ table: Table; commit: CommitResult }> {
  const checkpoint = createCheckpoint(signal);
  const builder = new TableBuilder(current.columns);
  for (let r = 0; r < current.rowCount; r++) {
    builder.appendRow(current.row(r), current.sourceRow(r));
    if ((r & 1023) === 1023) await checkpoint();
  }
  const table = builder.finish();
  const order = table.columns.map((_, i) => i);
  const fingerprints = (await fingerprintRecords(table, order, { signal, onProgress })) as Uint8Array<ArrayBuffer>;
  const snapshot = await exportChunks(serializeNdjson(table), 'application/x-ndjson', signal);
  const counts: DiffCounts = { added: table.rowCount, removed: 0, modified: 0, unchanged: 0, cosmetic: 0, absent: 0, ignored: 0 };
  return {
    table,
    commit: {
      // No review was involved: 0 is never a review version (the engine's clock starts at 1).
      review: 0,
      snapshot: snapshot.blob,
      fingerprints,
      fingerprintColumns: table.columns,
      rowCount: table.rowCount,
      columns: table.columns,
      digest: snapshot.sha256,
      counts,
    },
  };
}
