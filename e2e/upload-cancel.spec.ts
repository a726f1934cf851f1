import { expect, gridCell, openPreview, test } from './fixtures';
import { HALVES_PAST_21_MB, hangCount, openHangingApp } from './hanging-reads';

test('an upload cancelled mid-read says so, and the file loaded before is still the one loaded, whole', async ({ page }) => {
  // The file's read stops for good after ~21 MB (hanging-reads.ts), so it is under way when
  // Cancel is pressed, whatever the machine: a large file read in full first (122 MB in 0.7 s
  // in one CI run) left no Cancel to press.
  const file = await openHangingApp(page, 'large.csv', HALVES_PAST_21_MB);
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');

  await page.getByTestId('file-input').setInputFiles(file);
  const progress = page.getByTestId('progress');
  // Under way: some rows read, and not yet all of them.
  await expect(progress).toContainText(/[1-9][\d,]* rows read/, { timeout: 30_000 });
  await expect.poll(() => hangCount(page, 'hungReads')).toBeGreaterThan(0);
  await progress.getByTestId('cancel').click();
  await expect(page.getByText('Reading was cancelled. The previous data, if any, is unchanged.')).toBeVisible();
  await expect(progress).toHaveCount(0);

  // What the page says is what the engine holds: the sample's 300 rows, as read.
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await openPreview(page);
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '300');
  await expect(gridCell(page, 0, 0)).toHaveText('0000001');
});
