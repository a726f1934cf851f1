import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ') ?? ''}`);
  expect(serious, `axe violations on ${where}`).toEqual([]);
}

/**
 * Presses Tab until `target` has focus (fails after `max` presses). Waits first until the target
 * can take focus at all (shown and enabled: Apply stays disabled while suggestions load), so the
 * presses count places in the tab order, not time.
 */
async function tabTo(page: Page, target: Locator, max = 80) {
  await expect(target).toBeVisible();
  await expect(target).toBeEnabled();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Walks the default path (sample, suggested mapping, sample baseline) up to `step`, no checks. */
async function walkTo(page: Page, step: 'map' | 'validate' | 'review' | 'export') {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  if (step === 'map') return;
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  if (step === 'validate') return;
  await page.getByTestId('nav-next').click();
  await page
    .getByTestId('baseline-file-input')
    .setInputFiles('public/samples/contacts-baseline.csv');
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  if (step === 'review') return;
  await page.getByTestId('nav-next').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
}

// axe runs once per step and language: three tests of a few runs each, so each stays well
// inside its time budget on a busy machine (one test of eight runs took 1.9 of its 2 minutes).
test('axe finds no serious or critical violations on Upload, Preview and Map', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expectNoSeriousViolations(page, 'upload (empty)');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await expectNoSeriousViolations(page, 'upload (loaded)');
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'preview');
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await expectNoSeriousViolations(page, 'map');
});

test('axe finds no serious or critical violations on Validate and Review', async ({ page }) => {
  test.setTimeout(120_000);
  await walkTo(page, 'validate');
  await expectNoSeriousViolations(page, 'validate');
  await page.getByTestId('nav-next').click();
  await page
    .getByTestId('baseline-file-input')
    .setInputFiles('public/samples/contacts-baseline.csv');
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await expectNoSeriousViolations(page, 'review');
});

test('axe finds no serious or critical violations on Export, and in Chinese', async ({ page }) => {
  test.setTimeout(120_000);
  await walkTo(page, 'export');
  await expectNoSeriousViolations(page, 'export');
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectNoSeriousViolations(page, 'export (zh-CN)');
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await expectNoSeriousViolations(page, 'review (zh-CN)');
});

test('keyboard only: sample → preview (filter) → map → validate → review → export', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await tabTo(page, page.getByTestId('sample-contacts.csv'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('loaded-summary')).toBeFocused();
  const next = page.getByTestId('nav-next');
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  // Focus moves to the new step's heading.
  await expect(page.getByTestId('step-heading')).toBeFocused();
  await expect(page.getByTestId('step-heading')).toContainText('Preview');
  // Each step's code loads when first opened: wait until it is on screen, as a user would.
  await expect(page.getByTestId('filter-text')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('filter-text')).toBeFocused();
  await page.keyboard.type('robert.davis@outlook.com');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '1');
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-heading')).toContainText('Map');
  await expect(page.getByTestId('map-table')).toBeVisible();
  await tabTo(page, page.getByTestId('map-apply'), 300);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-heading')).toContainText('Validate');
  // F8 jumps to the first problem from anywhere in the step, once the grid knows its rows (before
  // that there is nothing to jump to): wait for them, not for time.
  await expect(page.getByTestId('vrow').first()).toBeVisible();
  await page.keyboard.press('F8');
  await expect(page.locator('[data-testid="vcell"]:focus')).toHaveCount(1);
  await tabTo(page, next, 300);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-heading')).toContainText('Review');
  await tabTo(page, next, 300);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-heading')).toContainText('Export');
  await tabTo(page, page.getByTestId('export-create'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-result')).toBeVisible();
  // The button was disabled while writing; focus went on to the result, not back to the page.
  await expect(page.locator('#export-ready')).toBeFocused();
});

test('keyboard only: a detected setting changed with the arrow keys re-reads the file and keeps the focus', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, page.getByTestId('sample-contacts.csv'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('loaded-summary')).toBeFocused();
  const encoding = page.getByTestId('setting-encoding');
  await tabTo(page, encoding);
  const before = await encoding.inputValue();
  // Trying encodings one after another: each arrow press picks the next and reads the file again.
  await page.keyboard.press('ArrowDown');
  await expect(encoding).not.toHaveValue(before);
  await expect(encoding).toBeEnabled();
  await expect(encoding).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(encoding).toHaveValue(before);
  await expect(encoding).toBeEnabled();
  await expect(encoding).toBeFocused();
  // The delimiter too: the control that was used keeps the focus, whichever it is.
  const delimiter = page.getByTestId('setting-delimiter');
  await tabTo(page, delimiter);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('loaded-summary')).toContainText('1 column');
  await expect(delimiter).toBeFocused();
  // A new file still takes the focus to what was read.
  await tabTo(page, page.getByTestId('sample-contacts.csv'), 120);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('loaded-summary')).toBeFocused();
});

test('the whole UI switches to Simplified Chinese and remembers it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('privacy')).toContainText('文件始终留在此浏览器中');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('读取 300 行');
  // A label and what follows take a full-width colon in Chinese.
  await expect(page.getByTestId('nav-next')).toHaveText('下一步：预览 →');
  await page.reload();
  await expect(page.getByTestId('step-upload')).toContainText('上传');
});
