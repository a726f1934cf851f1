import { toHex } from '../diff/digest';
import { streamHere } from '../diff/sha256-here';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { NdjsonBytesWriter, type CapturedCells } from '../write/ndjson-bytes';

/** Bytes of NDJSON per stored part: whole records, a few thousand of them. */
export const SNAPSHOT_PART_BYTES = 4 << 20;
/** How a snapshot's records are written: the rows layout (`NdjsonBytesWriter`'s `rows`). */
export const SNAPSHOT_LAYOUT = { rows: true } as const;

/** A snapshot's data: NDJSON in parts of whole records, and the SHA-256 of all of it. */
export interface SnapshotData {
  /** All the parts, in order: what a download or the command writes. */
  readonly blob: Blob;
  /**
   * Consecutive runs of whole records, ~{@link SNAPSHOT_PART_BYTES} each, or fewer and larger
   * where a helper thread kept them (~64 MB each, workers/digest.worker.ts): what the page stores.
   */
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
 * An incremental SHA-256 of a snapshot's bytes, fed part by part. By default it runs in this
 * thread (`streamHere`: the WebAssembly SHA-256 where the thread installed it, else the
 * TypeScript one); the worker layer installs one that runs in a helper worker
 * ({@link setSnapshotDigest}), so hashing the ~300 MB of a 1M-row snapshot overlaps with writing
 * it and with the commit's fingerprints instead of following them.
 */
export interface SnapshotDigest {
  /**
   * Takes the bytes now. Unless `owned`, the caller writes its buffer again after, so they are
   * read or copied at once; `owned` bytes are given away (the caller never touches their buffer
   * again), so a helper thread can have the buffer moved to it instead of copied.
   */
  update(bytes: Uint8Array<ArrayBuffer>, owned?: boolean): void;
  /** The digest of everything given; may reject (a helper that died), and the caller then hashes the parts itself. */
  digest(): Promise<Uint8Array>;
  /** Forgets the stream: the write was cancelled or failed. */
  drop(): void;
  /**
   * Present when the digest keeps every part it is given, as a Blob made in its own thread: after
   * `digest`, those Blobs in order. The writer then makes none (a Blob copies its bytes, about
   * as costly as writing them), and should the digest fail it writes the snapshot again here.
   */
  parts?(): Promise<Blob[]>;
  /**
   * A buffer given to `update` as `owned` that the digest is done with (hashed, and copied into
   * its part's Blob), given back for the writer to write the next part into; undefined when none
   * is back yet. The digest must never read or keep a buffer it gives back.
   */
  spare?(): Uint8Array<ArrayBuffer> | undefined;
}

const inThread = (): SnapshotDigest => {
  const hash = streamHere();
  return { update: (bytes) => hash.update(bytes), digest: async () => hash.digest(), drop: () => {} };
};
let makeDigest: () => SnapshotDigest = inThread;

/** Where snapshot digests run from now on (the worker entry installs a helper thread's). */
export function setSnapshotDigest(factory: () => SnapshotDigest): void {
  makeDigest = factory;
}

/** Records written between two looks at the part's size and the clock. */
const BLOCK_ROWS = 256;

/**
 * Called after each block of records `[from, to)` is written, with the writer's buffer and where
 * each cell of the block lies in it ({@link CapturedCells}), before the buffer may be sealed into
 * a part: a commit encodes the block's records for their fingerprints from there.
 */
export type AfterRows = (bytes: Uint8Array, captured: CapturedCells, from: number, to: number) => void;

/** A snapshot written, whose digest (and, where the digest keeps them, whose parts) may still be coming from a helper thread. */
export interface PendingSnapshotData {
  readonly size: number;
  /** The parts, the file and its SHA-256: rejects only if the write cannot be done again here. */
  readonly done: Promise<SnapshotData>;
}

/**
 * Writes a table as a snapshot's NDJSON without ever holding all of it, nor a string of it: the
 * records are written as UTF-8 straight into one reused part buffer ({@link NdjsonBytesWriter},
 * a packed table's cells copied from its chunks), and once the buffer holds a part's worth of
 * whole records it is copied into a part Blob and given to the incremental SHA-256 (moved to its
 * helper thread), and the writer goes on in a buffer the helper gave back (else a new one; with
 * no helper, in the same buffer). The engine keeps one part's bytes at a
 * time; Web Crypto would need the whole file in one buffer to digest it. The bytes are the rows
 * layout ({@link SNAPSHOT_LAYOUT}), exactly `JSON.stringify` of the names and of each record's
 * cells (test/unit/core/engine/snapshot-data.test.ts), so a snapshot made here and one the
 * command writes (`crm-porter run`) are the same file.
 *
 * @example
 * const { blob, parts, sha256 } = await writeSnapshotData(merged);
 */
export async function writeSnapshotData(
  table: Table,
  signal?: AbortSignal,
  onProgress?: (p: SnapshotProgress) => void,
): Promise<SnapshotData> {
  return (await startSnapshotData(table, signal, onProgress)).done;
}

/**
 * {@link writeSnapshotData}, returning once the bytes are written, with the digest still
 * finishing: a commit computes its fingerprints meanwhile and awaits the digest last.
 */
export async function startSnapshotData(
  table: Table,
  signal?: AbortSignal,
  onProgress?: (p: SnapshotProgress) => void,
  afterRows?: AfterRows,
  hash: SnapshotDigest = makeDigest(),
): Promise<PendingSnapshotData> {
  const checkpoint = createCheckpoint(signal);
  const keeps = hash.parts !== undefined;
  const parts: Blob[] = [];
  // A part's worth plus room for the block that crosses the mark: the buffer rarely grows.
  const room = SNAPSHOT_PART_BYTES + (SNAPSHOT_PART_BYTES >> 2);
  // The rows layout: a header line, then an array of cells a record (half the bytes of an object
  // a record, whose every member repeats its column's name; docs/architecture.md, "Commit").
  const writer = new NdjsonBytesWriter(table, room, SNAPSHOT_LAYOUT);
  writer.writeHeader();
  const captured = afterRows === undefined ? null : writer.captureCells(BLOCK_ROWS);
  let size = 0;
  const seal = () => {
    if (writer.pos === 0) return;
    if (!keeps) {
      // The part's Blob copies the bytes here and the digest reads them now: the writer writes
      // its one buffer again (a new ~5 MB buffer per part is ~0.35 s of page faults at 1M rows).
      const bytes = writer.bytes.subarray(0, writer.pos);
      parts.push(new Blob([bytes], { type: NDJSON }));
      hash.update(bytes);
      size += bytes.length;
      writer.rewind();
      return;
    }
    // The part's buffer is given to the digest (moved to its thread, not copied), which copies
    // it into the part's Blob there; the writer goes on in a buffer the digest gave back once
    // done with it, else in a new one (~75 new 5 MB buffers at 1M rows otherwise).
    const spare = hash.spare?.();
    const bytes = writer.take(spare !== undefined && spare.length >= room ? spare : undefined);
    // Counted first: a helper thread's `update` moves the buffer there, and `bytes` reads 0 after.
    size += bytes.length;
    hash.update(bytes, true);
  };
  const n = table.rowCount;
  try {
    for (let r = 0; r < n; ) {
      const to = Math.min(n, r + BLOCK_ROWS);
      writer.writeRows(r, to);
      if (captured !== null) afterRows?.(writer.bytes, captured, r, to);
      r = to;
      // Parts end at a block's end, so at a record's end: parts hold whole records. Progress
      // once a part (a few MB): a tick per block would be thousands of messages.
      if (writer.pos >= SNAPSHOT_PART_BYTES) {
        seal();
        onProgress?.({ done: r, total: n });
      }
      await checkpoint();
    }
    seal();
  } catch (err) {
    hash.drop();
    throw err;
  }
  onProgress?.({ done: n, total: n });
  const finish = async (): Promise<SnapshotData> => {
    let sha: Uint8Array | null = await hash.digest().catch(() => null);
    let kept = parts;
    if (keeps && sha !== null) kept = (await hash.parts?.().catch(() => null)) ?? [];
    // A helper may keep the parts in fewer, larger Blobs than it was given (digest.worker.ts):
    // they must hold every byte written.
    if (keeps && (sha === null || sizeOf(kept) !== size)) {
      // The helper thread held the bytes and failed: write them again, hashed here (the
      // fingerprints were taken the first time).
      return (await startSnapshotData(table, signal, undefined, undefined, inThread())).done;
    }
    if (sha === null) {
      // The helper thread failed: the parts hold every byte, hash them here.
      const again = streamHere();
      for (const p of parts) again.update(new Uint8Array(await p.arrayBuffer()));
      sha = again.digest();
    }
    return { blob: new Blob(kept, { type: NDJSON }), parts: kept, size, sha256: toHex(sha) };
  };
  const done = finish();
  // Awaited later by the caller; a rejection before that is not "unhandled".
  done.catch(() => {});
  return { size, done };
}

const NDJSON = 'application/x-ndjson';

function sizeOf(parts: readonly Blob[]): number {
  let n = 0;
  for (const p of parts) n += p.size;
  return n;
}
