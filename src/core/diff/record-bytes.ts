import { CHUNK_ROWS } from '../model/chunk-layout';
import { EncodedText, ROOM_PAST_END } from '../model/encoded-text';
import type { RunSpans } from './record-spans';

/** A field's header byte: 0 missing, `1 + length` up to {@link SHORT_FIELD}, else {@link LONG_FIELD} and 4 bytes of length. */
const SHORT_FIELD = 253;
const LONG_FIELD = 255;

/**
 * Cells of at most 16 bytes are copied and compared as four words, and cells of at most 32 as
 * eight, whatever their length (the words past the cell are overwritten by what follows, or
 * masked off): a loop of as many steps as the cell has words mispredicted its end on nearly every
 * cell, most of a copy's cost. Buffers keep this many bytes of room past their end for it.
 */
const FIXED = ROOM_PAST_END;
/**
 * Per cell length up to 16 (`4 * length + word`): the mask of the cell's bytes in each of the
 * four words compared (a cell of 17 to 32 bytes: its first four words whole, then the masks of
 * its length less 16).
 */
const MASKS = (() => {
  const out = new Int32Array(4 * 17);
  for (let len = 0; len <= 16; len++) {
    for (let w = 0; w < 4; w++) {
      const bytes = Math.max(0, Math.min(4, len - 4 * w));
      out[4 * len + w] = bytes === 4 ? -1 : (1 << (8 * bytes)) - 1;
    }
  }
  return out;
})();

/**
 * Records written as bytes, each found by its slot (a row of a chunk): the record in slot `k`
 * starts at word `at[k]` of `words` (-1: none) with its length in bytes, then its bytes,
 * zero-padded to a whole word. Its bytes are, per compared field in order, a header (missing, or
 * the length) and the field's WTF-8 (UTF-8, with a lone surrogate as its own three bytes), so
 * two records have the same bytes exactly when every field is missing on both sides or holds the
 * same code units on both: the comparison `sameText` makes, field by field.
 *
 * A record's bytes lie together, so reading one costs a few cache lines, where reading its
 * fields in place reads a start, an end and the text of every field from as many places.
 */
export class RecordBytes {
  words: Uint32Array;
  /** {@link words} as bytes. */
  bytes: Uint8Array;
  /** {@link words}, read and written four bytes at a time at any offset. */
  view: DataView;
  /** Words written so far. */
  used = 0;
  readonly at = new Int32Array(CHUNK_ROWS).fill(-1);
  /** Per slot: a number kept with the record (for the diff, its new-data row). */
  readonly tag = new Int32Array(CHUNK_ROWS);

  /** `words`: the room to start with (it grows as needed). */
  constructor(words: number) {
    this.words = new Uint32Array(Math.max(16, words));
    this.bytes = new Uint8Array(this.words.buffer);
    this.view = new DataView(this.words.buffer);
  }

  /** Makes room for `size` bytes in all, keeping the first `kept` bytes written. */
  grow(kept: number, size: number): void {
    const words = new Uint32Array(Math.max((size + 3) >> 2, this.words.length * 2));
    words.set(this.words.subarray(0, (kept + 3) >> 2));
    this.words = words;
    this.bytes = new Uint8Array(words.buffer);
    this.view = new DataView(words.buffer);
  }
}

/** How a field's cells are read: bytes of an ASCII text, bytes of other text found through its events, or characters. */
const ASCII = 0;
const MAPPED = 1;
const UNITS = 2;

/**
 * Reads runs of records ({@link RunSpans}) as bytes: to write them as {@link RecordBytes}, or to
 * compare them with records written so. A run text is encoded once (shared by the fields that
 * share it: a CSV block's columns), and each cell's bytes taken from it; a cell held in a string
 * of its own, or whose bytes in the text are not its own WTF-8 (a surrogate pair split between
 * two cells, a lone surrogate), is encoded from its characters. A cell's place in the bytes of a
 * text past ASCII is found by `EncodedText.place` (from the last cell placed in that text, or
 * else from the cell's block of the text).
 */
