import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows } from '../../../../src/core/model/table';
import { applyKeyResolutions, findKeyConflicts, keyOf } from '../../../../src/core/diff/key-spec';
import { suggestKeys } from '../../../../src/core/diff/suggest-keys';

const spec = (columns: string[], trim = true, caseInsensitive = false) => ({ columns, trim, caseInsensitive });

describe('keyOf', () => {
  it.each<[string, Cell[], ReturnType<typeof spec>, string | null]>([
    ['plain', ['A1'], spec(['id']), 'A1'],
    ['trimmed', ['  A1 '], spec(['id']), 'A1'],
    ['not trimmed', ['  A1 '], spec(['id'], false), '  A1 '],
    ['case-insensitive', ['A1'], spec(['id'], true, true), 'a1'],
    ['NFC', ['Zoe\u0308'], spec(['id']), 'Zoë'],
    ['missing', [null], spec(['id']), null],
    ['empty after trim', ['  '], spec(['id']), null],
    ['composite', ['a', 'b'], spec(['x', 'y']), '["a","b"]'],
    ['composite parts cannot fake a join', ['a","b', 'c'], spec(['x', 'y']), '["a\\",\\"b","c"]'],
    ['composite with an empty part', ['a', ''], spec(['x', 'y']), null],
  ])('%s', (_n, parts, s, expected) => {
    expect(keyOf(parts, s)).toBe(expected);
  });
});

describe('findKeyConflicts', () => {
  it('lists empty keys and groups of duplicates, in row order', async () => {
    const t = tableFromRows(['id'], [['1'], [''], ['2'], ['1 '], [null], ['2'], ['1']]);
    expect(await findKeyConflicts(t, spec(['id']))).toEqual({ missing: [1, 4], duplicates: [[0, 3, 6], [2, 5]] });
    expect(await findKeyConflicts(t, spec(['id'], false))).toEqual({ missing: [1, 4], duplicates: [[0, 6], [2, 5]] });
  });

  it('treats a key column the table lacks as missing everywhere', async () => {
    expect(await findKeyConflicts(tableFromRows(['a'], [['1'], ['2']]), spec(['id']))).toEqual({ missing: [0, 1], duplicates: [] });
  });

  it('applies resolutions: keep one row of a group, fix a key', async () => {
    const t = tableFromRows(['id', 'n'], [['1', 'a'], ['', 'b'], ['1', 'c']]);
    const conflicts = await findKeyConflicts(t, spec(['id']));
    const fixed = applyKeyResolutions(t, spec(['id']), conflicts, [
      { kind: 'keep-row', row: 2 },
      { kind: 'fix-key', row: 1, value: '9' },
    ]);
    expect(tableToRows(fixed)).toEqual([['9', 'b'], ['1', 'c']]);
    expect([fixed.sourceRow(0), fixed.sourceRow(1)]).toEqual([3, 4]);
    expect(await findKeyConflicts(fixed, spec(['id']))).toEqual({ missing: [], duplicates: [] });
  });
});

const people = (n: number, offset = 0): Cell[][] =>
  Array.from({ length: n }, (_, i) => [`Ada ${(i + offset) % 3}`, String(1000 + i + offset), `p${i + offset}@example.com`, 'Oslo']);

describe('suggestKeys', () => {

  it('prefers an ID-named unique column, then email; skips non-unique ones', () => {
    const cols = ['Name', 'Contact ID', 'Email', 'City'];
    const s = suggestKeys(tableFromRows(cols, people(50)), tableFromRows(cols, people(50, 10)));
    expect(s.map((x) => [x.columns, x.reason])).toEqual([
      [['Contact ID'], 'id-name'],
      [['Email'], 'email-name'],
    ]);
    expect(s[0]?.score).toBe(1);
  });

  it('takes the key from the baseline when the new file has no rows (a header only)', () => {
    const cols = ['Name', 'Contact ID', 'Email', 'City'];
    const s = suggestKeys(tableFromRows(cols, people(50)), tableFromRows(cols, []));
    expect(s.map((x) => [x.columns, x.reason])).toEqual([
      [['Contact ID'], 'id-name'],
      [['Email'], 'email-name'],
    ]);
  });

  it('ignores columns present on one side only, and columns with empty values', () => {
    const a = tableFromRows(['id', 'Email'], [['1', 'a@x'], ['2', ''], ['3', 'c@x']]);
    const b = tableFromRows(['Email', 'uid'], [['a@x', '1'], ['b@x', '2'], ['c@x', '3']]);
    expect(suggestKeys(a, b)).toEqual([]);
  });

  it('suggests a composite key when no single column is unique', () => {
    const rows: Cell[][] = [['Ada', 'Lovelace', 'x'], ['Ada', 'Byron', 'x'], ['Grace', 'Hopper', 'x'], ['Grace', 'Byron', 'x']];
    const t = tableFromRows(['First', 'Last', 'c'], rows);
    expect(suggestKeys(t, t)[0]).toEqual({ columns: ['First', 'Last'], score: 0.7, reason: 'composite' });
  });
});
