import { CHUNK_ROWS } from '../model/chunk-layout';
import { CELL_ASIDE, type Table } from '../model/table';
import { planUnflatten, type PlanNode } from './unflatten';
import { PART_BYTES, type ByteParts } from './utf8-parts';
import type { JsonValueType } from './write-types';

/**
 * A plan node with its key already as UTF-8 bytes: `"key":` for a value, `"key":{` for a group.
 * Keys go through `JSON.stringify` once per table (never per record), so they are escaped exactly
 * as {@link serializeNdjson} escapes them; `next` is the key after another member (a comma first),
 * so a member is one copy.
 */
type ByteNode =
  | {
      readonly kind: 'leaf';
      readonly key: Uint8Array;
      readonly next: Uint8Array;
      readonly column: number;
      readonly slot: number;
      /** How the value is written: 0 a string, 1 a number where it is one, 2 a boolean where it is one. */
      readonly type: 0 | 1 | 2;
    }
  | { readonly kind: 'group'; readonly key: Uint8Array; readonly next: Uint8Array; readonly close: Uint8Array; readonly children: readonly ByteNode[] };

/** How the records are laid out: NDJSON lines (the default), or the members of a JSON array. */
export interface JsonBytesOptions {
  /**
   * Per column, the value's JSON type as `serializeJson` writes it: a `number` or `boolean`
   * column writes its values unquoted where they are one, `null` for an empty cell.
   */
  readonly types?: readonly (JsonValueType | undefined)[] | undefined;
  /**
   * The records as the members of a JSON array, `JSON.stringify(rows)` (`compact`) or
   * `JSON.stringify(rows, null, 2)` (`pretty`); the brackets are the caller's ({@link jsonParts}).
   */
  readonly array?: 'compact' | 'pretty';
  /**
   * A snapshot's rows layout (docs/architecture.md, "Commit"): each record a JSON array of its
   * cells in column order, `null` for a missing cell, after a header line of the column names
   * ({@link NdjsonBytesWriter.writeHeader}); exactly `JSON.stringify` of each. Not with `array` or
   * `types`.
   */
  readonly rows?: boolean;
}

/** RFC 8259 §6 number grammar: what may be written unquoted (as in json-write.ts). */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

/** Per ASCII code unit: 0 copy as is, 1 a two-byte escape (`\"`, `\\`, `\n`…), 2 `\u00XX`. */
const ESCAPE = new Uint8Array(128);
/** The letter after the backslash, for the two-byte escapes. */
const SHORT = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ESCAPE[c] = 2;
for (const [c, letter] of [
  [0x22, 0x22], // "
  [0x5c, 0x5c], // \
  [0x08, 0x62], // b
  [0x0c, 0x66], // f
  [0x0a, 0x6e], // n
  [0x0d, 0x72], // r
  [0x09, 0x74], // t
] as const) {
  ESCAPE[c] = 1;
  SHORT[c] = letter;
}
const HEX = new TextEncoder().encode('0123456789abcdef');
const utf8 = new TextEncoder();
// oxlint-disable-next-line no-control-regex -- any code unit above ASCII
const NON_ASCII = /[^\u0000-\u007f]/;

/** Rows whose spans are read per column at once (a run never crosses a chunk of 4,096 rows). */
const RUN_ROWS = 256;
/**
 * Rows a run needs before its texts are made bytes: a short run (a commit's few changed rows
 * between unchanged ones) would encode a whole chunk's text for a few cells.
 */
const BYTES_RUN = 64;

/** A text made UTF-8 bytes, kept while it may serve the next runs. */
interface EncodedText {
  text: string | null;
  bytes: Uint8Array;
  ascii: boolean;
  /** The last run that used it. */
  run: number;
}

