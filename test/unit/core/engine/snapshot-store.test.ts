import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import type { SnapshotDescription } from '../../../../src/core/engine/snapshot-description';
import { setSnapshotStore, type CommitSummary, type FingerprintStore, type SnapshotStore, type StoreProgress } from '../../../../src/core/engine/snapshot-store';
import { PorterError } from '../../../../src/core/model/porter-error';
import { collected, contactPlan, contactRows, getGc, reviewedEngine } from '../../../support/engine-fixture';

// A commit stored through the engine (docs/architecture.md, "Memory that ends"): the caller gets
// a summary without the snapshot's Blobs; the store gets the commit's own parts and
// fingerprints; once stored and adopted, nothing refers to those Blobs any more.

const PLAN = contactPlan([]);
const reviewed = () => reviewedEngine(PLAN);

/** What a store was handed: weak references to the Blobs, the bytes they held, the progress heard. */
interface Seen {
  description: SnapshotDescription;
  parts: WeakRef<Blob>[];
  text: string;
  /** Null: the commit left them for later (`commitFingerprints`). */
  fingerprints: Uint8Array | null;
  progress: StoreProgress[];
}

/** A store that reads what it is handed (as IndexedDB would copy it) and keeps no Blob. */
function recordingStore(seen: Seen[]): SnapshotStore {
  return async (description, fingerprints, parts, onProgress) => {
    const progress: StoreProgress[] = [];
    const total = (fingerprints?.byteLength ?? 0) + parts.reduce((n, p) => n + p.size, 0);
    let done = 0;
    const texts: string[] = [];
    for (const p of parts) {
      texts.push(await p.text());
      done += p.size;
      onProgress({ done, total });
      progress.push({ done, total });
    }
    seen.push({ description, parts: parts.map((p) => new WeakRef(p)), text: texts.join(''), fingerprints: fingerprints?.slice() ?? null, progress });
  };
}

/** The page's commit of the reviewed contacts, stored (without its fingerprints) and adopted; the fingerprint store's record. */
async function storedAndAdopted(): Promise<{ engine: DatasetEngine; summary: CommitSummary; later: Map<string, Uint8Array> }> {
  const later = new Map<string, Uint8Array>();
  setSnapshotStore(recordingStore([]), laterStore(later));
  const engine = await reviewed();
  const summary = await engine.commitFor({ kind: 'review' });
  await engine.storeCommit(descriptionOf(summary));
  engine.adoptCommit();
  return { engine, summary, later };
}

/** A first import of 120 contacts, committed through the page's path, stored and adopted. */
async function initialImport(): Promise<{ engine: DatasetEngine; first: CommitSummary }> {
  const engine = new DatasetEngine();
  await engine.open(new Blob([contactRows(120)]), 'a.csv');
  await engine.applyMapping(PLAN);
  const first = await engine.commitFor({ kind: 'initial', policy: 'include' });
  await engine.storeCommit(descriptionOf(first));
  engine.adoptCommit();
  return { engine, first };
}

/** A foreground call that runs until `release` is called (background work waits meanwhile). */
function holdForeground(engine: DatasetEngine): { held: Promise<void>; release: () => void } {
  const ends: (() => void)[] = [];
  const held = engine.foreground.run(() => new Promise<void>((resolve) => ends.push(resolve)));
  return { held, release: () => ends.forEach((end) => end()) };
}

/** A fingerprint store that keeps what it is handed, by snapshot id. */
function laterStore(seen: Map<string, Uint8Array>): FingerprintStore {
  return async (id, fingerprints) => {
    seen.set(id, fingerprints.slice());
  };
}

function descriptionOf(engineResult: { digest: string; rowCount: number; columns: readonly string[]; fingerprintColumns: readonly string[]; counts: SnapshotDescription['counts'] }): SnapshotDescription {
  return {
    id: 'snap-1',
    createdAt: '2026-11-27T03:00:00.000Z',
    baselineName: 'b.csv',
    currentName: 'a.csv',
    rowCount: engineResult.rowCount,
    columns: engineResult.columns,
    counts: engineResult.counts,
    digest: engineResult.digest,
    canonicalVersion: 1,
    fingerprintColumns: engineResult.fingerprintColumns,
  };
}

