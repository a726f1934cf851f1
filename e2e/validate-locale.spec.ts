import { expect, test, upload } from './fixtures';

// Switching the language in the middle of Validate: what the step just said (a bulk fix done)
// is said again in the new language, never left in the old one beside a translated page
// (found by the audit: the notice was kept as English text).

const CONTACTS =
  'Contact ID,First Name,Email,Created Date\r\n' +
  '001,José,jose@example.com,soon\r\n' +
  '002,Zoë,zoe@example.com,soon\r\n' +
  '003,陈静,chen@example.cn,2024-03-01\r\n';

test('a bulk fix’s notice follows a switch of language, with its count', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CONTACTS) });
  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '2');
  await page.locator('[data-testid="vcell"][data-field="created_at"]').filter({ hasText: 'soon' }).first().click();
  await expect(page.getByTestId('fix-all-form')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('fix-all-apply')).toHaveText('Fix both');
  await page.getByTestId('fix-all-input').fill('2024-01-02');
  await page.getByTestId('fix-all-apply').click();
  await expect(page.getByTestId('validate-notice')).toHaveText('Fixed both cells in one step; Undo reverses both.');
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '0');

  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('validate-totals')).toHaveText('没有问题：全部 3 行都通过了所有检查。');
  await expect(page.getByTestId('validate-notice')).toHaveText('已一次修复 2 个单元格；撤销可全部恢复。');
  await page.getByTestId('locale').selectOption('en');
  await expect(page.getByTestId('validate-notice')).toHaveText('Fixed both cells in one step; Undo reverses both.');
});
