import { writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// 1.1 million rows: at 32 px (Preview) or 34 px (Validate) a row, taller than the 33,554,428 px
// Chromium lets an element be, so the grids scale the scroll position onto the rows
// (src/ui/windowed/fixed-rows.ts). Without it, the last ~50,000 rows could not be reached.
const ROWS = 1_100_000;

function longFile(path: string) {
  const lines = ['Contact ID,Email'];
  for (let i = 1; i <= ROWS; i++) lines.push(`C${i},person${i}@example.com`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** The row whose `aria-rowindex` is `index + 2` (the header is row 1). */
const rowAt = (grid: Locator, index: number) => grid.locator(`[role="row"][aria-rowindex="${index + 2}"]`);

/** Whether the row lies wholly inside its grid's visible part, below the sticky header. */
async function wholeInGrid(grid: Locator, row: Locator): Promise<boolean> {
  const handle = await grid.elementHandle();
  return row.evaluate((el, scroller) => {
    const r = el.getBoundingClientRect();
    const box = scroller as HTMLElement;
    // The padding box: inside the border, above a horizontal scroll bar.
    const top = box.getBoundingClientRect().top + box.clientTop;
    const header = box.querySelector('.grid-header')?.getBoundingClientRect().height ?? 0;
    return r.top >= top + header - 0.5 && r.bottom <= top + box.clientHeight + 0.5;
  }, handle);
}

async function scrollTo(grid: Locator, fraction: number) {
  await grid.evaluate((el, f) => {
    el.scrollTop = Math.round(f * (el.scrollHeight - el.clientHeight));
  }, fraction);
}

async function openLong(page: Page) {
  const path = test.info().outputPath('long.csv');
  longFile(path);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('loaded-summary')).toContainText('1,100,000');
}

test.describe.configure({ timeout: 120_000 });

test('Preview reaches the last of 1.1 million rows, and rows in the middle show their own values', async ({ page }) => {
  await openLong(page);
  await page.getByTestId('nav-next').click();
  const grid = page.getByTestId('grid');
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', String(ROWS));
  // The body stays under the browser's clamp.
  expect(await grid.evaluate((el) => el.scrollHeight)).toBeLessThan(33_554_428);

  await scrollTo(grid, 1);
  const last = rowAt(grid, ROWS - 1);
  await expect(last.getByRole('gridcell').first()).toHaveText(`C${ROWS}`);
  await expect(last.getByRole('gridcell').nth(1)).toHaveText(`person${ROWS}@example.com`);
  await expect.poll(() => wholeInGrid(grid, last)).toBe(true);

  await scrollTo(grid, 0.5);
  // Whichever rows show there, each holds its own line of the file. The rows from the end stay
  // on screen until the grid has drawn the new ones: wait for those first.
  const shown = grid.getByTestId('grid-row');
  const middle = async () => Number(await shown.first().getAttribute('aria-rowindex')) - 2;
  await expect.poll(async () => Math.abs((await middle()) - ROWS / 2) < ROWS / 50).toBe(true);
  for (const row of (await shown.all()).slice(0, 5)) {
    const index = Number(await row.getAttribute('aria-rowindex')) - 2;
    expect(Math.abs(index - ROWS / 2)).toBeLessThan(ROWS / 50);
    await expect(row.getByRole('gridcell').first()).toHaveText(`C${index + 1}`);
  }

  await scrollTo(grid, 0);
  await expect(rowAt(grid, 0).getByRole('gridcell').first()).toHaveText('C1');
});

test('Validate: Ctrl+End from the keyboard focuses the last of 1.1 million rows, Ctrl+Home the first', async ({ page }) => {
  await openLong(page);
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  const grid = page.getByTestId('validate-grid');
  await expect(page.getByTestId('vrow').first()).toBeVisible();

  await grid.focus();
  await page.keyboard.press('Control+End');
  const last = rowAt(grid, ROWS - 1);
  await expect(last).toHaveAttribute('data-source-row', /\d+/);
  // Ctrl+End: the last row's last field.
  await expect(last.locator('[data-testid="vcell"]').last()).toBeFocused();
  await expect.poll(() => wholeInGrid(grid, last)).toBe(true);
  await expect(last).toContainText(`person${ROWS}@example.com`);

  await page.keyboard.press('ArrowUp');
  await expect(rowAt(grid, ROWS - 2).locator('[data-testid="vcell"]').last()).toBeFocused();
  await expect.poll(() => wholeInGrid(grid, rowAt(grid, ROWS - 2))).toBe(true);

  await page.keyboard.press('Control+Home');
  await expect(rowAt(grid, 0).locator('[data-testid="vcell"]').first()).toBeFocused();
  await expect(rowAt(grid, 0)).toContainText('person1@example.com');
});

test('Review: End in a list of 400,000 changes reaches the last record, Home the first', async ({ page }) => {
  // Every record new against a one-record baseline: 400,000 added, at ~88 px a record past the
  // browser's clamp (the list used to end near record 381,000).
  const added = 400_000;
  const path = test.info().outputPath('june.csv');
  const lines = ['Contact ID,Email'];
  for (let i = 1; i <= added; i++) lines.push(`N${i},new${i}@example.com`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('loaded-summary')).toContainText('400,000');
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  await page.getByTestId('step-review').click();
  await page.getByTestId('baseline-file-input').setInputFiles({
    name: 'may.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Contact ID,Email\nB1,old@example.com\n'),
  });
  await expect(page.getByTestId('key-external_id')).toBeChecked();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('count-added')).toHaveAttribute('data-count', String(added));
  const list = page.getByTestId('change-list');
  // Added, plus the baseline's record if the import mode lists it as removed.
  await expect(page.getByTestId('list-count')).toHaveAttribute('data-count', /^40000[01]$/);
  const total = Number(await page.getByTestId('list-count').getAttribute('data-count'));

  await page.getByTestId('change-row').first().focus();
  await page.keyboard.press('End');
  const last = list.locator(`[data-index="${total - 1}"]`);
  await expect(last).toBeFocused();
  await expect(last).toHaveAttribute('data-testid', 'change-row');
  await expect(last).toHaveAttribute('aria-posinset', String(total));
  await expect.poll(() => wholeInList(list, last)).toBe(true);

  await page.keyboard.press('ArrowUp');
  await expect(list.locator(`[data-index="${total - 2}"]`)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(list.locator('[data-index="0"]')).toBeFocused();
  await expect.poll(() => wholeInList(list, list.locator('[data-index="0"]'))).toBe(true);
});

/** Whether a record lies wholly inside the list's visible part. */
async function wholeInList(list: Locator, row: Locator): Promise<boolean> {
  const handle = await list.elementHandle();
  return row.evaluate((el, scroller) => {
    const r = el.getBoundingClientRect();
    const box = scroller as HTMLElement;
    const top = box.getBoundingClientRect().top + box.clientTop;
    return r.top >= top - 0.5 && r.bottom <= top + box.clientHeight + 0.5;
  }, handle);
}
