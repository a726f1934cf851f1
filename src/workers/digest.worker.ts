/// <reference lib="webworker" />
import { sha256Range, Sha256Stream } from '../core/diff/sha256-js';
import { loadWasmSha256, type Sha256Incremental, type WasmSha256 } from '../core/diff/sha256-wasm';
import { PartGroups } from '../core/engine/part-groups';
import type { DigestReply, DigestRequest } from './snapshot-digest';

// A helper thread of the engine worker (docs/architecture.md, "Commit"): incremental SHA-256 of
// snapshot bytes, stream by stream, and blocks of encoded records hashed one by one (a commit's
// fingerprints). The bytes arrive moved, not copied. The hashing is the WebAssembly SHA-256
// (~2× the TypeScript one here; docs/architecture.md, "Hashing"), loaded in this thread only;
// where it cannot load (no WebAssembly, a policy without 'wasm-unsafe-eval') the TypeScript one
// answers the same digests. Requests that arrive while it loads wait, in order. A snapshot's
// parts are also copied into their Blobs here, after they are hashed, and answered with the
// digest, so the engine thread, which writes them, makes none (snapshot-digest.ts).
// They are kept as fewer, larger Blobs than they arrive in (core/engine/part-groups.ts): each
// part's buffer goes back to the writer once its group's Blob is made.
const scope = self as unknown as DedicatedWorkerGlobalScope;
/** ~64 MB a stored part: Blobs of 60–100 MB cost about the same to make and store, 20–40 MB ones more (part-groups.ts). */
const STORED_PART_BYTES = 64 << 20;
const streams = new Map<number, Sha256Incremental>();
const kept = new Map<number, PartGroups>();
let wasm: WasmSha256 | null | undefined;
const waiting: DigestRequest[] = [];

function handle(m: DigestRequest): void {
  if (m.kind === 'update') {
    let stream = streams.get(m.id);
    if (stream === undefined) streams.set(m.id, (stream = wasm?.stream() ?? new Sha256Stream()));
    stream.update(m.bytes);
    let groups = kept.get(m.id);
    if (groups === undefined) kept.set(m.id, (groups = new PartGroups(STORED_PART_BYTES, 'application/x-ndjson')));
    // Hashed; once copied into their group's Blob the buffers go back for the writer to write
    // later parts into (snapshot-digest.ts, `spare`), instead of a new ~5 MB buffer per part.
    for (const bytes of groups.add(m.bytes)) {
      const reply: DigestReply = { id: m.id, bytes };
      scope.postMessage(reply, [bytes.buffer]);
    }
  } else if (m.kind === 'digest') {
    const digest = (streams.get(m.id) ?? wasm?.stream() ?? new Sha256Stream()).digest() as Uint8Array<ArrayBuffer>;
    const reply: DigestReply = { id: m.id, digest, parts: kept.get(m.id)?.finish() ?? [] };
    streams.delete(m.id);
    kept.delete(m.id);
    scope.postMessage(reply, [digest.buffer]);
  } else if (m.kind === 'records') {
    const digest = new Uint8Array(m.count * 32);
    if (wasm) wasm.records(m.bytes, m.ends, m.count, digest);
    else for (let i = 0; i < m.count; i++) sha256Range(m.bytes, m.ends[i] as number, m.ends[i + 1] as number, digest, i * 32);
    // The block's bytes go back too, for the engine to copy a later block into (fingerprint.ts).
    const reply: DigestReply = { id: m.id, digest, bytes: m.bytes };
    scope.postMessage(reply, [digest.buffer, m.bytes.buffer]);
  } else {
    streams.delete(m.id);
    kept.delete(m.id);
  }
}

scope.onmessage = (event: MessageEvent<DigestRequest>) => {
  if (wasm === undefined) waiting.push(event.data);
  else handle(event.data);
};
void loadWasmSha256().then((loaded) => {
  wasm = loaded;
  for (const m of waiting.splice(0)) handle(m);
});
