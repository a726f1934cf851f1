import { describe, expect, it } from 'vitest';
import { computeRowOrder, type ViewSpec } from '../../../../src/core/engine/table-view';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';

const order = async (values: readonly Cell[], spec: ViewSpec): Promise<number[] | null> => {
  const result = await computeRowOrder(
    tableFromRows(
      ['v'],
      values.map((v) => [v]),
    ),
    spec,
  );
  return result === null ? null : [...result];
};
const asc: ViewSpec = { sort: { column: 0, direction: 'asc' }, filter: null };
const desc: ViewSpec = { sort: { column: 0, direction: 'desc' }, filter: null };

describe('computeRowOrder', () => {
  it.each<[string, ViewSpec]>([
    ['no sort, no filter', { sort: null, filter: null }],
    ['an empty filter text', { sort: null, filter: { text: '', column: 0 } }],
  ])('returns null (all rows, file order) for %s', async (_label, spec) => {
    expect(await order(['b', 'a'], spec)).toBeNull();
  });

  it.each<[string, readonly Cell[], ViewSpec, number[]]>([
    ['numbers as numbers', ['10', '9', '100', '-1', '1e3', '.5'], asc, [3, 5, 1, 0, 2, 4]],
    ['numbers with spaces and signs', [' 3 ', '+2', '-0.5'], asc, [2, 1, 0]],
    ['numbers descending', ['10', '9', '100'], desc, [2, 0, 1]],
    [
      'text (numeric-aware) when one cell is not a number',
      ['10', '9', 'x', '9a'],
      asc,
      [1, 3, 0, 2],
    ],
    ['text numeric-aware', ['Item 10', 'Item 2', 'item 1'], asc, [2, 1, 0]],
    ['text case-insensitively, ties stable', ['b', 'A', 'a', 'B'], asc, [1, 2, 0, 3]],
    ['ties stable when descending too', ['b', 'A', 'a', 'B'], desc, [0, 3, 1, 2]],
    ['empty, blank and missing last ascending', ['', '2', null, '  ', '1'], asc, [4, 1, 0, 2, 3]],
    ['empty, blank and missing last descending', ['', '2', null, '  ', '1'], desc, [1, 4, 0, 2, 3]],
    ['only empty cells, in file order', ['', null, ' '], desc, [0, 1, 2]],
    ['Chinese and accents', ['Émile', 'zoe', 'adam'], asc, [2, 0, 1]],
  ])('sorts %s', async (_label, values, spec, want) => {
    expect(await order(values, spec)).toEqual(want);
  });

  it('filters case-insensitively in every column or in one, and skips missing cells', async () => {
    const table = tableFromRows(
      ['name', 'city'],
      [
        ['Ada', 'LONDON'],
        ['Grace', null],
        ['london fan', 'Paris'],
        ['ÉMILE', 'lyon'],
      ],
    );
    expect([
      ...((await computeRowOrder(table, {
        sort: null,
        filter: { text: 'London', column: null },
      })) ?? []),
    ]).toEqual([0, 2]);
    expect([
      ...((await computeRowOrder(table, { sort: null, filter: { text: 'London', column: 1 } })) ??
        []),
    ]).toEqual([0]);
    expect([
      ...((await computeRowOrder(table, { sort: null, filter: { text: 'émile', column: 0 } })) ??
        []),
    ]).toEqual([3]);
    expect([
      ...((await computeRowOrder(table, { sort: null, filter: { text: 'null', column: null } })) ??
        []),
    ]).toEqual([]);
  });

  it('filters, then sorts only the kept rows', async () => {
    const table = tableFromRows(
      ['n', 'tag'],
      [
        ['3', 'x'],
        ['1', 'y'],
        ['2', 'x'],
        ['x', 'y'],
      ],
    );
    const result = await computeRowOrder(table, {
      sort: { column: 0, direction: 'asc' },
      filter: { text: 'X', column: 1 },
    });
    // The filtered-out 'x' in column n would make the column text; only kept rows decide.
    expect([...(result ?? [])]).toEqual([2, 0]);
  });

  it('handles an empty table', async () => {
    const empty = tableFromRows(['a'], []);
    expect([...((await computeRowOrder(empty, asc)) ?? [1])]).toEqual([]);
  });

  it('keeps a large sort stable and complete', async () => {
    const values = Array.from({ length: 40_000 }, (_, i) => String(i % 7));
    const result = (await order(values, asc)) ?? [];
    expect(result).toHaveLength(values.length);
    for (let i = 1; i < result.length; i++) {
      const a = Number(values[result[i - 1] ?? 0]);
      const b = Number(values[result[i] ?? 0]);
      expect(a < b || (a === b && (result[i - 1] ?? 0) < (result[i] ?? 0))).toBe(true);
    }
  });

  it('rejects with AbortError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      computeRowOrder(tableFromRows(['a'], [['1']]), asc, controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
