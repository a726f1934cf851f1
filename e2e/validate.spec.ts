import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, savedSession, test, upload } from './fixtures';

/** Three contacts: the first has an email without "@", the others are clean. */
const CONTACTS_CSV =
  'Contact ID,First Name,Last Name,Email,Company\r\n' +
  '001,Ada,Lovelace,ada.example.com,Analytical Engines\r\n' +
  '002,Grace,Hopper,grace@example.com,Navy\r\n' +
  '003,Alan,Turing,alan@example.org,Bletchley\r\n';
const BAD = 'ada.example.com';
const FIXED = 'ada@example.com';

async function openValidate(page: Page) {
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  await expect(page.getByTestId('vrow').first()).toBeVisible();
}

async function openSmallFile(page: Page) {
  await page.goto('/');
  await upload(page, {
    name: 'contacts-small.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CONTACTS_CSV),
  });
  await openValidate(page);
}

const totals = (page: Page) => page.getByTestId('validate-totals');
const emailCell = (page: Page, value: string) =>
  page.locator('[data-testid="vcell"][data-field="email"]').filter({ hasText: value });

test('an invalid cell is fixed in the grid, undone and redone', async ({ page }) => {
  await openSmallFile(page);
  await expect(totals(page)).toHaveAttribute('data-errors', '1');
  const bad = emailCell(page, BAD);
  await expect(bad).toHaveAttribute('aria-invalid', 'true');
  await expect(bad).toHaveAttribute('title', /email/i);
  const row = await bad.getAttribute('data-source-row');
  const cell = page.locator(`[data-testid="vcell"][data-field="email"][data-source-row="${row}"]`);

  await cell.dblclick();
  await page.getByTestId('cell-editor').fill(FIXED);
  await page.getByTestId('cell-editor').press('Enter');
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await expect(cell).toContainText(FIXED);
  await expect(cell).not.toHaveAttribute('aria-invalid', /.*/);
  // Focus went back to the cell, whose description now says it is fine.
  await expect(cell).toBeFocused();

  await page.getByTestId('undo').click();
  await expect(totals(page)).toHaveAttribute('data-errors', '1');
  await expect(cell).toContainText(BAD);
  await expect(cell).toHaveAttribute('aria-invalid', 'true');

  await page.keyboard.press('Control+y');
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await expect(cell).toContainText(FIXED);
  await expect(page.getByTestId('redo')).toBeDisabled();
});

test('F8 moves focus to the next problem cell, Shift+F8 back', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await openValidate(page);
  await expect(page.getByTestId('next-problem')).toHaveAttribute('aria-keyshortcuts', 'F8');
  await page.keyboard.press('F8');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-testid', 'vcell');
  await expect(focused).toHaveAttribute('data-level', /error|warning/);
  const first = await focused.getAttribute('data-pos');
  await page.keyboard.press('F8');
  await expect(focused).toHaveAttribute('data-level', /error|warning/);
  await expect(focused).not.toHaveAttribute('data-pos', first ?? '');
  await page.keyboard.press('Shift+F8');
  await expect(focused).toHaveAttribute('data-pos', first ?? '');
  // The focused cell is described by its problem text.
  const described = await focused.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${described}"]`)).toContainText(/Error|Warning/);
});

test('the error report is downloaded, corrected and merged back', async ({ page }) => {
  await openSmallFile(page);
  await expect(totals(page)).toHaveAttribute('data-errors', '1');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('contacts-small-errors.csv');
  const path = await download.path();
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  expect(text.startsWith('_row,')).toBe(true);
  expect(text).toContain(BAD);
  expect(text).toContain('Not a valid email address');
  expect(text).not.toContain('grace@example.com');

  const corrected = text.replace(BAD, FIXED);
  await page.getByTestId('report-upload').setInputFiles({
    name: 'contacts-small-errors.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(corrected),
  });
  await expect(page.getByTestId('report-merged')).toContainText('1 cell changed');
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await expect(emailCell(page, FIXED)).toHaveCount(1);

  // The merged report is an edit like any other: the mapping applied again keeps it.
  await openValidate(page);
  await expect(emailCell(page, FIXED)).toHaveCount(1);
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await expect(page.getByTestId('edits-dropped')).toHaveCount(0);
});

test('a reload in the middle keeps the edit', async ({ page }) => {
  await openSmallFile(page);
  const cell = emailCell(page, BAD);
  await cell.click();
  await page.keyboard.press('Enter');
  await page.getByTestId('cell-editor').fill(FIXED);
  await page.keyboard.press('Enter');
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  // The edit log is written to IndexedDB after the grid shows the edit: reload once it is stored.
  await expect
    .poll(async () => ((await savedSession(page))?.extra['edits'] as unknown[] | undefined)?.length)
    .toBe(1);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-validate').click();
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await expect(emailCell(page, FIXED)).toHaveCount(1);
  await expect(emailCell(page, BAD)).toHaveCount(0);
  await expect(page.getByTestId('undo')).toBeEnabled();
});

