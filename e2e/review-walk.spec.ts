import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { downloadExport, parseCsv } from './default-path-checks';
import { expect, FIXTURES, test, upload } from './fixtures';

// The Review step walked as a business user walks it, with real-world files, forwards and back;
// what the page says is held to the bytes of the files it hands out.

/** Text as Windows-1252 (the German Excel CSV's code page; every character here has a byte). */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => {
    const code = c.codePointAt(0) ?? 0x3f;
    if (code > 0xff) throw new Error(`not in cp1252 here: ${c}`);
    return code;
  }));
}

/** A download link's bytes, checked against the SHA-256 shown beside it. */
async function downloaded(page: Page, button: string, sha256: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const bytes = readFileSync(await file.path());
  await expect(page.getByTestId(sha256)).toHaveText(createHash('sha256').update(bytes).digest('hex'));
  return bytes;
}

/** Upload, Map's defaults applied, then Review. */
async function mappedToReview(page: Page, file: { name: string; buffer: Buffer }) {
  await page.goto('/');
  await upload(page, { ...file, mimeType: 'text/csv' });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toBeVisible();
  await page.getByTestId('step-review').click();
}

test('a baseline from the same system with its headers in capitals is mapped and compared field by field (German cp1252)', async ({ page }) => {
  const german = readFileSync(join(FIXTURES, 'real-world/german-excel.csv'));
  const [header = '', ...rows] = new TextDecoder('windows-1252').decode(german).split('\r\n').filter((l) => l !== '');
  // Last month's export: E-MAIL and ORT in capitals; row 2's city was Hamburg; rows 5 and 6 are new since.
  const old = rows.filter((_, i) => i !== 4 && i !== 5).map((r, i) => (i === 1 ? r.replace(';Berlin;', ';Hamburg;') : r));
  expect(old[1]).toContain(';Hamburg;');
  const baseline = cp1252(`${[header.replace('E-Mail', 'E-MAIL').replace(';Ort;', ';ORT;'), ...old].join('\r\n')}\r\n`);
  await mappedToReview(page, { name: 'kunden.csv', buffer: german });
  await page.getByTestId('baseline-file-input').setInputFiles({ name: 'kunden-alt.csv', mimeType: 'text/csv', buffer: baseline });
  await expect(page.getByTestId('baseline-mapped')).toBeVisible();
  await expect(page.getByTestId('baseline-not-mapped')).toHaveCount(0);
  await expect(page.getByTestId('key-email')).toBeChecked();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  for (const [kind, n] of [['added', 2], ['modified', 1], ['unchanged', 297]] as const) {
    await expect(page.getByTestId(`count-${kind}`), kind).toHaveAttribute('data-count', String(n));
  }
  await page.getByTestId('changes-format').selectOption('json');
  await page.getByTestId('changes-create').click();
  const ops = JSON.parse((await downloaded(page, 'changes-download', 'changes-sha256')).toString('utf8')) as { op: string; key: string; fields: Record<string, string>; old?: Record<string, string> }[];
  expect(ops.map((o) => o.op).sort()).toEqual(['insert', 'insert', 'update']);
  const update = ops.find((o) => o.op === 'update');
  expect(update).toMatchObject({ key: 'hannah.koehler1@example.de', fields: { city: 'Berlin' }, old: { city: 'Hamburg' } });

  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '300');
  const csv = parseCsv(await downloadExport(page));
  expect(csv.records).toHaveLength(300);
  const email = csv.header.indexOf('email');
  const city = csv.header.indexOf('city');
  expect(csv.records.find((r) => r[email] === 'hannah.koehler1@example.de')?.[city]).toBe('Berlin');
  expect(csv.records.map((r) => r[email])).toContain('juergen.oeztuerk5@example.de');
});
