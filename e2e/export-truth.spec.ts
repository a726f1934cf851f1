import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { downloadExport, parseCsv } from './default-path-checks';
import { expect, test, upload } from './fixtures';

// Export tells the truth (issue 7): the headline is what the file will hold under the error
// policy, an empty file is a warning before the download and after it, and a first import can
// be committed without a baseline; the sample's own baseline is one click away in Review.
// Mapped fields are written in schema order (full_name before email).

const ALL_BAD = ['Email,Name', 'not-an-email,Ada', 'also bad,Grace'].join('\r\n');

async function mapAndGoToExport(page: Page) {
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-field-0')).toHaveAttribute('data-field', 'email');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '2');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-plan')).toBeVisible();
}

test('no records to write is a warning before and after the download; each policy says what it writes', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(ALL_BAD) });
  await mapAndGoToExport(page);

  // Skip (the default): both rows have errors, so nothing will be written — said up front.
  await expect(page.getByTestId('policy-skip')).toBeChecked();
  const empty = page.getByTestId('export-plan-empty');
  await expect(empty).toContainText('No records will be written.');
  await expect(page.getByTestId('export-plan-left-out')).toContainText(
    '2 rows have errors and will be left out',
  );
  await page.getByTestId('export-create').click();
  const result = page.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-records', '0');
  await expect(result.getByRole('heading')).toContainText('Written, but empty');
  await expect(result.getByRole('heading')).not.toContainText('Ready');
  await expect(page.getByTestId('export-skipped')).toHaveText('2 rows with errors were left out.');
  const skipped = parseCsv(await downloadExport(page));
  expect([skipped.header, skipped.records]).toEqual([['full_name', 'email'], []]);

  // Include: every row, and the page says that 2 of them have errors.
  await page.getByTestId('policy-include').check();
  await expect(page.getByTestId('export-headline')).toHaveText('2 records will be written.');
  await expect(page.getByTestId('export-plan-included')).toHaveText(
    '2 rows with errors will be written as they are.',
  );
  await page.getByTestId('export-create').click();
  await expect(result).toHaveAttribute('data-records', '2');
  await expect(result.getByRole('heading')).toHaveText('Ready: 2 records written to bad.csv');
  // The button was disabled while writing: focus is on the result, not lost to the page.
  await expect(page.locator('#export-ready')).toBeFocused();
  const included = parseCsv(await downloadExport(page));
  expect(included.records).toEqual([
    ['Ada', 'not-an-email'],
    ['Grace', 'also bad'],
  ]);

  // Block: nothing, and why, before anyone clicks.
  await page.getByTestId('policy-block').check();
  await expect(empty).toContainText('2 rows still have errors');
  await page.getByTestId('export-create').click();
  await expect(page.getByRole('alert')).toContainText('2 rows still have errors');
  await expect(result).toHaveCount(0);
});

test('a first import is committed without a baseline: the initial snapshot is in History and is what Export writes', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, {
    name: 'first.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      ['Email,Name', 'ada@example.com,Ada', 'bad,Bob', 'grace@example.com,Grace'].join('\r\n'),
    ),
  });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-field-0')).toHaveAttribute('data-field', 'email');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '1');
  await page.getByTestId('step-review').click();
  const initial = page.getByTestId('initial-commit');
  await expect(initial.getByTestId('initial-records')).toHaveText('2 records will be saved.');
  await expect(initial.getByTestId('review-policy-note')).toContainText(
    '1 row with errors is left out',
  );
  await initial.getByTestId('commit-initial').click();
  await expect(initial.getByTestId('commit-done')).toContainText('2 rows');
  const snapshot = page.getByTestId('snapshot');
  await expect(snapshot).toHaveCount(1);
  await expect(snapshot).toContainText('Initial snapshot of first.csv');
  await expect(snapshot.getByTestId('snapshot-rows')).toHaveAttribute('data-rows', '2');

  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-source')).toContainText(
    'merged dataset from your last commit',
  );
  await expect(page.getByTestId('export-headline')).toHaveText('2 records will be written.');
  await expect(page.getByTestId('export-plan-committed-left-out')).toContainText(
    '1 row with errors was left out when you committed',
  );
  await page.getByTestId('export-create').click();
  const csv = parseCsv(await downloadExport(page));
  expect(csv.records).toEqual([
    ['Ada', 'ada@example.com'],
    ['Grace', 'grace@example.com'],
  ]);

  // The snapshot is a baseline for the next import, with its fingerprints.
  await page.getByTestId('step-review').click();
  await page.getByTestId('snapshot-use').click();
  await expect(page.getByTestId('baseline-facts')).toHaveAttribute('data-rows', '2');
});

