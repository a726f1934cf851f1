import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNext, SliceDecoder } from '../../../../src/core/read/csv-stream-decode';
import { propertyConfig } from '../../../support/seeded';

/**
 * `SliceDecoder` handing each slice to `TextDecoder` a few bytes at a time (`decodeInPieces`)
 * against one `decode` call per slice: the same texts, BOM and count of undecodable bytes, for
 * any bytes (sequences cut anywhere, bad bytes, BOMs) in slices of any size. (Node's own
 * windows-1252 decoder answers differently for one byte and for several; the decoder's repair
 * makes both Windows-1252.)
 */

function decodeAll(bytes: Uint8Array, ends: readonly number[], encoding: string, piece?: number) {
  const decoder = new SliceDecoder(bytes, encoding, piece);
  const texts = ends.map((end, i) => decodeNext(decoder, bytes, end - decoder.decoded, i === ends.length - 1));
  return { texts, bom: decoder.bom, replacements: decoder.replacements };
}

/** Text with characters of 1–4 UTF-8 bytes (and 2 or 4 in UTF-16), plus stray bytes. */
const bytesArb = fc
  .record({
    text: fc.array(fc.constantFrom('a', 'bc', ',', '\n', 'é', '张', '😀', '€', 'ÿ', '\uFFFD'), { maxLength: 40 }).map((p) => p.join('')),
    bom: fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
    bad: fc.array(fc.record({ at: fc.nat(), byte: fc.constantFrom(0xff, 0xc3, 0xe4, 0x80, 0xd8) }), { maxLength: 3 }),
  })
  .map(({ text, bom, bad }) => {
    const body = Array.from(new TextEncoder().encode(text));
    for (const b of bad) body.splice(b.at % (body.length + 1), 0, b.byte);
    return new Uint8Array([...bom, ...body]);
  });

describe('SliceDecoder in pieces ≡ one TextDecoder call per slice', () => {
  it('gives the same texts, BOM and replacements for any bytes, piece size and slices', () => {
    fc.assert(
      fc.property(
        bytesArb,
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'shift_jis'),
        (bytes, cuts, piece, encoding) => {
          const ends = [...new Set(cuts.map((c) => c % (bytes.length + 1))), bytes.length].sort((a, b) => a - b);
          expect(decodeAll(bytes, ends, encoding, piece)).toEqual(decodeAll(bytes, ends, encoding));
        },
      ),
      propertyConfig({ numRuns: 1000 }),
    );
  });
});
