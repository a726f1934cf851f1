import type { DiffCounts } from '../../core/diff/diff-types';
import { porterDb } from './db';

/** A committed dataset kept in this browser, usable as the next baseline. */
export interface Snapshot {
  readonly id: string;
  readonly createdAt: string;
  readonly baselineName: string;
  readonly currentName: string;
  readonly rowCount: number;
  readonly columns: readonly string[];
  readonly counts: DiffCounts;
  /** SHA-256 of the NDJSON data, hex. */
  readonly digest: string;
  readonly canonicalVersion: number;
  readonly fingerprintColumns: readonly string[];
  readonly fingerprints: ArrayBuffer;
  readonly data: Blob;
}

export type SnapshotMeta = Omit<Snapshot, 'fingerprints' | 'data'> & { readonly bytes: number };

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
 * The first `count` records of a snapshot, for a quick look. Reads only the start of the NDJSON
 * blob (a few records, so the main thread is fine); nested objects are shown flattened.
 */
export async function snapshotHead(id: string, count: number): Promise<{ columns: string[]; rows: (string | null)[][] } | null> {
  const snap = await getSnapshot(id);
  if (!snap) return null;
  const text = await snap.data.slice(0, 256 * 1024).text();
  const records = text
    .split('\n')
    .slice(0, count)
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [flatten(JSON.parse(line) as unknown)];
      } catch {
        return []; // a record cut at the 256 KiB boundary
      }
    });
  const columns = snap.columns.length > 0 ? [...snap.columns] : [...new Set(records.flatMap((r) => [...r.keys()]))];
  return { columns, rows: records.map((r) => columns.map((c) => r.get(c) ?? null)) };
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else if (value !== null && value !== undefined) {
    out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}