test('the sample offers last month’s sample as the baseline in Review, in one click', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await page.getByTestId('step-review').click();
  await page.getByTestId('sample-baseline').click();
  await expect(page.getByTestId('baseline-name')).toHaveText('contacts-baseline.csv');
  await expect(page.getByTestId('baseline-facts')).toHaveAttribute('data-rows', '290');
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
});

test('a baseline record whose new row has errors is kept, never deleted, even in "make it match": Review, the changes file and the export agree', async ({
  page,
}) => {
  await page.goto('/');
  // Bob's new row has a bad e-mail: left out of the comparison (the default: skip rows with
  // errors). Dee is only in the baseline.
  await upload(page, {
    name: 'new.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['Email,Name', 'ada@example.com,Ada', 'not-an-email,Bob'].join('\r\n')),
  });
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '1');
  await page.getByTestId('step-review').click();
  await page.getByTestId('baseline-file-input').setInputFiles({
    name: 'base.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['full_name,email', 'Ada,ada@example.com', 'Bob,bob@example.com', 'Dee,dee@example.com'].join('\r\n')),
  });
  await expect(page.getByTestId('baseline-summary')).toBeVisible();
  // Keyed by the name: Bob is in both files.
  await page.getByTestId('key-full_name').check();
  await page.getByTestId('key-email').setChecked(false);
  await expect(page.getByTestId('key-full_name')).toBeChecked();
  await expect(page.getByTestId('key-email')).not.toBeChecked();
  await page.getByTestId('import-mode').getByRole('radio', { name: /Make it match this file/ }).check();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await expect(page.getByTestId('count-held')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('count-held')).toContainText('Kept, new row has errors');
  await expect(page.getByTestId('count-removed')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('review-policy-note')).toContainText('its baseline version is kept');

  await page.getByTestId('changes-format').selectOption('json');
  await page.getByTestId('changes-create').click();
  const [changes] = await Promise.all([page.waitForEvent('download'), page.getByTestId('changes-download').click()]);
  const ops = JSON.parse(readFileSync(await changes.path(), 'utf8')) as { op: string; key: string }[];
  expect(ops.filter((o) => o.op === 'delete').map((o) => o.key)).toEqual(['Dee']);

  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toContainText('2 rows');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-headline')).toHaveText('2 records will be written.');
  await expect(page.getByTestId('export-plan-committed-left-out')).toContainText('a record the baseline had keeps its baseline version');
  await page.getByTestId('export-create').click();
  const csv = parseCsv(await downloadExport(page));
  expect(csv.records).toEqual([
    ['Ada', 'ada@example.com'],
    ['Bob', 'bob@example.com'],
  ]);
});

test('a mapping of no field is said in Validate and refused at Export, never a file of 0 bytes announced as records', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(['Qqq,Zzz', 'x1,y1', 'x2,y2'].join('\r\n')) });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveText(/No column is mapped to a CRM field/);
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-plan-empty')).toContainText('No records will be written.');
  await expect(page.getByTestId('export-plan-empty')).toContainText('No column is mapped to a CRM field');
  await page.getByTestId('export-create').click();
  await expect(page.getByRole('alert')).toContainText('No column is mapped to a CRM field');
  await expect(page.locator('#export-error')).toBeFocused();
  await expect(page.getByTestId('export-result')).toHaveCount(0);
});

test('a file with no data rows says so in Preview and Validate, and Export gives no reasons it does not list', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('Email,Name\r\n') });
  await page.getByTestId('step-preview').click();
  await expect(page.getByText('This file has no data rows: only its header was read.')).toBeVisible();
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveText('The data has no rows to check.');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-plan-empty')).toContainText('The data holds no records, so the file would hold only its header.');
});
