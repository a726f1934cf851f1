import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKey, type DuplicateKind } from '../../../../src/core/validate/duplicates';
import { KeyGroups, KeyScratch } from '../../../../src/core/validate/key-groups';
import { hashKey, KeyReader, keyHashOf, keyInto, NO_KEY, NOT_ASCII } from '../../../../src/core/validate/key-reader';
import { propertyConfig } from '../../../support/seeded';

const KINDS: readonly DuplicateKind[] = ['exact', 'email', 'phone', 'text'];
/**
 * Units that make the normalisations differ: case, ASCII and Unicode spaces, the zero-width
 * space, a '00' prefix, full-width digits and letters (NFKC), a non-BMP character, a combining
 * accent (NFC and NFKC differ from the raw text).
 */
const UNITS = ['a', 'B', 'z', '0', '0', '1', '9', '@', '.', '-', '+', ' ', ' ', '\t', '\n', '\u00a0', '\u200b', '\u3000', 'É', 'é', 'e\u0301', '１', 'Ａ', '𠮷', 'ß', 'İ'];
const cell = fc.array(fc.constantFrom(...UNITS), { maxLength: 12 }).map((a) => a.join(''));
/** Any ASCII text: every letter's case and every control character. */
const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 12 });

/** A column of `values` read as spans: each present cell is the whole of its own string. */
function spanOfValues(values: readonly (string | null)[]): (row: number, span: Int32Array) => string | null {
  return (row, span) => {
    const v = values[row] ?? null;
    if (v !== null) {
      span[0] = 0;
      span[1] = v.length;
    }
    return v;
  };
}
describe('keyInto (duplicate keys read in place)', () => {
  it('writes exactly duplicateKey, or says the cell needs it (property, every kind)', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(...KINDS), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (value, kind, before, after) => {
        const text = before + value + after;
        const out = new Uint16Array(text.length + 1);
        const n = keyInto(text, before.length, before.length + value.length, kind, out);
        const want = duplicateKey(value, kind);
        // What keyInto answered, in duplicateKey's terms: NOT_ASCII only for a non-exact kind on non-ASCII text.
        const got = n === NOT_ASCII ? 'not-ascii' : n === NO_KEY ? undefined : String.fromCharCode(...out.subarray(0, n));
        const nonAscii = kind !== 'exact' && [...value].some((c) => c.charCodeAt(0) > 0x7f);
        expect(got).toBe(nonAscii ? 'not-ascii' : want);
      }),
      propertyConfig({ numRuns: 3000 }),
    );
  });

  it('never needs duplicateKey for ASCII text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 12 }), fc.constantFrom(...KINDS), (value, kind) => {
        const out = new Uint16Array(value.length);
        const n = keyInto(value, 0, value.length, kind, out);
        expect(n).not.toBe(NOT_ASCII);
        const want = duplicateKey(value, kind);
        expect(n === NO_KEY ? undefined : String.fromCharCode(...out.subarray(0, n))).toBe(want);
      }),
      propertyConfig({ numRuns: 2000 }),
    );
  });

  it('keyHashOf answers what keyInto answers, its hash included, without writing the key (seeded differential)', () => {
    fc.assert(
      fc.property(fc.oneof(cell, ascii), fc.constantFrom(...KINDS), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (value, kind, before, after) => {
        const text = before + value + after;
        const start = before.length;
        const end = start + value.length;
        const out = new Uint16Array(text.length + 1);
        const n = keyInto(text, start, end, kind, out);
        const h = keyHashOf(text, start, end, kind);
        expect(h).toBe(n === NO_KEY || n === NOT_ASCII ? n : hashKey(String.fromCharCode(...out.subarray(0, n))));
        // The reader's hash-only scan and its loading read agree, non-ASCII cells included.
        const reader = new KeyReader(kind, () => null);
        expect(reader.hashText(text, start, end)).toBe(reader.loadText(text, start, end));
      }),
      propertyConfig({ numRuns: 3000 }),
    );
  });

  it('hashes a key the way hashKey does, read in place or through duplicateKey', () => {
    expect(hashKey('')).toBe(0x811c9dc5);
    expect(hashKey('a')).toBe(0xe40c292c);
    for (const [value, kind] of [['  Ada@X.io ', 'email'], ['Ａｃｍｅ  Inc', 'text'], ['0049 30 123', 'phone'], ['x y', 'exact']] as const) {
      const reader = new KeyReader(kind, () => null);
      expect(reader.loadText(value, 0, value.length)).toBe(hashKey(duplicateKey(value, kind) as string));
    }
  });
});

