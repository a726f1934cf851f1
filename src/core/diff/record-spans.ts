import { CHUNK_ROWS } from '../model/chunk-layout';
import { CELL_ASIDE, type Table } from '../model/table';

const encoder = new TextEncoder();
// oxlint-disable-next-line no-control-regex -- any code unit above ASCII
const NON_ASCII = /[^\u0000-\u007f]/;
/** Runs shorter than this are read as characters: turning their whole text into bytes would cost more. */
const BYTES_RUN = 256;
/** Cells of a field compared as characters in a run (at least; an eighth of a long run) before its text is turned into bytes. */
const BYTES_AFTER = 64;

/**
 * The compared fields of a run of rows (inside one chunk of the table) as spans of the strings
 * that hold them, with no string made per cell: field `f` of row `from + i` is
 * `textOf(f, i)[starts[f][i] .. ends[f][i])`, or missing where `starts[f][i]` is -1. A field the
 * table reads a run at a time ({@link Table.columnSpans}) has one text for the run; any other
 * (a picklist field, an edited cell, a run with left-out rows) is asked cell by cell, through
 * `cellSpan`, else `cell`, and keeps a text per row.
 *
 * Most runs are compared a range at a time (`compareRun`, run-compare.ts), natively. Where cells
 * are compared one by one, a long run's text that is ASCII is also held as bytes (`bytesOf`, one
 * native `encodeInto` per text once enough of its cells were asked for, shared by the fields that
 * share the text: a CSV block's columns do), and its cells compared byte by byte: `charCodeAt` on the chunk texts, which are sliced strings, costs several times as
 * much. Text with any other character is compared a code unit at a time: turning it into UTF-8
 * and every cell's offsets into byte offsets cost more than it saved (measured at 1M contacts
 * with accented and Chinese names, bench/compare-engine.mjs).
 */
export class RunSpans {
  from = 0;
  to = 0;
  /** Per field: the run's one text, or null when the field keeps a text per row ({@link rowTexts}). */
  readonly texts: (string | null)[];
  /** Per field: the run's text as bytes when it is ASCII (a character offset is then a byte offset), else null. */
  readonly bytes: (Uint8Array | null)[];
  /**
   * Per field read cell by cell: the text holding each row's cell. Per field with a run text
   * and cells aside ({@link aside}): the text holding each such cell, null for the others.
   */
  readonly rowTexts: (string | null)[][];
  /**
   * Per field: 1 when some of the run's cells are not in its text (`Table.columnSpansAside`: a
   * mapped column whose transforms changed a few cells of the chunk, an edited cell); those
   * cells' strings are in {@link rowTexts}.
   */
  readonly aside: Uint8Array;
  readonly starts: Int32Array[];
  readonly ends: Int32Array[];
  private readonly span = new Int32Array(2);
  /** Byte buffers per field, reused from run to run. */
  private readonly buffers: Uint8Array[];
  /** Per field: 1 once {@link bytesOf} has decided its bytes for this run. */
  private readonly encoded: Uint8Array;
  /** Per field: cells asked for as bytes in this run so far. */
  private readonly asked: Int32Array;

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
    this.buffers = columns.map(() => new Uint8Array(0));
    this.encoded = new Uint8Array(columns.length);
    this.asked = new Int32Array(columns.length);
    this.aside = new Uint8Array(columns.length);
  }

  /** Reads rows `[from, to)`, which must lie inside one chunk of {@link CHUNK_ROWS} rows. */
  load(from: number, to: number): void {
    this.from = from;
    this.to = to;
    const { table, columns, texts, bytes } = this;
    const runOf = table.columnSpans;
    const asideOf = table.columnSpansAside;
    for (let f = 0; f < columns.length; f++) {
      const c = columns[f] as number;
      bytes[f] = null;
      this.encoded[f] = 0;
      this.asked[f] = 0;
      this.aside[f] = 0;
      if (c < 0) continue; // starts stay -1: missing
      const st = this.starts[f] as Int32Array;
      const en = this.ends[f] as Int32Array;
      // Where the table marks cells aside, one call gives the run either way (none aside: the
      // same run `columnSpans` gives); asking `columnSpans` first worked a declined run out twice.
      let text: string | null;
      if (asideOf !== undefined) {
        text = asideOf.call(table, c, from, to, st, en);
        if (text !== null) this.loadAside(f, c, st, en);
      } else text = runOf === undefined ? null : runOf.call(table, c, from, to, st, en);
      texts[f] = text;
      if (text === null) this.loadCells(f, c, st, en);
      // A short run's text is never worth turning into bytes: marked as done, with none.
      else if (to - from < BYTES_RUN) this.encoded[f] = 1;
    }
  }

  /**
   * Field `f`'s run text as bytes when it is ASCII, else null. Encoded only once the run's cells
   * of the field have been asked for {@link BYTES_AFTER} times, or an eighth of the run's rows: most runs are compared as ranges
   * (`compareRun`), and a few cells compared as characters cost less than encoding the whole run.
   */
  bytesOf(f: number): Uint8Array | null {
    if (this.encoded[f] === 0) {
      const asked = (this.asked[f] as number) + 1;
      this.asked[f] = asked;
      if (asked < Math.max(BYTES_AFTER, (this.to - this.from) >> 3)) return null;
      this.encoded[f] = 1;
      const text = this.texts[f];
      if (text != null) this.toBytes(f, text);
    }
    return this.bytes[f] ?? null;
  }

  /** The string holding field `f` of row `from + i`. */
  textOf(f: number, i: number): string {
    const text = this.texts[f] ?? null;
    if (text === null) return (this.rowTexts[f] as (string | null)[])[i] ?? '';
    if (this.aside[f] === 0) return text;
    return (this.rowTexts[f] as (string | null)[])[i] ?? text;
  }

  /** Whether field `f` of row `from + i` is a cell aside: not in the run's text, though the field has one. */
  isAside(f: number, i: number): boolean {
    return this.aside[f] === 1 && (this.rowTexts[f] as (string | null)[])[i] != null;
  }

  /** Field `f`'s text as bytes when ASCII: those of an earlier field with the same text, else encoded once. */
  private toBytes(f: number, text: string): void {
    for (let g = 0; g < f; g++) {
      if (this.texts[g] === text && this.encoded[g] === 1) {
        this.bytes[f] = this.bytes[g] ?? null;
        return;
      }
    }
    // A regular expression stops at the first non-ASCII character; `encodeInto` (in Chromium)
    // copies the whole string before it looks at any (as in core/write/ndjson-bytes.ts).
    if (NON_ASCII.test(text)) {
      this.bytes[f] = null;
      return;
    }
    let buf = this.buffers[f] as Uint8Array;
    if (buf.length < text.length)
      buf = this.buffers[f] = new Uint8Array(Math.max(text.length, buf.length * 2));
    // Exactly as long as the text: a non-ASCII code unit (two bytes or more) stops it short.
    const done = encoder.encodeInto(text, buf.subarray(0, text.length));
    this.bytes[f] = done.read === text.length && done.written === text.length ? buf : null;
  }

  /** The cells {@link Table.columnSpansAside} marked aside, asked for one by one. */
  private loadAside(f: number, c: number, st: Int32Array, en: Int32Array): void {
    const n = this.to - this.from;
    // Most runs have no cell aside: one native search says so (a loop over the run's rows for
    // each field of both sides was ~13% of a 1M-row compare in Node, bench/compare-engine.mjs).
    const first = st.subarray(0, n).indexOf(CELL_ASIDE);
    if (first === -1) return;
    const out = this.rowTexts[f] as (string | null)[];
    let any = false;
    for (let i = 0; i < first; i++) out[i] = null;
    for (let i = first; i < n; i++) {
      if (st[i] !== CELL_ASIDE) {
        out[i] = null;
        continue;
      }
      const text = this.readCell(this.from + i, c, st, en, i);
      out[i] = text;
      if (text !== null) any = true;
    }
    if (any) this.aside[f] = 1;
  }

  private loadCells(f: number, c: number, st: Int32Array, en: Int32Array): void {
    const out = this.rowTexts[f] as (string | null)[];
    for (let r = this.from; r < this.to; r++) out[r - this.from] = this.readCell(r, c, st, en, r - this.from);
  }

  /** One cell of row `r`, column `c` on its own: its string, its span in it at `st[i]`/`en[i]` (start -1 when missing). */
  private readCell(r: number, c: number, st: Int32Array, en: Int32Array, i: number): string | null {
    const { table, span } = this;
    if (table.cellSpan !== undefined) {
      const text = table.cellSpan(r, c, span);
      st[i] = text === null ? -1 : (span[0] as number);
      en[i] = span[1] as number;
      return text;
    }
    const text = table.cell(r, c);
    st[i] = text === null ? -1 : 0;
    en[i] = text === null ? 0 : text.length;
    return text;
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
  for (let f = 0; f < nf; f++) if (!sameField(a, i, b, j, f)) return false;
  return true;
}

