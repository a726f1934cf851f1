import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, fixtureBytes, test, upload } from './fixtures';

// Issue 7, item 3: reading tells the truth on the page where the file was dropped. And item 5:
// the UTF-8 BOM follows the data, shown as a choice.

async function drop(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('a PNG renamed .csv is refused with what it is and what to do', async ({ page }) => {
  await drop(page, 'contacts.csv', fixtureBytes('real-world/png-renamed.csv'));
  const alert = page.getByTestId('read-error');
  await expect(alert).toContainText('This is a PNG file, not a table of data');
  await expect(alert).toContainText('Save the data as CSV');
  await expect(page.getByTestId('loaded-summary')).toHaveCount(0);
});

test('random bytes with NULs are refused as binary, in Chinese too', async ({ page }) => {
  await page.getByTestId('locale').selectOption('zh-CN');
  await drop(page, 'contacts.csv', fixtureBytes('real-world/random-nul.csv'));
  const alert = page.getByTestId('read-error');
  await expect(alert).toContainText('此文件是二进制数据');
  await expect(alert).toContainText('4,096');
  await expect(page.getByTestId('loaded-summary')).toHaveCount(0);
});

test('the formula-laden comma CSV reads all 200 rows with its header, no problems', async ({
  page,
}) => {
  await upload(page, 'real-world/formula-comma.csv');
  await expect(page.getByTestId('loaded-summary')).toContainText('Read 200 rows and 10 columns');
  await expect(page.getByTestId('loaded-summary').locator('.alert')).toHaveClass(/alert-success/);
  await expect(page.getByTestId('setting-delimiter')).toHaveValue(',');
  await expect(page.getByTestId('setting-skip')).toHaveValue('0');
  // The reason is the select's description.
  await expect(page.getByTestId('setting-delimiter')).toHaveAccessibleDescription(
    /other delimiters leave a quote open/,
  );
  await expect(page.getByTestId('read-problems')).toHaveCount(0);
  await expect(page.getByTestId('no-rows')).toHaveCount(0);
});

test('an unclosed quote is shown on Upload, not green', async ({ page }) => {
  await upload(page, 'csv/malformed/unclosed-quote.csv');
  await expect(page.getByTestId('loaded-summary').locator('.alert')).toHaveClass(/alert-warning/);
  const problems = page.getByTestId('read-problems');
  await expect(problems).toContainText('1 problem found while reading');
  await expect(page.getByTestId('read-problem-unclosed-quote')).toContainText(
    'A quote opened on row 3 is never closed',
  );
  await expect(page.getByTestId('read-problem-unclosed-quote')).toContainText(
    '(once in this file)',
  );
});

test('ragged rows are counted by kind on Upload', async ({ page }) => {
  await upload(page, 'csv/malformed/ragged.csv');
  await expect(page.getByTestId('read-problems')).toContainText('2 problems found while reading');
  await expect(page.getByTestId('read-problem-ragged-row-short')).toContainText(
    'Row 3 has 2 fields',
  );
  await expect(page.getByTestId('read-problem-ragged-row-long')).toContainText(
    'Row 4 has 5 fields',
  );
});

test('a file with a header and no rows is a warning, never green', async ({ page }) => {
  await upload(page, 'csv/malformed/header-only.csv');
  await expect(page.getByTestId('loaded-summary').locator('.alert')).toHaveClass(/alert-warning/);
  await expect(page.getByTestId('no-rows')).toContainText(
    'Nothing was read below the header of header-only.csv',
  );
});

async function downloadCsv(page: Page): Promise<Buffer> {
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  return readFileSync(await file.path());
}

test('the UTF-8 BOM is on for Chinese data, says why, and can be turned off', async ({ page }) => {
  await upload(page, 'real-world/chinese-excel.csv');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('csv-bom')).toBeChecked();
  await expect(page.getByTestId('csv-bom-why')).toContainText('non-ASCII text');
  const withBom = await downloadCsv(page);
  expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(withBom.subarray(3).toString('utf8').startsWith('姓名,手机号,邮箱,公司名称')).toBe(true);

  await page.getByTestId('csv-bom').uncheck();
  await expect(page.getByTestId('csv-bom-why')).toHaveCount(0);
  const withoutBom = await downloadCsv(page);
  expect(withoutBom.toString('utf8').startsWith('姓名,手机号')).toBe(true);
  expect(withoutBom.length).toBe(withBom.length - 3);
});

test('plain ASCII data gets no BOM, and phones and negative amounts no apostrophe', async ({
  page,
}) => {
  await upload(page, 'real-world/formula-comma.csv');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('csv-bom')).not.toBeChecked();
  await expect(page.getByTestId('csv-bom-why')).toContainText('plain ASCII');
  const text = (await downloadCsv(page)).toString('utf8');
  const lines = text.split('\r\n');
  expect(lines[0]).toBe('id,name,email,phone,amount,total,check,label,link,note');
  expect(lines).toHaveLength(202);
  const first = lines[1]?.split(',') ?? [];
  expect(first[3]).toMatch(/^\+1415555\d{4}$/);
  expect(first[5]).toBe("'=SUM(E2;F2)");
  // Every amount is written as read: negative ones keep their minus and get no apostrophe.
  const amounts = lines.slice(1, -1).map((l) => l.split(',')[4] ?? '');
  expect(amounts.some((a) => a.startsWith('-'))).toBe(true);
  expect(amounts.every((a) => /^-?\d+\.\d\d$/.test(a))).toBe(true);
  expect(text).toContain("'=cmd|' /C calc'!A0");
});

