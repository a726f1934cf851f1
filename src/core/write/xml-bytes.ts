import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { encodeXmlName } from '../model/xml-names';
import { planUnflatten, type PlanLeaf, type PlanNode } from './unflatten';
import { PART_BYTES, Utf8Buffer, type ByteParts } from './utf8-parts';
import type { XmlWriteOptions } from './write-types';

/** A plan node with its names already as UTF-8 bytes (`<name`, `</name>`, ` name="`). */
type ByteNode =
  | { readonly kind: 'leaf'; readonly open: Uint8Array; readonly close: Uint8Array; readonly column: number }
  | {
      readonly kind: 'group';
      readonly open: Uint8Array;
      readonly close: Uint8Array;
      readonly attributes: readonly ByteAttribute[];
      readonly children: readonly ByteNode[];
    };

interface ByteAttribute {
  /** ` name="` */
  readonly head: Uint8Array;
  readonly column: number;
}

const utf8 = new TextEncoder();
const DECLARATION = utf8.encode('<?xml version="1.0" encoding="UTF-8"?>\n');

/**
 * Per ASCII code unit, what XML needs: 0 copy as is, 1 an escape in text and attributes
 * (`& < > \r`), 2 an escape in attributes only (`" \n \t`), 3 a character XML 1.0 cannot hold
 * (the C0 controls other than tab, LF and CR).
 */
const KIND = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) KIND[c] = 3;
for (const c of '&<>\r') KIND[c.charCodeAt(0)] = 1;
for (const c of '"\n\t') KIND[c.charCodeAt(0)] = 2;
/** The escapes of `serializeXml` (xml-write.ts), by ASCII code. */
const ESCAPES: (Uint8Array | undefined)[] = [];
for (const [c, text] of [
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['\r', '&#13;'],
  ['"', '&quot;'],
  ['\t', '&#9;'],
  ['\n', '&#10;'],
] as const) {
  ESCAPES[c.charCodeAt(0)] = utf8.encode(text);
}

/**
 * The XML export as UTF-8 bytes, part by part: exactly the bytes of `serializeXml` (the string
 * writer, which stays the reference and the command's streaming writer) encoded by
 * `TextEncoder`, for every option, held to that by seeded differential tests
 * (`test/unit/core/write/xml-bytes.test.ts`). The summary counts the characters written as
 * U+FFFD; `invalidChars: 'fail'` throws the same error at the same cell.
 *
 * Why a second writer: the string one builds a string per element (and runs two regular
 * expressions per value), which at a million rows made XML the slowest export by far. This one
 * reads each cell where it lies (`cellSpan`, else `cell`), escapes and replaces in one scan, and
 * writes into one reused buffer, yielded at a record boundary once it holds {@link PART_BYTES}.
 * A yielded part is a view of that buffer: copy it before resuming.
 *
 * @example
 * for (const part of xmlParts(table, DEFAULT_XML_WRITE)) parts.push(new Blob([part]));
 */
export function* xmlParts(table: Table, opts: XmlWriteOptions): ByteParts {
  const plan = planUnflatten(table.columns, { attributes: true });
  const out = new XmlWriter(table, opts.invalidChars === 'fail');
  const nodes = plan.children.map(compile);
  const attributes = plan.attributes.map(compileAttribute);
  const root = encodeXmlName(opts.root);
  const record = encodeXmlName(opts.record);
  const recordOpen = utf8.encode(`<${record}`);
  const recordClose = utf8.encode(`</${record}>`);
  if (opts.declaration) out.bytesOut(DECLARATION);
  if (table.rowCount === 0) {
    out.bytesOut(utf8.encode(`<${root}/>\n`));
    yield out.take();
    return { replacedChars: out.replaced };
  }
  out.bytesOut(utf8.encode(`<${root}>\n`));
  const indent = utf8.encode('  ');
  const newline = utf8.encode('\n');
  for (let row = 0; row < table.rowCount; row++) {
    out.row = row;
    out.bytesOut(indent);
    out.element(recordOpen, recordClose, attributes, nodes);
    out.bytesOut(newline);
    if (out.pos >= PART_BYTES) yield out.take();
  }
  out.bytesOut(utf8.encode(`</${root}>\n`));
  yield out.take();
  return { replacedChars: out.replaced };
}

function compile(node: PlanNode): ByteNode {
  const name = encodeXmlName(node.key);
  const open = utf8.encode(`<${name}`);
  const close = utf8.encode(`</${name}>`);
  if (node.kind === 'leaf') return { kind: 'leaf', open, close, column: node.column };
  return {
    kind: 'group',
    open,
    close,
    attributes: node.attributes.map(compileAttribute),
    children: node.children.map(compile),
  };
}

function compileAttribute(leaf: PlanLeaf): ByteAttribute {
  return { head: utf8.encode(` ${encodeXmlName(leaf.key)}="`), column: leaf.column };
}