/** The engine's own commit's bytes (the command's path), with no reference to its Blobs kept. */
async function commitBytes(engine: DatasetEngine): Promise<{ text: string; fingerprints: Uint8Array }> {
  const commit = await engine.commit();
  return { text: await commit.snapshot.text(), fingerprints: commit.fingerprints };
}

afterEach(() => setSnapshotStore(null));

describe('a commit stored through the engine', () => {
  it('answers without Blobs; the store gets the commit’s bytes, then its fingerprints; stored and adopted, the parts are garbage', async () => {
    const gc = getGc();
    const seen: Seen[] = [];
    const later = new Map<string, Uint8Array>();
    setSnapshotStore(recordingStore(seen), laterStore(later));
    const engine = await reviewed();
    const before = engine.memoryUse().blobs;
    const summary = await engine.commitFor({ kind: 'review' });
    // Nothing in the answer is a Blob or the fingerprints: they stay in the engine.
    expect(Object.values(summary).some((v) => v instanceof Blob || Array.isArray(v) && v.some((p) => p instanceof Blob))).toBe(false);
    expect('fingerprints' in summary).toBe(false);
    expect(engine.memoryUse().blobs).toBe(before + summary.size);
    await engine.storeCommit(descriptionOf(summary), { onProgress: () => {} });
    const [stored] = seen;
    expect(stored).toBeDefined();
    // The same bytes the engine's own commit gives, and progress to the end; the snapshot is
    // stored before its fingerprints, which come after, to the same snapshot.
    const reference = await commitBytes(engine);
    expect(stored?.text).toBe(reference.text);
    expect(new TextEncoder().encode(stored?.text).byteLength).toBe(summary.size);
    expect(stored?.fingerprints).toBeNull();
    expect(stored?.description.digest).toBe(summary.digest);
    expect(stored?.progress.at(-1)?.done).toBe(summary.size);
    expect(later.size).toBe(0);
    engine.adoptCommit();
    expect(await engine.commitFingerprints()).toBe(true);
    expect(later.get('snap-1')).toEqual(reference.fingerprints);
    expect(later.get('snap-1')?.byteLength).toBe(summary.fingerprintBytes);
    // Once added, asking again adds nothing.
    expect(await engine.commitFingerprints()).toBe(false);
    expect(engine.memoryUse().blobs).toBe(before);
    await collected(gc);
    // Stored (the store keeps no Blob) and adopted: nothing refers to the parts any more.
    expect(stored?.parts.length).toBeGreaterThan(0);
    expect(stored?.parts.every((ref) => ref.deref() === undefined)).toBe(true);
  });

  it('refuses a description of another commit, and where no store is installed', async () => {
    const engine = await reviewed();
    const summary = await engine.commitFor({ kind: 'review' });
    await expect(engine.storeCommit(descriptionOf(summary))).rejects.toThrow(PorterError);
    setSnapshotStore(recordingStore([]));
    await expect(engine.storeCommit(descriptionOf({ ...summary, digest: '0'.repeat(64) }))).rejects.toThrow(PorterError);
    await expect(engine.storeCommit(descriptionOf(summary))).resolves.toBeUndefined();
  });

  it('a first import and a revert go through the same store, and a commit made again after adoption can be stored', async () => {
    const seen: Seen[] = [];
    setSnapshotStore(recordingStore(seen));
    const { engine, first } = await initialImport();
    // Asked again after adoption (the page forgot it): the same snapshot, storable again.
    const again = await engine.commitFor({ kind: 'initial', policy: 'include' });
    expect(again.digest).toBe(first.digest);
    await engine.storeCommit(descriptionOf(again));
    expect(seen[1]?.text).toBe(seen[0]?.text);
    engine.adoptCommit();
    const revert = await engine.commitFor({ kind: 'revert', file: new TextEncoder().encode(seen[0]?.text), columns: first.columns });
    // The same records: the same NDJSON bytes, so the same digest.
    expect(revert.digest).toBe(first.digest);
    await engine.storeCommit(descriptionOf(revert));
    expect(seen[2]?.text).toBe(seen[0]?.text);
  });

  it('commitFor copies no fingerprints (only the summary leaves); commit() hands out a copy of its own each time', async () => {
    const handed: Uint8Array[] = [];
    setSnapshotStore(
      async () => {},
      async (_id, fingerprints) => {
        handed.push(fingerprints);
      },
    );
    const engine = await reviewed();
    const copies: number[] = [];
    const slice = Uint8Array.prototype.slice;
    const spy = vi.spyOn(Uint8Array.prototype, 'slice').mockImplementation(function (this: Uint8Array, ...args: Parameters<Uint8Array['slice']>) {
      copies.push(this.byteLength);
      return slice.apply(this, args);
    });
    let summary;
    try {
      summary = await engine.commitFor({ kind: 'review' });
    } finally {
      spy.mockRestore();
    }
    expect(summary.fingerprintBytes).toBeGreaterThan(0);
    expect(copies.filter((n) => n === summary.fingerprintBytes)).toEqual([]);
    await engine.storeCommit(descriptionOf(summary));
    expect(await engine.commitFingerprints()).toBe(true);
    // The engine's own commit (the command, the host that moves it to the page): a copy, again.
    const a = await engine.commit();
    const b = await engine.commit();
    expect(a.fingerprints.buffer).not.toBe(b.fingerprints.buffer);
    expect(a.fingerprints.buffer).not.toBe(handed[0]?.buffer);
    expect(a.fingerprints).toEqual(handed[0]);
    expect(b.fingerprints).toEqual(handed[0]);
  });
  it('adds no fingerprints once the data changed after the commit, nor for a commit replaced by another', async () => {
    const { engine, later } = await storedAndAdopted();
    // An edit: the merged view reads the new data live, so fingerprints now would describe other records.
    await engine.edit({ kind: 'set', row: 0, field: 'email', value: 'changed@example.com' });
    expect(await engine.commitFingerprints()).toBe(false);
    expect(later.size).toBe(0);
    // Not stored yet: nothing to add them to.
    const fresh = await reviewed();
    await fresh.commitFor({ kind: 'review' });
    expect(await fresh.commitFingerprints()).toBe(false);
    expect(later.size).toBe(0);
  });

  it('waits while a foreground call runs, then adds them', async () => {
    const { engine, summary, later } = await storedAndAdopted();
    const { held, release } = holdForeground(engine);
    let done = false;
    const job = engine.commitFingerprints().then((stored) => ((done = true), stored));
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false);
    release();
    await held;
    expect(await job).toBe(true);
    expect(later.get('snap-1')?.byteLength).toBe(summary.fingerprintBytes);
    expect(later.get('snap-1')).toEqual((await engine.commit()).fingerprints);
  });

  it('waits while a foreground call runs, and stops when the data changes meanwhile', async () => {
    const { engine, later } = await storedAndAdopted();
    const { held, release } = holdForeground(engine);
    const job = engine.commitFingerprints();
    // A few turns of the event loop: the job is still waiting at its first checkpoint.
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    expect(later.size).toBe(0);
    // The foreground call edits the data before it ends: the job, let go, finds it changed.
    await engine.edit({ kind: 'set', row: 0, field: 'email', value: 'changed@example.com' });
    release();
    await held;
    expect(await job).toBe(false);
    expect(later.size).toBe(0);
  });

  it('a first import left without fingerprints gets them, the same as commitInitial gives', async () => {
    const later = new Map<string, Uint8Array>();
    setSnapshotStore(recordingStore([]), laterStore(later));
    const { engine } = await initialImport();
    expect(await engine.commitFingerprints()).toBe(true);
    const eager = await engine.commitInitial('include');
    expect(later.get('snap-1')).toEqual(eager.fingerprints);
  });
});
