import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodedText } from '../../../../src/core/model/encoded-text';
import { propertyConfig } from '../../../support/seeded';

// A run's text as UTF-8 and a cell's bytes in it, held to TextEncoder on the cell alone.

const encoder = new TextEncoder();
const unit = fc.constantFrom(
  'a', 'b', ' ', ',', '"', '\n', '\r', '\t', '=', '-', '+', '1', "'",
  'é', 'ÿ', '\u0085', '\u0080', '\u009f', '中', '\uFFFD', '\uFEFF', '＝',
  '😀', '\uD83D', '\uDE00', '\uDBFF\uDFFF', '\uD800', '\uDFFF',
);
const textArb = fc.array(unit, { maxLength: 300 }).map((u) => u.join(''));
/** Well formed: no lone surrogate (`String.prototype.isWellFormed`, spelled out). */
const wellFormed = (t: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t);

describe('EncodedText.place', () => {
  it('answers true exactly for a cell that is well formed alone, with its own UTF-8; cells in any order, one instance for many texts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(textArb, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 })), { maxLength: 60 })), { minLength: 1, maxLength: 4 }),
        (jobs) => {
          const encoded = new EncodedText();
          for (const [text, cells] of jobs) {
            encoded.encode(text);
            if (text.length === 0) continue;
            for (const [a, len] of cells) {
              const s = a % text.length;
              const e = Math.min(text.length, s + 1 + len);
              const cell = text.slice(s, e);
              const own = encoded.place(s, e);
              expect(own, JSON.stringify({ text, s, e })).toBe(wellFormed(cell));
              // Where the bytes are the cell's own, they are its UTF-8 (else not asked).
              const bytes = own ? encoded.bytes.subarray(encoded.from, encoded.to) : encoder.encode(cell);
              expect(Buffer.from(bytes).toString('hex'), JSON.stringify({ text, s, e })).toBe(Buffer.from(encoder.encode(cell)).toString('hex'));
            }
          }
        },
      ),
      propertyConfig({ numRuns: 1500 }),
    );
  });

  it('finds a cell before the last one asked (a mapped table asks a block text\'s columns in its own order)', () => {
    const text = `${'é'.repeat(200)}abc${'中'.repeat(100)}xyz`;
    const encoded = new EncodedText();
    encoded.encode(text);
    expect(encoded.place(303, 306)).toBe(true);
    expect(new TextDecoder().decode(encoded.bytes.subarray(encoded.from, encoded.to))).toBe('xyz');
    expect(encoded.place(200, 203)).toBe(true);
    expect(new TextDecoder().decode(encoded.bytes.subarray(encoded.from, encoded.to))).toBe('abc');
    expect(encoded.place(0, 2)).toBe(true);
    expect(new TextDecoder().decode(encoded.bytes.subarray(encoded.from, encoded.to))).toBe('éé');
  });
});