/**
 * Writes a table's NDJSON as UTF-8 bytes into one reused buffer, record by record: the same bytes
 * as `serializeNdjson` followed by `TextEncoder` (test/unit/core/write/ndjson-bytes.test.ts checks
 * that on seeded tables), without a string per record, per chunk or per value. A packed table's
 * cells are read where they lie (`cellSpan`: the chunk's joined text), other tables' as their
 * strings; either way the characters are copied straight into the buffer and only a character
 * JSON must escape is escaped.
 *
 * Why by hand: the library way is `JSON.stringify` per value, strings joined, then `TextEncoder`
 * — that is the path this replaces (a 1M-row commit spent most of its snapshot time making and
 * collecting those strings; docs/architecture.md, "Commit"). `TextEncoder.encodeInto` cannot do
 * the job either: it turns a lone surrogate into U+FFFD, where JSON.stringify writes `\udXXX`,
 * and it knows nothing of JSON escapes. The escapes are JSON.stringify's (ECMA-262
 * QuoteJSONString): `\"`, `\\`, `\b \f \n \r \t`, `\u00XX` (lower-case hex) for the other
 * control characters, `\udXXX` for a lone surrogate; everything else is written as UTF-8.
 *
 * @example
 * const w = new NdjsonBytesWriter(tableFromRows(['id'], [['1']]));
 * w.writeRows(0, 1);
 * new TextDecoder().decode(w.bytes.subarray(0, w.pos)); // '{"id":"1"}\n'
 */
export class NdjsonBytesWriter {
  /** The buffer written into; it grows when a record does not fit. Bytes `[0, pos)` are written. */
  bytes: Uint8Array<ArrayBuffer>;
  pos = 0;
  private readonly nodes: readonly ByteNode[];
  private readonly span = new Int32Array(2);
  private readonly spanOf: Table['cellSpan'];
  private readonly runOf: Table['columnSpans'];
  private readonly asideOf: Table['columnSpansAside'];
  /** Per leaf (its `slot`), the table column it reads, and this run's text and spans (null text: read cell by cell). */
  private readonly leafColumns: number[] = [];
  private readonly runTexts: (string | null)[] = [];
  private readonly runStarts: Int32Array[] = [];
  private readonly runEnds: Int32Array[] = [];
  /**
   * Per leaf, this run's text as bytes when it is ASCII (a character offset is then a byte
   * offset), else null; from a cache of texts made bytes ({@link asciiBytes}).
   */
  private readonly runBytes: (Uint8Array | null)[] = [];
  private readonly encoded: EncodedText[] = [];
  /** Per leaf, the cache entry of its last run's text. */
  private readonly leafEntry: (EncodedText | null)[] = [];
  /** Runs written so far: which cache entries the current run uses. */
  private run = 0;
  /** Before a record (after the first one, `later`), and after it: `\n` for NDJSON. */
  private readonly recordFirst: Uint8Array;
  private readonly recordLater: Uint8Array;
  private readonly recordEnd: Uint8Array;
  /** A record's closing brace when it has members (pretty: on its own line). */
  private readonly recordClose: Uint8Array;
  /** A record's opening and closing byte: `{` `}`, or `[` `]` in the rows layout. */
  private readonly open: number;
  private readonly shut: number;
  /** The rows layout: every leaf written, `null` where a cell is missing. */
  private readonly rows: boolean;
  private records = 0;
  /** Where the value the last member call wrote begins (its opening quote). */
  private cellAt = 0;
  /** Cells kept track of ({@link captureCells}), or null; the first row of the last `writeRows`. */
  private captured: CapturedCells | null = null;
  private capturedFrom = 0;