export class RecordReader {
  private readonly encoded: EncodedText[] = [];
  /** Per field: its text's slot in {@link encoded} (-1: a text per row). */
  private readonly textOf: Int32Array;
  private readonly kinds: Uint8Array;
  private run: RunSpans | null = null;

  constructor(fieldCount: number) {
    this.textOf = new Int32Array(fieldCount);
    this.kinds = new Uint8Array(fieldCount);
  }

  /**
   * Reads the records of `run`, which must stay loaded while they are used: encodes its texts.
   * Then {@link append} writes a record, {@link sameAs} compares one.
   */
  prepare(run: RunSpans): void {
    this.run = run;
    const nf = this.textOf.length;
    let slots = 0;
    for (let f = 0; f < nf; f++) {
      const text = run.texts[f] ?? null;
      let slot = -1;
      if (text !== null) {
        for (let g = 0; g < f; g++) {
          const s = this.textOf[g] as number;
          if (s >= 0 && run.texts[g] === text) {
            slot = s;
            break;
          }
        }
        if (slot < 0) {
          slot = slots++;
          if (this.encoded.length < slots) this.encoded.push(new EncodedText());
          (this.encoded[slot] as EncodedText).encode(text);
        }
      }
      this.textOf[f] = slot;
      this.kinds[f] = slot < 0 ? UNITS : (this.encoded[slot] as EncodedText).events === 0 ? ASCII : MAPPED;
    }
  }

  /** About how many words record `i` takes written (exactly, when its text is ASCII). */
  sizeHint(i: number): number {
    const run = this.run as RunSpans;
    const nf = this.textOf.length;
    let units = 0;
    for (let f = 0; f < nf; f++) {
      const s = (run.starts[f] as Int32Array)[i] as number;
      if (s >= 0) units += ((run.ends[f] as Int32Array)[i] as number) - s;
    }
    return 1 + ((nf + units + 3) >> 2);
  }

  /** Writes record `i` after the records of `out`, in slot `slot`, with `tag`. */
  append(i: number, out: RecordBytes, slot: number, tag: number): void {
    const run = this.run as RunSpans;
    const nf = this.textOf.length;
    const start = out.used;
    const first = (start + 1) << 2;
    // Room for every field's header and the padding, and more: a copy of four words may write
    // past the record ({@link FIXED}). A field's text gets room as it comes.
    if (first + 5 * nf + 8 + FIXED > out.bytes.length) out.grow(first, first + 5 * nf + 8 + FIXED);
    let bytes = out.bytes;
    let view = out.view;
    let p = first;
    for (let f = 0; f < nf; f++) {
      const s = (run.starts[f] as Int32Array)[i] as number;
      if (s < 0) {
        bytes[p++] = 0;
        continue;
      }
      const e = (run.ends[f] as Int32Array)[i] as number;
      // At most 3 bytes a code unit, then the later fields' headers, the padding and a copy's
      // words past the end.
      const need = p + 3 * (e - s) + 5 * (nf - f) + 8 + FIXED;
      if (need > bytes.length) {
        out.grow(p, need);
        bytes = out.bytes;
        view = out.view;
      }
      // A cell aside (not in its run's text) is written or compared from its own string.
      const kind = run.isAside(f, i) ? UNITS : (this.kinds[f] as number);
      let from = s;
      let to = e;
      if (kind === MAPPED) {
        const enc = this.encoded[this.textOf[f] as number] as EncodedText;
        if (!enc.place(s, e)) {
          p = writeField(run.textOf(f, i), s, e, bytes, p);
          continue;
        }
        from = enc.from;
        to = enc.to;
      } else if (kind === UNITS) {
        p = writeField(run.textOf(f, i), s, e, bytes, p);
        continue;
      }
      const len = to - from;
      const data = (this.encoded[this.textOf[f] as number] as EncodedText).data;
      if (len <= FIXED) {
        // A short cell: its header, then four or eight words whatever its length (the bytes
        // past the cell are overwritten by the next field, or the padding).
        bytes[p++] = len + 1;
        view.setInt32(p, data.getInt32(from, true), true);
        view.setInt32(p + 4, data.getInt32(from + 4, true), true);
        view.setInt32(p + 8, data.getInt32(from + 8, true), true);
        view.setInt32(p + 12, data.getInt32(from + 12, true), true);
        if (len > 16) {
          view.setInt32(p + 16, data.getInt32(from + 16, true), true);
          view.setInt32(p + 20, data.getInt32(from + 20, true), true);
          view.setInt32(p + 24, data.getInt32(from + 24, true), true);
          view.setInt32(p + 28, data.getInt32(from + 28, true), true);
        }
        p += len;
        continue;
      }
      p = writeHeader(len, bytes, p);
      // Four bytes at a time (the last word may take bytes past the cell: the next field's, or
      // the padding, overwrite them), where a byte at a time cost three times as much.
      for (let k = from; k < to; k += 4, p += 4) view.setInt32(p, data.getInt32(k, true), true);
      p -= (4 - (len & 3)) & 3;
    }
    const len = p - first;
    const size = 1 + ((len + 3) >> 2);
    // The padding after the bytes is part of what is compared: zeroed.
    for (const end = (start + size) << 2; p < end; p++) bytes[p] = 0;
    out.words[start] = len;
    out.used = start + size;
    out.at[slot] = start;
    out.tag[slot] = tag;
  }

