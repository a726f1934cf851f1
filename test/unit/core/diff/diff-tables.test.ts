import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { isAbortError } from '../../../../src/core/model/porter-error';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { changeAt, iterateChanges } from '../../../../src/core/diff/change-access';
import { keyedDigests } from '../../../../src/core/diff/dataset-digest';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffOptions, DiffResult } from '../../../../src/core/diff/diff-types';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';

const t = (columns: string[], rows: Cell[][]): Table => tableFromRows(columns, rows);
const ID = { columns: ['id'], trim: true, caseInsensitive: false };
const OPTS: DiffOptions = { key: ID, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false };
const diff = (a: Table, b: Table, o: Partial<DiffOptions> = {}): Promise<DiffResult> =>
  diffTables(a, b, { ...OPTS, ...o });
/** key → kind, for compact expectations. */
const kinds = (d: DiffResult): Record<string, string> =>
  Object.fromEntries([...iterateChanges(d)].map((c) => [c.key, c.kind]));

const BASE = t(
  ['id', 'name', 'email'],
  [
    ['1', 'Ada', 'ada@example.com'],
    ['2', 'Grace', 'grace@example.com'],
    ['3', 'Linus', 'linus@example.com'],
  ],
);

describe('diffTables', () => {
  it('finds no change when rows and columns are reordered', async () => {
    const next = t(
      ['email', 'id', 'name'],
      [
        ['linus@example.com', '3', 'Linus'],
        ['ada@example.com', '1', 'Ada'],
        ['grace@example.com', '2', 'Grace'],
      ],
    );
    const d = await diff(BASE, next);
    expect(d.counts).toEqual({ added: 0, removed: 0, modified: 0, unchanged: 3, cosmetic: 0, absent: 0, ignored: 0, held: 0 });
    const digests = await keyedDigests(BASE, next, d);
    expect(digests.next).toBe(digests.base);
    expect(digests.base).toMatch(/^[0-9a-f]{64}$/);
    expect(d.blocked).toBe(false);
  });

  it('classifies added, removed and modified, with fields and counts', async () => {
    const next = t(
      ['id', 'name', 'email'],
      [
        ['1', 'Ada Lovelace', 'ada@example.com'],
        ['3', 'Linus', 'linus@example.com'],
        ['4', 'Alan', 'alan@example.com'],
      ],
    );
    const d = await diff(BASE, next);
    expect(kinds(d)).toEqual({ '1': 'modified', '2': 'removed', '3': 'unchanged', '4': 'added' });
    expect(changeAt(d, 0)).toEqual({
      kind: 'modified',
      key: '1',
      baseRow: 0,
      nextRow: 0,
      fields: [{ column: 'name', before: 'Ada', after: 'Ada Lovelace', clears: false, cosmetic: false }],
    });
    expect(changeAt(d, 2)).toEqual({ kind: 'added', key: '4', nextRow: 2 });
    expect(changeAt(d, 3)).toEqual({ kind: 'removed', key: '2', baseRow: 1 });
    expect(d.fieldCounts).toEqual({ id: 0, name: 1, email: 0 });
    const digests = await keyedDigests(BASE, next, d);
    expect(digests.next).not.toBe(digests.base);
  });

  it('under upsert, a record missing from the new data is absent, not removed', async () => {
    const next = t(['id', 'name', 'email'], [['1', 'Ada', 'ada@example.com']]);
    expect(kinds(await diff(BASE, next, { mode: 'add-update' }))).toEqual({ '1': 'unchanged', '2': 'absent', '3': 'absent' });
    expect(kinds(await diff(BASE, next, { mode: 'mirror' }))).toEqual({ '1': 'unchanged', '2': 'removed', '3': 'removed' });
  });

  it('treats NFC and NFD spellings as equal, in values and in keys', async () => {
    const a = t(['id', 'city'], [['Zoe\u0308', 'Mu\u0308nchen']]);
    const b = t(['id', 'city'], [['Zoë', 'München']]);
    expect(kinds(await diff(a, b))).toEqual({ Zoë: 'unchanged' });
  });

  it('compares quotes and newlines inside fields exactly', async () => {
    const a = t(['id', 'note'], [['1', 'say "hi"\nbye'], ['2', 'a\nb'], ['3', 'x,y']]);
    const b = t(['id', 'note'], [['1', 'say "hi"\nbye'], ['2', 'a\r\nb'], ['3', 'x,y']]);
    expect(kinds(await diff(a, b))).toEqual({ '1': 'unchanged', '2': 'modified', '3': 'unchanged' });
  });

  it('keeps empty and missing apart, and clears count as such', async () => {
    const a = t(['id', 'phone', 'fax'], [['1', '', '123'], ['2', 'x', 'y']]);
    const b = t(['id', 'phone', 'fax'], [['1', null, ''], ['2', 'x', 'y']]);
    const d = await diff(a, b);
    expect(changeAt(d, 0).fields).toEqual([
      { column: 'phone', before: '', after: null, clears: false, cosmetic: false },
      { column: 'fax', before: '123', after: '', clears: true, cosmetic: false },
    ]);
    expect(d.wouldClear).toBe(1);
  });

  it('under no-information, an empty or missing new cell keeps the base value', async () => {
    const a = t(['id', 'phone', 'fax', 'city'], [['1', '555', '123', 'Oslo']]);
    const b = t(['id', 'phone', 'fax', 'city'], [['1', '', null, 'Bergen']]);
    const d = await diff(a, b, { rules: { default: 'if-not-empty', fields: [] } });
    expect(changeAt(d, 0).fields).toEqual([
      { column: 'city', before: 'Oslo', after: 'Bergen', clears: false, cosmetic: false },
    ]);
    expect(d.wouldClear).toBe(0);
    const only = await diff(a, t(['id', 'phone', 'fax', 'city'], [['1', '', '', 'Oslo']]), { rules: { default: 'if-not-empty', fields: [] } });
    expect(only.counts.unchanged).toBe(1);
  });

  it('puts whitespace- and case-only changes in the quiet class', async () => {
    const a = t(['id', 'name', 'city'], [['1', 'Ada  Lovelace', 'Oslo'], ['2', 'Grace', 'Oslo'], ['3', 'x', '']]);
    const b = t(['id', 'name', 'city'], [['1', 'ada lovelace ', 'OSLO'], ['2', 'Grace H', 'oslo'], ['3', 'x', null]]);
    const quiet = await diff(a, b, { quietClass: true });
    expect(kinds(quiet)).toEqual({ '1': 'cosmetic', '2': 'modified', '3': 'cosmetic' });
    expect(changeAt(quiet, 1).fields?.map((f) => [f.column, f.cosmetic])).toEqual([
      ['name', false],
      ['city', true],
    ]);
    expect(kinds(await diff(a, b, { quietClass: false }))).toEqual({ '1': 'modified', '2': 'modified', '3': 'modified' });
  });

  it('reports duplicate and missing keys on both sides and classifies nothing under them', async () => {
    const a = t(['id', 'n'], [['1', 'a'], ['2', 'b'], ['1', 'c'], ['', 'd'], ['5', 'e']]);
    const b = t(['id', 'n'], [['1', 'a'], [null, 'x'], ['5', 'E'], ['5', 'F'], ['2', 'b']]);
    const d = await diff(a, b);
    expect(d.conflicts).toEqual({
      base: { missing: [3], duplicates: [[0, 2]] },
      next: { missing: [1], duplicates: [[2, 3]] },
    });
    expect(d.blocked).toBe(true);
    expect(kinds(d)).toEqual({ '2': 'unchanged' });
  });

  it('matches by a composite key, with trim and case-insensitive options', async () => {
    const key = { columns: ['first', 'last'], trim: true, caseInsensitive: true };
    const a = t(['first', 'last', 'city'], [['Ada', 'Lovelace', 'London'], ['Ada', 'Byron', 'London']]);
    const b = t(['last', 'first', 'city'], [['byron ', 'ADA', 'Paris'], ['Lovelace', 'Ada', 'London']]);
    const d = await diff(a, b, { key, quietClass: true });
    expect(kinds(d)).toEqual({ '["ada","byron"]': 'modified', '["ada","lovelace"]': 'unchanged' });
    expect(changeAt(d, 0).fields?.map((f) => f.column)).toEqual(['first', 'last', 'city']);
    const strict = await diff(a, b, { key: { ...key, trim: false, caseInsensitive: false } });
    expect(strict.counts).toMatchObject({ added: 1, removed: 1, unchanged: 1 });
  });

  it('reports added and removed columns; they take part only when listed', async () => {
    const a = t(['id', 'old', 'name'], [['1', 'x', 'Ada']]);
    const b = t(['id', 'name', 'new'], [['1', 'Ada', 'y']]);
    const d = await diff(a, b);
    expect([d.columnsAdded, d.columnsRemoved, d.compareColumns]).toEqual([['new'], ['old'], ['id', 'name']]);
    expect(d.counts.unchanged).toBe(1);
    const withNew = await diff(a, b, { compareColumns: ['id', 'name', 'new'] });
    expect(changeAt(withNew, 0).fields).toEqual([{ column: 'new', before: null, after: 'y', clears: false, cosmetic: false }]);
  });

  describe('over several chunks', () => {
    const n = 3000;
    const rows: Cell[][] = Array.from({ length: n }, (_, i) => [String(i), `name ${i}`, i % 7 === 0 ? '' : `c${i % 13}`]);
    const edited = new Set([5, 777, 1500, 2999]);
    const nextRows = rows
      .map((r, i) => (edited.has(i) ? [r[0] ?? null, `renamed ${i}`, r[2] ?? null] : r))
      .toReversed();
    const a = t(['id', 'name', 'city'], rows);
    const b = t(['city', 'id', 'name'], nextRows.map((r) => [r[2] ?? null, r[0] ?? null, r[1] ?? null]));

    it('finds exactly the edited records across many chunks, encoding only those whose text differs', async () => {
      const d = await diff(a, b);
      const modified = [...iterateChanges(d, new Set(['modified']))].map((c) => c.key).sort();
      expect(modified).toEqual(['1500', '2999', '5', '777']);
      expect(d.counts.unchanged).toBe(n - 4);
      // Reversed: no two pairs follow each other, so every pair is compared as records written as bytes.
      expect(d.stats).toEqual({ textDiffers: 4, canonicalDiffers: 4, recordDigests: 0, recordPairs: n });
    });

    it('checks the differing records against stored baseline fingerprints, which decide', async () => {
      const fp = await fingerprintRecords(a, [0, 1, 2]);
      const d = await diff(a, b, { baseFingerprints: fp });
      expect(d.counts.modified).toBe(4);
      expect(d.stats.recordDigests).toBe(4);
      // A stored fingerprint is what decides: a stale one for an edited record makes no change.
      const stale = fp.slice();
      const nextFp = await fingerprintRecords(b, [1, 2, 0]);
      const nextRow = nextRows.findIndex((r) => r[0] === '777');
      stale.set(nextFp.subarray(32 * nextRow, 32 * nextRow + 32), 32 * 777);
      expect((await diff(a, b, { baseFingerprints: stale })).counts.modified).toBe(3);
      await expect(diff(a, b, { baseFingerprints: new Uint8Array(32) })).rejects.toThrow(/fingerprint-count/);
    });
  });

  it('stops when the signal is aborted', async () => {
    const c = new AbortController();
    c.abort();
    const err = await diffTables(BASE, BASE, OPTS, { signal: c.signal }).catch((e: unknown) => e);
    expect(isAbortError(err)).toBe(true);
  });
});