  constructor(
    private readonly table: Table,
    size = 1 << 16,
    options: JsonBytesOptions = {},
  ) {
    this.bytes = new Uint8Array(size);
    const pretty = options.array === 'pretty';
    // Pretty: a record is an array member at depth 1; a member of an object at depth d is on a
    // line of its own, indented d + 1 levels, and a group closes on a line at its own depth.
    const line = (depth: number) => (pretty ? `\n${'  '.repeat(depth)}` : '');
    const colon = pretty ? ': ' : ':';
    const types = options.types;
    const compile = (node: PlanNode, depth: number): ByteNode => {
      if (node.kind === 'group') {
        const key = `${line(depth + 1)}${JSON.stringify(node.key)}${colon}{`;
        const children = node.children.map((child) => compile(child, depth + 1));
        return { kind: 'group', key: utf8.encode(key), next: utf8.encode(`,${key}`), close: utf8.encode(`${line(depth + 1)}}`), children };
      }
      this.leafColumns.push(node.column);
      this.runTexts.push(null);
      this.runBytes.push(null);
      this.encoded.push({ text: null, bytes: new Uint8Array(0), ascii: false, run: -1 });
      this.leafEntry.push(null);
      const key = `${line(depth + 1)}${JSON.stringify(node.key)}${colon}`;
      const t = types?.[node.column];
      const type = t === 'number' ? 1 : t === 'boolean' ? 2 : 0;
      return { kind: 'leaf', key: utf8.encode(key), next: utf8.encode(`,${key}`), column: node.column, slot: this.leafColumns.length - 1, type };
    };
    this.rows = options.rows === true;
    if (this.rows && (options.array !== undefined || types !== undefined)) throw new RangeError('NdjsonBytesWriter: the rows layout has no array or types');
    // The rows layout: a leaf per column in table order, its "key" nothing and a comma after
    // the first; the object layout: the names' plan (dotted names nested).
    const plan: readonly PlanNode[] = this.rows
      ? table.columns.map((key, column) => ({ kind: 'leaf', key, column }))
      : planUnflatten(table.columns, { attributes: false }).children;
    this.nodes = this.rows
      ? plan.map((node, k) => {
          const leaf = compile(node, 0);
          return { ...leaf, key: k === 0 ? EMPTY : COMMA, next: COMMA };
        })
      : plan.map((node) => compile(node, pretty ? 1 : 0));
    this.open = this.rows ? 0x5b : 0x7b;
    this.shut = this.rows ? 0x5d : 0x7d;
    this.recordFirst = utf8.encode(pretty ? '\n  ' : '');
    this.recordLater = utf8.encode(pretty ? ',\n  ' : options.array === 'compact' ? ',' : '');
    this.recordEnd = utf8.encode(options.array === undefined ? '\n' : '');
    this.recordClose = utf8.encode(this.rows ? ']' : `${line(1)}}`);
    this.spanOf = table.cellSpan?.bind(table);
    this.runOf = table.columnSpans?.bind(table);
    this.asideOf = table.columnSpansAside?.bind(table);
    if (this.runOf !== undefined) {
      for (let k = 0; k < this.leafColumns.length; k++) {
        this.runStarts.push(new Int32Array(RUN_ROWS));
        this.runEnds.push(new Int32Array(RUN_ROWS));
      }
    }
  }

  /**
   * The rows layout's first line: the column names, `JSON.stringify(columns)` and a line feed
   * (the names go through `JSON.stringify` once, as the object layout's keys do).
   */
  writeHeader(): void {
    if (!this.rows) throw new RangeError('writeHeader: only the rows layout has a header line');
    this.put(utf8.encode(`${JSON.stringify(this.table.columns)}\n`));
  }

  /** Starts writing at the beginning of the buffer again (the caller has taken the bytes). */
  rewind(): void {
    this.pos = 0;
  }

  /**
   * The bytes written so far, in the buffer they were written in, which the caller now owns (it
   * may move it to another thread); writing goes on from the start of `next` (a buffer the caller
   * gives over, whose old bytes are written over), else of a new buffer of the same size. A fresh
   * buffer's pages cost ~20 µs each to fault in on first write, about as much as writing them.
   */
  take(next?: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    const written = this.bytes.subarray(0, this.pos);
    if (next !== undefined && next.buffer === written.buffer) throw new RangeError('take: the next buffer is the one taken');
    this.bytes = next ?? new Uint8Array(this.bytes.length);
    this.pos = 0;
    return written;
  }

