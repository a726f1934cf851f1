import { expect, headCell, test, upload } from './fixtures';
import { downloadExport, parseCsv } from './default-path-checks';
import { makeXlsx, sheetXml, xmlEscape } from '../test/support/make-xlsx';

/**
 * A workbook as streaming writers and older Java/PHP libraries write it: no `r` on its cells or
 * rows (optional in SpreadsheetML, ECMA-376 Part 1 §18.3.1.4, §18.3.1.73), a few cells placed
 * by an explicit `r`, blank `<c/>` cells, an empty `<row/>`, no `<dimension>`. It was refused as
 * damaged; uploaded with every default and exported as CSV, it gives the sheet's rows back.
 */

const str = (v: string): string => `<c t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
const num = (v: string): string => `<c><v>${v}</v></c>`;
const row = (...cells: string[]): string => `<row>${cells.join('')}</row>`;

const GENERATED = 1200;

/** The sheet, and the records a reader must find in it (header first), written independently. */
function workbook(): { bytes: Buffer; expected: string[][] } {
  const header = ['Contact ID', 'Name', 'Email', 'City', 'Zip'];
  const rows = [
    row(...header.map(str)),
    // Row 2: a blank cell without r keeps Email in its column.
    row(num('12345678901234567890'), str('Ada & Co'), '<c/>', str('Oslo'), str('00150')),
    // Row 3: Zip placed by an explicit r after two cells without one; C and D empty.
    row(num('2'), str('Grace'), '<c r="E3" t="inlineStr"><is><t>07501</t></is></c>'),
    // Row 4 is an empty row; row 5 follows it.
    '<row/>',
    row(num('5'), str('Linus'), str('linus@example.com'), str('Zürich'), str('8001')),
  ];
  const expected = [
    header,
    ['12345678901234567890', 'Ada & Co', '', 'Oslo', '00150'],
    ['2', 'Grace', '', '', '07501'],
    ['5', 'Linus', 'linus@example.com', 'Zürich', '8001'],
  ];
  for (let i = 0; i < GENERATED; i++) {
    const id = String(1000 + i);
    rows.push(row(num(id), str(`Person ${i}`), str(`p${i}@example.com`), str(i % 2 ? 'Berlin' : 'Köln'), str(String(10_000 + i))));
    expected.push([id, `Person ${i}`, `p${i}@example.com`, i % 2 ? 'Berlin' : 'Köln', String(10_000 + i)]);
  }
  return { bytes: Buffer.from(makeXlsx(sheetXml(rows.join('')))), expected };
}

test('an .xlsx whose cells have no r reads every cell in its column and exports them as CSV', async ({ page }) => {
  const { bytes, expected } = workbook();
  await page.goto('/');
  await upload(page, { name: 'streamed.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
  await expect(page.getByTestId('loaded-summary')).toContainText(`${(GENERATED + 3).toLocaleString('en-US')} rows`);
  await expect(headCell(page, 1, 4)).toHaveText('07501');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-format')).toHaveValue('csv');
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  const csv = parseCsv(await downloadExport(page));
  expect(csv.header).toEqual(expected[0]);
  expect(csv.records.length).toBe(GENERATED + 3);
  expect(csv.records).toEqual(expected.slice(1));
  // The defaults' own choices, from the bytes: CRLF records, a BOM for the non-ASCII text.
  expect(csv.bom).toBe(true);
  expect(csv.bytes.toString('utf8', 3, 95)).toBe('Contact ID,Name,Email,City,Zip\r\n12345678901234567890,Ada & Co,,Oslo,00150\r\n2,Grace,,,07501\r\n');
});
