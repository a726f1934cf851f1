import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, upload } from './fixtures';

const SOURCE = [
  'Full Name,E-Mail,Phone,Stage,Notes',
  'Ada Lovelace, ADA@Example.COM ,(415) 555-2671,Customer,"=HYPERLINK(""x"")"',
  'Grace Hopper,grace@example.com,415 555 0100,Lead,',
  'Alan Turing,not-an-email,+1 415 555 0199,Opportunity,first call',
].join('\r\n');

test('mapped data is exported as CRM fields, transformed, with the bad row skipped — byte for byte', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(SOURCE) });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await expect(page.getByTestId('map-field-1')).toHaveAttribute('data-field', 'email');
  await expect(page.getByTestId('map-field-2')).toHaveAttribute('data-field', 'phone');
  await expect(page.getByTestId('map-field-3')).toHaveAttribute('data-field', 'lifecycle_stage');
  // Transforms: e-mail trimmed and lower-cased, phone to E.164 (US default), stage labels → values.
  for (const [column, kind] of [
    [1, 'lowercase-email'],
    [2, 'phone'],
    [3, 'value-map'],
  ] as const) {
    await page.getByTestId(`map-add-transform-${column}`).click();
    await page.getByTestId(`map-add-${kind}`).click();
  }
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('step-heading')).toContainText('Validate');
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '1');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-source')).toContainText('mapped CRM fields');
  await page.getByTestId('export-format').selectOption('ndjson');
  await page.getByTestId('policy-skip').check();
  // The headline counts what the file will hold, and says why the third row is not in it.
  await expect(page.getByTestId('export-headline')).toHaveText('2 of 3 records will be written.');
  await expect(page.getByTestId('export-plan-left-out')).toContainText(
    '1 row has errors and will be left out',
  );
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-skipped')).toHaveText('1 row with errors was left out.');
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '2');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const bytes = readFileSync(await file.path());
  await expect(page.getByTestId('export-sha256')).toHaveText(
    createHash('sha256').update(bytes).digest('hex'),
  );
  // Hand-checked: field keys in schema order; e-mail trimmed and lower-cased; phones in E.164;
  // picklist labels mapped to values; the row with an invalid e-mail left out (policy: skip);
  // JSON keeps "=…" as text (the formula guard is for spreadsheets, i.e. CSV).
  expect(bytes.toString('utf8')).toBe(
    '{"full_name":"Ada Lovelace","email":"ada@example.com","phone":"+14155552671","lifecycle_stage":"customer","notes":"=HYPERLINK(\\"x\\")"}\n' +
      '{"full_name":"Grace Hopper","email":"grace@example.com","phone":"+14155550100","lifecycle_stage":"lead","notes":""}\n',
  );
});
