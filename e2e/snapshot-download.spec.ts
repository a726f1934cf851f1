import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, upload } from './fixtures';

/**
 * A snapshot downloaded from History is the commit's NDJSON in the rows layout (a line of column
 * names, then an array of cells a line; docs/cli.md, "Snapshot files"). It opens again as a data
 * file with the defaults — a file starting with `[` was once taken for a JSON document and
 * refused — and every cell comes out of Export as it went in: a Salesforce-style export with a
 * BOM, CRLF, a quoted comma, quotes and a line break, CJK, an accent and an empty cell.
 */
const CSV = '\ufeffId,Name,Note\r\n001,Ada,"said ""hi"", then\r\nleft"\r\n002,张伟,\r\n003,Zoë,plain\r\n';
const RECORDS = [
  ['001', 'Ada', 'said "hi", then\r\nleft'],
  ['002', '张伟', ''],
  ['003', 'Zoë', 'plain'],
];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test('a snapshot downloaded from History opens again as a data file, and Export writes every cell', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'salesforce-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByTestId('step-review').click();
  const initial = page.getByTestId('initial-commit');
  await initial.getByTestId('commit-initial').click();
  await expect(initial.getByTestId('commit-done')).toBeVisible();
  const digest = (await initial.getByTestId('commit-digest').textContent()) ?? '';

  // The download is the bytes the commit digested: the names, then a record a line.
  const snap = await download(page, () => page.getByTestId('snapshot').first().getByTestId('snapshot-download').click());
  expect(snap.name).toMatch(/^snapshot-.*\.ndjson$/);
  expect(sha256(snap.bytes)).toBe(digest);
  const [header = '', ...lines] = snap.bytes.toString('utf8').split('\n');
  expect(lines.pop()).toBe('');
  const names = JSON.parse(header) as string[];
  expect(names).toHaveLength(3);
  expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(RECORDS);

  // Opened again with the defaults: NDJSON, three rows of three columns.
  await page.getByTestId('step-upload').click();
  await upload(page, { name: snap.name, mimeType: 'application/x-ndjson', buffer: snap.bytes });
  await expect(page.getByTestId('setting-format')).toHaveValue('ndjson');
  await expect(page.getByTestId('loaded-summary')).toContainText('Read 3 rows and 3 columns');

  // Exported as CSV with the defaults: every cell as it went in (a BOM: the data is not ASCII).
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  const out = await download(page, () => page.getByTestId('export-download').click());
  await expect(page.getByTestId('export-sha256')).toHaveText(sha256(out.bytes));
  const expected = [names, ...RECORDS].map((r) => r.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\r\n');
  expect(out.bytes.toString('utf8')).toBe(`\ufeff${expected}\r\n`);
});
