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
  /** The bytes of a sequence the last slice ended inside (at most 3), and how many. */
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
    const src = this.whole(slice);
    if (src === null) return this.result(0, 0);
    const n = src.length;
    if (this.bytes.length < n) {
      this.bytes = new Uint8Array(Math.max(n, 2 * this.bytes.length));
      // A placeholder is at least two bytes of UTF-8 (four for two of them): room for n / 2.
      this.at = new Int32Array((this.bytes.length >>> 1) + 1);
    }
    const { length, wide } = narrowUtf8(src, this.bytes, this.at);
    return this.result(length, wide);
  }

  /** Reads past a slice whose narrow form is not wanted, keeping a sequence it cuts. */
  skip(slice: Uint8Array): void {
    this.whole(slice);
  }

  /**
   * The whole sequences the slice ends (after any BOM, with the sequence the last slice cut),
   * or null when it finishes none; the sequence it cuts at its end is kept for the next one.
   */
  private whole(slice: Uint8Array): Uint8Array | null {
    let src = slice;
    if (this.bomLeft > 0) {
      const skip = Math.min(this.bomLeft, src.length);
      this.bomLeft -= skip;
      src = src.subarray(skip);
    }
    // A sequence the last slice cut: finished with this slice's first bytes (copied, so the
    // main loop reads one array).
    if (this.carried > 0) {
      const need = sequenceLength(this.carry[0] as number) - this.carried;
      const take = Math.min(need, src.length);
      const joined = new Uint8Array(this.carried + src.length);
      joined.set(this.carry.subarray(0, this.carried));
      joined.set(src, this.carried);
      this.carried = 0;
      if (take < need) {
        this.keepCarry(joined);
        return null;
      }
      src = joined;
    }
    // A sequence cut at this slice's end waits for the next one.
    const whole = src.length - this.cutAtEnd(src);
    if (whole < src.length) this.keepCarry(src.subarray(whole));
    return src.subarray(0, whole);
  }

  private result(length: number, wide: number): TextNarrow {
    return { bytes: this.bytes.subarray(0, length), at: this.at, wide };
  }

  private keepCarry(bytes: Uint8Array): void {
    this.carry.set(bytes);
    this.carried = bytes.length;
  }

  /** Bytes at the end of `src` that start a sequence it does not finish (0–3). */
  private cutAtEnd(src: Uint8Array): number {
    const n = src.length;
    for (let back = 1; back <= 3 && back <= n; back++) {
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
 * Writes the narrow form of `src` (whole sequences of valid UTF-8) into `out` (room for
 * `src.length` bytes) and the placeholders' places into `at`; returns the length and how many.
 */
export function narrowUtf8(src: Uint8Array, out: Uint8Array, at: Int32Array): { length: number; wide: number } {
  const n = src.length;
  out.set(src);
  // Words of the slice's buffer, for the aligned words that lie wholly inside the slice.
  const base = src.byteOffset;
  const words = new Uint32Array(src.buffer, 0, src.buffer.byteLength >>> 2);
  const wordsEnd = (base + n) >>> 2;
  let i = 0;
  let o = 0;
  let wide = 0;
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
      if (o !== i) out.copyWithin(o, i, j);
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

/**
 * The narrow form of text already decoded (`latin1Bytes`), into new arrays: for the part of a
 * parser's input that came before the first slice narrowed from its bytes.
 */
export function narrowText(text: string): TextNarrow {
  const bytes = new Uint8Array(text.length);
  const at = new Int32Array(text.length);
  const wide = latin1Bytes(text, bytes, at);
  return { bytes, at, wide };
}

/**
 * The narrow form of a parser's input, `rest + piece` (csv-stream.ts, `feedPieces`): the form of
 * the unfinished record held back from the last input, copied out before the decoder writes its
 * buffers again, joined with the next piece's.
 */
export class NarrowRest {
  private bytes = new Uint8Array(0);
  private at = new Int32Array(0);
  private wide = 0;
  /** The rest's form is known (its input had one). */
  private known = false;
  /** Where an input's form is joined: rest, then piece. */
  private joinBytes = new Uint8Array(0);
  private joinAt = new Int32Array(0);

  /** The form of `rest + piece`, when the piece has one (`narrow`); the rest's made if not known. */
  join(rest: string, narrow: TextNarrow | undefined): TextNarrow | undefined {
    if (narrow === undefined) return undefined;
    if (rest === '') return narrow;
    if (!this.known) {
      const made = narrowText(rest);
      this.hold(made, 0, rest.length);
    }
    const r = rest.length;
    const length = r + narrow.bytes.length;
    const wide = this.wide + narrow.wide;
    if (this.joinBytes.length < length) this.joinBytes = new Uint8Array(Math.max(length, 2 * this.joinBytes.length));
    if (this.joinAt.length < wide) this.joinAt = new Int32Array(Math.max(wide, 2 * this.joinAt.length));
    const bytes = this.joinBytes;
    const at = this.joinAt;
    bytes.set(this.bytes.subarray(0, r));
    bytes.set(narrow.bytes, r);
    at.set(this.at.subarray(0, this.wide));
    for (let i = 0; i < narrow.wide; i++) at[this.wide + i] = (narrow.at[i] as number) + r;
    return { bytes: bytes.subarray(0, length), at, wide };
  }

  /** Keeps the form of `input[from, from + length)` (the new rest), or forgets it when there is none. */
  keep(form: TextNarrow | undefined, from: number, length: number): void {
    if (form === undefined) {
      this.known = false;
      return;
    }
    this.hold(form, from, length);
  }

  private hold(form: TextNarrow, from: number, length: number): void {
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.max(length, 2 * this.bytes.length));
    this.bytes.set(form.bytes.subarray(from, from + length));
    let k = 0;
    const end = from + length;
    for (let i = firstAtOrAfter(form.at, form.wide, from); i < form.wide; i++) {
      const p = form.at[i] as number;
      if (p >= end) break;
      if (k >= this.at.length) {
        const grown = new Int32Array(Math.max(16, 2 * this.at.length));
        grown.set(this.at);
        this.at = grown;
      }
      this.at[k++] = p - from;
    }
    this.wide = k;
    this.known = true;
  }
}

/** The first index `i < count` with `sorted[i] >= value` (`count` if none). */
export function firstAtOrAfter(sorted: Int32Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
