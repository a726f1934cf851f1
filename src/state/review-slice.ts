import type { StateCreator } from 'zustand';
import { CANONICAL_VERSION } from '../core/diff/canonical-form';
import type { ChangeKind } from '../core/diff/diff-types';
import type { DiffProgress } from '../core/diff/fingerprint';
import type { KeyResolution } from '../core/diff/key-spec';
import type { BaselineSummary, DecisionOp, ReviewSummary } from '../core/engine/review-session';
import { isCancelled } from '../workers/client/engine-client';
import { engine } from './engine';
import {
  deleteSnapshot,
  getSnapshot,
  listSnapshots,
  putSnapshot,
  storageEstimate,
  type Snapshot,
  type SnapshotMeta,
} from './persist/snapshots';
import { toShownError, type ShownError } from './source-slice';
import type { Store } from './store';

export interface ReviewOptions {
  keyColumns: string[];
  trim: boolean;
  caseInsensitive: boolean;
  policy: 'upsert' | 'mirror';
  emptyCells: 'clear' | 'no-information';
  quietClass: boolean;
  /** Columns that take part; by default those on both sides. */
  compareColumns: string[];
}

export interface ReviewSlice {
  baseline: BaselineSummary | null;
  reviewOptions: ReviewOptions;
  review: ReviewSummary | null;
  reviewStatus: 'idle' | 'loading' | 'diffing' | 'committing';
  reviewProgress: DiffProgress | null;
  reviewError: ShownError | null;
  snapshots: SnapshotMeta[];
  storage: { usage: number; quota: number } | null;
  /** The last commit that was saved and adopted for Export. */
  committedSnapshot: SnapshotMeta | null;
  /** The source version (`summary.version`) the baseline was loaded against; a new read makes it stale. */
  reviewSource: number | null;
  /** Forgets the baseline and the review (after a new file was read, the engine has dropped them). */
  clearReview: () => void;
  loadBaselineFile: (file: Blob, fileName: string) => Promise<void>;
  loadBaselineSnapshot: (id: string) => Promise<void>;
  setReviewOptions: (patch: Partial<ReviewOptions>) => void;
  runDiff: () => Promise<void>;
  cancelReview: () => void;
  decide: (op: DecisionOp) => Promise<void>;
  reviewUndo: () => Promise<void>;
  reviewRedo: () => Promise<void>;
  resolveConflict: (side: 'base' | 'next', resolution: KeyResolution) => Promise<void>;
  commitReview: () => Promise<void>;
  refreshSnapshots: () => Promise<void>;
  removeSnapshot: (id: string) => Promise<void>;
  snapshotUrl: (id: string) => Promise<string | null>;
  exportChanges: (format: 'json' | 'csv' | 'xml' | 'xlsx') => Promise<{ url: string; size: number; sha256: string } | null>;
}

const DEFAULT_OPTIONS: ReviewOptions = {
  keyColumns: [],
  trim: true,
  caseInsensitive: false,
  policy: 'upsert',
  emptyCells: 'no-information',
  quietClass: true,
  compareColumns: [],
};

let running: AbortController | null = null;

