/// <reference lib="webworker" />
import { Sha256Stream } from '../core/diff/sha256-js';
import { loadWasmSha256, type Sha256Incremental } from '../core/diff/sha256-wasm';

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
// Blobs with it (the file holds their bytes).
type Message = Uint8Array<ArrayBuffer> | 'digest' | 'keep';
const scope = self as unknown as DedicatedWorkerGlobalScope;
let hash: Sha256Incremental | undefined;
const waiting: Message[] = [];
let parts: Blob[] | null = null;

function handle(data: Message, h: Sha256Incremental): void {
  if (data === 'keep') {
    parts = [];
    return;
  }
  if (data === 'digest') {
    const digest = h.digest() as Uint8Array<ArrayBuffer>;
    scope.postMessage({ kind: 'digest', digest, file: parts === null ? null : new Blob(parts) }, [digest.buffer]);
    parts = null;
    return;
  }
  h.update(data);
  parts?.push(new Blob([data]));
  // Hashed and copied into its Blob: the buffer goes back for a later part's copy (digest-client.ts).
  scope.postMessage({ kind: 'done', bytes: data.length, given: data }, [data.buffer]);
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