  /**
   * Whether record `i` of the run read by {@link prepare} has the bytes of the record in slot
   * `j` of `records`: compared where its cells lie, with nothing written.
   */
  sameAs(i: number, records: RecordBytes, j: number): boolean {
    const run = this.run as RunSpans;
    const bytes = records.bytes;
    const view = records.view;
    const start = records.at[j] as number;
    let p = (start + 1) << 2;
    const end = p + (records.words[start] as number);
    const nf = this.textOf.length;
    for (let f = 0; f < nf; f++) {
      const s = (run.starts[f] as Int32Array)[i] as number;
      let h = bytes[p++] as number;
      if (s < 0) {
        if (h !== 0) return false;
        continue;
      }
      if (h === 0) return false;
      if (h === LONG_FIELD) {
        h =
          1 +
          ((bytes[p] as number) |
            ((bytes[p + 1] as number) << 8) |
            ((bytes[p + 2] as number) << 16) |
            ((bytes[p + 3] as number) << 24));
        p += 4;
      }
      const flen = h - 1;
      const e = (run.ends[f] as Int32Array)[i] as number;
      // A cell aside (not in its run's text) is written or compared from its own string.
      const kind = run.isAside(f, i) ? UNITS : (this.kinds[f] as number);
      let from = s;
      let to = e;
      if (kind === MAPPED) {
        const enc = this.encoded[this.textOf[f] as number] as EncodedText;
        if (!enc.place(s, e)) {
          if (!sameUnits(run.textOf(f, i), s, e, bytes, p, flen)) return false;
          p += flen;
          continue;
        }
        from = enc.from;
        to = enc.to;
      } else if (kind === UNITS) {
        if (!sameUnits(run.textOf(f, i), s, e, bytes, p, flen)) return false;
        p += flen;
        continue;
      }
      if (to - from !== flen) return false;
      const enc = this.encoded[this.textOf[f] as number] as EncodedText;
      const data = enc.data;
      if (flen <= FIXED) {
        // Four words, each masked to the cell's bytes, or four whole and four masked: no loop
        // to mispredict the end of.
        let from4 = from;
        let p4 = p;
        let m = 4 * flen;
        if (flen > 16) {
          if (
            (data.getInt32(from, true) ^ view.getInt32(p, true) |
              (data.getInt32(from + 4, true) ^ view.getInt32(p + 4, true)) |
              (data.getInt32(from + 8, true) ^ view.getInt32(p + 8, true)) |
              (data.getInt32(from + 12, true) ^ view.getInt32(p + 12, true))) !==
            0
          )
            return false;
          from4 += 16;
          p4 += 16;
          m -= 64;
        }
        if (
          (((data.getInt32(from4, true) ^ view.getInt32(p4, true)) & (MASKS[m] as number)) |
            ((data.getInt32(from4 + 4, true) ^ view.getInt32(p4 + 4, true)) & (MASKS[m + 1] as number)) |
            ((data.getInt32(from4 + 8, true) ^ view.getInt32(p4 + 8, true)) & (MASKS[m + 2] as number)) |
            ((data.getInt32(from4 + 12, true) ^ view.getInt32(p4 + 12, true)) & (MASKS[m + 3] as number))) !==
          0
        )
          return false;
        p += flen;
        continue;
      }
      let k = from;
      for (; k + 4 <= to; k += 4, p += 4)
        if (data.getInt32(k, true) !== view.getInt32(p, true)) return false;
      const src = enc.bytes;
      for (; k < to; k++) if (src[k] !== bytes[p++]) return false;
    }
    return p === end;
  }

}

