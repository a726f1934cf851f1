/// <reference lib="webworker" />
import { setRecordHasher } from '../core/diff/fingerprint';
import { setSnapshotDigest } from '../core/engine/snapshot-data';
import { createEngineHost } from './engine-host';
import type { RequestMessage } from './protocol';
import { helperDigest, helperRecords } from './snapshot-digest';

// Thin entry: all logic lives in the host and the core engine. A commit's hashing — the
// snapshot's SHA-256 and the records' fingerprints — runs in a helper worker beside this one
// (snapshot-digest.ts).
setSnapshotDigest(helperDigest);
setRecordHasher(helperRecords);
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createEngineHost((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event: MessageEvent<RequestMessage>) => handle(event.data);
