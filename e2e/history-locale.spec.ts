import { expect, test, upload } from './fixtures';

/**
 * A snapshot used as the baseline is named with its time, and that time is data, said in the
 * page's language: the commit stored `german.csv · 11/30/2026, 3:26:10 AM` (the browser's
 * locale), and the Chinese page showed it beside History's "2026/11/30 03:26:10".
 */

const BASE = 'id,name,email\r\n1,Ada,ada@example.com\r\n2,Bob,bob@example.com\r\n';
const NEXT = 'id,name,email\r\n1,Ada,ada@example.org\r\n2,Bob,bob@example.com\r\n3,Cy,cy@example.com\r\n';

test('a commit onto a snapshot from History names that baseline with its time in English and in Chinese', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'german.csv', mimeType: 'text/csv', buffer: Buffer.from(BASE) });
  await page.getByTestId('step-review').click();
  await page.getByTestId('commit-initial').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await expect(page.getByTestId('snapshot')).toHaveCount(1);
  const createdAt = (await page.getByTestId('snapshot').locator('time').getAttribute('datetime')) ?? '';
  // The page's own clock and zone say what the time reads in each language.
  const [en, zh] = await page.evaluate((at) => [new Date(at).toLocaleString('en'), new Date(at).toLocaleString('zh-CN')], createdAt);
  expect(zh).not.toBe(en);

  await page.getByTestId('step-upload').click();
  await upload(page, { name: 'new.csv', mimeType: 'text/csv', buffer: Buffer.from(NEXT) });
  await page.getByTestId('step-review').click();
  await page.getByTestId('snapshot-use').click();
  await expect(page.getByTestId('baseline-name')).toHaveText(`german.csv · ${en}`);
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await expect(page.getByTestId('snapshot')).toHaveCount(2);
  const newest = page.getByTestId('snapshot').first();
  await expect(newest).toContainText(`New data new.csv onto baseline german.csv · ${en}`);

  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(newest).toContainText(`新数据 new.csv，基线 german.csv · ${zh}`);
  await expect(newest).not.toContainText(en);
  await expect(page.getByTestId('baseline-name')).toHaveText(`german.csv · ${zh}`);
  await page.getByTestId('locale').selectOption('en');
  await expect(newest).toContainText(`New data new.csv onto baseline german.csv · ${en}`);
});
