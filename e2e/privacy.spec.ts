import { expect, test } from './fixtures';

test.describe('content security policy', () => {
  // This test makes the browser block a request on purpose; the browser logs that as an error.
  test.use({ allowedConsoleErrors: [/Content Security Policy/] });

  test('the built page carries a CSP that allows no remote connections', async ({ page }) => {
    await page.goto('/');
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    // WebAssembly may be compiled (the SHA-256 of commits and exports); eval may not.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    // The policy is enforced: a fetch to another host is blocked by the browser itself.
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/collect', { method: 'POST', body: 'x' });
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
  });
});

test('loading and exporting a file makes no request beyond the app itself', async ({
  page,
  baseURL,
}) => {
  const urls: string[] = [];
  page.context().on('request', (r) => urls.push(r.url()));
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  const foreign = urls.filter(
    (u) => !u.startsWith(baseURL ?? '') && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  expect(foreign).toEqual([]);
  // The only data fetched is the sample file the user asked for.
  expect(urls.filter((u) => u.includes('/samples/'))).toEqual([`${baseURL}/samples/contacts.csv`]);
});
