import { describe, expect, it } from 'vitest';
import { CANONICAL_VERSION } from '../../../src/core/diff/canonical-form';
import { MAX_SNAPSHOT_BYTES } from '../../../src/core/engine/limits';
import { SNAPSHOT_FORMAT } from '../../../src/core/engine/snapshot-file';
import { PorterError } from '../../../src/core/model/porter-error';
import { snapshotFromFiles } from '../../../src/state/persist/snapshot-import';
import { translate } from '../../../src/i18n/translate';
import { describeError } from '../../../src/ui/describe-error';

const meta = {
  format: SNAPSHOT_FORMAT,
  version: 1,
  id: 'a1',
  createdAt: '2026-01-02T02:00:00.000Z',
  baselineName: 'last.csv',
  currentName: 'today.csv',
  rowCount: 2,
  columns: ['id', 'name'],
  counts: { added: 1, removed: 0, absent: 0, modified: 1, cosmetic: 0, unchanged: 0 },
  digest: 'ab',
  canonicalVersion: CANONICAL_VERSION,
  fingerprintColumns: ['name'],
  data: 'n.ndjson',
  fingerprints: 'n.fingerprints',
};
const data = '{"id":"1","name":"Ada"}\n{"id":"2","name":"Bob"}\n';
const files = (m: object, fp = 64) => [
  new File([JSON.stringify(m)], 'n.snapshot.json'),
  new File([data], 'n.ndjson'),
  new File([new Uint8Array(fp)], 'n.fingerprints'),
];

async function refusal(picked: File[]): Promise<string> {
  const err = await snapshotFromFiles(picked).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PorterError);
  const p = err as PorterError;
  expect(p.code).toBe('snapshot-import');
  return describeError((k, v) => translate('en', k, v), 'en', { code: p.code, details: p.details });
}

describe('importing a crm-porter snapshot into History', () => {
  it('keeps every part as the page stores a snapshot', async () => {
    const snap = await snapshotFromFiles(files(meta));
    expect(snap).toMatchObject({
      id: 'a1',
      rowCount: 2,
      currentName: 'today.csv',
      columns: ['id', 'name'],
    });
    expect(await snap.data.text()).toBe(data);
    expect(snap.fingerprints.byteLength).toBe(64);
  });

  it('keeps the baseline snapshot\'s time as data when the description has it, and reads one without it', async () => {
    const at = '2026-11-30T03:26:10.000Z';
    expect(await snapshotFromFiles(files({ ...meta, baselineCreatedAt: at }))).toMatchObject({ baselineName: 'last.csv', baselineCreatedAt: at });
    expect(await snapshotFromFiles(files(meta))).not.toHaveProperty('baselineCreatedAt');
    // Not a time: the description is not one this version wrote.
    expect(await refusal(files({ ...meta, baselineCreatedAt: 1764473170000 }))).toBe(translate('en', 'error.snapshot-import.format', { file: 'n.snapshot.json' }));
  });

  it('refuses, saying which part and why, what is not one snapshot', async () => {
    const [desc, nd] = files(meta);
    expect(await refusal([nd!])).toBe(
      translate('en', 'error.snapshot-import.missing', { file: '*.snapshot.json' }),
    );
    expect(await refusal([desc!, nd!])).toBe(
      translate('en', 'error.snapshot-import.missing', { file: 'n.fingerprints' }),
    );
    expect(await refusal(files(meta, 96))).toBe(
      translate('en', 'error.snapshot-import.fingerprints', {
        file: 'n.fingerprints',
        found: 3,
        expected: 2,
      }),
    );
    expect(await refusal(files({ ...meta, canonicalVersion: CANONICAL_VERSION + 1 }))).toBe(
      translate('en', 'error.snapshot-import.canonical', {
        file: 'n.snapshot.json',
        found: CANONICAL_VERSION + 1,
        expected: CANONICAL_VERSION,
      }),
    );
    expect(await refusal(files({ ...meta, format: 'other' }))).toBe(
      translate('en', 'error.snapshot-import.format', { file: 'n.snapshot.json' }),
    );
    expect(await refusal([new File(['{'], 'x.snapshot.json')])).toBe(
      translate('en', 'error.snapshot-import.format', { file: 'x.snapshot.json' }),
    );
    // A description cannot point elsewhere: only the file name counts.
    expect(await refusal(files({ ...meta, data: '../../etc/n2.ndjson' }))).toBe(
      translate('en', 'error.snapshot-import.missing', { file: 'n2.ndjson' }),
    );
  });

  it('checks the fingerprints\' count from their file\'s size before reading them, and a description\'s size before parsing it', async () => {
    let reads = 0;
    const counted = (parts: BlobPart[], name: string) =>
      new (class extends File {
        override async arrayBuffer(): Promise<ArrayBuffer> {
          reads++;
          return super.arrayBuffer();
        }
      })(parts, name);
    const picked = [new File([JSON.stringify(meta)], 'n.snapshot.json'), new File([data], 'n.ndjson'), counted([new Uint8Array(96)], 'n.fingerprints')];
    expect(await refusal(picked)).toBe(translate('en', 'error.snapshot-import.fingerprints', { file: 'n.fingerprints', found: 3, expected: 2 }));
    expect(reads).toBe(0);
    const huge = new (class extends File {
      override get size(): number {
        return 50 * 1024 * 1024;
      }
    })(['{}'], 'n.snapshot.json');
    const err = await snapshotFromFiles([huge, ...files(meta).slice(1)]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'file-too-large', details: { why: 'settings', file: 'n.snapshot.json' } });
  });

  it('refuses records larger than a snapshot can be read back, from their size, before storing them', async () => {
    const huge = new (class extends File {
      override get size(): number {
        return MAX_SNAPSHOT_BYTES + 1;
      }
    })([data], 'n.ndjson');
    const picked = files(meta);
    const err = await snapshotFromFiles([picked[0] as File, huge, picked[2] as File]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'file-too-large', details: { size: MAX_SNAPSHOT_BYTES + 1, limit: MAX_SNAPSHOT_BYTES, why: 'snapshot' } });
    const p = err as PorterError;
    expect(describeError((k, v) => translate('en', k, v), 'en', { code: p.code, details: p.details })).toMatch(/^This snapshot’s data is 2\.4 GB, more than CRM Porter can read back in one browser tab \(2\.4 GB\)/);
  });
});
