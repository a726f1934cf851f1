import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyTransforms,
  prepareTransforms,
} from '../../../../src/core/transform/apply-transforms';
import { compileSpanIdentity } from '../../../../src/core/transform/span-identity';
import type { Transform } from '../../../../src/core/transform/transform-types';
import { propertyConfig } from '../../../support/seeded';

/**
 * The in-place identity of transform chains (span-identity.ts) against the transforms
 * themselves: wherever it says "kept", `applyTransforms` returns the value unchanged, with no
 * note; read from any place in a longer string.
 */

const none = { row: [] };

/** Units the transforms treat specially, beside ordinary text. */
const UNITS = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  'a',
  'z',
  'A',
  'Z',
  'é',
  'É',
  'ß',
  'İ',
  '伟',
  '\ud83d',
  '\ude00',
  '@',
  '.',
  '-',
  '(',
  ')',
  '+',
  '0',
  '1',
  '5',
  '9',
  'x',
];
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...UNITS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);
const text = fc.string({ unit, maxLength: 20 });
/** Phone-like values: '+', digits, sometimes spaces or another unit. */
const phoneish = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('+', '', ' +', '+0'),
      fc.stringMatching(/^[0-9]{0,17}$/),
      fc.constantFrom('', ' ', '\u00a0', 'x'),
    )
    .map(([a, b, c]) => a + b + c),
  text,
);
const simpleTransform: fc.Arbitrary<Transform> = fc.constantFrom<Transform>(
  { kind: 'trim' },
  { kind: 'collapse-spaces' },
  { kind: 'case', to: 'lower' },
  { kind: 'case', to: 'upper' },
  { kind: 'lowercase-email' },
  { kind: 'phone', country: 'US' },
  { kind: 'phone', country: 'DE' },
  { kind: 'default', value: 'n/a' },
);
const chain = fc.array(simpleTransform, { minLength: 1, maxLength: 3 });

beforeAll(async () => {
  await prepareTransforms([{ kind: 'phone', country: 'US' }]);
});

describe('compileSpanIdentity', () => {
  it('says "kept" only where every transform of the chain returns the value unchanged, without a note', () => {
    let kept = 0;
    fc.assert(
      fc.property(
        chain,
        text,
        fc.oneof(text, phoneish),
        text,
        (transforms, before, value, after) => {
          const identity = compileSpanIdentity(transforms);
          expect(identity).toBeDefined();
          const holder = before + value + after;
          if (identity?.(holder, before.length, before.length + value.length) !== true) return;
          kept++;
          expect(applyTransforms(value, transforms, none)).toEqual({ value });
        },
      ),
      propertyConfig({ numRuns: 3000 }),
    );
    // Not vacuous: plain values are kept often.
    expect(kept).toBeGreaterThan(100);
  });

  it.each<[readonly Transform[], string, boolean]>([
    [[{ kind: 'trim' }], 'Ada', true],
    [[{ kind: 'trim' }], '', true],
    [[{ kind: 'trim' }], '张伟', true],
    [[{ kind: 'trim' }], ' Ada', false],
    [[{ kind: 'trim' }], 'Ada\u200b', false],
    [[{ kind: 'collapse-spaces' }], 'Ada Lovelace', true],
    [[{ kind: 'collapse-spaces' }], 'Ada  Lovelace', false],
    [[{ kind: 'collapse-spaces' }], 'Ada\u00a0Lovelace', false],
    [[{ kind: 'trim' }, { kind: 'lowercase-email' }], 'ada@example.com', true],
    [[{ kind: 'lowercase-email' }], 'Ada@example.com', false],
    [[{ kind: 'lowercase-email' }], 'adé@example.com', false],
    [[{ kind: 'case', to: 'upper' }], 'ACME 1', true],
    [[{ kind: 'phone', country: 'US' }], '+14155552671', true],
    [[{ kind: 'phone', country: 'US' }], '', true],
    [[{ kind: 'phone', country: 'US' }], '(415) 555-2671', false],
    [[{ kind: 'phone', country: 'US' }], '+1415555267', true],
    [[{ kind: 'phone', country: 'US' }], '+04155552671', false],
    [[{ kind: 'default', value: 'x' }], 'a', true],
    [[{ kind: 'default', value: 'x' }], '', false],
  ])('%j keeps %j: %s', (transforms, value, want) => {
    expect(compileSpanIdentity(transforms)?.(`>${value}<`, 1, 1 + value.length)).toBe(want);
    // Where it says kept, the transforms agree.
    expect(!want || applyTransforms(value, transforms, none).value === value).toBe(true);
  });

  it('has none for a chain with a transform it cannot decide in place', () => {
    const undecided: Transform[] = [
      { kind: 'case', to: 'title' },
      { kind: 'date', order: 'auto' },
      { kind: 'number', decimal: '.' },
      { kind: 'value-map', map: { a: 'b' } },
      { kind: 'split-name', part: 'first', order: 'auto' },
      { kind: 'join', columns: [0], separator: ' ' },
    ];
    for (const t of undecided) expect(compileSpanIdentity([{ kind: 'trim' }, t])).toBeUndefined();
    expect(compileSpanIdentity([])).toBeUndefined();
  });
});
