import { SNAPSHOT_HEAD_BYTES } from '../../core/engine/limits';
import type { SnapshotDescription } from '../../core/engine/snapshot-description';
import type { SnapshotHead } from '../../core/engine/snapshot-head';
import { engine } from '../engine';
import { porterDb } from '../../workers/porter-db';
import { assembleSnapshot, FINGERPRINTS_PART, isWholeLayout, storedSize, type Snapshot, type StoredSnapshot } from '../../core/engine/snapshot-layout';
import { putSnapshotParts } from '../../workers/snapshot-store';

export type { Snapshot, SnapshotHead };

export type SnapshotMeta = SnapshotDescription & { readonly bytes: number };

export async function listSnapshots(): Promise<SnapshotMeta[]> {
  try {
    const tx = (await porterDb()).transaction(['snapshots', 'snapshot-parts'], 'readonly');
    const all = (await tx.objectStore('snapshots').getAll()) as unknown as StoredSnapshot[];
    // Which have their fingerprints (keys only: no part is read), for their size.
    const parts = tx.objectStore('snapshot-parts');
    const stored = await Promise.all(all.map(async (r) => (await parts.getKey([r.id, FINGERPRINTS_PART])) !== undefined));
    return all.map((r, i) => metaOf(r, stored[i] === true)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  } catch (err) {
    console.warn('Could not read snapshots', err);
    return [];
  }
}

/** A stored record without its data and fingerprints, in either layout; `fingerprintsStored`: as `storedSize` takes it. */
function metaOf(record: StoredSnapshot, fingerprintsStored: boolean): SnapshotMeta {
  const meta = { ...record } as Record<string, unknown>;
  for (const key of ['data', 'fingerprints', 'parts', 'size', 'fingerprintBytes']) delete meta[key];
  return { ...(meta as unknown as SnapshotDescription), bytes: storedSize(record, fingerprintsStored) };
}

/** Every data part of a snapshot: [id, 0] up to [id, +∞); its fingerprints sit at [id, -1]. */
const dataParts = (id: string) => IDBKeyRange.bound([id, 0], [id, Infinity]);
const allParts = (id: string) => IDBKeyRange.bound([id, FINGERPRINTS_PART], [id, Infinity]);

/** A stored snapshot with its data, in either layout (snapshot-layout.ts); undefined if absent or incomplete. */
export async function getSnapshot(id: string): Promise<Snapshot | undefined> {
  const db = await porterDb();
  const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readonly');
  const record = (await tx.objectStore('snapshots').get(id)) as unknown as StoredSnapshot | undefined;
  if (record === undefined) return undefined;
  if (isWholeLayout(record)) return record;
  const parts = tx.objectStore('snapshot-parts');
  const [data, stored] = await Promise.all([parts.getAll(dataParts(id)), parts.get([id, FINGERPRINTS_PART])]);
  // Stored as a Blob since putSnapshot stopped cloning them (an ArrayBuffer before): either reads.
  const fingerprints = stored instanceof Blob ? await stored.arrayBuffer() : stored;
  return (
    assembleSnapshot(
      record,
      data.map((p) => (p instanceof Blob ? p : undefined)),
      fingerprints instanceof ArrayBuffer ? fingerprints : undefined,
    ) ?? undefined
  );
}

/**
 * Saves a snapshot from the page (an imported one: the command's files), in the layout a commit
 * is stored in (`putSnapshotParts`). A commit's snapshot is stored by the engine worker itself
 * (`engine.storeCommit`), so its parts never reach the page.
 */
export async function putSnapshot(
  snapshot: Omit<Snapshot, 'data' | 'fingerprints'> & { readonly fingerprints: ArrayBuffer },
  parts: readonly Blob[],
  onProgress?: (p: { done: number; total: number }) => void,
  signal?: AbortSignal,
): Promise<void> {
  const { fingerprints, ...description } = snapshot;
  await putSnapshotParts(description, new Blob([fingerprints]), parts, onProgress, signal);
}

export async function deleteSnapshot(id: string): Promise<void> {
  const db = await porterDb();
  const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readwrite');
  await Promise.all([tx.objectStore('snapshots').delete(id), tx.objectStore('snapshot-parts').delete(allParts(id)), tx.done]);
}

/** Storage used and the browser's quota for this site, when the browser says. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}

/**
 * The first `count` records of a snapshot, for a quick look: the engine reads the start of the
 * NDJSON with the reader a baseline goes through, off the main thread.
 */
export async function snapshotHead(id: string, count: number): Promise<SnapshotHead | null> {
  const snap = await getSnapshot(id);
  if (!snap) return null;
  return engine.snapshotHead(
    snap.data.slice(0, SNAPSHOT_HEAD_BYTES),
    count,
    snap.columns,
    snap.data.size <= SNAPSHOT_HEAD_BYTES,
  );
}
