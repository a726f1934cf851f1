import type { FlatRecords } from './flatten';

/** A JSON syntax error at an offset; readers turn it into a PorterError or an issue. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at offset ${offset}`);
  }
}

/** Nested objects deeper than this are refused instead of overflowing the call stack. */
/** Objects nested deeper than this are refused (`json-too-deep`): a bound on the reader's stack. */
export const MAX_JSON_DEPTH = 512;
const MAX_DEPTH = MAX_JSON_DEPTH;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * A hand-written RFC 8259 scanner over a string slice. It exists because `JSON.parse` turns
 * `12345678901234567890` into `12345678901234567000` and `1.50` into `1.5`, and builds the whole
 * tree at once; this one keeps every number's source text and hands records over one at a time,
 * with the offset of any syntax error for a line/column message.
 */
export class JsonScanner {
  pos: number;

  constructor(
    readonly text: string,
    start = 0,
    readonly end = text.length,
  ) {
    this.pos = start;
  }

  fail(reason: string, at = this.pos): never {
    throw new JsonSyntaxError(at, at >= this.end ? 'unexpected-end' : reason);
  }

  /** The char code at the cursor, NaN past the end of the slice. */
  peek(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : Number.NaN;
  }

  skipWs(): void {
    const t = this.text;
    let i = this.pos;
    while (i < this.end) {
      const c = t.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.pos = i;
  }

  expect(code: number, reason: string): void {
    if (this.peek() !== code) this.fail(reason);
    this.pos++;
  }

  /** Reads a string token (cursor on its opening quote) and returns its decoded value. */
  readString(): string {
    const t = this.text;
    const start = this.pos + 1;
    for (let i = start; ; i++) {
      const c = i < this.end ? t.charCodeAt(i) : Number.NaN;
      if (c === QUOTE) {
        this.pos = i + 1;
        return t.slice(start, i);
      }
      if (c === BACKSLASH) return this.readEscaped(start, i);
      if (!(c >= 0x20)) this.fail('control-character-in-string', i);
    }
  }

  private readEscaped(start: number, firstEscape: number): string {
    const t = this.text;
    let out = t.slice(start, firstEscape);
    let i = firstEscape;
    for (;;) {
      const c = i < this.end ? t.charCodeAt(i) : Number.NaN;
      if (c === QUOTE) {
        this.pos = i + 1;
        return out;
      }
      if (c === BACKSLASH) {
        const e = t.charAt(i + 1);
        if (e === 'u') {
          const hex = t.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex) || i + 6 > this.end) this.fail('bad-unicode-escape', i);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else {
          const decoded = ESCAPES[e];
          if (decoded === undefined || i + 1 >= this.end) this.fail('bad-escape', i);
          out += decoded;
          i += 2;
        }
        continue;
      }
      if (!(c >= 0x20)) this.fail('control-character-in-string', i);
      const next = this.nextSpecial(i);
      out += t.slice(i, next);
      i = next;
    }
  }

  /** The next quote, backslash or control character at or after `i`. */
  private nextSpecial(i: number): number {
    const t = this.text;
    let j = i;
    while (j < this.end) {
      const c = t.charCodeAt(j);
      if (c === QUOTE || c === BACKSLASH || c < 0x20) break;
      j++;
    }
    return j;
  }

