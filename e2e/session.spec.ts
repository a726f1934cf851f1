import { expect, headCell, savedSession, test, upload } from './fixtures';

test('a reload brings back the file and the overrides; start over forgets them', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, 'csv/encoding/windows-1252.csv');
  // Override the detected header row; the reload must keep the user's choice, not the guess.
  await page.getByTestId('setting-header').selectOption('none');
  await expect(headCell(page, 0, 0)).toHaveText('Name');
  // The override is saved after the grid shows it: reload once it is stored.
  await expect
    .poll(async () => (await savedSession(page))?.settings['dialect'])
    .toMatchObject({ header: 'none' });
  await page.reload();
  await expect(page.getByTestId('restored')).toContainText('windows-1252.csv');
  await expect(page.getByTestId('setting-header')).toHaveValue('none');
  await expect(headCell(page, 0, 0)).toHaveText('Name');
  await expect(headCell(page, 1, 0)).toHaveText('Müller');
  await page.getByTestId('start-over').click();
  await expect(page.getByTestId('loaded-summary')).toHaveCount(0);
  await expect.poll(() => savedSession(page)).toBeNull();
  await page.reload();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(page.getByTestId('restored')).toHaveCount(0);
});