test('a CSV whose lines end in CR LF and in LF reads every row, with no stray CR in the export', async ({ page }) => {
  // A file joined from a Windows part and a Unix part: 20 CR LF lines, then 20 LF lines.
  const crlf = Array.from({ length: 20 }, (_, i) => `${i},P${i},p${i}@example.com`).join('\r\n');
  const lf = Array.from({ length: 20 }, (_, i) => `${i + 20},Q${i},q${i}@example.com`).join('\n');
  await upload(page, { name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,name,email\r\n${crlf}\r\n${lf}\n`) });
  await expect(page.getByTestId('loaded-summary')).toContainText('Read 40 rows and 3 columns');
  await expect(page.getByTestId('mixed-newlines')).toHaveCount(0);
  await page.getByTestId('step-export').click();
  const lines = (await downloadCsv(page)).toString('utf8').split('\r\n');
  expect(lines).toHaveLength(42);
  expect(lines[0]).toBe('id,name,email');
  expect(lines[20]).toBe('19,P19,p19@example.com');
  expect(lines[21]).toBe('20,Q0,q0@example.com');
  expect(lines.slice(1, -1).every((l) => /^\d+,[PQ]\d+,[pq]\d+@example\.com$/.test(l))).toBe(true);
});

test('a CSV whose lines end in CR alone and in LF says so on Upload, with what to check', async ({ page }) => {
  const cr = Array.from({ length: 20 }, (_, i) => `${i},P${i},p${i}@example.com`).join('\r');
  const lf = Array.from({ length: 10 }, (_, i) => `${i + 20},Q${i},q${i}@example.com`).join('\n');
  await upload(page, { name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,name,email\r${cr}\r${lf}\n`) });
  await expect(page.getByTestId('mixed-newlines')).toContainText('Check the row count above');
  // Lone CRs beside CR LF and LF lines (fewer than those): still said.
  const crlf = Array.from({ length: 11 }, (_, i) => `${i + 40},R${i},r${i}@example.com`).join('\r\n');
  await upload(page, { name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,name,email\r\n${crlf}\r\n${lf}\n${cr.split('\r').slice(0, 5).join('\r')}\r`) });
  await expect(page.getByTestId('loaded-summary')).toContainText('three.csv');
  await expect(page.getByTestId('mixed-newlines')).toContainText('Check the row count above');
  // One kind only: no warning.
  await upload(page, { name: 'plain.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,name,email\r${cr}\r`) });
  await expect(page.getByTestId('loaded-summary')).toContainText('plain.csv');
  await expect(page.getByTestId('mixed-newlines')).toHaveCount(0);
});

test('a CSV with 70,000 blank lines above its table reads every row', async ({ page }) => {
  const rows = Array.from({ length: 50 }, (_, i) => `${i};Name ${i};n${i}@example.com`);
  const buffer = Buffer.from(`${'\r\n'.repeat(70_000)}id;name;email\r\n${rows.join('\r\n')}\r\n`);
  await upload(page, { name: 'padded.csv', mimeType: 'text/csv', buffer });
  await expect(page.getByTestId('loaded-summary')).toContainText('Read 50 rows and 3 columns');
  await expect(page.getByTestId('setting-delimiter')).toHaveValue(';');
  await page.getByTestId('step-export').click();
  const lines = (await downloadCsv(page)).toString('utf8').split('\r\n');
  expect(lines).toHaveLength(52);
  expect(lines[0]).toBe('id,name,email');
  expect(lines[50]).toBe('49,Name 49,n49@example.com');
});

test('NUL characters deep inside a CSV are kept and reported on Upload, in Chinese too', async ({ page }) => {
  // Past the first 8 KiB the binary check reads: 500 ordinary rows, then a block of zero bytes.
  const rows = Array.from({ length: 500 }, (_, i) => `${i},Name ${i},n${i}@example.com`);
  const buffer = Buffer.from(`id,name,email\n${rows.join('\n')}\n500,Broken${'\0'.repeat(65_536)},b@example.com\n501,Last,l@example.com\n`);
  await upload(page, { name: 'nul.csv', mimeType: 'text/csv', buffer });
  await expect(page.getByTestId('loaded-summary')).toContainText('Read 502 rows and 3 columns');
  await expect(page.getByTestId('read-problem-nul-characters')).toContainText('Row 502 holds 65,536 zero bytes (NUL characters)');
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('read-problem-nul-characters')).toContainText('第 502 行含有 65,536 个零字节');
});
