import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Keys and measurement in Review's change list (the hand-written shell, use-list-rows.ts), on a
 * list small enough to build in a second: PageDown and PageUp move by what the list shows.
 */

const ADDED = 300;
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

/** Every record new against a one-record baseline: a list of ADDED (+1 removed) records. */
async function toList(page: Page): Promise<Locator> {
  const lines = ['Contact ID,Email'];
  for (let i = 1; i <= ADDED; i++) lines.push(`N${i},new${i}@example.com`);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(csv('june.csv', `${lines.join('\n')}\n`));
  await expect(page.getByTestId('loaded-summary')).toContainText(String(ADDED));
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  await page.getByTestId('step-review').click();
  await page.getByTestId('baseline-file-input').setInputFiles(csv('may.csv', 'Contact ID,Email\nB1,old@example.com\n'));
  await expect(page.getByTestId('key-external_id')).toBeChecked();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('count-added')).toHaveAttribute('data-count', String(ADDED));
  return page.getByTestId('change-list');
}

/** The indexes of the records wholly inside the list's visible part, in order. */
function wholeRecords(list: Locator): Promise<number[]> {
  return list.evaluate((box) => {
    const el = box as HTMLElement;
    const top = el.getBoundingClientRect().top + el.clientTop;
    const bottom = top + el.clientHeight;
    return [...el.querySelectorAll<HTMLElement>('[data-index]')]
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
      })
      .map((row) => Number(row.dataset['index']))
      .sort((a, b) => a - b);
  });
}

const focusedIndex = (page: Page) => page.evaluate(() => Number((document.activeElement as HTMLElement | null)?.dataset['index'] ?? NaN));

test('PageDown and PageUp in Review move by a screen of records, never past records not yet shown', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const list = await toList(page);
  await list.locator('[data-index="0"][data-testid="change-row"]').focus();
  await expect(list.locator('[data-index="0"]')).toBeFocused();

  for (let press = 0; press < 3; press++) {
    const before = await focusedIndex(page);
    const shown = await wholeRecords(list);
    expect(shown.length).toBeGreaterThan(2);
    await page.keyboard.press('PageDown');
    await expect.poll(() => focusedIndex(page)).toBeGreaterThan(before);
    const after = await focusedIndex(page);
    // The next screen starts at or before the first record the user has not seen yet.
    expect(after).toBeLessThanOrEqual(shown[shown.length - 1]! + 1);
    await expect.poll(async () => (await wholeRecords(list)).includes(after)).toBe(true);
  }

  const before = await focusedIndex(page);
  const shown = await wholeRecords(list);
  await page.keyboard.press('PageUp');
  await expect.poll(() => focusedIndex(page)).toBeLessThan(before);
  expect(await focusedIndex(page)).toBeGreaterThanOrEqual(shown[0]! - 1);
  await expect.poll(async () => (await wholeRecords(list)).includes(await focusedIndex(page))).toBe(true);
});
