import { DIGEST_BYTES } from '../diff/digest';
import type { SnapshotDescription } from './snapshot-description';

/** A committed dataset kept in this browser, usable as the next baseline. */
export interface Snapshot extends SnapshotDescription {
  /**
   * 32 bytes a record; undefined for a commit stored before its fingerprints were added (they
   * are computed after the commit, `DatasetEngine.commitFingerprints`): the snapshot is whole
   * without them, and a comparison with it as the baseline hashes its records itself.
   */
  readonly fingerprints: ArrayBuffer | undefined;
  /** The NDJSON data, whole. */
  readonly data: Blob;
}

/**
 * A snapshot's record in the `snapshots` store. Version 2 (what is written now): the description
 * and sizes only; the `snapshot-parts` store holds its NDJSON under [id, 0…parts-1], each a run
 * of whole records a few MB long, so saving never needs the data in one piece, and its
 * fingerprints under [id, -1] (a Blob, or an ArrayBuffer as first written), so listing History
 * reads no fingerprints. Version 1 (written
 * before): the fingerprints and the data as one Blob in the record. Both are read.
 */
export type StoredSnapshot =
  | (SnapshotDescription & { readonly parts: number; readonly size: number; readonly fingerprintBytes: number })
  | Snapshot;

/** Where a version 2 snapshot's fingerprints are, in `snapshot-parts`: before its data parts. */
export const FINGERPRINTS_PART = -1;

export const SNAPSHOT_MIME = 'application/x-ndjson';

/**
 * The record to store for a snapshot whose data is `parts` (in order), version 2; its
 * fingerprints as bytes or as the Blob they are stored as.
 */
export function storedRecord(snapshot: SnapshotDescription & { readonly fingerprints: ArrayBuffer | Blob | null }, parts: readonly Blob[]): StoredSnapshot {
  let size = 0;
  for (const p of parts) size += p.size;
  const { fingerprints, ...description } = snapshot;
  // Null: to be added later (the worker's `putSnapshotFingerprints` then writes their size
  // here too); until then none are stored, and History's size counts none.
  const fingerprintBytes = fingerprints === null ? 0 : fingerprints instanceof Blob ? fingerprints.size : fingerprints.byteLength;
  return { ...description, parts: parts.length, size, fingerprintBytes };
}

/** True for a record written before the data was stored in parts. */
export function isWholeLayout(record: StoredSnapshot): record is Snapshot {
  return 'data' in record && record.data instanceof Blob;
}

/**
 * The data's and the fingerprints' size in bytes, in either layout (History's size).
 * `fingerprintsStored`: whether the snapshot's fingerprint part is there (`[id, -1]`); a record
 * of the parts layout counts them only then. A record written by the version before 29 Nov 2026
 * counted a commit's fingerprints (32 bytes a record) before they were added, and one whose
 * fingerprints never came would be listed that much too large; one to which a page of that
 * version added them to a record counting none is listed with them.
 */
export function storedSize(record: StoredSnapshot, fingerprintsStored: boolean): number {
  if (isWholeLayout(record)) return record.data.size + (record.fingerprints?.byteLength ?? 0);
  if (!fingerprintsStored) return record.size;
  return record.size + (record.fingerprintBytes > 0 ? record.fingerprintBytes : record.rowCount * DIGEST_BYTES);
}

/**
 * The snapshot a record describes, its data put together from its parts (a Blob of Blobs: no
 * bytes are copied) and its fingerprints. A version 1 record carries both already; a version 2
 * record whose data parts are missing or of the wrong size is refused (null) rather than read
 * short. Its fingerprints are only a shortcut: missing (a commit's, not added yet) or of the
 * wrong size, the snapshot comes without them.
 */
export function assembleSnapshot(
  record: StoredSnapshot,
  parts: readonly (Blob | undefined)[],
  fingerprints: ArrayBuffer | undefined,
): Snapshot | null {
  if (isWholeLayout(record)) return record;
  const { parts: count, size, fingerprintBytes: _fingerprintBytes, ...rest } = record;
  if (parts.length !== count) return null;
  let total = 0;
  const blobs: Blob[] = [];
  for (const p of parts) {
    if (p === undefined) return null;
    total += p.size;
    blobs.push(p);
  }
  if (total !== size) return null;
  // 32 bytes a record: a commit's added later, or a record written before their size was
  // counted only once they are (an earlier version counted them from the start).
  const whole = fingerprints !== undefined && fingerprints.byteLength === rest.rowCount * DIGEST_BYTES;
  return { ...rest, fingerprints: whole ? fingerprints : undefined, data: new Blob(blobs, { type: SNAPSHOT_MIME }) };
}