  /**
   * From now on, `writeRows` notes where each cell it writes lies in {@link bytes}, for up to
   * `rows` records a call: what a commit's canonical encoding copies instead of reading every
   * cell again ({@link CapturedCells}; `RecordEncoder.encodeCaptured` in core/diff/canonical-form.ts).
   */
  captureCells(rows: number): CapturedCells {
    const leaves = this.leafColumns.length;
    const slotOf = new Int32Array(this.table.columns.length).fill(-1);
    this.leafColumns.forEach((c, k) => {
      if (c >= 0 && c < slotOf.length) slotOf[c] = k;
    });
    this.captured = { leaves, slotOf, starts: new Int32Array(rows * leaves), ends: new Int32Array(rows * leaves), rows };
    return this.captured;
  }

  /** Appends records `[from, to)`, each `{…}` and a line feed. */
  writeRows(from: number, to: number): void {
    const cap = this.captured;
    if (cap !== null) {
      if (to - from > cap.rows) throw new RangeError(`writeRows: ${to - from} records, captured for ${cap.rows}`);
      cap.starts.fill(CELL_MISSING, 0, (to - from) * cap.leaves);
      this.capturedFrom = from;
    }
    const runOf = this.runOf;
    const asideOf = this.asideOf;
    const texts = this.runTexts;
    for (let r0 = from; r0 < to; ) {
      // A run stays inside one chunk of rows, where a table can give a column's spans at once.
      const r1 = Math.min(to, r0 + RUN_ROWS, (Math.floor(r0 / CHUNK_ROWS) + 1) * CHUNK_ROWS);
      if (runOf !== undefined) {
        this.run++;
        // One call per column and run instead of one per cell (through every view the table is
        // made of), with the few cells held elsewhere marked aside (`columnSpansAside`) where
        // the table has them; a column that cannot answer for the run is read cell by cell.
        const wanted = r1 - r0 >= BYTES_RUN;
        const held = this.leafEntry;
        for (let k = 0; k < texts.length; k++) {
          const c = this.leafColumns[k] as number;
          const runStarts = this.runStarts[k] as Int32Array;
          const runEnds = this.runEnds[k] as Int32Array;
          const text = c < 0 ? null : (runOf(c, r0, r1, runStarts, runEnds) ?? asideOf?.(c, r0, r1, runStarts, runEnds) ?? null);
          texts[k] = text;
          // The leaf's text of the last run again (the same chunk): its entry, kept for this run
          // before any lookup below may reuse an entry.
          const entry = held[k] ?? null;
          if (wanted && entry !== null && entry.text === text) entry.run = this.run;
          else held[k] = null;
        }
        for (let k = 0; k < texts.length; k++) {
          const text = texts[k] ?? null;
          if (!wanted || text === null || text === '') this.runBytes[k] = null;
          else {
            const entry = held[k] ?? this.asciiBytes(text);
            held[k] = entry;
            this.runBytes[k] = entry.ascii ? entry.bytes : null;
          }
        }
      }
      for (let r = r0; r < r1; r++) {
        const before = this.records++ === 0 ? this.recordFirst : this.recordLater;
        if (before.length > 0) this.put(before);
        this.room(1);
        this.bytes[this.pos++] = this.open; // { or [
        if (this.writeNodes(r, r - r0, this.nodes)) this.putSmall(this.recordClose, this.recordEnd);
        else {
          this.room(1);
          this.bytes[this.pos++] = this.shut; // {} for a record with no cell, on one line
          this.put(this.recordEnd);
        }
      }
      r0 = r1;
    }
  }

