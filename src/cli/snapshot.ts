import { openAsBlob } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DIGEST_BYTES } from '../core/diff/digest';
import { snapshotLayout, type LineLayout } from '../core/read/ndjson-read';
import {
  fingerprintsProblem,
  SNAPSHOT_FORMAT,
  snapshotFileProblem,
  type SnapshotFile,
} from '../core/engine/snapshot-file';
import { CliError } from './cli-error';
import { writeBlob, writeChunks, type Written } from './files';

/** True when a path names a snapshot description rather than a data file. */
export async function isSnapshot(path: string): Promise<boolean> {
  if (!path.endsWith('.json')) return false;
  const head = (await readFile(path)).subarray(0, 4096).toString('utf8');
  return head.includes(`"${SNAPSHOT_FORMAT}"`);
}

/**
 * A snapshot's description, checked, and where its two other files are (beside it: a snapshot
 * cannot point anywhere else on the disk), without reading the data: the fingerprints file's
 * size must hold one fingerprint per record.
 */
export async function snapshotFiles(path: string): Promise<{
  meta: SnapshotFile;
  data: string;
  fingerprints: string;
}> {
  const bad = (reason: string) => new CliError('cli.snapshot.invalid', { file: path, reason });
  let meta: SnapshotFile;
  try {
    meta = JSON.parse(await readFile(path, 'utf8')) as SnapshotFile;
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  const problem = snapshotFileProblem(meta);
  if (problem?.changed === 'format') throw bad(`format must be ${SNAPSHOT_FORMAT} version 1`);
  if (problem?.changed === 'canonical')
    throw bad(`canonical form ${problem.found}, expected ${problem.expected}`);
  const dir = dirname(path);
  const data = join(dir, basename(meta.data));
  const fingerprints = join(dir, basename(meta.fingerprints));
  await stat(data).catch(() => {
    throw bad(`${meta.data} is missing`);
  });
  const size = await stat(fingerprints).then(
    (s) => s.size,
    () => {
      throw bad(`${meta.fingerprints} is missing`);
    },
  );
  if (fingerprintsProblem(meta, size) !== null)
    throw bad(
      `${meta.fingerprints} holds ${size / DIGEST_BYTES} fingerprints for ${meta.rowCount} records`,
    );
  return { meta, data, fingerprints };
}

/** Reads a snapshot: its data's bytes and the stored fingerprints, checked against each other. */
export async function readSnapshot(path: string): Promise<{
  meta: SnapshotFile;
  data: Blob;
  fingerprints: Uint8Array;
}> {
  const files = await snapshotFiles(path);
  // The records as a Blob on the file, read a slice at a time as the page reads a stored
  // snapshot: never one buffer or one string, so a snapshot past V8's string cap reads back.
  const data = await openAsBlob(files.data);
  const fp = await readFile(files.fingerprints);
  return {
    meta: files.meta,
    data,
    fingerprints: new Uint8Array(fp.buffer, fp.byteOffset, fp.byteLength),
  };
}

/** Writes a committed snapshot as its three files, each atomically, the description last. */
export async function writeSnapshot(
  dir: string,
  name: string,
  parts: Omit<SnapshotFile, 'format' | 'version' | 'data' | 'fingerprints'> & {
    blob: Blob;
    fingerprintBytes: Uint8Array;
  },
  signal: AbortSignal,
): Promise<Written[]> {
  const { blob, fingerprintBytes, ...meta } = parts;
  const dataName = `${name}.ndjson`;
  const fpName = `${name}.fingerprints`;
  const data = await writeBlob(join(dir, dataName), blob, signal);
  const fp = await writeBlob(
    join(dir, fpName),
    new Blob([fingerprintBytes as Uint8Array<ArrayBuffer>]),
    signal,
  );
  const file: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    version: 1,
    ...meta,
    data: dataName,
    fingerprints: fpName,
  };
  const desc = await writeChunks(
    join(dir, `${name}.snapshot.json`),
    [`${JSON.stringify(file, null, 2)}\n`],
    signal,
  );
  return [data, fp, desc];
}

/**
 * A snapshot data file's layout, from its first bytes (`snapshotLayout`, as the page decides it):
 * `rows` (a header line of names, then an array a record) or `records` (an object a record).
 */
export async function snapshotDataLayout(dataPath: string): Promise<LineLayout> {
  const handle = await open(dataPath, 'r');
  try {
    const head = new Uint8Array(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return snapshotLayout(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
