import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import type { EditOp } from '../../../../src/core/engine/mapped-workspace';
import type { DiffOptions } from '../../../../src/core/diff/diff-types';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import { PorterError } from '../../../../src/core/model/porter-error';
import { snapshotAsNdjson, snapshotRecords } from '../../../support/snapshot-rows';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// Versioned stages through DatasetEngine in Node: source → mapped (with edits) → review →
// committed. A stale review never reaches a file or a snapshot (docs/architecture.md, "Stages
// and versions").

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = async (blob: Blob): Promise<string> =>
  new TextDecoder().decode(await blob.arrayBuffer());
const map = (column: number, field: string): ColumnMapping => ({
  column,
  field,
  transforms: [],
  origin: 'unmapped',
});

/** This month's file: Bob has a new email, Eve is new. */
const CURRENT = [
  'ID,Email,First',
  '001,ada@example.com,Ada',
  '002,bob@example.com,Bob',
  '003,eve@example.com,Eve',
].join('\n');
/** Last month's export, already in field keys (as CRM Porter writes it). */
const BASELINE = [
  'external_id,email,first_name',
  '001,ada@example.com,Ada',
  '002,bob@old.example.com,Bob',
].join('\n');
const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [map(0, 'external_id'), map(1, 'email'), map(2, 'first_name')],
};
const OPTIONS: Omit<DiffOptions, 'baseFingerprints'> = {
  key: { columns: ['external_id'], trim: true, caseInsensitive: false },
  compareColumns: ['external_id', 'email', 'first_name'],
  mode: 'add-update',
  rules: { default: 'if-not-empty', fields: [] },
  quietClass: true,
};
const BOB_EMAIL: EditOp = { kind: 'set', row: 1, field: 'email', value: 'bob@new.example.com' };
const DELETE_EVE: EditOp = { kind: 'delete-rows', rows: [2] };

/** An engine with the current file mapped, edits replayed, and the baseline loaded. */
async function reviewed(edits: readonly EditOp[] = []): Promise<DatasetEngine> {
  const engine = new DatasetEngine();
  await engine.open(utf8(CURRENT), 'contacts.csv');
  await engine.applyMapping(PLAN);
  for (const op of edits) await engine.edit(op);
  await engine.loadBaseline(utf8(BASELINE), 'last-month.csv', null);
  return engine;
}

async function rejection(promise: Promise<unknown>): Promise<PorterError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PorterError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

const ndjson = async (engine: DatasetEngine): Promise<string> =>
  text((await engine.exportAll({ format: 'ndjson' })).blob);
const changes = async (engine: DatasetEngine): Promise<string> =>
  text((await engine.exportChanges('json')).blob);

