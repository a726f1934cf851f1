import { CHUNK_ROWS } from '../model/chunk-layout';
import type { Table } from '../model/table';

const encoder = new TextEncoder();
// oxlint-disable-next-line no-control-regex -- any code unit above ASCII; one unit per match, no backtracking
const NON_ASCII = /[^\u0000-\u007f]+/g;

type Wide = { at: Int32Array; extra: Int32Array; count: number };

/**
 * Turns character offsets into byte offsets: `o` plus the bytes the non-ASCII code units before
 * it add. Offsets mostly come in ascending order (a CSV block's cells are in file order), so the
 * search goes on from where the last one stopped (`k[0]`), and searches again only when an offset
 * goes back.
 */
function toByteOffset(wide: Wide, o: number, k: Int32Array): number {
  const at = wide.at;
  let i = k[0] as number;
  if (i > 0 && (at[i - 1] as number) >= o) {
    // Back: a binary search for the first position at or after `o`.
    let hi = i - 1;
    i = 0;
    while (i < hi) {
      const mid = (i + hi) >> 1;
      if ((at[mid] as number) < o) i = mid + 1;
      else hi = mid;
    }
  }
  while (i < wide.count && (at[i] as number) < o) i++;
  k[0] = i;
  return o + (i === 0 ? 0 : (wide.extra[i - 1] as number));
}

/** Runs shorter than this are read as characters: turning their whole text into bytes would cost more. */
const BYTES_RUN = 256;

/**
 * The compared fields of a run of rows (inside one chunk of the table) as spans of the strings
 * that hold them, with no string made per cell: field `f` of row `from + i` is
 * `textOf(f, i)[starts[f][i] .. ends[f][i])`, or missing where `starts[f][i]` is -1. A field the
 * table reads a run at a time ({@link Table.columnSpans}) has one text for the run; any other
 * (a picklist field, an edited cell, a run with left-out rows) is asked cell by cell, through
 * `cellSpan`, else `cell`, and keeps a text per row.
 *
 * A run's text is also held as UTF-8 bytes (`bytes[f]`, one native `encodeInto` per text,
 * shared by the fields that share the text: a CSV block's columns do), with each cell's place in
 * them (`byteStarts`/`byteEnds`), so cells are compared byte by byte: `charCodeAt` on the chunk
 * texts, which are sliced strings, cost about three times as much (measured, bench/compare-engine.mjs).
 * For ASCII text the byte offsets are the character offsets; otherwise they are shifted by the
 * bytes the non-ASCII characters before them add, found with one native regular-expression scan.
 * Text with a surrogate code unit keeps characters only (UTF-8 would turn a lone one into U+FFFD).
 */
export class RunSpans {
  from = 0;
  to = 0;
  /** Per field: the run's one text, or null when the field keeps a text per row ({@link rowTexts}). */
  readonly texts: (string | null)[];
  /** Per field: the run's text as UTF-8, or null (compare characters). */
  readonly bytes: (Uint8Array | null)[];
  /** Per field with bytes: each cell's start and end in them (the character offsets themselves for ASCII text). */
  readonly byteStarts: Int32Array[];
  readonly byteEnds: Int32Array[];
  /** Per field read cell by cell: the text holding each row's cell. */
  readonly rowTexts: (string | null)[][];
  readonly starts: Int32Array[];
  readonly ends: Int32Array[];
  private readonly span = new Int32Array(2);
  private readonly cursor = new Int32Array(1);
  /** Per field, reused from run to run: byte buffers, byte offsets, and the non-ASCII positions of its text with the bytes added up to each. */
  private readonly buffers: Uint8Array[];
  private readonly ownStarts: Int32Array[];
  private readonly ownEnds: Int32Array[];
  private readonly wide: Wide[];

