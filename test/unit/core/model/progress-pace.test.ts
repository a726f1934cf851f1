import { describe, expect, it } from 'vitest';
import { paced, PROGRESS_MS } from '../../../../src/core/model/progress-pace';

describe('paced', () => {
  it('passes the first report, then one per PROGRESS_MS, and the last whenever it comes', () => {
    let now = 1000;
    const seen: number[] = [];
    const report = paced<{ done: number; total: number }>((p) => seen.push(p.done), () => now);
    const at = (t: number, done: number) => {
      now = 1000 + t;
      report?.({ done, total: 10 });
    };
    at(0, 1);
    at(PROGRESS_MS - 1, 2); // too soon: dropped
    at(PROGRESS_MS, 3);
    at(PROGRESS_MS + 1, 4); // too soon again
    at(PROGRESS_MS + 2, 10); // the last: always
    expect(seen).toEqual([1, 3, 10]);
  });

  it('is undefined without a callback, so callers pass nothing on', () => {
    expect(paced(undefined)).toBeUndefined();
  });
});
