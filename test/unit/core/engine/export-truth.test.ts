import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { planExport, type ExportPlanInput } from '../../../../src/core/engine/export-plan';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import { PorterError } from '../../../../src/core/model/porter-error';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { snapshotAsNdjson, snapshotRecords } from '../../../support/snapshot-rows';

/** Keyed by external_id, every column compared, records missing from the new data deleted. */
const MIRROR_BY_ID = {
  key: { columns: ['external_id'], trim: true, caseInsensitive: false },
  compareColumns: ['external_id', 'email', 'phone'],
  mode: 'mirror',
  rules: { default: 'always', fields: [] },
  quietClass: true,
} as const;

// Export tells the truth: the count promised before the download is the count in the file,
// and rows with errors are treated by the policy before and after a commit (an initial
// snapshot or a reviewed one).

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const map = (column: number, field: string): ColumnMapping => ({ column, field, transforms: [], origin: 'unmapped' });
const text = async (blob: Blob): Promise<string> => new TextDecoder().decode(await blob.arrayBuffer());

// Rows 002 (bad e-mail) and 003 (phone "12") have errors.
const CSV = [
  'ID,Email,Phone',
  '001,ada@example.com,+14155552671',
  '002,bad-email,+14155552672',
  '003,eve@example.com,12',
  '004,bob@example.com,+14155552673',
].join('\n');
const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [map(0, 'external_id'), map(1, 'email'), map(2, 'phone')],
};
const NDJSON = { format: 'ndjson' } as const;

async function mapped(csv = CSV): Promise<DatasetEngine> {
  const engine = new DatasetEngine();
  await engine.open(utf8(csv), 'contacts.csv');
  await engine.applyMapping(PLAN);
  return engine;
}

const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');

async function blocked(promise: Promise<unknown>): Promise<PorterError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PorterError) return err;
    throw err;
  }
  throw new Error('expected export-blocked');
}

describe('planExport', () => {
  const base: ExportPlanInput = { source: 'mapped', policy: 'skip', rows: 300, rowsWithErrors: 0, deleted: 0 };
  const cases: [name: string, input: ExportPlanInput, records: number, leftOut: number, included: number, isBlocked: boolean][] = [
    ['raw data: every row', { ...base, source: 'raw', rowsWithErrors: 5 }, 300, 0, 0, false],
    ['skip, all rows in error: nothing', { ...base, rowsWithErrors: 300 }, 0, 300, 0, false],
    ['skip, some in error', { ...base, rowsWithErrors: 7 }, 293, 7, 0, false],
    ['include, some in error', { ...base, policy: 'include', rowsWithErrors: 7 }, 300, 0, 7, false],
    ['block with errors: nothing', { ...base, policy: 'block', rowsWithErrors: 1 }, 0, 0, 0, true],
    ['block without errors: all', { ...base, policy: 'block' }, 300, 0, 0, false],
    ['committed after a skipping compare', { ...base, source: 'committed', rows: 120, rowsWithErrors: 4, committed: { policy: 'skip', leftOut: 4 } }, 120, 4, 0, false],
    ['committed after an including compare', { ...base, source: 'committed', policy: 'include', rows: 120, rowsWithErrors: 4, committed: { policy: 'include', leftOut: 0 } }, 120, 0, 4, false],
    ['committed, block with errors', { ...base, source: 'committed', policy: 'block', rows: 120, rowsWithErrors: 4, committed: { policy: 'block', leftOut: 0 } }, 0, 0, 0, true],
  ];
  it.each(cases)('%s', (_name, input, records, leftOut, included, isBlocked) => {
    const plan = planExport(input);
    expect([plan.records, plan.leftOutErrors, plan.includedWithErrors, plan.blocked]).toEqual([records, leftOut, included, isBlocked]);
  });

  it('flags a committed dataset compared under another policy than the one chosen now', () => {
    const committed = { ...base, source: 'committed' as const, committed: { policy: 'skip' as const, leftOut: 2 } };
    expect(planExport({ ...committed, policy: 'include' }).policyChanged).toBe(true);
    expect(planExport({ ...committed, policy: 'skip' }).policyChanged).toBe(false);
  });

  it('writes a reverted snapshot whole, whatever the policy and the current data: no policy changed, nothing left out, included or deleted', () => {
    // The current data has a row with errors and a deleted row; the snapshot has 4 records.
    const reverted = { ...base, source: 'committed' as const, rows: 4, rowsWithErrors: 1, deleted: 1, committed: { policy: 'include' as const, leftOut: 0, revert: true } };
    for (const policy of ['skip', 'include'] as const) {
      expect(planExport({ ...reverted, policy })).toMatchObject({ records: 4, leftOutErrors: 0, includedWithErrors: 0, deleted: 0, policyChanged: false, blocked: false });
    }
    // Block still means nothing leaves while an error remains (the engine refuses it too).
    expect(planExport({ ...reverted, policy: 'block' })).toMatchObject({ records: 0, blocked: true, policyChanged: false });
  });
});