/** The group of every row as a plain recount gives it: rows with the same key, or undefined. */
function recount(values: readonly (string | null)[], kind: DuplicateKind): (number[] | undefined)[] {
  const keys = values.map((v) => duplicateKey(v, kind));
  return keys.map((k) => {
    if (k === undefined) return undefined;
    const rows = keys.flatMap((w, r) => (w === k ? [r] : []));
    return rows.length > 1 ? rows : undefined;
  });
}

describe('KeyGroups (rows grouped by key in typed arrays)', () => {
  it('a scan and any edits end where a plain recount does, hashes colliding or not (property)', () => {
    // A weak hash (two values) makes different keys collide all the time: `same` must tell them apart.
    for (const weak of [true, false]) {
      fc.assert(
        fc.property(
          fc.array(fc.option(cell, { nil: null }), { minLength: 1, maxLength: 30 }),
          fc.array(fc.tuple(fc.nat(), fc.option(cell, { nil: null })), { maxLength: 25 }),
          fc.constantFrom(...KINDS),
          (initial, edits, kind) => {
            const values = [...initial];
            const spanOf = spanOfValues(values);
            const keys = new KeyReader(kind, spanOf);
            const groups = new KeyGroups(values.length);
            const add = (row: number): void => {
              const h = keys.loadRow(row);
              if (h >= 0) groups.add(row, weak ? h & 1 : h, keys.same);
            };
            values.forEach((_, r) => add(r));
            const check = (): void => {
              const want = recount(values, kind);
              values.forEach((_, r) => {
                expect(groups.rowsWith(r), `row ${r}`).toEqual(want[r]);
                expect(groups.size(r)).toBe(want[r]?.length ?? (duplicateKey(values[r] ?? null, kind) === undefined ? 0 : 1));
                expect(groups.first(r)).toBe(want[r]?.[0] ?? (duplicateKey(values[r] ?? null, kind) === undefined ? -1 : r));
              });
              const shared = [...groups.sharedGroups()].map((g) => groups.rowsOf(g)).sort((a, b) => (a[0] as number) - (b[0] as number));
              const wantShared = [...new Set(want.filter((g) => g !== undefined).map((g) => g.join(',')))].map((g) => g.split(',').map(Number));
              expect(shared).toEqual(wantShared.sort((a, b) => (a[0] as number) - (b[0] as number)));
            };
            check();
            for (const [at, value] of edits) {
              const row = at % values.length;
              groups.remove(row);
              values[row] = value;
              add(row);
              check();
            }
          },
        ),
        propertyConfig({ numRuns: 300 }),
      );
    }
  });

  it('grows past its first table and keeps every group', () => {
    const n = 5000;
    const values = Array.from({ length: n }, (_, i) => `k${i % 1500}`);
    const keys = new KeyReader('exact', (row, span) => {
      span[0] = 0;
      span[1] = (values[row] as string).length;
      return values[row] as string;
    });
    const groups = new KeyGroups(n);
    for (let r = 0; r < n; r++) groups.add(r, keys.loadRow(r), keys.same);
    expect([...groups.sharedGroups()].length).toBe(1500);
    expect(groups.rowsWith(1499)).toEqual([1499, 2999, 4499]);
    expect(groups.rowsWith(1500)).toEqual([0, 1500, 3000, 4500]);
  });
});

