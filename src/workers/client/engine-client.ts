import { abortError, type PorterErrorCode, type PorterErrorDetails } from '../../core/model/porter-error';
import type { EngineMethod, RemoteEngine, RequestMessage, ResponseMessage } from '../protocol';

/** A failed engine call, as data for the message catalogue. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: PorterErrorCode,
    readonly details: PorterErrorDetails,
  ) {
    super(code);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  onProgress: ((progress: unknown) => void) | undefined;
}

/** Where calls go: a worker, or (in tests) an engine host in the same thread. */
export interface Endpoint {
  post(message: RequestMessage, transfer: Transferable[]): void;
}

/**
 * Opens an endpoint. `receive` takes the answers; `crashed` is called if the far side dies, after
 * which the client fails the pending calls and connects again.
 */
export type Connect = (
  receive: (message: ResponseMessage) => void,
  crashed: (reason: string) => void,
) => Endpoint;

/** Arguments marked by {@link transfer}: their buffers move to the worker instead of being copied. */
const marked = new WeakMap<object, Transferable[]>();

/**
 * Marks an argument whose buffers should move to the worker (the caller must not use them after
 * the call). Returns the argument itself, so its type is unchanged.
 *
 * @example
 * engine.loadBaseline(file, name, transfer(stored, [stored.fingerprints.buffer]));
 */
export function transfer<T extends object>(value: T, buffers: Transferable[]): T {
  marked.set(value, buffers);
  return value;
}

/**
 * The page's handle on the engine: `client.engine` has every public method of `DatasetEngine`,
 * each returning a promise. A task-options argument (`{ signal, onProgress }`) stays on the page:
 * aborting the signal sends a cancel (the promise then rejects with an AbortError, which is not
 * an error to show), and progress arrives through the callback.
 *
 * There is no main-thread fallback: the data and the heavy work stay in the worker (a fallback
 * would also build the engine, the parsers and the phone metadata a second time into the page's
 * own chunks). If no worker can start, every call fails with `worker-unavailable`, a catalogue
 * message that says what to do.
 */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private endpoint: Endpoint;
  readonly engine: RemoteEngine;

  constructor(private readonly connectTo: Connect = connectWorker) {
    this.endpoint = this.connect();
    // A method for any engine call name; `then` is left out so the proxy is not taken for a promise.
    this.engine = new Proxy({} as RemoteEngine, {
      get: (_target, name) =>
        typeof name === 'string' && name !== 'then'
          ? (...args: unknown[]) => this.invoke(name as EngineMethod, args)
          : undefined,
    });
  }

  private invoke(method: EngineMethod, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    const task = args.findIndex(isTaskOptions);
    const options = task >= 0 ? (args[task] as TaskLike) : {};
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    const wireArgs = args.map((a, i) => (i === task ? undefined : a));
    const buffers = args.flatMap((a) =>
      typeof a === 'object' && a !== null ? (marked.get(a) ?? []) : [],
    );
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: options.onProgress });
      const ep = this.endpoint;
      ep.post({ kind: 'call', id, method, args: wireArgs, task }, buffers);
      signal?.addEventListener('abort', () => ep.post({ kind: 'cancel', id }, []), { once: true });
    });
  }

  private receive(message: ResponseMessage): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    switch (message.kind) {
      case 'progress':
        pending.onProgress?.(message.progress);
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.result);
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(new EngineError(message.error.code, message.error.details));
        return;
      case 'cancelled':
        this.pending.delete(message.id);
        pending.reject(abortError());
        return;
    }
  }

  private connect(): Endpoint {
    return this.connectTo(
      (message) => this.receive(message),
      (reason) => {
        this.failAll('worker-crashed', { reason });
        // The dataset died with the worker; start a fresh one for the next call.
        this.endpoint = this.connect();
      },
    );
  }

  private failAll(code: PorterErrorCode, details: PorterErrorDetails): void {
    for (const [id, pending] of this.pending) {
      pending.reject(new EngineError(code, details));
      this.pending.delete(id);
    }
  }
}

interface TaskLike {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: unknown) => void) | undefined;
}

/**
 * True for the task-options argument: an object carrying an AbortSignal or a progress callback.
 * Neither can be copied to a worker, so no data argument can look like one.
 */
function isTaskOptions(arg: unknown): arg is TaskLike {
  if (typeof arg !== 'object' || arg === null) return false;
  const { signal, onProgress } = arg as TaskLike;
  return signal instanceof AbortSignal || typeof onProgress === 'function';
}

/** The app's endpoint: the engine in a module worker. */
function connectWorker(
  receive: (message: ResponseMessage) => void,
  crashed: (reason: string) => void,
): Endpoint {
  let worker: Worker;
  try {
    worker = new Worker(new URL('../engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'crm-porter-engine',
    });
  } catch (err) {
    // Every call answers with the catalogue's error instead of hanging.
    const reason = err instanceof Error ? err.message : String(err);
    return {
      post: (message) => {
        if (message.kind !== 'call') return;
        const error = { code: 'worker-unavailable' as const, details: { reason } };
        queueMicrotask(() => receive({ kind: 'error', id: message.id, error }));
      },
    };
  }
  worker.onmessage = (event: MessageEvent<ResponseMessage>) => receive(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    crashed(event.message);
  };
  return { post: (m, transferList) => worker.postMessage(m, transferList) };
}

/** True for the rejection of a cancelled call. */
export function isCancelled(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
