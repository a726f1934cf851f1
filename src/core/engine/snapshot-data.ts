import { toHex } from '../diff/digest';
import { Sha256Stream } from '../diff/sha256-js';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { serializeNdjson } from '../write/json-write';

/** Bytes of NDJSON per stored part: whole records, a few thousand of them. */
export const SNAPSHOT_PART_BYTES = 4 << 20;

/** A snapshot's data: NDJSON in parts of whole records, and the SHA-256 of all of it. */
export interface SnapshotData {
  /** All the parts, in order: what a download or the command writes. */
  readonly blob: Blob;
  /** Consecutive runs of whole records, ~{@link SNAPSHOT_PART_BYTES} each: what the page stores. */
  readonly parts: readonly Blob[];
  readonly size: number;
  /** Lower-case hex SHA-256 of exactly the bytes of `blob`. */
  readonly sha256: string;
}

/** Records written so far, of how many. */
export interface SnapshotProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Writes a table as a snapshot's NDJSON without ever holding all of it: each writer chunk is
 * encoded, fed to an incremental SHA-256 and gathered into a part Blob of whole records, so the
 * engine keeps one part's bytes at a time (Web Crypto would need the whole file in one buffer
 * to digest it). The bytes are exactly what `serializeNdjson` writes, so a snapshot made here
 * and one the command writes (`crm-porter run`) are the same file.
 *
 * @example
 * const { blob, parts, sha256 } = await writeSnapshotData(merged);
 */
export async function writeSnapshotData(
  table: Table,
  signal?: AbortSignal,
  onProgress?: (p: SnapshotProgress) => void,
): Promise<SnapshotData> {
  const checkpoint = createCheckpoint(signal);
  const encoder = new TextEncoder();
  const hash = new Sha256Stream();
  const parts: Blob[] = [];
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  let size = 0;
  let records = 0;
  const seal = () => {
    if (pending.length === 0) return;
    parts.push(new Blob(pending, { type: 'application/x-ndjson' }));
    pending = [];
    pendingBytes = 0;
  };
  for (const chunk of serializeNdjson(table)) {
    const bytes = encoder.encode(chunk);
    hash.update(bytes);
    // Every record ends in a line feed and no other byte is one (JSON escapes it in strings),
    // and a writer chunk ends at a record's end: parts hold whole records.
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) records++;
    pending.push(bytes);
    pendingBytes += bytes.length;
    size += bytes.length;
    // Progress once a part (a few MB): a tick per writer chunk would be thousands of messages.
    if (pendingBytes >= SNAPSHOT_PART_BYTES) {
      seal();
      onProgress?.({ done: records, total: table.rowCount });
    }
    await checkpoint();
  }
  seal();
  onProgress?.({ done: records, total: table.rowCount });
  return { blob: new Blob(parts, { type: 'application/x-ndjson' }), parts, size, sha256: toHex(hash.digest()) };
}
