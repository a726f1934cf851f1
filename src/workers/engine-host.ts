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
      return engine.exportAll(message.args.request, options, message.args.policy);
    case 'propose':
      return engine.proposeMapping(message.args.object);
    case 'applyMapping':
      return engine.applyMapping(message.args.plan, options);
    case 'mappedWindow':
      return engine.mappedWindow(message.args.start, message.args.count, message.args.filter);
    case 'nextProblem':
      return engine.nextProblem(message.args.from, message.args.direction, message.args.filter);
    case 'edit':
      return engine.edit(message.args.op);
    case 'undo':
      return engine.undo();
    case 'redo':
      return engine.redo();
    case 'duplicates':
      return engine.duplicates(message.args.limit);
    case 'errorReport': {
      const m = message.args.messages;
      // Problem text in the user's language, from catalogue entries the page sent along.
      return engine.errorReport(
        (_field, rule, reason) => m[`reason.${reason}`] ?? m[`rule.${rule}`] ?? rule,
        message.args.format,
      );
    }
    case 'loadBaseline': {
      const bytes = new Uint8Array(await message.args.file.arrayBuffer());
      return engine.loadBaseline(bytes, message.args.fileName, message.args.stored, options);
    }
    case 'runDiff':
      return engine.runDiff(message.args.options, options);
    case 'reviewWindow':
      return engine.reviewWindow(message.args.start, message.args.count, message.args.kinds, message.args.search);
    case 'decide':
      return engine.decide(message.args.op);
    case 'reviewUndo':
      return engine.reviewUndo();
    case 'reviewRedo':
      return engine.reviewRedo();
    case 'resolveConflict':
      return engine.resolveConflict(message.args.side, message.args.resolution, options);
    case 'commit':
      return engine.commit(options);
    case 'adoptCommit':
      return engine.adoptCommit();
    case 'loadLookup': {
      const bytes = new Uint8Array(await message.args.file.arrayBuffer());
      return engine.loadLookup(bytes, message.args.fileName, options.signal);
    }
    case 'matchLookup':
      return engine.matchLookup(message.args.spec);
    case 'exportProfile':
      return engine.exportProfile(message.args.request, message.args.policy, options.signal);
    case 'exportChanges':
      return engine.exportChanges(message.args.format, options.signal);
    case 'mergeReport':
      return engine.mergeErrorReport(new Uint8Array(await message.args.file.arrayBuffer()));
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
