import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { downloadExport, parseCsv } from './default-path-checks';
import { expect, FIXTURES, test, upload } from './fixtures';

// The Review step walked as a business user walks it, with real-world files, forwards and back;
// what the page says is held to the bytes of the files it hands out.

/** Text as Windows-1252 (the German Excel CSV's code page; every character here has a byte). */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => {
    const code = c.codePointAt(0) ?? 0x3f;
    if (code > 0xff) throw new Error(`not in cp1252 here: ${c}`);
    return code;
  }));
}

/** A download link's bytes, checked against the SHA-256 shown beside it. */
async function downloaded(page: Page, button: string, sha256: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const bytes = readFileSync(await file.path());
  await expect(page.getByTestId(sha256)).toHaveText(createHash('sha256').update(bytes).digest('hex'));
  return bytes;
}

/** Upload, Map's defaults applied, then Review. */
async function mappedToReview(page: Page, file: { name: string; buffer: Buffer }) {
  await page.goto('/');
  await upload(page, { ...file, mimeType: 'text/csv' });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-totals')).toBeVisible();
  await page.getByTestId('step-review').click();
}

test('a baseline from the same system with its headers in capitals is mapped and compared field by field (German cp1252)', async ({ page }) => {
  const german = readFileSync(join(FIXTURES, 'real-world/german-excel.csv'));
  const [header = '', ...rows] = new TextDecoder('windows-1252').decode(german).split('\r\n').filter((l) => l !== '');
  // Last month's export: E-MAIL and ORT in capitals; row 2's city was Hamburg; rows 5 and 6 are new since.
  const old = rows.filter((_, i) => i !== 4 && i !== 5).map((r, i) => (i === 1 ? r.replace(';Berlin;', ';Hamburg;') : r));
  expect(old[1]).toContain(';Hamburg;');
  const baseline = cp1252(`${[header.replace('E-Mail', 'E-MAIL').replace(';Ort;', ';ORT;'), ...old].join('\r\n')}\r\n`);
  await mappedToReview(page, { name: 'kunden.csv', buffer: german });
  await page.getByTestId('baseline-file-input').setInputFiles({ name: 'kunden-alt.csv', mimeType: 'text/csv', buffer: baseline });
  await expect(page.getByTestId('baseline-mapped')).toBeVisible();
  await expect(page.getByTestId('baseline-not-mapped')).toHaveCount(0);
  await expect(page.getByTestId('key-email')).toBeChecked();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  for (const [kind, n] of [['added', 2], ['modified', 1], ['unchanged', 297]] as const) {
    await expect(page.getByTestId(`count-${kind}`), kind).toHaveAttribute('data-count', String(n));
  }
  await page.getByTestId('changes-format').selectOption('json');
  await page.getByTestId('changes-create').click();
  const ops = JSON.parse((await downloaded(page, 'changes-download', 'changes-sha256')).toString('utf8')) as { op: string; key: string; fields: Record<string, string>; old?: Record<string, string> }[];
  expect(ops.map((o) => o.op).sort()).toEqual(['insert', 'insert', 'update']);
  const update = ops.find((o) => o.op === 'update');
  expect(update).toMatchObject({ key: 'hannah.koehler1@example.de', fields: { city: 'Berlin' }, old: { city: 'Hamburg' } });

  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '300');
  const csv = parseCsv(await downloadExport(page));
  expect(csv.records).toHaveLength(300);
  const email = csv.header.indexOf('email');
  const city = csv.header.indexOf('city');
  expect(csv.records.find((r) => r[email] === 'hannah.koehler1@example.de')?.[city]).toBe('Berlin');
  expect(csv.records.map((r) => r[email])).toContain('juergen.oeztuerk5@example.de');
});

