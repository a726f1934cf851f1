import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineDiff, type InlineSegment } from '../../../../src/core/diff/inline-diff';
import { propertyConfig } from '../../../support/seeded';

const side = (segments: readonly InlineSegment[], drop: 'added' | 'removed') =>
  segments
    .filter((s) => s.op !== drop)
    .map((s) => s.text)
    .join('');

const changed = (segments: readonly InlineSegment[] | null) =>
  (segments ?? []).filter((s) => s.op !== 'same').map((s) => `${s.op === 'added' ? '+' : '-'}${s.text}`);

describe('inlineDiff: what changed inside a value', () => {
  it.each([
    // [before, after, the changed pieces only]
    ['+1 555 010 9999', '+1 555 010 9998', ['-9', '+8']],
    ['Software Engineer', 'Software Engineer (promoted)', ['+ (promoted)']],
    ['Acme Corp', 'Acme Corporation', ['+oration']],
    ['acme corp', 'Acme Corp', ['-a', '+A', '-c', '+C']],
    ['+1 (555) 010-9999', '+15550109999', ['- (', '-) ', '--']],
    ['Sales Manager', 'Sales Director', ['-Manager', '+Director']],
    ['Dr. Ada Lovelace', 'Ada Lovelace', ['-Dr. ']],
    ['北京市朝阳区', '北京市海淀区', ['-朝阳', '+海淀']],
  ])('%j → %j marks only %j', (before, after, pieces) => {
    const segments = inlineDiff(before, after);
    expect(segments).not.toBeNull();
    expect(changed(segments)).toEqual(pieces);
    expect(side(segments ?? [], 'added')).toBe(before);
    expect(side(segments ?? [], 'removed')).toBe(after);
  });

  it.each([
    ['Ada', ''],
    ['', 'Ada'],
    [null, 'Ada'],
    ['Ada', null],
    ['same', 'same'],
    // Nothing in common worth marking: shown whole, old → new.
    ['lead', 'customer'],
    ['jose.mueller@old-employer.com', 'emily.taylor@gmail.com'],
    ['grace@example.com', 'grace.hopper@navy.example'],
  ] as const)('%j → %j is shown whole (null)', (before, after) => {
    expect(inlineDiff(before, after)).toBeNull();
  });

  it('gives up on long unrelated texts instead of a slow diff, and still marks a small edit in them', () => {
    const a = 'lorem ipsum '.repeat(500);
    const b = 'dolor sit amet '.repeat(500);
    expect(inlineDiff(a, b)).toBeNull();
    const edited = inlineDiff(a, `${a}and more`);
    expect(changed(edited)).toEqual(['+and more']);
  });

  it('keeps both values exactly: old = same + removed, new = same + added, one segment per run', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (before, after) => {
        const segments = inlineDiff(before, after);
        if (segments === null) return;
        expect(side(segments, 'added')).toBe(before);
        expect(side(segments, 'removed')).toBe(after);
        for (let i = 1; i < segments.length; i++) expect(segments[i]?.op).not.toBe(segments[i - 1]?.op);
        expect(segments.some((s) => s.op === 'same')).toBe(true);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});
