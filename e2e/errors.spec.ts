import { expect, fixtureBytes, test } from './fixtures';

async function uploadExpectingError(
  page: import('@playwright/test').Page,
  name: string,
  buffer: Buffer,
) {
  await page
    .getByTestId('file-input')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  const alert = page.getByTestId('read-error');
  await expect(alert).toBeVisible();
  return alert;
}

test('malformed JSON says where and what to do, and the app keeps working', async ({ page }) => {
  await page.goto('/');
  const alert = await uploadExpectingError(
    page,
    'broken.json',
    Buffer.from('[\n  {"a": 1},\n  {"a": 2,,}\n]'),
  );
  await expect(alert).toContainText('line 3');
  await expect(alert).toContainText('Fix it there');
  // A good file afterwards clears the error.
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await expect(page.getByTestId('read-error')).toHaveCount(0);
});

test('billion-laughs XML is refused, not expanded', async ({ page }) => {
  const xml = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rows><row><a>&lol3;</a></row><row><a>x</a></row></rows>`;
  await page.goto('/');
  const alert = await uploadExpectingError(page, 'lolz.xml', Buffer.from(xml));
  await expect(alert).toContainText('DOCTYPE');
});

test('an old .xls is refused with what to do', async ({ page }) => {
  await page.goto('/');
  const alert = await uploadExpectingError(page, 'legacy.xls', fixtureBytes('xlsx/legacy.xls'));
  await expect(alert).toContainText('save as .xlsx or CSV');
});

test('an empty file is refused clearly', async ({ page }) => {
  await page.goto('/');
  const alert = await uploadExpectingError(page, 'empty.csv', Buffer.alloc(0));
  await expect(alert).toContainText('empty');
});

test('a CSV with an unclosed quote is shown with the problem row listed', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({
    name: 'q.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('a,b\n1,2\n3,"open\n4,5\n'),
  });
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('issue').first()).toContainText('never closed');
  await expect(page.getByTestId('issue').first()).toContainText('row 3');
});
