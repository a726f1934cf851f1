import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  downloadExport,
  expectCountsTrue,
  expectImportReady,
  parseCsv,
  sourceRecordCount,
} from './default-path-checks';
import { expect, FIXTURES, test, upload } from './fixtures';

/**
 * The default path (issue 7): a new user drops a real-world file and clicks the obvious button
 * once per step — Next, Next, Apply, Next, Next, Create file, Download — and gets a correct,
 * complete file. Checked on the DOWNLOADED BYTES: every row of the source is a record (minus
 * what the page said it left out, with the reason), dates are ISO, phones E.164 with no
 * apostrophe, picklists option keys, and Validate had no error the app could have fixed.
 */

interface Family {
  readonly name: string;
  /** A fixture under test/fixtures/, or the app's own sample (public/samples/). */
  readonly file: string;
  readonly encoding: string;
  readonly locale: 'en' | 'zh-CN';
  /** Contact fields the defaults must map, each with values in the file. */
  readonly fields: readonly string[];
  /** Rows the fixture makes unfixable on purpose (none: every error is the app's to fix). */
  readonly unfixableRows: number;
}

const SAMPLE = join(import.meta.dirname, '..', 'public', 'samples', 'contacts.csv');

const FAMILIES: readonly Family[] = [
  {
    name: 'Salesforce export (UTF-8 BOM, CRLF, quoted newlines, LeadSource labels)',
    file: 'real-world/salesforce-contacts.csv',
    encoding: 'utf-8',
    locale: 'en',
    fields: ['email', 'phone', 'lead_source'],
    unfixableRows: 0,
  },
  {
    name: 'Chinese Excel CSV (GB18030, yyyy/m/d, mainland mobiles, Chinese headers)',
    file: 'real-world/chinese-excel-contacts.csv',
    encoding: 'gb18030',
    locale: 'zh-CN',
    fields: ['phone', 'created_at'],
    unfixableRows: 0,
  },
  {
    name: 'German Excel CSV (cp1252, semicolons, decimal commas, dd.mm.yyyy, +49 phones)',
    file: 'real-world/german-excel-contacts.csv',
    encoding: 'windows-1252',
    locale: 'en',
    fields: ['email', 'phone', 'created_at'],
    unfixableRows: 0,
  },
];

/** Next on Preview, Next on Map's defaults → Apply, Next on Validate and on Review, then Create. */
async function acceptEveryDefault(page: Page, unfixableRows: number): Promise<void> {
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  const totals = page.getByTestId('validate-totals');
  await expect(totals).toBeVisible();
  // Whatever the app can fix by itself (value maps, date order, phone country) it has fixed.
  if (unfixableRows === 0) await expect(totals).toHaveAttribute('data-errors', '0');
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('history')).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('export-plan')).toBeVisible();
  // Nothing to write is said before the download, never discovered after it.
  await expect(page.getByTestId('export-plan-empty')).toHaveCount(0);
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
}

test('default path: the app’s sample → a complete, import-ready file', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await acceptEveryDefault(page, 0);
  const csv = parseCsv(await downloadExport(page));
  await expectCountsTrue(page, csv, sourceRecordCount(readFileSync(SAMPLE), 'utf-8'), 0);
  expectImportReady(csv, ['external_id', 'email', 'phone', 'lifecycle_stage', 'created_at']);
  // The sample holds non-ASCII text (Müller & Söhne): Excel needs the BOM to read it as UTF-8.
  expect(csv.bom).toBe(true);
});

for (const family of FAMILIES) {
  test(`default path: ${family.name}`, async ({ page }) => {
    test.setTimeout(120_000);
    const path = join(FIXTURES, family.file);
    const bytes = readFileSync(path);
    await page.goto('/');
    if (family.locale !== 'en') await page.getByTestId('locale').selectOption(family.locale);
    await upload(page, family.file);
    await acceptEveryDefault(page, family.unfixableRows);
    const csv = parseCsv(await downloadExport(page));
    const skipped = Number(await page.getByTestId('export-result').getAttribute('data-skipped'));
    expect(skipped).toBe(family.unfixableRows);
    await expectCountsTrue(page, csv, sourceRecordCount(bytes, family.encoding), skipped);
    expectImportReady(csv, family.fields);
    // Non-ASCII text (names, cities) needs the BOM for Excel to read UTF-8.
    const text = csv.bytes.toString('utf8', csv.bom ? 3 : 0);
    if ([...text].some((c) => c.charCodeAt(0) > 0x7f)) expect(csv.bom).toBe(true);
  });
}
