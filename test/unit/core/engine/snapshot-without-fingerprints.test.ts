import { afterEach, describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import type { SnapshotDescription } from '../../../../src/core/engine/snapshot-description';
import { setSnapshotStore } from '../../../../src/core/engine/snapshot-store';
import { PorterError } from '../../../../src/core/model/porter-error';
import { contactPlan, contactRows, REVIEW_OPTIONS } from '../../../support/engine-fixture';

// A commit's fingerprints are added after its snapshot is stored (docs/architecture.md,
// "Commit"), so a stored snapshot may have none: the page closed first, or the data changed
// before they were computed. Loaded as the next baseline, it is still read as a snapshot (its
// size limit, its empty case), and compares as the same snapshot with fingerprints does.

afterEach(() => setSnapshotStore(null));

/** A first import of `csv` committed through the page's path and stored; its fingerprints never added (an edit came first). */
async function storedWithout(csv: string): Promise<{ engine: DatasetEngine; data: Blob; columns: readonly string[]; fingerprintsAdded: boolean }> {
  let data = new Blob([]);
  let fingerprintsAdded = false;
  setSnapshotStore(
    async (_description, fingerprints, parts) => {
      data = new Blob([...parts]);
      if (fingerprints !== null) fingerprintsAdded = true;
    },
    async () => {
      fingerprintsAdded = true;
    },
  );
  const engine = new DatasetEngine();
  await engine.open(new Blob([csv]), 'a.csv');
  await engine.applyMapping(contactPlan([]));
  const s = await engine.commitFor({ kind: 'initial', policy: 'include' });
  const description: SnapshotDescription = {
    id: 'snap-1',
    createdAt: '2026-11-29T17:00:00.000Z',
    baselineName: '',
    currentName: 'a.csv',
    rowCount: s.rowCount,
    columns: s.columns,
    counts: s.counts,
    digest: s.digest,
    canonicalVersion: 1,
    fingerprintColumns: s.fingerprintColumns,
  };
  await engine.storeCommit(description);
  engine.adoptCommit();
  await engine.edit({ kind: 'set', row: 0, field: 'email', value: 'changed@example.com' });
  expect(await engine.commitFingerprints()).toBe(false);
  return { engine, data, columns: s.fingerprintColumns, fingerprintsAdded };
}

/** The page's name for a stored snapshot loaded as the baseline (review-slice.ts). */
const NAME = 'a.csv · 29/11/2026, 17:00:00';

describe('a stored snapshot without fingerprints as the baseline', () => {
  it('is read as a snapshot and compares as one with fingerprints does', async () => {
    const { engine, data, columns, fingerprintsAdded } = await storedWithout(contactRows(50));
    expect(fingerprintsAdded).toBe(false);
    const baseline = await engine.loadBaseline(data, NAME, { fingerprints: null, columns });
    expect(baseline.fromSnapshot).toBe(true);
    expect(baseline.rowCount).toBe(50);
    const without = await engine.runDiff(REVIEW_OPTIONS);
    // The same snapshot with its fingerprints, as the eager commit of the same data gives them.
    const eager = new DatasetEngine();
    await eager.open(new Blob([contactRows(50)]), 'a.csv');
    await eager.applyMapping(contactPlan([]));
    const first = await eager.commitInitial('include');
    await engine.loadBaseline(data, NAME, { fingerprints: first.fingerprints, columns });
    const withThem = await engine.runDiff(REVIEW_OPTIONS);
    expect(without.counts).toEqual(withThem.counts);
    expect(without.counts.modified).toBe(1);
  });

  it('of no records loads as an empty baseline, not as a JSON file with no records', async () => {
    const header = contactRows(0);
    const { engine, data, columns } = await storedWithout(`${header}${contactRows(1).slice(header.length)}`);
    // A snapshot of the header line only (its NDJSON for no record).
    const empty = new Blob([`${(await data.text()).split('\n')[0]}\n`]);
    const baseline = await engine.loadBaseline(empty, NAME, { fingerprints: null, columns });
    expect(baseline.rowCount).toBe(0);
  });

  it('past the one-string limit of a data file, is still read as a snapshot (a slice at a time)', async () => {
    const { engine, data, columns } = await storedWithout(contactRows(50));
    const text = await data.text();
    // The same bytes said to be 600 MB: over a data file's one-string limit, under a snapshot's.
    class Large extends Blob {
      override get size(): number {
        return 600 * 1024 * 1024;
      }
    }
    const refusal = async (stored: { fingerprints: null; columns: readonly string[] } | null) =>
      engine.loadBaseline(new Large([text]), NAME, stored).then(
        () => 'read',
        (err: unknown) => (err instanceof PorterError ? err.code : String(err)),
      );
    // Read as a data file (no snapshot said), it is refused for its size before a byte is read.
    expect(await refusal(null)).toBe('file-too-large');
    // As a snapshot, the size passes; its reader then finds the bytes are not the 600 MB said.
    expect(await refusal({ fingerprints: null, columns })).not.toBe('file-too-large');
  });
});