  /** `columns`: a table column per field, -1 for a field the table lacks (every cell missing). */
  constructor(
    private readonly table: Table,
    private readonly columns: readonly number[],
  ) {
    this.texts = columns.map(() => '');
    this.bytes = columns.map(() => null);
    this.rowTexts = columns.map(() => []);
    this.starts = columns.map(() => new Int32Array(CHUNK_ROWS).fill(-1));
    this.ends = columns.map(() => new Int32Array(CHUNK_ROWS));
    this.byteStarts = [...this.starts];
    this.byteEnds = [...this.ends];
    this.buffers = columns.map(() => new Uint8Array(0));
    this.ownStarts = columns.map(() => new Int32Array(0));
    this.ownEnds = columns.map(() => new Int32Array(0));
    this.wide = columns.map(() => ({ at: new Int32Array(64), extra: new Int32Array(64), count: 0 }));
  }

  /** Reads rows `[from, to)`, which must lie inside one chunk of {@link CHUNK_ROWS} rows. */
  load(from: number, to: number): void {
    this.from = from;
    this.to = to;
    const { table, columns, texts, bytes } = this;
    const runOf = table.columnSpans;
    for (let f = 0; f < columns.length; f++) {
      const c = columns[f] as number;
      bytes[f] = null;
      if (c < 0) continue; // starts stay -1: missing
      const st = this.starts[f] as Int32Array;
      const en = this.ends[f] as Int32Array;
      const text = runOf === undefined ? null : runOf.call(table, c, from, to, st, en);
      texts[f] = text;
      if (text === null) this.loadCells(f, c, st, en);
      else if (to - from >= BYTES_RUN) this.toBytes(f, text);
    }
  }

  /** The string holding field `f` of row `from + i`. */
  textOf(f: number, i: number): string {
    return this.texts[f] ?? (this.rowTexts[f] as (string | null)[])[i] ?? '';
  }

  /** Field `f`'s text as bytes (that of an earlier field with the same text when there is one) and its cells' byte offsets. */
  private toBytes(f: number, text: string): void {
    const same = this.texts.indexOf(text);
    const owner = same >= 0 && same < f && this.bytes[same] !== null ? same : f;
    if (owner === f && !this.encode(f, text)) return;
    this.bytes[f] = this.bytes[owner] as Uint8Array;
    const wide = this.wide[owner] as Wide;
    if (wide.count === 0) {
      this.byteStarts[f] = this.starts[f] as Int32Array;
      this.byteEnds[f] = this.ends[f] as Int32Array;
      return;
    }
    const n = this.to - this.from;
    if ((this.ownStarts[f] as Int32Array).length < n) {
      this.ownStarts[f] = new Int32Array(CHUNK_ROWS);
      this.ownEnds[f] = new Int32Array(CHUNK_ROWS);
    }
    const bs = (this.byteStarts[f] = this.ownStarts[f] as Int32Array);
    const be = (this.byteEnds[f] = this.ownEnds[f] as Int32Array);
    const st = this.starts[f] as Int32Array;
    const en = this.ends[f] as Int32Array;
    const k = this.cursor;
    k[0] = 0;
    for (let i = 0; i < n; i++) {
      const s = st[i] as number;
      if (s < 0) {
        bs[i] = -1;
        continue;
      }
      bs[i] = toByteOffset(wide, s, k);
      be[i] = toByteOffset(wide, en[i] as number, k);
    }
  }

  /**
   * Encodes field `f`'s text as UTF-8 into its buffer and notes where it is not ASCII. False
   * (no bytes) for text with a surrogate code unit.
   */
  private encode(f: number, text: string): boolean {
    let buf = this.buffers[f] as Uint8Array;
    const wide = this.wide[f] as Wide;
    wide.count = 0;
    if (buf.length < text.length) buf = this.buffers[f] = new Uint8Array(Math.max(text.length, buf.length * 2));
    // Exactly as long as the text: a non-ASCII code unit (two bytes or more) stops it short.
    const done = encoder.encodeInto(text, buf.subarray(0, text.length));
    if (done.read !== text.length || done.written !== text.length) {
      if (!this.scan(wide, text)) return false;
      const size = text.length + (wide.extra[wide.count - 1] as number);
      if (buf.length < size) buf = this.buffers[f] = new Uint8Array(Math.max(size, buf.length * 2));
      encoder.encodeInto(text, buf);
    }
    this.bytes[f] = buf;
    return true;
  }

