import type { Page } from '@playwright/test';
import { downloadExport } from './default-path-checks';
import { expect, savedSession, test, upload } from './fixtures';

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

async function openValidate(page: Page, csv = duplicatesCsv()) {
  await page.goto('/');
  await upload(page, { name: 'dupes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
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

/** Exports the current data as CSV and returns its text. */
async function exportCsv(page: Page): Promise<string> {
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  return (await downloadExport(page)).toString('utf8');
}

test('a merge shows the fields whose values differ, takes the value the user chose, and the export, an undo and a reload agree', async ({ page }) => {
  // Ada twice (the e-mail differs only in case and spaces): her ID and phone differ, her title
  // is on one row only. The merge once kept row 2's phone and dropped row 3's without a word.
  await openValidate(
    page,
    'Contact ID,First Name,Email,Phone,Title\r\n' +
      '003A,Ada,ada@acme.com,+49 30 1234567,CTO\r\n' +
      '003B,Ada, ADA@ACME.COM ,0049 30 7654321,\r\n' +
      '003C,Bob,bob@example.com,,VP\r\n',
  );
  const panel = page.getByTestId('dupes');
  await expect(panel).toHaveAttribute('data-total', '1');
  const group = page.getByTestId('dupe-group');
  await expect(group.getByTestId('dupe-conflicts')).toHaveText(
    'Values differ in 2 fields: External ID, Phone. A merge keeps the value of the row you merge into unless you choose another; the other values are deleted with their rows.',
  );
  await expect(group.locator('tr[data-conflict]')).toHaveCount(2);
  await expect(group.locator('tr[data-conflict="phone"]')).toBeVisible();
  // Each row's actions are whole inside its column (they were cut off at "Merge into this r").
  for (const button of await group.getByTestId('dupe-merge').all()) {
    const inside = await button.evaluate((el) => el.getBoundingClientRect().right <= (el.closest('th') as Element).getBoundingClientRect().right + 0.5);
    expect(inside).toBe(true);
  }
  // The phone of row 3, kept in row 2.
  await group.locator('tr[data-conflict="phone"]').getByRole('radio').nth(1).check();
  await group.getByTestId('dupe-merge').first().click();
  await expect(panel).toHaveAttribute('data-total', '0');
  const merged = 'external_id,first_name,email,phone,title\r\n003A,Ada,ada@acme.com,+49307654321,CTO\r\n003C,Bob,bob@example.com,,VP\r\n';
  expect(await exportCsv(page)).toBe(merged);

  // A reload replays the merge with the choice.
  await expect.poll(async () => ((await savedSession(page))?.extra['edits'] as unknown[] | undefined)?.length).toBe(1);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  expect(await exportCsv(page)).toBe(merged);

  // Undo: both rows back, the group and its differences with them; Ada keeps her own phone, and
  // her second row, a duplicate e-mail (an error), is left out by the default policy, as Export says.
  await page.getByTestId('step-validate').click();
  await page.getByTestId('undo').click();
  await expect(panel).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('dupe-group').locator('tr[data-conflict]')).toHaveCount(2);
  expect(await exportCsv(page)).toBe('external_id,first_name,email,phone,title\r\n003A,Ada,ada@acme.com,+49301234567,CTO\r\n003C,Bob,bob@example.com,,VP\r\n');
  await expect(page.getByTestId('export-result')).toContainText('1 row with errors was left out.');

  await page.getByTestId('step-validate').click();
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('dupe-conflicts')).toHaveText(
    '这些行有 2 个字段的值不同：外部编号、电话。合并时保留所合并到的行的值，除非你另选一个；其他值随其所在行一起删除。',
  );
});
