import type { Cell } from '../model/cell';
import { CHUNK_ROWS } from '../model/chunk-layout';
import type { Table } from '../model/table';

/**
 * Version of the canonical record form below. It is stored with every saved fingerprint; any
 * change to the bytes a record produces must bump it (the golden test in
 * `test/unit/core/diff/canonical-form.test.ts` fails loudly otherwise).
 *
 * Canonical form v1 of a record (fields in schema order, as the caller passes them):
 * each field is `~` when missing (`null`), else `<n>:<text>` where `<text>` is the value
 * NFC-normalised (UAX #15) and `<n>` its UTF-8 byte length in ASCII decimal, netstring style
 * (https://cr.yp.to/proto/netstrings.txt). The record is the concatenation, encoded as UTF-8.
 * So `["a,b","c"]` is `3:a,b1:c` and `["a","b,c"]` is `1:a3:b,c`; `''` is `0:`, `null` is `~`.
 * A lone surrogate encodes as U+FFFD (WHATWG Encoding), the one case where two different
 * strings share a form; decoded text files cannot contain one.
 */
export const CANONICAL_VERSION = 1;

// oxlint-disable-next-line no-control-regex -- any code unit above ASCII
const NON_ASCII = /[^\u0000-\u007f]/;
/** Every code point below U+0300 has NFC_Quick_Check=Yes, so such text is already NFC. */
const MAY_CHANGE_UNDER_NFC = /[\u0300-\uffff]/;

const encoder = new TextEncoder();

/**
 * The value in Unicode Normalization Form C, skipping the call for text that cannot change.
 *
 * @example
 * toNfc('Cafe\u0301'); // 'Café' (one code point é)
 */
export function toNfc(value: string): string {
  return MAY_CHANGE_UNDER_NFC.test(value) ? value.normalize('NFC') : value;
}

