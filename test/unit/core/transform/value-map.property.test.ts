import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTransforms, normalizeMapKey } from '../../../../src/core/transform/apply-transforms';
import type { Transform } from '../../../../src/core/transform/transform-types';
import { propertyConfig } from '../../../support/seeded';

/**
 * The value map's caches (the first few spellings compared before the memo, the memo, the map
 * compiled last) against the rule they shortcut: a cell's result is the entry whose key
 * normalises as the cell does, else the cell. Cells come in any order, many more distinct ones
 * than the first few, from slices of one text (as the reader gives them), with two maps
 * interleaved so neither cache answers for the other.
 */
const spellings = fc.constantFrom('Lead', 'lead', ' LEAD ', 'Ｌｅａｄ', 'Customer', 'customer  ', 'Key  Account', 'key account', '重要客户', 'VIP', 'vip', 'Prospect', '', ' ', '__proto__');
const cellArb = fc.oneof({ weight: 3, arbitrary: spellings }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const mapArb = fc.dictionary(fc.oneof(spellings, fc.string({ maxLength: 4 })), fc.string({ maxLength: 4 }), { maxKeys: 6 });

function expected(map: Readonly<Record<string, string>>, cell: string): string {
  let out: string | undefined;
  // The last key of the same normal form wins, as when the map is compiled.
  for (const key of Object.keys(map)) if (normalizeMapKey(key) === normalizeMapKey(cell)) out = map[key];
  return out ?? cell;
}

describe('value map (seeded property)', () => {
  it('gives every cell the entry its normal form names, whatever came before', () => {
    fc.assert(
      fc.property(mapArb, mapArb, fc.array(fc.tuple(cellArb, fc.boolean()), { minLength: 1, maxLength: 80 }), (a, b, cells) => {
        const ta: Transform[] = [{ kind: 'value-map', map: a }];
        const tb: Transform[] = [{ kind: 'value-map', map: b }];
        // Cells as slices of one text, as a CSV block gives them.
        const text = cells.map(([c]) => `${c}\u0001`).join('');
        let at = 0;
        for (const [cell, useB] of cells) {
          const slice = text.slice(at, at + cell.length);
          at += cell.length + 1;
          expect(applyTransforms(slice, useB ? tb : ta, { row: [] }).value).toBe(expected(useB ? b : a, cell));
        }
      }),
      propertyConfig({ numRuns: 400 }),
    );
  });
});