describe('KeyGroups.addAll (every row grouped at once from its hash)', () => {
  it('makes the groups row-by-row adds make, numbered alike, and edits go on from there (seeded differential)', () => {
    for (const weak of [true, false]) {
      fc.assert(
        fc.property(
          fc.array(fc.option(cell, { nil: null }), { minLength: 1, maxLength: 40 }),
          fc.array(fc.tuple(fc.nat(), fc.option(cell, { nil: null })), { maxLength: 15 }),
          fc.constantFrom(...KINDS),
          (initial, edits, kind) => {
            const values = [...initial];
            const spanOf = spanOfValues(values);
            const keys = new KeyReader(kind, spanOf);
            // A weak hash (two values) makes different keys share a hash all the time.
            const hashOf = (row: number): number => {
              const h = keys.loadRow(row);
              return h < 0 ? h : weak ? h & 1 : h;
            };
            const slow = new KeyGroups(values.length);
            const fast = new KeyGroups(values.length);
            const hashes = new Uint32Array(values.length);
            const keyed = new Uint8Array(values.length);
            values.forEach((_, r) => {
              const h = hashOf(r);
              if (h < 0) return;
              slow.add(r, h, keys.same);
              hashes[r] = h;
              keyed[r] = 1;
            });
            fast.addAll(hashes, keyed, keys);
            const same = (): void => {
              values.forEach((_, r) => {
                expect(fast.group(r), `group of row ${r}`).toBe(slow.group(r));
                expect(fast.size(r)).toBe(slow.size(r));
                expect(fast.first(r)).toBe(slow.first(r));
                expect(fast.rowsWith(r)).toEqual(slow.rowsWith(r));
              });
              expect([...fast.sharedGroups()].map((g) => fast.rowsOf(g))).toEqual([...slow.sharedGroups()].map((g) => slow.rowsOf(g)));
            };
            same();
            for (const [at, value] of edits) {
              const row = at % values.length;
              slow.remove(row);
              fast.remove(row);
              values[row] = value;
              const h = hashOf(row);
              if (h >= 0) {
                slow.add(row, h, keys.same);
                fast.add(row, h, keys.same);
              }
              same();
            }
          },
        ),
        propertyConfig({ numRuns: 300 }),
      );
    }
  });

  it('groups a column of many rows and repeated keys, then takes edits', () => {
    const n = 20_000;
    const values = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? `k${i % 1500}` : `u${i}`));
    const keys = new KeyReader('exact', (row, span) => {
      span[0] = 0;
      span[1] = (values[row] as string).length;
      return values[row] as string;
    });
    const hashes = new Uint32Array(n);
    const keyed = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      hashes[r] = keys.loadRow(r);
      keyed[r] = 1;
    }
    const groups = new KeyGroups(n);
    groups.addAll(hashes, keyed, keys);
    expect(groups.rowsWith(7)).toEqual([7, 10507]);
    expect(groups.size(1)).toBe(1);
    expect(() => groups.addAll(hashes, keyed, keys)).toThrow(/not empty/);
    groups.remove(10507);
    expect(groups.rowsWith(49)).toEqual([49, 10549]);
    values[10507] = 'k49';
    groups.add(10507, keys.loadRow(10507), keys.same);
    expect(groups.rowsWith(7)).toBeUndefined();
    expect(groups.rowsWith(49)).toEqual([49, 10507, 10549]);
  });
});

/**
 * Removes and adds back each row in turn in both groupings and holds every row's group the same
 * after each: edits find the groups through the table the grouping built.
 */
function expectSameAfterEdits(fast: KeyGroups, slow: KeyGroups, exactKeys: KeyReader, n: number): void {
  for (let r = 0; r < n; r++) {
    fast.remove(r);
    slow.remove(r);
    const h = exactKeys.loadRow(r);
    if (h < 0) continue;
    fast.add(r, h, exactKeys.same);
    slow.add(r, h, exactKeys.same);
    for (let q = 0; q < n; q++) expect(fast.rowsWith(q), `after re-adding row ${r}`).toEqual(slow.rowsWith(q));
  }
}