/** A Salesforce report export: UTF-8 with a BOM, CRLF, every field quoted. */
function salesforce(rows: readonly string[]): Buffer {
  const header = '"Contact ID","First Name","Last Name","Email","Mailing City"';
  return Buffer.from(`\uFEFF${[header, ...rows.map((r) => r.split(',').map((c) => `"${c}"`).join(','))].join('\r\n')}\r\n`, 'utf8');
}
const SF_BASE = ['0035g01,Ada,Lovelace,ada@example.com,London', '0035g02,Grace,Hopper,grace@example.com,Arlington', '0035g03,Alan,Turing,alan@example.com,Manchester', '0035g04,Jürgen,Müller,jm@example.de,Berlin'];
const SF_NEXT = ['0035g01,Ada,Lovelace,ada.lovelace@example.com,London', '0035g02,Grace,Hopper,grace@example.com,Arlington', '0035g04,Jürgen,Müller,jm@example.de,München', '0035g05,Katherine,Johnson,kj@example.com,Hampton'];

/** The Export step's headline and the file it writes, in records, for the ids it holds. */
async function exportedIds(page: Page, records: number): Promise<string[]> {
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-plan')).toHaveAttribute('data-records', String(records));
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', String(records));
  const csv = parseCsv(await downloadExport(page));
  expect(csv.bom).toBe(true);
  expect(csv.records).toHaveLength(records);
  return csv.records.map((r) => r[csv.header.indexOf('external_id')] ?? '');
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`[${locale}] after a commit, a decision changed in Review or a row deleted in Validate: Export's count is the file's, and it says why it is not the commit`, async ({ page }) => {
    const text = {
      en: { headline: (n: number) => `${n} records will be written.`, decided: 'changed since your last commit', edited: 'with the edits you made in Validate since', committed: (n: number) => `(${n} records)` },
      'zh-CN': { headline: (n: number) => `将写入 ${n} 条记录。`, decided: '上次提交后这些决定有变化', edited: '您之后在“校验与修正”中所做的修改', committed: (n: number) => `（${n} 条记录）` },
    }[locale];
    await page.goto('/');
    await page.getByTestId('locale').selectOption(locale);
    await upload(page, { name: 'sf-contacts.csv', mimeType: 'text/csv', buffer: salesforce(SF_NEXT) });
    await page.getByTestId('step-map').click();
    await page.getByTestId('map-apply').click();
    await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '0');
    await page.getByTestId('step-review').click();
    await page.getByTestId('baseline-file-input').setInputFiles({ name: 'sf-last-month.csv', mimeType: 'text/csv', buffer: salesforce(SF_BASE) });
    await expect(page.getByTestId('baseline-mapped')).toBeVisible();
    await page.getByTestId('mode-mirror').check();
    await page.getByTestId('compare').click();
    await expect(page.getByTestId('count-removed')).toHaveAttribute('data-count', '1');
    await page.getByTestId('commit').click();
    await expect(page.getByTestId('commit-done')).toBeVisible();
    await expect(page.getByTestId('snapshot-rows')).toHaveAttribute('data-rows', '4');
    // The commit as stored: 0035g03 deleted, 0035g05 inserted.
    expect(await exportedIds(page, 4)).toEqual(['0035g01', '0035g02', '0035g04', '0035g05']);
    await expect(page.getByTestId('export-source')).toContainText(text.committed(4));

    // Back in Review, the deletion is rejected after the commit: Export writes the merge of the
    // decisions of now (five records), and says so; it said "4 records" and "your last commit".
    await page.getByTestId('step-review').click();
    await page.locator('[data-testid="change-row"][data-key="0035g03"]').getByTestId('accept-change').click();
    await expect(page.getByTestId('accepted-removed')).toHaveAttribute('data-count', '0');
    expect(await exportedIds(page, 5)).toEqual(['0035g01', '0035g02', '0035g03', '0035g04', '0035g05']);
    await expect(page.getByTestId('export-headline')).toHaveText(text.headline(5));
    await expect(page.getByTestId('export-source')).toContainText(text.decided);
    await expect(page.getByTestId('export-source')).toContainText(text.committed(5));

    // The inserted record's row deleted in Validate: four records, and the edit is named.
    await page.getByTestId('step-validate').click();
    await page.locator('[data-testid="vcell"][data-field="email"]').filter({ hasText: 'kj@example.com' }).click();
    await page.getByTestId('delete-row').click();
    await expect(page.getByTestId('validate-row-count')).toHaveAttribute('data-rows', '3');
    expect(await exportedIds(page, 4)).toEqual(['0035g01', '0035g02', '0035g03', '0035g04']);
    await expect(page.getByTestId('export-source')).toContainText(text.edited);
  });
}

