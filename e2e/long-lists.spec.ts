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
  // Whichever rows show there, each holds its own line of the file.
  const shown = grid.getByTestId('grid-row');
  await expect(shown.first()).toBeVisible();
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
