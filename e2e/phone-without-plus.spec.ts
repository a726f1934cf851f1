import type { Page } from '@playwright/test';
import { downloadExport, parseCsv } from './default-path-checks';
import { expect, test, upload } from './fixtures';
import { makeXlsx, sheetXml, xmlEscape } from '../test/support/make-xlsx';

/**
 * Phone numbers stored as numbers lose their '+': a German workbook's number cell 4915112345678
 * (+49 1511 2345678) was read as the national number 491 5112345678 and exported as
 * +494915112345678, with no warning. Through every default (Next, Next, Apply, Next, Next,
 * Create, Download) the downloaded file holds +4915112345678, and Validate says which numbers
 * could also have been read the other way. A CSV cell of the same digits is read alike.
 */

const str = (v: string): string => `<c t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
const num = (v: string): string => `<c><v>${v}</v></c>`;
const row = (...cells: string[]): string => `<row>${cells.join('')}</row>`;

/** Name, e-mail, the phone as written in the cell, the phone the file must hold. */
const PEOPLE = [
  ['Anna Schmidt', 'anna@example.de', '4915112345678', '+4915112345678'],
  ['Bernd Weber', 'bernd@example.de', '491711234567', '+491711234567'],
  // libphonenumber reads this one as +49 30 … already: unchanged, and not one of two readings.
  ['Clara Koch', 'clara@example.de', '4930123456', '+4930123456'],
] as const;
const AMBIGUOUS = 2;

function workbook(): Buffer {
  const rows = [row(str('Name'), str('Email'), str('Phone')), ...PEOPLE.map(([n, e, p]) => row(str(n), str(e), num(p)))];
  return Buffer.from(makeXlsx(sheetXml(rows.join(''))));
}

/** Every default from Preview to Export; on Validate, the numbers read one of two ways are said and shown. */
async function acceptDefaults(page: Page): Promise<void> {
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '0');
  const note = page.getByTestId('ambiguous-phones');
  await expect(note).toHaveAttribute('data-count', String(AMBIGUOUS));
  await expect(note).toContainText(`${AMBIGUOUS} phone numbers were read as international numbers that lost their “+”`);
  await page.getByTestId('show-ambiguous-phones').click();
  await expect(page.getByTestId('select-row')).toHaveCount(AMBIGUOUS);
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('select-row')).toHaveCount(PEOPLE.length);
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('history')).toBeVisible();
  await page.getByTestId('nav-next').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
}

async function expectPhones(page: Page): Promise<void> {
  const csv = parseCsv(await downloadExport(page));
  const at = csv.header.indexOf('phone');
  expect(at).toBeGreaterThanOrEqual(0);
  expect(csv.records.map((r) => r[at])).toEqual(PEOPLE.map((p) => p[3]));
}

test('an .xlsx whose phone cells are numbers without their +: the file holds +4915112345678, and Validate says so', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'kontakte.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook() });
  await acceptDefaults(page);
  await expectPhones(page);
});

test('a CSV whose phone cells are the same digits: read alike', async ({ page }) => {
  const text = ['Name,Email,Phone', ...PEOPLE.map(([n, e, p]) => `${n},${e},${p}`)].join('\n');
  await page.goto('/');
  await upload(page, { name: 'kontakte.csv', mimeType: 'text/csv', buffer: Buffer.from(`${text}\n`) });
  await acceptDefaults(page);
  await expectPhones(page);
});
