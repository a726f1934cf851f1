import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iterateOperations } from '../../../../src/core/diff/change-operations';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import type { DiffOptions } from '../../../../src/core/diff/diff-types';
import { DEFAULT_RULES, IMPORT_MODES, UPDATE_RULES } from '../../../../src/core/diff/import-mode';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { ReviewSession, type DecisionOp, type SessionSummary } from '../../../../src/core/engine/review-session';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';

// Every count the Review step shows (what a commit would apply, per class, and what History
// lists for a commit) is the count of operations in the change file: a modified record whose
// every field change is rejected is not a modification (docs/architecture.md, "Counts are the change file").

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/e2e/review/${name}`));
const MIRROR: Omit<DiffOptions, 'baseFingerprints'> = {
  key: { columns: ['id'], trim: true, caseInsensitive: false },
  mode: 'mirror',
  rules: DEFAULT_RULES,
  quietClass: false,
};

interface ChangeFile {
  readonly insert: string[];
  readonly update: string[];
  readonly delete: string[];
}

/** The JSON change file's keys per operation. */
async function changeFile(engine: DatasetEngine): Promise<ChangeFile> {
  const ops = JSON.parse(await (await engine.exportChanges('json')).blob.text()) as { op: keyof ChangeFile; key: string }[];
  const out: ChangeFile = { insert: [], update: [], delete: [] };
  for (const o of ops) out[o.op].push(o.key);
  return out;
}

/**
 * Five contacts: 001's city, 002's and 005's phone changed, 004's phone emptied (kept under the
 * default rule), 003 gone, 006 new.
 */
async function fiveContacts(): Promise<DatasetEngine> {
  const engine = new DatasetEngine();
  await engine.open(fixture('five-new.csv'), 'five-new.csv');
  await engine.loadBaseline(fixture('five-base.csv'), 'five-base.csv', null);
  return engine;
}

describe('counts are the change file: a record whose every field change is rejected is not a modification', () => {
  it('rejecting the one changed field of 002 leaves 2 modified, in the summary, the file and the commit', async () => {
    const engine = await fiveContacts();
    const first = await engine.runDiff(MIRROR);
    expect(first.accepted).toMatchObject({ added: 1, removed: 1, modified: 3 });
    expect((await changeFile(engine)).update).toEqual(['001', '002', '005']);

    const summary = engine.decide({ kind: 'field', key: '002', column: 'phone', accept: false });
    const after = await changeFile(engine);
    expect(after.update).toEqual(['001', '005']);
    expect(summary.accepted.modified).toBe(after.update.length);
    expect(summary.rejectedFields).toBe(1);
    expect((await engine.commit()).counts.modified).toBe(2);
  });

  it('"Accept all" of a class accepts its field changes too; "Reject all" then one record back takes it whole', async () => {
    const engine = await fiveContacts();
    await engine.runDiff(MIRROR);
    engine.decide({ kind: 'field', key: '002', column: 'phone', accept: false });
    engine.decide({ kind: 'change', keys: ['001'], accept: false });
    const all = engine.decide({ kind: 'class', change: 'modified', accept: true });
    expect(all.accepted.modified).toBe(3);
    expect(all.rejectedFields).toBe(0);
    expect((await changeFile(engine)).update).toEqual(['001', '002', '005']);
    const row = engine.reviewWindow(0, 10, ['modified'], '').items.find((i) => i.key === '002');
    expect(row?.accepted).toBe(true);
    expect(row?.fields.map((f) => f.accepted)).toEqual([true]);

    engine.decide({ kind: 'field', key: '005', column: 'phone', accept: false });
    const none = engine.decide({ kind: 'class', change: 'modified', accept: false });
    expect(none.accepted.modified).toBe(0);
    expect((await changeFile(engine)).update).toEqual([]);
    // One record ticked again is applied whole: the field rejected before the class was is not kept.
    const one = engine.decide({ kind: 'change', keys: ['005'], accept: true });
    expect(one.accepted.modified).toBe(1);
    expect((await changeFile(engine)).update).toEqual(['005']);
  });

  it('a record with every field rejected reads as not accepted in the list, and ticking it accepts it whole', async () => {
    const engine = await fiveContacts();
    await engine.runDiff(MIRROR);
    engine.decide({ kind: 'field', key: '002', column: 'phone', accept: false });
    const row = () => engine.reviewWindow(0, 10, ['modified'], '').items.find((i) => i.key === '002');
    expect(row()).toMatchObject({ accepted: false, rejected: false });
    const back = engine.decide({ kind: 'change', keys: ['002'], accept: true });
    expect(row()).toMatchObject({ accepted: true, rejected: false });
    expect(back.accepted.modified).toBe(3);
  });
});

/** Per class, the records the change file holds: inserts, deletes, and updates split by class. */
function fileCounts(ops: Iterable<{ op: string; key: string }>, kindOf: Map<string, string>) {
  const n = { added: 0, removed: 0, modified: 0, cosmetic: 0 };
  for (const o of ops) {
    if (o.op === 'insert') n.added++;
    else if (o.op === 'delete') n.removed++;
    else n[kindOf.get(o.key) === 'cosmetic' ? 'cosmetic' : 'modified']++;
  }
  return n;
}

describe('whatever the decisions, the summary counts what the change file holds', () => {
  const cell = fc.constantFrom<Cell>('x', 'X', 'y', '', null);
  const table = fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 7 }).chain((ids) =>
    fc.tuple(fc.constant(ids), fc.array(fc.tuple(cell, cell), { minLength: ids.length, maxLength: ids.length })),
  );
  const kind = fc.constantFrom('added', 'removed', 'modified', 'cosmetic' as const);
  const op: fc.Arbitrary<DecisionOp> = fc.oneof(
    fc.record({ kind: fc.constant('change' as const), keys: fc.array(fc.integer({ min: 0, max: 7 }).map(String), { maxLength: 2 }), accept: fc.boolean() }),
    fc.record({ kind: fc.constant('field' as const), key: fc.integer({ min: 0, max: 7 }).map(String), column: fc.constantFrom('a', 'b'), accept: fc.boolean() }),
    fc.record({ kind: fc.constant('class' as const), change: kind, accept: fc.boolean() }),
    fc.record({ kind: fc.constant('column' as const), column: fc.constantFrom('a', 'b'), accept: fc.boolean() }),
  );

  it('accepted per class = operations per class; rejectedFields = rejected changes of records not rejected whole', async () => {
    await fc.assert(
      fc.asyncProperty(table, table, fc.constantFrom(...IMPORT_MODES), fc.constantFrom(...UPDATE_RULES), fc.boolean(), fc.array(op, { maxLength: 8 }), async ([bi, bc], [ni, nc], mode, rule, quietClass, ops) => {
        const base = tableFromRows(['id', 'a', 'b'], bi.map((id, i) => [String(id), ...(bc[i] ?? [])]));
        const next = tableFromRows(['id', 'a', 'b'], ni.map((id, i) => [String(id), ...(nc[i] ?? [])]));
        const opts = { ...MIRROR, mode, quietClass, rules: { default: rule, fields: [] } };
        const session = new ReviewSession(base, 'base', null);
        let summary: SessionSummary = await session.run(next, opts, undefined, () => {});
        for (const o of ops) summary = session.decide(o);
        const listed = session.window(0, 100, ['added', 'removed', 'modified', 'cosmetic'], '').items;
        const kindOf = new Map(listed.map((i) => [i.key, i.kind]));
        const file = session.changeOperations()?.operations ?? [];
        const counted = fileCounts(file, kindOf);
        expect({ added: summary.accepted.added, removed: summary.accepted.removed, modified: summary.accepted.modified, cosmetic: summary.accepted.cosmetic }).toEqual(counted);
        // The list says the same record by record.
        expect(listed.filter((i) => i.accepted).map((i) => i.key).sort()).toEqual(file.map((o) => o.key).sort());
        const rejectedOneByOne = listed
          .filter((i) => !i.rejected)
          .reduce((n, i) => n + i.fields.filter((f) => !f.accepted).length, 0);
        expect(summary.rejectedFields).toBe(rejectedOneByOne);
        // Independently of the session: the same diff's operations under the same decisions.
        const diff = await diffTables(base, next, opts);
        expect(diff.counts).toEqual(summary.counts);
        expect([...iterateOperations(diff, { rejectedChanges: new Set(), rejectedFields: new Map() }, { base, next })].length).toBe(
          summary.counts.added + summary.counts.removed + summary.counts.modified + summary.counts.cosmetic,
        );
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });
});
