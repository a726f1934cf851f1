import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, upload } from './fixtures';

// A CSV file of 32 MiB or more is read by two threads on a machine with 4 cores or more: the
// engine reads up to a record start past its middle while its helper reads the rest, whose rows
// the engine then joins to its own (docs/architecture.md, "CSV read"). With the defaults only,
// every row must come out as it went in, and what Upload says about the file (rows, problems and
// where they are) must hold for the rows the helper read.

/**
 * Serves the engine worker's script (and so its helper's) with a first line saying the machine
 * has `cores` logical cores, whatever this one has.
 */
async function withCores(page: Page, cores: number): Promise<void> {
  await page.route(/engine\.worker-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    const line = `Object.defineProperty(WorkerNavigator.prototype,'hardwareConcurrency',{get:()=>${cores}});\n`;
    await route.fulfill({ response, body: line + (await response.text()) });
  });
}

/** Engine worker scripts started so far: the engine, and its helper each time it starts. */
function engineStarts(page: Page): () => number {
  const started: string[] = [];
  page.on('worker', (w) => started.push(w.url()));
  return () => started.filter((url) => url.includes('engine.worker')).length;
}

const ROWS = 280_000;
/** A short row, in the second half of the file: its row and line are the helper's, counted on. */
const SHORT = 270_000;

function source(): { bytes: Buffer; rows: string[][] } {
  const rows: string[][] = [];
  const lines = ['Contact ID,First Name,Last Name,Account Name,Email,Phone,Note'];
  for (let i = 0; i < ROWS; i++) {
    const first = i % 5 === 0 ? '张伟' : i % 13 === 0 ? '李' : i % 3 === 0 ? 'Zoë' : `Ann${i % 97}`;
    const note = i % 1000 === 7 ? `call back\nafter ${i}` : i % 11 === 0 ? `said "yes", ${i}` : `note ${i} ${'x'.repeat(1 + (i % 40))}`;
    const row = [`003${String(i).padStart(9, '0')}`, first, `Müller-${i}`, `Acme Holdings GmbH ${i % 500}`, `c${i}@example.com`, `+1415555${String(i % 10_000).padStart(4, '0')}`, note];
    if (i === SHORT) {
      lines.push(row.slice(0, 5).join(','));
      rows.push([...row.slice(0, 5), '', '']);
      continue;
    }
    rows.push(row);
    lines.push(row.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
  }
  // A Salesforce export: UTF-8 with a BOM, CRLF.
  return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`)]), rows };
}

/**
 * Exports CSV with the defaults and checks the downloaded file: its SHA-256 is the one shown, and
 * every cell is as it went in, the quoted ones (a comma, a quote, a line break) included.
 */
async function exportedAsWentIn(page: Page, rows: readonly string[][]): Promise<Buffer> {
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', String(ROWS), { timeout: 120_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const out = readFileSync(await file.path());
  await expect(page.getByTestId('export-sha256')).toHaveText(createHash('sha256').update(out).digest('hex'));
  const text = out.toString('utf8').replace(/^\uFEFF/, '');
  const expected = [
    'Contact ID,First Name,Last Name,Account Name,Email,Phone,Note',
    ...rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')),
  ];
  const got = text.split('\r\n');
  expect(got.pop()).toBe('');
  // Lines with a break inside a quoted note are joined back for the comparison.
  const records: string[] = [];
  for (const line of got) {
    const last = records.at(-1);
    if (last !== undefined && (last.split('"').length - 1) % 2 === 1) records[records.length - 1] = `${last}\r\n${line}`;
    else records.push(line);
  }
  expect(records).toHaveLength(expected.length);
  const wrong = records.map((r, i) => (r.replaceAll('\r\n', '\n') === expected[i] ? null : `${i}: ${r}`)).filter((x) => x !== null);
  expect(wrong.slice(0, 5)).toEqual([]);
  return out;
}

test('a large CSV file read by the engine and its helper exports every row as it went in', async ({ page }) => {
  test.setTimeout(240_000);
  const { bytes, rows } = source();
  expect(bytes.length).toBeGreaterThan(32 << 20);
  await withCores(page, 4);
  const starts = engineStarts(page);
  await page.goto('/');
  await upload(page, { name: 'salesforce-contacts.csv', mimeType: 'text/csv', buffer: bytes });
  // The helper read the file's second half: a second instance of the engine's script.
  expect(starts()).toBe(2);
  await expect(page.getByTestId('loaded-summary')).toContainText('280,000 rows');
  // The short row was read by the helper: its row number is the file's (header on row 1).
  await expect(page.getByTestId('read-problem-ragged-row-short')).toContainText(`Row ${(SHORT + 2).toLocaleString('en-US')} has 5 fields where the header has 7`);
  await expect(page.getByTestId('read-problem-ragged-row-short')).toContainText('once in this file');

  const out = await exportedAsWentIn(page, rows);

  // Back to Upload and the same file again: the helper, let go after its read, starts again,
  // and the file that comes out is the same.
  await page.getByTestId('step-upload').click();
  await page.getByTestId('file-input').setInputFiles({ name: 'salesforce-contacts.csv', mimeType: 'text/csv', buffer: bytes });
  // The summary of the first read stays on screen until the second's replaces it.
  await expect.poll(starts).toBe(3);
  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('loaded-summary')).toContainText('280,000 rows');
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', String(ROWS), { timeout: 120_000 });
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(readFileSync(await again.path()).equals(out)).toBe(true);
});

test('on a machine with 2 cores the engine reads a large CSV file alone, with the same answers', async ({ page }) => {
  test.setTimeout(240_000);
  const { bytes, rows } = source();
  await withCores(page, 2);
  const starts = engineStarts(page);
  await page.goto('/');
  await upload(page, { name: 'salesforce-contacts.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(page.getByTestId('loaded-summary')).toContainText('280,000 rows');
  await expect(page.getByTestId('read-problem-ragged-row-short')).toContainText(`Row ${(SHORT + 2).toLocaleString('en-US')} has 5 fields where the header has 7`);
  expect(starts()).toBe(1);
  // Read by one thread, its blocks' one-byte text made from the file's UTF-8 bytes
  // (core/read/utf8-narrow.ts): every cell comes out as it went in.
  await exportedAsWentIn(page, rows);
});
