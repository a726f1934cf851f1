import { latin1Bytes, type TextNarrow } from '../model/table';

/**
 * The Latin-1 "narrow" form of UTF-8 text, made from its bytes as they are decoded: one byte per
 * UTF-16 code unit of the decoded text, the code unit itself where it is ASCII or U+00A0–U+00FF,
 * else (U+0080–U+009F, U+0100 up, each half of a surrogate pair) the placeholder 0x1A, whose
 * place is noted. Exactly what `latin1Bytes` in model/table.ts writes from the decoded text,
 * which `oneByteBlock` needs for every block of a file with a character past Latin-1 (a Chinese
 * name in a block makes V8 keep its whole text two bytes a character).
 *
 * Why by hand, from the bytes: that loop reads the decoded text one `charCodeAt` at a time, ~6 ns
 * a code unit in a Chromium worker on this 2-core machine; no library narrows text. Here an
 * ASCII run is found four bytes at a time (a `Uint32Array` view of the slice) and moved with one
 * `copyWithin`, and only the bytes past ASCII are looked at one by one: 16.8 MB of the whole-path
 * bench's clean contacts (names from everywhere) took ~25 ms in a Chromium worker, against
 * ~100 ms for the loop over the decoded text (same run; docs/architecture.md, "CSV read").
 *
 * The input must be valid UTF-8 (a strict `TextDecoder` took it): a sequence cut at the end of a
 * slice is held and finished by the next one, as a streaming decoder does, and a UTF-8 BOM at
 * the very start is skipped, as the decoder strips it.
 */
const PLACEHOLDER = 0x1a;

export class Utf8Narrower {
  private bytes = new Uint8Array(0);
  private at = new Int32Array(0);
  /** The bytes of a sequence the last slice ended inside, finished here (at most 4), and how many. */
  private readonly carry = new Uint8Array(4);
  private carried = 0;
  /** BOM bytes still to skip at the start of the text. */
  private bomLeft: number;

  constructor(bom: boolean) {
    this.bomLeft = bom ? 3 : 0;
  }

  /**
   * The narrow form of the next slice's text (what the decoder made of this slice and any
   * sequence the last one cut): valid until the next call, which writes the same buffers.
   */
  next(slice: Uint8Array): TextNarrow {
    const src = this.afterBom(slice);
    // Room for the slice and a sequence the last one cut: slices keep one size, so the buffers
    // are made once (growing by doubling made 8 MiB of bytes and 16 MiB of places for 4 MiB).
    const room = src.length + 4;
    if (this.bytes.length < room) {
      this.bytes = new Uint8Array(room);
      // A placeholder is at least two bytes of UTF-8 (four for two of them): room for n / 2.
      this.at = new Int32Array((room >>> 1) + 1);
    }
    // A sequence the last slice cut: finished with this slice's first bytes, narrowed alone
    // (four bytes at most, copied; not the whole slice behind them).
    let from = 0;
    let length = 0;
    let wide = 0;
    if (this.carried > 0) {
      from = this.finishCarry(src);
      if (this.carried > 0) return this.result(0, 0);
      const done = narrowUtf8(this.carry.slice(0, sequenceLength(this.carry[0] as number)), this.bytes, this.at, 0, 0);
      length = done.length;
      wide = done.wide;
    }
    const whole = this.keepCut(src, from);
    const done = narrowUtf8(src.subarray(from, whole), this.bytes, this.at, length, wide);
    return this.result(done.length, done.wide);
  }

  /** Reads past a slice whose narrow form is not wanted, keeping a sequence it cuts. */
  skip(slice: Uint8Array): void {
    const src = this.afterBom(slice);
    const from = this.carried > 0 ? this.finishCarry(src) : 0;
    if (this.carried === 0) this.keepCut(src, from);
  }

  private afterBom(slice: Uint8Array): Uint8Array {
    if (this.bomLeft === 0) return slice;
    const skip = Math.min(this.bomLeft, slice.length);
    this.bomLeft -= skip;
    return slice.subarray(skip);
  }

