/**
 * Reversible mapping between any column name and a valid XML element name, in the style of
 * .NET's XmlConvert.EncodeName: a character that may not stand at its place becomes `_xHHHH_`
 * (one per UTF-16 code unit, upper-case hex; a surrogate pair is judged as one code point and
 * lone surrogates are always escaped), and the `_` of every literal `_x` is escaped too, so
 * decoding is exact. The empty name is `_x_`. `:` is always escaped because readers treat it as
 * a namespace prefix. U+1680 (Ogham space mark) and U+FEFF (zero-width no-break space, the BOM)
 * are escaped too although XML 1.0 (fifth edition) lets them into a name: they are the only name
 * characters that JavaScript's `\s` and `trim()` count as white space, so JS-based readers
 * (fast-xml-parser among them) split or trim the tag there, and XML 1.0 fourth-edition readers
 * refuse them. Names are otherwise left as they are, dots included (`<a.b>` is valid).
 *
 * @example
 * encodeXmlName('First Name'); // 'First_x0020_Name'
 * decodeXmlName('First_x0020_Name'); // 'First Name'
 */
export function encodeXmlName(name: string): string {
  if (name === '') return '_x_';
  let out = '';
  // Walk by code point: a surrogate pair is one character of the name, valid only as a whole.
  for (let i = 0; i < name.length;) {
    const code = name.codePointAt(i) as number;
    const ch = String.fromCodePoint(code);
    const literalEscape = ch === '_' && name.charAt(i + 1) === 'x';
    const ok = (i === 0 ? isNameStart(code) : isNameChar(code)) && !isJsOnlySpace(code);
    if (!ok || literalEscape || ch === ':' || (i === 0 && /^xml/i.test(name))) {
      // Each UTF-16 code unit gets its own escape, so decoding stays one code unit per `_xHHHH_`.
      for (let k = 0; k < ch.length; k++) out += escapeCodeUnit(ch.charCodeAt(k));
    } else {
      out += ch;
    }
    i += ch.length;
  }
  return out;
}

function escapeCodeUnit(unit: number): string {
  return `_x${unit.toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** Inverse of {@link encodeXmlName}. Names that were never encoded come back unchanged. */
export function decodeXmlName(name: string): string {
  if (name === '_x_') return '';
  return name.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

// XML 1.0 (fifth edition) NameStartChar / NameChar (https://www.w3.org/TR/xml/#NT-NameStartChar),
// over code points. A lone surrogate (U+D800..U+DFFF as a code point) is no character at all, and
// U+F0000..U+10FFFF lie outside the production, so both are escaped.
function isNameStart(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

/** The two XML name characters that JavaScript treats as white space (see encodeXmlName). */
function isJsOnlySpace(c: number): boolean {
  return c === 0x1680 || c === 0xfeff;
}

function isNameChar(c: number): boolean {
  return (
    isNameStart(c) ||
    c === 0x2d ||
    c === 0x2e ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x203f && c <= 0x2040)
  );
}