test('a column only in the new data, not compared, is named before the commit; ticked, the commit and Export hold it', async ({ page }) => {
  // This month's export gained a Mobile column; last month's had none.
  const next = '\uFEFFContact ID,Name,Mobile\r\n001,Ada,+4915112345678\r\n002,Bob,+4915112345679\r\n003,Chen Jing 陈静,\r\n';
  const last = '\uFEFFContact ID,Name\r\n001,Ada\r\n002,Bobby\r\n';
  await page.goto('/');
  await upload(page, { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(next) });
  await page.getByTestId('step-review').click();
  await page.getByTestId('baseline-file-input').setInputFiles({ name: 'last.csv', mimeType: 'text/csv', buffer: Buffer.from(last) });
  await expect(page.getByTestId('columns-added')).toContainText('Mobile');
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  // Said before the commit, in the summary and beside Commit, in both languages.
  await expect(page.getByTestId('summary-warn-columns')).toHaveText(
    '⚠ A column only in the new data is not compared, so neither the commit nor Export will hold it: Mobile. Tick it under Columns and compare again to take its values.',
  );
  await expect(page.getByTestId('commit-warn-columns')).toHaveAttribute('data-columns', 'Mobile');
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('summary-warn-columns')).toHaveText('⚠ 有 1 列只在新数据中且未参与比较，提交和导出都不会包含：Mobile。请在“列”中勾选并重新比较，以保留其中的值。');
  await page.getByTestId('locale').selectOption('en');

  // As said: committed so, the file has no Mobile column.
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  let csv = parseCsv(await downloadExport(page));
  expect(csv.header).toEqual(['Contact ID', 'Name']);

  // Ticked and compared again: the warning is gone, and the commit and the file hold the mobiles.
  await page.getByTestId('step-review').click();
  await page.getByTestId('options-change').click();
  await page.getByTestId('columns-added').getByRole('checkbox', { name: 'Mobile' }).check();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('summary-warn-columns')).toHaveCount(0);
  await expect(page.getByTestId('commit-warn-columns')).toHaveCount(0);
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('snapshot')).toHaveCount(2);
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  csv = parseCsv(await downloadExport(page));
  expect(csv.header).toEqual(['Contact ID', 'Name', 'Mobile']);
  expect(csv.records).toEqual([['001', 'Ada', '+4915112345678'], ['002', 'Bob', '+4915112345679'], ['003', 'Chen Jing 陈静', '']]);
});

test('mapped: a baseline without the column this month\'s export gained is still mapped; the new field is named, and once ticked committed', async ({ page }) => {
  const next = '\uFEFFContact ID,First Name,Email,Mobile\r\n001,Ada,ada@example.com,+4915112345678\r\n002,Bob,bob@example.com,+4915112345679\r\n';
  const last = '\uFEFFContact ID,First Name,Email\r\n001,Ada,ada@example.com\r\n002,Bobby,bob@example.com\r\n';
  await mappedToReview(page, { name: 'contacts.csv', buffer: Buffer.from(next) });
  await page.getByTestId('baseline-file-input').setInputFiles({ name: 'last.csv', mimeType: 'text/csv', buffer: Buffer.from(last) });
  // It was "not mapped": no column lined up, no key, Compare off.
  await expect(page.getByTestId('baseline-mapped')).toBeVisible();
  await expect(page.getByTestId('key-external_id')).toBeChecked();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('count-modified')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('summary-warn-columns')).toHaveAttribute('data-columns', 'mobile');
  await expect(page.getByTestId('summary-warn-columns')).toContainText(': Mobile.');
  await page.getByTestId('options-change').click();
  await page.getByTestId('columns-added').getByRole('checkbox', { name: 'Mobile' }).check();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('summary-warn-columns')).toHaveCount(0);
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  const csv = parseCsv(await downloadExport(page));
  expect(csv.header).toEqual(['external_id', 'first_name', 'email', 'mobile']);
  expect(csv.records).toEqual([['001', 'Ada', 'ada@example.com', '+4915112345678'], ['002', 'Bob', 'bob@example.com', '+4915112345679']]);
});
