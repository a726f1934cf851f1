import { describe, expect, it } from 'vitest';
import { guardFormula, needsFormulaGuard } from '../../../../src/core/write/formula-guard';

describe('guardFormula (OWASP CSV Injection)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['=', "'="],
  ])('guards %j', (input, expected) => {
    expect(needsFormulaGuard(input)).toBe(true);
    expect(guardFormula(input)).toBe(expected);
  });

  it.each(['', 'Ada', 'a=b', ' =1', '\n=1', "'=1", '＝1', '5-3', 'x@y.z'])(
    'leaves %j alone',
    (input) => {
      expect(needsFormulaGuard(input)).toBe(false);
      expect(guardFormula(input)).toBe(input);
    },
  );
});
