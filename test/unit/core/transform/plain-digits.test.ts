import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDigits } from '../../../../src/core/transform/phone-plan';
import { propertyConfig } from '../../../support/seeded';

/** The reading plainDigits replaced: runs of ` ().-` removed, then `^\+?\d+$`, '+' only first in the text. */
function reference(text: string): { plus: boolean; digits: string } | undefined {
  const compact = text.replace(/[ ().-]+/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  const plus = compact.charCodeAt(0) === 43;
  if (plus && text.charCodeAt(0) !== 43) return undefined;
  return { plus, digits: plus ? compact.slice(1) : compact };
}

const PHONE_CHARS = ['0', '1', '2', '5', '9', ' ', '(', ')', '.', '-', '+', '/', 'x', '٣', '１', '\u00a0', '\t'];

describe('plainDigits (one scan instead of replace + test)', () => {
  it('reads what the regex pair reads, on phone-like text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PHONE_CHARS), { maxLength: 20 }).map((a) => a.join('')), (text) => {
        expect(plainDigits(text)).toEqual(reference(text));
      }),
      propertyConfig({ numRuns: 3000 }),
    );
  });

  it('reads what the regex pair reads, on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 16 }), (text) => {
        expect(plainDigits(text)).toEqual(reference(text));
      }),
      propertyConfig({ numRuns: 300 }),
    );
  });

  it('keeps the shapes people write', () => {
    expect(plainDigits('+1 (415) 555-2671')).toEqual({ plus: true, digits: '14155552671' });
    expect(plainDigits('030.1234567')).toEqual({ plus: false, digits: '0301234567' });
    expect(plainDigits(' +1 415')).toBeUndefined();
    expect(plainDigits('+')).toBeUndefined();
    expect(plainDigits('')).toBeUndefined();
    expect(plainDigits('415 ext 2')).toBeUndefined();
  });
});
