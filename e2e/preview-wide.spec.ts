import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// 10,000 columns (the reader's limit). Upload's first rows drew every column (a 3-4 s task at
// 25 rows) and Preview's grid every column of every row (4-5 s); Upload now shows the first 50
// columns and says how many more there are, and the grid draws the columns in view
// (src/ui/data-grid/column-window.ts).
const COLUMNS = 10_000;
const ROWS = 60;
/** Column 9,876 (0-based 9,875): far to the right, holding a town. */
const FAR = 9_875;

function header(c: number): string {
  return c === 0 ? 'Email' : `Question ${c + 1}`;
}

function cell(r: number, c: number): string {
  if (c === 0) return `p${r}@example.com`;
  return c === FAR ? `Town-${r}` : `a${r}-${c}`;
}

function csvOf(columns: number, rows: number): Buffer {
  const lines = [Array.from({ length: columns }, (_, c) => header(c)).join(',')];
  for (let r = 1; r <= rows; r++) lines.push(Array.from({ length: columns }, (_, c) => cell(r, c)).join(','));
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function uploadWide(page: Page) {
  await page.goto('/');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: csvOf(COLUMNS, ROWS) });
  await expect(page.getByTestId('loaded-summary')).toContainText('10,000 columns');
  await expect(page.getByTestId('head-row').first()).toBeVisible();
}

async function openWidePreview(page: Page): Promise<Locator> {
  await page.getByTestId('step-preview').click();
  const grid = page.getByTestId('grid');
  await expect(grid.getByTestId('grid-row').first()).toBeVisible();
  return grid;
}

/** The grid's cell of a row (aria-rowindex: 1 is the header) in a column (0-based in the file). */
function gridCellAt(grid: Locator, rowIndex: number, column: number): Locator {
  return grid.locator(`[role="row"][aria-rowindex="${rowIndex}"] [role="gridcell"][aria-colindex="${column + 2}"]`);
}

function columnHeader(grid: Locator, column: number): Locator {
  return grid.locator(`[role="columnheader"][aria-colindex="${column + 2}"]`);
}

test.describe.configure({ timeout: 120_000 });

test('10,000 columns: Upload shows 50 and says how many more; Preview draws the columns in view and goes to column 9,876', async ({
  page,
}) => {
  await uploadWide(page);
  // The first rows: 50 columns and the row number, not 10,000 (20 rows × 10,000 cells before).
  const head = page.getByTestId('head-table');
  await expect(head.locator('thead th')).toHaveCount(51);
  expect(await head.locator('td').count()).toBeLessThanOrEqual(50 * 25);
  await expect(page.getByTestId('head-more')).toHaveText(
    '…and 9,950 more columns, not shown here. Preview shows every column.',
  );

  const grid = await openWidePreview(page);
  await expect(page.getByTestId('preview-summary')).toContainText('60 rows × 10,000 columns');
  await expect(grid).toHaveAttribute('aria-colcount', '10001');
  // The columns in view and a few more, not 10,000 headers and 10,000 cells a row.
  expect(await grid.getByRole('columnheader').count()).toBeLessThan(40);
  expect(await grid.getByRole('gridcell').count()).toBeLessThan(40 * 40);
  await expect(columnHeader(grid, 0)).toHaveText('Email');
  await expect(gridCellAt(grid, 2, 0)).toHaveText('p1@example.com');

  // Go to column 9,876 by its number: it comes to the view's left edge, with the file's values.
  await page.getByTestId('column-find').fill('#9,876');
  await page.getByTestId('column-go').click();
  await expect(page.getByTestId('column-status')).toHaveText('Column 9,876 of 10,000: “Question 9876”.');
  await expect(columnHeader(grid, FAR)).toBeInViewport();
  await expect(columnHeader(grid, FAR)).toHaveText('Question 9876');
  for (const r of [1, 2, 3]) await expect(gridCellAt(grid, r + 1, FAR)).toHaveText(`Town-${r}`);
  await expect(gridCellAt(grid, 2, FAR + 1)).toHaveText(`a1-${FAR + 1}`);
  // The first column is not drawn out there, and the count stays bounded.
  await expect(columnHeader(grid, 0)).toHaveCount(0);
  expect(await grid.getByRole('gridcell').count()).toBeLessThan(40 * 40);

  // By header, each Go stepping to the next match: Question 98, 980-989, 9800-9899.
  await page.getByTestId('column-find').fill('Question 98');
  await page.getByTestId('column-go').click();
  await expect(page.getByTestId('column-status')).toHaveText(
    'Column 98 of 10,000: “Question 98” (match 1 of 111; Go again for the next).',
  );
  await expect(columnHeader(grid, 97)).toBeInViewport();
  await page.getByTestId('column-go').click();
  await expect(page.getByTestId('column-status')).toContainText('Column 980 of 10,000');
  await expect(columnHeader(grid, 979)).toBeInViewport();
  await page.getByTestId('column-find').fill('no such column');
  await page.getByTestId('column-go').click();
  await expect(page.getByTestId('column-status')).toHaveText('No column matches “no such column”.');

  // Scrolled to the far right: the last column, with its values.
  await grid.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  await expect(columnHeader(grid, COLUMNS - 1)).toHaveText('Question 10000');
  await expect(gridCellAt(grid, 2, COLUMNS - 1)).toHaveText(`a1-${COLUMNS - 1}`);

  // A filter on column 9,876, named by its header.
  await page.getByTestId('filter-text').fill('Town-42');
  await page.getByTestId('filter-column-find').fill('question 9876');
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('filter-column-note')).toHaveText('Filtering column 9,876: “Question 9876”.');
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '1');
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-final', 'true');
  await expect(grid.getByTestId('grid-row')).toHaveCount(1);
  await expect(gridCellAt(grid, 2, COLUMNS - 1)).toHaveText(`a42-${COLUMNS - 1}`);

  // Leaving for Map: the step opens (the old grid's 600,000 cells took 0.5 s to unmount).
  await page.getByTestId('step-map').click();
  // The table is drawn once the suggestions for all 10,000 columns are made: seconds of name
  // scoring on a quiet machine, over 15 s on a loaded 2-core runner (a repeated CI-like run failed
  // here). Waited for as long as the test allows, not for the default 15 s.
  await expect(page.getByTestId('map-table')).toBeVisible({ timeout: 60_000 });
});

