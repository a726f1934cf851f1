import type { Page } from '@playwright/test';
import { expect, test, upload } from './fixtures';

/**
 * Twelve e-mails shared by two rows each, and one shared by eight: thirteen groups, more than a
 * page of ten, and a group with more rows than are shown at first.
 */
function duplicatesCsv(): string {
  const lines = ['Contact ID,First Name,Email'];
  let id = 1;
  for (let g = 0; g < 12; g++) for (let k = 0; k < 2; k++) lines.push(`${id++},Name${id},person${g}@example.com`);
  for (let k = 0; k < 8; k++) lines.push(`${id++},Big${k},big@example.com`);
  return `${lines.join('\r\n')}\r\n`;
}

async function openValidate(page: Page) {
  await page.goto('/');
  await upload(page, { name: 'dupes.csv', mimeType: 'text/csv', buffer: Buffer.from(duplicatesCsv()) });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
}

test('the duplicates panel counts every group, pages them, shows more rows of a group and keeps one row of all', async ({ page }) => {
  await openValidate(page);
  const panel = page.getByTestId('dupes');
  await expect(panel).toHaveAttribute('data-total', '13');
  await expect(panel.locator('summary')).toHaveText('Duplicates (13 groups)');
  // Closed with many groups: nothing of the groups is drawn until it is opened.
  await expect(page.getByTestId('dupe-group')).toHaveCount(0);
  await panel.locator('summary').click();
  await expect(page.getByTestId('dupe-group')).toHaveCount(10);
  await expect(page.getByTestId('dupes-page')).toHaveText('Groups 1–10 of 13');
  await expect(page.getByTestId('dupes-prev')).toBeDisabled();

  await page.getByTestId('dupes-next').click();
  await expect(page.getByTestId('dupes-page')).toHaveText('Groups 11–13 of 13');
  await expect(page.getByTestId('dupe-group')).toHaveCount(3);
  await expect(page.getByTestId('dupes-next')).toBeDisabled();

  const big = page.locator('[data-testid="dupe-group"][data-size="8"]');
  await expect(big.locator('thead th[scope="col"]')).toHaveCount(1 + 5);
  await expect(big.getByTestId('dupe-rows-shown')).toContainText('Showing 5 of 8 rows; “Keep this row” and “Merge into this row” act on all 8 rows.');
  await big.getByTestId('dupe-more').click();
  await expect(big.locator('thead th[scope="col"]')).toHaveCount(1 + 8);
  await expect(big.getByTestId('dupe-rows-shown')).toHaveCount(0);

  // Keep the first shown row: the other seven go, the group with them.
  await big.getByTestId('dupe-keep').first().click();
  await expect(panel).toHaveAttribute('data-total', '12');
  await expect(panel.locator('summary')).toHaveText('Duplicates (12 groups)');
  await expect(page.getByTestId('dupes-page')).toHaveText('Groups 11–12 of 12');
  await expect(page.locator('[data-testid="dupe-group"][data-size="8"]')).toHaveCount(0);

  // The same counts in Chinese.
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(panel.locator('summary')).toHaveText('重复项（12 组）');
  await expect(page.getByTestId('dupes-page')).toHaveText('第 11–12 组，共 12 组');
});
