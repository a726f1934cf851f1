import { decodeBytes } from '../detect/encoding';
import { fixWindows1252 } from '../detect/legacy-decode';
import { abortError, PorterError, throwIfAborted } from '../model/porter-error';
import type { TextNarrow } from '../model/table';
import type { DecodedPiece } from './csv-stream';
import { Utf8Narrower } from './utf8-narrow';

/**
 * Bytes `TextDecoder` is handed per call. Chromium decoded 4 MiB of mostly-ASCII UTF-8 (a
 * two-byte result) in one call at about half the speed of the same bytes in 64 KiB calls whose
 * strings are then joined (measured in the page on 11.7 MB, alternating: ~175 vs ~80 ms); the
 * joined text is flattened once, by the scanner's first search.
 */
const DECODE_PIECE = 1 << 16;

/**
 * `decoder.decode` of `slice` (streaming unless `last`), in pieces of {@link DECODE_PIECE}
 * bytes: the same text, as a streaming decoder's output does not depend on where its input is
 * cut. Throws where decoding the slice at once throws (a fatal decoder).
 */
export function decodeInPieces(decoder: TextDecoder, slice: Uint8Array, last: boolean, piece = DECODE_PIECE): string {
  const step = Math.max(1, piece);
  if (slice.length <= step) return decoder.decode(slice, { stream: !last });
  let text = '';
  for (let at = 0; at < slice.length; at += step) {
    const end = Math.min(at + step, slice.length);
    text += decoder.decode(slice.subarray(at, end), { stream: !last || end < slice.length });
  }
  return text;
}

/** A character past Latin-1: a text with one is kept two bytes a character by V8. */
// oxlint-disable-next-line no-control-regex -- any code unit past Latin-1
const PAST_LATIN1 = /[^\u0000-\u00ff]/;

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/**
 * Decodes bytes slice by slice, with the same answers as {@link decodeBytes} on the whole:
 * a byte-order mark of the encoding is stripped and reported, Windows-1252 gets the same
 * repair, and U+FFFD is counted only when some bytes could not be decoded, then counting every
 * U+FFFD in the text as decodeBytes does. A strict decoder runs until the first bad byte; then
 * a lenient one re-decodes the (valid) bytes before it only to count, and takes over from there.
 *
 * The slices come from the caller (an array's subarrays, or a Blob's stream copied into one
 * reused buffer), so the bytes before the failing slice may be gone: {@link decode} returns
 * null there, and the caller hands those bytes again to {@link recount} before decoding the slice
 * once more.
 */
export class SliceDecoder {
  readonly bom: boolean;
  /** Characters that could not be decoded, known for the bytes decoded so far. */
  replacements = 0;
  private decoder: TextDecoder;
  private strict = true;
  private readonly fix: boolean;
  /** Bytes decoded so far: the ones {@link recount} needs again after the first bad byte. */
  decoded = 0;
  /**
   * The narrow form of the text the last {@link decode} returned (core/read/utf8-narrow.ts),
   * valid until the next call; undefined where there is none. Made from the bytes of UTF-8 input
   * while every byte so far was valid, from the first slice whose text has a character past
   * Latin-1 on (a text with none needs no narrow form: its blocks are one byte a character).
   */
  narrow: TextNarrow | undefined;
  private narrower: Utf8Narrower | null;
  private narrowing = false;

  /**
   * `head`: the first bytes of the input (four or more, or all of a shorter one), for the BOM;
   * `piece`: bytes per `TextDecoder` call ({@link decodeInPieces}; tests make it tiny);
   * `narrowForms`: false makes no {@link narrow} form (a read that keeps its text as decoded:
   * csv-read.ts, ONE_BYTE_FROM).
   * @throws PorterError('decode-failed') for a label TextDecoder does not know.
   */
  constructor(
    head: Uint8Array,
    private readonly encoding: string,
    private readonly piece = DECODE_PIECE,
    narrowForms = true,
  ) {
    // decodeBytes on the first bytes gives the label check and the BOM answer of the whole.
    this.bom = decodeBytes(head.subarray(0, 4), encoding).bom;
    this.decoder = new TextDecoder(encoding, { fatal: true });
    this.fix = this.decoder.encoding === 'windows-1252';
    this.narrower = narrowForms && this.decoder.encoding === 'utf-8' ? new Utf8Narrower(this.bom) : null;
  }

