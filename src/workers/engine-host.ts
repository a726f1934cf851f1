import { BACKGROUND_CALLS, DatasetEngine, type TaskOptions } from '../core/engine/dataset-engine';
import { isAbortError, PorterError, unreadableFile } from '../core/model/porter-error';
import { pacedProgress } from './paced-progress';
import type { CallMessage, RequestMessage, ResponseMessage, WireError } from './protocol';

/** Posts an answer, with the buffers to move rather than copy. */
type Post = (message: ResponseMessage, transfer: Transferable[]) => void;

/**
 * Serves engine calls from messages: the named method of one `DatasetEngine`, called with the
 * page's arguments. No per-call code: the protocol is the engine's own type. Used by the worker
 * entry, and by tests in one thread (there is no main-thread fallback: engine-client.ts).
 */
export function createEngineHost(post: Post): (message: RequestMessage) => void {
  const engine = new DatasetEngine();
  const running = new Map<number, AbortController>();

  const run = async (message: CallMessage): Promise<unknown> => {
    const method: unknown = (engine as unknown as Record<string, unknown>)[message.method];
    // The page is the same code as the worker, so this is no security boundary: it only turns a
    // call that is not an engine method into a catalogue error instead of a TypeError.
    if (typeof method !== 'function' || message.method === ('constructor' as string)) {
      throw new PorterError('internal', { reason: 'unknown-call', call: String(message.method) });
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    const args = [...message.args];
    const progress = pacedProgress((p) => post({ kind: 'progress', id: message.id, progress: p }, []));
    if (message.task >= 0) {
      const task: TaskOptions<unknown> = { signal: controller.signal, onProgress: (p) => progress.report(p) };
      args[message.task] = task;
    }
    const call = () => (method as (...a: unknown[]) => unknown).apply(engine, args);
    try {
      // Every call but background work goes first: the digests wait while it runs.
      return await (BACKGROUND_CALLS.has(message.method) ? call() : engine.foreground.run(call));
    } finally {
      progress.end();
      running.delete(message.id);
    }
  };

  return (message) => {
    if (message.kind === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    run(message).then(
      (result) => post({ kind: 'result', id: message.id, result }, transferables(result)),
      (err: unknown) => {
        if (isAbortError(err)) post({ kind: 'cancelled', id: message.id }, []);
        else post({ kind: 'error', id: message.id, error: toWireError(err) }, []);
      },
    );
  };
}

/**
 * Buffers of typed arrays in a result (itself or its top-level fields) that span their whole
 * buffer: moved to the page instead of copied. The engine never returns a buffer it keeps
 * (a repeated commit returns a copy of its fingerprints), so moving one takes nothing from it.
 */
function transferables(result: unknown): Transferable[] {
  if (typeof result !== 'object' || result === null) return [];
  const out: Transferable[] = [];
  const take = (value: unknown) => {
    if (
      ArrayBuffer.isView(value) &&
      value.buffer instanceof ArrayBuffer &&
      value.byteOffset === 0 &&
      value.byteLength === value.buffer.byteLength
    ) {
      if (!out.includes(value.buffer)) out.push(value.buffer);
    }
  };
  take(result);
  if (!ArrayBuffer.isView(result)) for (const value of Object.values(result)) take(value);
  return out;
}

function toWireError(err: unknown): WireError {
  if (err instanceof PorterError) return { code: err.code, details: err.details };
  const unreadable = unreadableFile(err);
  if (unreadable !== null) return { code: unreadable.code, details: unreadable.details };
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  // Unknown failures still reach the user as a catalogue message; the reason helps a bug report.
  console.error('engine call failed', err);
  return { code: 'internal', details: { reason: reason.slice(0, 300) } };
}
