import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheFor, emptyCache, missingBlocks, rowIn, storeBlock } from '../../../src/ui/windowed/block-cache';
import { propertyConfig } from '../../support/seeded';

const rowsOf = (block: number, size: number) => Array.from({ length: size }, (_, i) => `r${block * size + i}`);

describe('block cache of the windowed lists', () => {
  it('asks for the blocks covering a range, once each', () => {
    const c = emptyCache<string>('v1', 'all');
    expect(missingBlocks(c, 0, 0, 100)).toEqual([0]);
    expect(missingBlocks(c, 95, 305, 100)).toEqual([0, 1, 2, 3]);
    c.inflight.add(1);
    storeBlock(c, 2, rowsOf(2, 100), 10);
    expect(missingBlocks(c, 95, 305, 100)).toEqual([0, 3]);
    // A range given backwards (an empty list reports last < first) still asks for its first block.
    expect(missingBlocks(emptyCache('v', 'g'), 0, -1, 50)).toEqual([0]);
  });

  it('finds a row by index inside its block', () => {
    const c = emptyCache<string>('v1', 'all');
    storeBlock(c, 3, rowsOf(3, 50), 10);
    expect(rowIn(c, 150, 50)).toBe('r150');
    expect(rowIn(c, 199, 50)).toBe('r199');
    expect(rowIn(c, 200, 50)).toBeUndefined();
    expect(rowIn(c, 149, 50)).toBeUndefined();
  });

  it('drops the oldest block beyond the limit, so memory stays flat', () => {
    const c = emptyCache<string>('v1', 'all');
    for (let b = 0; b < 5; b++) storeBlock(c, b, rowsOf(b, 10), 3);
    expect([...c.blocks.keys()]).toEqual([2, 3, 4]);
    expect(missingBlocks(c, 0, 49, 10)).toEqual([0, 1]);
  });

  it('keeps the cache while the key holds and starts a fresh one on a new version', () => {
    const c = emptyCache<string>('v1', 'all');
    storeBlock(c, 0, rowsOf(0, 10), 5);
    expect(cacheFor(c, 'v1', 'all')).toBe(c);
    const next = cacheFor(c, 'v2', 'all');
    expect(next).not.toBe(c);
    expect(next.blocks.size).toBe(0);
    // Same group: the old rows stay shown while the new version loads (no blink after an edit)...
    expect(rowIn(next, 3, 10)).toBe('r3');
    expect(missingBlocks(next, 0, 9, 10)).toEqual([0]);
    // ...until a fresh block arrives; then only fresh rows are shown.
    storeBlock(next, 1, ['x10', 'x11'], 5);
    expect(rowIn(next, 3, 10)).toBeUndefined();
    expect(rowIn(next, 11, 10)).toBe('x11');
  });

  it('never shows rows of another group (another filter)', () => {
    const c = emptyCache<string>('all:1', 'all');
    storeBlock(c, 0, rowsOf(0, 10), 5);
    const other = cacheFor(c, 'errors:1', 'errors');
    expect(other.stale).toBeNull();
    expect(rowIn(other, 0, 10)).toBeUndefined();
  });

  it('answers every index as a model of the stored blocks does', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('store' as const), block: fc.nat(20) }),
      fc.record({ kind: fc.constant('version' as const), sameGroup: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 40 }), (size, max, ops) => {
        let cache = emptyCache<string>('0', 'g0');
        let version = 0;
        let group = 0;
        // The model: fresh blocks in insertion order, and the blocks shown while a new version loads.
        let fresh = new Map<number, string[]>();
        let stale: Map<number, string[]> | null = null;
        for (const o of ops) {
          if (o.kind === 'store') {
            const rows = rowsOf(o.block, size).map((r) => `${version}:${r}`);
            storeBlock(cache, o.block, rows, max);
            fresh.delete(o.block);
            fresh.set(o.block, rows);
            if (fresh.size > max) fresh.delete(fresh.keys().next().value as number);
            stale = null;
          } else {
            version++;
            if (!o.sameGroup) group++;
            cache = cacheFor(cache, String(version), `g${group}`);
            stale = o.sameGroup ? fresh : null;
            fresh = new Map();
          }
          for (let i = 0; i < 22 * size; i++) {
            const b = Math.floor(i / size);
            expect(rowIn(cache, i, size)).toBe((fresh.get(b) ?? stale?.get(b))?.[i - b * size]);
          }
          expect(cache.blocks.size).toBeLessThanOrEqual(max);
        }
      }),
      propertyConfig({ numRuns: 100 }),
    );
  });
});
