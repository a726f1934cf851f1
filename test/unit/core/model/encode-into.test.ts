import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeInto } from '../../../../src/core/model/encode-into';
import { propertyConfig } from '../../../support/seeded';

// encodeInto cuts the text in two before handing it to the encoder (so Chromium leaves the text
// itself as it was): the same bytes, `read` and `written` as one `TextEncoder.encodeInto` call,
// on any UTF-16 (surrogate pairs at the cut, lone surrogates) and into buffers too short.

const unit = fc.oneof(
  fc.constantFrom('a', 'é', '王', '😀', '\ud83d', '\ude00', '\ufffd', ' '),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
);
const text = fc.array(unit, { maxLength: 80 }).map((parts) => parts.join(''));

describe('encodeInto', () => {
  it('writes what one TextEncoder.encodeInto writes, into any room (property)', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(text, fc.nat({ max: 260 }), (s, room) => {
        const want = new Uint8Array(room);
        const got = new Uint8Array(room);
        const expected = encoder.encodeInto(s, want);
        expect(encodeInto(s, got)).toEqual({ read: expected.read, written: expected.written });
        expect(got).toEqual(want);
      }),
      propertyConfig({ numRuns: 2000 }),
    );
  });

  it('keeps a surrogate pair whole at the cut', () => {
    const s = `${'x'.repeat(40)}😀`;
    const out = new Uint8Array(64);
    expect(encodeInto(s, out)).toEqual({ read: 42, written: 44 });
    expect([...out.subarray(40, 44)]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });
});
