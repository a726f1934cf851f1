import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Keys and measurement in Review's change list (the hand-written shell, use-list-rows.ts), on a
 * list small enough to build in a second: PageDown and PageUp move by what the list shows.
 */

const ADDED = 300;
const csv = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text),
});

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
  await page
    .getByTestId('baseline-file-input')
    .setInputFiles(csv('may.csv', 'Contact ID,Email\nB1,old@example.com\n'));
  await expect(page.getByTestId('key-external_id')).toBeChecked();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('count-added')).toHaveAttribute('data-count', String(ADDED));
  await expect(page.getByTestId('list-count')).toHaveAttribute('data-count', /^\d+$/);
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

const focusedIndex = (page: Page) =>
  page.evaluate(() =>
    Number((document.activeElement as HTMLElement | null)?.dataset['index'] ?? NaN),
  );

test('PageDown and PageUp in Review move a screen at a time: every record passed on the way has been on screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const list = await toList(page);
  await list.locator('[data-index="0"][data-testid="change-row"]').focus();
  await expect(list.locator('[data-index="0"]')).toBeFocused();

  const seen = new Set(await wholeRecords(list));
  /** Presses a key, waits for the focused record to be wholly in view, and notes what shows. */
  const press = async (key: string, moved: (from: number, to: number) => boolean) => {
    const from = await focusedIndex(page);
    await page.keyboard.press(key);
    await expect.poll(() => focusedIndex(page)).not.toBe(from);
    const to = await focusedIndex(page);
    expect(moved(from, to)).toBe(true);
    await expect.poll(async () => (await wholeRecords(list)).includes(to)).toBe(true);
    for (const i of await wholeRecords(list)) seen.add(i);
    return to;
  };
  let at = 0;
  for (let k = 0; k < 4; k++) {
    at = await press('PageDown', (from, to) => to > from + 1);
    // Nothing skipped: every record up to the focused one has been wholly on screen.
    const missed = Array.from({ length: at + 1 }, (_, i) => i).filter((i) => !seen.has(i));
    expect(missed).toEqual([]);
  }
  seen.clear();
  for (const i of await wholeRecords(list)) seen.add(i);
  const top = Math.min(...seen);
  const back = await press('PageUp', (from, to) => to < from - 1);
  const missed = Array.from({ length: top - back }, (_, i) => back + i).filter((i) => !seen.has(i));
  expect(missed).toEqual([]);
});

/** Whether a record lies wholly inside the list's visible part. */
const wholeInList = (list: Locator, index: number) =>
  wholeRecords(list).then((shown) => shown.includes(index));

for (const { name, width, view } of [
  { name: 'changed fields, 1280 px', width: 1280, view: 'fields' },
  { name: 'full rows, 1280 px', width: 1280, view: 'full' },
  { name: 'changed fields, 390 px', width: 390, view: 'fields' },
  { name: 'full rows, 390 px', width: 390, view: 'full' },
]) {
  test(`End shows the last record whole and Home the first (${name})`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    const list = await toList(page);
    await page.getByTestId(`view-${view}`).check();
    const total = Number(await page.getByTestId('list-count').getAttribute('data-count'));
    await list.locator('[data-index="0"][data-testid="change-row"]').focus();
    await page.keyboard.press('End');
    await expect(list.locator(`[data-index="${total - 1}"]`)).toBeFocused();
    await expect.poll(() => wholeInList(list, total - 1)).toBe(true);
    // Still at the end once every record in view is measured: the list's bottom is the last record's.
    await expect
      .poll(() => list.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop))
      .toBeLessThanOrEqual(1);
    await page.keyboard.press('ArrowUp');
    await expect(list.locator(`[data-index="${total - 2}"]`)).toBeFocused();
    await expect.poll(() => wholeInList(list, total - 2)).toBe(true);
    await page.keyboard.press('Home');
    await expect(list.locator('[data-index="0"]')).toBeFocused();
    await expect.poll(() => wholeInList(list, 0)).toBe(true);
  });
}
