import { describe, expect, it } from 'vitest';
import { columnNumberIn } from '../../../src/ui/column-number';

describe('columnNumberIn: a #number search', () => {
  it.each<[string, number | null]>([
    ['#9876', 9875],
    ['#9,876', 9875],
    [' # 9 876 ', 9875],
    ['#1', 0],
    ['#0', null],
    ['9876', null],
    ['#98a', null],
    ['#', null],
  ])('%j → %j', (text, expected) => {
    expect(columnNumberIn(text)).toBe(expected);
  });
});
