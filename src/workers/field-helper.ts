/// <reference lib="webworker" />
import { transferablesOf, type FieldJob, type FieldJobResult } from '../core/engine/field-job';
import { runFieldJob, type FieldHelper } from '../core/engine/mapped-columns';
import { loadPhoneSupport } from '../core/transform/phone-support';

/**
 * The name the engine worker starts its field helper under: the same script as the engine
 * (engine.worker.ts), which serves field jobs instead when it runs under this name. The same
 * script, so the helper has the transforms and the phone metadata of the engine's own build, and
 * nothing is built twice (scripts/check-bundle.mjs).
 */
export const FIELD_HELPER_NAME = 'crm-porter-fields';

/** Rows from which the costly fields are mapped beside the engine (below, the round trip costs more than it saves). */
const MIN_ROWS = 50_000;

type FieldRequest =
  | { readonly kind: 'build'; readonly id: number; readonly job: FieldJob }
  | { readonly kind: 'cancel'; readonly id: number }
  | { readonly kind: 'prepare' };

type FieldReply =
  | { readonly kind: 'progress'; readonly id: number; readonly done: number }
  | { readonly kind: 'done'; readonly id: number; readonly result: FieldJobResult }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

interface Waiting {
  resolve(result: FieldJobResult): void;
  reject(error: Error): void;
  progress(done: number): void;
}

let helper: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, Waiting>();

function stop(): void {
  helper?.terminate();
  helper = null;
}

function failAll(message: string): void {
  for (const w of waiting.values()) w.reject(new Error(message));
  waiting.clear();
  stop();
}

/** The helper, started on first use from this worker's own script; null where it cannot start. */
function start(): Worker | null {
  if (helper !== null) return helper;
  try {
    helper = new Worker((self as unknown as WorkerGlobalScope).location.href, { type: 'module', name: FIELD_HELPER_NAME });
  } catch {
    return null;
  }
  helper.onmessage = (event: MessageEvent<FieldReply>) => {
    const reply = event.data;
    const w = waiting.get(reply.id);
    if (w === undefined) return;
    if (reply.kind === 'progress') return w.progress(reply.done);
    waiting.delete(reply.id);
    if (reply.kind === 'done') w.resolve(reply.result);
    else w.reject(new Error(`field helper: ${reply.message}`));
    // Its heap and the phone metadata are let go once nothing waits (docs/architecture.md,
    // "Memory that ends"); a later mapping starts it again.
    if (waiting.size === 0) stop();
  };
  // A helper that fails fails every job it holds: the engine then maps those fields itself.
  helper.onerror = (event) => {
    event.preventDefault();
    failAll(`field helper failed: ${event.message}`);
  };
  return helper;
}

/** The engine's {@link FieldHelper}: each job posted to the helper worker, its buffers moved. */
export const workerFieldHelper: FieldHelper = {
  minRows: MIN_ROWS,
  prepare() {
    start()?.postMessage({ kind: 'prepare' } satisfies FieldRequest);
  },
  release() {
    if (waiting.size === 0) stop();
  },
  build(job, signal, onProgress) {
    const worker = start();
    if (worker === null) return Promise.reject(new Error('field helper: no worker'));
    const id = nextId++;
    return new Promise<FieldJobResult>((resolve, reject) => {
      const cancel = (): void => {
        worker.postMessage({ kind: 'cancel', id } satisfies FieldRequest);
        waiting.delete(id);
        if (waiting.size === 0) stop();
        reject(new DOMException('Aborted', 'AbortError'));
      };
      waiting.set(id, {
        resolve: (r) => (signal?.removeEventListener('abort', cancel), resolve(r)),
        reject: (e) => (signal?.removeEventListener('abort', cancel), reject(e)),
        progress: onProgress,
      });
      signal?.addEventListener('abort', cancel, { once: true });
      worker.postMessage({ kind: 'build', id, job } satisfies FieldRequest, transferablesOf(job));
    });
  },
};

/** Runs in the helper (engine.worker.ts under {@link FIELD_HELPER_NAME}): serves field jobs. */
export function serveFieldJobs(scope: DedicatedWorkerGlobalScope): void {
  const running = new Map<number, AbortController>();
  const post = (reply: FieldReply, transfer: Transferable[] = []): void => scope.postMessage(reply, transfer);
  scope.onmessage = (event: MessageEvent<FieldRequest>) => {
    const request = event.data;
    if (request.kind === 'prepare') {
      // The phone metadata and its compiled plans, before the first job needs them.
      void loadPhoneSupport().catch(() => undefined);
      return;
    }
    if (request.kind === 'cancel') {
      running.get(request.id)?.abort();
      running.delete(request.id);
      return;
    }
    const { id, job } = request;
    const controller = new AbortController();
    running.set(id, controller);
    runFieldJob(job, controller.signal, (done) => post({ kind: 'progress', id, done })).then(
      (result) => post({ kind: 'done', id, result }, transferablesOf(result)),
      (error: unknown) => post({ kind: 'error', id, message: error instanceof Error ? error.message : String(error) }),
    ).finally(() => running.delete(id));
  };
}
