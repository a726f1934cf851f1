import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = async (blob: Blob): Promise<Uint8Array> => new Uint8Array(await blob.arrayBuffer());
const CSV = { format: 'csv', options: { delimiter: ',', quoting: 'minimal', newline: '\r\n', bom: false, formulaGuard: true } } as const;

const FIRST = 'id,name,note\r\n1,Ada,\r\n2,Bob,x\r\n3,Cy,y\r\n';
// A column the first file lacks, one it has dropped, a record gone, one new, one edited.
const SECOND = 'id,name,city\r\n1,Ada L,Oslo\r\n2,Bob,\r\n4,Di,Rome\r\n';

describe('revert to a snapshot (engine)', () => {
  it('commits the snapshot again (same bytes, same digest), and Export writes its records whatever the data holds', async () => {
    const engine = new DatasetEngine();
    await engine.open(utf8(FIRST), 'first.csv');
    const initial = await engine.commitInitial('include');
    engine.adoptCommit();
    const firstExport = await bytes((await engine.exportAll(CSV)).blob);
    expect(new TextDecoder().decode(firstExport)).toBe(FIRST);

    // The next import: compared with the initial snapshot, everything accepted, committed.
    await engine.open(utf8(SECOND), 'second.csv');
    const snapshot = await bytes(initial.snapshot);
    await engine.loadBaseline(snapshot, 'snap', { fingerprints: initial.fingerprints, columns: initial.fingerprintColumns });
    await engine.runDiff({
      key: { columns: ['id'], trim: true, caseInsensitive: false },
      compareColumns: ['id', 'name', 'note', 'city'],
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    });
    const second = await engine.commit();
    engine.adoptCommit();
    expect(second.digest).not.toBe(initial.digest);

    // Revert to the initial snapshot: a new commit holding its records.
    const reverted = await engine.commitRevert(snapshot, initial.columns);
    expect(reverted.digest).toBe(initial.digest);
    expect(await bytes(reverted.snapshot)).toEqual(snapshot);
    expect(reverted.fingerprints).toEqual(initial.fingerprints);
    expect(reverted.counts).toMatchObject({ added: 0, removed: 0, modified: 0 });
    // Adopted as a revert: no policy for rows with errors made these records.
    expect(engine.adoptCommit()).toMatchObject({ revert: true, leftOut: 0 });
    expect(await bytes((await engine.exportAll(CSV)).blob)).toEqual(firstExport);
    // The current file is still the second one: a revert does not touch it.
    expect(engine.stages().commit).toMatchObject({ adopted: true, stale: null });
  });
});