  /**
   * Writes the present members of one object (no braces); returns whether any was written. A
   * group none of whose cells is present is taken back, as `serializeNdjson` omits it. `at` is
   * the row's place in the current run.
   */
  private writeNodes(row: number, at: number, nodes: readonly ByteNode[]): boolean {
    const { span, spanOf, table } = this;
    let any = false;
    for (const node of nodes) {
      if (node.kind === 'group') {
        const mark = this.pos;
        this.put(any ? node.next : node.key);
        if (this.writeNodes(row, at, node.children)) {
          this.put(node.close);
          any = true;
        } else this.pos = mark;
        continue;
      }
      let text: string | null;
      let e = 0;
      const run = this.runTexts[node.slot] ?? null;
      // The cell's start in the run's text; -1 missing; aside (or no run): read on its own.
      let s = run === null ? CELL_ASIDE : ((this.runStarts[node.slot] as Int32Array)[at] as number);
      if (s === -1) {
        if (this.rows) any = this.writeMissing(any ? node.next : node.key);
        continue;
      }
      if (s >= 0) {
        e = (this.runEnds[node.slot] as Int32Array)[at] as number;
        const ascii = node.type === 0 ? (this.runBytes[node.slot] ?? null) : null;
        if (ascii !== null) {
          // The member's key and its value in one call; the value's quote is at `pos` then.
          const plain = this.writeAscii(any ? node.next : node.key, ascii, s, e);
          if (this.captured !== null) this.note(row, node.slot, this.cellAt, plain);
          any = true;
          continue;
        }
        text = run;
      } else if (spanOf !== undefined) {
        text = spanOf(row, node.column, span);
        s = span[0] as number;
        e = span[1] as number;
      } else {
        text = table.cell(row, node.column);
        s = 0;
        e = text === null ? 0 : text.length;
      }
      if (text === null) {
        if (this.rows) any = this.writeMissing(any ? node.next : node.key);
        continue;
      }
      const key = any ? node.next : node.key;
      let plain = false;
      let before = 0;
      if (node.type === 0) {
        plain = this.writeString(key, text, s, e);
        before = this.cellAt;
      } else {
        this.put(key);
        before = this.pos;
        if (!this.writeTyped(text, s, e, node.type)) {
          plain = this.writeString(EMPTY, text, s, e);
        }
      }
      if (this.captured !== null) this.note(row, node.slot, before, plain);
      any = true;
    }
    return any;
  }

  /**
   * Notes where the cell of leaf `slot` just written (its quote at `before`) lies, when `plain`
   * (its UTF-8 as it is between the quotes), else that it must be read from the table. Kept out
   * of `writeNodes`, which stays small enough to be compiled with its writers inlined.
   */
  private note(row: number, slot: number, before: number, plain: boolean): void {
    const cap = this.captured as CapturedCells;
    const k = (row - this.capturedFrom) * cap.leaves + slot;
    if (plain) {
      cap.starts[k] = before + 1;
      cap.ends[k] = this.pos - 1;
    } else cap.starts[k] = CELL_OTHER;
  }

  /** The rows layout's missing cell: its comma (but the first) and `null`. Returns true (a member was written). */
  private writeMissing(key: Uint8Array): true {
    this.putSmall(key, NULL);
    return true;
  }

  /**
   * A typed value written unquoted when it is one (`null` for an empty cell, a number by JSON's
   * grammar, `true` / `false`); false when it is to be written as a string.
   */
  private writeTyped(text: string, s: number, e: number, type: 1 | 2): boolean {
    if (e === s) {
      this.put(NULL);
      return true;
    }
    const value = text.slice(s, e);
    if (type === 1 ? !JSON_NUMBER.test(value) : value !== 'true' && value !== 'false') return false;
    // A number or a boolean is ASCII: one byte a character.
    this.room(value.length);
    for (let i = 0; i < value.length; i++) this.bytes[this.pos++] = value.charCodeAt(i);
    return true;
  }

