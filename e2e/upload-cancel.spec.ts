import { expect, gridCell, openPreview, test, writeRecordsFile } from './fixtures';

test('an upload cancelled mid-read says so, and the file loaded before is still the one loaded, whole', async ({ page }) => {
  test.setTimeout(120_000);
  // ~150 MB: its read takes seconds, time enough to press Cancel while it is under way.
  const file = writeRecordsFile('large.csv', 2_500_000);
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');

  await page.getByTestId('file-input').setInputFiles(file);
  const progress = page.getByTestId('progress');
  // Under way: some rows read, and not yet all of them.
  await expect(progress).toContainText(/[1-9][\d,]* rows read/, { timeout: 30_000 });
  await progress.getByTestId('cancel').click();
  await expect(page.getByText('Reading was cancelled. The previous data, if any, is unchanged.')).toBeVisible();
  await expect(progress).toHaveCount(0);

  // What the page says is what the engine holds: the sample's 300 rows, as read.
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await openPreview(page);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '300');
  await expect(gridCell(page, 0, 0)).toHaveText('0000001');
});
