/// <reference lib="webworker" />
import type { RecordHasher } from '../core/diff/fingerprint';
import type { SnapshotDigest } from '../core/engine/snapshot-data';

/**
 * What the engine worker sends its digest helper: bytes of stream `id`, its end, or its cancel;
 * or a block of encoded records to hash one by one (answered under the same `id` scheme).
 */
export type DigestRequest =
  | { readonly kind: 'records'; readonly id: number; readonly bytes: Uint8Array<ArrayBuffer>; readonly ends: Uint32Array<ArrayBuffer>; readonly count: number }
  | { readonly kind: 'update'; readonly id: number; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly kind: 'digest'; readonly id: number }
  | { readonly kind: 'drop'; readonly id: number };

export interface DigestReply {
  readonly id: number;
  /** Absent when the reply only gives a stream's part buffer back (`bytes`), hashed and in its Blob. */
  readonly digest?: Uint8Array<ArrayBuffer>;
  /** A block of records' bytes, moved back for the engine to copy a later block into. */
  readonly bytes?: Uint8Array<ArrayBuffer>;
  /** A stream's digest comes with its parts as Blobs, made in the helper, in order. */
  readonly parts?: Blob[];
}

let helper: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (d: Uint8Array) => void; reject: (e: Error) => void; giveBack?: (bytes: Uint8Array<ArrayBuffer>) => void }>();
/** Each stream's parts, from its digest's answer until `parts` is asked. */
const keptParts = new Map<number, Blob[]>();
/** Each open stream's part buffers, given back by the helper once hashed and copied into Blobs. */
const spares = new Map<number, Uint8Array<ArrayBuffer>[]>();

/** The helper worker, started on first use; null where it cannot start. */
function start(): Worker | null {
  if (helper !== null) return helper;
  try {
    helper = new Worker(new URL('./digest.worker.ts', import.meta.url), { type: 'module', name: 'crm-porter-digest' });
  } catch {
    return null;
  }
  helper.onmessage = (event: MessageEvent<DigestReply>) => {
    const { id, digest, bytes } = event.data;
    if (digest === undefined) {
      // A part's buffer, whole again (the part was a view of its start), for the stream's writer.
      if (bytes !== undefined) spares.get(id)?.push(new Uint8Array(bytes.buffer));
      return;
    }
    if (event.data.parts !== undefined) keptParts.set(id, event.data.parts);
    const w = waiting.get(id);
    if (bytes !== undefined) w?.giveBack?.(bytes);
    w?.resolve(digest);
    waiting.delete(id);
  };
  // A helper that fails fails every digest it holds: the writer then hashes the parts itself.
  helper.onerror = (event) => {
    event.preventDefault();
    for (const w of waiting.values()) w.reject(new Error(`digest helper failed: ${event.message}`));
    waiting.clear();
    keptParts.clear();
    spares.clear();
    helper?.terminate();
    helper = null;
  };
  return helper;
}

/**
 * A snapshot digest that runs in a helper worker: each part's buffer is moved there (the writer
 * gives it away and goes on in one the helper moved back once done with it, `spare`, else in a
 * new one), so the engine thread goes on writing and fingerprinting
 * while the ~300 MB of a 1M-row snapshot are hashed beside it, and copied there into the part's
 * Blob: the digest's answer brings the parts (`parts`), and the engine thread makes none (the
 * Blob copies took ~0.5 s of a 1M-row commit's engine thread, traced). Where no helper can
 * start, or it fails, the writer writes the snapshot again in this thread
 * (core/engine/snapshot-data.ts).
 */
export function helperDigest(): SnapshotDigest {
  const worker = start();
  const id = nextId++;
  let failed = worker === null;
  const post = (m: DigestRequest, transfer: Transferable[] = []) => {
    if (failed || worker === null) return;
    try {
      worker.postMessage(m, transfer);
    } catch {
      failed = true;
    }
  };
  const digest: SnapshotDigest = {
    update: (bytes, owned) => {
      if (failed) return;
      // Owned bytes are moved with their buffer; others are copied first (the writer reuses it).
      const given = owned === true ? bytes : bytes.slice();
      post({ kind: 'update', id, bytes: given }, [given.buffer]);
    },
    digest: () => {
      spares.delete(id);
      // A helper that failed since this stream began has lost its bytes.
      if (failed || worker === null || helper !== worker) return Promise.reject(new Error('digest helper unavailable'));
      const done = new Promise<Uint8Array>((resolve, reject) => waiting.set(id, { resolve, reject }));
      post({ kind: 'digest', id });
      return done;
    },
    drop: () => {
      spares.delete(id);
      post({ kind: 'drop', id });
    },
  };
  // No helper: the writer makes the Blobs and hashes them itself, once.
  if (worker === null) return digest;
  const given: Uint8Array<ArrayBuffer>[] = [];
  spares.set(id, given);
  return {
    ...digest,
    // Only ever a buffer the helper moved back: it has hashed it and made its Blob, and holds it no more.
    spare: () => given.pop(),
    parts: () => {
      const parts = keptParts.get(id);
      keptParts.delete(id);
      return parts === undefined ? Promise.reject(new Error('the digest helper kept no parts')) : Promise.resolve(parts);
    },
  };
}

/**
 * A commit's record hashing in the helper worker: each block's encoded records (already a copy)
 * are moved there and their digests come back, while the engine encodes the next block. Rejects
 * where no helper runs, and the fingerprinting hashes that block itself (core/diff/fingerprint.ts).
 */
export const helperRecords: RecordHasher = (bytes, ends, count, giveBack) => {
  const worker = start();
  if (worker === null) return Promise.reject(new Error('digest helper unavailable'));
  const id = nextId++;
  const done = new Promise<Uint8Array>((resolve, reject) => waiting.set(id, { resolve, reject, giveBack }));
  try {
    const request: DigestRequest = { kind: 'records', id, bytes, ends, count };
    worker.postMessage(request, [bytes.buffer, ends.buffer]);
  } catch (err) {
    waiting.delete(id);
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  return done;
};
