import { DEFAULT_XLSX_BUDGET } from './xlsx-guard';
import { inflateZipEntry, listZipEntries } from './xlsx-zip';
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

/** Formats of one sheet that apply, by cell: `row * COLUMNS + column` (both zero-based). */
export interface IdentifierFormats {
  /** The formatted text for a cell's raw number text, or `null` to keep the raw text. */
  apply(row: number, column: number, raw: string): string | null;
}

const COLUMNS = 16_384;
const INTEGER = /^-?\d{1,15}$/;

/**
 * Reads which cells of `sheet` have an identifier number format, or returns `null` (the usual
 * case: no such format in the workbook, and nothing more is read). The sheet's XML is scanned
 * a second time only when the styles hold such a format.
 *
 * @example
 * const formats = await readIdentifierFormats(bytes, 'xl/worksheets/sheet1.xml');
 * formats?.apply(1, 4, '123'); // '00123' when E2 has the format 00000
 */
export async function readIdentifierFormats(bytes: Uint8Array, sheetPath: string): Promise<IdentifierFormats | null> {
  const stylesXml = await readZipEntry(bytes, 'xl/styles.xml');
  if (stylesXml === null) return null;
  const numfmt = await loadNumfmt();
  const byStyle = identifierStyles(text(stylesXml), numfmt);
  if (byStyle.size === 0) return null;
  const sheetXml = await readZipEntry(bytes, sheetPath);
  if (sheetXml === null) return null;
  const cells = styledCells(text(sheetXml), byStyle);
  if (cells.size === 0) return null;
  return {
    apply(row, column, raw) {
      const code = cells.get(row * COLUMNS + column);
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
function identifierStyles(xml: string, numfmt: Numfmt): Map<number, string> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  scanXml(xml, {
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
  });
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

/**
 * One part of the package, inflated under the same per-part cap as the reader's guard (which
 * has already refused a workbook whose parts pass it), or null when absent or over the cap.
 */
async function readZipEntry(bytes: Uint8Array, name: string): Promise<Uint8Array | null> {
  const entry = listZipEntries(bytes).find((e) => e.name === name);
  return entry === undefined ? null : inflateZipEntry(bytes, entry, DEFAULT_XLSX_BUDGET.partBytes);
}

/** Cells whose style is in `styles`: key `row * COLUMNS + column` (zero-based) → format code. */
function styledCells(xml: string, styles: ReadonlyMap<number, string>): Map<number, string> {
  const out = new Map<number, string>();
  let row = -1;
  let column = -1;
  scanXml(xml, {
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
        if (code !== undefined && column >= 0) out.set(row * COLUMNS + column, code);
      }
    },
  });
  return out;
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

function scanXml(
  xml: string,
  handler: { open(name: string, attrs: readonly string[]): void; close?(name: string): void },
): void {
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
  new XmlScanner(xml, full).scan(Number.POSITIVE_INFINITY);
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