  /**
   * Moves the first bytes of `src` that finish the carried sequence into {@link carry} and
   * returns how many; {@link carried} is then 0 when it is whole (to be narrowed from `carry`),
   * else the bytes held so far (the slice was shorter than the rest of the sequence).
   */
  private finishCarry(src: Uint8Array): number {
    const total = sequenceLength(this.carry[0] as number);
    const take = Math.min(total - this.carried, src.length);
    this.carry.set(src.subarray(0, take), this.carried);
    this.carried += take;
    if (this.carried === total) this.carried = 0;
    return take;
  }

  /** Keeps a sequence `src` cuts at its end (from `from` on) for the next slice; returns where it starts. */
  private keepCut(src: Uint8Array, from: number): number {
    const whole = src.length - this.cutAtEnd(src, from);
    if (whole < src.length) {
      this.carry.set(src.subarray(whole));
      this.carried = src.length - whole;
    }
    return whole;
  }

  private result(length: number, wide: number): TextNarrow {
    return { bytes: this.bytes.subarray(0, length), at: this.at, wide };
  }

  /** Bytes at the end of `src` (from `from` on) that start a sequence it does not finish (0–3). */
  private cutAtEnd(src: Uint8Array, from: number): number {
    const n = src.length;
    for (let back = 1; back <= 3 && n - back >= from; back++) {
      const b = src[n - back] as number;
      if (b < 0x80) return 0;
      if (b >= 0xc0) return sequenceLength(b) > back ? back : 0;
    }
    return 0;
  }
}

/** Bytes of the UTF-8 sequence a lead byte starts. */
function sequenceLength(lead: number): number {
  return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/**
 * Writes the narrow form of `src` (whole sequences of valid UTF-8) into `out` from `start` (room
 * for `src.length` bytes) and the placeholders' places into `at` from `wideStart`; returns the
 * form's end in `out` and the places' end in `at`.
 */
export function narrowUtf8(src: Uint8Array, out: Uint8Array, at: Int32Array, start = 0, wideStart = 0): { length: number; wide: number } {
  const n = src.length;
  out.set(src, start);
  // Words of the slice's buffer, for the aligned words that lie wholly inside the slice.
  const base = src.byteOffset;
  const words = new Uint32Array(src.buffer, 0, src.buffer.byteLength >>> 2);
  const wordsEnd = (base + n) >>> 2;
  let i = 0;
  let o = start;
  let wide = wideStart;
  while (i < n) {
    let j = i;
    while (j < n && ((base + j) & 3) !== 0 && (src[j] as number) < 0x80) j++;
    if (((base + j) & 3) === 0) {
      let w = (base + j) >>> 2;
      while (w < wordsEnd && ((words[w] as number) & 0x80808080) === 0) w++;
      j = w * 4 - base;
    }
    while (j < n && (src[j] as number) < 0x80) j++;
    if (j > i) {
      if (o !== start + i) out.copyWithin(o, start + i, start + j);
      o += j - i;
      i = j;
      if (i >= n) break;
    }
    const b = src[i] as number;
    if (b < 0xe0) {
      const c = ((b & 0x1f) << 6) | ((src[i + 1] as number) & 0x3f);
      i += 2;
      if (c > 0x9f && c < 0x100) out[o] = c;
      else {
        out[o] = PLACEHOLDER;
        at[wide++] = o;
      }
      o++;
    } else if (b < 0xf0) {
      i += 3;
      out[o] = PLACEHOLDER;
      at[wide++] = o++;
    } else {
      // Above U+FFFF: a surrogate pair, two code units.
      i += 4;
      out[o] = PLACEHOLDER;
      at[wide++] = o++;
      out[o] = PLACEHOLDER;
      at[wide++] = o++;
    }
  }
  return { length: o, wide };
}

/** The longest held-back text whose form {@link NarrowRest} makes from the text itself. */
const MAKE_REST_MAX = 1 << 20;

/** Code units of `text` that {@link latin1Bytes} makes placeholders (U+0080–U+009F, U+0100 up). */
function placeholders(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && (c <= 0x9f || c >= 0x100)) n++;
  }
  return n;
}

