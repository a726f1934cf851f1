/// <reference lib="webworker" />
import { transferablesOf, type FieldJob, type FieldJobResult } from '../core/engine/field-job';
import { runFieldJob, type FieldHelper } from '../core/engine/mapped-columns';
import { readCsvTail, tailTransferables, type CsvTail, type CsvTailJob, type CsvTailProgress, type CsvTailReader } from '../core/read/csv-tail';
import { loadPhoneSupport } from '../core/transform/phone-support';

/**
 * The name the engine worker starts its helper under: the same script as the engine
 * (engine.worker.ts), which serves the helper's jobs instead when it runs under this name — a
 * large file's costly fields (field jobs) and the second half of a large CSV file's read (tail
 * jobs). The same script, so the helper has the transforms, the readers and the phone metadata
 * of the engine's own build, and nothing is built twice (scripts/check-bundle.mjs).
 */
export const FIELD_HELPER_NAME = 'crm-porter-fields';

/** Rows from which the costly fields are mapped beside the engine (below, the round trip costs more than it saves). */
const MIN_ROWS = 50_000;

/**
 * Bytes from which a CSV file's second half is read by the helper: below, starting it and
 * joining the halves cost about what the half read would save (a 12 MB file reads in ~0.3 s).
 */
const MIN_TAIL_BYTES = 32 << 20;

type HelperRequest =
  | { readonly kind: 'build'; readonly id: number; readonly job: FieldJob }
  | { readonly kind: 'tail'; readonly id: number; readonly job: CsvTailJob }
  | { readonly kind: 'cancel'; readonly id: number }
  | { readonly kind: 'prepare' };

type HelperReply =
  | { readonly kind: 'progress'; readonly id: number; readonly done: number | CsvTailProgress }
  | { readonly kind: 'done'; readonly id: number; readonly result: FieldJobResult | CsvTail }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

interface Waiting {
  resolve(result: FieldJobResult | CsvTail): void;
  reject(error: Error): void;
  progress(done: number | CsvTailProgress): void;
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
  helper.onmessage = (event: MessageEvent<HelperReply>) => {
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
  // A helper that fails fails every job it holds: the engine then does that work itself.
  helper.onerror = (event) => {
    event.preventDefault();
    failAll(`field helper failed: ${event.message}`);
  };
  return helper;
}

/** Posts a job to the helper; settles with its answer, or rejects (no helper, it failed, cancelled). */
function post<R extends FieldJobResult | CsvTail, P extends number | CsvTailProgress>(
  request: (id: number) => HelperRequest,
  transfer: Transferable[],
  signal: AbortSignal | undefined,
  onProgress: (p: P) => void,
): Promise<R> {
  const worker = start();
  if (worker === null) return Promise.reject(new Error('field helper: no worker'));
  const id = nextId++;
  return new Promise<R>((resolve, reject) => {
    const cancel = (): void => {
      worker.postMessage({ kind: 'cancel', id } satisfies HelperRequest);
      waiting.delete(id);
      if (waiting.size === 0) stop();
      reject(new DOMException('Aborted', 'AbortError'));
    };
    waiting.set(id, {
      resolve: (r) => (signal?.removeEventListener('abort', cancel), resolve(r as R)),
      reject: (e) => (signal?.removeEventListener('abort', cancel), reject(e)),
      progress: (p) => onProgress(p as P),
    });
    if (signal?.aborted) return cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    worker.postMessage(request(id), transfer);
  });
}

/** The engine's {@link FieldHelper}: each job posted to the helper worker, its buffers moved. */
export const workerFieldHelper: FieldHelper = {
  minRows: MIN_ROWS,
  prepare() {
    start()?.postMessage({ kind: 'prepare' } satisfies HelperRequest);
  },
  release() {
    if (waiting.size === 0) stop();
  },
  build: (job, signal, onProgress) => post<FieldJobResult, number>((id) => ({ kind: 'build', id, job }), transferablesOf(job), signal, onProgress),
};

/**
 * Logical cores from which a large CSV file is read by two threads. On this project's 2-core
 * machine the two halves read no faster than one thread reads the whole (a median 3.45 s against
 * 3.52 s for a 1M-row file, 8 samples each) and the browser held ~0.4–0.55 GB more while a
 * baseline was read: V8's collector threads and the browser's file reading already keep the
 * second core busy during a one-thread read (docs/architecture.md, "CSV read").
 */
const TAIL_MIN_CORES = 4;

/** The engine's {@link CsvTailReader}: a large CSV file's second half read in the helper worker (the File is shared, not copied). */
const workerTailReader: CsvTailReader = {
  minBytes: MIN_TAIL_BYTES,
  read: (job, signal, onProgress) => post<CsvTail, CsvTailProgress>((id) => ({ kind: 'tail', id, job }), [], signal, onProgress),
};

/** {@link workerTailReader} where this machine has the cores for two reads at once ({@link TAIL_MIN_CORES}), else null. */
export function tailReaderHere(cores = navigator.hardwareConcurrency): CsvTailReader | null {
  return cores >= TAIL_MIN_CORES ? workerTailReader : null;
}

/** Runs in the helper (engine.worker.ts under {@link FIELD_HELPER_NAME}): serves field and tail jobs. */
export function serveFieldJobs(scope: DedicatedWorkerGlobalScope): void {
  const running = new Map<number, AbortController>();
  const reply = (message: HelperReply, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);
  scope.onmessage = (event: MessageEvent<HelperRequest>) => {
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
    const { id } = request;
    const controller = new AbortController();
    running.set(id, controller);
    const answer =
      request.kind === 'build'
        ? runFieldJob(request.job, controller.signal, (done) => reply({ kind: 'progress', id, done })).then((result) => ({ result, transfer: transferablesOf(result) }))
        : readCsvTail(request.job, controller.signal, (done) => reply({ kind: 'progress', id, done })).then((result) => ({ result, transfer: tailTransferables(result) }));
    answer
      .then(
        ({ result, transfer }) => reply({ kind: 'done', id, result }, transfer),
        (error: unknown) => reply({ kind: 'error', id, message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => running.delete(id));
  };
}
