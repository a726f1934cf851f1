/// <reference lib="webworker" />
import { Sha256Stream } from '../core/diff/sha256-js';
import { loadWasmSha256, type Sha256Incremental } from '../core/diff/sha256-wasm';

// The SHA-256 of one export, beside the engine worker that writes it (workers/digest-client.ts):
// each message is the next part; 'digest' ends the stream. Every part is acknowledged with its
// size, so the writer never runs more than a few parts ahead. The WebAssembly SHA-256 where it
// loads (~2× the TypeScript one; docs/architecture.md, "Hashing"), else the TypeScript one: the
// same digest either way. Parts that arrive while it loads wait, in order.
const scope = self as unknown as DedicatedWorkerGlobalScope;
let hash: Sha256Incremental | undefined;
const waiting: (Uint8Array | 'digest')[] = [];

function handle(data: Uint8Array | 'digest', h: Sha256Incremental): void {
  if (data === 'digest') {
    const digest = h.digest() as Uint8Array<ArrayBuffer>;
    scope.postMessage({ kind: 'digest', digest }, [digest.buffer]);
    return;
  }
  h.update(data);
  scope.postMessage({ kind: 'done', bytes: data.length });
}

scope.onmessage = (event: MessageEvent<Uint8Array | 'digest'>) => {
  if (hash === undefined) waiting.push(event.data);
  else handle(event.data, hash);
};
void loadWasmSha256().then((wasm) => {
  const h = wasm?.stream() ?? new Sha256Stream();
  hash = h;
  for (const m of waiting.splice(0)) handle(m, h);
});
