/// <reference lib="webworker" />
import { Sha256Stream } from '../core/diff/sha256-js';
import { loadWasmSha256, type Sha256Incremental } from '../core/diff/sha256-wasm';
import { PartGroups } from '../core/engine/part-groups';

// The SHA-256 of one export, beside the engine worker that writes it (workers/digest-client.ts):
// each message is the next part; 'digest' ends the stream. Every part is acknowledged with its
// size, so the writer never runs more than a few parts ahead. The WebAssembly SHA-256 where it
// loads (~2× the TypeScript one; docs/architecture.md, "Hashing"), else the TypeScript one: the
// same digest either way. Parts that arrive while it loads wait, in order. Each part's buffer
// goes back with its acknowledgement, once hashed (and copied into its Blob), for the engine to
// copy a later part into instead of a new buffer per part.
//
// After 'keep', each part is also copied into a Blob here and the digest's answer carries the
// file (a Blob of them), so the engine thread, which writes the parts, makes no Blob: a Blob's
// copy costs about what writing the part does. The worker ends after the digest, and its part
// Blobs with it (the file holds their bytes). The parts (~1 MB) are kept as Blobs of ~32 MB
// (core/engine/part-groups.ts: Chromium charges per Blob; 140 parts of 1 MB took 1.9–2.1 s
// as 140 Blobs, 0.8–1.0 s as Blobs of 64), so a part's buffer goes back once its group's Blob
// is made; its acknowledgement goes at once, and the writer's pool grows by a group's buffers.
type Message = Uint8Array<ArrayBuffer> | 'digest' | 'keep';
const scope = self as unknown as DedicatedWorkerGlobalScope;
const KEPT_PART_BYTES = 32 << 20;
let hash: Sha256Incremental | undefined;
const waiting: Message[] = [];
let parts: PartGroups | null = null;

function handle(data: Message, h: Sha256Incremental): void {
  if (data === 'keep') {
    parts = new PartGroups(KEPT_PART_BYTES, '');
    return;
  }
  if (data === 'digest') {
    const digest = h.digest() as Uint8Array<ArrayBuffer>;
    scope.postMessage({ kind: 'digest', digest, file: parts === null ? null : new Blob(parts.finish()) }, [digest.buffer]);
    parts = null;
    return;
  }
  h.update(data);
  // Hashed (and once kept, copied into its group's Blob): buffers go back for later parts' copies (digest-client.ts).
  const given = parts === null ? [data] : parts.add(data);
  scope.postMessage({ kind: 'done', bytes: data.length, given }, given.map((g) => g.buffer));
}

scope.onmessage = (event: MessageEvent<Message>) => {
  if (hash === undefined) waiting.push(event.data);
  else handle(event.data, hash);
};
void loadWasmSha256().then((wasm) => {
  const h = wasm?.stream() ?? new Sha256Stream();
  hash = h;
  for (const m of waiting.splice(0)) handle(m, h);
});
