/// <reference lib="webworker" />
import { sha256Range, Sha256Stream } from '../core/diff/sha256-js';
import type { DigestReply, DigestRequest } from './snapshot-digest';

// A helper thread of the engine worker (docs/architecture.md, "Commit"): incremental SHA-256 of
// snapshot bytes, stream by stream, and blocks of encoded records hashed one by one (a commit's
// fingerprints). The bytes arrive moved, not copied.
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
  } else if (m.kind === 'records') {
    const digest = new Uint8Array(m.count * 32);
    for (let i = 0; i < m.count; i++) sha256Range(m.bytes, m.ends[i] as number, m.ends[i + 1] as number, digest, i * 32);
    const reply: DigestReply = { id: m.id, digest };
    scope.postMessage(reply, [digest.buffer]);
  } else streams.delete(m.id);
};