  /** Reads a number token and returns its source text, validated against the RFC 8259 grammar. */
  readNumber(): string {
    const t = this.text;
    const start = this.pos;
    let i = start;
    if (t.charCodeAt(i) === MINUS) i++;
    const firstDigit = i < this.end ? t.charCodeAt(i) : Number.NaN;
    if (firstDigit === 0x30) {
      i++;
    } else if (isDigit(firstDigit)) {
      while (i < this.end && isDigit(t.charCodeAt(i))) i++;
    } else {
      this.fail('unexpected-character', i);
    }
    if (i < this.end && t.charCodeAt(i) === 0x2e) {
      i++;
      if (!(i < this.end && isDigit(t.charCodeAt(i)))) this.fail('bad-number', i);
      while (i < this.end && isDigit(t.charCodeAt(i))) i++;
    }
    const e = i < this.end ? t.charCodeAt(i) : 0;
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = i < this.end ? t.charCodeAt(i) : 0;
      if (sign === 0x2b || sign === MINUS) i++;
      if (!(i < this.end && isDigit(t.charCodeAt(i)))) this.fail('bad-number', i);
      while (i < this.end && isDigit(t.charCodeAt(i))) i++;
    }
    this.pos = i;
    return t.slice(start, i);
  }

  /** Reads `true`, `false` or `null`; returns the literal. */
  readLiteral(): 'true' | 'false' | 'null' {
    for (const word of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(word, this.pos) && this.pos + word.length <= this.end) {
        this.pos += word.length;
        return word;
      }
    }
    return this.fail('unexpected-character');
  }

  /** Skips one value of any kind, validating it, without recursion (deep arrays are fine). */
  skipValue(): void {
    // One entry per open container: true for an object, false for an array.
    const stack: boolean[] = [];
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === OPEN_BRACE) {
        this.pos++;
        this.skipWs();
        if (this.peek() === CLOSE_BRACE) {
          this.pos++;
        } else {
          stack.push(true);
          this.skipKey();
          continue;
        }
      } else if (c === OPEN_BRACKET) {
        this.pos++;
        this.skipWs();
        if (this.peek() === CLOSE_BRACKET) {
          this.pos++;
        } else {
          stack.push(false);
          continue;
        }
      } else {
        this.skipScalar(c);
      }
      if (!this.closeContainers(stack)) return;
    }
  }

  /** After a value inside containers: consumes closers; false when no container is open. */
  private closeContainers(stack: boolean[]): boolean {
    for (;;) {
      if (stack.length === 0) return false;
      this.skipWs();
      const c = this.peek();
      const inObject = stack[stack.length - 1] === true;
      if (c === COMMA) {
        this.pos++;
        if (inObject) this.skipKey();
        return true;
      }
      if (c === (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
        this.pos++;
        stack.pop();
        continue;
      }
      this.fail(inObject ? 'expected-comma-or-brace' : 'expected-comma-or-bracket');
    }
  }

  private skipKey(): void {
    this.skipWs();
    if (this.peek() !== QUOTE) this.fail('expected-key');
    this.readString();
    this.skipWs();
    this.expect(COLON, 'expected-colon');
  }

  private skipScalar(c: number): void {
    if (c === QUOTE) this.readString();
    else if (c === MINUS || isDigit(c)) this.readNumber();
    else this.readLiteral();
  }

  /** The value at the cursor as compact JSON text (whitespace outside strings removed). */
  readCompact(): string {
    const start = this.pos;
    this.skipValue();
    return compactJson(this.text, start, this.pos);
  }

  /**
   * The column of `out`'s {@link FlatRecords.hint} when the cursor (on a name's opening quote)
   * is on exactly that name's text, quotes included; the cursor then moves past it. Else -1.
   */
  private hintAt(out: FlatRecords): number {
    const column = out.hint();
    if (column === undefined) return -1;
    const name = out.nameOf(column);
    const close = this.pos + 1 + name.length;
    if (close >= this.end || this.text.charCodeAt(close) !== QUOTE || !this.text.startsWith(name, this.pos + 1)) return -1;
    this.pos = close + 1;
    return column;
  }

  /**
   * Reads the object at the cursor into `out`, flattening nested objects to dotted names.
   * Arrays stay as compact JSON text and are reported through `onArray`.
   */
  readObjectInto(
    out: FlatRecords,
    prefix: string,
    onArray: (name: string) => void,
    depth = 0,
  ): void {
    if (depth > MAX_DEPTH) this.fail('nesting-too-deep');
    this.pos++;
    this.skipWs();
    if (this.peek() === CLOSE_BRACE) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.peek() !== QUOTE) this.fail('expected-key');
      // The name the last record had here, when its text is at the cursor: no string made.
      const hinted = prefix === '' ? this.hintAt(out) : -1;
      const name = hinted >= 0 ? out.nameOf(hinted) : prefix + this.readString();
      this.skipWs();
      this.expect(COLON, 'expected-colon');
      this.skipWs();
      const c = this.peek();
      if (c === QUOTE) put(out, hinted, name, this.readString());
      else if (c === OPEN_BRACE) this.readObjectInto(out, `${name}.`, onArray, depth + 1);
      else if (c === OPEN_BRACKET) {
        put(out, hinted, name, this.readCompact());
        onArray(name);
      } else if (c === MINUS || isDigit(c)) put(out, hinted, name, this.readNumber());
      else {
        const literal = this.readLiteral();
        put(out, hinted, name, literal === 'null' ? null : literal);
      }
      this.skipWs();
      const sep = this.peek();
      if (sep === CLOSE_BRACE) {
        this.pos++;
        return;
      }
      if (sep !== COMMA) this.fail('expected-comma-or-brace');
      this.pos++;
      this.skipWs();
    }
  }
}

/** Sets a cell by its hinted column (no lookup), else by name. */
function put(out: FlatRecords, hinted: number, name: string, value: string | null): void {
  if (hinted >= 0) out.setColumn(hinted, value);
  else out.set(name, value);
}

/** Removes insignificant whitespace from valid JSON text between two offsets. */
export function compactJson(text: string, start: number, end: number): string {
  let out = '';
  let from = start;
  let inString = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from, end);
}