  /** Two short runs of bytes (a record's end) appended in one go. */
  private putSmall(a: Uint8Array, b: Uint8Array): void {
    const na = a.length;
    const nb = b.length;
    this.room(na + nb);
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < na; i++) bytes[pos++] = a[i] as number;
    for (let i = 0; i < nb; i++) bytes[pos++] = b[i] as number;
    this.pos = pos;
  }

  /** Appends bytes as they are. */
  put(src: Uint8Array): void {
    this.room(src.length);
    this.bytes.set(src, this.pos);
    this.pos += src.length;
  }

  /**
   * The run's text as bytes when it is ASCII, else null: one native `encodeInto` per text, so
   * the cells are copied from a byte array — `charCodeAt` on a chunk's text, a sliced string,
   * costs about twice as much per character (as in `RecordEncoder`, core/diff/canonical-form.ts).
   * Texts are cached by identity: a chunk's text serves the chunk's 16 runs, and a CSV block's
   * text all the columns of the block, encoded once. An entry another leaf of this run uses is
   * never overwritten. The buffer is exactly as long as the text, so a non-ASCII code unit stops
   * the encoder short.
   */
  private asciiBytes(text: string): EncodedText {
    const cache = this.encoded;
    const run = this.run;
    let free = -1;
    for (let i = 0; i < cache.length; i++) {
      const entry = cache[i] as EncodedText;
      if (entry.text === text) {
        entry.run = run;
        return entry;
      }
      if (entry.run !== run && (free < 0 || (cache[free] as EncodedText).run > entry.run)) free = i;
    }
    // A run has one text per leaf at most, and there is an entry per leaf: one is free.
    const entry = cache[free] as EncodedText;
    entry.text = text;
    entry.run = run;
    // A regular expression stops at the first non-ASCII character; `encodeInto` (in Chromium)
    // copies the whole string before it looks at any (~0.9 s of a 1M-row commit's engine
    // thread, bench/whole-path.mjs with WHOLE_PATH_TRACE).
    if (NON_ASCII.test(text)) {
      entry.ascii = false;
      return entry;
    }
    if (entry.bytes.length < text.length) entry.bytes = new Uint8Array(Math.max(text.length, entry.bytes.length * 2));
    const done = utf8.encodeInto(text, entry.bytes.subarray(0, text.length));
    entry.ascii = done.read === text.length && done.written === text.length;
    return entry;
  }

  /**
   * Writes `key` (a member's key, its colon and any comma before it, as they are) then the ASCII
   * bytes `src[s..e)` as a JSON string, quotes included: one call a member, its value's opening
   * quote at {@link cellAt}. Returns whether nothing was escaped.
   */
  private writeAscii(key: Uint8Array, src: Uint8Array, s: number, e: number): boolean {
    const n = key.length;
    // Worst case: 6 bytes per byte (`\u001f`), and the two quotes.
    this.room(n + (e - s) * 6 + 2);
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < n; i++) bytes[pos++] = key[i] as number;
    this.cellAt = pos;
    bytes[pos++] = 0x22;
    let plain = true;
    for (let i = s; i < e; i++) {
      const c = src[i] as number;
      const kind = ESCAPE[c] as number;
      if (kind === 0) bytes[pos++] = c;
      else if (kind === 1) {
        bytes[pos++] = 0x5c;
        bytes[pos++] = SHORT[c] as number;
        plain = false;
      } else {
        pos = writeUnicodeEscape(bytes, pos, c);
        plain = false;
      }
    }
    bytes[pos++] = 0x22;
    this.pos = pos;
    return plain;
  }

  /**
   * Writes `key` (as in {@link writeAscii}) then `text[s..e)` as a JSON string, quotes
   * included, its opening quote at {@link cellAt}. Returns whether the bytes between the
   * quotes are the text's UTF-8 as it is and the text is NFC as it is: nothing escaped, no
   * surrogate, and every code unit below U+0300 or a CJK ideograph (`nfcStable` in
   * core/diff/canonical-form.ts) — what a commit's canonical encoding may copy ({@link captureCells}).
   */
  private writeString(key: Uint8Array, text: string, s: number, e: number): boolean {
    const n = key.length;
    // Worst case: 6 bytes per code unit (`\u001f`, `\udXXX`), and the two quotes.
    this.room(n + (e - s) * 6 + 2);
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < n; i++) bytes[pos++] = key[i] as number;
    this.cellAt = pos;
    bytes[pos++] = 0x22;
    let plain = true;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const kind = ESCAPE[c] as number;
        if (kind === 0) bytes[pos++] = c;
        else if (kind === 1) {
          bytes[pos++] = 0x5c;
          bytes[pos++] = SHORT[c] as number;
          plain = false;
        } else {
          pos = writeUnicodeEscape(bytes, pos, c);
          plain = false;
        }
      } else if (c < 0x800) {
        bytes[pos++] = 0xc0 | (c >> 6);
        bytes[pos++] = 0x80 | (c & 0x3f);
        if (c >= 0x300) plain = false;
      } else if (c < 0xd800 || c > 0xdfff) {
        bytes[pos++] = 0xe0 | (c >> 12);
        bytes[pos++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[pos++] = 0x80 | (c & 0x3f);
        if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))) plain = false;
      } else {
        plain = false;
        const d = i + 1 < e ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          // A surrogate pair: one code point above U+FFFF, four bytes.
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          bytes[pos++] = 0xf0 | (cp >> 18);
          bytes[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          bytes[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          bytes[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else pos = writeUnicodeEscape(bytes, pos, c); // a lone surrogate
      }
    }
    bytes[pos++] = 0x22;
    this.pos = pos;
    return plain;
  }

  /** Makes room for `n` more bytes. */
  private room(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + n));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }
}

