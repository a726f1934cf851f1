import type { CsvDialect } from '../detect/dialect';
import { throwIfAborted } from '../model/porter-error';
import { createCheckpoint } from '../model/yielder';
import { CsvStream, feedPieces, nextEnd, type DecodedPiece } from './csv-stream';
import { csvTailReader, findTailCut, type CsvTail, type CsvTailReader } from './csv-tail';
import { BlobSlices, decodeNext, readBlobBytes, SliceDecoder } from './csv-stream-decode';
import type { CsvMeta } from './csv-stream-sink';
import type { ReadContext, ReadResult } from './read-types';

export { type CsvMeta } from './csv-stream-sink';

/**
 * Characters parsed per step: small enough to yield (about as long as a slice of
 * {@link readCsvBytes}), large enough that few table blocks straddle two steps: such a block's
 * text is a copy (csv-stream-sink.ts), and with 1 MiB steps half the blocks of a file were.
 */
const CHUNK_CHARS = 1 << 22;
/** Bytes decoded per step of {@link readCsvBytes}: about as many characters as CHUNK_CHARS. */
const SLICE_BYTES = 1 << 22;

/**
 * Input size (bytes of a file, characters of a text) from which a table's block texts are kept
 * one byte a character where they hold a character past Latin-1 (`oneByteBlock` in
 * model/table.ts): below it they are kept as decoded, two bytes a character.
 *
 * Why: the one-byte text halves a table's text where a file has, say, one Chinese name per
 * block, which matters at a million rows (it was 2× the file per table; docs/architecture.md,
 * "Where the memory goes"). But making it (the narrow forms from the bytes, moving the wide cells
 * aside) took ~25 of ~105 ms of a 100k-row read in Chromium (11.7 MB, a name past Latin-1 in
 * about one row in four; Papa.parse of the same Blob ~80 ms), while it saves at most this many
 * bytes a table. The same size as the helper's tail read (workers/field-helper.ts), which
 * always keeps one byte.
 */
export const ONE_BYTE_FROM = 32 << 20;

/** What reading CSV bytes learned besides {@link CsvMeta}: what decoding them did. */
export interface CsvBytesMeta extends CsvMeta {
  /** A byte-order mark of the encoding was stripped. */
  readonly bom: boolean;
  /** Characters that could not be decoded (U+FFFD): a hint the encoding is wrong. */
  readonly replacements: number;
}

/** Internal knobs for tests: cut the input into tiny pieces to prove results do not depend on it. */
export interface CsvReadTuning {
  /** Characters per step of readCsv, bytes per slice of readCsvBytes. */
  readonly sliceSize?: number;
  /** Bytes per `TextDecoder` call within a slice (csv-stream-decode.ts: 64 KiB). */
  readonly decodePiece?: number;
  /** How long a read of a Blob may bring nothing before `file-read-stalled` (BlobSlices). */
  readonly stallMs?: number;
  /** {@link ONE_BYTE_FROM} (tests make it 0 or huge, to read a small input either way). */
  readonly oneByteFrom?: number;
}

/**
 * Reads CSV text (already decoded, BOM stripped) into a table of exact strings, scanning it
 * 4 Mi characters at a time (csv-scan.ts: PapaParse's rules, no string per cell) and yielding between
 * steps so the job can be cancelled.
 *
 * - Cells are never typed or trimmed: `00123`, `1-2-3` and `12345678901234567890` stay as they are.
 * - Row numbers are 1-based record numbers in the file, counting skipped title lines, the header
 *   and blank lines, so the first data record under a header on line 1 is row 2.
 * - Blank lines are skipped (not rows) but still counted in the row numbers. A blank line is a
 *   physically empty one (a stray `\r` in a `\n` file counts as empty too); a quoted empty field
 *   `""`, or a quoted field of only line breaks, is a record, as the CSV writer relies on.
 * - Short rows: the missing cells are stored as missing (`null`, not `''`): the file did not
 *   say they are empty. Reported as 'ragged-row-short'.
 * - Long rows: cells beyond the header get new columns named `column_N` (N = 1-based position),
 *   so no data is dropped. Reported as 'ragged-row-long'.
 * - An unclosed quote swallows the rest of the file into one cell, as every CSV reader does;
 *   it is reported as 'unclosed-quote' (error) at the row and line where the quote opened.
 *
 * @throws PorterError('csv-no-rows') when the text holds no record at all;
 *   PorterError('too-many-columns', { limit }) beyond `MAX_COLUMNS` (read-limits.ts).
 * @example
 * const { table, issues } = await readCsv('id,zip\n1,00123\n', dialect);
 * table.cell(0, 1); // '00123'
 * table.sourceRow(0); // 2
 */