export const createReviewSlice: StateCreator<Store, [], [], ReviewSlice> = (set, get) => {
  const task = async <T>(status: ReviewSlice['reviewStatus'], run: (signal: AbortSignal) => Promise<T>): Promise<T | null> => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    set({ reviewStatus: status, reviewProgress: null, reviewError: null });
    try {
      const result = await run(controller.signal);
      set({ reviewStatus: 'idle', reviewProgress: null });
      return result;
    } catch (err) {
      set({ reviewStatus: 'idle', reviewProgress: null, reviewError: isCancelled(err) ? null : toShownError(err) });
      return null;
    }
  };
  const onProgress = (reviewProgress: DiffProgress) => set({ reviewProgress });
  const quick = async (run: () => Promise<ReviewSummary>) => {
    try {
      set({ review: await run(), reviewError: null });
    } catch (err) {
      set({ reviewError: toShownError(err) });
    }
  };
  const afterBaseline = (baseline: BaselineSummary | null) => {
    if (!baseline) return;
    const best = baseline.keySuggestions[0];
    const shared = baseline.columns.filter((c) => !baseline.columnsOnlyInBaseline.includes(c));
    set({
      baseline,
      review: null,
      reviewSource: get().summary?.version ?? null,
      reviewOptions: { ...get().reviewOptions, keyColumns: best ? [...best.columns] : [], compareColumns: shared },
    });
  };

  return {
    baseline: null,
    reviewOptions: DEFAULT_OPTIONS,
    review: null,
    reviewStatus: 'idle',
    reviewProgress: null,
    reviewError: null,
    snapshots: [],
    storage: null,
    committedSnapshot: null,
    reviewSource: null,
    clearReview: () => {
      running?.abort();
      set({ baseline: null, review: null, reviewError: null, committedSnapshot: null, reviewSource: null });
    },
    loadBaselineFile: async (file, fileName) => {
      afterBaseline(
        await task('loading', (signal) =>
          engine.call('loadBaseline', { file, fileName, stored: null }, { signal }),
        ),
      );
    },
    loadBaselineSnapshot: async (id) => {
      let snap: Awaited<ReturnType<typeof getSnapshot>>;
      try {
        snap = await getSnapshot(id);
      } catch (err) {
        set({ reviewError: toShownError(err) });
        return;
      }
      if (!snap) return;
      const stored = { fingerprints: new Uint8Array(snap.fingerprints), columns: snap.fingerprintColumns };
      const name = `${snap.currentName} · ${new Date(snap.createdAt).toLocaleString()}`;
      afterBaseline(
        await task('loading', (signal) =>
          engine.call('loadBaseline', { file: snap.data, fileName: name, stored }, { signal }),
        ),
      );
    },
    setReviewOptions: (patch) => set({ reviewOptions: { ...get().reviewOptions, ...patch } }),
    runDiff: async () => {
      const o = get().reviewOptions;
      const review = await task('diffing', (signal) =>
        engine.call(
          'runDiff',
          {
            options: {
              key: { columns: o.keyColumns, trim: o.trim, caseInsensitive: o.caseInsensitive },
              compareColumns: o.compareColumns,
              policy: o.policy,
              emptyCells: o.emptyCells,
              quietClass: o.quietClass,
            },
          },
          { signal, onProgress },
        ),
      );
      // The engine forgets an adopted commit when the diff runs again: Export writes the new data.
      if (review) set({ review, committedSnapshot: null });
    },
    cancelReview: () => running?.abort(),
    decide: (op) => quick(() => engine.call('decide', { op })),
    reviewUndo: () => quick(() => engine.call('reviewUndo', {})),
    reviewRedo: () => quick(() => engine.call('reviewRedo', {})),
    resolveConflict: async (side, resolution) => {
      const review = await task('diffing', (signal) =>
        engine.call('resolveConflict', { side, resolution }, { signal, onProgress }),
      );
      if (review) set({ review });
    },
    commitReview: async () => {
      const result = await task('committing', (signal) => engine.call('commit', {}, { signal, onProgress }));
      if (!result) return;
      const bytes = result.snapshot.size + result.fingerprints.byteLength;
      const storage = await storageEstimate();
      // Say so before anything is saved or adopted: nothing is lost, the review stays as it is.
      if (storage && storage.quota > 0 && storage.usage + bytes > storage.quota) {
        set({ storage, reviewError: { code: 'snapshot-too-large', details: { size: bytes, limit: storage.quota - storage.usage } } });
        return;
      }
      const summary = get().summary;
      const snapshot: Snapshot = {
        id: crypto.randomUUID(),
        createdAt: new Date().toISOString(),
        baselineName: get().baseline?.fileName ?? '',
        currentName: summary?.fileName ?? '',
        rowCount: result.rowCount,
        columns: result.columns,
        counts: result.counts,
        digest: result.digest,
        canonicalVersion: CANONICAL_VERSION,
        fingerprintColumns: result.fingerprintColumns,
        fingerprints: result.fingerprints.buffer.slice(0) as ArrayBuffer,
        data: result.snapshot,
      };
      try {
        await putSnapshot(snapshot);
      } catch (err) {
        set({ reviewError: { code: 'snapshot-too-large', details: { size: bytes, reason: String(err).slice(0, 200) } } });
        return;
      }
      await engine.call('adoptCommit', {});
      set({ committedSnapshot: { ...snapshotMeta(snapshot), bytes } });
      await get().refreshSnapshots();
    },
    refreshSnapshots: async () => set({ snapshots: await listSnapshots(), storage: await storageEstimate() }),
    removeSnapshot: async (id) => {
      try {
        await deleteSnapshot(id);
      } catch (err) {
        set({ reviewError: toShownError(err) });
      }
      await get().refreshSnapshots();
    },
    snapshotUrl: async (id) => {
      const snap = await getSnapshot(id);
      return snap ? URL.createObjectURL(snap.data) : null;
    },
    exportChanges: async (format) => {
      try {
        const r = await engine.call('exportChanges', { format });
        return { url: URL.createObjectURL(r.blob), size: r.size, sha256: r.sha256 };
      } catch (err) {
        set({ reviewError: toShownError(err) });
        return null;
      }
    },
  };
};

/** A snapshot without its data and fingerprints, as History lists it. */
function snapshotMeta(snapshot: Snapshot): Omit<Snapshot, 'fingerprints' | 'data'> {
  const { fingerprints: _fingerprints, data: _data, ...meta } = snapshot;
  return meta;
}

/** All change kinds, in display order. */
export const REVIEW_KINDS: readonly ChangeKind[] = ['added', 'removed', 'modified', 'cosmetic', 'absent', 'unchanged'];
