import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToIndex, groupOf, hashKey, indexByHash, removeFromIndex } from '../../../../src/core/validate/duplicates';
import type { KeyIndex } from '../../../../src/core/validate/validate-types';
import { propertyConfig } from '../../../support/seeded';

const POOL = ['a', 'b', 'c', 'ab', 'ba', 'abc', 'x', 'yy', 'zzz', 'q1', 'q2', 'q3', 'q4', 'q5'];

function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const s = steps.next();
    if (s.done === true) return s.value;
  }
}

/** The group of every row as a plain recount would give it: rows with the same key, or undefined. */
function expectedGroups(values: readonly (string | null)[]): (number[] | undefined)[] {
  return values.map((v) => {
    if (v === null) return undefined;
    const rows = values.flatMap((w, r) => (w === v ? [r] : []));
    return rows.length > 1 ? rows : undefined;
  });
}

describe('indexByHash (rows held by hash until a key meets them)', () => {
  it('hashKey is FNV-1a: stable, and different for near keys', () => {
    expect(hashKey('')).toBe(0x811c9dc5);
    expect(hashKey('a')).toBe(0xe40c292c);
    expect(hashKey('ab')).not.toBe(hashKey('ba'));
  });

  it('groups, edits and colliding hashes end where a plain recount does (property)', () => {
    // A weak hash (by length) makes different keys collide all the time, and the real one too.
    for (const hash of [(k: string) => k.length % 3, hashKey]) {
      fc.assert(
        fc.property(
          fc.array(fc.option(fc.constantFrom(...POOL), { nil: null }), { minLength: 1, maxLength: 40 }),
          fc.array(fc.tuple(fc.nat(), fc.option(fc.constantFrom(...POOL), { nil: null })), { maxLength: 25 }),
          fc.integer({ min: 1, max: 5 }),
          (initial, edits, pause) => {
            const values = [...initial];
            const hashes = new Uint32Array(values.length);
            const has = new Uint8Array(values.length);
            values.forEach((v, r) => {
              if (v !== null) {
                hashes[r] = hash(v);
                has[r] = 1;
              }
            });
            const index: KeyIndex = drain(indexByHash(hashes, has, (r) => values[r] ?? undefined, pause, hash));
            const check = (): void => {
              const want = expectedGroups(values);
              values.forEach((_, r) => expect(groupOf(index, r), `row ${r}`).toEqual(want[r]));
            };
            check();
            for (const [at, value] of edits) {
              const row = at % values.length;
              removeFromIndex(index, row);
              values[row] = value;
              addToIndex(index, row, value ?? undefined);
              check();
            }
          },
        ),
        propertyConfig({ numRuns: 200 }),
      );
    }
  });

  it('keeps no key of a row no other row shares', () => {
    const values = ['u1', 'u2', 'd', 'u3', 'd'];
    const hashes = Uint32Array.from(values, (v) => hashKey(v));
    const index = drain(indexByHash(hashes, new Uint8Array(values.length).fill(1), (r) => values[r]));
    expect([...index.groups.keys()]).toEqual(['d']);
    expect(index.keys[0]).toBeUndefined();
    expect(groupOf(index, 2)).toEqual([2, 4]);
  });
});
