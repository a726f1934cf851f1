import { decodeXmlName } from '../model/xml-names';
import { MAX_XML_DEPTH } from './read-limits';

/** Receives a document's elements in order. Names are local (prefix stripped) and decoded. */
export interface XmlHandler {
  /** `attrs` is `[name, value, name, value…]`, `xmlns` declarations left out. */
  open(name: string, attrs: readonly string[]): void;
  text(value: string): void;
  close(): void;
}

/** Malformed XML at an offset of the text. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at offset ${offset}`);
  }
}

/** Elements nested deeper than the reader allows, at an offset of the text. */
export class XmlDepthError extends Error {
  constructor(
    readonly offset: number,
    readonly limit: number,
  ) {
    super(`nesting deeper than ${limit} at offset ${offset}`);
  }
}

/** A DOCTYPE that declares entities: refused, never expanded (billion laughs, XXE). */
export class XmlDoctypeError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at offset ${offset}`);
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const BANG = 0x21;
const EQUALS = 0x3d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Characters that end a name: whitespace, `/`, `>`, `=`, `<`, quotes, or the end (NaN). */
function endsName(c: number): boolean {
  return (
    isSpace(c) ||
    c === SLASH ||
    c === GT ||
    c === EQUALS ||
    c === LT ||
    c === 0x22 ||
    c === 0x27 ||
    Number.isNaN(c)
  );
}

/**
 * A small, strict, non-validating XML 1.0 tokenizer that never expands DOCTYPE entities and
 * never fetches anything. It is resumable (`scan(until)` stops at the first markup boundary
 * past `until`), so a reader can yield between slices for cancel and progress, and it hands
 * out events instead of building a tree, so memory stays bounded by one record.
 * See https://www.w3.org/TR/xml/ for the rules checked: matching end tags, one root, quoted
 * unique attributes, defined entities only, no text outside the root.
 */
export class XmlScanner {
  pos: number;
  done = false;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private readonly names = new Map<string, string>();
  private readonly hasCr: boolean;

  /** Attribute names of the start tag being read, once it has many (see {@link attribute}). */
  private attrNames: Set<string> | undefined;

  constructor(
    readonly text: string,
    private readonly handler: XmlHandler,
    private readonly maxDepth = MAX_XML_DEPTH,
  ) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // XML 1.0 §2.11: CR LF and lone CR read as LF. Checked once so clean files pay nothing.
    this.hasCr = text.includes('\r');
  }

  /** Scans until the cursor passes `until` (or the end). Sets `done` at the end of the text. */
  scan(until: number): void {
    const t = this.text;
    while (this.pos < until && !this.done) {
      let lt = t.indexOf('<', this.pos);
      if (lt === -1) lt = t.length;
      if (lt > this.pos) this.textSegment(this.pos, lt);
      if (lt >= t.length) {
        this.pos = t.length;
        this.finish();
        return;
      }
      const c = t.charCodeAt(lt + 1);
      if (c === SLASH) this.endTag(lt);
      else if (c === BANG) this.bang(lt);
      else if (c === QUESTION)
        this.pos = this.skipTo(lt + 2, '?>', 'unclosed-processing-instruction');
      else this.startTag(lt);
    }
  }

  private fail(reason: string, at: number): never {
    throw new XmlSyntaxError(at, reason);
  }

  private finish(): void {
    if (this.stack.length > 0) this.fail('unclosed-element', this.text.length);
    if (!this.rootSeen) this.fail('no-root-element', this.text.length);
    this.done = true;
  }

  private skipTo(from: number, end: string, reason: string): number {
    const i = this.text.indexOf(end, from);
    if (i === -1) this.fail(reason, from);
    return i + end.length;
  }

  private textSegment(start: number, end: number): void {
    if (this.stack.length === 0) {
      for (let i = start; i < end; i++) {
        if (!isSpace(this.text.charCodeAt(i))) this.fail('text-outside-root', i);
      }
      return;
    }
    let value = this.text.slice(start, end);
    // Newlines first, so a `&#13;` character reference survives as the CR it asks for.
    if (this.hasCr) value = normalizeNewlines(value);
    if (value.includes('&')) value = this.decodeEntities(value, start);
    this.handler.text(value);
  }

  private bang(lt: number): void {
    const t = this.text;
    if (t.startsWith('<!--', lt)) {
      this.pos = this.skipTo(lt + 4, '-->', 'unclosed-comment');
    } else if (t.startsWith('<![CDATA[', lt)) {
      if (this.stack.length === 0) this.fail('cdata-outside-root', lt);
      const end = t.indexOf(']]>', lt + 9);
      if (end === -1) this.fail('unclosed-cdata', lt);
      const value = t.slice(lt + 9, end);
      this.handler.text(this.hasCr ? normalizeNewlines(value) : value);
      this.pos = end + 3;
    } else if (t.startsWith('<!DOCTYPE', lt)) {
      if (this.rootSeen || this.stack.length > 0) this.fail('misplaced-doctype', lt);
      this.pos = this.doctype(lt);
    } else {
      this.fail('bad-markup', lt);
    }
  }

  /**
   * Skips a DOCTYPE. An internal subset that declares an entity is refused outright: expanding
   * it is how billion-laughs and XXE attacks work, and CRM exports never need it. An external
   * DTD reference alone is harmless here because nothing is ever fetched.
   */
  private doctype(lt: number): number {
    const t = this.text;
    let quote = 0;
    let depth = 0;
    for (let i = lt + 9; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x5b) {
        depth++;
      } else if (c === 0x5d) {
        depth--;
      } else if (c === LT && depth > 0 && t.startsWith('<!ENTITY', i)) {
        throw new XmlDoctypeError(i, 'entity-declaration');
      } else if (c === GT && depth === 0) {
        return i + 1;
      }
    }
    return this.fail('unclosed-doctype', lt);
  }

  private readName(from: number): number {
    const t = this.text;
    let i = from;
    while (!endsName(t.charCodeAt(i))) i++;
    if (i === from) this.fail('bad-name', from);
    const first = t.charCodeAt(from);
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2e) {
      this.fail('bad-name', from);
    }
    return i;
  }

  /** The local, decoded name for a qualified one, cached: a file has few distinct names. */
  private localName(qname: string): string {
    let name = this.names.get(qname);
    if (name === undefined) {
      name = decodeXmlName(qname.slice(qname.indexOf(':') + 1));
      this.names.set(qname, name);
    }
    return name;
  }

  private startTag(lt: number): void {
    const t = this.text;
    if (this.stack.length === 0 && this.rootSeen) this.fail('multiple-root-elements', lt);
    const nameEnd = this.readName(lt + 1);
    const qname = t.slice(lt + 1, nameEnd);
    const attrs: string[] = [];
    this.attrNames = undefined;
    let i = nameEnd;
    for (;;) {
      const before = i;
      while (isSpace(t.charCodeAt(i))) i++;
      const c = t.charCodeAt(i);
      if (c === GT) {
        this.pos = i + 1;
        this.openElement(qname, attrs, false);
        return;
      }
      if (c === SLASH && t.charCodeAt(i + 1) === GT) {
        this.pos = i + 2;
        this.openElement(qname, attrs, true);
        return;
      }
      if (Number.isNaN(c)) this.fail('unclosed-tag', lt);
      if (i === before) this.fail('expected-space-before-attribute', i);
      i = this.attribute(i, attrs);
    }
  }

  private attribute(from: number, attrs: string[]): number {
    const t = this.text;
    const nameEnd = this.readName(from);
    const qname = t.slice(from, nameEnd);
    let i = nameEnd;
    while (isSpace(t.charCodeAt(i))) i++;
    if (t.charCodeAt(i) !== EQUALS) this.fail('expected-equals', i);
    i++;
    while (isSpace(t.charCodeAt(i))) i++;
    const quote = t.charAt(i);
    if (quote !== '"' && quote !== "'") this.fail('expected-quote', i);
    const close = t.indexOf(quote, i + 1);
    if (close === -1) this.fail('unclosed-attribute', i);
    let value = t.slice(i + 1, close);
    const lt = value.indexOf('<');
    if (lt !== -1) this.fail('lt-in-attribute', i + 1 + lt);
    // XML 1.0 §2.11 then §3.3.3: a literal CRLF (read as one LF), tab, LF or CR reads as one
    // space. Before decoding, so `&#9;`, `&#10;` and `&#13;` stay the characters they name.
    if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
    if (value.includes('&')) value = this.decodeEntities(value, i + 1);
    if (qname !== 'xmlns' && !qname.startsWith('xmlns:')) {
      const name = this.localName(qname);
      // A few attributes: compare in place. Many (a hostile tag with 10,000): a set, so the
      // check stays O(1) per attribute instead of quadratic for the tag.
      if (this.attrNames === undefined && attrs.length >= 16) {
        this.attrNames = new Set();
        for (let k = 0; k < attrs.length; k += 2) this.attrNames.add(attrs[k] as string);
      }
      if (this.attrNames !== undefined) {
        if (this.attrNames.has(name)) this.fail('duplicate-attribute', from);
        this.attrNames.add(name);
      } else {
        for (let k = 0; k < attrs.length; k += 2) {
          if (attrs[k] === name) this.fail('duplicate-attribute', from);
        }
      }
      attrs.push(name, value);
    }
    return close + 1;
  }

  private openElement(qname: string, attrs: string[], selfClosing: boolean): void {
    // Deep nesting costs a path string per level per element downstream; refuse it here.
    if (this.stack.length >= this.maxDepth) throw new XmlDepthError(this.pos, this.maxDepth);
    this.rootSeen = true;
    this.handler.open(this.localName(qname), attrs);
    if (selfClosing) this.handler.close();
    else this.stack.push(qname);
  }

  private endTag(lt: number): void {
    const t = this.text;
    const nameEnd = this.readName(lt + 2);
    let i = nameEnd;
    while (isSpace(t.charCodeAt(i))) i++;
    if (t.charCodeAt(i) !== GT) this.fail('unclosed-tag', lt);
    const open = this.stack.pop();
    if (open === undefined || t.slice(lt + 2, nameEnd) !== open) {
      this.fail('mismatched-end-tag', lt);
    }
    this.pos = i + 1;
    this.handler.close();
  }

  /** Decodes the five predefined entities and character references; anything else is an error. */
  private decodeEntities(s: string, base: number): string {
    let out = '';
    let from = 0;
    for (let amp = s.indexOf('&'); amp !== -1; amp = s.indexOf('&', from)) {
      const semi = s.indexOf(';', amp);
      if (semi === -1) this.fail('bad-entity', base + amp);
      const ch = decodeEntity(s.slice(amp + 1, semi));
      if (ch === undefined) this.fail('undefined-entity', base + amp);
      out += s.slice(from, amp) + ch;
      from = semi + 1;
    }
    return out + s.slice(from);
  }
}

function decodeEntity(name: string): string | undefined {
  switch (name) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  let code = Number.NaN;
  if (/^#x[0-9A-Fa-f]{1,6}$/.test(name)) code = Number.parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = Number.parseInt(name.slice(1), 10);
  if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

function normalizeNewlines(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}
