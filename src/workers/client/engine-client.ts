import type { PorterErrorCode, PorterErrorDetails } from '../../core/model/porter-error';
import type { CallName, CancelMessage, EngineCalls, RequestMessage, ResponseMessage } from '../protocol';

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

export interface CallOptions<P> {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: P) => void) | undefined;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  onProgress: ((progress: unknown) => void) | undefined;
}

interface Endpoint {
  post(message: RequestMessage | CancelMessage): void;
}

/**
 * The page's handle on the engine. Every call can be cancelled with an AbortSignal (the promise
 * then rejects with an AbortError, which is not an error to show) and can report progress. If a
 * module worker cannot start, the engine runs on the main thread instead, slower but working.
 */
export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private endpoint: Promise<Endpoint>;

  constructor(private readonly createWorker: () => Worker = defaultWorker) {
    this.endpoint = this.connect();
  }

  call<K extends CallName>(
    call: K,
    args: EngineCalls[K]['args'],
    options: CallOptions<EngineCalls[K]['progress']> = {},
  ): Promise<EngineCalls[K]['result']> {
    const id = this.nextId++;
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<EngineCalls[K]['result']>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: onProgress as ((p: unknown) => void) | undefined,
      });
      const message = { kind: 'call', id, call, args } as RequestMessage;
      void this.endpoint.then((ep) => {
        ep.post(message);
        signal?.addEventListener('abort', () => ep.post({ kind: 'cancel', id }), { once: true });
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
      return { post: (m) => worker.postMessage(m) };
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