  /**
   * Decodes the next slice (`last` flushes a sequence cut at the end), or returns null when
   * it holds the first undecodable bytes: then call {@link recount} and decode it again.
   */
  decode(slice: Uint8Array, last: boolean): string | null {
    let text: string;
    if (this.strict) {
      try {
        text = decodeInPieces(this.decoder, slice, last, this.piece);
      } catch {
        this.strict = false;
        this.decoder = new TextDecoder(this.encoding);
        this.narrower = null;
        this.narrow = undefined;
        return null;
      }
      this.narrow = this.narrowOf(slice, text);
    } else {
      text = decodeInPieces(this.decoder, slice, last, this.piece);
      this.replacements += countReplacements(text);
    }
    this.decoded += slice.length;
    return this.fix ? fixWindows1252(text) : text;
  }

  /**
   * The slice's narrow form, once a text past Latin-1 has been seen; the narrower reads every
   * slice (it holds a sequence cut at a slice's end) but makes a form only from then on.
   */
  private narrowOf(slice: Uint8Array, text: string): TextNarrow | undefined {
    const narrower = this.narrower;
    if (narrower === null) return undefined;
    if (!this.narrowing && !PAST_LATIN1.test(text)) {
      narrower.skip(slice);
      return undefined;
    }
    this.narrowing = true;
    const narrow = narrower.next(slice);
    // Never a form that does not fit its text (a decoder that read the bytes otherwise).
    if (narrow.bytes.length === text.length) return narrow;
    this.narrower = null;
    return undefined;
  }

  /**
   * After {@link decode} returned null: the bytes decoded before (the first {@link decoded}
   * bytes, in pieces cut anywhere), decoded again by the lenient decoder, which brings it to the
   * strict one's state: they were valid, so U+FFFD there was in the file.
   */
  recount(piece: Uint8Array): void {
    this.replacements += countReplacements(this.decoder.decode(piece, { stream: true }));
  }
}

/** Bytes per piece when the bytes before a bad one are decoded again. */
const RECOUNT_STEP = 1 << 22;

/** {@link SliceDecoder.decode} of the next `length` bytes of an array at hand. */
export function decodeNext(decoder: SliceDecoder, bytes: Uint8Array, length: number, last: boolean): string {
  const at = decoder.decoded;
  const slice = bytes.subarray(at, at + length);
  const text = decoder.decode(slice, last);
  if (text !== null) return text;
  for (let from = 0; from < at; from += RECOUNT_STEP) decoder.recount(bytes.subarray(from, Math.min(from + RECOUNT_STEP, at)));
  return decoder.decode(slice, last) as string;
}

/**
 * How long one read of a file may bring no bytes before it is given up with the catalogue's
 * `file-read-stalled`: a local file answers in milliseconds, so a minute of nothing is a read
 * that will not end (a network drive that went away, or a browser bug; see {@link BlobSlices}).
 */
export const READ_STALL_MS = 60_000;

/** What a {@link BlobSlices} read listens to besides the file: cancel, and its stall limit. */
export interface SliceGuard {
  readonly signal?: AbortSignal | undefined;
  /** {@link READ_STALL_MS} unless a test makes it short. */
  readonly stallMs?: number;
}

/**
 * A Blob's bytes in slices of a fixed size, read from its stream into one buffer that every
 * slice reuses: the whole file is never held, and the memory a slice needs is touched once
 * (a 143 MB `arrayBuffer()` is 143 MB of fresh pages before the first byte is parsed).
 *
 * The stream is read with its default reader and each chunk copied into the buffer. A BYOB
 * reader, straight into the buffer, drained 11.7 MB in about half the time (~48 vs ~95 ms,
 * Chromium), and was used until a read was found to hang: in Chromium 156, with two e2e
 * uploads of a 45 MB File running at once, 6 of 16 stopped for good in a BYOB `read()`, a
 * few MB into a slice, while the worker went on answering; with the default reader, 0 of 36
 * (27 Nov 2026). A read that hangs anyway, for any reason, ends in `file-read-stalled` after
 * {@link READ_STALL_MS}, and Cancel ends it at once: neither waits for the read to settle.
 */
export class BlobSlices {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  /** The buffer the slices share. */
  private readonly buffer: Uint8Array;
  /** What is left of the stream's last chunk after the slice it ended. */
  private left: Uint8Array | null = null;
  private done = false;
  /** Bytes the stream has given so far (for the stall message). */
  private taken = 0;
  /** Sees each slice's bytes as read (the engine's non-ASCII check: non-ascii.ts). */
  onBytes: ((slice: Uint8Array) => void) | null = null;