/** `serializeXml`'s rules, written as bytes; `row` is the record being written. */
class XmlWriter extends Utf8Buffer {
  row = 0;
  private readonly span = new Int32Array(2);
  private readonly spanOf: Table['cellSpan'];
  /** The cell read last: `text[s…e)`. */
  private text = '';
  private s = 0;
  private e = 0;

  constructor(
    private readonly table: Table,
    private readonly failOnInvalid: boolean,
  ) {
    super();
    this.spanOf = table.cellSpan?.bind(table);
  }

  bytesOut(src: Uint8Array): void {
    this.room(src.length).set(src, this.pos);
    this.pos += src.length;
  }

  /**
   * `<name attrs>children</name>`, `<name attrs/>` when no child is written; nothing at all
   * (returns false) when neither an attribute nor a child is. The record element is always
   * written (`<record/>` for an empty row), as the string writer does.
   */
  element(
    open: Uint8Array,
    close: Uint8Array,
    attributes: readonly ByteAttribute[],
    children: readonly ByteNode[],
    optional = false,
  ): boolean {
    const mark = this.pos;
    this.bytesOut(open);
    let any = false;
    for (const a of attributes) {
      if (!this.read(a.column)) continue;
      this.bytesOut(a.head);
      this.escaped(a.column, true);
      this.room(1)[this.pos++] = 0x22; // "
      any = true;
    }
    const gt = this.pos;
    this.room(1)[this.pos++] = 0x3e; // >
    let inner = false;
    for (const node of children) {
      if (node.kind === 'group') {
        if (this.element(node.open, node.close, node.attributes, node.children, true)) inner = true;
        continue;
      }
      if (!this.read(node.column)) continue;
      inner = true;
      this.bytesOut(node.open);
      if (this.s === this.e) {
        this.slashGt();
        continue;
      }
      this.room(1)[this.pos++] = 0x3e;
      this.escaped(node.column, false);
      this.bytesOut(node.close);
    }
    if (inner) {
      this.bytesOut(close);
      return true;
    }
    if (optional && !any) {
      this.pos = mark;
      return false;
    }
    this.pos = gt;
    this.slashGt();
    return true;
  }

  private slashGt(): void {
    const b = this.room(2);
    b[this.pos++] = 0x2f;
    b[this.pos++] = 0x3e;
  }

  /** Reads a cell of the current row into `text[s…e)`; false when it is missing. */
  private read(column: number): boolean {
    const spanOf = this.spanOf;
    if (spanOf !== undefined) {
      const text = spanOf(this.row, column, this.span);
      if (text === null) return false;
      this.text = text;
      this.s = this.span[0] as number;
      this.e = this.span[1] as number;
      return true;
    }
    const text = this.table.cell(this.row, column);
    if (text === null) return false;
    this.text = text;
    this.s = 0;
    this.e = text.length;
    return true;
  }

  /**
   * The cell read last, escaped for text or an attribute, with the characters XML 1.0 cannot
   * hold (C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF) written as U+FFFD and
   * counted, or refused at the first one (`invalidChars: 'fail'`).
   */
  private escaped(column: number, attribute: boolean): void {
    const { text, e } = this;
    // Worst case: 6 bytes per code unit (`&quot;`).
    const bytes = this.room((e - this.s) * 6);
    let pos = this.pos;
    for (let i = this.s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        const kind = KIND[c] as number;
        if (kind === 0 || (kind === 2 && !attribute)) bytes[pos++] = c;
        else if (kind === 3) pos = this.invalid(bytes, pos, c, column);
        else {
          const esc = ESCAPES[c] as Uint8Array;
          bytes.set(esc, pos);
          pos += esc.length;
        }
      } else if (c < 0x800) {
        bytes[pos++] = 0xc0 | (c >> 6);
        bytes[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || (c > 0xdfff && c < 0xfffe)) {
        bytes[pos++] = 0xe0 | (c >> 12);
        bytes[pos++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[pos++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xfffe) {
        pos = this.invalid(bytes, pos, c, column);
      } else {
        const d = i + 1 < e ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const p = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          bytes[pos++] = 0xf0 | (p >> 18);
          bytes[pos++] = 0x80 | ((p >> 12) & 0x3f);
          bytes[pos++] = 0x80 | ((p >> 6) & 0x3f);
          bytes[pos++] = 0x80 | (p & 0x3f);
          i++;
        } else pos = this.invalid(bytes, pos, c, column);
      }
    }
    this.pos = pos;
  }

  private invalid(bytes: Uint8Array, pos: number, c: number, column: number): number {
    if (this.failOnInvalid) {
      throw new PorterError('export-failed', {
        reason: 'xml-invalid-char',
        row: this.table.sourceRow(this.row),
        column: this.table.columns[column] ?? '',
        codeUnit: c,
      });
    }
    this.replaced++;
    bytes[pos] = 0xef;
    bytes[pos + 1] = 0xbf;
    bytes[pos + 2] = 0xbd;
    return pos + 3;
  }
}
