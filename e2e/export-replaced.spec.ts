import { readFileSync } from 'node:fs';
import { expect, test, upload } from './fixtures';

// A JSON escape can name half of a UTF-16 pair on its own; no UTF-8 file can hold it. The CSV
// export writes U+FFFD in its place and says so, with the count, instead of changing it silently.
test('a lone surrogate in the data is replaced in the CSV, and the page says how many', async ({ page }) => {
  await page.goto('/');
  const json = '[{"id":"1","name":"Ann \\ud800 Lee"},{"id":"2","name":"Bob"}]';
  await upload(page, { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-replaced')).toContainText('1 character could not be written');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const text = readFileSync(await file.path()).toString('utf8');
  // The data holds non-ASCII text, so the CSV starts with a BOM (the default for Excel).
  expect(text).toBe('\uFEFFid,name\r\n1,Ann \uFFFD Lee\r\n2,Bob\r\n');
});
