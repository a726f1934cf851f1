import { describe, expect, it } from 'vitest';
import { DatasetEngine } from '../../../../src/core/engine/dataset-engine';
import { exportChunks } from '../../../../src/core/engine/export-table';
import { tableFromRows } from '../../../../src/core/model/table';
import { sha256, toHex } from '../../../../src/core/diff/digest';
import { contactPlan, contactRows, REVIEW_OPTIONS } from '../../../support/engine-fixture';

// Memory that ends (docs/architecture.md): what a step no longer needs is let go. The engine
// counts what it holds by part (memoryUse), so each release is a number that drops.

const PLAN = contactPlan();

describe('the engine lets go of what a step no longer needs', () => {
  it('a file that came as bytes is held; one that came as a Blob is kept only as the Blob', async () => {
    const text = contactRows(500);
    const bytes = new TextEncoder().encode(text);
    const fromBytes = new DatasetEngine();
    await fromBytes.open(bytes, 'a.csv');
    expect(fromBytes.memoryUse().file).toBe(bytes.byteLength);
    expect(fromBytes.memoryUse().blobs).toBe(0);
    const fromBlob = new DatasetEngine();
    await fromBlob.open(new Blob([text]), 'a.csv');
    const use = fromBlob.memoryUse();
    expect(use.file).toBe(0);
    expect(use.blobs).toBe(bytes.byteLength);
    // The table holds the text of every cell once (no per-cell strings counted, no second copy);
    // the CSV reader's blocks also keep the delimiters and a start and an end per cell.
    expect(use.table).toBeGreaterThan(text.length - 501);
    expect(use.table).toBeLessThan(text.length * 4);
  });

  it('a mapped baseline keeps its Blob, not its table as read; a new read drops baseline and commit', async () => {
    const engine = new DatasetEngine();
    await engine.open(new Blob([contactRows(300)]), 'a.csv');
    await engine.applyMapping(PLAN);
    const baseline = new Blob([contactRows(200, 'old.example.com')]);
    const summary = await engine.loadBaseline(baseline, 'b.csv', null);
    expect(summary.mapping).toBe('same-mapping');
    const loaded = engine.memoryUse();
    expect(loaded.baseline).toBeGreaterThan(0);
    expect(loaded.baselineAsRead).toBe(0);
    expect(loaded.blobs).toBe(contactRows(300).length + baseline.size);
    await engine.runDiff(REVIEW_OPTIONS);
    const commit = await engine.commit();
    expect(engine.memoryUse().blobs).toBe(contactRows(300).length + baseline.size + commit.snapshot.size);
    // A new file: the old table, the baseline and the commit's snapshot are let go.
    await engine.open(new Blob(['ID,Email\n1,a@b.co\n']), 'small.csv');
    const after = engine.memoryUse();
    expect(after.baseline).toBe(0);
    expect(after.blobs).toBe('ID,Email\n1,a@b.co\n'.length);
    expect(after.table).toBeLessThan(loaded.table / 10);
  });

  it('a baseline compared as read is counted once', async () => {
    const engine = new DatasetEngine();
    await engine.open(new TextEncoder().encode(contactRows(50)), 'a.csv');
    await engine.loadBaseline(new TextEncoder().encode(contactRows(40)), 'b.csv', null);
    const use = engine.memoryUse();
    expect(use.baseline).toBeGreaterThan(0);
    expect(use.baselineAsRead).toBe(0);
  });

  it('a packed table counts its characters and typed arrays, exactly', () => {
    const table = tableFromRows(['a', 'b'], [['xy', null], ['', 'z']]);
    // 3 characters, the ends of 2 columns × 2 rows, a missing bitmap for b, the source rows.
    expect(table.heldBytes?.()).toBe(3 + 2 * 2 * 4 + 512 + 2 * 4);
  });
});

describe('an export is gathered into part Blobs', () => {
  it('writes exactly the chunks, with their digest, across part boundaries', async () => {
    const chunk = 'x'.repeat(1 << 20) + '\n';
    const chunks = Array.from({ length: 10 }, (_, i) => `${i}${chunk}`);
    const result = await exportChunks(chunks, 'text/csv');
    const expected = chunks.join('');
    expect(result.size).toBe(expected.length);
    expect(await result.blob.text()).toBe(expected);
    expect(result.sha256).toBe(toHex(new Uint8Array(await sha256(new TextEncoder().encode(expected)))));
  });
});
