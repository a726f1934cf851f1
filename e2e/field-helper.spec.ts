import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, upload } from './fixtures';

// A large file's phones and dates are mapped in a helper worker beside the engine while it
// validates the other fields (docs/architecture.md, "The mapped data and its problems"). With
// the defaults only (the Map step's suggestions), the exported file must hold every row with
// its phone in E.164 and its date in ISO form.

const ROWS = 60_000;

function source(): { bytes: Buffer; phones: string[]; dates: string[] } {
  const lines = ['Name,Email,Phone,Created Date'];
  const phones: string[] = [];
  const dates: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const last = String(i % 10_000).padStart(4, '0');
    const uk = i % 7 === 3;
    const written = uk ? `+44 20 7946 ${last}` : i % 2 === 0 ? `(415) 555-${last}` : `415.555.${last}`;
    phones.push(uk ? `+44207946${last}` : `+1415555${last}`);
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    dates.push(`2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    // Day first and past 12 where it can be, so the order is not in doubt.
    lines.push(`Person ${i},person.${i}@example.com,${written},${day}/${month}/2024`);
  }
  return { bytes: Buffer.from(`${lines.join('\r\n')}\r\n`), phones, dates };
}

test('a large file’s phones and dates, mapped beside the engine, are exported for every row', async ({ page }) => {
  test.setTimeout(180_000);
  const { bytes, phones, dates } = source();
  // Workers as they start (the field helper is let go once its job is done).
  const started: string[] = [];
  page.on('worker', (w) => started.push(w.url()));
  await page.goto('/');
  await upload(page, { name: 'signups.csv', mimeType: 'text/csv', buffer: bytes });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await expect(page.getByTestId('map-field-2')).toHaveAttribute('data-field', 'phone');
  // The Map step's suggestions read the phones and the day-first dates: nothing added by hand.
  await expect(page.getByTestId('map-field-3')).toHaveAttribute('data-field', 'created_at');
  /** Apply, validate (no errors), export CSV: the downloaded bytes. */
  const applyAndExport = async (): Promise<Buffer> => {
    await page.getByTestId('map-apply').click();
    await expect(page.getByTestId('step-heading')).toContainText('Validate');
    await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '0', { timeout: 120_000 });
    await page.getByTestId('step-export').click();
    await page.getByTestId('export-create').click();
    await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', String(ROWS), { timeout: 120_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    return readFileSync(await file.path());
  };
  const out = await applyAndExport();
  // The engine started its field helper: a second worker of the engine's own script.
  expect(started.filter((url) => url.includes('engine.worker')).length).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('export-sha256')).toHaveText(createHash('sha256').update(out).digest('hex'));
  const lines = out.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(lines.pop()).toBe('');
  const header = (lines.shift() ?? '').split(',');
  expect(lines).toHaveLength(ROWS);
  const phoneAt = header.indexOf('phone');
  const emailAt = header.indexOf('email');
  const dateAt = header.findIndex((_, i) => i !== phoneAt && i !== emailAt && lines[0]?.split(',')[i] === dates[0]);
  expect(phoneAt).toBeGreaterThanOrEqual(0);
  expect(dateAt).toBeGreaterThanOrEqual(0);
  const wrong: string[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(',');
    if (cells[phoneAt] !== phones[i] || cells[dateAt] !== dates[i] || cells[emailAt] !== `person.${i}@example.com`) wrong.push(`${i}: ${line}`);
  });
  expect(wrong.slice(0, 5)).toEqual([]);

  // Back to Map and Apply again: the helper, let go after its job, is started again, and the
  // file that comes out is the same.
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  expect((await applyAndExport()).equals(out)).toBe(true);
  expect(started.filter((url) => url.includes('engine.worker')).length).toBeGreaterThanOrEqual(3);
});
