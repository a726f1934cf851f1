/**
 * The SHA-256 a thread uses for the hashing it does itself: the commit's snapshot and fingerprints
 * where no helper thread runs or it falls behind or fails, an export's digest where no digest
 * worker runs (Node: the command, the tests; docs/architecture.md, "Hashing"). The TypeScript one
 * until the thread installs the WebAssembly one it has loaded ({@link useSha256Here}: the engine
 * worker and the command do). Both give the same digests.
 */
import { Sha256Stream, sha256Range } from './sha256-js';
import type { Sha256Incremental, WasmSha256 } from './sha256-wasm';

let wasm: WasmSha256 | null = null;

/** From now on this thread hashes with `loaded` (null: the TypeScript SHA-256 again). */
export function useSha256Here(loaded: WasmSha256 | null): void {
  wasm = loaded;
}

/** A new incremental digest in this thread. */
export function streamHere(): Sha256Incremental {
  return wasm?.stream() ?? new Sha256Stream();
}

/**
 * Digests of `count` records back to back (record `i` is `bytes[ends[i]..ends[i + 1])`), written
 * at `out[32 * rows[i]..)`.
 */
export function recordsHere(bytes: Uint8Array, ends: Uint32Array, rows: Int32Array, count: number, out: Uint8Array): void {
  if (wasm === null) {
    for (let i = 0; i < count; i++) sha256Range(bytes, ends[i] as number, ends[i + 1] as number, out, (rows[i] as number) * 32);
    return;
  }
  const digests = new Uint8Array(32 * count);
  wasm.records(bytes, ends, count, digests);
  for (let i = 0; i < count; i++) out.set(digests.subarray(32 * i, 32 * i + 32), (rows[i] as number) * 32);
}
