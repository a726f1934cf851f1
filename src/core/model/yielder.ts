import { throwIfAborted } from './porter-error';

/** How long synchronous work may run before it gives the event loop a turn. */
const SLICE_MS = 40;

const yieldOnce: () => Promise<void> =
  typeof MessageChannel === 'function'
    ? () =>
        new Promise<void>((resolve) => {
          // MessageChannel is not clamped like nested setTimeout(0) (4 ms after 5 levels).
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            channel.port1.close();
            resolve();
          };
          channel.port2.postMessage(null);
        })
    : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Returns a checkpoint to call often inside long loops: it throws if the signal was aborted and
 * yields to the event loop once every ~40 ms, so a worker can hear "cancel" mid-parse.
 *
 * @example
 * const checkpoint = createCheckpoint(signal);
 * for (const chunk of chunks) { parse(chunk); await checkpoint(); }
 */
export function createCheckpoint(signal: AbortSignal | undefined): () => Promise<void> {
  let last = Date.now();
  return async () => {
    throwIfAborted(signal);
    const now = Date.now();
    if (now - last < SLICE_MS) return;
    await yieldOnce();
    last = Date.now();
    throwIfAborted(signal);
  };
}
