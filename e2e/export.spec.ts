import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectSizeShown } from './default-path-checks';
import { expect, test, upload } from './fixtures';

const SOURCE = 'id,name,address.city,@x y\n001,=cmd,Köln,a<b\n1-2,"say ""hi""",,\n';

// Hand-checked expected bytes for each format (formula guard on by default, CRLF for CSV). The
// data holds non-ASCII text (Köln), so the CSV starts with a UTF-8 BOM by default (for Excel).
const EXPECTED = {
  csv: '\uFEFFid,name,address.city,\'@x y\r\n001,\'=cmd,Köln,a<b\r\n1-2,"say ""hi""",,\r\n',
  json:
    '[\n  {\n    "id": "001",\n    "name": "=cmd",\n    "address": {\n      "city": "Köln"\n    },\n    "@x y": "a<b"\n  },\n' +
    '  {\n    "id": "1-2",\n    "name": "say \\"hi\\"",\n    "address": {\n      "city": ""\n    },\n    "@x y": ""\n  }\n]\n',
  ndjson:
    '{"id":"001","name":"=cmd","address":{"city":"Köln"},"@x y":"a<b"}\n' +
    '{"id":"1-2","name":"say \\"hi\\"","address":{"city":""},"@x y":""}\n',
  xml:
    '<?xml version="1.0" encoding="UTF-8"?>\n<records>\n' +
    '  <record x_x0020_y="a&lt;b"><id>001</id><name>=cmd</name><address><city>Köln</city></address></record>\n' +
    '  <record x_x0020_y=""><id>1-2</id><name>say "hi"</name><address><city/></address></record>\n' +
    '</records>\n',
} as const;

async function download(page: Page): Promise<Buffer> {
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const bytes = readFileSync(await file.path());
  // The checksum shown is the SHA-256 of exactly the downloaded bytes.
  const sha = createHash('sha256').update(bytes).digest('hex');
  await expect(page.getByTestId('export-sha256')).toHaveText(sha);
  await expectSizeShown(page, bytes.length);
  return bytes;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(SOURCE) });
  await page.getByTestId('step-export').click();
});

for (const format of ['csv', 'json', 'ndjson', 'xml'] as const) {
  test(`export ${format}: downloaded bytes and checksum are exact`, async ({ page }) => {
    await page.getByTestId('export-format').selectOption(format);
    const bytes = await download(page);
    expect(bytes.toString('utf8')).toBe(EXPECTED[format]);
    const name = format === 'ndjson' ? 'crm.ndjson' : `crm.${format}`;
    await expect(page.getByTestId('export-download')).toHaveAttribute('download', name);
  });
}

test('CSV options: semicolons, quote all, LF, BOM, and formula guard opt-out', async ({ page }) => {
  await page.getByTestId('csv-delimiter').selectOption(';');
  await page.getByTestId('csv-quoting').selectOption('all');
  await page.getByTestId('csv-newline').selectOption('lf');
  await page.getByTestId('csv-bom').check();
  await page.getByTestId('csv-guard').uncheck();
  await expect(page.getByText('Formula protection is off')).toBeVisible();
  const bytes = await download(page);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString('utf8')).toBe(
    '"id";"name";"address.city";"@x y"\n"001";"=cmd";"Köln";"a<b"\n"1-2";"say ""hi""";"";""\n',
  );
});

test('XML root and record names are configurable, invalid names made valid', async ({ page }) => {
  await page.getByTestId('export-format').selectOption('xml');
  await page.getByTestId('xml-root').fill('contacts');
  await page.getByTestId('xml-record').fill('contact person');
  const text = (await download(page)).toString('utf8');
  expect(text).toContain('<contacts>\n  <contact_x0020_person x_x0020_y="a&lt;b">');
  expect(text.endsWith('</contacts>\n')).toBe(true);
});
