import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// A survey tool's export: 10,000 columns (the reader's limit), a few rows. The Map step drew a
// row per column, ~10,000 field selects, and held the page for 12-16 s when it opened; it now
// draws a page of 50 with a find box (src/features/mapping/column-find.ts).
const COLUMNS = 10_000;
const ROWS = 3;
/** Column 9,876 (0-based 9,875): a question far down the list that holds a city. */
const FAR = 9_875;

function header(c: number): string {
  return c === 0 ? 'Email' : c === 1 ? 'First Name' : c === 2 ? 'Last Name' : `Question ${c + 1}`;
}

function cell(r: number, c: number): string {
  if (c === 0) return `p${r}@example.com`;
  if (c === 1) return `First${r}`;
  if (c === 2) return `Last${r}`;
  return c === FAR ? `Town-${r}` : `a${r}-${c}`;
}

function wideCsv(): Buffer {
  const lines = [Array.from({ length: COLUMNS }, (_, c) => header(c)).join(',')];
  for (let r = 1; r <= ROWS; r++)
    lines.push(Array.from({ length: COLUMNS }, (_, c) => cell(r, c)).join(','));
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function openWideMap(page: Page) {
  await page.goto('/');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: wideCsv() });
  await expect(page.getByTestId('loaded-summary')).toContainText('10,000 columns');
  await page.getByTestId('step-map').click();
  // Drawn once the suggestions for all 10,000 columns are made: seconds on a quiet machine, up to
  // 15 s and more on a loaded 2-core CI runner; waited for within the test's own timeout.
  await expect(page.getByTestId('map-table')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('map-field-0')).toBeVisible();
}

test.describe.configure({ timeout: 120_000 });

test('a 10,000-column file: Map draws one page, finds column 9,876, maps it, and Export writes its values', async ({
  page,
}) => {
  await openWideMap(page);
  // One page of rows, not a row per column: the old table held 10,000 field selects here.
  await expect(page.getByTestId('map-row')).toHaveCount(50);
  expect(await page.locator('select').count()).toBeLessThan(100);
  await expect(page.getByTestId('map-range')).toHaveText('Columns 1–50 of 10,000');
  await expect(page.getByTestId('map-page')).toContainText('Page 1 of 200');
  // The counts are the file's, not the page's.
  const summary = page.getByTestId('map-summary');
  await expect(summary).toContainText('of 10,000 columns mapped');
  const mappedAtFirst = Number((await summary.textContent())?.match(/^(\d+) of/)?.[1]);
  expect(mappedAtFirst).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('map-show').locator('option[value="mapped"]')).toHaveText(
    `Mapped (${mappedAtFirst})`,
  );

  // Found by its header, far down the list, and mapped to City.
  await page.getByTestId('map-find').fill('question 9876');
  await expect(page.getByTestId('map-range')).toHaveText('1 column found.');
  await expect(page.getByTestId('map-row')).toHaveCount(1);
  const far = page.getByTestId(`map-field-${FAR}`);
  await expect(page.getByTestId('map-row')).toContainText('Column 9,876');
  await expect(page.getByTestId(`map-examples-${FAR}`)).toContainText('Town-1');
  await far.selectOption('f:city');
  await expect(far).toHaveAttribute('data-field', 'city');
  await expect(summary).toContainText(
    `${mappedAtFirst + 1} of 10,000 columns mapped, ${(COLUMNS - mappedAtFirst - 1).toLocaleString('en')} not imported.`,
  );

  // Found again by the field it now feeds, and among the mapped columns.
  await page.getByTestId('map-find').fill('city');
  await expect(page.getByTestId('map-row')).toHaveCount(1);
  await expect(far).toHaveAttribute('data-field', 'city');
  await page.getByTestId('map-find').fill('');
  await page.getByTestId('map-show').selectOption('mapped');
  await expect(page.getByTestId('map-range')).toHaveText(
    `${mappedAtFirst + 1} columns found; 1–${mappedAtFirst + 1} shown.`,
  );
  await expect(far).toHaveAttribute('data-field', 'city');
  await page.getByTestId('map-show').selectOption('all');
  await expect(page.getByTestId('map-row')).toHaveCount(50);

  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('step-heading')).toContainText('Validate');
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-format').selectOption('csv');
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', String(ROWS));
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  const lines = readFileSync(await file.path(), 'utf8').split('\r\n');
  const head = (lines[0] ?? '').split(',');
  // Every value of column 9,876 under City, each in its own row with that row's e-mail.
  const city = head.indexOf('city');
  const email = head.indexOf('email');
  expect(city).toBeGreaterThanOrEqual(0);
  expect(email).toBeGreaterThanOrEqual(0);
  for (let r = 1; r <= ROWS; r++) {
    const values = (lines[r] ?? '').split(',');
    expect(values[email]).toBe(`p${r}@example.com`);
    expect(values[city]).toBe(`Town-${r}`);
  }
  expect(lines.slice(ROWS + 1)).toEqual(['']);
});