describe('DatasetEngine review stages', () => {
  it('loadBaseline → runDiff → commit → adopt: the snapshot and Export hold the merged data', async () => {
    const engine = await reviewed();
    const review = await engine.runDiff(OPTIONS);
    expect(review.counts).toMatchObject({ added: 1, modified: 1, unchanged: 1, removed: 0 });
    expect(review.stale).toBeNull();
    const commit = await engine.commit();
    expect(commit.review).toBe(review.version);
    expect(commit.rowCount).toBe(3);
    expect(commit.fingerprints.byteLength).toBe(3 * 32);
    const snapshot = await text(commit.snapshot);
    expect(snapshot).toBe(
      [
        '["external_id","email","first_name"]',
        '["001","ada@example.com","Ada"]',
        '["002","bob@example.com","Bob"]',
        '["003","eve@example.com","Eve"]',
        '',
      ].join('\n'),
    );
    engine.adoptCommit();
    expect(engine.stages().commit).toEqual({ review: review.version, adopted: true, stale: null });
    expect(await ndjson(engine)).toBe(snapshotAsNdjson(snapshot));
  });

  it('an edit after the diff makes the review stale: commit and change export are refused until compared again', async () => {
    const engine = await reviewed();
    const first = await engine.runDiff(OPTIONS);
    const edited = await engine.edit(BOB_EMAIL);
    expect(engine.stages().review).toEqual({ version: first.version, stale: 'edited' });
    expect(engine.stages().data).toBe(edited.version);
    expect(engine.reviewSummary()?.stale).toBe('edited');
    for (const refused of [() => engine.commit(), () => engine.exportChanges('json')]) {
      const err = await rejection(refused());
      expect(err.code).toBe('review-stale');
      expect(err.details).toEqual({ changed: 'edited' });
    }
    const again = await engine.runDiff(OPTIONS);
    expect(again.stale).toBeNull();
    expect(again.version).toBeGreaterThan(first.version);
    const ops = await changes(engine);
    expect(ops).toContain('"fields":{"email":"bob@new.example.com"}');
    expect(ops).not.toContain('"bob@example.com"');
    expect(snapshotRecords(await text((await engine.commit()).snapshot))).toContainEqual(expect.objectContaining({ email: 'bob@new.example.com' }));
  });

  it('an edit stops the dataset digests still being computed; a stale review begins none, and keeps those done', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    // Asked for, then an edit before they are done: they would read the edited data.
    const pending = engine.reviewDigests();
    await engine.edit(BOB_EMAIL);
    const stopped = await pending.then(
      () => null,
      (err: unknown) => err,
    );
    expect(stopped).toMatchObject({ name: 'AbortError' });
    expect((await rejection(engine.reviewDigests())).code).toBe('review-stale');
    // Compared again: computed, and kept through a later edit (they describe that comparison).
    await engine.runDiff(OPTIONS);
    const done = await engine.reviewDigests();
    expect(done.next).toMatch(/^[0-9a-f]{64}$/);
    await engine.edit({ kind: 'set', row: 0, field: 'first_name', value: 'Ada L.' });
    expect(await engine.reviewDigests()).toEqual(done);
  });

  it('a row deleted after the diff: refused while stale, and no insert for it once compared again', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    expect(await changes(engine)).toContain('"op":"insert","key":"003"');
    await engine.edit(DELETE_EVE);
    expect((await rejection(engine.exportChanges('csv'))).code).toBe('review-stale');
    expect((await rejection(engine.commit())).code).toBe('review-stale');
    const again = await engine.runDiff(OPTIONS);
    expect(again.counts).toMatchObject({ added: 0, modified: 1, unchanged: 1 });
    expect(await changes(engine)).not.toContain('003');
    const commit = await engine.commit();
    expect(commit.rowCount).toBe(2);
    expect(await text(commit.snapshot)).not.toContain('eve@example.com');
  });

  it('an edit after an adopted commit appears in Export (the merge is made again from the current data)', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    const commit = await engine.commit();
    engine.adoptCommit();
    await engine.edit(BOB_EMAIL);
    expect(engine.stages().commit).toEqual({
      review: commit.review,
      adopted: true,
      stale: 'edited',
    });
    const out = await ndjson(engine);
    expect(out).toContain('"email":"bob@new.example.com"');
    expect(out).not.toContain('"email":"bob@example.com"');
    // Still three records: the merge, not just the current rows.
    expect(out.trim().split('\n')).toHaveLength(3);
    // The snapshot of the first commit is not silently replaced: committing again needs a new comparison.
    expect((await rejection(engine.commit())).code).toBe('review-stale');
  });

  it('an edit after an adopted commit, then undone: Export writes the committed data again', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    const snapshot = await text((await engine.commit()).snapshot);
    engine.adoptCommit();
    await engine.edit(BOB_EMAIL);
    engine.undo();
    expect(await ndjson(engine)).toBe(snapshotAsNdjson(snapshot));
  });

  it('a decision changed after an adopted commit is written by Export and enables a new commit', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    const first = await engine.commit();
    engine.adoptCommit();
    const decided = engine.decide({ kind: 'change', keys: ['003'], accept: false });
    expect(decided.version).not.toBe(first.review);
    expect(await ndjson(engine)).not.toContain('eve@example.com');
    const second = await engine.commit();
    expect(second.review).toBe(decided.version);
    expect(second.rowCount).toBe(2);
  });

  it('commit is idempotent: twice without a change gives the same result', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    const first = await engine.commit();
    const second = await engine.commit();
    expect(second.digest).toBe(first.digest);
    expect(second.review).toBe(first.review);
    expect(second.snapshot).toBe(first.snapshot);
    expect([...second.fingerprints]).toEqual([...first.fingerprints]);
    // Each result owns its fingerprints, so the worker can move them to the page.
    expect(second.fingerprints.buffer).not.toBe(first.fingerprints.buffer);
  });

  it('an edit that changes nothing leaves the review current', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    await engine.edit({ kind: 'set', row: 0, field: 'email', value: 'ada@example.com' });
    engine.undo();
    engine.undo();
    expect(engine.stages().review?.stale).toBeNull();
    expect((await engine.commit()).rowCount).toBe(3);
  });

  it('a mapping applied again after the diff makes it stale; comparing again maps the baseline again', async () => {
    const engine = await reviewed();
    const first = await engine.runDiff(OPTIONS);
    await engine.applyMapping(PLAN);
    expect(engine.stages().review?.stale).toBe('remapped');
    const err = await rejection(engine.commit());
    expect(err.details).toEqual({ changed: 'remapped' });
    const again = await engine.runDiff(OPTIONS);
    expect(again.stale).toBeNull();
    expect(again.counts).toEqual(first.counts);
  });

  it('a file read again drops the baseline and the review: nothing of them can be committed', async () => {
    const engine = await reviewed();
    await engine.runDiff(OPTIONS);
    await engine.configure({ encoding: 'utf-8' });
    expect(engine.stages().review).toBeNull();
    expect(engine.reviewSummary()).toBeNull();
    expect((await rejection(engine.commit())).code).toBe('no-baseline');
    expect((await rejection(engine.exportChanges('json'))).code).toBe('no-baseline');
  });

  it('versions come from one clock: every stage change takes a new, larger number', async () => {
    const engine = new DatasetEngine();
    const loaded = await engine.open(utf8(CURRENT), 'contacts.csv');
    const view = await engine.setView({ sort: { column: 0, direction: 'desc' }, filter: null });
    const mapped = await engine.applyMapping(PLAN);
    const edited = await engine.edit(BOB_EMAIL);
    await engine.loadBaseline(utf8(BASELINE), 'last-month.csv', null);
    const diffed = await engine.runDiff(OPTIONS);
    const seen = [loaded.version, view.version, mapped.version, edited.version, diffed.version];
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expect(engine.mappedWindow(0, 1, 'all').version).toBe(edited.version);
    expect(engine.reviewWindow(0, 1, ['modified'], '').version).toBe(diffed.version);
    expect(engine.stages()).toMatchObject({
      source: loaded.version,
      view: view.version,
      mapping: mapped.version,
      data: edited.version,
    });
  });

  describe('a reload in the middle (a new engine restores the file, the mapping and the edit log)', () => {
    it('after an edit made post-diff: the restored review is gone, and comparing again shows the edit', async () => {
      // Before the reload: diff, then Bob's email edited; the page saved the edit log.
      const before = await reviewed();
      await before.runDiff(OPTIONS);
      await before.edit(BOB_EMAIL);
      // After the reload: the same file, mapping and edits, and the baseline loaded again.
      const after = await reviewed([BOB_EMAIL]);
      expect(after.stages().review).toEqual({ version: null, stale: null });
      expect((await rejection(after.commit())).code).toBe('no-baseline');
      await after.runDiff(OPTIONS);
      expect(await changes(after)).toContain('"fields":{"email":"bob@new.example.com"}');
    });

    it('after a commit: the snapshot used as the baseline matches the restored data, record for record', async () => {
      const before = await reviewed([DELETE_EVE]);
      await before.runDiff(OPTIONS);
      const commit = await before.commit();
      before.adoptCommit();
      const after = new DatasetEngine();
      await after.open(utf8(CURRENT), 'contacts.csv');
      await after.applyMapping(PLAN);
      await after.edit(DELETE_EVE);
      const stored = { fingerprints: commit.fingerprints, columns: commit.fingerprintColumns };
      const baseline = await after.loadBaseline(commit.snapshot, 'snapshot', stored);
      expect(baseline.fromSnapshot).toBe(true);
      const review = await after.runDiff(OPTIONS);
      expect(review.counts).toMatchObject({ added: 0, removed: 0, modified: 0, unchanged: 2 });
    });
  });
});

describe('work overtaken by newer work', () => {
  it('a mapping still running when a new file is read is not installed over the new file', async () => {
    const engine = new DatasetEngine();
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},p${i}@example.com,Name${i}`);
    await engine.open(utf8(['ID,Email,First', ...rows].join('\n')), 'big.csv');
    const mapping = engine.applyMapping(PLAN).then(
      () => 'installed',
      (err: unknown) => (err instanceof DOMException ? err.name : 'other'),
    );
    await engine.open(utf8(CURRENT), 'contacts.csv');
    expect(await mapping).toBe('AbortError');
    // The new file has no mapping yet: nothing of the old one's survived.
    expect((await rejection(Promise.resolve().then(() => engine.mappedSummary()))).code).toBe('no-mapping');
  });

  it('of two mappings, the one begun last is the one kept', async () => {
    const engine = new DatasetEngine();
    await engine.open(utf8(CURRENT), 'contacts.csv');
    const first = engine.applyMapping(PLAN).then(() => 'installed', (err: unknown) => (err as Error).name);
    const second = await engine.applyMapping({ ...PLAN, columns: [map(0, 'external_id')] });
    expect(await first).toBe('AbortError');
    expect(engine.mappedSummary().version).toBe(second.version);
  });
});
