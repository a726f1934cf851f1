import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { snapshotAsNdjson } from '../../../support/snapshot-rows';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

// Was a bug: a snapshot of one record is one line holding one object, which format detection
// took for a JSON file with no list of records, so the snapshot could not be the baseline
// (found by the seeded DuckDB-vs-JS snapshot property, test/cli/duckdb-snapshot.test.ts).
describe('a snapshot as the baseline is read as NDJSON whatever its name', () => {
  // The rows layout (a header line, then a line a record; what a commit writes) and the
  // object layout written before 29 Nov 2026, made here from the same records.
  it.each([
    [1, 'rows'],
    [2, 'rows'],
    [1, 'objects'],
    [2, 'objects'],
  ] as const)('a snapshot of %i record(s) in the %s layout compares with the next file', async (records, layout) => {
    const engine = new DatasetEngine();
    const first = ['id,name', ...['1,Ada', '2,Bob'].slice(0, records)].join('\r\n') + '\r\n';
    await engine.open(utf8(first), 'first.csv');
    const initial = await engine.commitInitial('include');
    const written = new TextDecoder().decode(await initial.snapshot.arrayBuffer());
    expect(written.split('\n').filter(Boolean)).toHaveLength(1 + records);
    const snapshot = utf8(layout === 'rows' ? written : snapshotAsNdjson(written));

    await engine.open(utf8('id,name\r\n1,Ada\r\n3,Cy\r\n'), 'second.csv');
    const baseline = await engine.loadBaseline(snapshot, 'first.csv · 2026-01-01T00:00:00.000Z', {
      fingerprints: initial.fingerprints,
      columns: initial.fingerprintColumns,
    });
    expect(baseline.rowCount).toBe(records);
    const review = await engine.runDiff({
      key: { columns: ['id'], trim: true, caseInsensitive: false },
      compareColumns: ['id', 'name'],
      mode: 'mirror',
      rules: { default: 'always', fields: [] },
      quietClass: false,
    });
    expect(review.counts).toMatchObject({ added: 1, unchanged: 1, removed: records - 1 });
  });
});
