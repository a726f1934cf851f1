import { DatasetEngine } from '../core/engine/dataset-engine';
import { isAbortError, PorterError } from '../core/model/porter-error';
import type { CallName, CancelMessage, RequestMessage, ResponseMessage, WireError } from './protocol';

type Post = (message: ResponseMessage) => void;

/**
 * Serves engine calls from messages. Used by the worker entry, and by the client directly as
 * the main-thread fallback when a worker cannot start.
 */
export function createEngineHost(post: Post): (message: RequestMessage | CancelMessage) => void {
  const engine = new DatasetEngine();
  const running = new Map<number, AbortController>();

  const run = async (message: RequestMessage): Promise<unknown> => {
    const controller = new AbortController();
    running.set(message.id, controller);
    const options = {
      signal: controller.signal,
      onProgress: (progress: unknown) => post({ kind: 'progress', id: message.id, progress }),
    };
    try {
      return await dispatch(engine, message, options);
    } finally {
      running.delete(message.id);
    }
  };

  return (message) => {
    if (message.kind === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    run(message).then(
      (result) => post({ kind: 'result', id: message.id, result }),
      (err: unknown) => {
        if (isAbortError(err)) post({ kind: 'cancelled', id: message.id });
        else post({ kind: 'error', id: message.id, error: toWireError(err) });
      },
    );
  };
}

async function dispatch(
  engine: DatasetEngine,
  message: RequestMessage,
  options: { signal: AbortSignal; onProgress: (p: unknown) => void },
): Promise<unknown> {
  const call: CallName = message.call;
  switch (message.call) {
    case 'open': {
      const bytes = new Uint8Array(await message.args.file.arrayBuffer());
      return engine.open(bytes, message.args.fileName, options, message.args.settings);
    }
    case 'configure':
      return engine.configure(message.args.patch, options);
    case 'view':
      return engine.setView(message.args.view, options.signal);
    case 'window':
      return engine.window(message.args.start, message.args.count);
    case 'findRow':
      return engine.findSourceRow(message.args.sourceRow);
    case 'export':
      return engine.exportAll(message.args.request, options);
  }
  throw new PorterError('internal', { call });
}

function toWireError(err: unknown): WireError {
  if (err instanceof PorterError) return { code: err.code, details: err.details };
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  // Unknown failures still reach the user as a catalogue message; the reason helps a bug report.
  console.error('engine call failed', err);
  return { code: 'internal', details: { reason: reason.slice(0, 300) } };
}
