import { describe, expect, it } from 'vitest';
import { assembleSnapshot, isWholeLayout, storedRecord, storedSize, type Snapshot } from '../../../src/core/engine/snapshot-layout';

const description = {
  id: 'snap-1',
  createdAt: '2026-11-26T12:00:00.000Z',
  baselineName: 'base.csv',
  currentName: 'new.csv',
  rowCount: 3,
  columns: ['id', 'name'],
  counts: { added: 1, removed: 0, modified: 1, unchanged: 1, cosmetic: 0, absent: 0, ignored: 0, held: 0 },
  digest: 'ab'.repeat(32),
  canonicalVersion: 1,
  fingerprintColumns: ['id', 'name'],
  fingerprints: new Uint8Array(96).fill(7).buffer,
};
const lines = ['{"id":"1","name":"Ada"}\n', '{"id":"2","name":"张伟"}\n', '{"id":"3"}\n'];
const text = async (blob: Blob) => new TextDecoder().decode(await blob.arrayBuffer());

describe('snapshot storage layout', () => {
  it('round trip: a record stored with its parts reads back as the same snapshot and bytes', async () => {
    const parts = [new Blob([lines[0] as string, lines[1] as string]), new Blob([lines[2] as string])];
    const record = storedRecord(description, parts);
    expect(isWholeLayout(record)).toBe(false);
    // The record holds neither the data nor the fingerprints: listing History reads neither.
    expect('data' in record).toBe(false);
    expect('fingerprints' in record).toBe(false);
    expect(storedSize(record, true)).toBe(new Blob(lines).size + 96);
    const snap = assembleSnapshot(record, parts, description.fingerprints);
    expect(snap).not.toBeNull();
    const { data, ...meta } = snap as Snapshot;
    expect(meta).toEqual(description);
    expect(await text(data)).toBe(lines.join(''));
  });

  it('reads a snapshot saved before parts existed (one Blob in `data`) as it was', async () => {
    const old: Snapshot = { ...description, data: new Blob(lines, { type: 'application/x-ndjson' }) };
    expect(isWholeLayout(old)).toBe(true);
    expect(storedSize(old, false)).toBe(old.data.size + 96);
    const snap = assembleSnapshot(old, [], undefined);
    expect(snap).toBe(old);
    expect(await text((snap as Snapshot).data)).toBe(lines.join(''));
  });

  it('refuses a record whose parts are missing or not the stored size, rather than read it short; fingerprints missing or of another size are left out', () => {
    const parts = [new Blob([lines[0] as string]), new Blob([lines[1] as string])];
    const record = storedRecord(description, parts);
    const fp = description.fingerprints;
    expect(assembleSnapshot(record, parts, fp)?.fingerprints).toBe(fp);
    expect(assembleSnapshot(record, [parts[0] as Blob], fp)).toBeNull();
    expect(assembleSnapshot(record, [parts[0] as Blob, undefined], fp)).toBeNull();
    expect(assembleSnapshot(record, [parts[0] as Blob, new Blob(['{}\n'])], fp)).toBeNull();
    // The fingerprints are a shortcut: the snapshot is whole without them (a comparison hashes it).
    const without = assembleSnapshot(record, parts, undefined);
    expect(without).not.toBeNull();
    expect(without?.fingerprints).toBeUndefined();
    expect(assembleSnapshot(record, parts, new ArrayBuffer(64))?.fingerprints).toBeUndefined();
  });

  it('a commit stored before its fingerprints: the record counts none until they are added, and reads without, then with them', async () => {
    const parts = [new Blob(lines)];
    const record = storedRecord({ ...description, fingerprints: null }, parts);
    // History's size is what is stored: the data alone, until the worker adds the fingerprints
    // and their size to the record (workers/snapshot-store.ts, putSnapshotFingerprints).
    expect(storedSize(record, false)).toBe(new Blob(lines).size);
    expect(storedSize({ ...record, fingerprintBytes: 96 }, true)).toBe(new Blob(lines).size + 96);
    // A record of the version before, counting them from the start: listed by what is there.
    expect(storedSize({ ...record, fingerprintBytes: 96 }, false)).toBe(new Blob(lines).size);
    // Added by a page of that version to a record counting none: 32 bytes a record.
    expect(storedSize(record, true)).toBe(new Blob(lines).size + 96);
    expect(assembleSnapshot(record, parts, undefined)?.fingerprints).toBeUndefined();
    expect(assembleSnapshot(record, parts, description.fingerprints)?.fingerprints).toBe(description.fingerprints);
    expect(assembleSnapshot(record, parts, new ArrayBuffer(64))?.fingerprints).toBeUndefined();
    expect(await text((assembleSnapshot(record, parts, undefined) as Snapshot).data)).toBe(lines.join(''));
    // A record written by an earlier version counted them from the start (32 bytes a record).
    const earlier = { ...record, fingerprintBytes: 96 };
    expect(assembleSnapshot(earlier, parts, description.fingerprints)?.fingerprints).toBe(description.fingerprints);
  });
});
