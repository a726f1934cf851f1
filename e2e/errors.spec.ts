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

test('a 1.5 KB .xlsx with a cell at XFD100000 is refused with where, the limit and what to do', async ({
  page,
}) => {
  const { inlineCell, makeXlsx, sheetXml } = await import('../test/support/make-xlsx');
  const bytes = makeXlsx(
    sheetXml(
      `<row r="1">${inlineCell('A1', 'id')}</row><row r="2"><c r="A2"><v>1</v></c></row>` +
        `<row r="100000"><c r="XFD100000"><v>1</v></c></row>`,
    ),
  );
  await page.goto('/');
  const alert = await uploadExpectingError(page, 'far.xlsx', Buffer.from(bytes));
  await expect(alert).toContainText('Sheet1');
  await expect(alert).toContainText('XFD100000');
  await expect(alert).toContainText('10,000 columns');
  await expect(alert).toContainText('Delete the unused rows and columns');
  // The worker survived: a good file loads afterwards.
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
});

test('JSON with more keys than the column limit is refused with the record and the limit', async ({
  page,
}) => {
  const keys = Array.from({ length: 10_001 }, (_, i) => `"k${i}":1`).join(',');
  await page.goto('/');
  const alert = await uploadExpectingError(page, 'wide.json', Buffer.from(`[{${keys}}]`));
  await expect(alert).toContainText('Record 1');
  await expect(alert).toContainText('10,000');
  await expect(alert).toContainText('k10000');
});