describe('the engine writes what the plan promised', () => {
  it.each(['skip', 'include'] as const)('policy %s: records in the file = planned records', async (policy) => {
    const engine = await mapped();
    const summary = engine.mappedSummary();
    const plan = planExport({ source: 'mapped', policy, rows: summary.rowCount, rowsWithErrors: summary.rowsWithErrors, deleted: summary.deletedRows });
    const result = await engine.exportAll(NDJSON, {}, policy);
    expect(lines(await text(result.blob))).toHaveLength(plan.records);
    expect(result.records).toBe(plan.records);
    expect(result.skipped).toBe(plan.leftOutErrors);
    expect(plan.records).toBe(policy === 'skip' ? 2 : 4);
  });

  it('reports the rows with errors when the policy blocks', async () => {
    const err = await blocked((await mapped()).exportAll(NDJSON, {}, 'block'));
    expect([err.code, err.details]).toEqual(['export-blocked', { rows: 2 }]);
  });
});

describe('a first import committed without a baseline (initial snapshot)', () => {
  it('snapshots the data under the policy, with a fingerprint per record, and Export writes exactly that', async () => {
    const engine = await mapped();
    const commit = await engine.commitInitial('skip');
    expect(commit.rowCount).toBe(2);
    expect(commit.counts.added).toBe(2);
    expect(commit.fingerprints.byteLength / commit.rowCount).toBeGreaterThan(0);
    expect(commit.fingerprints.byteLength % commit.rowCount).toBe(0);
    const written = await text(commit.snapshot);
    expect(snapshotRecords(written).map((r) => r['external_id'])).toEqual(['001', '004']);
    expect(engine.adoptCommit()).toEqual({ rowCount: 2, columns: ['external_id', 'email', 'phone'], policy: 'skip', leftOut: 2 });
    const exported = await engine.exportAll(NDJSON, {}, 'skip');
    expect(await text(exported.blob)).toBe(snapshotAsNdjson(written));
    expect([exported.records, exported.skipped]).toEqual([2, 2]);
  });

  it('keeps the snapshot as committed; after a later edit, Export writes the data as it is now', async () => {
    const engine = await mapped();
    const commit = await engine.commitInitial('include');
    engine.adoptCommit();
    await engine.edit({ kind: 'set', row: 0, field: 'email', value: 'changed@example.com' });
    // The snapshot is a copy: the edit does not reach it.
    expect(await text(commit.snapshot)).toContain('ada@example.com');
    // Export is never older than what the user sees, and the commit is marked as overtaken.
    expect(engine.stages().commit).toMatchObject({ review: 0, adopted: true, stale: 'edited' });
    const exported = await text((await engine.exportAll(NDJSON, {}, 'include')).blob);
    expect(exported).toContain('changed@example.com');
    expect(exported).not.toContain('ada@example.com');
  });

  it('commits the same data once: a second initial commit returns the same snapshot', async () => {
    const engine = await mapped();
    const first = await engine.commitInitial('skip');
    const again = await engine.commitInitial('skip');
    expect(again.digest).toBe(first.digest);
    expect((await engine.commitInitial('include')).digest).not.toBe(first.digest);
  });

  it('still blocks a committed export while errors remain, when the policy is block', async () => {
    const engine = await mapped();
    await engine.commitInitial('block');
    engine.adoptCommit();
    const err = await blocked(engine.exportAll(NDJSON, {}, 'block'));
    expect(err.code).toBe('export-blocked');
  });

  it('can be the baseline of the next import, reusing its fingerprints', async () => {
    const engine = await mapped();
    const commit = await engine.commitInitial('include');
    engine.adoptCommit();
    const baseline = await engine.loadBaseline(new Uint8Array(await commit.snapshot.arrayBuffer()), 'snapshot.ndjson', {
      fingerprints: commit.fingerprints,
      columns: commit.fingerprintColumns,
    });
    expect(baseline.fromSnapshot).toBe(true);
    const review = await engine.runDiff({
      key: { columns: ['external_id'], trim: true, caseInsensitive: false },
      compareColumns: ['external_id', 'email', 'phone'],
      mode: 'add-update',
      rules: { default: 'if-not-empty', fields: [] },
      quietClass: true,
    });
    expect(review.counts.unchanged).toBe(4);
    expect(review.counts.added + review.counts.modified + review.counts.removed).toBe(0);
  });
});