test('an edit survives the mapping applied again and a reload; reading the file again drops it, says so, and a reload does not bring it back', async ({
  page,
}) => {
  await openSmallFile(page);
  const edits = async () => ((await savedSession(page))?.extra['edits'] as unknown[] | undefined)?.length ?? 0;
  await emailCell(page, BAD).dblclick();
  await page.getByTestId('cell-editor').fill(FIXED);
  await page.getByTestId('cell-editor').press('Enter');
  await expect(totals(page)).toHaveAttribute('data-errors', '0');

  // Back to Map, Apply again: the same rows, so the edit is made again on the new mapped data.
  await openValidate(page);
  await expect(emailCell(page, FIXED)).toHaveCount(1);
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await expect(page.getByTestId('edits-dropped')).toHaveCount(0);
  await expect.poll(edits).toBe(1);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-validate').click();
  await expect(emailCell(page, FIXED)).toHaveCount(1);

  // Read again with another encoding: the edit is dropped, and Validate says so.
  await page.getByTestId('step-upload').click();
  await page.getByTestId('setting-encoding').selectOption('windows-1252');
  await expect(page.getByTestId('setting-encoding')).toHaveValue('windows-1252');
  await openValidate(page);
  await expect(page.getByTestId('edits-dropped')).toHaveText(/Your edit was not kept: the file was read again/);
  await expect(emailCell(page, BAD)).toHaveCount(1);
  await expect.poll(edits).toBe(0);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-validate').click();
  await expect(emailCell(page, BAD)).toHaveCount(1);
  await expect(emailCell(page, FIXED)).toHaveCount(0);
});

test('an edit to a field no longer mapped is dropped when the mapping is applied again, and Validate says so', async ({ page }) => {
  await openSmallFile(page);
  await emailCell(page, BAD).dblclick();
  await page.getByTestId('cell-editor').fill(FIXED);
  await page.getByTestId('cell-editor').press('Enter');
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await page.getByTestId('step-map').click();
  // Column 3 is Email: not imported any more.
  await page.getByTestId('map-field-3').selectOption(':skip');
  await expect(page.getByTestId('map-field-3')).toHaveAttribute('data-field', '');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('edits-dropped')).toHaveText('1 edit was not kept: its field is no longer mapped, or now comes from another column.');
});

/** Two email columns: Email (Ada's is bad) and Work Email. */
const TWO_EMAILS_CSV =
  'Contact ID,First Name,Last Name,Email,Work Email\r\n' +
  '001,Ada,Lovelace,ada.example.com,ada@work.example\r\n' +
  '002,Grace,Hopper,grace@example.com,grace@work.example\r\n';
const lastNameCell = (page: Page, value: string) =>
  page.locator('[data-testid="vcell"][data-field="last_name"]').filter({ hasText: value });

/**
 * Opens the two-email file, fixes Ada's email and (`lastName`) edits her last name, then maps
 * Email from Work Email on Map, not yet applied.
 */
async function editTwoEmails(page: Page, lastName = true) {
  await page.goto('/');
  await upload(page, { name: 'two-emails.csv', mimeType: 'text/csv', buffer: Buffer.from(TWO_EMAILS_CSV) });
  await openValidate(page);
  await emailCell(page, BAD).dblclick();
  await page.getByTestId('cell-editor').fill(FIXED);
  await page.getByTestId('cell-editor').press('Enter');
  await expect(emailCell(page, FIXED)).toHaveCount(1);
  if (lastName) {
    await lastNameCell(page, 'Lovelace').dblclick();
    await page.getByTestId('cell-editor').fill('King');
    await page.getByTestId('cell-editor').press('Enter');
    await expect(lastNameCell(page, 'King')).toHaveCount(1);
  }
  // Email now from Work Email: the fix was made to the old column's value.
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-field-3').selectOption(':skip');
  await page.getByTestId('map-field-4').selectOption('f:email');
  await expect(page.getByTestId('map-field-4')).toHaveAttribute('data-field', 'email');
}

const DROPPED_ONE = '1 edit was not kept: its field is no longer mapped, or now comes from another column.';

/** Validate says the email fix was left out: Email shows Work Email's value, the last-name edit stays. */
async function expectEmailEditDropped(page: Page) {
  await expect(page.getByTestId('edits-dropped')).toHaveText(DROPPED_ONE);
  await expect(emailCell(page, 'ada@work.example')).toHaveCount(1);
  await expect(emailCell(page, FIXED)).toHaveCount(0);
  // The edit to a field still fed by its column is kept.
  await expect(lastNameCell(page, 'King')).toHaveCount(1);
}

test('an edit to a field now mapped from another column is not made on that column when the mapping is applied again', async ({ page }) => {
  await editTwoEmails(page);
  await page.getByTestId('map-apply').click();
  await expectEmailEditDropped(page);
});