export async function readCsv(
  text: string,
  dialect: CsvDialect,
  ctx: ReadContext = {},
  tuning: CsvReadTuning = {},
): Promise<ReadResult<CsvMeta>> {
  throwIfAborted(ctx.signal);
  const size = Math.max(1, tuning.sliceSize ?? CHUNK_CHARS);
  const stream = new CsvStream(dialect, text.length >= (tuning.oneByteFrom ?? ONE_BYTE_FROM));
  const checkpoint = createCheckpoint(ctx.signal);
  // The text is at hand, so each input is a slice of it from the first unconsumed character;
  // when a record is longer than a step, the next input simply reaches further.
  let pos = 0;
  for (let end = 0; ; ) {
    end = nextEnd(pos, end, size, text.length);
    const final = end === text.length;
    pos += stream.push(pos === 0 && final ? text : text.slice(pos, end), final);
    ctx.onProgress?.({ done: final ? text.length : pos, total: text.length, rows: stream.rowCount });
    if (final) break;
    await checkpoint();
  }
  throwIfAborted(ctx.signal);
  return stream.finish();
}

/**
 * Reads CSV bytes as {@link readCsv} reads their text, with identical table, issues and meta,
 * but decodes them 4 MiB at a time (`TextDecoder` streaming) so the whole text never exists:
 * only the slice being parsed, the packed table and the unfinished record between slices.
 * Progress is in bytes. Decoding answers as `decodeBytes` does: the BOM is stripped and
 * reported, undecodable bytes are counted in `meta.replacements`.
 *
 * @throws PorterError('decode-failed') for an unknown encoding label; otherwise as readCsv.
 * @example
 * const bytes = new TextEncoder().encode('id,zip\n1,00123\n');
 * const { table, meta } = await readCsvBytes(bytes, 'utf-8', dialect);
 * table.cell(0, 1); // '00123'
 * meta.replacements; // 0
 */
export async function readCsvBytes(
  bytes: Uint8Array,
  encoding: string,
  dialect: CsvDialect,
  ctx: ReadContext = {},
  tuning: CsvReadTuning = {},
): Promise<ReadResult<CsvBytesMeta>> {
  throwIfAborted(ctx.signal);
  const size = Math.max(1, tuning.sliceSize ?? SLICE_BYTES);
  const total = bytes.length;
  const oneByte = total >= (tuning.oneByteFrom ?? ONE_BYTE_FROM);
  const decoder = new SliceDecoder(bytes, encoding, tuning.decodePiece, oneByte);
  return readDecoded(decoder, total, dialect, oneByte, ctx, async () => {
    const last = decoder.decoded + size >= total;
    return { text: decodeNext(decoder, bytes, size, last), last, narrow: decoder.narrow };
  });
}

/**
 * {@link readCsvBytes} of a Blob's bytes (a File), with the same table, issues and meta, read
 * from its stream a slice at a time into one reused buffer: the file's bytes are never held
 * whole, and reading them (in the browser, by another process) goes on while slices are parsed.
 * `onBytes` sees each slice's bytes, in order, before they are decoded.
 *
 * @throws as readCsvBytes; whatever reading the Blob throws (a file changed or removed); and
 * PorterError('file-read-stalled') when a read brings nothing for a minute (BlobSlices).
 * @example
 * const { table } = await readCsvBlob(new Blob(['id,zip\n1,00123\n']), 'utf-8', dialect);
 * table.cell(0, 1); // '00123'
 */
export async function readCsvBlob(
  blob: Blob,
  encoding: string,
  dialect: CsvDialect,
  ctx: ReadContext = {},
  tuning: CsvReadTuning = {},
  onBytes: ((slice: Uint8Array) => void) | null = null,
): Promise<ReadResult<CsvBytesMeta>> {
  throwIfAborted(ctx.signal);
  const size = Math.max(1, tuning.sliceSize ?? SLICE_BYTES);
  const guard = { signal: ctx.signal, stallMs: tuning.stallMs };
  const oneByte = blob.size >= (tuning.oneByteFrom ?? ONE_BYTE_FROM);
  const decoder = new SliceDecoder(await readBlobBytes(blob, guard, 0, 4), encoding, tuning.decodePiece, oneByte);
  const reader = csvTailReader();
  const cut = reader !== null && blob.size >= reader.minBytes ? await findTailCut(blob, encoding, dialect, guard) : null;
  if (reader === null || cut === null) {
    const slices = new BlobSlices(blob, size, guard);
    slices.onBytes = onBytes;
    try {
      return await readDecoded(decoder, blob.size, dialect, oneByte, ctx, () => slices.decodeNext(decoder, blob.size));
    } finally {
      // Cancelled or failed midway: the rest of the file is not read.
      slices.cancel();
    }
  }
  return readInTwo({ blob, cut, reader, decoder, encoding, dialect, oneByte, ctx, tuning: { ...tuning, sliceSize: size }, onBytes });
}

/** What {@link readInTwo} reads, and with what. */
interface TwoReads {
  readonly blob: Blob;
  /** Where the tail's read starts (`findTailCut`). */
  readonly cut: number;
  readonly reader: CsvTailReader;
  readonly decoder: SliceDecoder;
  readonly encoding: string;
  readonly dialect: CsvDialect;
  /** This thread's blocks kept one byte a character ({@link ONE_BYTE_FROM}); the tail's always are. */
  readonly oneByte: boolean;
  readonly ctx: ReadContext;
  readonly tuning: CsvReadTuning & { readonly sliceSize: number };
  readonly onBytes: ((slice: Uint8Array) => void) | null;
}