describe('a reviewed commit under the skip policy', () => {
  it('leaves rows with errors out of the comparison, so the merged data and the export agree', async () => {
    const engine = await mapped();
    await engine.loadBaseline(utf8('external_id,email,phone\n001,ada@example.com,+14155552671\n'), 'base.csv', null);
    const review = await engine.runDiff(
      {
        key: { columns: ['external_id'], trim: true, caseInsensitive: false },
        compareColumns: ['external_id', 'email', 'phone'],
        mode: 'add-update',
        rules: { default: 'if-not-empty', fields: [] },
        quietClass: true,
      },
      {},
      'skip',
    );
    // 002 and 003 have errors: left out; 004 is new.
    expect([review.counts.unchanged, review.counts.added]).toEqual([1, 1]);
    const commit = await engine.commit();
    expect(commit.rowCount).toBe(2);
    expect(engine.adoptCommit()).toMatchObject({ policy: 'skip', leftOut: 2 });
    const exported = await engine.exportAll(NDJSON, {}, 'skip');
    expect([exported.records, exported.skipped]).toEqual([2, 2]);
  });
});

describe('a baseline record whose new row has errors, under the skip policy', () => {
  // 002 and 003 have errors in the new data; 005 is only in the baseline.
  const BASE = [
    'external_id,email,phone',
    '001,ada@example.com,+14155552671',
    '002,old@example.com,+14155552672',
    '003,eve@example.com,+14155552679',
    '005,gone@example.com,+14155552675',
  ].join('\n');

  it('is held, not removed, even when the mode deletes what is missing; the commit and the export keep it', async () => {
    const engine = await mapped();
    await engine.loadBaseline(utf8(BASE), 'base.csv', null);
    const review = await engine.runDiff(MIRROR_BY_ID, {}, 'skip');
    expect(review.counts).toMatchObject({ unchanged: 1, added: 1, removed: 1, held: 2, absent: 0 });
    // The change set deletes only 005: 002 and 003 are in the new data.
    const changes = await engine.exportChanges('json', {});
    const ops = JSON.parse(await text(changes.blob)) as { op: string; key: string }[];
    expect(ops.filter((o) => o.op === 'delete').map((o) => o.key)).toEqual(['005']);
    const commit = await engine.commit();
    // 001, 002 and 003 (the baseline's) and the new 004; 005 deleted.
    expect(commit.rowCount).toBe(4);
    engine.adoptCommit();
    const exported = await engine.exportAll(NDJSON, {}, 'skip');
    const ids = lines(await text(exported.blob)).map((l) => (JSON.parse(l) as { external_id: string }).external_id);
    expect(ids.sort()).toEqual(['001', '002', '003', '004']);
    expect(await text(exported.blob)).toContain('old@example.com');
  });

  it('is compared as any record once the rows with errors are included', async () => {
    const engine = await mapped();
    await engine.loadBaseline(utf8(BASE), 'base.csv', null);
    const review = await engine.runDiff(MIRROR_BY_ID, {}, 'include');
    expect(review.counts).toMatchObject({ held: 0, removed: 1, modified: 2, added: 1 });
  });
});

describe('a mapping of no field', () => {
  it('is refused at export with what to do, and the plan says nothing will be written', async () => {
    const engine = new DatasetEngine();
    await engine.open(utf8(CSV), 'contacts.csv');
    await engine.applyMapping({ ...PLAN, columns: [] });
    const err = await engine.exportAll({ format: 'csv' } as never, {}, 'skip').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe('no-fields');
    const plan = planExport({ source: 'mapped', policy: 'skip', rows: 4, rowsWithErrors: 0, deleted: 0, fields: 0 });
    expect([plan.records, plan.noFields]).toEqual([0, true]);
    expect(planExport({ source: 'mapped', policy: 'skip', rows: 4, rowsWithErrors: 0, deleted: 0, fields: 3 }).records).toBe(4);
  });
});

