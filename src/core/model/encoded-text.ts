const encoder = new TextEncoder();

/**
 * Bytes of room an {@link EncodedText} keeps past its text's bytes: its readers copy and compare
 * a short cell as four or eight whole words whatever its length (record-bytes.ts).
 */
export const ROOM_PAST_END = 32;

/**
 * A run's text (a chunk's, shared by the columns that share it): its UTF-8 and where its characters past ASCII lie, so a
 * cell's code unit offsets give its byte offsets. Encoding is native (`encodeInto`); only the
 * bytes of those characters are looked at in JavaScript.
 */
export class EncodedText {
  text = '';
  bytes = new Uint8Array(0);
  /** {@link bytes} read four at a time at any offset. */
  data = new DataView(this.bytes.buffer);
  private view = new Uint32Array(0);
  /** Events: a character past ASCII at code unit `evAt[e]`, the extra bytes up to it included `evExtra[e]`. */
  evAt = new Int32Array(0);
  evExtra = new Int32Array(0);
  /** Per event: 1 a surrogate pair (4 bytes for 2 units), 2 a lone surrogate (encoded as U+FFFD: not its own bytes). */
  evKind = new Uint8Array(0);
  events = 0;
  /**
   * Per block of 64 code units of the text: the first event at or past its
   * start. A cell's place is found from its block's, whatever cell was placed before: a CSV
   * block's text holds every column's characters, and a search from the last cell of the same
   * field (a row apart) cost more than the rest of the record's reading.
   */
  firstEvent = new Int32Array(0);

  /** {@link place}'s answer: the cell's bytes are `bytes[from, to)`. */
  from = 0;
  to = 0;
  /** {@link place}'s events before the last cell placed. */
  private cursor = 0;

  encode(text: string): void {
    this.text = text;
    // Room for three bytes a code unit, and more: a cell is read four words at a time.
    const size = (((text.length * 3 + 7) >> 2) << 2) + ROOM_PAST_END;
    if (this.bytes.length < size) {
      this.bytes = new Uint8Array(Math.max(size, this.bytes.length * 2));
      this.view = new Uint32Array(this.bytes.buffer);
      this.data = new DataView(this.bytes.buffer);
    }
    const { written } = encoder.encodeInto(text, this.bytes);
    this.events = 0;
    this.cursor = 0;
    if (written !== text.length) this.scan(written);
  }

  /** Notes every character past ASCII: the lead bytes of the UTF-8, skipped a word at a time where there are none. */
  private scan(written: number): void {
    const { bytes, view, text } = this;
    if (this.evAt.length < text.length) {
      this.evAt = new Int32Array(text.length);
      this.evExtra = new Int32Array(text.length);
      this.evKind = new Uint8Array(text.length);
    }
    const { evAt, evExtra, evKind } = this;
    let e = 0;
    let extra = 0;
    const words = (written + 3) >> 2;
    for (let w = 0; w < words; w++) {
      if (((view[w] as number) & 0x80808080) === 0) continue;
      const end = Math.min(written, (w + 1) << 2);
      for (let p = w << 2; p < end; p++) {
        const b = bytes[p] as number;
        if (b < 0xc0) continue; // ASCII or a continuation byte
        const at = p - extra;
        let kind = 0;
        if (b >= 0xf0) {
          extra += 2; // two code units, four bytes
          kind = 1;
        } else if (b >= 0xe0) {
          extra += 2;
          // A lone surrogate comes out as U+FFFD: its own bytes are written apart.
          if (
            b === 0xef &&
            bytes[p + 1] === 0xbf &&
            bytes[p + 2] === 0xbd &&
            text.charCodeAt(at) !== 0xfffd
          )
            kind = 2;
        } else extra += 1;
        evAt[e] = at;
        evExtra[e] = extra;
        evKind[e] = kind;
        e++;
      }
    }
    this.events = e;
    const blocks = (text.length >> BLOCK_BITS) + 1;
    if (this.firstEvent.length < blocks) this.firstEvent = new Int32Array(Math.max(blocks, this.firstEvent.length * 2));
    const first = this.firstEvent;
    for (let b = 0, k = 0; b < blocks; b++) {
      const from = b << BLOCK_BITS;
      while (k < e && (evAt[k] as number) < from) k++;
      first[b] = k;
    }
  }

  /**
   * The bytes of cell `[s, e)` in {@link bytes} ({@link from}, {@link to}), or false when they
   * are not the cell's own UTF-8: a lone surrogate in it (encoded as U+FFFD), or a surrogate pair
   * split at one of its ends. Cells asked in ascending order are found from the last one's
   * events; any other from the first event of its block of the text.
   */
  place(s: number, e: number): boolean {
    const { evAt, evExtra, evKind, events } = this;
    if (events === 0) {
      this.from = s;
      this.to = e;
      return true;
    }
    let ev = this.cursor;
    if ((ev > 0 && (evAt[ev - 1] as number) >= s) || (ev + 8 < events && (evAt[ev + 8] as number) < s))
      ev = this.firstEvent[s >> BLOCK_BITS] as number;
    while (ev < events && (evAt[ev] as number) < s) ev++;
    let own = !(ev > 0 && evKind[ev - 1] === 1 && evAt[ev - 1] === s - 1);
    this.from = s + (ev > 0 ? (evExtra[ev - 1] as number) : 0);
    while (ev < events && (evAt[ev] as number) < e) {
      if (evKind[ev] === 2 || (evKind[ev] === 1 && evAt[ev] === e - 1)) own = false;
      ev++;
    }
    this.to = e + (ev > 0 ? (evExtra[ev - 1] as number) : 0);
    this.cursor = ev;
    return own;
  }
}

/** Code units per block of {@link EncodedText.firstEvent}: 2 ** BLOCK_BITS. */
export const BLOCK_BITS = 6;

