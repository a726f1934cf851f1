/// <reference lib="webworker" />
import { Sha256Stream } from '../core/diff/sha256-js';
import type { DigestReply, DigestRequest } from './snapshot-digest';

// A helper thread of the engine worker: incremental SHA-256 of snapshot bytes, stream by stream
// (docs/architecture.md, "Commit"). The bytes arrive moved, not copied.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const streams = new Map<number, Sha256Stream>();
scope.onmessage = (event: MessageEvent<DigestRequest>) => {
  const m = event.data;
  if (m.kind === 'update') {
    let stream = streams.get(m.id);
    if (stream === undefined) streams.set(m.id, (stream = new Sha256Stream()));
    stream.update(m.bytes);
  } else if (m.kind === 'digest') {
    const digest = (streams.get(m.id) ?? new Sha256Stream()).digest() as Uint8Array<ArrayBuffer>;
    streams.delete(m.id);
    const reply: DigestReply = { id: m.id, digest };
    scope.postMessage(reply, [digest.buffer]);
  } else streams.delete(m.id);
};
