import { localDigest, type PartDigest } from '../core/engine/export-table';

/** Bytes posted to the digest worker and not yet hashed, at most: past it the writer waits. */
const IN_FLIGHT_BYTES = 8 << 20;

type DigestReply =
  | { readonly kind: 'done'; readonly bytes: number }
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
  const digest: PartDigest = {
    update(part) {
      if (remote !== null) return remote.update(part);
      held.push(part.slice());
      heldBytes += part.length;
      if (heldBytes < LOCAL_BYTES) return;
      remote = startDigestWorker(keepParts);
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
 * An export's SHA-256 computed in a worker of its own (`export-digest.worker.ts`), one per
 * export, so hashing runs beside the writer on another core instead of after it: the digest is in plain
 * TypeScript (Web Crypto has no incremental digest), slower per byte than writing CSV.
 * Each part is copied and moved to the worker; at most {@link IN_FLIGHT_BYTES} wait there, so
 * memory stays a few parts whatever the file's size. With `keepParts` the worker also copies
 * each part into a Blob and answers the digest with the file, a Blob of them. If the worker cannot start or fails, the
 * calls fail and the export hashes its Blobs in the engine's thread instead (export-table.ts).
 */
function startDigestWorker(keepParts: boolean): PartDigest {
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
      const copy = part.slice();
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