/** UTF-8 byte length of a string as TextEncoder would write it. */
export function utf8Length(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

function fieldText(value: Cell): string {
  if (value === null) return '~';
  if (!NON_ASCII.test(value)) return `${value.length}:${value}`;
  const text = toNfc(value);
  return `${utf8Length(text)}:${text}`;
}

/**
 * The canonical form v1 as a string (before UTF-8 encoding). ASCII-only records, the common
 * case, take one regular-expression test for the whole record instead of one per field.
 *
 * @example
 * canonicalText(['a,b', 'c', '', null]); // '3:a,b1:c0:~'
 */
export function canonicalText(values: readonly Cell[]): string {
  let out = '';
  for (const v of values) out += v === null ? '~' : `${v.length}:${v}`;
  if (!NON_ASCII.test(out)) return out;
  out = '';
  for (const v of values) out += fieldText(v);
  return out;
}

/**
 * The canonical form v1 of one record as UTF-8 bytes: what a record fingerprint digests.
 * Pass the fields in schema order, not file order.
 *
 * @example
 * new TextDecoder().decode(canonicalRecord(['Ada', null, ''])); // '3:Ada~0:'
 */
export function canonicalRecord(values: readonly Cell[]): Uint8Array {
  return encoder.encode(canonicalText(values));
}

/** Every record of one side in canonical form, back to back: record `r` is `bytes[offsets[r]..offsets[r + 1])`. */
export interface EncodedRecords {
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

/** A record's canonical bytes, without copying. */
export function recordBytes(encoded: EncodedRecords, row: number): Uint8Array {
  const { offsets } = encoded;
  return encoded.bytes.subarray(offsets[row] ?? 0, offsets[row + 1] ?? 0);
}

/**
 * Encodes every row of a table in canonical form. `columns` holds a table column index per
 * schema field, or -1 for a field the table lacks (read as missing). `checkpoint` is awaited
 * every 4,096 rows so a worker can hear "cancel". With `order`, record `p` of the result is row
 * `order[p]` (rows not in `order` are left out): the diff's key order, where a bucket or a page
 * of records is one contiguous view, digested without a further copy.
 *
 * @example
 * const enc = await encodeRecords(tableFromRows(['a'], [['x']]), [0]);
 * enc.offsets; // Uint32Array [0, 3]
 */
export async function encodeRecords(
  table: Table,
  columns: readonly number[],
  checkpoint: () => Promise<void> = async () => {},
  order?: Int32Array,
): Promise<EncodedRecords> {
  const n = table.rowCount;
  // Room for the records twice when they are to be reordered: see `reorder`. Pages of the
  // buffer never written are never touched, so the spare room costs address space only.
  const estimate = Math.max(1024, estimateSize(table, columns));
  const records = new RecordEncoder(table, columns, order === undefined ? estimate : 2 * estimate);
  const offsets = new Uint32Array(n + 1);
  // Rows in order: the table's chunks are read sequentially (random order costs ~3× in cache
  // misses).
  for (let from = 0; from < n; from += 4096) {
    const to = Math.min(n, from + 4096);
    records.encode(from, to, offsets, from + 1);
    await checkpoint();
  }
  if (order === undefined) return { bytes: records.bytes.subarray(0, records.pos), offsets };
  return reorder(records, offsets, order);
}

/**
 * The encoded rows laid out again in `order`, in the same buffer right after them: one native
 * `copyWithin` per record (a memmove), where copying into a separate array took a byte loop or a
 * `subarray()` view per record, both ~2× slower at 1M records of ~120 bytes (measured). Rows are
 * visited in row order (sequential reads, scattered writes): ~2× faster than visiting them in
 * sorted order, whose random reads stall on cache misses (measured).
 */
export function reorder(records: RecordEncoder, offsets: Uint32Array, order: Int32Array): EncodedRecords {
  const m = order.length;
  const outOffsets = new Uint32Array(m + 1);
  const place = new Int32Array(offsets.length - 1).fill(-1);
  for (let p = 0; p < m; p++) {
    const r = order[p] as number;
    place[r] = p;
    outOffsets[p + 1] = (outOffsets[p] as number) + (offsets[r + 1] as number) - (offsets[r] as number);
  }
  const base = records.pos;
  const size = outOffsets[m] as number;
  records.reserve(base + size);
  const bytes = records.bytes;
  for (let r = 0; r < place.length; r++) {
    const p = place[r] as number;
    if (p >= 0) bytes.copyWithin(base + (outOffsets[p] as number), offsets[r] as number, offsets[r + 1] as number);
  }
  return { bytes: bytes.subarray(base, base + size), offsets: outOffsets };
}

/**
 * Writes records in canonical form into one growing buffer. A packed table is read through
 * `cellSpan`, straight from the chunk's joined text, so no string is made per cell (measured:
 * most of the encoding time was those strings and their garbage). One loop per code unit for
 * ASCII beats one `encodeInto` call per field, and beats building a record string and encoding
 * that (measured).
 */
export class RecordEncoder {
  bytes: Uint8Array;
  /** Bytes written so far. */
  pos = 0;
  private readonly span = new Int32Array(2);
  private readonly spanOf: Table['cellSpan'];
  private readonly runOf: Table['columnSpans'];
  /** Per field, a run's cell starts and ends and the text holding them (run by run). */
  private readonly starts: Int32Array[];
  private readonly ends: Int32Array[];
  private readonly texts: (string | null)[];
  /** Per field, how this run reads it: {@link MISSING}, {@link BY_RUN}, {@link BY_BYTES} or {@link BY_CELL}. */
  private readonly mode: Uint8Array;
  /** Per field, the last run text's UTF-8 bytes ({@link asciiBytes}), that text, and whether it was ASCII. */
  private readonly raw: Uint8Array[];
  private readonly rawOf: (string | null)[];
  private readonly rawAscii: Uint8Array;
  /**
   * Per field, the field whose `raw` holds this run's bytes: itself, or an earlier field of the
   * run with the very same text. The CSV reader's columns share one text per block of rows, so
   * without this each field encoded the whole block again (12 columns: 12 times the block).
   */
  private readonly rawAt: Int32Array;

  constructor(
    private readonly table: Table,
    private readonly columns: readonly number[],
    size = 1 << 16,
  ) {
    this.bytes = new Uint8Array(size);
    this.spanOf = table.cellSpan?.bind(table);
    this.runOf = table.columnSpans?.bind(table);
    const runs = this.runOf === undefined ? 0 : RUN_ROWS;
    this.starts = columns.map(() => new Int32Array(runs));
    this.ends = columns.map(() => new Int32Array(runs));
    this.texts = columns.map(() => null);
    this.mode = new Uint8Array(columns.length);
    this.raw = columns.map(() => new Uint8Array(0));
    this.rawOf = columns.map(() => null);
    this.rawAscii = new Uint8Array(columns.length);
    this.rawAt = new Int32Array(columns.length);
  }

  /** Makes the buffer at least `size` bytes long, keeping what was written. */
  reserve(size: number): void {
    if (this.bytes.length < size) this.bytes = grow(this.bytes, this.pos, size);
  }

  /** Starts writing at the beginning of the buffer again (a block at a time). */
  rewind(): void {
    this.pos = 0;
  }

  /** Encodes rows `[from, to)`; the end of row `from + i` goes to `ends[endsAt + i]`. */
  encode(from: number, to: number, ends: Uint32Array, endsAt: number): void {
    // Runs that stay inside one chunk of 4,096 rows: each column's spans in one call.
    for (let r0 = from; r0 < to; ) {
      const r1 = Math.min(to, (Math.floor(r0 / RUN_ROWS) + 1) * RUN_ROWS);
      this.encodeRun(r0, r1, ends, endsAt + r0 - from);
      r0 = r1;
    }
  }

  /**
   * Encodes the listed rows from the cells an NDJSON writer has just written
   * (`NdjsonBytesWriter.captureCells`, core/write/ndjson-bytes.ts): a cell that lies there as
   * it is (unescaped UTF-8, NFC as it is) is copied from `src`, a missing one is `~`, and any
   * other is read from the table as {@link encode} reads it. So a commit reads each cell once for
   * both of its encodings, the snapshot's and the fingerprints' (docs/architecture.md, "Commit").
   * `rows[0..count)` are table rows; row `r` is record `r - capturedFrom` of the capture; the end
   * of the `i`-th goes to `ends[endsAt + i]`.
   */
  encodeCaptured(
    src: Uint8Array,
    cap: { readonly leaves: number; readonly slotOf: Int32Array; readonly starts: Int32Array; readonly ends: Int32Array },
    capturedFrom: number,
    rows: Int32Array,
    count: number,
    ends: Uint32Array,
    endsAt: number,
  ): void {
    const { columns } = this;
    const nf = columns.length;
    const { leaves, slotOf, starts: cs, ends: ce } = cap;
    for (let i = 0; i < count; i++) {
      const r = rows[i] as number;
      const base = (r - capturedFrom) * leaves;
      for (let f = 0; f < nf; f++) {
        const c = columns[f] as number;
        if (c < 0) {
          this.writeMissing();
          continue;
        }
        const k = c < slotOf.length ? (slotOf[c] as number) : -1;
        const s = k < 0 ? -2 : (cs[base + k] as number);
        if (s >= 0) this.writeAscii(src, s, ce[base + k] as number);
        else if (s === -1) this.writeMissing();
        else this.writeOne(r, c);
      }
      ends[endsAt + i] = this.pos;
    }
  }

  /**
   * Encodes the rows `rows[0..count)`, ascending (a sparse choice of them: a batch of the keyed
   * digest's pages, dataset-digest.ts); the end of the `i`-th goes to `ends[endsAt + i]`. Each
   * chunk's listed rows are read as one run of {@link encode} reads it.
   */
  encodeRows(rows: Int32Array, count: number, ends: Uint32Array, endsAt: number): void {
    for (let i = 0; i < count; ) {
      const r0 = rows[i] as number;
      const chunkEnd = (Math.floor(r0 / RUN_ROWS) + 1) * RUN_ROWS;
      let j = i + 1;
      while (j < count && (rows[j] as number) < chunkEnd) j++;
      this.readRun(r0, (rows[j - 1] as number) + 1, j - i);
      this.writeRows(r0, rows, i, j, ends, endsAt + i);
      i = j;
    }
  }

  /** Rows `[from, to)` inside one chunk. */
  private encodeRun(from: number, to: number, ends: Uint32Array, endsAt: number): void {
    this.readRun(from, to, to - from);
    this.writeRows(from, null, from, to, ends, endsAt);
  }

  /**
   * Reads the spans of rows `[from, to)` inside one chunk, of which `written` are to be written.
   * Each field is read a column run at a time where the table can give one
   * ({@link Table.columnSpans}), else cell by cell for that field alone: a mapped column with a
   * few transformed cells, or a picklist field, does not send the other fields of the run down
   * the slow path. A run's texts are turned into bytes whole only when at least half its rows,
   * and {@link BYTES_RUN} of them, are written: the bytes cost the whole text. A run of which
   * fewer than one row in {@link SPARSE_RUN} is written reads its cells one by one, as its spans
   * cost the whole run: a keyed digest's batch of a 1M-row side in 8 MiB batches (one row in
   * ~22 of each chunk) took 3.4 s so against 4.1 s through the spans (Node,
   * bench/memory-path.mjs).
   */
  private readRun(from: number, to: number, written: number): void {
    const { columns, texts, starts: st, ends: en, mode } = this;
    const runOf = this.runOf;
    const nf = columns.length;
    const whole = written >= BYTES_RUN && 2 * written >= to - from;
    const sparse = written * SPARSE_RUN < to - from;
    for (let f = 0; f < nf; f++) {
      const c = columns[f] as number;
      texts[f] = null;
      if (c < 0) mode[f] = MISSING;
      else {
        const text = runOf === undefined || sparse ? null : runOf(c, from, to, st[f] as Int32Array, en[f] as Int32Array);
        texts[f] = text;
        const same = text === null ? -1 : texts.indexOf(text);
        if (same >= 0 && same < f) {
          mode[f] = mode[same] as number;
          this.rawAt[f] = this.rawAt[same] as number;
        } else {
          this.rawAt[f] = f;
          mode[f] = text === null ? BY_CELL : whole && this.asciiBytes(f, text) ? BY_BYTES : BY_RUN;
        }
      }
    }
  }

  /**
   * Writes the rows {@link readRun} read from `from` on: `rows[a..b)`, or with no list the rows
   * `[a, b)`; the end of the `k`-th written goes to `ends[endsAt + k]`.
   */
  private writeRows(from: number, rows: Int32Array | null, a: number, b: number, ends: Uint32Array, endsAt: number): void {
    const { columns, texts, starts: st, ends: en, mode } = this;
    const nf = columns.length;
    const raw = this.raw;
    for (let k = a; k < b; k++) {
      const r = rows === null ? k : (rows[k] as number);
      const i = r - from;
      for (let f = 0; f < nf; f++) {
        const m = mode[f];
        if (m === BY_BYTES) {
          const s = (st[f] as Int32Array)[i] as number;
          if (s < 0) this.writeMissing();
          else this.writeAscii(raw[this.rawAt[f] as number] as Uint8Array, s, (en[f] as Int32Array)[i] as number);
        } else if (m === BY_RUN) {
          const s = (st[f] as Int32Array)[i] as number;
          if (s < 0) this.writeMissing();
          else this.writeCell(texts[f] as string, s, (en[f] as Int32Array)[i] as number);
        } else if (m === MISSING) this.writeMissing();
        else this.writeOne(r, columns[f] as number);
      }
      ends[endsAt + k - a] = this.pos;
    }
  }

  /**
   * True when the run's text is ASCII, with its bytes in `raw[f]` (then a character offset is a
   * byte offset). One native `encodeInto` per chunk and field, cached by the text's identity, so
   * the cells are copied from a byte array: reading the chunk's string a code unit at a time cost
   * about twice as much (the joined text is a sliced string, and `charCodeAt` unwraps it on every
   * call; measured, bench/diff-node.mjs). The scratch is exactly as long as the text, so text
   * with a non-ASCII code unit stops the encoder early and is told apart in the same call.
   */
  private asciiBytes(f: number, text: string): boolean {
    if (this.rawOf[f] === text) return this.rawAscii[f] === 1;
    // A regular expression stops at the first non-ASCII character; `encodeInto` (in Chromium)
    // copies the whole string before it looks at any, ~1.6 s of a 1M-row commit's engine thread
    // spent on texts that were not ASCII after all (bench/whole-path.mjs with WHOLE_PATH_TRACE).
    if (NON_ASCII.test(text)) {
      this.rawOf[f] = text;
      this.rawAscii[f] = 0;
      return false;
    }
    let buf = this.raw[f] as Uint8Array;
    if (buf.length < text.length) buf = this.raw[f] = new Uint8Array(Math.max(text.length, buf.length * 2));
    const done = encoder.encodeInto(text, buf.subarray(0, text.length));
    const ascii = done.read === text.length && done.written === text.length;
    this.rawOf[f] = text;
    this.rawAscii[f] = ascii ? 1 : 0;
    return ascii;
  }

  /** Writes the ASCII cell `src[s..e)` as `<n>:<text>`. */
  private writeAscii(src: Uint8Array, s: number, e: number): void {
    const len = e - s;
    if (this.pos + len + 11 > this.bytes.length) this.bytes = grow(this.bytes, this.pos, this.pos + len + 11);
    const bytes = this.bytes;
    let pos = writeLength(bytes, this.pos, len);
    for (let k = s; k < e; k++) bytes[pos++] = src[k] as number;
    this.pos = pos;
  }


  /** One cell: through `cellSpan` when the table has it, else `cell`. */
  private writeOne(r: number, c: number): void {
    const spanOf = this.spanOf;
    if (spanOf !== undefined) {
      const span = this.span;
      const text = spanOf(r, c, span);
      if (text === null) this.writeMissing();
      else this.writeCell(text, span[0] as number, span[1] as number);
    } else {
      const text = this.table.cell(r, c);
      if (text === null) this.writeMissing();
      else this.writeCell(text, 0, text.length);
    }
  }

  private writeMissing(): void {
    if (this.pos >= this.bytes.length) this.bytes = grow(this.bytes, this.pos, this.pos + 1);
    this.bytes[this.pos++] = 0x7e; // '~'
  }

  /**
   * Writes the cell `text[s..e)` as `<n>:<text>`. Kept small (ASCII only, the common case) so
   * the compiler inlines it into the row loop: any other text goes to {@link writeWide}.
   */
  private writeCell(text: string, s: number, e: number): void {
    const len = e - s;
    // Worst case: 3 bytes per UTF-16 code unit, up to 10 length digits and the colon.
    if (this.pos + len * 3 + 11 > this.bytes.length) this.bytes = grow(this.bytes, this.pos, this.pos + len * 3 + 11);
    const bytes = this.bytes;
    const start = this.pos;
    let pos = writeLength(bytes, start, len);
    // Byte by byte for ASCII; at the first non-ASCII code unit, start the field again.
    for (let i = s; i < e; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.writeWide(text, s, e, i);
        return;
      }
      bytes[pos++] = code;
    }
    this.pos = pos;
  }

  /** {@link writeCell} for a cell with a non-ASCII code unit, the first at `i`. */
  private writeWide(text: string, s: number, e: number, i: number): void {
    const bytes = this.bytes;
    const start = this.pos;
    let pos: number;
    // Below U+0300 (Latin-1 and Latin Extended: é, ø, ß) text is already NFC (see `toNfc`),
    // and so is text of CJK ideographs (`nfcStable`); each code unit is one to three UTF-8 bytes:
    // counted, then written, with no string made. Accented names are common enough that slicing
    // and normalising them cost ~15% of encoding (measured, bench/compare-engine.mjs), and
    // Chinese names too (a commit's engine thread, in the page).
    let size = i - s;
    for (let k = i; k < e; k++) {
      const code = text.charCodeAt(k);
      if (code < 0x300) size += code < 0x80 ? 1 : 2;
      else if (nfcStable(code)) size += 3;
      else {
        size = -1;
        break;
      }
    }
    if (size >= 0) {
      pos = writeLength(bytes, start, size);
      for (let k = s; k < e; k++) {
        const code = text.charCodeAt(k);
        if (code < 0x80) bytes[pos++] = code;
        else if (code < 0x800) {
          bytes[pos++] = 0xc0 | (code >> 6);
          bytes[pos++] = 0x80 | (code & 0x3f);
        } else {
          bytes[pos++] = 0xe0 | (code >> 12);
          bytes[pos++] = 0x80 | ((code >> 6) & 0x3f);
          bytes[pos++] = 0x80 | (code & 0x3f);
        }
      }
      this.pos = pos;
      return;
    }
    // NFC can lengthen text (U+0958 becomes two code units: a composition exclusion), so the
    // room reserved above from `len` is not enough: size again from the normalised text.
    const value = toNfc(s === 0 && e === text.length ? text : text.slice(s, e));
    if (start + value.length * 3 + 11 > this.bytes.length) this.bytes = grow(this.bytes, start, start + value.length * 3 + 11);
    // Written here, not by `encodeInto`: in Chromium each call converts its string for the
    // engine first, a fixed cost that a cell of a few characters pays many times over.
    pos = writeLength(this.bytes, start, utf8Length(value));
    this.pos = writeUtf8(value, this.bytes, pos);
  }
}

/**
 * Whether a code unit from U+0300 up leaves text NFC whatever surrounds it: the CJK Unified
 * Ideographs and Extension A (NFC_Quick_Check=Yes, canonical combining class 0, and no
 * canonical composition starts with one; UAX #15). The compatibility ideographs (U+F900…) are
 * not: NFC maps them to unified ones.
 */
function nfcStable(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * Writes `value` as UTF-8 at `bytes[pos..)`, as `TextEncoder` does (a lone surrogate becomes
 * U+FFFD, like {@link utf8Length} counts it); returns the new position. The caller made room.
 */
function writeUtf8(value: string, bytes: Uint8Array, pos: number): number {
  for (let k = 0; k < value.length; k++) {
    let code = value.charCodeAt(k);
    if (code < 0x80) {
      bytes[pos++] = code;
      continue;
    }
    if (code < 0x800) {
      bytes[pos++] = 0xc0 | (code >> 6);
      bytes[pos++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = k + 1 < value.length ? value.charCodeAt(k + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        bytes[pos++] = 0xf0 | (cp >> 18);
        bytes[pos++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[pos++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[pos++] = 0x80 | (cp & 0x3f);
        k++;
        continue;
      }
      code = 0xfffd;
    }
    bytes[pos++] = 0xe0 | (code >> 12);
    bytes[pos++] = 0x80 | ((code >> 6) & 0x3f);
    bytes[pos++] = 0x80 | (code & 0x3f);
  }
  return pos;
}

/** Rows per run: the packed table's chunk size, so a run is one chunk of each column. */
const RUN_ROWS = CHUNK_ROWS;
/** A field the table lacks: every cell missing. */
const MISSING = 0;
/** A field read through one `columnSpans` call for the run. */
const BY_RUN = 1;
/** A field read cell by cell (`cellSpan`, else `cell`). */
const BY_CELL = 2;
/** A field read through `columnSpans` whose text is ASCII: cells copied from its bytes. */
const BY_BYTES = 3;
/** Rows a run needs before its texts are turned into bytes whole (a commit's short runs of changed rows read characters). */
const BYTES_RUN = 256;
/**
 * A run of which fewer than one row in this many is written reads each written cell on its
 * own (`cellSpan`): its spans would cost the whole run.
 */
const SPARSE_RUN = 8;

/** Bytes for the whole table, from its first 64 rows plus a tenth, so growing is rare. */
function estimateSize(table: Table, columns: readonly number[]): number {
  const sample = Math.min(64, table.rowCount);
  let chars = 0;
  for (let r = 0; r < sample; r++) {
    for (const c of columns) chars += (c < 0 ? 1 : (table.cell(r, c)?.length ?? 0) + 3);
  }
  return sample === 0 ? 0 : Math.ceil((chars / sample) * table.rowCount * 1.1);
}

function grow(bytes: Uint8Array, used: number, need: number): Uint8Array {
  const grown = new Uint8Array(Math.max(bytes.length * 2, need));
  grown.set(bytes.subarray(0, used));
  return grown;
}

/** Writes `<n>:` in ASCII decimal; returns the new position. No string is made (String(n) per field cost ~10% of encoding). */
function writeLength(bytes: Uint8Array, pos: number, n: number): number {
  if (n < 10) {
    bytes[pos] = 0x30 + n;
    bytes[pos + 1] = 0x3a; // ':'
    return pos + 2;
  }
  // Two digits, most cells (names, e-mail addresses, dates): no division loop.
  if (n < 100) {
    const tens = (n * 205) >> 11; // n / 10 rounded down, exact below 1,029
    bytes[pos] = 0x30 + tens;
    bytes[pos + 1] = 0x30 + n - tens * 10;
    bytes[pos + 2] = 0x3a;
    return pos + 3;
  }
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  const end = pos + digits;
  for (let x = n, k = end - 1; k >= pos; k--, x = Math.floor(x / 10)) bytes[k] = 0x30 + (x % 10);
  bytes[end] = 0x3a;
  return end + 1;
}
