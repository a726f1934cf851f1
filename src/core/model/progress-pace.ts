/**
 * How often a long loop may report progress: every report crosses to the page, where it
 * re-renders the step and repaints it. A 1M-row commit reporting every block of 4,096 records
 * (~320 reports in a few seconds) kept the page thread busy for ~2 s beside the engine and its
 * helper, on a machine with two cores (docs/architecture.md, "Commit").
 */
export const PROGRESS_MS = 100;

/**
 * Wraps a progress callback so it passes a report when `PROGRESS_MS` have gone by since the last
 * one it passed, and always the first and the last (`done === total`). The reports it drops are
 * superseded by the next, so the bar never goes backwards and ends where the work ends.
 *
 * @example
 * const report = paced(onProgress);
 * for (…) report({ done, total });
 */
export function paced<P extends { readonly done: number; readonly total: number }>(
  onProgress: ((p: P) => void) | undefined,
  now: () => number = Date.now,
): ((p: P) => void) | undefined {
  if (onProgress === undefined) return undefined;
  let last = -Infinity;
  return (p) => {
    const t = now();
    if (p.done < p.total && t - last < PROGRESS_MS) return;
    last = t;
    onProgress(p);
  };
}