test('an edit left out by Apply stays out after a reload (the saved log is emptied with the new mapping)', async ({ page }) => {
  await editTwoEmails(page, false);
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('edits-dropped')).toHaveText(DROPPED_ONE);
  // The only edit was left out: the saved log is empty beside the new mapping.
  await expect.poll(async () => ((await savedSession(page))?.extra['edits'] as unknown[] | undefined)?.length).toBe(0);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-validate').click();
  await expect(emailCell(page, 'ada@work.example')).toHaveCount(1);
  await expect(emailCell(page, FIXED)).toHaveCount(0);
});

test('a reload with the mapping changed but not applied leaves out the edit to the moved field, and says so', async ({ page }) => {
  await editTwoEmails(page);
  // The changed mapping and both edits are in the saved session: reload then.
  await expect
    .poll(async () => {
      const extra = (await savedSession(page))?.extra;
      const mapping = extra?.['mapping'] as { columns: { column: number; field: string | null }[] } | undefined;
      return [(extra?.['edits'] as unknown[] | undefined)?.length, mapping?.columns.find((c) => c.column === 4)?.field];
    })
    .toEqual([2, 'email']);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-validate').click();
  await expectEmailEditDropped(page);
});

test('"only rows with problems" shows only bad rows', async ({ page }) => {
  await openSmallFile(page);
  await expect(page.getByTestId('validate-row-count')).toHaveAttribute('data-rows', '3');
  await page.getByTestId('filter-problems').check();
  await expect(page.getByTestId('validate-row-count')).toHaveAttribute('data-rows', '1');
  await expect(page.getByTestId('vrow')).toHaveCount(1);
  await expect(page.getByTestId('vrow').first().locator('[data-level="error"]')).toContainText(BAD);
  await page.getByTestId('filter-problems').uncheck();
  await expect(page.getByTestId('vrow')).toHaveCount(3);
});

test('"fix all like this" fixes every cell with the same value and problem; one undo reverts all', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, {
    name: 'sources.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Email,Lead Source\r\n' +
        'a@example.com,Webinar\r\n' +
        'b@example.com,Web\r\n' +
        'c@example.com,Webinar\r\n' +
        'd@example.com,Trade Show\r\n' +
        'e@example.com,Webinar\r\n',
    ),
  });
  await openValidate(page);
  // "Web" and "Trade Show" were mapped by the default value map; "Webinar" is unknown.
  await expect(totals(page)).toHaveAttribute('data-errors', '3');
  // The summary is clickable: only the rows with that field's problem are shown.
  await page.getByTestId('summary-rule').first().click();
  await expect(page.getByTestId('filter-only')).toBeVisible();
  await expect(page.getByTestId('validate-row-count')).toHaveAttribute('data-rows', '3');
  const cell = page.locator('[data-testid="vcell"][data-field="lead_source"]').first();
  await cell.click();
  const form = page.getByTestId('fix-all-form');
  await expect(form).toHaveAttribute('data-count', '3');
  await page.getByTestId('fix-all-input').fill('event');
  await page.getByTestId('fix-all-apply').click();
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
  await expect(page.getByTestId('validate-notice')).toContainText('3');
  await page.getByTestId('filter-clear').click();
  await expect(page.locator('[data-testid="vcell"][data-field="lead_source"]')).toHaveText([
    'event',
    'web',
    'event',
    'event',
    'event',
  ]);
  await page.getByTestId('undo').click();
  await expect(totals(page)).toHaveAttribute('data-errors', '3');
  await expect(page.locator('[data-testid="vcell"][data-field="lead_source"]')).toHaveText([
    /Webinar/,
    'web',
    /Webinar/,
    'event',
    /Webinar/,
  ]);
  // A hand fix of one cell offers the same change for the others.
  const first = page.locator('[data-testid="vcell"][data-field="lead_source"]').first();
  await first.dblclick();
  await page.getByTestId('cell-editor').fill('event');
  await page.getByTestId('cell-editor').press('Enter');
  await expect(totals(page)).toHaveAttribute('data-errors', '2');
  await expect(page.getByTestId('fix-all-offer')).toHaveAttribute('data-count', '2');
  await page.getByTestId('fix-all-offer').click();
  await expect(totals(page)).toHaveAttribute('data-errors', '0');
});

test('screenshots of the Validate step', async ({ page }) => {
  test.skip(!process.env['VALIDATE_SHOTS'], 'set VALIDATE_SHOTS=1 to take screenshots');
  mkdirSync('/tmp/shots-validate', { recursive: true });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await openValidate(page);
  await page.keyboard.press('F8');
  for (const locale of ['en', 'zh-CN']) {
    await page.getByTestId('locale').selectOption(locale);
    for (const [w, h] of [
      [1400, 1000],
      [390, 900],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      // The grid re-measures on resize (a ResizeObserver): let two frames render, then shoot.
      await expect(page.getByTestId('vrow').first()).toBeVisible();
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      await page.screenshot({
        path: `/tmp/shots-validate/validate-${locale}-${w}.png`,
        fullPage: true,
      });
    }
  }
});