  /** The positions of the text's non-ASCII code units and the extra bytes up to each; false at a surrogate. */
  private scan(wide: Wide, text: string): boolean {
    NON_ASCII.lastIndex = 0;
    let extra = 0;
    let count = 0;
    for (let m = NON_ASCII.exec(text); m !== null; m = NON_ASCII.exec(text)) {
      const end = m.index + m[0].length;
      for (let p = m.index; p < end; p++) {
        const c = text.charCodeAt(p);
        if (c >= 0xd800 && c <= 0xdfff) return false;
        extra += c < 0x800 ? 1 : 2;
        if (count === wide.at.length) {
          const at = new Int32Array(count * 2);
          const ex = new Int32Array(count * 2);
          at.set(wide.at);
          ex.set(wide.extra);
          wide.at = at;
          wide.extra = ex;
        }
        wide.at[count] = p;
        wide.extra[count] = extra;
        count++;
      }
    }
    wide.count = count;
    return true;
  }

  private loadCells(f: number, c: number, st: Int32Array, en: Int32Array): void {
    const { table, span } = this;
    const out = this.rowTexts[f] as (string | null)[];
    const spanOf = table.cellSpan;
    for (let r = this.from; r < this.to; r++) {
      const i = r - this.from;
      let text: string | null;
      if (spanOf !== undefined) {
        text = spanOf.call(table, r, c, span);
        st[i] = text === null ? -1 : (span[0] as number);
        en[i] = span[1] as number;
      } else {
        text = table.cell(r, c);
        st[i] = text === null ? -1 : 0;
        en[i] = text === null ? 0 : text.length;
      }
      out[i] = text;
    }
  }
}

/**
 * Whether row `i` of run `a` and row `j` of run `b` hold exactly the same text (missing equal to
 * missing only) in every field. Equal text has equal canonical form, so such a pair is unchanged;
 * a pair that differs here may still be canonically equal (NFC), and is compared again in
 * canonical form.
 */
export function sameText(a: RunSpans, i: number, b: RunSpans, j: number): boolean {
  const nf = a.starts.length;
  for (let f = 0; f < nf; f++) {
    const sa = (a.starts[f] as Int32Array)[i] as number;
    const sb = (b.starts[f] as Int32Array)[j] as number;
    if (sa < 0 || sb < 0) {
      if (sa >= 0 || sb >= 0) return false;
      continue;
    }
    const xa = a.bytes[f];
    const xb = b.bytes[f];
    if (xa != null && xb != null) {
      // UTF-8 is one-to-one on text without surrogates (which has no bytes), so equal bytes are equal text.
      const pa = (a.byteStarts[f] as Int32Array)[i] as number;
      const pb = (b.byteStarts[f] as Int32Array)[j] as number;
      const size = ((a.byteEnds[f] as Int32Array)[i] as number) - pa;
      if (((b.byteEnds[f] as Int32Array)[j] as number) - pb !== size) return false;
      for (let k = 0; k < size; k++) if (xa[pa + k] !== xb[pb + k]) return false;
      continue;
    }
    const len = ((a.ends[f] as Int32Array)[i] as number) - sa;
    if (((b.ends[f] as Int32Array)[j] as number) - sb !== len) return false;
    const ta = a.textOf(f, i);
    const tb = b.textOf(f, j);
    if (ta === tb && sa === sb) continue;
    for (let k = 0; k < len; k++) if (ta.charCodeAt(sa + k) !== tb.charCodeAt(sb + k)) return false;
  }
  return true;
}