test('10,000 columns from the keyboard alone: go to a column, then arrows, End and Home in the grid; axe finds nothing serious', async ({
  page,
}) => {
  await uploadWide(page);
  const grid = await openWidePreview(page);
  await page.getByTestId('column-find').focus();
  await page.keyboard.type('#9876');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('column-status')).toHaveText('Column 9,876 of 10,000: “Question 9876”.');
  await expect(columnHeader(grid, FAR)).toBeInViewport();
  // Tab from Go on to the grid; the arrows, End and Home scroll it.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('column-go')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(grid).toBeFocused();
  const left = await grid.evaluate((el) => el.scrollLeft);
  await page.keyboard.press('ArrowRight');
  // A keyboard scroll is animated: the next key waits until this one has come to rest.
  await expect.poll(() => grid.evaluate((el) => el.scrollLeft)).toBe(left + 40);
  // A key pressed while the last keyboard scroll still settles can be dropped by the browser
  // (1 run in 4 here): pressed again until the view is there, as a user would.
  await expect(async () => {
    await page.keyboard.press('Control+End');
    await expect.poll(() => grid.evaluate((el) => el.scrollTop + el.clientHeight - el.scrollHeight), { timeout: 2_000 }).toBe(0);
  }).toPass();
  await expect(grid.locator(`[role="row"][aria-rowindex="${ROWS + 1}"]`)).toBeInViewport();
  await expect(gridCellAt(grid, ROWS + 1, FAR)).toHaveText(`Town-${ROWS}`);
  await expect(async () => {
    await page.keyboard.press('Home');
    await expect(gridCellAt(grid, 2, FAR)).toBeInViewport({ timeout: 2_000 });
  }).toPass();
  await expect(gridCellAt(grid, 2, FAR)).toHaveText('Town-1');
  // Tab reaches the drawn headers' sort buttons; Enter sorts by the column.
  await page.keyboard.press('Tab');
  await expect(page.locator('.grid-sort:focus')).toHaveCount(1);

  const results = await new AxeBuilder({ page }).include('[data-testid="grid"]').include('form').analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
  expect(serious).toEqual([]);
});

test('10,000 columns in Chinese: the counts on Upload and in Preview', async ({ page }) => {
  await uploadWide(page);
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('head-more')).toHaveText('……另有 9,950 列未在此显示。预览中可看到所有列。');
  const grid = await openWidePreview(page);
  await expect(page.getByTestId('preview-summary')).toContainText('60 行 × 10,000 列');
  await page.getByTestId('column-find').fill('#9876');
  await page.getByTestId('column-go').click();
  await expect(page.getByTestId('column-status')).toHaveText('第 9,876 列，共 10,000 列：“Question 9876”。');
  await expect(gridCellAt(grid, 2, FAR)).toHaveText('Town-1');
});

test('50 columns look as before: every column on Upload and in Preview, no note, no column find', async ({ page }) => {
  await page.goto('/');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'fifty.csv', mimeType: 'text/csv', buffer: csvOf(50, 3) });
  await expect(page.getByTestId('loaded-summary')).toContainText('50 columns');
  await expect(page.getByTestId('head-table').locator('thead th')).toHaveCount(51);
  await expect(page.getByTestId('head-more')).toHaveCount(0);
  const grid = await openWidePreview(page);
  await expect(grid.getByRole('columnheader')).toHaveCount(51);
  await expect(grid.getByTestId('grid-row').first().getByRole('gridcell')).toHaveCount(50);
  await expect(page.getByTestId('column-find')).toHaveCount(0);
  await expect(page.getByTestId('filter-column').locator('option')).toHaveCount(51);
});