describe('a field compared, then set to "Don\'t import" and compared again', () => {
  const csv = ['ID,Email,Notes', '001,ada@example.com,call back', '004,bob@example.com,new'].join('\n');
  const withNotes: MappingPlan = { ...PLAN, columns: [map(0, 'external_id'), map(1, 'email'), map(2, 'notes')] };
  const withoutNotes: MappingPlan = { ...PLAN, columns: [map(0, 'external_id'), map(1, 'email')] };
  // What the page asks with: the fields it compared before.
  const options = {
    key: { columns: ['external_id'], trim: true, caseInsensitive: false },
    compareColumns: ['external_id', 'email', 'notes'],
    mode: 'add-update',
    rules: { default: 'always', fields: [] },
    quietClass: true,
  } as const;
  const opened = async (): Promise<DatasetEngine> => {
    const engine = new DatasetEngine();
    await engine.open(utf8(csv), 'contacts.csv');
    await engine.applyMapping(withNotes);
    return engine;
  };

  it('is no longer compared, nor a column of the merged data or the change files (a file baseline)', async () => {
    const engine = await opened();
    await engine.loadBaseline(utf8('ID,Email,Notes\n001,ada@example.com,call back\n002,eve@example.com,keep me\n'), 'base.csv', null);
    expect((await engine.runDiff(options, {}, 'skip')).options.compareColumns).toEqual(['external_id', 'email', 'notes']);
    await engine.applyMapping(withoutNotes);
    const again = await engine.runDiff(options, {}, 'skip');
    expect(again.options.compareColumns).toEqual(['external_id', 'email']);
    expect(await text((await engine.exportChanges('json', {})).blob)).not.toContain('notes');
    const commit = await engine.commit();
    expect(commit.columns).toEqual(['external_id', 'email']);
  });

  it('is no longer compared against a snapshot, which still has it (the new data does not)', async () => {
    const initial = await (await opened()).commitInitial('include');
    const engine = await opened();
    await engine.loadBaseline(new Uint8Array(await initial.snapshot.arrayBuffer()), 'last.snapshot.ndjson', { fingerprints: null, columns: initial.columns });
    await engine.runDiff(options, {}, 'skip');
    await engine.applyMapping(withoutNotes);
    const again = await engine.runDiff(options, {}, 'skip');
    expect(again.options.compareColumns).toEqual(['external_id', 'email']);
    expect(again.wouldClear).toBe(0);
    expect(await text((await engine.exportChanges('json', {})).blob)).not.toContain('notes');
  });
});

const ids = async (blob: Blob) => lines(await text(blob)).map((l) => (JSON.parse(l) as { external_id: string }).external_id);

describe('what Export writes of an adopted commit once the data or the decisions moved on', () => {
  // 001 unchanged, 004 new; 005 only in the baseline (deleted under "mirror").
  const BASE = ['external_id,email,phone', '001,ada@example.com,+14155552671', '005,gone@example.com,+14155552675'].join('\n');

  async function committed(): Promise<DatasetEngine> {
    const engine = await mapped();
    await engine.loadBaseline(utf8(BASE), 'base.csv', null);
    await engine.runDiff(MIRROR_BY_ID, {}, 'skip');
    await engine.commit();
    engine.adoptCommit();
    return engine;
  }

  it('says the commit itself while nothing changed, and counts its records', async () => {
    const engine = await committed();
    expect(await engine.committedNow()).toEqual({ records: 2, since: null });
    const exported = await engine.exportAll(NDJSON, {}, 'skip');
    expect(await ids(exported.blob)).toEqual(['001', '004']);
  });

  it('after a decision changed in Review (the Export headline said the commit\'s count): the merge again, with its count', async () => {
    const engine = await committed();
    // 005's deletion rejected after the commit: the merge keeps it.
    engine.decide({ kind: 'change', keys: ['005'], accept: false });
    const now = await engine.committedNow();
    const exported = await engine.exportAll(NDJSON, {}, 'skip');
    expect(await ids(exported.blob)).toEqual(['001', '005', '004']);
    expect(now).toEqual({ records: exported.records, since: 'decided' });
    expect(exported.records).toBe(3);
  });

  it('after a row deleted in Validate: the merge again, with its count', async () => {
    const engine = await committed();
    // Row 3 is 004, the record the commit inserted.
    await engine.edit({ kind: 'delete-rows', rows: [3] });
    const now = await engine.committedNow();
    const exported = await engine.exportAll(NDJSON, {}, 'skip');
    expect(await ids(exported.blob)).toEqual(['001']);
    expect(now).toEqual({ records: 1, since: 'edited' });
  });

  it('after a row deleted since a first import\'s snapshot: the data as it is, with its count', async () => {
    const engine = await mapped();
    await engine.commitInitial('include');
    engine.adoptCommit();
    expect(await engine.committedNow()).toEqual({ records: 4, since: null });
    await engine.edit({ kind: 'delete-rows', rows: [0] });
    const exported = await engine.exportAll(NDJSON, {}, 'include');
    expect(exported.records).toBe(3);
    expect(await engine.committedNow()).toEqual({ records: 3, since: 'edited' });
  });

  it('says nothing without an adopted commit', async () => {
    expect(await (await mapped()).committedNow()).toBeNull();
  });
});
