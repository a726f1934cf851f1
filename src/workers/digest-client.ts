import { localDigest, type PartDigest } from '../core/engine/export-table';

/** Bytes posted to the digest worker and not yet hashed, at most: past it the writer waits. */
const IN_FLIGHT_BYTES = 8 << 20;

type DigestReply =
  | { readonly kind: 'done'; readonly bytes: number; readonly given: readonly Uint8Array<ArrayBuffer>[] }
  | { readonly kind: 'digest'; readonly digest: Uint8Array; readonly file: Blob | null };

/** An export smaller than this is hashed here: a worker's start would cost more than it saves. */
const LOCAL_BYTES = 4 << 20;

/**
 * An export's digest: the first {@link LOCAL_BYTES} are held (copies); a file that ends before
 * that is hashed in this thread, a larger one is handed to a digest worker, held parts first.
 * With `keepParts` the digest also keeps the file (`file`): the digest worker makes each part's
 * Blob, so the engine thread makes none.
 */
export function workerDigest(keepParts = false): PartDigest {
  let held: Uint8Array<ArrayBuffer>[] = [];
  let heldBytes = 0;
  let remote: PartDigest | null = null;
  const pool: ArrayBuffer[] = [];
  const digest: PartDigest = {
    update(part) {
      if (remote !== null) return remote.update(part);
      held.push(copyOf(part, pool));
      heldBytes += part.length;
      if (heldBytes < LOCAL_BYTES) return;
      remote = startDigestWorker(keepParts, pool);
      const parts = held;
      held = [];
      let last: void | Promise<void> = undefined;
      for (const p of parts) last = remote.update(p);
      return last;
    },
    async digest() {
      if (remote !== null) return remote.digest();
      const local = localDigest();
      for (const p of held) await local.update(p);
      return local.digest();
    },
    cancel() {
      remote?.cancel?.();
    },
  };
  if (!keepParts) return digest;
  return {
    ...digest,
    file: () => (remote === null ? Promise.resolve(new Blob(held)) : (remote.file?.() ?? Promise.reject(new Error('no file')))),
  };
}

/**
 * A copy of `part` in a buffer of `pool` large enough (one the digest worker gave back: it has
 * hashed it and copied it into its Blob), else in a new one with room for a larger part. A new
 * ~1 MB buffer per part is ~140 MB of fresh pages for a 1M-row CSV export, each faulted in and
 * zeroed (docs/architecture.md, "Export").
 */
function copyOf(part: Uint8Array, pool: ArrayBuffer[]): Uint8Array<ArrayBuffer> {
  const size = part.length;
  let buffer: ArrayBuffer | undefined;
  for (let i = pool.length - 1; i >= 0; i--) {
    const b = pool[i] as ArrayBuffer;
    if (b.byteLength >= size) {
      buffer = b;
      pool.splice(i, 1);
      break;
    }
  }
  const copy = new Uint8Array(buffer ?? new ArrayBuffer(size + (size >> 2)), 0, size);
  copy.set(part);
  return copy;
}

/**
 * An export's SHA-256 computed in a worker of its own (`export-digest.worker.ts`), one per
 * export, so hashing runs beside the writer on another core instead of after it: the digest is in plain
 * TypeScript (Web Crypto has no incremental digest), slower per byte than writing CSV.
 * Each part is copied and moved to the worker, which moves the copy's buffer back once done with
 * it (into `pool`, for a later part's copy); at most {@link IN_FLIGHT_BYTES} wait to be hashed
 * there, so memory stays a few parts whatever the file's size. With `keepParts` the worker also
 * copies the parts into Blobs of ~32 MB and answers the digest with the file, a Blob of them; a
 * part's buffer then comes back once its group's Blob is made, so up to ~32 MB more is held. If the worker cannot start or fails, the
 * calls fail and the export hashes its Blobs in the engine's thread instead (export-table.ts).
 */
function startDigestWorker(keepParts: boolean, pool: ArrayBuffer[]): PartDigest {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./export-digest.worker.ts', import.meta.url), { type: 'module', name: 'export-digest' });
  } catch {
    // No worker: hashed here, and with `keepParts` the file fails, so the export writes it again here.
    return localDigest();
  }
  if (keepParts) worker.postMessage('keep');
  let file: Blob | null = null;
  let inFlight = 0;
  let broken: Error | null = null;
  let waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  let finishing: { resolve: (d: Uint8Array) => void; reject: (e: Error) => void } | null = null;
  const fail = (err: Error): void => {
    broken = err;
    waiting?.reject(err);
    finishing?.reject(err);
    waiting = null;
    finishing = null;
    worker.terminate();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error('The digest worker failed.'));
  };
  worker.onmessageerror = () => fail(new Error('The digest worker could not read a message.'));
  worker.onmessage = (event: MessageEvent<DigestReply>) => {
    const reply = event.data;
    if (reply.kind === 'done') {
      inFlight -= reply.bytes;
      for (const g of reply.given) pool.push(g.buffer);
      if (waiting !== null && inFlight <= IN_FLIGHT_BYTES) {
        const w = waiting;
        waiting = null;
        w.resolve();
      }
      return;
    }
    file = reply.file;
    finishing?.resolve(reply.digest);
    finishing = null;
    // Its Blobs go with it; the file (a Blob of them) was cloned into this thread's reply.
    worker.terminate();
  };
  return {
    update(part) {
      if (broken !== null) throw broken;
      const copy = copyOf(part, pool);
      inFlight += copy.length;
      worker.postMessage(copy, [copy.buffer]);
      if (inFlight <= IN_FLIGHT_BYTES) return;
      return new Promise<void>((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    digest() {
      if (broken !== null) return Promise.reject(broken);
      return new Promise<Uint8Array>((resolve, reject) => {
        finishing = { resolve, reject };
        worker.postMessage('digest');
      });
    },
    cancel() {
      worker.terminate();
    },
    file: () => (file === null ? Promise.reject(new Error('The digest worker kept no file.')) : Promise.resolve(file)),
  };
}
