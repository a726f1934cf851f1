import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, upload } from './fixtures';

const SOURCE = 'id,name,zip\n1,Ada,00123\n2,Grace,94016\n';

// The one request refused on purpose (the probe below); every other answer must come from the
// service worker's cache, which the test checks request by request.
test.use({ allowedConsoleErrors: [/^Failed to load resource: net::ERR_FAILED$/] });

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
  // The network is off for real: a request the service worker has no copy of goes to the network
  // and is refused. (Debian's Chromium 150 keeps `navigator.onLine` true under Playwright's
  // offline emulation, while every request is refused; the app does not read it.)
  const probe = await page.evaluate(() =>
    fetch(`/not-precached-${Date.now()}.txt`, { cache: 'no-store' }).then(
      (r) => `answered ${r.status}`,
      (e: unknown) => `refused (${e instanceof Error ? e.name : 'error'})`,
    ),
  );
  expect(probe).toBe('refused (TypeError)');
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
