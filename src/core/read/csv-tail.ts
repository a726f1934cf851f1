import type { CsvDialect } from '../detect/dialect';
import { throwIfAborted } from '../model/porter-error';
import type { TableBlock } from '../model/table';
import { CsvStream, feedPieces } from './csv-stream';
import { BlobSlices, readBlobBytes, SliceDecoder, type SliceGuard } from './csv-stream-decode';
import type { CsvTailRows } from './csv-stream-sink';

/**
 * A large CSV file read by two threads: the engine reads it up to a record start near its
 * middle while a helper reads the rest (docs/architecture.md, "CSV read"). The helper is
 * installed by the worker layer ({@link setCsvTailReader}); without one (Node, the command, a
 * browser that cannot start it) a file is read by one thread, as always.
 */

/** What the helper reads: the records of `blob` from byte `from` (a record start) to its end. */
export interface CsvTailJob {
  readonly blob: Blob;
  readonly from: number;
  readonly encoding: string;
  readonly dialect: CsvDialect;
  /** The columns and cells per row the head's first record gave (`CsvStream.tailStart`). */
  readonly columns: readonly string[];
  readonly expected: number;
  /** Bytes per slice and per `TextDecoder` call, and the stall limit, as the head reads (tests make them tiny). */
  readonly sliceSize?: number | undefined;
  readonly decodePiece?: number | undefined;
  readonly stallMs?: number | undefined;
}

/** The tail as read: its rows, what decoding it met, and its bytes past ASCII. */
export interface CsvTail {
  readonly rows: CsvTailRows;
  /** Characters that could not be decoded (U+FFFD): added to the head's. */
  readonly replacements: number;
  /** A byte from 0x80 up was among the tail's (the export's BOM cue: engine/non-ascii.ts). */
  readonly nonAscii: boolean;
}

/** How far a tail's read has come. */
export interface CsvTailProgress {
  readonly bytes: number;
  readonly rows: number;
}

/** Reads a tail in another thread. */
export interface CsvTailReader {
  /** Files smaller than this are read by one thread: starting the helper and joining its rows would cost more. */
  readonly minBytes: number;
  read(job: CsvTailJob, signal: AbortSignal, onProgress: (p: CsvTailProgress) => void): Promise<CsvTail>;
}

let tailReader: CsvTailReader | null = null;

/** Where tails are read from now on (the engine worker installs its helper's); null: nowhere. */
export function setCsvTailReader(reader: CsvTailReader | null): void {
  tailReader = reader;
}

/** The installed {@link CsvTailReader}, if any. */
export function csvTailReader(): CsvTailReader | null {
  return tailReader;
}

/**
 * The share of a file's bytes the engine reads itself: a little more than half, as the helper
 * starts later (once the header is read, in a worker just started) and the engine, once done,
 * still has the tail's rows to join to its own (1M contacts in Chromium, 2 cores: with half,
 * the engine waited ~0.6 s for the helper; see docs/architecture.md, "CSV read").
 */
const HEAD_SHARE = 0.55;

/** Bytes searched after the middle for a line break to cut at. */
const CUT_SEARCH = 64 * 1024;

/**
 * Where a file of `size` bytes read with `encoding` and `dialect` may be cut between head and
 * tail: just after a line break byte at or after its middle, the tail starting with no UTF-8
 * byte-order mark (a decoder would strip it). Null where no cut is safe to try: an encoding in
 * which a 0x0A byte can be half of another character (UTF-16) or whose characters depend on
 * what came before (ISO-2022-JP), a dialect whose records do not end at `\n`, title lines to
 * skip, or no line break in the bytes searched.
 *
 * The cut is a guess: a line break inside a quoted field is no record start. The head tells:
 * only if its reader ends exactly at the cut, with no record left open, was the cut a record
 * start (csv-read.ts), and only then are the tail's rows taken.
 */
export async function findTailCut(blob: Blob, encoding: string, dialect: CsvDialect, guard: SliceGuard): Promise<number | null> {
  const e = encoding.toLowerCase();
  if (e.startsWith('utf-16') || e === 'iso-2022-jp') return null;
  if (dialect.newline !== '\n' && dialect.newline !== '\r\n') return null;
  if (dialect.skipLines > 0) return null;
  const mid = Math.floor(blob.size * HEAD_SHARE);
  const near = await readBlobBytes(blob, guard, mid, Math.min(blob.size, mid + CUT_SEARCH));
  for (let i = near.indexOf(10); i !== -1; i = near.indexOf(10, i + 1)) {
    if (dialect.newline === '\r\n' && (i === 0 || near[i - 1] !== 13)) continue;
    const at = mid + i + 1;
    if (at >= blob.size) return null;
    // A byte-order mark right after the break may lie past the bytes read: then cut further on.
    if (i + 3 >= near.length) return null;
    if (near[i + 1] === 0xef && near[i + 2] === 0xbb && near[i + 3] === 0xbf) continue;
    return at;
  }
  return null;
}

/**
 * Reads a tail (in the helper thread): the records of `job.blob` from `job.from` on, decoded and
 * scanned as the head reads its part, into blocks of whole chunks for the head to adopt.
 */
export async function readCsvTail(job: CsvTailJob, signal: AbortSignal, onProgress: (p: CsvTailProgress) => void): Promise<CsvTail> {
  const part = job.blob.slice(job.from);
  const guard = { signal, stallMs: job.stallMs };
  const decoder = new SliceDecoder(await readBlobBytes(part, guard, 0, 4), job.encoding, job.decodePiece);
  const slices = new BlobSlices(part, Math.max(1, job.sliceSize ?? 1 << 22), guard, { from: job.from, total: job.blob.size });
  let nonAscii = false;
  slices.onBytes = (bytes) => {
    if (!nonAscii) nonAscii = hasHighByte(bytes);
  };
  const stream = CsvStream.tail(job.dialect, job.columns, job.expected);
  const progress = (): void => onProgress({ bytes: decoder.decoded, rows: stream.rowCount });
  try {
    await feedPieces(stream, () => slices.decodeNext(decoder, part.size), true, async () => {
      progress();
      throwIfAborted(signal);
    });
    progress();
  } finally {
    slices.cancel();
  }
  return { rows: stream.finishTail(), replacements: decoder.replacements, nonAscii };
}

function hasHighByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

/** The buffers of a tail's blocks, to be moved rather than copied to the head's thread. */
export function tailTransferables(tail: CsvTail): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: Uint8Array | Uint32Array | undefined): void => {
    if (a !== undefined) out.add(a.buffer as ArrayBuffer);
  };
  for (const block of tail.rows.blocks as TableBlock[]) {
    add(block.sourceRows);
    add(block.rowStarts);
    for (const col of block.columns) {
      add(col.starts);
      add(col.ends);
      add(col.missing);
    }
  }
  return [...out];
}
