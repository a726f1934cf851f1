import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { iterateChanges } from '../../../../src/core/diff/change-access';
import { keyedDigests } from '../../../../src/core/diff/dataset-digest';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffOptions, DiffResult } from '../../../../src/core/diff/diff-types';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import { findKeyConflicts, keyOf, type KeySpec } from '../../../../src/core/diff/key-spec';
import { keySortHashes, sortRowsByKey } from '../../../../src/core/diff/keyed-layout';
import { propertyConfig } from '../../../support/seeded';

const t = (columns: string[], rows: Cell[][]): Table => tableFromRows(columns, rows);
const ID: KeySpec = { columns: ['id'], trim: true, caseInsensitive: false };
const OPTS: DiffOptions = { key: ID, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false };
const diff = (a: Table, b: Table, o: Partial<DiffOptions> = {}): Promise<DiffResult> =>
  diffTables(a, b, { ...OPTS, ...o });
const kinds = (d: DiffResult): Record<string, string> =>
  Object.fromEntries([...iterateChanges(d)].map((c) => [c.key, c.kind]));

const N = 3000;
const ROWS: Cell[][] = Array.from({ length: N }, (_, i) => [String(i), `name ${i}`, i % 5 === 0 ? null : `c${i % 11}`]);
const A = t(['id', 'name', 'city'], ROWS);

