import { describe, expect, it } from 'vitest';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { EXCEL_MAX_CELL_CHARS } from '../../../../src/core/read/read-limits';
import { columnLetters, guardXlsx, parseCellRef } from '../../../../src/core/read/xlsx-guard';
import { readXlsx } from '../../../../src/core/read/xlsx-read';
import {
  inlineCell,
  lieAboutSize,
  makeXlsx,
  rowsSheetXml,
  sheetXml,
} from '../../../support/make-xlsx';

async function refusal(bytes: Uint8Array): Promise<PorterError> {
  const err = await readXlsx(bytes, {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PorterError);
  return err as PorterError;
}

const noYield = async (): Promise<void> => {};

describe('cell references', () => {
  it.each([
    ['A1', { column: 1, row: 1 }],
    ['XFD1048576', { column: 16384, row: 1048576 }],
    ['ZZZZZZ1', null],
    ['A0', null],
    ['1A', null],
    ['A', null],
    ['AB12x', null],
  ])('%s', (ref, expected) => {
    expect(parseCellRef(ref)).toEqual(expected);
  });

  it('letters round-trip', () => {
    for (const n of [1, 26, 27, 702, 703, 16384])
      expect(parseCellRef(`${columnLetters(n)}7`)?.column).toBe(n);
  });
});

describe('an .xlsx beyond the budgets is refused before the library builds it', () => {
  it('reads a small sheet as before', async () => {
    const { table } = await readXlsx(
      makeXlsx(
        rowsSheetXml([
          ['id', 'name'],
          ['1', 'Ada'],
        ]),
      ),
      {},
    );
    expect(table.columns).toEqual(['id', 'name']);
    expect(tableToRows(table)).toEqual([['1', 'Ada']]);
  });

  it('a 1.5 KB file with one cell at XFD100000 is refused as too large a grid', async () => {
    const bytes = makeXlsx(
      sheetXml(
        `<row r="1">${inlineCell('A1', 'id')}</row><row r="2"><c r="A2"><v>1</v></c></row>` +
          `<row r="100000"><c r="XFD100000"><v>1</v></c></row>`,
      ),
    );
    expect(bytes.length).toBeLessThan(2000);
    const err = await refusal(bytes);
    expect(err.code).toBe('xlsx-sheet-too-large');
    expect(err.details).toMatchObject({
      sheet: 'Sheet1',
      cell: 'XFD100000',
      columns: 16384,
      rows: 100000,
    });
  });

  it('a cell at ZZZZZZ1 is outside Excel and refused', async () => {
    const err = await refusal(
      makeXlsx(sheetXml(`<row r="1">${inlineCell('A1', 'id')}<c r="ZZZZZZ1"><v>1</v></c></row>`)),
    );
    expect(err.code).toBe('xlsx-cell-out-of-range');
    expect(err.details).toMatchObject({ sheet: 'Sheet1', cell: 'ZZZZZZ1' });
  });

  it('a row number beyond 1,048,576 is refused', async () => {
    const err = await refusal(
      makeXlsx(sheetXml(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`)),
    );
    expect(err.code).toBe('xlsx-cell-out-of-range');
  });

  it('more than 10,000 columns is refused (the same column limit as every format)', async () => {
    const err = await refusal(
      makeXlsx(sheetXml(`<row r="1">${inlineCell('A1', 'id')}<c r="NTQ1"><v>1</v></c></row>`)),
    );
    expect(err.code).toBe('xlsx-sheet-too-large');
    expect(err.details).toMatchObject({ columns: 10001, maxColumns: 10000 });
  });

  it('a part that inflates past the cap is refused while inflating, whatever the directory says', async () => {
    // 24 MiB of one byte deflates to ~24 KB; the directory claims 100 bytes; the cap is 4 MiB.
    const bomb = new Uint8Array(24 * 1024 * 1024).fill(0x20);
    const honest = makeXlsx(rowsSheetXml([['id'], ['1']]), { 'xl/media/bomb.bin': bomb }, 1);
    const bytes = lieAboutSize(honest, 'xl/media/bomb.bin', 100);
    expect(bytes.length).toBeLessThan(100_000);
    const err = await guardXlsx(bytes, (s) => s[0], noYield, {
      partBytes: 4 * 1024 * 1024,
      totalBytes: 32 * 1024 * 1024,
      gridCells: 1e6,
      columns: 100,
    }).then(
      () => undefined,
      (e: unknown) => e as PorterError,
    );
    expect(err?.code).toBe('xlsx-part-too-large');
    expect(err?.details).toMatchObject({ path: 'xl/media/bomb.bin', limit: 4 * 1024 * 1024 });
  });

  it('parts together past the total cap are refused', async () => {
    const part = new Uint8Array(3 * 1024 * 1024).fill(0x41);
    const bytes = makeXlsx(
      rowsSheetXml([['id'], ['1']]),
      { 'xl/media/a.bin': part, 'xl/media/b.bin': part },
      1,
    );
    const err = await guardXlsx(bytes, (s) => s[0], noYield, {
      partBytes: 4 * 1024 * 1024,
      totalBytes: 5 * 1024 * 1024,
      gridCells: 1e6,
      columns: 100,
    }).then(
      () => undefined,
      (e: unknown) => e as PorterError,
    );
    expect(err?.code).toBe('xlsx-part-too-large');
    expect(err?.details['path']).toBe('xl/media/b.bin');
  });

  it('a shared string longer than Excel allows is refused', async () => {
    const long = 'x'.repeat(EXCEL_MAX_CELL_CHARS + 1);
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si><si><t>${long}</t></si></sst>`;
    const sheet = sheetXml(
      `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>`,
    );
    const err = await refusal(makeXlsx(sheet, { 'xl/sharedStrings.xml': strings }));
    expect(err.code).toBe('xlsx-text-too-long');
    expect(err.details).toMatchObject({
      path: 'xl/sharedStrings.xml',
      limit: EXCEL_MAX_CELL_CHARS,
    });
  });

  it('an inline string at the limit is read', async () => {
    const text = 'y'.repeat(EXCEL_MAX_CELL_CHARS);
    const { table } = await readXlsx(makeXlsx(rowsSheetXml([['id'], [text]])), {});
    expect(table.cell(0, 0)).toBe(text);
  });
});