  /**
   * `within`: where `blob` lies in the file the user chose, when it is a slice of it, so that
   * the stall message says how far into that file the read got. `decodedFrom`: the Blob whose
   * bytes a decoder handed these slices decoded from its first byte on ({@link decodeNext} reads
   * them again after a bad byte): `blob` itself unless the decoder began before it.
   */
  constructor(
    blob: Blob,
    size: number,
    private readonly guard: SliceGuard = {},
    private readonly within: { readonly from: number; readonly total: number } = { from: 0, total: blob.size },
    private readonly decodedFrom: Blob = blob,
  ) {
    this.reader = blob.stream().getReader();
    this.buffer = new Uint8Array(size);
  }

  /** The next slice (shorter only at the end of the Blob); valid until the next call. */
  async next(): Promise<Uint8Array> {
    const buffer = this.buffer;
    let filled = 0;
    while (filled < buffer.length) {
      let chunk = this.left;
      this.left = null;
      if (chunk === null) {
        if (this.done) break;
        const r = await this.read();
        if (r.done) {
          this.done = true;
          break;
        }
        chunk = r.value;
        this.taken += chunk.length;
      }
      const take = Math.min(chunk.length, buffer.length - filled);
      buffer.set(take === chunk.length ? chunk : chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.length) this.left = chunk.subarray(take);
    }
    return buffer.subarray(0, filled);
  }

  /**
   * The stream's next chunk; rejects with an AbortError when the signal aborts, and with
   * `file-read-stalled` when nothing comes for the guard's stall time. Either way the stream
   * is cancelled and the pending read is left to settle on its own.
   */
  private read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    const { signal, stallMs = READ_STALL_MS } = this.guard;
    throwIfAborted(signal);
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const stop = (err: unknown): void => {
        settle();
        this.cancel();
        reject(err);
      };
      const onAbort = (): void => stop(abortError());
      const timer = setTimeout(
        () => {
          const { from, total } = this.within;
          stop(new PorterError('file-read-stalled', { seconds: Math.round(stallMs / 1000), done: from + this.taken, total }));
        },
        stallMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.reader.read().then(
        (r) => {
          settle();
          resolve(r);
        },
        (err: unknown) => {
          settle();
          reject(err);
        },
      );
    });
  }

  /** Stops reading (cancelled, or a read that failed). */
  cancel(): void {
    this.reader.cancel().catch(() => undefined);
  }

  /**
   * {@link SliceDecoder.decode} of the next slice of a Blob of `total` bytes, the bytes before a
   * bad one read again from the Blob; `last` when it ends the Blob.
   */
  async decodeNext(decoder: SliceDecoder, total: number): Promise<DecodedPiece> {
    const slice = await this.next();
    this.onBytes?.(slice);
    const before = decoder.decoded;
    const last = slice.length < this.buffer.length || before + slice.length >= total;
    const text = decoder.decode(slice, last);
    if (text !== null) return { text, last, narrow: decoder.narrow };
    for (let from = 0; from < before; from += RECOUNT_STEP) {
      decoder.recount(await readBlobBytes(this.decodedFrom, this.guard, from, Math.min(from + RECOUNT_STEP, before)));
    }
    return { text: decoder.decode(slice, last) as string, last, narrow: decoder.narrow };
  }
}

/**
 * The bytes of a Blob (a File) from `from` to `to`, all of it unless told, read as
 * {@link BlobSlices} reads, in one slice: under the same stall limit and cancel. `Blob.arrayBuffer()` would be
 * shorter, but a read that hangs in it can be neither timed out nor cancelled, and it is how
 * every read of a file that is not streamed (detection's first MiB, a workbook, JSON, XML,
 * the bytes before a bad one) would otherwise wait for ever, with Cancel waiting on it too.
 *
 * @throws PorterError('file-read-stalled'); an AbortError when cancelled; whatever reading the
 * Blob throws (a file changed or removed).
 */
export async function readBlobBytes(blob: Blob, guard: SliceGuard = {}, from = 0, to = blob.size): Promise<Uint8Array> {
  const part = from === 0 && to >= blob.size ? blob : blob.slice(from, to);
  const whole = new BlobSlices(part, part.size, guard, { from, total: blob.size });
  try {
    const bytes = await whole.next();
    // A stream that ends short is a file that changed while it was read (as `arrayBuffer()`
    // would say): never fewer bytes than asked for, taken for the whole.
    if (bytes.length !== part.size) throw new DOMException('The file changed while it was read.', 'NotReadableError');
    return bytes;
  } finally {
    // The slice ends at the Blob's size, before the stream says it is done: let it go.
    whole.cancel();
  }
}
