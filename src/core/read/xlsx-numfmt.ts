import { XmlScanner, type XmlHandler } from './xml-scan';

/**
 * Number formats that make a number an identifier: a ZIP code `123` shown as `00123` with the
 * format `00000`, `00000-0000` (ZIP+4), `000-00-0000`, Excel's "Phone Number" format. The reader
 * applies these (with the `numfmt` library, loaded only when a workbook has such a format), so
 * what is read is what the user sees in Excel.
 *
 * Formats that change a number's meaning or precision — decimals, thousands separators,
 * percent, currency, exponents, fractions — are NOT applied: the stored value is the more
 * faithful text for an import (`1234.5` rather than `$1,234.50`). Dates are recognised by
 * read-excel-file itself and read as ISO dates.
 */

/** Token types of a format (numfmt's `tokenize`) that an identifier format may contain. */
const IDENTIFIER_TOKENS = new Set([
  'zero',
  'hash',
  'minus',
  'space',
  'string',
  'char',
  'escaped',
  'paren',
  'break',
  'condition',
  'color',
  'locale',
  'plus',
]);

/** Formats of one sheet that apply, by cell (zero-based row and column). */
export interface IdentifierFormats {
  /** The formatted text for a cell's raw number text, or `null` to keep the raw text. */
  apply(row: number, column: number, raw: string): string | null;
}

const COLUMNS = 16_384;
const INTEGER = /^-?\d{1,15}$/;
/** Characters scanned between checkpoints, as the guard's scan of the sheet (xlsx-guard). */
const SLICE = 1 << 20;
/** A cell's place `row * COLUMNS + column` and its format's index share one double: place * CODES + code. */
const CODES = 65_536;

/**
 * Reads which cells of the sheet at `sheetPath` have an identifier number format, or returns
 * `null` (the usual case: no such format in the workbook, and nothing more is read). `parts` are
 * the XML parts the guard inflated (`guardXlsx`): nothing is inflated a second time. The sheet is
 * scanned only when the styles hold such a format, in slices with `checkpoint` between, as the
 * guard scans it, so Cancel is heard; the cells found are kept in one typed array (8 bytes a
 * styled cell), where a `Map` stops at 2^24 entries.
 *
 * @example
 * const formats = await readIdentifierFormats(xml, 'xl/worksheets/sheet1.xml', checkpoint);
 * formats?.apply(1, 4, '123'); // '00123' when E2 has the format 00000
 */
export async function readIdentifierFormats(
  parts: Readonly<Record<string, Uint8Array>>,
  sheetPath: string,
  checkpoint: () => Promise<void>,
  stylesPath = 'xl/styles.xml',
): Promise<IdentifierFormats | null> {
  const stylesXml = parts[stylesPath];
  if (stylesXml === undefined) return null;
  const numfmt = await loadNumfmt();
  const byStyle = await identifierStyles(text(stylesXml), numfmt, checkpoint);
  if (byStyle.size === 0) return null;
  const sheetXml = parts[sheetPath];
  if (sheetXml === undefined) return null;
  const cells = await styledCells(text(sheetXml), byStyle, checkpoint);
  if (cells === null) return null;
  return {
    apply(row, column, raw) {
      const code = cells.find(row * COLUMNS + column);
      if (code === undefined || !INTEGER.test(raw)) return null;
      try {
        return numfmt.format(code, Number(raw));
      } catch {
        return null;
      }
    },
  };
}

type Numfmt = Pick<typeof import('numfmt'), 'format' | 'tokenize' | 'getFormatFromId'>;

/** numfmt is a separate chunk, loaded only for workbooks; its ESM and CJS builds differ in shape. */
async function loadNumfmt(): Promise<Numfmt> {
  const mod = (await import('numfmt')) as Numfmt & { default?: Numfmt };
  return typeof mod.format === 'function' ? mod : (mod.default as Numfmt);
}

/**
 * True when every section of `code` is made only of digit placeholders and literal text, with
 * at least one `0` (a placeholder that pads) or a literal around the digits.
 *
 * @example
 * isIdentifierFormat('00000', numfmt); // true
 * isIdentifierFormat('#,##0.00', numfmt); // false
 */
export function isIdentifierFormat(code: string, numfmt: Pick<Numfmt, 'tokenize'>): boolean {
  let tokens: { type: string; value?: unknown }[];
  try {
    tokens = numfmt.tokenize(code);
  } catch {
    return false;
  }
  if (tokens.length === 0) return false;
  let pads = false;
  let literal = false;
  for (const token of tokens) {
    const type = token.type.toLowerCase();
    if (!IDENTIFIER_TOKENS.has(type)) return false;
    // `[$-409]` only names a locale; `[$€-407]` also shows a currency symbol: money, not an ID.
    if (type === 'locale' && !String(token.value ?? '').startsWith('-')) return false;
    if (type === 'zero') pads = true;
    if (
      type === 'minus' ||
      type === 'space' ||
      type === 'string' ||
      type === 'char' ||
      type === 'escaped' ||
      type === 'paren'
    ) {
      literal = true;
    }
  }
  // A lone `0` or `#` shows the number as it is: nothing to apply.
  return pads
    ? tokens.filter((t) => t.type.toLowerCase() === 'zero').length > 1 || literal
    : literal;
}

