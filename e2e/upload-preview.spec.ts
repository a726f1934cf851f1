import { expect, fixtureBytes, gridCell, headCell, openPreview, test, upload } from './fixtures';

test('sample contacts load, show detection and preview rows exactly as read', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await expect(page.getByTestId('setting-format')).toHaveValue('csv');
  await expect(page.getByTestId('setting-encoding')).toHaveValue('utf-8');
  await expect(page.getByTestId('setting-delimiter')).toHaveValue(',');
  // Leading zeros kept: the ID column is text, not a number.
  await expect(headCell(page, 0, 0)).toHaveText('0000001');
  await openPreview(page);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '300');
  await expect(gridCell(page, 0, 0)).toHaveText('0000001');
  await expect(gridCell(page, 0, 8)).toHaveText('200510');
});

test('a UTF-8 CSV with quoted newlines and big numbers keeps every cell', async ({ page }) => {
  const csv =
    'id,name,notes,amount\r\n' +
    '00123,"Müller, Jürgen","line one\nline two",12345678901234567890\r\n' +
    '1-2-3,张伟,"say ""hi""",1.50\r\n';
  await page.goto('/');
  await upload(page, { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('loaded-summary')).toContainText('2 rows');
  await expect(headCell(page, 0, 0)).toHaveText('00123');
  await expect(headCell(page, 0, 1)).toHaveText('Müller, Jürgen');
  // Shown on one line with ↵; the exact value (real line break) is in the cell's title.
  await expect(headCell(page, 0, 2)).toHaveText('line one ↵ line two');
  await expect(headCell(page, 0, 2)).toHaveAttribute('title', 'line one\nline two');
  await expect(headCell(page, 0, 3)).toHaveText('12345678901234567890');
  await expect(headCell(page, 1, 0)).toHaveText('1-2-3');
  await expect(headCell(page, 1, 2)).toHaveText('say "hi"');
  await expect(headCell(page, 1, 3)).toHaveText('1.50');
});

test('a GB18030 CSV with Chinese headers decodes correctly', async ({ page }) => {
  await page.goto('/');
  await upload(page, 'csv/encoding/gb18030.csv');
  await expect(page.getByTestId('setting-encoding')).toHaveValue('gb18030');
  const headers = page.getByTestId('head-table').locator('thead th');
  await expect(headers.nth(1)).toHaveText('姓名');
  await expect(headers.nth(2)).toHaveText('手机');
  await expect(headCell(page, 0, 0)).toHaveText('张伟');
  await expect(headCell(page, 0, 3)).toHaveText('北京华为科技有限公司');
});

test('a semicolon Windows-1252 file is detected, and overrides re-read it live', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, 'csv/encoding/windows-1252.csv');
  await expect(page.getByTestId('setting-encoding')).toHaveValue('windows-1252');
  await expect(page.getByTestId('setting-delimiter')).toHaveValue(';');
  await expect(page.getByTestId('setting-decimal')).toHaveValue(',');
  await expect(headCell(page, 0, 0)).toHaveText('Müller');
  await expect(headCell(page, 0, 5)).toHaveText('1.234,56');
  // Force the wrong delimiter: the whole line becomes one column, without re-uploading.
  await page.getByTestId('setting-delimiter').selectOption(',');
  await expect(page.getByTestId('setting-delimiter')).toHaveValue(',');
  await expect(headCell(page, 0, 0)).toContainText('Müller;Jürgen');
  // And a wrong encoding shows mojibake, then back again.
  await page.getByTestId('setting-encoding').selectOption('utf-8');
  // Named as the encoding list names it, not by its label ('utf-8').
  await expect(page.getByTestId('decode-warning')).toContainText('could not be decoded with Unicode (UTF-8). Try another encoding.');
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('decode-warning')).toContainText('有 24 个字符无法用Unicode（UTF-8）解码。');
  await page.getByTestId('locale').selectOption('en');
  await page.getByTestId('setting-encoding').selectOption('windows-1252');
  await expect(headCell(page, 0, 0)).toContainText('Müller');
});

test('the messy sample: title block skipped, semicolons, decimal commas', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts-messy.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await expect(page.getByTestId('setting-delimiter')).toHaveValue(';');
  await expect(page.getByTestId('setting-skip')).not.toHaveValue('0');
  await expect(page.getByTestId('head-table').locator('thead th').nth(1)).not.toContainText(
    'CRM Export',
  );
});

test('preview sorts and filters in the engine and jumps to a warning row', async ({ page }) => {
  await page.goto('/');
  await upload(page, 'csv/malformed/ragged.csv');
  await openPreview(page);
  const issues = page.getByTestId('issue');
  await expect(issues.first()).toBeVisible();
  await issues.first().getByRole('button').click();
  await expect(page.locator('.grid-row.is-focused')).toBeVisible();

  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await openPreview(page);
  await page.getByTestId('filter-text').fill('robert.davis@outlook.com');
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '1');
  await expect(gridCell(page, 0, 0)).toHaveText('0000001');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '300');
  // Sort by Contact ID descending: two clicks.
  const idHeader = page.getByRole('columnheader', { name: /Contact ID/ });
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'ascending');
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(gridCell(page, 0, 0)).toHaveText('0000300');
});

test('a file picked while the last session is being restored wins, and is what a reload brings back', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, 'csv/malformed/ragged.csv');
  await expect(page.getByTestId('loaded-summary')).toContainText('ragged.csv');
  // Reload and pick the sample at once: the restore of ragged.csv may still be on its way.
  await page.reload();
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await expect(page.getByTestId('loaded-summary')).toContainText('contacts.csv');
  await openPreview(page);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '300');
  await expect(gridCell(page, 0, 0)).toHaveText('0000001');
  await page.reload();
  await expect(page.getByTestId('restored')).toContainText('contacts.csv');
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
});

test('bytes of the GB18030 fixture really are GB18030 (guards the fixture itself)', () => {
  const bytes = fixtureBytes('csv/encoding/gb18030.csv');
  expect(new TextDecoder('gb18030').decode(bytes)).toContain('姓名');
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
});

test('going to a warning about the header says it is the header, not that a filter hides it', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'unnamed.csv', mimeType: 'text/csv', buffer: Buffer.from('id,,email\r\n1,Ada,ada@example.com\r\n2,Grace,grace@example.com\r\n') });
  await openPreview(page);
  const issue = page.getByTestId('issue');
  await expect(issue).toContainText('Column 2 has no header');
  await issue.getByRole('button', { name: 'Go to row 1' }).click();
  const notice = page.getByTestId('preview-notice');
  await expect(notice).toHaveText('Row 1 is not a data row: it is the header row (its names are the column names above) or a line that was skipped.');
  await expect(notice).not.toContainText('filter');
  // With a filter on, still the header; in Chinese too.
  await page.getByTestId('filter-text').fill('grace');
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '1');
  await page.getByTestId('locale').selectOption('zh-CN');
  await issue.getByRole('button', { name: '转到第 1 行' }).click();
  await expect(notice).toHaveText('第 1 行不是数据行：它是表头行（其名称即上方的列名）或被跳过的行。');
});
