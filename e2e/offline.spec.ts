import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, upload } from './fixtures';

const SOURCE = 'id,name,zip\n1,Ada,00123\n2,Grace,94016\n';

test('after the first load the app works with the network off: reload, load a file, export', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    'href',
    '/manifest.webmanifest',
  );
  // The service worker has installed (every file precached) and controls the page.
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });

  // Offline for real: the browser says so, and every answer from the reload on comes from the
  // service worker's cache.
  await context.setOffline(true);
  const responses: { url: string; cached: boolean }[] = [];
  page.on('response', (r) => {
    if (!r.url().startsWith('blob:'))
      responses.push({ url: r.url(), cached: r.fromServiceWorker() });
  });
  await page.reload();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await upload(page, { name: 'offline.csv', mimeType: 'text/csv', buffer: Buffer.from(SOURCE) });
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const bytes = readFileSync(await file.path());
  expect(bytes.toString('utf8')).toBe('id,name,zip\r\n1,Ada,00123\r\n2,Grace,94016\r\n');
  await expect(page.getByTestId('export-sha256')).toHaveText(
    createHash('sha256').update(bytes).digest('hex'),
  );
  expect(responses.length).toBeGreaterThan(2);
  expect(responses.filter((r) => !r.cached)).toEqual([]);
  await context.setOffline(false);
});
