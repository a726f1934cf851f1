import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../../src/core/mapping/content-sniff';
import { picklistMap } from '../../../../src/core/mapping/transform-catalogue';
import type { FieldDef } from '../../../../src/core/schema/schema-types';
import { applyTransforms } from '../../../../src/core/transform/apply-transforms';
import { isYesNoWord, readYesNo } from '../../../../src/core/transform/yes-no';
import { validateValue } from '../../../../src/core/validate/value-rules';

const flag: FieldDef = { key: 'vip', label: { en: 'VIP', 'zh-CN': 'VIP' }, type: 'boolean', synonyms: [] };

describe('one yes/no vocabulary for sniffing, value maps and validation', () => {
  // [word, meaning, counts as evidence in content sniffing]
  it.each([
    ['yes', 'true', true],
    [' YES ', 'true', true],
    ['Ja', 'true', true],
    ['wahr', 'true', true],
    ['是', 'true', true],
    ['✓', 'true', true],
    ['1', 'true', false],
    ['No', 'false', true],
    ['nein', 'false', true],
    ['falsch', 'false', true],
    ['否', 'false', true],
    ['错', 'false', true],
    ['0', 'false', false],
    ['maybe', undefined, false],
  ] as const)('%j → %s', (word, meaning, evidence) => {
    expect(readYesNo(word)).toBe(meaning);
    expect(isYesNoWord(word)).toBe(evidence);
    // The Map step's value map and the Validate step's suggestion agree with it.
    const mapped = applyTransforms(word, [{ kind: 'value-map', map: picklistMap(flag) }], { row: [] }).value;
    expect(mapped).toBe(meaning ?? word);
    expect(validateValue(word, flag)[0]?.params?.suggestion).toBe(meaning);
    expect(profileColumn([word, word, word]).shares.boolean).toBe(evidence ? 1 : 0);
  });
});