test('a 10,000-column file: the find and the pages work from the keyboard alone, and axe finds nothing serious', async ({
  page,
}) => {
  await openWideMap(page);
  const range = page.getByTestId('map-range');
  await page.getByTestId('map-find').focus();
  await page.keyboard.type('#9,876');
  await expect(range).toHaveText('1 column found.');
  await expect(page.getByTestId('map-row')).toHaveAttribute('data-header', 'Question 9876');
  // Escape empties a search box: every column again.
  await page.keyboard.press('Escape');
  await expect(range).toHaveText('Columns 1–50 of 10,000');

  // Find → Show → Previous → Next; Enter pages on and the focus stays on Next.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('map-show')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('map-page-prev')).toBeFocused();
  await expect(page.getByTestId('map-page-prev')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(range).toHaveText('Columns 1–50 of 10,000');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('map-page-next')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(range).toHaveText('Columns 51–100 of 10,000');
  await expect(page.getByTestId('map-page-next')).toBeFocused();
  await expect(page.getByTestId('map-row').first()).toHaveAttribute('data-header', 'Question 51');

  // Next at the end of the page: the table takes the focus, and Tab reaches the new first row.
  await page.getByTestId('map-page-end-next').focus();
  await page.keyboard.press('Enter');
  await expect(range).toHaveText('Columns 101–150 of 10,000');
  await expect(
    page.getByRole('region', { name: 'Columns of the file and their CRM fields' }),
  ).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('map-field-100')).toBeFocused();

  const results = await new AxeBuilder({ page }).include('[data-testid="map-step"]').analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
  expect(serious).toEqual([]);
});

test('a 10,000-column file in Chinese: the counts and the page say the same in Chinese', async ({
  page,
}) => {
  await openWideMap(page);
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('map-range')).toHaveText('第 1–50 列，共 10,000 列');
  await expect(page.getByTestId('map-page')).toContainText('第 1 / 200 页');
  await expect(page.getByTestId('map-summary')).toContainText('共 10,000 列');
  await page.getByTestId('map-find').fill('Question 98');
  // Question 98, 980-989 and 9800-9899: 111 columns, three pages.
  await expect(page.getByTestId('map-range')).toHaveText('找到 111 列，显示第 1–50 个。');
  await page.getByTestId('map-page-next').click();
  await page.getByTestId('map-page-next').click();
  await expect(page.getByTestId('map-range')).toHaveText('找到 111 列，显示第 101–111 个。');
  await expect(page.getByTestId('map-row')).toHaveCount(11);
  await expect(page.getByTestId('map-page-next')).toHaveAttribute('aria-disabled', 'true');
});

test('a 10,000-column file: a column changed under "Not imported" stays on screen, and a join finds its columns', async ({
  page,
}) => {
  await openWideMap(page);
  await page.getByTestId('map-show').selectOption('unmapped');
  const range = page.getByTestId('map-range');
  await expect(range).toHaveText('9,997 columns found; 1–50 shown.');
  // Mapped, column 4 no longer fits "Not imported", but it stays where the pointer is.
  await page.getByTestId('map-field-3').selectOption('f:notes');
  await expect(page.getByTestId('map-field-3')).toHaveAttribute('data-field', 'notes');
  await expect(page.getByTestId('map-row').first()).toHaveAttribute('data-header', 'Question 4');
  await expect(page.getByTestId('map-show').locator('option[value="unmapped"]')).toHaveText(
    'Not imported (9,996)',
  );
  // A new look at the list leaves it out.
  await page.getByTestId('map-show').selectOption('all');
  await page.getByTestId('map-show').selectOption('unmapped');
  await expect(range).toHaveText('9,996 columns found; 1–50 shown.');
  await expect(page.getByTestId('map-row').first()).toHaveAttribute('data-header', 'Question 5');

  // A join lists the columns it reads (its own column at first) and a page of others, not
  // 10,000 checkboxes.
  await page.getByTestId('map-add-transform-4').click();
  await page.getByTestId('map-transforms-4').getByTestId('map-add-join').click();
  const join = page.getByTestId('map-transforms-4').locator('.param-columns');
  const boxes = join.getByRole('checkbox');
  await expect(boxes).toHaveCount(51);
  await expect(boxes.first()).toBeChecked();
  await expect(join.locator('label.param-check').first()).toHaveText('Question 5');
  await expect(join).toContainText('9,949 more columns match; type to narrow the list.');
  await join.getByTestId('map-join-find').fill('#9,876');
  await expect(boxes).toHaveCount(2);
  await join.getByRole('checkbox', { name: 'Question 9876' }).check();
  await join.getByTestId('map-join-find').fill('');
  // The joined columns come first, in file order, then the first 50 others.
  await expect(boxes).toHaveCount(52);
  await expect(join.locator('label.param-check').nth(1)).toHaveText('Question 9876');
  await expect(boxes.nth(1)).toBeChecked();
  await expect(boxes.nth(2)).not.toBeChecked();
});