describe('diffTables with held rows (new rows left out of the comparison)', () => {
  it('holds a baseline record whose key a held row has, in any mode, whatever the held rows repeat', async () => {
    const base = t(['id', 'name'], [['1', 'Ada'], ['2', 'Grace'], ['3', 'Linus'], [' 4 ', 'Kay']]);
    const next = t(['id', 'name'], [['1', 'Ada']]);
    // '2' twice, '4' as the key spec trims it, and a key the baseline lacks.
    const held = t(['id', 'name'], [['2', 'Grace?'], ['2', 'G.'], ['4', 'Kay!'], ['9', 'Nobody']]);
    for (const mode of ['mirror', 'add-update'] as const) {
      const d = await diff(base, next, { mode, heldRows: held });
      const gone = mode === 'mirror' ? 'removed' : 'absent';
      expect(kinds(d)).toEqual({ '1': 'unchanged', '2': 'held', '3': gone, '4': 'held' });
      expect([d.counts.held, d.counts[gone]]).toEqual([2, 1]);
    }
  });

  it('pairs a key the new data has as usual, even when a held row has it too', async () => {
    const d = await diff(BASE, t(['id', 'name', 'email'], [['1', 'Ada L.', 'ada@example.com']]), {
      heldRows: t(['id', 'name', 'email'], [['1', 'x', 'y'], ['3', 'Linus', 'z']]),
    });
    expect(kinds(d)).toEqual({ '1': 'modified', '2': 'removed', '3': 'held' });
  });
});
