import type { SnapshotDescription } from '../core/engine/snapshot-description';
import { FINGERPRINTS_PART, storedRecord } from '../core/engine/snapshot-layout';
import type { StoreProgress } from '../core/engine/snapshot-store';
import { porterDb } from './porter-db';

/**
 * Writes a snapshot into the app's IndexedDB (layout version 2, core/engine/snapshot-layout.ts):
 * its data as `parts` (runs of whole records, each its own value), its fingerprints as one more
 * (or, null, later: `putSnapshotFingerprints`), and the description, in one transaction, so a
 * snapshot is there whole or not at all.
 * `onProgress` hears the bytes stored so far as each part's write succeeds (hundreds of MB at
 * 1M rows: the page says how far it is); `signal` aborts the transaction. IndexedDB is open to
 * workers: the engine worker stores a commit with this (it is the engine's `SnapshotStore`), so
 * the commit's part Blobs never reach the page; the page stores an imported snapshot with it.
 */
export async function putSnapshotParts(
  description: SnapshotDescription,
  fingerprints: Blob | null,
  parts: readonly Blob[],
  onProgress?: (p: StoreProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  signal?.throwIfAborted();
  const db = await porterDb();
  const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readwrite');
  // Aborting the transaction takes back every part written so far.
  const abort = () => {
    try {
      tx.abort();
    } catch {
      // Finished already: the snapshot is stored whole.
    }
  };
  signal?.addEventListener('abort', abort, { once: true });
  const store = tx.objectStore('snapshot-parts');
  let total = fingerprints?.size ?? 0;
  for (const p of parts) total += p.size;
  let done = 0;
  const stored = (bytes: number) => () => {
    done += bytes;
    onProgress?.({ done, total });
  };
  onProgress?.({ done, total });
  const record = storedRecord({ ...description, fingerprints }, parts);
  try {
    await Promise.all([
      ...parts.map((part, i) => store.put(part, [description.id, i]).then(stored(part.size))),
      ...(fingerprints === null ? [] : [store.put(fingerprints, [description.id, FINGERPRINTS_PART]).then(stored(fingerprints.size))]),
      tx.objectStore('snapshots').put(record as unknown as { id: string }),
      tx.done,
    ]);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

/**
 * The engine's store (`setSnapshotStore`) in the worker. The fingerprints go in as a Blob: put as
 * an ArrayBuffer, IndexedDB clones all of them (32 MB at 1M rows) inside the put, in one task;
 * a Blob is one copy here and a reference to the put (the reader takes either).
 */
export function workerSnapshotStore(
  description: SnapshotDescription,
  fingerprints: Uint8Array<ArrayBuffer> | null,
  parts: readonly Blob[],
  onProgress: (p: StoreProgress) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  return putSnapshotParts(description, fingerprints === null ? null : new Blob([fingerprints]), parts, onProgress, signal);
}

/**
 * The engine's fingerprint store (`setSnapshotStore`) in the worker: adds the fingerprints of a
 * snapshot stored without them, and their size to its record, in one transaction with a look at
 * that record, so a snapshot deleted meanwhile gets none (no part is left without its snapshot).
 */
export async function putSnapshotFingerprints(id: string, fingerprints: Uint8Array<ArrayBuffer>): Promise<void> {
  const db = await porterDb();
  const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readwrite');
  // The record says how many bytes of fingerprints are stored (History's size), from now on.
  const put = tx
    .objectStore('snapshots')
    .get(id)
    .then((record) =>
      record === undefined
        ? undefined
        : Promise.all([
            tx.objectStore('snapshot-parts').put(new Blob([fingerprints]), [id, FINGERPRINTS_PART]),
            tx.objectStore('snapshots').put({ ...record, fingerprintBytes: fingerprints.byteLength }),
          ]),
    );
  // Both awaited together: a failed put aborts the transaction, and neither rejection goes unheard.
  await Promise.all([put, tx.done]);
}
