import type { SnapshotDescription } from '../../core/engine/snapshot-description';
import { SNAPSHOT_HEAD_BYTES } from '../../core/engine/limits';
import type { SnapshotHead } from '../../core/engine/snapshot-head';
import { engine } from '../engine';
import { porterDb } from './db';

/** A committed dataset kept in this browser, usable as the next baseline. */
export interface Snapshot extends SnapshotDescription {
  readonly fingerprints: ArrayBuffer;
  readonly data: Blob;
}

export type { SnapshotHead };

export type SnapshotMeta = SnapshotDescription & { readonly bytes: number };

export async function listSnapshots(): Promise<SnapshotMeta[]> {
  try {
    const all = (await (await porterDb()).getAll('snapshots')) as unknown as Snapshot[];
    return all
      .map(({ fingerprints, data, ...meta }) => ({ ...meta, bytes: data.size + fingerprints.byteLength }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  } catch (err) {
    console.warn('Could not read snapshots', err);
    return [];
  }
}

export async function getSnapshot(id: string): Promise<Snapshot | undefined> {
  return (await (await porterDb()).get('snapshots', id)) as unknown as Snapshot | undefined;
}

export async function putSnapshot(snapshot: Snapshot): Promise<void> {
  await (await porterDb()).put('snapshots', snapshot as unknown as { id: string });
}

export async function deleteSnapshot(id: string): Promise<void> {
  await (await porterDb()).delete('snapshots', id);
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
