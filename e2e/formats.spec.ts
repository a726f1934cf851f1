import { unzipSync, zipSync } from 'fflate';
import { downloadExport, parseCsv } from './default-path-checks';
import { expect, headCell, test, upload } from './fixtures';
import { inlineCell, makeXlsx, rowsSheetXml, sheetXml } from '../test/support/make-xlsx';

test('an XLSX with two sheets: first sheet read, the other picked from the sheet list', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, 'xlsx/two-sheets.xlsx');
  await expect(page.getByTestId('setting-format')).toHaveValue('xlsx');
  await expect(page.getByTestId('setting-sheet')).toHaveValue('Contacts');
  // Long IDs digit for digit, dates as dates, text '00123' kept.
  await expect(headCell(page, 0, 0)).toHaveText('12345678901234567890');
  await expect(headCell(page, 0, 2)).toHaveText('2024-01-01');
  await expect(headCell(page, 0, 7)).toHaveText('00123');
  await page.getByTestId('setting-sheet').selectOption('Companies & Co');
  await expect(headCell(page, 0, 0)).toHaveText('Acme & Sons');
  await expect(page.getByTestId('loaded-summary')).toContainText('2 rows');
});

test('nested JSON inside a wrapper object flattens to dotted columns', async ({ page }) => {
  // Written by hand: JSON.stringify would already have rounded the big number.
  const json = `{"exportedAt":"2024-05-01","contacts":[
    {"id":"001","name":"Ada","address":{"city":"London","zip":"01234"},"score":12345678901234567890},
    {"id":"002","name":"张伟","address":{"city":"北京"},"vip":true}]}`;
  await page.goto('/');
  await upload(page, { name: 'crm.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.getByTestId('setting-format')).toHaveValue('json');
  await expect(page.getByTestId('setting-record-path')).toHaveValue('contacts');
  const headers = page.getByTestId('head-table').locator('thead th');
  await expect(headers).toHaveText([
    'Row',
    'id',
    'name',
    'address.city',
    'address.zip',
    'score',
    'vip',
  ]);
  await expect(headCell(page, 0, 3)).toHaveText('01234');
  await expect(headCell(page, 0, 4)).toHaveText('12345678901234567890');
  await expect(headCell(page, 1, 2)).toHaveText('北京');
  await expect(headCell(page, 1, 5)).toHaveText('true');
  // Missing values are shown as missing, not as empty text.
  await expect(headCell(page, 1, 3)).toHaveText('missing');
});

test('an XML feed: record element found, attributes and namespaces handled', async ({ page }) => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<crm:export xmlns:crm="urn:example:crm">
  <crm:meta><crm:generated>2024-05-01</crm:generated></crm:meta>
  <crm:contacts>
    <crm:contact id="001"><crm:name>Ada &amp; Co</crm:name><crm:phone type="work">+44 20 7946 0000</crm:phone></crm:contact>
    <crm:contact id="002"><crm:name><![CDATA[<b>Bold</b>]]></crm:name><crm:phone type="mobile">0044</crm:phone></crm:contact>
    <crm:contact id="003"><crm:name>  spaced  </crm:name></crm:contact>
  </crm:contacts>
</crm:export>`;
  await page.goto('/');
  await upload(page, { name: 'feed.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await expect(page.getByTestId('setting-format')).toHaveValue('xml');
  await expect(page.getByTestId('loaded-summary')).toContainText('3 rows');
  await expect(page.getByTestId('setting-record-path')).toHaveValue(/contact$/);
  const headers = page.getByTestId('head-table').locator('thead th');
  await expect(headers.nth(1)).toHaveText('@id');
  await expect(headCell(page, 0, 0)).toHaveText('001');
  await expect(headCell(page, 0, 1)).toHaveText('Ada & Co');
  await expect(headCell(page, 1, 1)).toHaveText('<b>Bold</b>');
  await expect(headCell(page, 2, 1)).toHaveText('  spaced  ');
});

test('pasted TSV is read like a file', async ({ page }) => {
  await page.goto('/');
  await page
    .getByTestId('paste-input')
    .fill('name\temail\nAda\tada@example.com\nGrace\tgrace@example.com\n');
  await page.getByTestId('paste-read').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('2 rows');
  await expect(page.getByTestId('setting-delimiter')).toHaveValue('\t');
  await expect(headCell(page, 1, 1)).toHaveText('grace@example.com');
});

test('a workbook whose sheet inflates past 512 KiB is read, not left hanging (no worker the CSP refuses)', async ({ page }) => {
  const rows = [['Contact ID', 'Name', 'Email', 'City']];
  for (let i = 1; i <= 6000; i++) rows.push([String(100000 + i), `Person ${i}`, `p${i}@example.com`, i % 2 ? 'Berlin' : 'Zürich']);
  const xml = rowsSheetXml(rows);
  expect(xml.length).toBeGreaterThan(600_000);
  await page.goto('/');
  await upload(page, { name: 'big.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(makeXlsx(xml)) });
  await expect(page.getByTestId('loaded-summary')).toContainText('6,000 rows');
  await expect(headCell(page, 0, 0)).toHaveText('100001');
  await expect(headCell(page, 1, 3)).toHaveText('Zürich');
});

test('an empty sheet says to pick another sheet, not to check the delimiter', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'cover.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(makeXlsx(rowsSheetXml([]))) });
  await expect(page.getByTestId('no-rows')).toContainText('If the data is on another sheet, pick it under Sheet below.');
  await expect(page.getByTestId('no-rows')).not.toContainText('delimiter');
});

test('a workbook another tool wrote without its sheet list or cell formats is read, and Upload says what was assumed', async ({ page }) => {
  const sheet = sheetXml(
    `<row r="1">${inlineCell('A1', 'Zip')}${inlineCell('B1', 'Name')}</row><row r="2"><c r="A2" s="1"><v>123</v></c>${inlineCell('B2', 'Ada')}</row>`,
  );
  const parts = unzipSync(makeXlsx(sheet));
  delete parts['xl/_rels/workbook.xml.rels'];
  await page.goto('/');
  await upload(page, { name: 'other-tool.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(zipSync(parts)) });
  await expect(page.getByTestId('loaded-summary')).toContainText('1 row');
  await expect(headCell(page, 0, 0)).toHaveText('123');
  await expect(headCell(page, 0, 1)).toHaveText('Ada');
  await expect(page.getByTestId('read-problem-xlsx-no-workbook-rels')).toContainText('Sheet “Sheet1” was read from xl/worksheets/sheet1.xml');
  await expect(page.getByTestId('read-problem-xlsx-no-styles')).toContainText('1 number cell with a format was read as the number stored, the first at row 2, column A');
  // A workbook has no delimiter or quote to change: the hint under the list does not offer one.
  await expect(page.getByTestId('read-problems')).toContainText('Preview lists them all with their rows.');
  await expect(page.getByTestId('read-problems')).not.toContainText('delimiter');
});

test('a workbook report with a title block above the table: the header is found, can be moved, and the export holds the cells', async ({ page }) => {
  const report = rowsSheetXml([
    ['Contacts report'],
    ['Exported 2024-05-01'],
    [],
    ['ID', 'Name', 'Email'],
    ['00042', 'Zoë', 'zoe@example.com'],
    ['12345678901234567890', '李四 😀', 'li@example.com'],
  ]);
  await page.goto('/');
  await upload(page, { name: 'report.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(makeXlsx(report)) });
  const headerRow = page.getByTestId('setting-header-row');
  await expect(headerRow).toHaveValue('4');
  await expect(headerRow).toHaveAccessibleDescription('2 title rows above the header skipped');
  await expect(page.getByTestId('loaded-summary')).toContainText('2 rows and 3 columns');
  await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible();
  await expect(headCell(page, 0, 0)).toHaveText('00042');
  await expect(page.getByTestId('read-problems')).toHaveCount(0);
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(headerRow).toHaveAccessibleDescription('已跳过表头上方的 2 行标题');
  await page.getByTestId('locale').selectOption('en');

  // The user's own choice: row 1 is read as the header (title and all), then back to row 4.
  await headerRow.selectOption('1');
  await expect(page.getByTestId('loaded-summary')).toContainText('4 rows and 3 columns');
  await expect(page.getByRole('columnheader', { name: 'Contacts report' })).toBeVisible();
  await expect(headerRow).toHaveValue('1');
  await headerRow.selectOption('4');
  await expect(page.getByTestId('loaded-summary')).toContainText('2 rows and 3 columns');
  await expect(headerRow).toBeFocused();

  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '2');
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '0');
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '2');
  const { header, records } = parseCsv(await downloadExport(page));
  const column = (name: string) => records.map((r) => r[header.indexOf(name)]);
  expect(column('email')).toEqual(['zoe@example.com', 'li@example.com']);
  expect(records.flat()).toEqual(expect.arrayContaining(['00042', '12345678901234567890', 'Zoë', '李四 😀']));
});
