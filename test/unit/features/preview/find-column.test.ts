import { describe, expect, it } from 'vitest';
import { columnNamed, findColumn } from '../../../../src/features/preview/find-column';

const HEADERS = Array.from({ length: 10_000 }, (_, c) => (c === 0 ? 'Email' : c === 1 ? 'City' : `Question ${c + 1}`));

describe('findColumn: "Go to column" in Preview', () => {
  it('a #number names one column; past the last, none', () => {
    expect(findColumn(HEADERS, '#9,876', null)).toEqual({ column: 9_875, match: 1, matches: 1 });
    expect(findColumn(HEADERS, '#10001', null)).toBeNull();
  });

  it('a header finds its first match in file order, case aside; Go again steps on and wraps', () => {
    // Question 98, 980-989 and 9800-9899: 111 columns.
    const first = findColumn(HEADERS, 'question 98', null);
    expect(first).toEqual({ column: 97, match: 1, matches: 111 });
    const second = findColumn(HEADERS, 'question 98', first?.column ?? null);
    expect(second).toEqual({ column: 979, match: 2, matches: 111 });
    const last = findColumn(HEADERS, 'question 98', 9_897);
    expect(last).toEqual({ column: 9_898, match: 111, matches: 111 });
    expect(findColumn(HEADERS, 'question 98', 9_898)).toEqual(first);
  });

  it('no text or no match finds nothing', () => {
    expect(findColumn(HEADERS, '  ', null)).toBeNull();
    expect(findColumn(HEADERS, 'zip', null)).toBeNull();
  });
});

describe("columnNamed: the filter's column in a wide file", () => {
  it('an exact header wins over an earlier one that holds the text', () => {
    expect(columnNamed(['Home city', 'City'], 'CITY')).toBe(1);
    expect(columnNamed(['Home city', 'Work'], 'city')).toBe(0);
  });

  it('#number, and nothing for no match', () => {
    expect(columnNamed(HEADERS, '#9876')).toBe(9_875);
    expect(columnNamed(HEADERS, 'nowhere')).toBeNull();
  });
});
