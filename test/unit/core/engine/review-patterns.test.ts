import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeKind, DiffOptions } from '../../../../src/core/diff/diff-types';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { ReviewSession } from '../../../../src/core/engine/review-session';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, type Table } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

// Change patterns through the review session: the list's search and filters, and decisions on a
// whole group as one undoable step (docs/architecture.md, "Change patterns").

const COLUMNS = ['id', 'company', 'title', 'stage'];
const OPTIONS: Omit<DiffOptions, 'baseFingerprints'> = {
  key: { columns: ['id'], trim: true, caseInsensitive: false },
  compareColumns: COLUMNS,
  mode: 'mirror',
  rules: { default: 'always', fields: [] },
  quietClass: true,
};
const ALL: readonly ChangeKind[] = ['added', 'removed', 'modified', 'cosmetic', 'unchanged', 'absent'];

async function session(base: Table, next: Table): Promise<ReviewSession> {
  const s = new ReviewSession(base, 'base.csv', null);
  await s.run(next, OPTIONS, undefined, () => {});
  return s;
}

/**
 * Every record's decision (not rejected as a whole) and every field change's acceptance, as `key`
 * and `key/column` → accepted.
 */
function acceptance(s: ReviewSession): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const item of s.window(0, 1e6, ALL, '').items) {
    out.set(item.key, !item.rejected);
    for (const f of item.fields) out.set(`${item.key}/${f.column}`, f.accepted);
  }
  return out;
}

const BASE = tableFromRows(COLUMNS, [
  ['1', 'Analytical Engines Ltd', 'Engineer', 'lead'],
  ['2', 'Navy Labs', 'Officer', 'lead'],
  ['3', 'Babbage & Co', 'Clerk', 'lead'],
  ['4', 'Old Firm GmbH', 'Owner', 'customer'],
]);
const NEXT = tableFromRows(COLUMNS, [
  ['1', 'Analytical Engines Ltd', 'Engineer (promoted)', 'customer'],
  ['2', 'Navy Labs', 'Officer (promoted)', 'customer'],
  ['3', 'Babbage & Co', 'Clerk', 'lead'],
  ['5', 'Hopper Systems', 'CTO', 'lead'],
]);

describe('review list search and filters', () => {
  it('search finds a record by any old or new value, not only its key', async () => {
    const s = await session(BASE, NEXT);
    const keys = (search: string, kinds: readonly ChangeKind[] = ALL) => s.window(0, 100, kinds, search).items.map((i) => i.key);
    // An unchanged value of a modified record (its company), in any case.
    expect(keys('analytical')).toEqual(['1']);
    // A new value, an old value, an added record's value, a removed record's value.
    expect(keys('PROMOTED')).toEqual(['1', '2']);
    expect(keys('Engineer')).toEqual(['1']);
    expect(keys('hopper')).toEqual(['5']);
    expect(keys('gmbh')).toEqual(['4']);
    // The key still matches; class filters still apply; nothing matches nothing.
    expect(keys('3')).toEqual(['3']);
    expect(keys('lead', ['modified'])).toEqual(['1', '2']);
    expect(keys('nowhere')).toEqual([]);
    expect(s.window(0, 100, ALL, 'promoted').total).toBe(2);
  });

  it('search ignores case in any script, and a needle longer than a value does not match it', async () => {
    const base = tableFromRows(COLUMNS, [['1', 'ÇAFÉ ÜNAL', 'a', 'lead'], ['2', 'MÜLLER GmbH', 'b', 'lead'], ['3', 'Ab', 'c', 'lead']]);
    const next = tableFromRows(COLUMNS, [['1', 'ÇAFÉ ÜNAL', 'x', 'lead'], ['2', 'MÜLLER GmbH', 'y', 'lead'], ['3', 'Ab', 'z', 'lead']]);
    const s = await session(base, next);
    const keys = (search: string) => s.window(0, 100, ALL, search).items.map((i) => i.key);
    expect(keys('çafé ü')).toEqual(['1']);
    expect(keys('müller gmbh')).toEqual(['2']);
    expect(keys('GMBH')).toEqual(['2']);
    expect(keys('abc')).toEqual([]);
    expect(keys('ab')).toEqual(['3']);
  });

  it('filters by field and by pattern group, intersected with class and search', async () => {
    const s = await session(BASE, NEXT);
    const keys = (filter: { field?: string; pattern?: string }, search = '') => s.window(0, 100, ALL, search, filter).items.map((i) => i.key);
    expect(keys({ field: 'title' })).toEqual(['1', '2']);
    expect(keys({ field: 'company' })).toEqual([]);
    const { patterns } = s.patternSummary(10);
    const suffix = patterns.find((p) => p.kind === 'suffix');
    expect(suffix).toMatchObject({ column: 'title', text: ' (promoted)', count: 2, accepted: 2 });
    expect(keys({ pattern: suffix?.id ?? '' })).toEqual(['1', '2']);
    expect(keys({ pattern: suffix?.id ?? '' }, 'navy')).toEqual(['2']);
    const added = patterns.find((p) => p.kind === 'added');
    expect(keys({ pattern: added?.id ?? '' })).toEqual(['5']);
    // A group that no longer exists (a diff ran since) matches nothing.
    expect(keys({ pattern: '["suffix","title",null,null,"gone"]' })).toEqual([]);
  });

  it('rejecting a group rejects exactly its changes, in one step that undo takes back', async () => {
    const s = await session(BASE, NEXT);
    const before = acceptance(s);
    const stage = s.patternSummary(10).patterns.find((p) => p.kind === 'replaced');
    expect(stage).toMatchObject({ column: 'stage', from: 'lead', to: 'customer', count: 2 });
    const summary = s.decide({ kind: 'pattern', id: stage?.id ?? '', accept: false });
    expect(summary.rejectedFields).toBe(2);
    const after = acceptance(s);
    const flipped = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    expect(flipped.sort()).toEqual(['1/stage', '2/stage']);
    expect(s.patternSummary(10).patterns.find((p) => p.id === stage?.id)?.accepted).toBe(0);
    s.undo();
    expect(acceptance(s)).toEqual(before);
    expect(() => s.decide({ kind: 'pattern', id: 'nope', accept: false })).toThrow(RangeError);
    expect(s.summary().canUndo).toBe(false);
  });

  it('the changes file leaves out a rejected group’s new values', async () => {
    const s = await session(BASE, NEXT);
    const suffix = s.patternSummary(10).patterns.find((p) => p.kind === 'suffix');
    s.decide({ kind: 'pattern', id: suffix?.id ?? '', accept: false });
    const text = new TextDecoder().decode(await (await s.exportChanges('json')).blob.arrayBuffer());
    expect(text).not.toContain('(promoted)');
    expect(text).toContain('customer');
    expect(text).toContain('Hopper Systems');
  });
});