/** Style index (`cellXfs` position) → format code, for the styles with an identifier format. */
async function identifierStyles(
  xml: string,
  numfmt: Numfmt,
  checkpoint: () => Promise<void>,
): Promise<Map<number, string>> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanXml(
    xml,
    {
      open(name, attrs) {
        if (name === 'numFmt') {
          const id = Number(attr(attrs, 'numFmtId'));
          const code = attr(attrs, 'formatCode');
          if (Number.isInteger(id) && code !== null) custom.set(id, code);
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(attrs, 'numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    checkpoint,
  );
  const out = new Map<number, string>();
  xfFormats.forEach((id, style) => {
    const code = custom.get(id) ?? builtInFormat(id, numfmt);
    if (code !== null && isIdentifierFormat(code, numfmt)) out.set(style, code);
  });
  return out;
}

function builtInFormat(id: number, numfmt: Numfmt): string | null {
  try {
    return numfmt.getFormatFromId(id) ?? null;
  } catch {
    return null;
  }
}

/** The cells of a sheet with an identifier format, sorted by place, and a lookup. */
class StyledCells {
  private packed = new Float64Array(1024);
  private count = 0;
  private sorted = true;
  private readonly codes: string[] = [];
  private readonly codeIndex = new Map<string, number>();

  add(place: number, code: string): void {
    let index = this.codeIndex.get(code);
    if (index === undefined) {
      // At most one code per cellXfs entry; past 65,536 distinct ones a cell keeps its stored value.
      if (this.codes.length === CODES) return;
      index = this.codes.length;
      this.codes.push(code);
      this.codeIndex.set(code, index);
    }
    if (this.count === this.packed.length) {
      const grown = new Float64Array(this.packed.length * 2);
      grown.set(this.packed);
      this.packed = grown;
    }
    const value = place * CODES + index;
    if (this.count > 0 && value < (this.packed[this.count - 1] as number)) this.sorted = false;
    this.packed[this.count++] = value;
  }

  get size(): number {
    return this.count;
  }

  /** Sorts once (rows written out of order); a sheet in document order is sorted already. */
  finish(): this {
    this.packed = this.packed.subarray(0, this.count);
    if (!this.sorted) this.packed.sort();
    return this;
  }

  /** The format code of the cell at `place`, by binary search. */
  find(place: number): string | undefined {
    const lowest = place * CODES;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.packed[mid] as number) < lowest) lo = mid + 1;
      else hi = mid;
    }
    const value = this.packed[lo];
    if (value === undefined || Math.floor(value / CODES) !== place) return undefined;
    return this.codes[value - lowest];
  }
}

/** Cells whose style is in `styles`, or null when none is. */
async function styledCells(
  xml: string,
  styles: ReadonlyMap<number, string>,
  checkpoint: () => Promise<void>,
): Promise<StyledCells | null> {
  const out = new StyledCells();
  let row = -1;
  let column = -1;
  await scanXml(
    xml,
    {
      open(name, attrs) {
        if (name === 'row') {
          const r = Number(attr(attrs, 'r'));
          row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
          column = -1;
        } else if (name === 'c') {
          const ref = attr(attrs, 'r');
          column = ref === null ? column + 1 : columnIndex(ref);
          const type = attr(attrs, 't');
          if (type !== null && type !== 'n') return;
          const code = styles.get(Number(attr(attrs, 's') ?? 0));
          if (code !== undefined && column >= 0 && column < COLUMNS && row >= 0) out.add(row * COLUMNS + column, code);
        }
      },
    },
    checkpoint,
  );
  return out.size === 0 ? null : out.finish();
}

/** `AB12` → 27 (zero-based); -1 if the reference has no letters. */
function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
}

function attr(attrs: readonly string[], name: string): string | null {
  for (let i = 0; i < attrs.length; i += 2) {
    if (localName(attrs[i] as string) === name) return attrs[i + 1] as string;
  }
  return null;
}

/** Element and attribute names without a namespace prefix (`x:c`, `r:id`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

async function scanXml(
  xml: string,
  handler: { open(name: string, attrs: readonly string[]): void; close?(name: string): void },
  checkpoint: () => Promise<void>,
): Promise<void> {
  const stack: string[] = [];
  const full: XmlHandler = {
    open(name, attrs) {
      const local = localName(name);
      stack.push(local);
      handler.open(local, attrs);
    },
    text() {},
    close() {
      const name = stack.pop();
      if (name !== undefined) handler.close?.(name);
    },
  };
  const scanner = new XmlScanner(xml, full);
  while (!scanner.done) {
    scanner.scan(scanner.pos + SLICE);
    await checkpoint();
  }
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
