import { describe, expect, it } from 'vitest';
import { serializeCsv } from '../../../../src/core/write/csv-write';
import { guardFormula, needsFormulaGuard } from '../../../../src/core/write/formula-guard';
import { DEFAULT_CSV_WRITE } from '../../../../src/core/write/write-types';
import { tableFromRows } from '../../../../src/core/model/table';

// Every case of issue 7 item 5, both ways: what a spreadsheet could evaluate is guarded with a
// leading `'`; what cannot carry a formula is written as it is.
const GUARDED: readonly [string, string][] = [
  ['formula', '=1+2'],
  ['formula alone', '='],
  ['plus then text', '+A1'],
  ['minus then a function', '-SUM(A1:A2)'],
  ['at-sign function', '@SUM(A1)'],
  ['HYPERLINK', '=HYPERLINK("http://example.com","x")'],
  ['leading tab (OWASP)', '\t=1'],
  ['leading tab before text (OWASP)', '\tAda'],
  ['leading CR (OWASP)', '\r=1'],
  ['after a leading LF', '\n=1'],
  ['after leading spaces', '   =1+2'],
  ['after a NUL', '\u0000=1+2'],
  ['after a BOM', '\uFEFF=1+2'],
  ['after a zero-width space', '\u200B=1+2'],
  ['after a zero-width joiner and a no-break space', '\u200D\u00A0@SUM(1)'],
  ['after an ideographic space', '\u3000=1'],
  ['after a word joiner', '\u2060-cmd'],
  ['full-width equals', '＝1+2'],
  ['full-width plus', '＋1'],
  ['full-width minus', '－5'],
  ['full-width at', '＠SUM(A1)'],
  ['small equals', '\uFE66SUM(A1)'],
  ['DDE', "=cmd|' /C calc'!A0"],
  ['DDE behind @', "@SUM(1+1)*cmd|' /C calc'!A0"],
  ['DDE behind arithmetic', "-2+3+cmd|' /C calc'!A0"],
  ['DDE behind a phone-like start', "+1 555|' /C calc'!A0"],
  ['DDE after spaces', "  =cmd|' /C notepad'!A1"],
  ['number with a cell reference', '-5+A1'],
  ['sign alone', '-'],
  ['sign and spaces', '+  '],
  ['exponent without digits after it', '-1E'],
  ['letters posing as an exponent', '-E5'],
];

const UNCHANGED: readonly [string, string][] = [
  ['empty', ''],
  ['text', 'Ada'],
  ['equals inside', 'a=b'],
  ['already quoted', "'=1"],
  ['email', 'x@y.z'],
  ['subtraction inside', '5-3'],
  ['negative integer', '-5'],
  ['negative decimal', '-0.25'],
  ['negative with decimal comma', '-1.234,56'],
  ['negative in thousands', '-1,234.56'],
  ['percent', '-12%'],
  ['exponent', '-1.5E+10'],
  ['exponent lower case', '+2e-3'],
  ['E.164 phone', '+4930123456'],
  ['formatted phone', '+1 (555) 010-9999'],
  ['phone with dots', '+44.20.7946.0958'],
  ['phone after a space', ' +4930123456'],
  ['negative after a zero-width space', '\u200B-5'],
  ['number after a tab', '\t42'],
  ['only whitespace', '  \t '],
  ['only invisible characters', '\u200B\uFEFF'],
  ['date with slashes', '-2024/05/01'],
  ['Chinese text', '张伟'],
  ['minus sign U+2212 (not a trigger)', '\u22125'],
];

describe('needsFormulaGuard (OWASP CSV Injection)', () => {
  it.each(GUARDED)('guards %s: %j', (_, input) => {
    expect(needsFormulaGuard(input)).toBe(true);
    expect(guardFormula(input)).toBe(`'${input}`);
  });

  it.each(UNCHANGED)('leaves %s alone: %j', (_, input) => {
    expect(needsFormulaGuard(input)).toBe(false);
    expect(guardFormula(input)).toBe(input);
  });

  it('runs in linear time on long adversarial values', () => {
    // A backtracking pattern would take exponential time on these; a scan takes microseconds.
    const long = [
      `-${'1 '.repeat(200_000)}x`,
      `${'\u200B'.repeat(200_000)}=1`,
      `-${'1e'.repeat(200_000)}`,
    ];
    const started = performance.now();
    expect(long.map(needsFormulaGuard)).toEqual([true, true, true]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('serializeCsv with the guard', () => {
  it('writes phones and negative amounts as they are, and guards formulas', () => {
    const table = tableFromRows(
      ['phone', 'amount', 'note'],
      [
        ['+4930123456', '-0.25', "=cmd|' /C calc'!A0"],
        ['+1 (555) 010-9999', '-5', '＝1+2'],
      ],
    );
    const out = [...serializeCsv(table, DEFAULT_CSV_WRITE)].join('');
    expect(out).toBe(
      "phone,amount,note\r\n+4930123456,-0.25,'=cmd|' /C calc'!A0\r\n+1 (555) 010-9999,-5,'＝1+2\r\n",
    );
  });
});
