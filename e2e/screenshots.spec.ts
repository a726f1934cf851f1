import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Screenshots of every step, wide and narrow, in English and Chinese, for a person to look at
 * (SHOTS=1 npx playwright test e2e/screenshots.spec.ts). They land in screenshots/ (ignored by
 * git). The walk uses the defaults only: sample → preview → map → validate → review → export.
 */
const OUT = 'screenshots';
const SIZES = [
  [1400, 1000],
  [390, 900],
] as const;

async function shoot(page: Page, locale: string, step: string) {
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${OUT}/${locale}-${w}-${step}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1400, height: 1000 });
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`screenshots of every step (${locale})`, async ({ page }) => {
    test.skip(!process.env['SHOTS'], 'screenshots are taken on request: SHOTS=1');
    test.setTimeout(180_000);
    mkdirSync(OUT, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto('/');
    await page.getByTestId('locale').selectOption(locale);
    await shoot(page, locale, '1-upload-empty');
    await page.getByTestId('sample-contacts.csv').click();
    await expect(page.getByTestId('loaded-summary')).toBeVisible();
    await shoot(page, locale, '1-upload');
    await page.getByTestId('nav-next').click();
    await expect(page.getByTestId('grid-row').first()).toBeVisible();
    await shoot(page, locale, '2-preview');
    await page.getByTestId('nav-next').click();
    await expect(page.getByTestId('map-table')).toBeVisible();
    await shoot(page, locale, '3-map');
    await page.getByTestId('map-apply').click();
    await expect(page.getByTestId('validate-grid')).toBeVisible();
    await shoot(page, locale, '4-validate');
    // The duplicates panel opened (its groups are drawn only then).
    await page.getByTestId('dupes').locator('summary').click();
    await expect(page.getByTestId('dupe-group').first()).toBeVisible();
    await page.getByTestId('dupes').scrollIntoViewIfNeeded();
    await shoot(page, locale, '4-validate-duplicates');
    await page.getByTestId('nav-next').click();
    await page
      .getByTestId('baseline-file-input')
      .setInputFiles('public/samples/contacts-baseline.csv');
    await page.getByTestId('compare').click();
    await expect(page.getByTestId('review-summary')).toBeVisible();
    await shoot(page, locale, '5-review');
    // Committed: the result, and the snapshot in History with its rows and size.
    await page.getByTestId('commit').click();
    await expect(page.getByTestId('commit-done')).toBeVisible();
    await expect(page.getByTestId('snapshot').first()).toBeVisible();
    await page.getByTestId('history').scrollIntoViewIfNeeded();
    await shoot(page, locale, '5-review-committed');
    await page.getByTestId('nav-next').click();
    await page.getByTestId('export-create').click();
    await expect(page.getByTestId('export-result')).toBeVisible();
    await shoot(page, locale, '6-export');
  });
}
