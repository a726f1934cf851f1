import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  downloadExport,
  duplicateEmailRows,
  expectCountsTrue,
  expectImportReady,
  parseCsv,
  readSource,
} from './default-path-checks';
import { expect, FIXTURES, test, upload } from './fixtures';

/**
 * The default path (issue 7): a new user drops a real-world file and clicks the obvious button
 * once per step — Next, Next, Apply, Next, Next, Create file, Download — and gets a correct,
 * complete file. Checked on the DOWNLOADED BYTES: every row of the source is a record, minus
 * the rows the page said it left out and why (only rows no app can fix by itself: the same
 * e-mail on several rows); dates are ISO, phones E.164 with no apostrophe, picklists option
 * keys; and Validate has no error left that the app could have fixed.
 */

interface Family {
  readonly name: string;
  /** A fixture under test/fixtures/, or `sample` for the app's own sample contacts. */
  readonly file: string;
  readonly encoding: string;
  readonly locale: 'en' | 'zh-CN';
  /** The source's e-mail header, to count the rows only a person can resolve. */
  readonly emailHeader: string;
  /** Contact fields the defaults must map, each with values in the file. */
  readonly fields: readonly string[];
}

const SAMPLE_PATH = join(import.meta.dirname, '..', 'public', 'samples', 'contacts.csv');

const FAMILIES: readonly Family[] = [
  {
    name: 'the app’s sample contacts',
    file: 'sample',
    encoding: 'utf-8',
    locale: 'en',
    emailHeader: 'Email',
    fields: ['external_id', 'email', 'phone', 'lifecycle_stage', 'created_at'],
  },
  {
    name: 'Salesforce export (UTF-8 BOM, CRLF, quoted newlines, LeadSource labels)',
    file: 'real-world/salesforce-contacts.csv',
    encoding: 'utf-8',
    locale: 'en',
    emailHeader: 'Email',
    fields: ['email', 'phone', 'lead_source', 'created_at'],
  },
  {
    name: 'Chinese Excel CSV (GB18030, yyyy/m/d, mainland mobiles, Chinese headers)',
    file: 'real-world/chinese-excel.csv',
    encoding: 'gb18030',
    locale: 'zh-CN',
    emailHeader: '邮箱',
    fields: ['email', 'lead_source', 'created_at'],
  },
  {
    name: 'German Excel CSV (cp1252, semicolons, decimal commas, dd.mm.yyyy, +49 phones)',
    file: 'real-world/german-excel.csv',
    encoding: 'windows-1252',
    locale: 'en',
    emailHeader: 'E-Mail',
    fields: ['email', 'phone', 'lead_source', 'created_at'],
  },
];

/** Next on Preview, Next on Map's defaults → Apply, Next on Validate and on Review, then Create. */
async function acceptEveryDefault(page: Page, unfixableRows: number): Promise<void> {
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  // Whatever the app can fix by itself (value maps, date order, phone country) it has fixed:
  // the only errors left are one per duplicated e-mail row.
  await expect(page.getByTestId('validate-totals')).toHaveAttribute(
    'data-errors',
    String(unfixableRows),
  );
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('history')).toBeVisible();
  await page.getByTestId('nav-next').click();
  // The headline is what the file will hold; nothing-to-write is said before, not after.
  const plan = page.getByTestId('export-plan');
  await expect(plan).toHaveAttribute('data-left-out', String(unfixableRows));
  await expect(page.getByTestId('export-plan-empty')).toHaveCount(0);
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
}

for (const family of FAMILIES) {
  test(`default path: ${family.name}`, async ({ page }) => {
    test.setTimeout(120_000);
    const sample = family.file === 'sample';
    const bytes = readFileSync(sample ? SAMPLE_PATH : join(FIXTURES, family.file));
    const source = readSource(bytes, family.encoding);
    const unfixable = duplicateEmailRows(source, family.emailHeader);
    await page.goto('/');
    if (family.locale !== 'en') await page.getByTestId('locale').selectOption(family.locale);
    if (sample) {
      await page.getByTestId('sample-contacts.csv').click();
      await expect(page.getByTestId('loaded-summary')).toBeVisible();
    } else {
      await upload(page, family.file);
    }
    await acceptEveryDefault(page, unfixable);
    const csv = parseCsv(await downloadExport(page));
    await expectCountsTrue(page, csv, source.records.length, unfixable);
    expectImportReady(csv, family.fields);
    // Non-ASCII text (names, cities) needs the BOM for Excel to read the file as UTF-8.
    const text = csv.bytes.toString('utf8', csv.bom ? 3 : 0);
    if ([...text].some((c) => c.charCodeAt(0) > 0x7f)) expect(csv.bom).toBe(true);
  });
}
