import type { StateCreator } from 'zustand';
import { CANONICAL_VERSION } from '../core/diff/canonical-form';
import type { ChangeKind } from '../core/diff/diff-types';
import { DEFAULT_RULES, type ImportMode, type UpdateRules } from '../core/diff/import-mode';
import type { DiffProgress } from '../core/diff/fingerprint';
import type { KeyResolution } from '../core/diff/key-spec';
import type { BaselineProgress, ComparedAs } from '../core/engine/dataset-engine';
import type { BaselineSummary, ChangeDirection, DecisionOp, ReviewSummary } from '../core/engine/review-session';
import type { SnapshotDescription } from '../core/engine/snapshot-description';
import type { CommitSummary } from '../core/engine/snapshot-store';
import { EngineError, isCancelled, transfer } from '../workers/client/engine-client';
import { engine } from './engine';
import { effectiveCsv } from './export-slice';
import {
  deleteSnapshot,
  getSnapshot,
  listSnapshots,
  putSnapshot,
  storageEstimate,
  type SnapshotMeta,
} from './persist/snapshots';
import { snapshotFromFiles } from './persist/snapshot-import';
import { updateSession } from './persist/session';
import { PorterError } from '../core/model/porter-error';
import { toShownError, type ShownError } from './source-slice';
import type { Store } from './store';

export interface ReviewOptions {
  keyColumns: string[];
  trim: boolean;
  caseInsensitive: boolean;
  /** What the import does with new, existing and missing records (asked before comparing). */
  mode: ImportMode;
  /** When a field of an existing record takes the new value: per field, with a default. */
  rules: UpdateRules;
  quietClass: boolean;
  /** Columns that take part; by default those on both sides. */
  compareColumns: string[];
}

/** What the saved session remembers of the last adopted commit. */
export interface CommitBeforeReload {
  readonly id: string;
  readonly rowCount: number;
}

/** A new file means a new comparison: the baseline stays loadable, the diff and commit do not (applied by store.ts). */
export const REVIEW_FOR_NEW_SOURCE: Partial<ReviewSlice> = { review: null, committedSnapshot: null, committedReview: null, commitBeforeReload: null };

/**
 * A commit's last phase, on the page: its snapshot written into IndexedDB, bytes stored so far.
 * Hundreds of MB at 1M rows: without it the end of a commit showed no progress at all.
 */
export interface SaveProgress {
  readonly phase: 'save';
  readonly done: number;
  readonly total: number;
  readonly unit: 'bytes';
}

/** The baseline loaded; `snapshotAt`: the `createdAt` of the stored snapshot it is, shown in the page's language. */
export type LoadedBaseline = BaselineSummary & { readonly snapshotAt?: string };

export interface ReviewSlice {
  baseline: LoadedBaseline | null;
  reviewOptions: ReviewOptions;
  review: ReviewSummary | null;
  reviewStatus: 'idle' | 'loading' | 'diffing' | 'committing';
  reviewProgress: DiffProgress | SaveProgress | null;
  reviewError: ShownError | null;
  snapshots: SnapshotMeta[];
  storage: { usage: number; quota: number } | null;
  /** The last commit that was saved and adopted for Export. */
  committedSnapshot: SnapshotMeta | null;
  /** How that commit treated rows with errors (the policy it was made under, rows left out). */
  committedAs: ComparedAs | null;
  /** The review version that commit was built from: Commit stays off until the review changes. */
  committedReview: number | null;
  /**
   * A commit adopted before the page was reloaded (from the saved session): the reload restores
   * the file, mapping and edits, not the review, so Export writes the current data and says so.
   */
  commitBeforeReload: CommitBeforeReload | null;
  /** Forgets the baseline and the review (after a new file was read, the engine has dropped them). */
  clearReview: () => void;
  /**
   * Takes the review's state from the engine: whether it is stale (the data changed after the
   * diff), or gone (a new file was read). Called when the Review step is shown.
   */
  syncReview: () => Promise<void>;
  loadBaselineFile: (file: Blob, fileName: string) => Promise<void>;
  loadBaselineSnapshot: (id: string) => Promise<void>;
  /** Loads a sample served with the app (public/samples/) as the baseline. */
  loadSampleBaseline: (file: string) => Promise<void>;
  setReviewOptions: (patch: Partial<ReviewOptions>) => void;
  runDiff: () => Promise<void>;
  cancelReview: () => void;
  decide: (op: DecisionOp) => Promise<void>;
  reviewUndo: () => Promise<void>;
  reviewRedo: () => Promise<void>;
  resolveConflict: (side: 'base' | 'next', resolution: KeyResolution) => Promise<void>;
  commitReview: () => Promise<void>;
  /** A first import without a baseline: the current data becomes the initial snapshot. */
  commitInitial: () => Promise<void>;
  refreshSnapshots: () => Promise<void>;
  /** Adds a snapshot written by `crm-porter run` (its three files) to History. */
  importSnapshot: (files: readonly File[]) => Promise<void>;
  removeSnapshot: (id: string) => Promise<void>;
  snapshotUrl: (id: string) => Promise<string | null>;
  /** The accepted changes (`forward`) or the change set that undoes them (`undo`) as a file. */
  exportChanges: (
    format: 'json' | 'csv' | 'xml' | 'xlsx',
    direction?: ChangeDirection,
  ) => Promise<{ url: string; size: number; sha256: string } | null>;
  /**
   * Reverts to a stored snapshot as a new commit: its records become the committed data (what
   * Export writes) and are stored again as the newest snapshot; the others stay.
   */
  revertToSnapshot: (id: string) => Promise<void>;
}

