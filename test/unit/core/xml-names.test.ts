import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeXmlName, encodeXmlName } from '../../../src/core/model/xml-names';
import { propertyConfig } from '../../support/seeded';

// XML 1.0 (fifth edition) Name production, https://www.w3.org/TR/xml/#NT-Name, over code
// points (`u` flag: a lone surrogate matches nothing). ':' is left out on purpose: encodeXmlName
// escapes it so no reader takes it for a namespace prefix.
const START =
  'A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}' +
  '\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}' +
  '\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
const CHAR = `${START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;
const XML_NAME = new RegExp(`^[${START}][${CHAR}]*$`, 'u');

const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const BELOW_PLANE_15 = /^[^\uDB80-\uDBFF]*$/; // high surrogates of U+F0000..U+10FFFF

/** Strings rich in the characters the encoding treats specially. */
const trickyString = fc.string({
  unit: fc.constantFrom(
    '_',
    'x',
    'X',
    '0',
    '2',
    'F',
    'f',
    ':',
    '.',
    '-',
    'a',
    'm',
    'l',
    ' ',
    '@',
    '\uD800',
    '\uDC00',
    '😀',
  ),
});
const anyString = fc.oneof(
  trickyString,
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
);

describe('encodeXmlName / decodeXmlName', () => {
  it.each<[string, string]>([
    ['First Name', 'First_x0020_Name'],
    ['', '_x_'],
    ['_x_', '_x005F_x_'],
    ['_x0020_', '_x005F_x0020_'],
    ['1st', '_x0031_st'],
    ['a:b', 'a_x003A_b'],
    ['xmlns', '_x0078_mlns'],
    ['XML', '_x0058_ML'],
    ['a.b', 'a.b'],
    ['@id', '_x0040_id'],
    ['-a', '_x002D_a'],
    ['__proto__', '__proto__'],
    ['名字', '名字'],
    ['e😀', 'e😀'],
    ['a\u0000b', 'a_x0000_b'],
    // Valid XML name characters, but white space to JavaScript readers (see xml-names.ts).
    ['\u1680', '_x1680_'],
    ['a\uFEFFb', 'a_xFEFF_b'],
  ])('%j ↔ %j', (name, encoded) => {
    expect(encodeXmlName(name)).toBe(encoded);
    expect(decodeXmlName(encoded)).toBe(name);
  });

  it('decode(encode(s)) === s for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(decodeXmlName(encodeXmlName(s))).toBe(s);
      }),
      propertyConfig({ numRuns: 2000 }),
    );
  });

  it('encode(s) is a valid XML Name without ":" for well-formed strings below U+F0000', () => {
    fc.assert(
      fc.property(
        anyString.filter((s) => WELL_FORMED.test(s) && BELOW_PLANE_15.test(s)),
        (s) => {
          expect(encodeXmlName(s)).toMatch(XML_NAME);
        },
      ),
      propertyConfig({ numRuns: 2000 }),
    );
  });

  it('leaves valid names without "_x", ":", a leading "xml" or U+1680/U+FEFF unchanged', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(
            anyString,
            fc.string({ unit: fc.constantFrom('a', 'b', '_', '.', '-', '1', '名') }),
          )
          .filter(
            (s) =>
              XML_NAME.test(s) && !s.includes('_x') && !/^xml/i.test(s) && !/[\u1680\uFEFF]/.test(s),
          ),
        (s) => {
          expect(encodeXmlName(s)).toBe(s);
        },
      ),
      propertyConfig(),
    );
  });

  // Regressions: encodeXmlName once counted any UTF-16 surrogate as a NameChar, so a lone
  // surrogate passed through raw (not well-formed XML), and so did U+F0000..U+10FFFF, which
  // XML 1.0 names exclude. Both are now escaped, one `_xHHHH_` per code unit.
  it('encodes a lone surrogate to a valid name', () => {
    expect(encodeXmlName('a\uD800')).toMatch(XML_NAME);
  });
  it('encodes U+F0000 (plane 15) to a valid name', () => {
    expect(encodeXmlName('a\u{F0000}')).toMatch(XML_NAME);
  });

  it.each<[string, string]>([
    ['a\uD800', 'a_xD800_'],
    ['\uDC00a', '_xDC00_a'],
    ['a\u{F0000}', 'a_xDB80__xDC00_'],
    ['\u{10FFFF}', '_xDBFF__xDFFF_'],
    ['\u{EFFFF}', '\u{EFFFF}'],
    ['a\uDC00\uD800', 'a_xDC00__xD800_'],
  ])('escapes surrogates outside a valid pair: %j ↔ %j', (name, encoded) => {
    expect(encodeXmlName(name)).toBe(encoded);
    expect(decodeXmlName(encoded)).toBe(name);
  });

  it('encode(s) is a valid XML Name for any string, lone surrogates and plane 15/16 included', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(encodeXmlName(s)).toMatch(XML_NAME);
      }),
      propertyConfig({ numRuns: 2000 }),
    );
  });
});