/** The record key of a `key/column` entry of {@link acceptance}. */
const recordOf = (k: string) => k.slice(0, k.lastIndexOf('/'));

const cell = fc.oneof(
  fc.constant<Cell>(null),
  fc.constant<Cell>(''),
  fc.constantFrom<Cell>('lead', 'customer', 'Ada', 'ADA', 'Ada (promoted)', 'Dr. Ada'),
  fc.string({ maxLength: 3 }),
);

describe('pattern decisions (property)', () => {
  it('accepting or rejecting a group changes exactly the decisions of its changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.tuple(cell, cell, cell), fc.tuple(cell, cell, cell), fc.boolean()), { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 4 }),
        async (records, steps) => {
          const base = tableFromRows(COLUMNS, records.map(([b], i) => [String(i), ...b]));
          const next = tableFromRows(COLUMNS, [
            ...records.flatMap(([, n, keep], i) => (keep ? [[String(i), ...n]] : [])),
            ['new', 'x', 'y', 'z'],
          ]);
          const s = await session(base, next);
          const { patterns } = s.patternSummary(1000);
          for (const [pick, accept] of steps) {
            const group = patterns[pick % patterns.length];
            if (group === undefined) return;
            const members = new Set(
              s.window(0, 1e6, ALL, '', { pattern: group.id }).items.map((i) => (group.column === null ? i.key : `${i.key}/${group.column}`)),
            );
            expect(members.size).toBe(group.count);
            const before = acceptance(s);
            s.decide({ kind: 'pattern', id: group.id, accept });
            const after = acceptance(s);
            const expected = new Map(before);
            for (const k of members) {
              // A field of a rejected record stays unaccepted whatever its own decision.
              expected.set(k, accept && (group.column === null || before.get(recordOf(k)) !== false));
            }
            if (group.column === null) {
              // The fields of a record the group accepted or rejected follow the record (and their own decisions).
              for (const k of after.keys()) if (k.includes('/') && members.has(recordOf(k))) expected.set(k, after.get(k) as boolean);
            }
            expect(after).toEqual(expected);
            const now = s.patternSummary(1000).patterns.find((p) => p.id === group.id);
            expect(now?.accepted).toBe([...members].filter((k) => after.get(k)).length);
          }
        },
      ),
      propertyConfig({ numRuns: 60 }),
    );
  });
});

describe('DatasetEngine review patterns', () => {
  it('reviewPatterns and a pattern decision carry the review version; reviewWindow passes the filter on', async () => {
    const engine = new DatasetEngine();
    await engine.open(csv([COLUMNS, ...tableRows(NEXT)]), 'new.csv');
    await engine.loadBaseline(csv([COLUMNS, ...tableRows(BASE)]), 'base.csv', null);
    const summary = await engine.runDiff(OPTIONS);
    const first = engine.reviewPatterns(2);
    expect(first.version).toBe(summary.version);
    expect(first.patterns).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    const group = first.patterns.find((p) => p.kind === 'suffix') ?? first.patterns[0];
    const decided = engine.decide({ kind: 'pattern', id: group?.id ?? '', accept: false });
    expect(decided.version).toBeGreaterThan(summary.version);
    expect(engine.reviewPatterns(10).patterns.find((p) => p.id === group?.id)?.accepted).toBe(0);
    const w = engine.reviewWindow(0, 10, ALL, '', { pattern: group?.id ?? null });
    expect(w.total).toBe(group?.count);
    expect(w.version).toBe(decided.version);
    expect(engine.reviewUndo().rejectedFields).toBe(0);
  });
});

function csv(rows: readonly (readonly string[])[]): Uint8Array {
  return new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n'));
}

function tableRows(t: Table): string[][] {
  return Array.from({ length: t.rowCount }, (_, r) => t.row(r).map((v) => v ?? ''));
}