/** Writes a field's header for `len` bytes at `p`; returns the end. */
function writeHeader(len: number, bytes: Uint8Array, p: number): number {
  if (len <= SHORT_FIELD) {
    bytes[p] = len + 1;
    return p + 1;
  }
  bytes[p] = LONG_FIELD;
  bytes[p + 1] = len & 0xff;
  bytes[p + 2] = (len >>> 8) & 0xff;
  bytes[p + 3] = (len >>> 16) & 0xff;
  bytes[p + 4] = len >>> 24;
  return p + 5;
}

/** Writes `text[s .. e)` as a field (header and WTF-8) at `p`; returns the end. */
function writeField(text: string, s: number, e: number, bytes: Uint8Array, p: number): number {
  const end = writeUnits(text, s, e, bytes, p + 1);
  const len = end - p - 1;
  if (len <= SHORT_FIELD) {
    bytes[p] = len + 1;
    return end;
  }
  // A long field: its bytes move up for the longer header.
  bytes.copyWithin(p + 5, p + 1, end);
  return writeHeader(len, bytes, p) + len;
}

/** Writes `text[s .. e)` as WTF-8 at `p`; returns the end. Equal to `encodeInto`'s bytes wherever there is no lone surrogate. */
function writeUnits(text: string, s: number, e: number, out: Uint8Array, p: number): number {
  for (let k = s; k < e; k++) {
    const u = text.charCodeAt(k);
    if (u < 0x80) out[p++] = u;
    else if (u < 0x800) {
      out[p++] = 0xc0 | (u >> 6);
      out[p++] = 0x80 | (u & 63);
    } else if (
      (u & 0xfc00) === 0xd800 &&
      k + 1 < e &&
      (text.charCodeAt(k + 1) & 0xfc00) === 0xdc00
    ) {
      const c = 0x10000 + ((u - 0xd800) << 10) + (text.charCodeAt(k + 1) - 0xdc00);
      out[p++] = 0xf0 | (c >> 18);
      out[p++] = 0x80 | ((c >> 12) & 63);
      out[p++] = 0x80 | ((c >> 6) & 63);
      out[p++] = 0x80 | (c & 63);
      k++;
    } else {
      out[p++] = 0xe0 | (u >> 12);
      out[p++] = 0x80 | ((u >> 6) & 63);
      out[p++] = 0x80 | (u & 63);
    }
  }
  return p;
}

/** Whether `text[s .. e)` as WTF-8 is the `len` bytes at `p`. */
function sameUnits(
  text: string,
  s: number,
  e: number,
  bytes: Uint8Array,
  p: number,
  len: number,
): boolean {
  if (e - s > len || 3 * (e - s) < len) return false;
  if (unitScratch.length < 3 * (e - s)) unitScratch = new Uint8Array(3 * (e - s));
  const scratch = unitScratch;
  const end = writeUnits(text, s, e, scratch, 0);
  if (end !== len) return false;
  for (let k = 0; k < end; k++) if (scratch[k] !== bytes[p + k]) return false;
  return true;
}

let unitScratch = new Uint8Array(256);
