import {
  baseName,
  fingerprintsProblem,
  snapshotFileProblem,
  type SnapshotFile,
} from '../../core/engine/snapshot-file';
import { MAX_SNAPSHOT_BYTES, readSettingsFile } from '../../core/engine/limits';
import { PorterError } from '../../core/model/porter-error';
import type { Snapshot } from './snapshots';

const DESCRIPTION = '.snapshot.json';

const fail = (details: Record<string, string | number>) =>
  new PorterError('snapshot-import', details);

/**
 * A snapshot written by `crm-porter run`, from the three files the user picked (the description
 * `NAME.snapshot.json` and the two files it names), as the page stores one: the same parts, so
 * it lists in History and can be the next baseline. Only the description is parsed here; the
 * data is read by the engine when the snapshot is used.
 *
 * @throws PorterError('snapshot-import', { changed, … }): no description, a part missing, not a
 *   snapshot, another canonical form, or a fingerprint count that does not match the records.
 */
export async function snapshotFromFiles(files: readonly File[]): Promise<Snapshot & { readonly fingerprints: ArrayBuffer }> {
  const description = files.find((f) => f.name.endsWith(DESCRIPTION));
  if (description === undefined) throw fail({ changed: 'missing', file: `*${DESCRIPTION}` });
  // Refused from its size before it is read: a description is a few KB.
  const text = await readSettingsFile(description);
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw fail({ changed: 'format', file: description.name });
  }
  const problem = snapshotFileProblem(meta);
  if (problem !== null) throw fail({ ...problem, file: description.name });
  const m = meta as SnapshotFile;
  const part = (name: string): File => {
    const file = files.find((f) => f.name === baseName(name));
    if (file === undefined) throw fail({ changed: 'missing', file: baseName(name) });
    return file;
  };
  const data = part(m.data);
  // Refused now, from its size, rather than stored and refused when it is first used.
  if (data.size > MAX_SNAPSHOT_BYTES) throw new PorterError('file-too-large', { size: data.size, limit: MAX_SNAPSHOT_BYTES, why: 'snapshot' });
  // The fingerprints' count is checked from the file's size before it is read (a 5M-row
  // snapshot's are 160 MB; another file of the same name may be far larger).
  const fingerprintsFile = part(m.fingerprints);
  const counted = fingerprintsProblem(m, fingerprintsFile.size);
  if (counted !== null) throw fail({ ...counted, file: baseName(m.fingerprints) });
  const fingerprints = await fingerprintsFile.arrayBuffer();
  return {
    id: m.id,
    createdAt: m.createdAt,
    baselineName: m.baselineName,
    ...(m.baselineCreatedAt === undefined ? {} : { baselineCreatedAt: m.baselineCreatedAt }),
    currentName: m.currentName,
    rowCount: m.rowCount,
    columns: [...m.columns],
    counts: m.counts,
    digest: m.digest,
    canonicalVersion: m.canonicalVersion,
    fingerprintColumns: [...m.fingerprintColumns],
    data: new Blob([data], { type: 'application/x-ndjson' }),
    fingerprints,
  };
}
