import { useEffect, useState } from 'react';
import type { ReviewPatterns } from '../../core/engine/review-session';
import { fetchReviewPatterns } from '../../state/queries';

/**
 * The review's largest change patterns, fetched from the engine (which groups them) whenever
 * the review version changes: a new diff regroups, a decision changes the accepted counts.
 * The last answer stays shown until the next one lands, so a decision does not blink the list;
 * an answer for an older version or limit is dropped.
 */
export function usePatterns(version: number, limit: number): ReviewPatterns | null {
  const [shown, setShown] = useState<{ readonly version: number; readonly data: ReviewPatterns | null } | null>(null);
  useEffect(() => {
    let live = true;
    fetchReviewPatterns(limit).then(
      (data) => {
        if (live) setShown({ version, data });
      },
      // No review in the engine (a new file was read): nothing to group.
      () => {
        if (live) setShown({ version, data: null });
      },
    );
    return () => {
      live = false;
    };
  }, [version, limit]);
  return shown?.data ?? null;
}
