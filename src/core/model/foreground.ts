import { createCheckpoint } from './yielder';
import { abortError } from './porter-error';

/**
 * Work the user is waiting for, in this thread, ahead of work done for later. Calls run through
 * {@link run} are foreground; a background job (the review's dataset digests) checks
 * {@link createBackgroundCheckpoint} in its loops and waits there while any foreground call
 * runs. Why: the engine's calls share one worker thread and take turns at their checkpoints, so
 * digests still being computed after a comparison took half the thread from whatever the user
 * did next (a committed snapshot loaded as the next baseline took 17 s at 1M rows, 6 s of it
 * the previous comparison's digests).
 *
 * @example
 * const gate = new ForegroundGate();
 * const check = createBackgroundCheckpoint(signal, gate);
 * await gate.run(() => loadBaseline()); // `check()` in the digests waits until this ends
 */
export class ForegroundGate {
  private active = 0;
  private waiting: (() => void)[] = [];

  /** True while a foreground call runs. */
  get busy(): boolean {
    return this.active > 0;
  }

  /** Runs `work` as foreground: background checkpoints wait until it (and any other) ends. */
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      if (--this.active === 0) {
        const waiting = this.waiting;
        this.waiting = [];
        for (const resume of waiting) resume();
      }
    }
  }

  /** Resolves once no foreground call runs (at once when none does); rejects on abort. */
  idle(signal?: AbortSignal): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const onAbort = () => reject(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}

/**
 * A checkpoint for background work ({@link createCheckpoint}'s, which throws on abort and yields
 * now and then) that also waits while `gate` has a foreground call running, and throws an abort
 * error once `valid` (when given) says the work no longer holds.
 */
export function createBackgroundCheckpoint(signal: AbortSignal | undefined, gate: ForegroundGate, valid?: () => boolean): () => Promise<void> {
  const checkpoint = createCheckpoint(signal);
  return async () => {
    await checkpoint();
    while (gate.busy) await gate.idle(signal);
    // What the user did meanwhile may have made the work pointless (the data it reads changed).
    if (valid !== undefined && !valid()) throw abortError();
  };
}
