import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../../src/core/mapping/mapping-types';
import {
  findColumns,
  isImported,
  joinChoices,
  pageOf,
  type FindWords,
} from '../../../../src/features/mapping/column-find';
import type { ColumnView } from '../../../../src/state/mapping-slice';
import { propertyConfig } from '../../../support/seeded';

const HEADERS = ['E-Mail', 'First Name', 'Last Name', 'Question 4', 'Notes', '电话', 'Question 44'];
const col = (column: number, field: string | null, custom?: boolean): ColumnMapping => ({
  column,
  field,
  transforms: [],
  origin: 'unmapped',
  ...(custom === undefined ? {} : { custom }),
});
// E-Mail → email, First Name → first_name, Notes kept as custom, 电话 → mobile; the rest not imported.
const COLUMNS: readonly ColumnMapping[] = [
  col(0, 'email'),
  col(1, 'first_name'),
  col(2, null),
  col(3, null),
  col(4, null, true),
  col(5, 'mobile'),
  col(6, null),
];
const LABELS: Record<string, string> = {
  email: 'Email',
  first_name: 'First name',
  mobile: '手机号码',
};
const WORDS: FindWords = {
  headers: HEADERS,
  target: (c) =>
    c.field !== null
      ? `${LABELS[c.field] ?? ''} ${c.field}`
      : c.custom === true
        ? 'Keep as custom field'
        : '',
};
const shown = (view: Pick<ColumnView, 'text' | 'show'>, keep?: ReadonlySet<number>) =>
  findColumns(COLUMNS, view, WORDS, keep).map((c) => c.column);

describe('findColumns: the columns of a wide file the Map step shows', () => {
  it('returns the very list when nothing narrows it (no copy of 10,000 columns per render)', () => {
    expect(findColumns(COLUMNS, { text: '  ', show: 'all' }, WORDS)).toBe(COLUMNS);
  });

  it.each<[string, ColumnView['show'], number[]]>([
    ['name', 'all', [1, 2]], // headers, case aside
    ['NAME', 'all', [1, 2]],
    ['question 4', 'all', [3, 6]], // a substring: "Question 44" too
    ['#4', 'all', [3]], // the 4th column, not every header with a 4
    ['# 7', 'all', [6]],
    ['#1,000', 'all', []], // past the end
    ['email', 'all', [0]], // header and mapped field alike
    ['first_name', 'all', [1]], // the field's key
    ['手机', 'all', [5]], // the field's label in the page's language
    ['电话', 'all', [5]], // the header
    ['custom', 'all', [4]], // what the select says of a kept column
    ['', 'mapped', [0, 1, 4, 5]], // mapped or kept as custom: imported
    ['', 'unmapped', [2, 3, 6]],
    ['question', 'unmapped', [3, 6]],
    ['question', 'mapped', []],
    ['import', 'all', []], // "Don't import" is the show filter's business, not the text's
  ])('%j under %s shows columns %j', (text, show, expected) => {
    expect(shown({ text, show })).toEqual(expected);
  });

  it('keeps a column the user changed under the find, in file order', () => {
    // Column 3 was mapped under "Not imported": it stays until the find changes.
    const mapped = COLUMNS.map((c) => (c.column === 3 ? { ...c, field: 'notes' } : c));
    expect(findColumns(mapped, { text: '', show: 'unmapped' }, WORDS).map((c) => c.column)).toEqual(
      [2, 6],
    );
    expect(
      findColumns(mapped, { text: '', show: 'unmapped' }, WORDS, new Set([3])).map((c) => c.column),
    ).toEqual([2, 3, 6]);
  });

  it('counts a column as imported when it has a field or is kept as custom', () => {
    expect(COLUMNS.map(isImported)).toEqual([true, true, false, false, true, true, false]);
  });
});

describe('pageOf: pages of the found columns', () => {
  it.each<[number, number, { page: number; pages: number; start: number; end: number }]>([
    [10_000, 0, { page: 0, pages: 200, start: 0, end: 50 }],
    [10_000, 199, { page: 199, pages: 200, start: 9950, end: 10_000 }],
    [10_000, 500, { page: 199, pages: 200, start: 9950, end: 10_000 }], // left past the end
    [51, 1, { page: 1, pages: 2, start: 50, end: 51 }],
    [50, 1, { page: 0, pages: 1, start: 0, end: 50 }],
    [0, 3, { page: 0, pages: 1, start: 0, end: 0 }],
    [120, -2, { page: 0, pages: 3, start: 0, end: 50 }],
  ])('%i items, page %i', (count, page, expected) => {
    expect(pageOf(count, page)).toEqual(expected);
  });

  it('covers every item once over its pages, never more than a page at a time', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.integer({ min: 1, max: 200 }), (count, size) => {
        const { pages } = pageOf(count, 0, size);
        let next = 0;
        for (let p = 0; p < pages; p++) {
          const page = pageOf(count, p, size);
          expect(page.start).toBe(next);
          expect(page.end - page.start).toBeLessThanOrEqual(size);
          // Only an empty list has an empty page.
          expect(page.end > page.start || count === 0).toBe(true);
          next = page.end;
        }
        expect(next).toBe(count);
      }),
      propertyConfig({ numRuns: 200 }),
    );
  });
});

describe('joinChoices: the columns a join lists in a wide file', () => {
  const headers = Array.from({ length: 10_000 }, (_, i) =>
    i === 1 ? 'First Name' : i === 2 ? 'Last Name' : `Question ${i + 1}`,
  );

  it('lists the joined columns first, then the first matches, and counts the rest', () => {
    expect(joinChoices(headers, [2, 1], 'name', 50)).toEqual({ columns: [1, 2], more: 0 });
    const q = joinChoices(headers, [9_875], 'question', 50);
    expect(q.columns).toHaveLength(51);
    expect(q.columns.slice(0, 3)).toEqual([9_875, 0, 3]);
    // 9,998 questions, one joined already, 50 listed.
    expect(q.more).toBe(9_998 - 1 - 50);
    expect(joinChoices(headers, [], '#9,876', 50)).toEqual({ columns: [9_875], more: 0 });
    expect(joinChoices(headers, [], '', 50).columns).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('drops a joined column the file no longer has', () => {
    expect(joinChoices(['a', 'b'], [5, 1], 'zzz', 50)).toEqual({ columns: [1], more: 0 });
  });
});
