import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_MS } from '../../../src/core/model/progress-pace';
import { pacedProgress } from '../../../src/workers/paced-progress';

describe('pacedProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first report at once and at most one per interval after it', () => {
    const sent: unknown[] = [];
    const paced = pacedProgress((p) => sent.push(p));
    for (let i = 0; i < 1000; i++) {
      paced.report(i);
      vi.advanceTimersByTime(1);
    }
    // 1,000 reports over 1,000 ms: the first, then one per interval.
    expect(sent[0]).toBe(0);
    expect(sent.length).toBeGreaterThanOrEqual(1000 / PROGRESS_MS);
    expect(sent.length).toBeLessThanOrEqual(1000 / PROGRESS_MS + 1);
    // Never backwards.
    expect(sent).toEqual([...(sent as number[])].sort((a, b) => a - b));
  });

  it('sends the newest waiting report when the interval ends, even if no report follows', () => {
    const sent: unknown[] = [];
    const paced = pacedProgress((p) => sent.push(p));
    paced.report('a');
    paced.report('b');
    paced.report('c');
    expect(sent).toEqual(['a']);
    vi.advanceTimersByTime(PROGRESS_MS);
    expect(sent).toEqual(['a', 'c']);
    vi.advanceTimersByTime(10 * PROGRESS_MS);
    expect(sent).toEqual(['a', 'c']);
  });

  it('sends nothing once the call ended', () => {
    const sent: unknown[] = [];
    const paced = pacedProgress((p) => sent.push(p));
    paced.report('a');
    paced.report('b');
    paced.end();
    vi.advanceTimersByTime(10 * PROGRESS_MS);
    paced.report('late');
    vi.advanceTimersByTime(10 * PROGRESS_MS);
    expect(sent).toEqual(['a']);
  });
});
