import { decodeBytes } from '../detect/encoding';
import { fixWindows1252 } from '../detect/legacy-decode';

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
   * `head`: the first bytes of the input (four or more, or all of a shorter one), for the BOM;
   * `piece`: bytes per `TextDecoder` call ({@link decodeInPieces}; tests make it tiny).
   * @throws PorterError('decode-failed') for a label TextDecoder does not know.
   */
  constructor(
    head: Uint8Array,
    private readonly encoding: string,
    private readonly piece = DECODE_PIECE,
  ) {
    // decodeBytes on the first bytes gives the label check and the BOM answer of the whole.
    this.bom = decodeBytes(head.subarray(0, 4), encoding).bom;
    this.decoder = new TextDecoder(encoding, { fatal: true });
    this.fix = this.decoder.encoding === 'windows-1252';
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
        return null;
      }
    } else {
      text = decodeInPieces(this.decoder, slice, last, this.piece);
      this.replacements += countReplacements(text);
    }
    this.decoded += slice.length;
    return this.fix ? fixWindows1252(text) : text;
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
 * A Blob's bytes in slices of a fixed size, read from its stream into one buffer that every
 * slice reuses: the whole file is never held, and the memory a slice needs is touched once
 * (a 143 MB `arrayBuffer()` is 143 MB of fresh pages before the first byte is parsed).
 *
 * A Blob's stream is a byte stream (Chromium, Firefox, Node), so it is read with a BYOB reader
 * straight into the buffer: no chunk of its own is allocated and copied. In Chromium that read
 * half the time of reading its chunks and copying them into the buffer (11.7 MB: ~48 vs
 * ~95 ms). A stream that is not one (an older engine) is read chunk by chunk and copied.
 */
export class BlobSlices {
  private readonly byob: ReadableStreamBYOBReader | null;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | null;
  /** The buffer the slices share; a BYOB read hands it back transferred, so it is replaced. */
  private buffer: ArrayBuffer;
  private readonly size: number;
  /** What is left of the stream's last chunk after the slice it ended (default reader). */
  private left: Uint8Array | null = null;
  private done = false;
  /** Sees each slice's bytes as read (the engine's non-ASCII check: non-ascii.ts). */
  onBytes: ((slice: Uint8Array) => void) | null = null;

  /** `byob`: false reads the stream's own chunks even when it is a byte stream (for tests). */
  constructor(
    private readonly blob: Blob,
    size: number,
    byob = true,
  ) {
    const stream = blob.stream();
    this.byob = byob ? byobReaderOf(stream) : null;
    this.reader = this.byob === null ? stream.getReader() : null;
    this.buffer = new ArrayBuffer(size);
    this.size = size;
  }

  /** The next slice (shorter only at the end of the Blob); valid until the next call. */
  async next(): Promise<Uint8Array> {
    return this.byob === null ? this.nextCopied(this.reader as ReadableStreamDefaultReader<Uint8Array>) : this.nextByob(this.byob);
  }

  private async nextByob(reader: ReadableStreamBYOBReader): Promise<Uint8Array> {
    const size = this.size;
    let filled = 0;
    while (filled < size && !this.done) {
      const r = await reader.read(new Uint8Array(this.buffer, filled, size - filled));
      // The view comes back over the same memory, transferred to a new ArrayBuffer (none when
      // the stream was cancelled: then there is nothing more to take).
      if (r.value === undefined) {
        this.buffer = new ArrayBuffer(size);
        this.done = true;
        break;
      }
      this.buffer = r.value.buffer;
      filled += r.value.length;
      if (r.done) this.done = true;
    }
    return new Uint8Array(this.buffer, 0, filled);
  }

  private async nextCopied(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array> {
    const buffer = new Uint8Array(this.buffer);
    let filled = 0;
    while (filled < buffer.length) {
      let chunk = this.left;
      this.left = null;
      if (chunk === null) {
        if (this.done) break;
        const r = await reader.read();
        if (r.done) {
          this.done = true;
          break;
        }
        chunk = r.value;
      }
      const take = Math.min(chunk.length, buffer.length - filled);
      buffer.set(take === chunk.length ? chunk : chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.length) this.left = chunk.subarray(take);
    }
    return buffer.subarray(0, filled);
  }

  /** Stops reading (cancelled, or a read that failed). */
  cancel(): void {
    (this.byob ?? this.reader)?.cancel().catch(() => undefined);
  }

  /**
   * {@link SliceDecoder.decode} of the next slice of a Blob of `total` bytes, the bytes before a
   * bad one read again from the Blob; `last` when it ends the Blob.
   */
  async decodeNext(decoder: SliceDecoder, total: number): Promise<{ text: string; last: boolean }> {
    const slice = await this.next();
    this.onBytes?.(slice);
    const before = decoder.decoded;
    const last = slice.length < this.size || before + slice.length >= total;
    const text = decoder.decode(slice, last);
    if (text !== null) return { text, last };
    for (let from = 0; from < before; from += RECOUNT_STEP) {
      decoder.recount(new Uint8Array(await this.blob.slice(from, Math.min(from + RECOUNT_STEP, before)).arrayBuffer()));
    }
    return { text: decoder.decode(slice, last) as string, last };
  }
}

/** A BYOB reader of `stream`, or null when it is not a byte stream. */
function byobReaderOf(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: 'byob' });
  } catch {
    return null;
  }
}
