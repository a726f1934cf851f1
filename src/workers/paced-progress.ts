import { PROGRESS_MS } from '../core/model/progress-pace';

/** One call's progress reports on their way to the page, at most one per `PROGRESS_MS`. */
export interface PacedProgress {
  report(progress: unknown): void;
  /** The call ended: a report still waiting is dropped (the answer follows it), and any later one. */
  end(): void;
}

/**
 * Paces every call's progress messages, whatever reports them: each message re-renders and
 * repaints the step, and a 1M-row export reported each megabyte written (~130 messages in a few
 * seconds), which kept the page thread busy for ~1.6 s beside the engine and its digest worker
 * on a two-core machine. The first report goes at once; one within `PROGRESS_MS` of the last
 * sent waits, replaced by any newer one, and is sent when the interval ends, so the bar always
 * ends up showing the newest state even when the engine then goes quiet (waiting on storage).
 */
export function pacedProgress(send: (progress: unknown) => void, now: () => number = Date.now): PacedProgress {
  let last = -Infinity;
  let waiting: { progress: unknown } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ended = false;
  const flush = () => {
    timer = null;
    if (waiting === null) return;
    const { progress } = waiting;
    waiting = null;
    last = now();
    send(progress);
  };
  return {
    report(progress) {
      if (ended) return;
      const elapsed = now() - last;
      if (elapsed >= PROGRESS_MS) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        waiting = null;
        last = now();
        send(progress);
        return;
      }
      waiting = { progress };
      timer ??= setTimeout(flush, PROGRESS_MS - elapsed);
    },
    end() {
      ended = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  };
}
