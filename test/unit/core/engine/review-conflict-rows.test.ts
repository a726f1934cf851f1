import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../../src/core/diff/import-mode';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';

// Key conflicts name rows of the file as read, however many were resolved before: the page
// labels them, and a resolution names them back (docs/architecture.md, "Key conflicts", in "The Review step").

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/e2e/review/${name}`));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const OPTIONS = {
  key: { columns: ['id'], trim: true, caseInsensitive: false },
  mode: 'mirror' as const,
  rules: DEFAULT_RULES,
  quietClass: false,
};
/** The other side, without conflicts: Ada and Bob. */
const CLEAN = utf8('id,name\n1,Ada\n2,Bob\n');

/** keys-duplicate-missing.csv: rows 1 (Ada) and 2 (Ada2) share id 1, row 3 (Nokey) has none, row 4 is Bob. */
async function withConflicts(side: 'base' | 'next'): Promise<DatasetEngine> {
  const engine = new DatasetEngine();
  const [current, baseline] = side === 'next' ? [fixture('keys-duplicate-missing.csv'), CLEAN] : [CLEAN, fixture('keys-duplicate-missing.csv')];
  await engine.open(current, 'new.csv');
  await engine.loadBaseline(baseline, 'base.csv', null);
  return engine;
}

describe.each(['next', 'base'] as const)('conflicts in the %s file keep their rows after "keep row"', (side) => {
  it('the row without a key stays row 3 (index 2) after row 2 of the duplicates is kept', async () => {
    const engine = await withConflicts(side);
    const before = await engine.runDiff(OPTIONS);
    expect(before.blocked).toBe(true);
    // Each listed row with its source row (the header is row 1), as Preview numbers it.
    expect(before.conflicts[side]).toEqual({ missing: [2], duplicates: [[0, 1]], sourceRows: { 0: 2, 1: 3, 2: 4 } });

    const after = await engine.resolveConflict(side, { kind: 'keep-row', row: 1 });
    expect(after.conflicts[side]).toEqual({ missing: [2], duplicates: [], sourceRows: { 2: 4 } });

    // The row named is the one given the key: Nokey becomes record 3, and Ada2 stays record 1.
    const done = await engine.resolveConflict(side, { kind: 'fix-key', row: 2, value: '3' });
    expect(done.blocked).toBe(false);
    const items = engine.reviewWindow(0, 10, ['added', 'removed', 'modified', 'unchanged'], '').items;
    const name = (key: string) => (side === 'next' ? items.find((i) => i.key === key)?.after : items.find((i) => i.key === key)?.before)?.[1];
    expect(name('1')).toBe('Ada2');
    expect(name('3')).toBe('Nokey');
  });
});

describe('two duplicate groups resolved one after the other', () => {
  it('the second group is still named by its rows in the file, and the row kept is the one named', async () => {
    const engine = new DatasetEngine();
    await engine.open(utf8('id,name\n1,Ada\n1,Ada2\n2,Bob\n2,Bob2\n'), 'new.csv');
    await engine.loadBaseline(CLEAN, 'base.csv', null);
    expect((await engine.runDiff(OPTIONS)).conflicts.next.duplicates).toEqual([[0, 1], [2, 3]]);
    const once = await engine.resolveConflict('next', { kind: 'keep-row', row: 0 });
    expect(once.conflicts.next.duplicates).toEqual([[2, 3]]);
    const twice = await engine.resolveConflict('next', { kind: 'keep-row', row: 3 });
    expect(twice.blocked).toBe(false);
    const items = engine.reviewWindow(0, 10, ['modified', 'unchanged'], '').items;
    expect(items.map((i) => [i.key, i.after?.[1]])).toEqual([['1', 'Ada'], ['2', 'Bob2']]);
  });
});