const DEFAULT_OPTIONS: ReviewOptions = {
  keyColumns: [],
  trim: true,
  caseInsensitive: false,
  mode: 'add-update',
  rules: DEFAULT_RULES,
  quietClass: true,
  compareColumns: [],
};

let running: AbortController | null = null;
/**
 * Counts the review work begun on the page (a baseline loaded, a comparison, a decision): an
 * answer of syncReview about the review of before is dropped once one began after it was asked.
 */
let begun = 0;
/**
 * A commit from its start until its snapshot is saved and adopted. A second click in that time
 * (a double click) waits for the first instead of storing the same snapshot again.
 */
let committing: Promise<void> | null = null;

function once(run: () => Promise<void>): Promise<void> {
  if (committing !== null) return committing;
  const current = run().finally(() => {
    if (committing === current) committing = null;
  });
  committing = current;
  return current;
}

/**
 * The records' fingerprints of the commit just stored (or of the stored snapshot `id` with the
 * same records), added in the background: the engine works on them only while nothing else is
 * asked of it, and drops them if the data changes first. The snapshot is whole without them,
 * so a failure is only logged. `stored` runs once they are stored (History, listed again,
 * then counts them in its size).
 */
function fingerprintsLater(stored: () => Promise<void>, id?: string): void {
  engine
    .commitFingerprints(id)
    .then((done) => (done ? stored() : undefined))
    .catch((err: unknown) => console.warn('Fingerprints not stored, or History not listed again', err));
}

