import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { encodeXmlName } from '../model/xml-names';
import { planUnflatten, type PlanLeaf, type PlanNode } from './unflatten';
import { CHUNK_CHARS, type XmlWriteOptions, type XmlWriteSummary } from './write-types';

/** A plan node with its XML name already encoded. */
type XmlNode =
  | { readonly kind: 'leaf'; readonly name: string; readonly column: number }
  | {
      readonly kind: 'group';
      readonly name: string;
      readonly attributes: readonly XmlAttribute[];
      readonly children: readonly XmlNode[];
    };

interface XmlAttribute {
  readonly name: string;
  readonly column: number;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * Characters outside XML 1.0's `Char` production (https://www.w3.org/TR/xml/#charsets): C0
 * controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF. No escape can write
 * them (`&#1;` is not well-formed either).
 */
const INVALID_CHARS =
  // oxlint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `\r` is written `&#13;` because XML end-of-line handling (https://www.w3.org/TR/xml/#sec-line-ends)
 * turns a literal CR or CRLF into LF. In attributes, tab and LF are escaped as well, since
 * attribute-value normalisation (https://www.w3.org/TR/xml/#AVNormalize) turns them into spaces.
 */
interface Escaping {
  readonly special: RegExp;
  readonly table: Readonly<Record<string, string>>;
}
const TEXT: Escaping = {
  special: /[&<>\r]/g,
  table: {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '\r': '&#13;',
  },
};
const ATTRIBUTE: Escaping = {
  special: /[&<>"\r\n\t]/g,
  table: { ...TEXT.table, '"': '&quot;', '\t': '&#9;', '\n': '&#10;' },
};

/**
 * Serialises a table as XML 1.0: `<root>` holding one `<record>` per row, one record per line,
 * in chunks of roughly 64 KiB that end at record boundaries. The generator's return value
 * counts the characters XML could not hold (see `invalidChars`).
 *
 * - Every element and attribute name goes through `encodeXmlName`, root and record names too,
 *   so any column name is written reversibly (`First Name` → `First_x0020_Name`).
 * - `@x` (no dot) → attribute `x` on the record; `a.b` → `<a><b>…</b></a>` and `a.@t` →
 *   attribute `t` on `<a>`, when unambiguous (see `planUnflatten`); otherwise one element with
 *   the whole name encoded.
 * - `null` omits the element (or attribute), and an element whose cells are all `null`;
 *   `''` writes `<x/>` (or `x=""`).
 * - Characters outside XML 1.0 are replaced with U+FFFD and counted (`invalidChars: 'replace'`,
 *   the default) or make the export fail (`'fail'`): no XML 1.0 parser accepts them.
 * - Throws `PorterError('export-failed', { reason: 'duplicate-column' })` for repeated names.
 *
 * @example
 * const table = tableFromRows(['@id', 'name', 'address.city'], [['7', 'Ada & Co', 'Oslo']]);
 * [...serializeXml(table, DEFAULT_XML_WRITE)].join('');
 * // <?xml version="1.0" encoding="UTF-8"?>
 * // <records>
 * //   <record id="7"><name>Ada &amp; Co</name><address><city>Oslo</city></address></record>
 * // </records>
 */
export function* serializeXml(
  table: Table,
  opts: XmlWriteOptions,
): Generator<string, XmlWriteSummary, undefined> {
  const plan = planUnflatten(table.columns, { attributes: true });
  const nodes = plan.children.map(compile);
  const attributes = plan.attributes.map(compileAttribute);
  const root = encodeXmlName(opts.root);
  const record = encodeXmlName(opts.record);
  const failOnInvalid = opts.invalidChars === 'fail';

  let replacedChars = 0;
  let firstReplacedRow: number | null = null;
  let firstReplacedColumn: string | null = null;
  let row = 0;

  /** Replaces (or refuses) characters XML 1.0 cannot hold, then escapes. */
  const escape = (value: string, column: number, escaping: Escaping) => {
    let v = value;
    INVALID_CHARS.lastIndex = 0;
    if (INVALID_CHARS.test(v)) {
      const columnName = table.columns[column] ?? '';
      const sourceRow = table.sourceRow(row);
      if (failOnInvalid) {
        INVALID_CHARS.lastIndex = 0;
        const found = INVALID_CHARS.exec(v)?.[0] ?? '';
        throw new PorterError('export-failed', {
          reason: 'xml-invalid-char',
          row: sourceRow,
          column: columnName,
          codeUnit: found.charCodeAt(0),
        });
      }
      v = v.replace(INVALID_CHARS, () => {
        replacedChars++;
        return '\uFFFD';
      });
      firstReplacedRow ??= sourceRow;
      firstReplacedColumn ??= columnName;
    }
    return v.replace(escaping.special, (ch) => escaping.table[ch] ?? ch);
  };

  const writeAttributes = (list: readonly XmlAttribute[]): string => {
    let out = '';
    for (const a of list) {
      const cell = table.cell(row, a.column);
      if (cell !== null) out += ` ${a.name}="${escape(cell, a.column, ATTRIBUTE)}"`;
    }
    return out;
  };

  /** Child elements' text; `''` when every cell under `list` is missing. */
  const writeChildren = (list: readonly XmlNode[]): string => {
    let out = '';
    for (const node of list) {
      if (node.kind === 'leaf') {
        const cell = table.cell(row, node.column);
        if (cell === null) continue;
        out +=
          cell === ''
            ? `<${node.name}/>`
            : `<${node.name}>${escape(cell, node.column, TEXT)}</${node.name}>`;
      } else {
        const attrs = writeAttributes(node.attributes);
        const inner = writeChildren(node.children);
        if (attrs === '' && inner === '') continue;
        out +=
          inner === ''
            ? `<${node.name}${attrs}/>`
            : `<${node.name}${attrs}>${inner}</${node.name}>`;
      }
    }
    return out;
  };

  let buffer = opts.declaration ? DECLARATION : '';
  if (table.rowCount === 0) {
    yield `${buffer}<${root}/>\n`;
    return { replacedChars, firstReplacedRow, firstReplacedColumn };
  }
  buffer += `<${root}>\n`;
  for (row = 0; row < table.rowCount; row++) {
    const attrs = writeAttributes(attributes);
    const inner = writeChildren(nodes);
    buffer +=
      inner === '' ? `  <${record}${attrs}/>\n` : `  <${record}${attrs}>${inner}</${record}>\n`;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  yield `${buffer}</${root}>\n`;
  return { replacedChars, firstReplacedRow, firstReplacedColumn };
}

function compile(node: PlanNode): XmlNode {
  if (node.kind === 'leaf')
    return { kind: 'leaf', name: encodeXmlName(node.key), column: node.column };
  return {
    kind: 'group',
    name: encodeXmlName(node.key),
    attributes: node.attributes.map(compileAttribute),
    children: node.children.map(compile),
  };
}

function compileAttribute(leaf: PlanLeaf): XmlAttribute {
  return { name: encodeXmlName(leaf.key), column: leaf.column };
}