/**
 * The narrow form of a parser's input, `rest + piece` (csv-stream.ts, `feedPieces`): the form of
 * the unfinished record held back from the last input, copied out before the decoder writes its
 * buffers again, with the next piece's appended. Append-only while a record outgrows the pieces
 * (the input is not parsed until it has doubled): each piece's form is copied once, not the
 * whole record again, so a long record costs what its bytes do.
 */
export class NarrowRest {
  /** The rest's form, then the piece's after it: `bytes[0, length)`, places `at[0, wide)`. */
  private bytes = new Uint8Array(0);
  private at = new Int32Array(0);
  private length = 0;
  private wide = 0;
  /** The rest's form is held (its input had one). */
  private known = false;

  /** The form of `rest + piece`, when the piece has one (`narrow`); the rest's made if not held. */
  join(rest: string, narrow: TextNarrow | undefined): TextNarrow | undefined {
    if (narrow === undefined) return undefined;
    if (rest === '') return narrow;
    if (!this.known || this.length !== rest.length) {
      // Held back before the decoder made forms: made from the text, once, when short (the
      // record being read). A long one (a quote left open) goes without, so its block makes the
      // form from the text when sealed, as it would have, instead of two passes over it here.
      this.known = false;
      if (rest.length > MAKE_REST_MAX) return undefined;
      this.reserve(rest.length + narrow.bytes.length, placeholders(rest) + narrow.wide);
      this.wide = latin1Bytes(rest, this.bytes, this.at);
      this.length = rest.length;
      this.known = true;
    }
    const r = this.length;
    this.reserve(r + narrow.bytes.length, this.wide + narrow.wide);
    this.wide = copyForm(narrow, 0, narrow.bytes.length, this.bytes, r, this.at, this.wide);
    this.length = r + narrow.bytes.length;
    return { bytes: this.bytes.subarray(0, this.length), at: this.at, wide: this.wide };
  }

  /** Keeps the form of `input[from, from + length)`, the new rest (the end of the input), or forgets it when there is none. */
  keep(form: TextNarrow | undefined, from: number, length: number): void {
    if (form === undefined) {
      this.known = false;
      return;
    }
    // This join's own form (what was parsed is dropped from the front, in place), or a piece's
    // form as the decoder gave it (copied before the decoder writes it again).
    if (form.bytes.buffer !== this.bytes.buffer) this.reserve(length, form.wide);
    this.wide = copyForm(form, from, from + length, this.bytes, 0, this.at, 0);
    this.length = length;
    this.known = true;
  }

  /** Room for `length` bytes and `wide` places, keeping those held (doubling, so appends stay linear). */
  private reserve(length: number, wide: number): void {
    if (this.bytes.length < length) {
      const bytes = new Uint8Array(Math.max(length, 2 * this.bytes.length));
      bytes.set(this.bytes.subarray(0, this.known ? this.length : 0));
      this.bytes = bytes;
    }
    if (this.at.length < wide) {
      const at = new Int32Array(Math.max(wide, 2 * this.at.length, 16));
      at.set(this.at.subarray(0, this.known ? this.wide : 0));
      this.at = at;
    }
  }
}

/**
 * Copies `form`'s bytes `[from, end)` into `bytes` at `to`, and its places in that range, moved
 * by `to - from`, into `at` from `k`; returns where the places end. The room is the caller's.
 * The form may be `bytes` and `at` themselves, moved towards their start (`to <= from`, `k` no
 * further than the first place copied): `set` copies an overlapping range as it was.
 */
export function copyForm(form: TextNarrow, from: number, end: number, bytes: Uint8Array, to: number, at: Int32Array, k: number): number {
  bytes.set(form.bytes.subarray(from, end), to);
  const shift = to - from;
  const src = form.at;
  for (let i = firstAtOrAfter(src, form.wide, from); i < form.wide; i++) {
    const p = src[i] as number;
    if (p >= end) break;
    at[k++] = p + shift;
  }
  return k;
}

/** The first index `i < count` with `sorted[i] >= value` (`count` if none). */
function firstAtOrAfter(sorted: Int32Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
