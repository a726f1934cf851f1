/**
 * The byte side of the writers: a reused buffer that text is encoded into as UTF-8, handed out
 * part by part. The export keeps no whole-file string and no whole-file buffer: each part is
 * hashed and copied into a Blob, and the buffer is written over again (docs/architecture.md,
 * "Export").
 */

/** Bytes per part: a writer hands its buffer out once it holds at least this much. */
export const PART_BYTES = 1 << 20;

/** What a byte writer returns when it finishes. */
export interface BytePartsSummary {
  /**
   * Lone surrogates written as U+FFFD (EF BF BD), as `TextEncoder` writes them: UTF-8 has no
   * bytes for them, so the file does not read back identically there.
   */
  readonly replacedChars: number;
}

/**
 * Bytes a writer yields: a view of its reused buffer, valid only until the generator is resumed
 * (the consumer copies it — into a Blob — before asking for more).
 */
export type ByteParts = Generator<Uint8Array<ArrayBuffer>, BytePartsSummary, void>;

/**
 * A growable byte buffer with the UTF-8 encoding the writers share. `put` encodes
 * `text[s…e)` in place — a code unit at a time, which beats a `TextEncoder` call per field on
 * short cells — and writes a lone surrogate as U+FFFD, counting it, exactly as `TextEncoder`
 * does. A surrogate pair is only a pair inside `[s, e)`: the text around a cell in a packed
 * chunk belongs to other cells.
 */
export class Utf8Buffer {
  bytes: Uint8Array<ArrayBuffer>;
  pos = 0;
  replaced = 0;

  constructor(size = PART_BYTES + (PART_BYTES >> 2)) {
    this.bytes = new Uint8Array(size);
  }

  /** Makes room for `n` more bytes; returns the (possibly new) buffer. */
  room(n: number): Uint8Array<ArrayBuffer> {
    if (this.pos + n <= this.bytes.length) return this.bytes;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + n));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
    return grown;
  }

  /** The bytes so far, as a view (valid until the next write), and starts over. */
  take(): Uint8Array<ArrayBuffer> {
    const part = this.bytes.subarray(0, this.pos);
    this.pos = 0;
    return part;
  }

  /** Appends `text` whole with `TextEncoder.encodeInto` (writer chunks of thousands of records). */
  putChunk(text: string, encoder: TextEncoder): void {
    const bytes = this.room(text.length * 3);
    this.pos += encoder.encodeInto(text, bytes.subarray(this.pos)).written;
    if (!isWellFormed(text)) this.replaced += countLoneSurrogates(text);
  }

  /**
   * Appends `text[s…e)` as UTF-8 at `pos` (room for 3 bytes per code unit must be made first);
   * returns the new position. `quotes` doubles each `"` (a quoted CSV field).
   */
  put(text: string, s: number, e: number, pos: number, quotes: boolean): number {
    const bytes = this.bytes;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        bytes[pos++] = c;
        if (c === 0x22 && quotes) bytes[pos++] = 0x22;
      } else if (c < 0x800) {
        bytes[pos++] = 0xc0 | (c >> 6);
        bytes[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        bytes[pos++] = 0xe0 | (c >> 12);
        bytes[pos++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[pos++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < e ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const p = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          bytes[pos++] = 0xf0 | (p >> 18);
          bytes[pos++] = 0x80 | ((p >> 12) & 0x3f);
          bytes[pos++] = 0x80 | ((p >> 6) & 0x3f);
          bytes[pos++] = 0x80 | (p & 0x3f);
          i++;
        } else {
          bytes[pos++] = 0xef;
          bytes[pos++] = 0xbf;
          bytes[pos++] = 0xbd;
          this.replaced++;
        }
      }
    }
    return pos;
  }
}

/**
 * True when a text has no lone surrogate: `String.prototype.isWellFormed` (ES2024, native)
 * where the engine has it; elsewhere "no surrogate at all", which only sends text with pairs to
 * the count below.
 */
const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as string & { isWellFormed(): boolean }).isWellFormed()
    : (text) => !SURROGATE.test(text);

const SURROGATE = /[\uD800-\uDFFF]/;

/** Lone surrogates in a text: `TextEncoder` writes each as U+FFFD. */
export function countLoneSurrogates(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else n++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      n++;
    }
  }
  return n;
}
