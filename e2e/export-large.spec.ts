import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, upload } from './fixtures';

// An export of more than a few megabytes is written in many parts and hashed in the digest
// worker beside the engine (docs/architecture.md, "Export"): the file must still be exactly the
// data, and the checksum shown the SHA-256 of exactly the downloaded bytes.

/**
 * ~9 MB of ASCII CSV (past the 4 MB hashed in the engine thread and the 8 MB the digest worker
 * may hold), in the shape the CSV export writes it (CRLF, minimal quoting).
 */
function source(): Buffer {
  const lines = ['id,name,email,note'];
  for (let i = 0; i < 150_000; i++) {
    const note = i % 5 === 0 ? `"said ""hi"", then left"` : i % 7 === 0 ? '' : `plain note ${i}`;
    lines.push(`${i},Person ${i},person.${i}@example.com,${note}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

test('a large CSV export is the data byte for byte, and its checksum is the file’s', async ({ page }) => {
  test.setTimeout(120_000);
  const bytes = source();
  expect(bytes.length).toBeGreaterThan(8 << 20);
  await page.goto('/');
  await upload(page, { name: 'large.csv', mimeType: 'text/csv', buffer: bytes });
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 60_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const downloaded = readFileSync(await file.path());
  expect(downloaded.equals(bytes)).toBe(true);
  await expect(page.getByTestId('export-sha256')).toHaveText(createHash('sha256').update(downloaded).digest('hex'));
  await expect(page.getByTestId('export-size')).toHaveAttribute('data-bytes', String(bytes.length));
});
