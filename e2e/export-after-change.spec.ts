import { downloadExport, parseCsv } from './default-path-checks';
import { expect, test, upload } from './fixtures';

// A file written on Export describes the data and the choices of that moment. Once the user
// goes back and fixes a value, deletes a row or picks another policy for rows with errors, the
// old "Ready: N records" and its Download link are gone: downloading them gave the file from
// before the change (found by the audit of Validate and History).

const CONTACTS =
  'Contact ID,First Name,Email,Zip\r\n' +
  '001,José,jose@example.com,02139\r\n' +
  '002,Zoë,zoe.example.com,00501\r\n' +
  '003,陈静,chen@example.cn,07030\r\n';

test('the written file is dropped when the data or the error policy changes, and the next one holds the latest edit', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CONTACTS) });
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '1');
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '2');
  const first = parseCsv(await downloadExport(page));
  expect(first.records.map((r) => r[0])).toEqual(['001', '003']);

  // Another policy: the plan changes at once, and so must the file on offer.
  await page.getByTestId('policy-include').check();
  await expect(page.getByTestId('export-plan')).toHaveAttribute('data-records', '3');
  await expect(page.getByTestId('export-result')).toHaveCount(0);
  await page.getByTestId('policy-skip').check();

  // Back to Validate: Zoë's email fixed.
  await page.getByTestId('step-validate').click();
  const bad = page.locator('[data-testid="vcell"][data-field="email"]').filter({ hasText: 'zoe.example.com' });
  await bad.dblclick();
  await page.getByTestId('cell-editor').fill('zoe@example.com');
  await page.getByTestId('cell-editor').press('Enter');
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '0');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-plan')).toHaveAttribute('data-records', '3');
  await expect(page.getByTestId('export-result')).toHaveCount(0);
  await expect(page.getByTestId('export-download')).toHaveCount(0);

  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '3');
  const latest = parseCsv(await downloadExport(page));
  const email = latest.header.indexOf('email');
  const zip = latest.header.indexOf('postal_code');
  expect(latest.records.map((r) => r[email])).toEqual(['jose@example.com', 'zoe@example.com', 'chen@example.cn']);
  expect(latest.records.map((r) => r[zip])).toEqual(['02139', '00501', '07030']);

  // A deleted row: the file just written no longer describes the data either.
  await page.getByTestId('step-validate').click();
  await page.locator('[data-testid="vcell"][data-field="email"]').filter({ hasText: 'zoe@example.com' }).click();
  await page.getByTestId('delete-row').click();
  await expect(page.getByTestId('validate-totals')).toContainText('1 row deleted.');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-plan')).toHaveAttribute('data-records', '2');
  await expect(page.getByTestId('export-result')).toHaveCount(0);
  await page.getByTestId('export-create').click();
  const afterDelete = parseCsv(await downloadExport(page));
  expect(afterDelete.records.map((r) => r[email])).toEqual(['jose@example.com', 'chen@example.cn']);
});
