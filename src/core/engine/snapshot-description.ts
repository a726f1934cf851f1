import type { DiffCounts } from '../diff/diff-types';

/**
 * What a committed snapshot says about itself, wherever it is kept: the page stores it in
 * IndexedDB beside the NDJSON Blob and the fingerprints; `crm-porter run` writes it as
 * `NAME.snapshot.json` beside the two files. One shape, so either can be the other's baseline.
 */
export interface SnapshotDescription {
  readonly id: string;
  readonly createdAt: string;
  /** The baseline's name: a file's, or the data file's of the snapshot used as the baseline ('' for none). */
  readonly baselineName: string;
  /**
   * When the baseline was a stored snapshot: its `createdAt` (ISO 8601), shown beside
   * `baselineName` in the language of the page. Absent for a file baseline, and in snapshots
   * written before 30 Nov 2026, whose `baselineName` holds the whole label (`name · time`, the
   * time in the browser's own locale); those are shown as they are.
   */
  readonly baselineCreatedAt?: string;
  readonly currentName: string;
  readonly rowCount: number;
  readonly columns: readonly string[];
  readonly counts: DiffCounts;
  /** SHA-256 of the NDJSON data, hex. */
  readonly digest: string;
  /** Version of the canonical form the fingerprints were computed over. */
  readonly canonicalVersion: number;
  readonly fingerprintColumns: readonly string[];
  /** Set on a revert: the `createdAt` of the snapshot whose records this one holds again. */
  readonly revertOf?: string;
}