/** {@link sameText} over some of the fields only. */
export function sameFields(
  a: RunSpans,
  i: number,
  b: RunSpans,
  j: number,
  fields: readonly number[],
): boolean {
  for (const f of fields) if (!sameField(a, i, b, j, f)) return false;
  return true;
}

function sameField(a: RunSpans, i: number, b: RunSpans, j: number, f: number): boolean {
  const sa = (a.starts[f] as Int32Array)[i] as number;
  const sb = (b.starts[f] as Int32Array)[j] as number;
  if (sa < 0 || sb < 0) return sa < 0 && sb < 0;
  const len = ((a.ends[f] as Int32Array)[i] as number) - sa;
  if (((b.ends[f] as Int32Array)[j] as number) - sb !== len) return false;
  // A cell aside is not in its run's bytes: compared as characters.
  if (a.isAside(f, i) || b.isAside(f, j)) return sameUnits(a.textOf(f, i), sa, b.textOf(f, j), sb, len);
  // The second side first: a one-row run (the baseline read row by row) never has bytes, and
  // the other side's run is then not encoded for nothing.
  const xb = b.bytesOf(f);
  const xa = xb === null ? null : a.bytesOf(f);
  if (xa !== null && xb !== null) {
    for (let k = 0; k < len; k++) if (xa[sa + k] !== xb[sb + k]) return false;
    return true;
  }
  const ta = a.textOf(f, i);
  const tb = b.textOf(f, j);
  if (ta === tb && sa === sb) return true;
  for (let k = 0; k < len; k++) if (ta.charCodeAt(sa + k) !== tb.charCodeAt(sb + k)) return false;
  return true;
}

function sameUnits(ta: string, sa: number, tb: string, sb: number, len: number): boolean {
  if (ta === tb && sa === sb) return true;
  for (let k = 0; k < len; k++) if (ta.charCodeAt(sa + k) !== tb.charCodeAt(sb + k)) return false;
  return true;
}
