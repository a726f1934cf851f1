import type { PorterErrorCode, PorterErrorDetails } from '../../core/model/porter-error';
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

interface Endpoint {
  post(message: RequestMessage, transfer: Transferable[]): void;
}

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
 * an error to show), and progress arrives through the callback. If a module worker cannot start,
 * the same engine runs on the main thread instead, slower but working.
 */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private endpoint: Promise<Endpoint>;
  readonly engine: RemoteEngine;

  constructor(private readonly createWorker: () => Worker = defaultWorker) {
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
      void this.endpoint.then((ep) => {
        ep.post({ kind: 'call', id, method, args: wireArgs, task }, buffers);
        const cancel = () => ep.post({ kind: 'cancel', id }, []);
        // Aborted while the worker was starting: the event has fired already, cancel now.
        if (signal?.aborted) cancel();
        else signal?.addEventListener('abort', cancel, { once: true });
      });
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

  private async connect(): Promise<Endpoint> {
    try {
      const worker = this.createWorker();
      worker.onmessage = (event: MessageEvent<ResponseMessage>) => this.receive(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.failAll('worker-crashed', { reason: event.message });
        // The dataset died with the worker; start a fresh one for the next call.
        worker.terminate();
        this.endpoint = this.connect();
      };
      return { post: (m, transferList) => worker.postMessage(m, transferList) };
    } catch (err) {
      console.warn('Engine worker unavailable; running on the main thread.', err);
      const { createEngineHost } = await import('../engine-host');
      const handle = createEngineHost((m) => queueMicrotask(() => this.receive(m)));
      return { post: handle };
    }
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

function defaultWorker(): Worker {
  return new Worker(new URL('../engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'crm-porter-engine',
  });
}

function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

/** True for the rejection of a cancelled call. */
export function isCancelled(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
