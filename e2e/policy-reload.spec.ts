import { downloadExport, parseCsv } from './default-path-checks';
import { expect, savedSession, test, upload } from './fixtures';

// The choice for rows with errors is the user's work like the mapping and the edits: a reload
// keeps it. It went back to "skip" after a reload, and the file silently held fewer records
// than the user had chosen to write (found by the audit).

const CONTACTS =
  'Contact ID,First Name,Email\r\n' +
  '001,José,jose.example.com\r\n' +
  '002,Zoë,zoe@example.com\r\n' +
  '003,陈静,chen@example.cn\r\n';

test('a reload keeps the choice for rows with errors, and Export writes what it says', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CONTACTS) });
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '1');
  await page.getByTestId('policy-include').check();
  await expect.poll(async () => (await savedSession(page))?.extra['policy']).toBe('include');

  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-validate').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '1');
  await expect(page.getByTestId('policy-include')).toBeChecked();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-plan')).toHaveAttribute('data-records', '3');
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '3');
  const csv = parseCsv(await downloadExport(page));
  const email = csv.header.indexOf('email');
  expect(csv.records.map((r) => r[email])).toEqual(['jose.example.com', 'zoe@example.com', 'chen@example.cn']);
});
