import { describe, expect, it } from 'vitest';
import { tableToRows } from '../../../../src/core/model/table';
import { findHeaderIndex, readXlsx } from '../../../../src/core/read/xlsx-read';
import { makeXlsx, rowsSheetXml } from '../../../support/make-xlsx';

// Excel reports start with a title block: a title typed in A1, an export date, a blank row, then
// the table. The header is the row below it, as for a CSV (core/detect/dialect.ts).
const REPORT = [
  ['Contacts report'],
  ['Exported 2024-05-01'],
  [],
  ['ID', 'Name', 'Email'],
  ['00042', 'Zoë', 'zoe@example.com'],
  ['00043', '李四', 'li@example.com'],
];

describe('readXlsx: the header below a title block', () => {
  it('skips the title rows and says which row is the header', async () => {
    const { table, meta, issues } = await readXlsx(makeXlsx(rowsSheetXml(REPORT)), {});
    expect(table.columns).toEqual(['ID', 'Name', 'Email']);
    expect(tableToRows(table)).toEqual([
      ['00042', 'Zoë', 'zoe@example.com'],
      ['00043', '李四', 'li@example.com'],
    ]);
    expect([table.sourceRow(0), table.sourceRow(1)]).toEqual([5, 6]);
    expect(meta).toMatchObject({ headerRow: 4, titleRows: 2 });
    expect(issues).toEqual([]);
  });

  it('reads the header from the row the user names, the rows above it left out', async () => {
    const bytes = makeXlsx(rowsSheetXml(REPORT));
    const first = await readXlsx(bytes, { headerRow: 1 });
    expect(first.table.columns[0]).toBe('Contacts report');
    expect(first.meta).toMatchObject({ headerRow: 1, titleRows: 0 });
    const fifth = await readXlsx(bytes, { headerRow: 5 });
    expect(fifth.table.columns).toEqual(['00042', 'Zoë', 'zoe@example.com']);
    expect(tableToRows(fifth.table)).toEqual([['00043', '李四', 'li@example.com']]);
    // A blank row named: the next row with something in it.
    expect((await readXlsx(bytes, { headerRow: 3 })).meta.headerRow).toBe(4);
  });

  it('keeps a real header: one with empty names, one narrower than ragged rows, a one-column list', () => {
    expect(findHeaderIndex([['ID', '', 'Email', '', 'Phone'], ['1', 'a', 'b', 'c', 'd']])).toBe(0);
    expect(findHeaderIndex([['a', 'b'], ['1', '2', '3'], ['4', '5', '6']])).toBe(0);
    expect(findHeaderIndex([['Name'], ['Ada'], ['Grace'], ['Linus', 'note']])).toBe(0);
    expect(findHeaderIndex([['ID', 'Name', 'Email'], ['1', 'Ada', 'a@x.io']])).toBe(0);
    expect(findHeaderIndex([[], [], ['ID', 'Name'], ['1', 'Ada']])).toBe(2);
    expect(findHeaderIndex([])).toBe(-1);
    // A title above a header and no rows yet.
    expect(findHeaderIndex([['Report'], ['ID', 'Name', 'Email']])).toBe(1);
    // Eleven narrow rows are no title block.
    const list = [...Array.from({ length: 11 }, (_, i) => [`t${i}`]), ['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']];
    expect(findHeaderIndex(list)).toBe(0);
  });
});
