import type { Page } from '@playwright/test';
import { expect, savedSession, test, upload } from './fixtures';
import { downloadExport, parseCsv } from './default-path-checks';

/**
 * A file read again with other settings on Upload after its mapping was applied. With other
 * columns (another delimiter), the mapping made for the old columns is set back to the
 * suggestions for the new ones, and the page says so on Map and Export; a reload brings back
 * that same state, never the old mapping applied to the new columns. With the same columns
 * (another decimal separator), the user's mapping stays and is applied again.
 */
const GERMAN = Buffer.from(
  'Name;Stadt;E-Mail;Umsatz\nJürgen Müller;Köln;j@example.com;1.234,50\nRené Ärger;Düsseldorf;r@example.com;99,00\n',
);

const fieldSelects = (page: Page) => page.locator('[data-testid^="map-field-"]');

async function mapAndApply(page: Page) {
  await page.goto('/');
  await upload(page, { name: 'kunden.csv', mimeType: 'text/csv', buffer: GERMAN });
  await page.getByTestId('step-map').click();
  await expect(fieldSelects(page)).toHaveCount(4);
  // A choice of the user's own: the names are companies here.
  await page.getByTestId('map-field-0').selectOption('f:company');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('vrow').first()).toBeVisible();
}

test('a re-read with other columns resets the mapping, says so on Map and Export, and a reload keeps it reset', async ({ page }) => {
  await mapAndApply(page);
  await page.getByTestId('step-upload').click();
  await page.getByTestId('setting-delimiter').selectOption(',');
  await expect(page.getByTestId('loaded-summary')).toContainText('2 columns');

  await page.getByTestId('step-map').click();
  await expect(fieldSelects(page)).toHaveCount(2);
  await expect(page.getByTestId('map-reread')).toContainText('The file was read again with other settings');
  await expect(page.getByTestId('step-validate')).toBeDisabled();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-reread')).toContainText('the columns as read');

  // What a reload restores is what the page shows now: no mapping of the four old columns.
  await expect.poll(async () => (await savedSession(page))?.extra['mapping'] ?? null).toBeNull();
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(page.getByTestId('step-validate')).toBeDisabled();
  await page.getByTestId('step-map').click();
  await expect(fieldSelects(page)).toHaveCount(2);
  await expect(page.getByTestId('map-field-0')).not.toHaveValue('f:company');
});

test('in Chinese too, and applying the mapping again clears the notice', async ({ page }) => {
  await mapAndApply(page);
  await page.getByTestId('locale').selectOption('zh-CN');
  await page.getByTestId('step-upload').click();
  await page.getByTestId('setting-delimiter').selectOption(',');
  await expect(page.getByTestId('loaded-summary')).toContainText('2 列');
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-reread')).toContainText('文件已按新的设置重新读取');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-reread')).toContainText('按读取时的原样');
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-field-0').selectOption(':custom');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('vrow').first()).toBeVisible();
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-reread')).toHaveCount(0);
});

// Amounts in thousands from a system that separates with ';' but writes a decimal point:
// "1.250" is read the German way at first (one thousand two hundred and fifty). Found out after
// the mapping was made, the decimal setting is changed on Upload.
const DEALS = Buffer.from(
  'Verkaufschance;Betrag;Notiz\nRahmenvertrag Köln;1.250;intern\nWartung 2027;2.500;bitte prüfen\nLizenz;980;\n',
);

test('a re-read with the same columns keeps the mapping the user made, applies it again, and the file has the new values', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'deals.csv', mimeType: 'text/csv', buffer: DEALS });
  await expect(page.getByTestId('setting-decimal')).toHaveValue(',');
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-object').selectOption('deal');
  await expect(page.getByTestId('map-field-0')).toHaveValue('f:name');
  // The user's own choice: the notes stay out of the CRM.
  await page.getByTestId('map-field-2').selectOption(':skip');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('vrow').first()).toBeVisible();

  await page.getByTestId('step-upload').click();
  await page.getByTestId('setting-decimal').selectOption('.');
  await expect(page.getByTestId('setting-decimal')).toHaveValue('.');
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-object')).toHaveValue('deal');
  await expect(page.getByTestId('map-field-2')).toHaveValue(':skip');
  await expect(page.getByTestId('map-reread')).toHaveCount(0);

  // Applied again on its own: Export writes CRM fields with the amounts read the new way.
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-reread')).toHaveCount(0);
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '3');
  const out = parseCsv(await downloadExport(page));
  expect(out.header).toEqual(['name', 'amount']);
  expect(out.records).toEqual([
    ['Rahmenvertrag Köln', '1.250'],
    ['Wartung 2027', '2.500'],
    ['Lizenz', '980'],
  ]);

  // A reload brings back the mapping kept, not the suggestions.
  await expect.poll(async () => (await savedSession(page))?.extra['mapping'] ?? null).not.toBeNull();
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-field-2')).toHaveValue(':skip');
});