describe('diffTables, keys paired by one merge walk, records compared as text', () => {
  it('encodes nothing for identical data in another row and column order', async () => {
    const b = t(['city', 'name', 'id'], ROWS.toReversed().map((r) => [r[2] ?? null, r[1] ?? null, r[0] ?? null]));
    const d = await diff(A, b);
    expect(d.counts.unchanged).toBe(N);
    // Reversed: every pair compared as records written as bytes.
    expect(d.stats).toEqual({ textDiffers: 0, canonicalDiffers: 0, recordDigests: 0, recordPairs: N });
    // Same records: same dataset digest, whatever the row and column order.
    const digests = await keyedDigests(A, b, d);
    expect(digests.next).toBe(digests.base);
    expect(digests.calls).toBe(4); // one page and the header, per side
  });

  it('finds one edit, one addition and one removal, encoding only the edited pair', async () => {
    const rows = ROWS.map((r) => [...r]);
    (rows[1234] as Cell[])[1] = 'changed';
    rows.splice(77, 1);
    rows.push(['new', 'x', 'y']);
    const d = await diff(A, t(['id', 'name', 'city'], rows.toReversed()));
    const k = kinds(d);
    expect([k['1234'], k['77'], k['new']]).toEqual(['modified', 'removed', 'added']);
    expect(d.counts).toMatchObject({ modified: 1, removed: 1, added: 1, unchanged: N - 2 });
    expect(d.stats).toEqual({ textDiffers: 1, canonicalDiffers: 1, recordDigests: 0, recordPairs: N - 1 });
    const digests = await keyedDigests(A, t(['id', 'name', 'city'], rows.toReversed()), d);
    expect(digests.next).not.toBe(digests.base);
  });

  it('does not take equal bytes under different keys for the same record (key outside compareColumns)', async () => {
    // Records swap keys: the compared content is the same multiset, but every key now names other content.
    const a = t(['id', 'v'], [['1', 'x'], ['2', 'y']]);
    const b = t(['id', 'v'], [['1', 'y'], ['2', 'x']]);
    expect(kinds(await diff(a, b, { compareColumns: ['v'] }))).toEqual({ '1': 'modified', '2': 'modified' });
    // Same content under a new key: one removed, one added, not unchanged.
    const c = t(['id', 'v'], [['1', 'x'], ['3', 'y']]);
    expect(kinds(await diff(a, c, { compareColumns: ['v'] }))).toEqual({ '1': 'unchanged', '2': 'removed', '3': 'added' });
  });

  it('honours stored baseline fingerprints: the new record is digested against them, and they decide', async () => {
    const rows = ROWS.map((r) => [...r]);
    (rows[10] as Cell[])[1] = 'renamed';
    (rows[2501] as Cell[])[2] = null;
    const b = t(['id', 'name', 'city'], rows);
    const fp = await fingerprintRecords(A, [0, 1, 2]);
    const d = await diff(A, b, { baseFingerprints: fp });
    expect(d.counts.modified).toBe(2);
    expect(d.stats.recordDigests).toBe(2); // the new data's two records only
    const plain = await diff(A, b);
    expect(plain.stats.recordDigests).toBe(0); // no fingerprints: differing bytes decide
    // A stored fingerprint equal to the new record's digest: that record counts as unchanged.
    const stale = fp.slice();
    stale.set((await fingerprintRecords(b, [0, 1, 2])).subarray(32 * 10, 32 * 11), 32 * 10);
    expect(kinds(await diff(A, b, { baseFingerprints: stale }))['10']).toBe('unchanged');
  });

  it('reports missing and duplicate keys exactly as findKeyConflicts does, over many keys', async () => {
    const rows = ROWS.map((r) => [...r]);
    (rows[3] as Cell[])[0] = '  ';
    (rows[2999] as Cell[])[0] = null;
    (rows[40] as Cell[])[0] = '41';
    (rows[1000] as Cell[])[0] = '41';
    (rows[7] as Cell[])[0] = ' 8';
    const b = t(['id', 'name', 'city'], rows);
    const d = await diff(A, b);
    expect(d.conflicts.next).toEqual(await findKeyConflicts(b, ID));
    expect(d.conflicts.next).toEqual({ missing: [3, 2999], duplicates: [[7, 8], [40, 41, 1000]] });
    expect(d.conflicts.base).toEqual({ missing: [], duplicates: [] });
    expect(d.blocked).toBe(true);
    // Keys in conflict on either side are classified on neither.
    expect([...d.keys]).not.toContain('41');
    expect([...d.keys]).not.toContain('8');
    // Base records whose keys the new data lacks: 3, 2999 (now missing), 7, 40, 1000 (now other keys).
    expect(d.counts.removed).toBe(5);
  });

  it('matches a brute-force keyed diff on random data with duplicates, missing keys and collisions (property)', async () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(''), fc.constantFrom('a', 'A', ' a', 'é', 'e\u0301', 'x,y'));
    const row = fc.tuple(fc.oneof(fc.constant(null), fc.constant(''), fc.integer({ min: 0, max: 400 }).map(String)), cell, cell);
    const spec: KeySpec = { columns: ['k', 'v'], trim: true, caseInsensitive: true };
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 700 }), fc.array(row, { maxLength: 700 }), async (ra, rb) => {
        const a = t(['k', 'v', 'w'], ra);
        const b = t(['w', 'k', 'v'], rb.map((r) => [r[2], r[0], r[1]]));
        const d = await diffTables(a, b, { ...OPTS, key: spec, compareColumns: ['w'] });
        expect(kinds(d)).toEqual(bruteForce(ra, rb, spec));
        expect(d.conflicts.base).toEqual(await findKeyConflicts(a, spec));
        expect(d.conflicts.next).toEqual(await findKeyConflicts(b, spec));
      }),
      propertyConfig({ numRuns: 25 }),
    );
  });

  it('orders rows by key hash then key, independent of row order apart from shared keys', () => {
    const keys = ['b', null, 'a', 'c', 'a'];
    const order = sortRowsByKey(keys, keySortHashes(keys));
    expect(order[order.length - 1]).toBe(1); // missing last
    expect([...order].indexOf(2)).toBeLessThan([...order].indexOf(4)); // shared key: row order
    const shuffled = ['c', 'a', 'b'];
    const o2 = sortRowsByKey(shuffled, keySortHashes(shuffled));
    const o3 = sortRowsByKey(['a', 'b', 'c'], keySortHashes(['a', 'b', 'c']));
    expect([...o2].map((r) => shuffled[r])).toEqual([...o3].map((r) => ['a', 'b', 'c'][r]));
  });
});

const nfc = (v: Cell): Cell => (v === null ? null : v.normalize('NFC'));

/** The keyed diff by the definition: kinds per key over column `w` (index 2), mirror + clear. */
function bruteForce(ra: readonly Cell[][], rb: readonly Cell[][], spec: KeySpec): Record<string, string> {
  const index = (rows: readonly Cell[][]): Map<string, Cell[][]> => {
    const m = new Map<string, Cell[][]>();
    for (const r of rows) {
      const k = keyOf([r[0] ?? null, r[1] ?? null], spec);
      if (k === null) continue;
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  };
  const ia = index(ra);
  const ib = index(rb);
  const out: Record<string, string> = {};
  for (const [k, [rowB, ...moreB]] of ib) {
    const inA = ia.get(k);
    if (moreB.length > 0 || (inA?.length ?? 0) > 1) continue;
    const rowA = inA?.[0];
    out[k] = rowA === undefined ? 'added' : nfc(rowA[2] ?? null) === nfc(rowB?.[2] ?? null) ? 'unchanged' : 'modified';
  }
  for (const [k, rows] of ia) if (!ib.has(k) && rows.length === 1) out[k] = 'removed';
  return out;
}