/**
 * {@link readCsvBlob} of a large file by two threads: this one reads the bytes before `cut`
 * while the reader's helper reads the rest (`readCsvTail`), started once the first record (the
 * header) is read. If this thread's read ends exactly at the cut with every record closed, the
 * cut was a record start and the tail's rows are adopted as if read here
 * (`CsvStream.adoptTail`); otherwise (a quoted field spans the cut) or if the helper fails, the
 * rest is read here after all. The same table, issues and meta either way
 * (test/unit/core/read/csv-tail.property.test.ts).
 */
async function readInTwo(r: TwoReads): Promise<ReadResult<CsvBytesMeta>> {
  const { blob, cut, decoder, dialect, ctx, tuning, onBytes } = r;
  const guard = { signal: ctx.signal, stallMs: tuning.stallMs };
  const total = blob.size;
  const stream = new CsvStream(dialect, r.oneByte);
  const checkpoint = createCheckpoint(ctx.signal);
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  let tail: Promise<CsvTail> | null = null;
  let tailBytes = 0;
  let tailRows = 0;
  const progress = (): void =>
    ctx.onProgress?.({ done: Math.min(decoder.decoded + tailBytes, total), total, rows: stream.rowCount + tailRows });
  const startTail = (): void => {
    const start = tail === null ? stream.tailStart() : null;
    if (start === null) return;
    const { sliceSize, decodePiece, stallMs } = tuning;
    const job = { blob, from: cut, encoding: r.encoding, dialect, ...start, sliceSize, decodePiece, stallMs };
    tail = r.reader.read(job, stop.signal, (p) => {
      tailBytes = p.bytes;
      tailRows = p.rows;
    });
    // Awaited below, or given up; a rejection before then is not "unhandled".
    tail.catch(() => undefined);
  };
  const step = async (): Promise<void> => {
    progress();
    await checkpoint();
  };
  let rest: string;
  let adopted = null as CsvTail | null;
  try {
    const head = new BlobSlices(blob.slice(0, cut), tuning.sliceSize, guard, { from: 0, total });
    head.onBytes = onBytes;
    try {
      rest = await feedPieces(stream, () => head.decodeNext(decoder, cut), false, async () => {
        startTail();
        await step();
      });
    } finally {
      head.cancel();
    }
    startTail();
    progress();
    const pending: Promise<CsvTail> | null = tail;
    if (rest === '' && pending !== null) {
      // The helper's progress goes on being shown while this thread waits for it.
      const ticker = setInterval(progress, 250);
      try {
        adopted = await pending;
      } catch {
        throwIfAborted(ctx.signal);
      } finally {
        clearInterval(ticker);
      }
    }
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    if (adopted === null) stop.abort();
  }
  if (adopted !== null) {
    stream.adoptTail(adopted.rows);
    decoder.replacements += adopted.replacements;
    // The tail's bytes were looked at in the helper: one byte past ASCII stands for them.
    if (adopted.nonAscii) onBytes?.(HIGH_BYTE);
  } else {
    // The cut fell inside a record (or the helper failed): the rest is read here.
    tailBytes = 0;
    tailRows = 0;
    const after = new BlobSlices(blob.slice(cut), tuning.sliceSize, guard, { from: cut, total }, blob);
    after.onBytes = onBytes;
    try {
      await feedPieces(stream, () => after.decodeNext(decoder, total), true, step, rest);
    } finally {
      after.cancel();
    }
  }
  progress();
  throwIfAborted(ctx.signal);
  const result = stream.finish();
  return { ...result, meta: { ...result.meta, bom: decoder.bom, replacements: decoder.replacements } };
}

/** A byte past ASCII: what {@link readInTwo} shows `onBytes` for a tail that had one. */
const HIGH_BYTE = new Uint8Array([0x80]);

/** The loop of readCsvBytes and readCsvBlob: `next` decodes the next slice of `total` bytes. */
async function readDecoded(
  decoder: SliceDecoder,
  total: number,
  dialect: CsvDialect,
  oneByte: boolean,
  ctx: ReadContext,
  next: () => Promise<DecodedPiece>,
): Promise<ReadResult<CsvBytesMeta>> {
  const stream = new CsvStream(dialect, oneByte);
  const checkpoint = createCheckpoint(ctx.signal);
  const progress = (): void => ctx.onProgress?.({ done: Math.min(decoder.decoded, total), total, rows: stream.rowCount });
  await feedPieces(stream, next, true, async () => {
    progress();
    await checkpoint();
  });
  progress();
  throwIfAborted(ctx.signal);
  const result = stream.finish();
  return { ...result, meta: { ...result.meta, bom: decoder.bom, replacements: decoder.replacements } };
}
