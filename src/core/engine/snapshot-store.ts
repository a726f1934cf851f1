import { PorterError } from '../model/porter-error';
import type { InvalidRowPolicy } from './mapped-table';
import { DIGEST_BYTES } from '../diff/digest';
import type { CommitResult, StagedCommit } from './review-session';
import type { SnapshotDescription } from './snapshot-description';

/** Bytes of a snapshot stored so far, of all of them (its data parts and its fingerprints). */
export interface StoreProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Where the engine stores a commit's snapshot itself: in the browser, the app's IndexedDB, from
 * the engine worker (`workers/snapshot-store.ts`). The snapshot's parts then never leave the
 * worker, so the page holds no Blob of them and the browser process can free their bytes once
 * the worker lets go (docs/architecture.md, "Memory that ends"). Node (the command, the tests)
 * installs none and writes the commit's files itself.
 */
export type SnapshotStore = (
  description: SnapshotDescription,
  /** Null: stored without them, which `FingerprintStore` adds later (`DatasetEngine.commitFingerprints`). */
  fingerprints: Uint8Array<ArrayBuffer> | null,
  parts: readonly Blob[],
  onProgress: (p: StoreProgress) => void,
  signal: AbortSignal | undefined,
) => Promise<void>;

/**
 * Adds the fingerprints of a snapshot stored without them (`DatasetEngine.commitFingerprints`),
 * under its id, and their size to its record (History's size counts them from then on); a
 * snapshot deleted meanwhile gets none.
 */
export type FingerprintStore = (id: string, fingerprints: Uint8Array<ArrayBuffer>) => Promise<void>;

let store: SnapshotStore | null = null;
let fingerprintsTo: FingerprintStore | null = null;

/** Installs (or, with null, removes) the stores `DatasetEngine.storeCommit` and `commitFingerprints` write to. */
export function setSnapshotStore(next: SnapshotStore | null, fingerprints: FingerprintStore | null = null): void {
  store = next;
  fingerprintsTo = fingerprints;
}

/** The installed store; refused where none is (a caller that should write the files itself). */
export function snapshotStore(): SnapshotStore {
  if (store === null) throw new PorterError('internal', { reason: 'no-snapshot-store' });
  return store;
}

/** The installed fingerprint store; refused where none is. */
export function fingerprintStore(): FingerprintStore {
  if (fingerprintsTo === null) throw new PorterError('internal', { reason: 'no-snapshot-store' });
  return fingerprintsTo;
}

/**
 * A commit as a caller that stores it through the engine sees it: what describes it, and its
 * size, without its files (the snapshot's Blobs and the fingerprints stay in the engine until
 * `storeCommit` writes them).
 */
export type CommitSummary = Omit<CommitResult, 'snapshot' | 'parts' | 'fingerprints'> & {
  /** The snapshot's NDJSON bytes. */
  readonly size: number;
  readonly fingerprintBytes: number;
};

/** A commit's summary; its fingerprints counted whether computed yet or not (32 bytes a record). */
export function summaryOf(result: StagedCommit): CommitSummary {
  const { snapshot, parts: _parts, fingerprints: _fingerprints, later: _later, ...rest } = result;
  return { ...rest, size: snapshot.size, fingerprintBytes: result.rowCount * DIGEST_BYTES };
}

/** What `DatasetEngine.commitFor` commits: the review, a first import, or a revert. */
export type CommitKind =
  | { readonly kind: 'review' }
  | { readonly kind: 'initial'; readonly policy: InvalidRowPolicy }
  | { readonly kind: 'revert'; readonly file: Blob | Uint8Array; readonly columns: readonly string[] };
