import { expect, test } from './fixtures';
import { HALVES_PAST_21_MB, hangCount, openHangingApp } from './hanging-reads';


test('Cancel ends a read that hangs, at once, and the app reads the next file', async ({ page }) => {
  const file = await openHangingApp(page, 'large.csv', HALVES_PAST_21_MB);
  await page.getByTestId('file-input').setInputFiles(file);
  const progress = page.getByTestId('progress');
  await expect(progress).toContainText(/[1-9][\d,]* rows read/);
  // Cancelled once the read hangs, not before (then the read would stop at its next checkpoint).
  const count = (name: 'hungReads' | 'hungStreamsCancelled') => hangCount(page, name);
  await expect.poll(() => count('hungReads')).toBe(1);
  await progress.getByTestId('cancel').click();
  // Well within the minute a hung read is given: Cancel does not wait for the read to settle.
  await expect(page.getByText('Reading was cancelled. The previous data, if any, is unchanged.')).toBeVisible({ timeout: 10_000 });
  await expect(progress).toHaveCount(0);
  // The worker gave the hung stream up too, rather than leaving it waiting for ever.
  await expect.poll(() => count('hungStreamsCancelled')).toBe(1);
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
});

test('a read that brings no bytes for a minute ends in a message saying how far it got, in Chinese too', async ({ page }) => {
  test.setTimeout(180_000);
  const file = await openHangingApp(page, 'large.csv', HALVES_PAST_21_MB);
  await page.getByTestId('locale').selectOption('zh-CN');
  await page.getByTestId('file-input').setInputFiles(file);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('无法读取此文件', { timeout: 120_000 });
  await expect(alert).toContainText(/读取文件在 2\d(\.\d)? MB（共 \d+(\.\d)? MB）处停止：已有 60 秒没有读到新的数据/);
  await expect(page.getByTestId('progress')).toHaveCount(0);
  await expect(page.getByTestId('loaded-summary')).toHaveCount(0);
});

test('Cancel ends a hung read of a file read whole (NDJSON), not only of a streamed CSV', async ({ page }) => {
  // ~27 MB of NDJSON: read whole, then parsed. The read hangs at 21 MB, before any row is parsed.
  const file = await openHangingApp(page, 'large.ndjson', 420_000);
  await page.getByTestId('file-input').setInputFiles(file);
  const progress = page.getByTestId('progress');
  await expect(progress).toBeVisible();
  await expect.poll(() => hangCount(page, 'hungReads')).toBe(1);
  await progress.getByTestId('cancel').click();
  await expect(page.getByText('Reading was cancelled. The previous data, if any, is unchanged.')).toBeVisible({ timeout: 10_000 });
  await expect(progress).toHaveCount(0);
  await expect.poll(() => hangCount(page, 'hungStreamsCancelled')).toBe(1);
  await expect(page.getByTestId('loaded-summary')).toHaveCount(0);
});

test('Cancel ends a hung read of a lookup file and of a corrected report, and nothing changes', async ({ page }) => {
  const large = await openHangingApp(page, 'accounts-large.csv');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  const errors = await page.getByTestId('validate-totals').getAttribute('data-errors');

  // A small lookup file loads; a large one that hangs shows its read with Cancel, and Cancel
  // ends it at once, leaving the first one loaded.
  await page.getByTestId('lookup-file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from('Id,Account Name\r\n001A,Acme\r\n') });
  await expect(page.getByTestId('lookup-loaded')).toContainText('accounts.csv');
  await page.getByTestId('lookup-file').setInputFiles(large);
  const lookup = page.getByTestId('lookup-panel');
  await expect(lookup.getByTestId('progress')).toContainText('Reading accounts-large.csv');
  await expect.poll(() => hangCount(page, 'hungReads')).toBe(1);
  await lookup.getByTestId('cancel').click();
  await expect(page.getByTestId('lookup-cancelled')).toHaveText(
    'Loading the lookup file was cancelled. The lookup file loaded before, if any, is unchanged.',
    { timeout: 10_000 },
  );
  await expect(lookup.getByTestId('progress')).toHaveCount(0);
  await expect(page.getByTestId('lookup-loaded')).toContainText('accounts.csv: rows: 1');
  await expect.poll(() => hangCount(page, 'hungStreamsCancelled')).toBe(1);

  // A corrected report that hangs: the merge shows Cancel, and Cancel leaves the data as it was.
  await page.getByTestId('report-upload').setInputFiles(large);
  const report = page.getByTestId('report-panel');
  await expect(report.getByTestId('progress')).toContainText('Reading and merging accounts-large.csv');
  await expect.poll(() => hangCount(page, 'hungReads')).toBe(2);
  await report.getByTestId('cancel').click();
  await expect(page.getByTestId('report-cancelled')).toHaveText('Merging the report was cancelled. Your data is unchanged.', { timeout: 10_000 });
  await expect(report.getByTestId('progress')).toHaveCount(0);
  await expect.poll(() => hangCount(page, 'hungStreamsCancelled')).toBe(2);
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', errors ?? '');
  await expect(page.getByTestId('report-merged')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
