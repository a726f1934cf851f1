/// <reference lib="webworker" />
import { Sha256Stream } from '../core/diff/sha256-js';

// The SHA-256 of one export, beside the engine worker that writes it (workers/digest-client.ts):
// each message is the next part; 'digest' ends the stream. Every part is acknowledged with its
// size, so the writer never runs more than a few parts ahead.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const hash = new Sha256Stream();
scope.onmessage = (event: MessageEvent<Uint8Array | 'digest'>) => {
  const data = event.data;
  if (data === 'digest') {
    const digest = hash.digest();
    scope.postMessage({ kind: 'digest', digest }, [digest.buffer]);
    return;
  }
  hash.update(data);
  scope.postMessage({ kind: 'done', bytes: data.length });
};