describe('KeyGroups.addWithin (exact groups inside normalised ones)', () => {
  it('makes the groups row-by-row adds of the rows of shared normalised groups make (seeded differential)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(cell, { nil: null }), { minLength: 1, maxLength: 40 }), fc.constantFrom<DuplicateKind>('email', 'phone', 'text'), (values, kind) => {
        const spanOf = spanOfValues(values);
        const keys = new KeyReader(kind, spanOf);
        const exactKeys = new KeyReader('exact', spanOf);
        const n = values.length;
        const normalized = new KeyGroups(n);
        for (let r = 0; r < n; r++) {
          const h = keys.loadRow(r);
          if (h >= 0) normalized.add(r, h, keys.same);
        }
        const slow = new KeyGroups(n);
        for (let r = 0; r < n; r++) {
          if (normalized.size(r) < 2) continue;
          const h = exactKeys.loadRow(r);
          if (h >= 0) slow.add(r, h, exactKeys.same);
        }
        const fast = new KeyGroups(n);
        fast.addWithin(normalized, exactKeys, new Uint32Array(n), new Uint8Array(n));
        for (let r = 0; r < n; r++) {
          expect(fast.group(r), `group of row ${r}`).toBe(slow.group(r));
          expect(fast.rowsWith(r)).toEqual(slow.rowsWith(r));
        }
        // Edits find the groups through the table built from the leaders' hashes.
        expectSameAfterEdits(fast, slow, exactKeys, n);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

describe('KeyReader.altered (a key that changed its cell)', () => {
  it('is set by a load exactly when the key differs from the cell, read in place or through duplicateKey (property)', () => {
    fc.assert(
      fc.property(fc.oneof(cell, ascii), fc.constantFrom(...KINDS), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (value, kind, before, after) => {
        const text = before + value + after;
        const reader = new KeyReader(kind, () => null);
        const h = reader.loadText(text, before.length, before.length + value.length);
        const want = duplicateKey(value, kind);
        // A cell without a key changes nothing that is grouped.
        expect(reader.altered).toBe(h >= 0 && want !== value);
      }),
      propertyConfig({ numRuns: 3000 }),
    );
  });
});

describe('KeyGroups.copyShared (exact groups when no normalised key changed its cell)', () => {
  it('makes the groups addWithin makes, numbered alike, and edits go on from there (seeded differential)', () => {
    // Cells whose normalised keys are the cells themselves under every kind but phone's digits.
    const plain = fc.array(fc.constantFrom('a', 'b', 'z', '0', '1', '@', '.', '-', 'é'), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.option(plain, { nil: null }), { minLength: 1, maxLength: 40 }), fc.constantFrom<DuplicateKind>('email', 'text'), (values, kind) => {
        const spanOf = spanOfValues(values);
        const keys = new KeyReader(kind, spanOf);
        const exactKeys = new KeyReader('exact', spanOf);
        const n = values.length;
        const hashes = new Uint32Array(n);
        const keyed = new Uint8Array(n);
        for (let r = 0; r < n; r++) {
          const v = values[r] ?? null;
          const h = keys.hashText(v, 0, v === null ? 0 : v.length);
          if (h >= 0) {
            hashes[r] = h;
            keyed[r] = 1;
          }
        }
        const normalized = new KeyGroups(n);
        normalized.addAll(hashes, keyed, keys);
        expect(keys.altered).toBe(false);
        const slow = new KeyGroups(n);
        slow.addWithin(normalized, exactKeys, new Uint32Array(n), new Uint8Array(n));
        const fast = new KeyGroups(n);
        for (const _ of fast.copySharedSteps(normalized, new Uint32Array(n), new Uint8Array(n)));
        for (let r = 0; r < n; r++) {
          expect(fast.group(r), `group of row ${r}`).toBe(slow.group(r));
          expect(fast.first(r)).toBe(slow.first(r));
          expect(fast.rowsWith(r)).toEqual(slow.rowsWith(r));
        }
        // Edits find the groups through the table built from the groups' hashes.
        expectSameAfterEdits(fast, slow, exactKeys, n);
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });
});

/** Every row's group, size, first row and rows of two groupings, side by side. */
function expectSameGroups(fast: KeyGroups, slow: KeyGroups, n: number, what: string): void {
  for (let r = 0; r < n; r++) {
    expect(fast.group(r), `${what}: group of row ${r}`).toBe(slow.group(r));
    expect(fast.size(r)).toBe(slow.size(r));
    expect(fast.first(r)).toBe(slow.first(r));
    expect(fast.rowsWith(r)).toEqual(slow.rowsWith(r));
  }
  expect([...fast.sharedGroups()].map((g) => fast.rowsOf(g))).toEqual([...slow.sharedGroups()].map((g) => slow.rowsOf(g)));
}

describe('KeyScratch (buffers shared by the indexes of one validation)', () => {
  it('one scratch, left as the indexes before left it, makes the groups fresh buffers make (seeded differential)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(cell, { nil: null }), { minLength: 1, maxLength: 30 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(...KINDS),
        fc.boolean(),
        (columns, kind, weak) => {
          // Columns of one validation, one after another through the same scratch arrays.
          const n = Math.max(...columns.map((c) => c.length));
          const scratch = new KeyScratch(n);
          for (const values of columns) {
            const spanOf = spanOfValues(values);
            const keys = new KeyReader(kind, spanOf);
            const exactKeys = new KeyReader('exact', spanOf);
            const hashes = new Uint32Array(n);
            const keyed = new Uint8Array(n);
            for (let r = 0; r < n; r++) {
              const h = keys.loadRow(r);
              if (h < 0) continue;
              // A weak hash (two values) makes different keys share a hash all the time.
              hashes[r] = weak ? h & 1 : h;
              keyed[r] = 1;
            }
            const shared = new KeyGroups(n);
            const fresh = new KeyGroups(n);
            shared.addAll(hashes.slice(), keyed.slice(), keys, scratch);
            fresh.addAll(hashes.slice(), keyed.slice(), keys);
            expect(shared.hasShared()).toBe(fresh.hasShared());
            expectSameGroups(shared, fresh, n, 'addAll');
            const exactShared = new KeyGroups(n);
            const exactFresh = new KeyGroups(n);
            exactShared.addWithin(shared, exactKeys, new Uint32Array(n), new Uint8Array(n), scratch);
            exactFresh.addWithin(fresh, exactKeys, new Uint32Array(n), new Uint8Array(n));
            expectSameGroups(exactShared, exactFresh, n, 'addWithin');
            const copiedShared = new KeyGroups(n);
            const copiedFresh = new KeyGroups(n);
            for (const _ of copiedShared.copySharedSteps(shared, new Uint32Array(n), new Uint8Array(n), scratch));
            for (const _ of copiedFresh.copySharedSteps(fresh, new Uint32Array(n), new Uint8Array(n)));
            expectSameGroups(copiedShared, copiedFresh, n, 'copyShared');
            // Edits find the groups through the table built from the groups' hashes.
            expectSameAfterEdits(exactShared, exactFresh, exactKeys, n);
          }
        },
      ),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('an index that stays empty or holds only single rows answers as one that holds its arrays', () => {
    const n = 6;
    const values = ['a', 'b', null, 'c', 'd', 'e'];
    const keys = new KeyReader('exact', (row, span) => {
      const v = values[row] ?? null;
      if (v !== null) {
        span[0] = 0;
        span[1] = v.length;
      }
      return v;
    });
    const empty = new KeyGroups(n);
    for (let r = 0; r < n; r++) {
      expect(empty.group(r)).toBe(-1);
      expect(empty.size(r)).toBe(0);
      expect(empty.rowsWith(r)).toBeUndefined();
    }
    expect(empty.hasShared()).toBe(false);
    empty.remove(0);
    const hashes = new Uint32Array(n);
    const keyed = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const h = keys.loadRow(r);
      if (h >= 0) {
        hashes[r] = h;
        keyed[r] = 1;
      }
    }
    const singles = new KeyGroups(n);
    singles.addAll(hashes, keyed, keys);
    expect([0, 1, 2, 3, 4, 5].map((r) => singles.size(r))).toEqual([1, 1, 0, 1, 1, 1]);
    expect(singles.rowsOf(singles.group(4))).toEqual([4]);
    // Row 4 becomes 'a': a second row joins row 0's group, then leaves it.
    singles.remove(4);
    values[4] = 'a';
    singles.add(4, keys.loadRow(4), keys.same);
    expect(singles.rowsWith(0)).toEqual([0, 4]);
    singles.remove(0);
    expect(singles.rowsWith(4)).toBeUndefined();
    expect(singles.rowsOf(singles.group(4))).toEqual([4]);
  });
});