const NULL = utf8.encode('null');
const EMPTY = new Uint8Array(0);
const COMMA = utf8.encode(',');

/** A captured cell that is missing (the record has no member for it). */
export const CELL_MISSING = -1;
/** A captured cell written some other way (escaped, typed, or text NFC may change): read it from the table. */
export const CELL_OTHER = -2;

/**
 * Where the cells of the last `writeRows` call lie in the writer's buffer: for record `i` of the
 * call and leaf `k`, `starts[i * leaves + k]` and `ends[…]` bound the cell's UTF-8 exactly as it
 * is (nothing escaped, and text NFC leaves as it is: ASCII, below U+0300, CJK ideographs), else
 * {@link CELL_MISSING} or {@link CELL_OTHER}. `slotOf[column]` is the column's leaf (-1: none).
 */
export interface CapturedCells {
  readonly leaves: number;
  readonly slotOf: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly rows: number;
}

/**
 * A table as JSON or NDJSON bytes, part by part (a part is a view of the writer's buffer, valid
 * until the next one is asked for): the same bytes as `serializeJson` / `serializeNdjson` and
 * `TextEncoder` (test/unit/core/write/json-bytes.test.ts), written as the snapshot's NDJSON is.
 * JSON escapes every character it cannot hold, so nothing is replaced.
 *
 * @example
 * [...jsonParts(tableFromRows(['id'], [['1']]), { array: 'compact' })]; // the bytes of '[{"id":"1"}]\n'
 */
export function* jsonParts(table: Table, options: JsonBytesOptions): ByteParts {
  const w = new NdjsonBytesWriter(table, PART_BYTES + (PART_BYTES >> 2), options);
  if (options.array !== undefined) {
    if (table.rowCount === 0) {
      w.put(utf8.encode('[]\n'));
      yield w.bytes.subarray(0, w.pos);
      return { replacedChars: 0 };
    }
    w.put(utf8.encode('['));
  }
  for (let r = 0; r < table.rowCount; ) {
    const next = Math.min(table.rowCount, r + RUN_ROWS);
    w.writeRows(r, next);
    r = next;
    if (w.pos >= PART_BYTES) {
      yield w.bytes.subarray(0, w.pos);
      w.rewind();
    }
  }
  if (options.array !== undefined) w.put(utf8.encode(options.array === 'pretty' ? '\n]\n' : ']\n'));
  if (w.pos > 0) yield w.bytes.subarray(0, w.pos);
  return { replacedChars: 0 };
}

/** `\uXXXX` with lower-case hex, as JSON.stringify writes it. */
function writeUnicodeEscape(bytes: Uint8Array, pos: number, c: number): number {
  bytes[pos] = 0x5c;
  bytes[pos + 1] = 0x75; // u
  bytes[pos + 2] = HEX[(c >> 12) & 15] as number;
  bytes[pos + 3] = HEX[(c >> 8) & 15] as number;
  bytes[pos + 4] = HEX[(c >> 4) & 15] as number;
  bytes[pos + 5] = HEX[c & 15] as number;
  return pos + 6;
}
