import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function expectNoSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  expect(serious, `axe violations on ${where}`).toEqual([]);
}

test('axe finds no serious or critical violations on any step, in English and Chinese', async ({
  page,
}) => {
  await page.goto('/');
  await expectNoSeriousViolations(page, 'upload (empty)');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await expectNoSeriousViolations(page, 'upload (loaded)');
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'preview');
  await page.getByTestId('nav-next').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  await expectNoSeriousViolations(page, 'export');
  await page.getByTestId('locale').selectOption('zh-CN');
  await expectNoSeriousViolations(page, 'export (zh-CN)');
});

test('keyboard only: sample → preview (sort) → export → download', async ({ page }) => {
  await page.goto('/');
  // Tab to the sample button and press Enter.
  const sample = page.getByTestId('sample-contacts.csv');
  for (let i = 0; i < 30 && !(await sample.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(sample).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('loaded-summary')).toBeFocused();
  const next = page.getByTestId('nav-next');
  for (let i = 0; i < 40 && !(await next.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  // Focus moves to the new step's heading.
  await expect(page.getByTestId('step-heading')).toBeFocused();
  await expect(page.getByTestId('step-heading')).toContainText('Preview');
  // Tab into the filter, type, submit with Enter.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('filter-text')).toBeFocused();
  await page.keyboard.type('robert.davis@outlook.com');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('row-count')).toHaveAttribute('data-rows', '1');
  // On to export and create the file, keyboard only.
  for (let i = 0; i < 40 && !(await next.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-heading')).toContainText('Export');
  const create = page.getByTestId('export-create');
  for (let i = 0; i < 30 && !(await create.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-result')).toBeVisible();
});

test('the whole UI switches to Simplified Chinese and remembers it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('privacy')).toContainText('文件始终留在此浏览器中');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('读取 300 行');
  await page.reload();
  await expect(page.getByTestId('step-upload')).toContainText('上传');
});