export const createReviewSlice: StateCreator<Store, [], [], ReviewSlice> = (set, get) => {
  const task = async <T>(status: ReviewSlice['reviewStatus'], run: (signal: AbortSignal) => Promise<T>): Promise<T | null> => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    begun++;
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
  // A baseline's read and mapping as review phases: the reader counts in its own unit
  // (characters for text), shown as a share of the file's bytes, as Upload does.
  const baselineProgress = (size: number) => (p: BaselineProgress) => {
    if (p.kind === 'read') onProgress({ phase: 'read', done: p.total > 0 ? Math.round((p.done / p.total) * size) : 0, total: size, unit: 'bytes' });
    else if (p.kind === 'map') onProgress({ phase: 'map', done: p.done, total: p.total });
  };
  const quick = async (run: () => Promise<ReviewSummary>) => {
    begun++;
    try {
      set({ review: await run(), reviewError: null });
    } catch (err) {
      set({ reviewError: toShownError(err) });
    }
  };
  /** A stored snapshot, or null when there is none; a storage failure is shown as the review's error. */
  const storedSnapshot = async (id: string) => {
    try {
      return (await getSnapshot(id)) ?? null;
    } catch (err) {
      set({ reviewError: toShownError(err) });
      return null;
    }
  };
  const afterBaseline = (loaded: BaselineSummary | null, snapshotAt?: string) => {
    if (!loaded) return;
    const baseline: LoadedBaseline = snapshotAt === undefined ? loaded : { ...loaded, snapshotAt };
    const best = baseline.keySuggestions[0];
    const shared = baseline.columns.filter((c) => !baseline.columnsOnlyInBaseline.includes(c));
    set({
      baseline,
      review: null,
      committedSnapshot: null,
      committedReview: null,
      reviewOptions: { ...get().reviewOptions, keyColumns: best ? [...best.columns] : [], compareColumns: shared },
    });
  };

  /** A commit's last phase: its snapshot being stored, `done` of `total` bytes. */
  const saving = (done: number, total: number) => set({ reviewStatus: 'committing', reviewProgress: { phase: 'save', done, total, unit: 'bytes' } });
  /** Saves a commit's snapshot (if it fits) and makes its dataset the one Export writes. */
  const saveCommit = async (baseline: { name: string; at?: string | undefined }, result: CommitSummary, revert?: { of: string; currentName: string }) => {
    const bytes = result.size + result.fingerprintBytes;
    const storage = await storageEstimate();
    // Say so before anything is saved or adopted: nothing is lost, the review stays as it is.
    if (storage && storage.quota > 0 && storage.usage + bytes > storage.quota) {
      set({ storage, reviewError: { code: 'snapshot-too-large', details: { size: bytes, limit: storage.quota - storage.usage } } });
      return;
    }
    const summary = get().summary;
    const snapshot: SnapshotDescription = {
      id: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      baselineName: baseline.name,
      // The time as data, formatted when shown (it was a label in the browser's locale).
      ...(baseline.at === undefined ? {} : { baselineCreatedAt: baseline.at }),
      currentName: revert?.currentName ?? summary?.fileName ?? '',
      rowCount: result.rowCount,
      columns: result.columns,
      counts: result.counts,
      digest: result.digest,
      canonicalVersion: CANONICAL_VERSION,
      fingerprintColumns: result.fingerprintColumns,
      ...(revert === undefined ? {} : { revertOf: revert.of }),
    };
    // Still committing while the parts are stored, with the bytes as progress; Cancel aborts the
    // transaction, so nothing of this snapshot is kept. The engine worker stores them itself:
    // the page never holds the snapshot's Blobs (docs/architecture.md, "Memory that ends").
    const controller = new AbortController();
    running = controller;
    saving(0, bytes);
    try {
      await engine.storeCommit(snapshot, { signal: controller.signal, onProgress: (p) => saving(p.done, p.total) });
      performance.mark('crm:commit-saved');
    } catch (err) {
      // The browser refused the write itself (its storage estimate said it fits): no free
      // space to name, so the message says what happened instead.
      set({
        reviewStatus: 'idle',
        reviewProgress: null,
        reviewError: controller.signal.aborted ? null : { code: 'snapshot-too-large', details: { size: bytes, why: 'write-failed', reason: writeFailure(err) } },
      });
      return;
    }
    try {
      const adopted = await engine.adoptCommit();
      set({
        // The data's bytes: its fingerprints, added later, History counts once they are stored.
        committedSnapshot: { ...snapshot, bytes: result.size },
        committedReview: result.review,
        committedAs: { policy: adopted.policy, leftOut: adopted.leftOut, ...(adopted.revert === true ? { revert: true } : {}) },
        commitBeforeReload: null,
      });
      const remembered: CommitBeforeReload = { id: snapshot.id, rowCount: snapshot.rowCount };
      void updateSession({ extra: { commit: remembered } });
      fingerprintsLater(() => get().refreshSnapshots());
      await get().refreshSnapshots();
    } finally {
      if (running === controller) running = null;
      set({ reviewStatus: 'idle', reviewProgress: null });
    }
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
    committedReview: null,
    committedAs: null,
    commitBeforeReload: null,
    clearReview: () => {
      running?.abort();
      set({ baseline: null, review: null, reviewError: null, committedSnapshot: null, committedReview: null, committedAs: null });
    },
    syncReview: async () => {
      if (get().baseline === null) return;
      // The worker may answer late (busy with a wide file's suggestions): a baseline loaded
      // meanwhile was cancelled and forgotten by the answer about the one before it.
      const asked = begun;
      try {
        const stages = await engine.stages();
        if (begun !== asked) return;
        if (stages.review === null) {
          get().clearReview();
          return;
        }
        const review = await engine.reviewSummary();
        if (begun === asked) set({ review });
      } catch (err) {
        if (begun === asked) set({ reviewError: toShownError(err) });
      }
    },
    loadBaselineFile: async (file, fileName) => {
      afterBaseline(
        await task('loading', (signal) =>
          engine.loadBaseline(file, fileName, null, { signal, onProgress: baselineProgress(file.size) }),
        ),
      );
    },
    loadSampleBaseline: async (file) => {
      let blob: Blob;
      try {
        const response = await fetch(`${import.meta.env.BASE_URL}samples/${file}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        blob = await response.blob();
      } catch {
        set({ reviewError: { code: 'sample-failed', details: { file } } });
        return;
      }
      await get().loadBaselineFile(blob, file);
    },
    loadBaselineSnapshot: async (id) => {
      const snap = await storedSnapshot(id);
      if (!snap) return;
      // Read as a snapshot either way; a commit's fingerprints are added after it is stored, so
      // a snapshot may come without them (the page closed first): the comparison then hashes
      // its records itself.
      const fingerprints = snap.fingerprints === undefined ? null : new Uint8Array(snap.fingerprints);
      const stored = { fingerprints, columns: snap.fingerprintColumns };
      // The snapshot's time is kept as data (snapshotAt) and shown in the page's language.
      afterBaseline(
        await task('loading', (signal) =>
          engine.loadBaseline(snap.data, snap.currentName, transfer(stored, fingerprints === null ? [] : [fingerprints.buffer]), {
            signal,
            onProgress: baselineProgress(snap.data.size),
          }),
        ),
        snap.createdAt,
      );
    },
    setReviewOptions: (patch) => set({ reviewOptions: { ...get().reviewOptions, ...patch } }),
    runDiff: async () => {
      const o = get().reviewOptions;
      // Marks for the whole-path benchmark: the engine's part of a comparison, then the page's.
      performance.mark('crm:compare');
      const review = await task('diffing', (signal) =>
        engine.runDiff(
          {
            key: { columns: o.keyColumns, trim: o.trim, caseInsensitive: o.caseInsensitive },
            compareColumns: o.compareColumns,
            mode: o.mode,
            rules: o.rules,
            quietClass: o.quietClass,
          },
          { signal, onProgress },
          // With "skip", rows with errors stay out of the comparison, as they stay out of Export.
          get().invalidPolicy,
        ),
      );
      performance.mark('crm:compare-engine');
      // The engine forgets an adopted commit when the diff runs again: Export writes the new data.
      // So does the notice of a commit made before a reload: it says the reload did not bring the
      // comparison back, wrong once one is on screen; without a reload Export says nothing more
      // here either. (The session keeps the commit: after another reload it is true again.)
      // The fields it compared are the ones on screen from now on (a field the new data no
      // longer has is not compared: the list would otherwise differ from the comparison for good).
      if (review) {
        const compareColumns = review.options.compareColumns;
        set({
          review,
          committedSnapshot: null,
          committedReview: null,
          committedAs: null,
          commitBeforeReload: null,
          ...(compareColumns !== undefined ? { reviewOptions: { ...get().reviewOptions, compareColumns: [...compareColumns] } } : {}),
        });
      }
    },
    cancelReview: () => running?.abort(),
    decide: (op) => quick(() => engine.decide(op)),
    reviewUndo: () => quick(() => engine.reviewUndo()),
    reviewRedo: () => quick(() => engine.reviewRedo()),
    resolveConflict: async (side, resolution) => {
      const review = await task('diffing', (signal) =>
        engine.resolveConflict(side, resolution, { signal, onProgress }),
      );
      if (review) set({ review });
    },
    commitReview: () => once(async () => {
      // Committed already, and nothing changed since: the same snapshot must not be stored twice.
      const current = get().review;
      if (current !== null && current.version === get().committedReview) return;
      // Marks for the whole-path benchmark: the engine's part of a commit, then the page's save.
      performance.mark('crm:commit');
      const result = await task('committing', (signal) => engine.commitFor({ kind: 'review' }, { signal, onProgress }));
      performance.mark('crm:commit-engine');
      if (!result || result.review === get().committedReview) return;
      const last = get().committedSnapshot;
      if (last !== null && last.digest === result.digest) {
        // Decisions changed and changed back: the same data, already in History. Export uses it.
        const adopted = await engine.adoptCommit();
        set({ committedReview: result.review, committedAs: { policy: adopted.policy, leftOut: adopted.leftOut } });
        // Its fingerprints, if the first commit's were dropped before they were stored: the same
        // records, so the same fingerprints, added to that snapshot.
        fingerprintsLater(() => get().refreshSnapshots(), last.id);
        return;
      }
      const baseline = get().baseline;
      await saveCommit({ name: baseline?.fileName ?? '', at: baseline?.snapshotAt }, result);
    }),
    commitInitial: () => once(async () => {
      const result = await task('committing', (signal) => engine.commitFor({ kind: 'initial', policy: get().invalidPolicy }, { signal, onProgress }));
      // The same data and policy give the same snapshot: it must not be stored twice.
      const last = get().committedSnapshot;
      if (!result) return;
      if (last !== null && last.baselineName === '' && last.digest === result.digest) {
        // Already in History: only its fingerprints, if they were dropped before they were stored.
        fingerprintsLater(() => get().refreshSnapshots(), last.id);
        return;
      }
      await saveCommit({ name: '' }, result);
    }),
    refreshSnapshots: async () => set({ snapshots: await listSnapshots(), storage: await storageEstimate() }),
    importSnapshot: async (files) => {
      try {
        // The command's NDJSON file is whole records: stored as one part.
        const { data, ...snapshot } = await snapshotFromFiles(files);
        await putSnapshot(snapshot, [data]);
        set({ reviewError: null });
      } catch (err) {
        // The files are checked on the page (not in the engine): their refusal is a PorterError.
        set({ reviewError: err instanceof PorterError ? { code: err.code, details: err.details } : toShownError(err) });
      }
      await get().refreshSnapshots();
    },
    removeSnapshot: async (id) => {
      try {
        await deleteSnapshot(id);
        // The commit made before a reload is no longer "kept in History" once deleted there.
        if (get().commitBeforeReload?.id === id) {
          set({ commitBeforeReload: null });
          void updateSession({ extra: { commit: null } });
        }
      } catch (err) {
        set({ reviewError: toShownError(err) });
      }
      await get().refreshSnapshots();
    },
    snapshotUrl: async (id) => {
      const snap = await getSnapshot(id);
      return snap ? URL.createObjectURL(snap.data) : null;
    },
    revertToSnapshot: (id) => once(async () => {
      const snap = await storedSnapshot(id);
      if (!snap) return;
      const target = snap;
      const result = await task('committing', (signal) => engine.commitFor({ kind: 'revert', file: target.data, columns: target.columns }, { signal, onProgress }));
      if (result) await saveCommit({ name: target.baselineName, at: target.baselineCreatedAt }, result, { of: target.createdAt, currentName: target.currentName });
    }),
    exportChanges: async (format, direction = 'forward') => {
      try {
        const csv = effectiveCsv(get().exportChoices, get().summary?.nonAscii ?? false);
        const r = await engine.exportChanges(format, {}, csv, direction);
        return { url: URL.createObjectURL(r.blob), size: r.size, sha256: r.sha256 };
      } catch (err) {
        set({ reviewError: toShownError(err) });
        return null;
      }
    },
  };
};

/**
 * Why the browser refused a snapshot's write, for the message: the worker stores it, so the
 * browser's own error (e.g. `QuotaExceededError: …`) arrives as the engine error's reason.
 */
function writeFailure(err: unknown): string {
  const reason = err instanceof EngineError && typeof err.details['reason'] === 'string' ? err.details['reason'] : String(err);
  return reason.slice(0, 200);
}

/** All change kinds, in display order. */
export const REVIEW_KINDS: readonly ChangeKind[] = ['added', 'removed', 'modified', 'cosmetic', 'absent', 'held', 'ignored', 'unchanged'];
