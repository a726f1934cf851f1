/// <reference lib="webworker" />
import { setRecordHasher } from '../core/diff/fingerprint';
import { useSha256Here } from '../core/diff/sha256-here';
import { loadWasmSha256 } from '../core/diff/sha256-wasm';
import { setExportDigest } from '../core/engine/export-table';
import { setSnapshotDigest } from '../core/engine/snapshot-data';
import { setSnapshotStore } from '../core/engine/snapshot-store';
import { setFieldHelper } from '../core/engine/mapped-columns';
import { setCsvTailReader } from '../core/read/csv-tail';
import { workerDigest } from './digest-client';
import { createEngineHost } from './engine-host';
import { FIELD_HELPER_NAME, serveFieldJobs, tailReaderHere, workerFieldHelper } from './field-helper';
import type { RequestMessage } from './protocol';
import { helperDigest, helperRecords } from './snapshot-digest';
import { putSnapshotFingerprints, workerSnapshotStore } from './snapshot-store';

// Thin entry: all logic lives in the host and the core engine. Started under FIELD_HELPER_NAME
// (by the engine itself), this script is the engine's helper instead: it maps the costly fields
// of a large file and reads the second half of a large CSV file beside the engine (field-helper.ts).
const scope = self as unknown as DedicatedWorkerGlobalScope;
if (scope.name === FIELD_HELPER_NAME) serveFieldJobs(scope);
else startEngine();

function startEngine(): void {
  // A commit's hashing — the snapshot's SHA-256 and the records' fingerprints — runs in a helper
  // worker beside this one (snapshot-digest.ts).
  setSnapshotDigest(helperDigest);
  setRecordHasher(helperRecords);
  // What this thread hashes itself (blocks past the helper's queue, a small export, a fallback)
  // uses the WebAssembly SHA-256 once loaded; until then, or where it cannot load, the TypeScript
  // one, with the same digests (docs/architecture.md, "Hashing").
  void loadWasmSha256().then(useSha256Here);
  // Exports hash their bytes in a worker of their own, beside the writer (digest-client.ts).
  setExportDigest(workerDigest);
  // A commit's snapshot is stored from here, into the app's IndexedDB: its parts never reach the
  // page (snapshot-store.ts).
  setSnapshotStore(workerSnapshotStore, putSnapshotFingerprints);
  // The costly fields of a large file (phones, dates) are mapped in a helper beside this thread.
  setFieldHelper(workerFieldHelper);
  // A large CSV file's second half is read there too, while this thread reads the first, where
  // the machine has the cores for it.
  setCsvTailReader(tailReaderHere());
  const handle = createEngineHost((message, transfer) => scope.postMessage(message, transfer));
  scope.onmessage = (event: MessageEvent<RequestMessage>) => handle(event.data);
}
