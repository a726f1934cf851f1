/**
 * Reversible mapping between any column name and a valid XML element name, in the style of
 * .NET's XmlConvert.EncodeName: a character that may not stand at its place becomes `_xHHHH_`
 * (UTF-16 code unit, upper-case hex), and the `_` of every literal `_x` is escaped too, so
 * decoding is exact. The empty name is `_x_`. `:` is always escaped because readers treat it as
 * a namespace prefix. Names are otherwise left as they are, dots included (`<a.b>` is valid).
 *
 * @example
 * encodeXmlName('First Name'); // 'First_x0020_Name'
 * decodeXmlName('First_x0020_Name'); // 'First Name'
 */
export function encodeXmlName(name: string): string {
  if (name === '') return '_x_';
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name.charAt(i);
    const code = name.charCodeAt(i);
    const literalEscape = ch === '_' && name.charAt(i + 1) === 'x';
    const ok = i === 0 ? isNameStart(code) : isNameChar(code);
    if (!ok || literalEscape || ch === ':' || (i === 0 && /^xml/i.test(name))) {
      out += `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Inverse of {@link encodeXmlName}. Names that were never encoded come back unchanged. */
export function decodeXmlName(name: string): string {
  if (name === '_x_') return '';
  return name.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

// XML 1.0 (fifth edition) NameStartChar / NameChar, over UTF-16 code units; surrogates count
// as valid so astral letters pass through as pairs.
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
    (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
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
