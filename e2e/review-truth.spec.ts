import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test, upload } from './fixtures';

// What the Review step says a commit applies is what the change file holds and what History
// lists for the commit, in English and Chinese; key conflicts are named by their rows in the
// file however many were resolved; while keys conflict, nothing is claimed about the changes.

const DIR = 'e2e/review';

/** The words around the counts, per language. */
const TEXT = {
  en: {
    modified: (n: number) => `Modified ${n}`,
    acceptedOf: (a: number, n: number) => `${a} of ${n} accepted`,
    rejectedFields: (n: number) => `${n} field ${n === 1 ? 'change' : 'changes'} rejected`,
    history: (a: number, m: number, r: number) => `${a} added, ${m} modified, ${r} removed`,
  },
  'zh-CN': {
    modified: (n: number) => `修改 ${n}`,
    acceptedOf: (a: number, n: number) => `已接受 ${a} / ${n}`,
    rejectedFields: (n: number) => `已拒绝 ${n} 处字段更改`,
    history: (a: number, m: number, r: number) => `新增 ${a}，修改 ${m}，删除 ${r}`,
  },
} as const;
type Locale = keyof typeof TEXT;

async function compareFiles(page: Page, current: string, baseline: string, locale: Locale) {
  await page.goto('/');
  await page.getByTestId('locale').selectOption(locale);
  await upload(page, `${DIR}/${current}`);
  await page.getByTestId('step-review').click();
  await page.getByTestId('baseline-file-input').setInputFiles(`test/fixtures/${DIR}/${baseline}`);
  await expect(page.getByTestId('baseline-summary')).toBeVisible();
  // Keyed by id alone (with repeated ids, another key may be suggested).
  await page.getByTestId('key-id').check();
  if (await page.getByTestId('key-name').isVisible()) await page.getByTestId('key-name').uncheck();
  await page.getByTestId('mode-mirror').check();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
}

function record(page: Page, key: string) {
  return page.locator(`[data-testid="change-row"][data-key="${key}"]`);
}

function fieldBox(page: Page, key: string, column: string) {
  return record(page, key).locator(`[data-testid="field-change"][data-column="${column}"]`).getByTestId('accept-field');
}

/** The JSON change file downloaded from the page (its SHA-256 checked), as keys per operation. */
async function changeFile(page: Page): Promise<Record<'insert' | 'update' | 'delete', string[]>> {
  await page.getByTestId('changes-format').selectOption('json');
  await page.getByTestId('changes-create').click();
  await expect(page.getByTestId('changes-result')).toBeVisible();
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId('changes-download').click()]);
  const bytes = readFileSync(await file.path());
  await expect(page.getByTestId('changes-sha256')).toHaveText(createHash('sha256').update(bytes).digest('hex'));
  const out = { insert: [] as string[], update: [] as string[], delete: [] as string[] };
  for (const op of JSON.parse(bytes.toString('utf8')) as { op: keyof typeof out; key: string }[]) out[op.op].push(op.key);
  return out;
}

/** The counts the page shows for what a commit applies now, checked against the change file. */
async function expectCountsOfFile(page: Page, locale: Locale, updates: readonly string[]) {
  const file = await changeFile(page);
  expect(file.update).toEqual(updates);
  const n = file.update.length;
  await expect(page.getByTestId('accepted-modified')).toHaveAttribute('data-count', String(n));
  await expect(page.getByTestId('accepted-modified')).toHaveText(TEXT[locale].modified(n));
  await expect(page.getByTestId('class-decisions')).toContainText(TEXT[locale].acceptedOf(n, 3));
  await expect(page.getByTestId('accepted-added')).toHaveAttribute('data-count', String(file.insert.length));
  await expect(page.getByTestId('accepted-removed')).toHaveAttribute('data-count', String(file.delete.length));
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`[${locale}] a record with every field change rejected is not counted; Accept all takes every field; History lists the commit`, async ({
    page,
  }) => {
    const text = TEXT[locale];
    // 001's city, 002's and 005's phone changed; 003 gone; 006 new (004's emptied phone is kept).
    await compareFiles(page, 'five-new.csv', 'five-base.csv', locale);
    await expectCountsOfFile(page, locale, ['001', '002', '005']);

    // 002's one changed field rejected: nothing of 002 is applied.
    await fieldBox(page, '002', 'phone').click();
    await expect(fieldBox(page, '002', 'phone')).not.toBeChecked();
    await expect(page.getByTestId('rejected-fields')).toHaveText(text.rejectedFields(1));
    await expect(record(page, '002').getByTestId('accept-change')).not.toBeChecked();
    await expectCountsOfFile(page, locale, ['001', '005']);

    // 001 rejected as a whole, then "Accept all" of the modified class: all of it, 002's phone too.
    await record(page, '001').getByTestId('accept-change').click();
    await expect(record(page, '001').getByTestId('accept-change')).not.toBeChecked();
    await expectCountsOfFile(page, locale, ['005']);
    await page.getByTestId('accept-class-modified').click();
    await expect(fieldBox(page, '002', 'phone')).toBeChecked();
    await expect(page.getByTestId('rejected-fields')).toHaveCount(0);
    await expectCountsOfFile(page, locale, ['001', '002', '005']);

    // 005's phone rejected, committed: History lists what the commit applied.
    await fieldBox(page, '005', 'phone').click();
    await expect(fieldBox(page, '005', 'phone')).not.toBeChecked();
    await expectCountsOfFile(page, locale, ['001', '002']);
    await page.getByTestId('commit').click();
    await expect(page.getByTestId('commit-done')).toBeVisible();
    await expect(page.getByTestId('snapshot-counts').first()).toHaveText(text.history(1, 2, 1));

    // "Reject all", then one record ticked again: that record whole, nothing else.
    await page.getByTestId('reject-class-modified').click();
    await expect(record(page, '001').getByTestId('accept-change')).not.toBeChecked();
    await expectCountsOfFile(page, locale, []);
    await record(page, '005').getByTestId('accept-change').click();
    await expect(fieldBox(page, '005', 'phone')).toBeChecked();
    await expectCountsOfFile(page, locale, ['005']);
    await page.getByTestId('commit').click();
    await expect(page.getByTestId('snapshot')).toHaveCount(2);
    await expect(page.getByTestId('snapshot-counts').first()).toHaveText(text.history(1, 1, 1));
  });
}

for (const side of ['next', 'base'] as const) {
  test(`key conflicts in the ${side === 'next' ? 'new file' : 'baseline'} keep their row numbers after "Keep row 2"`, async ({ page }) => {
    // keys-duplicate-missing.csv: data rows 1 (Ada) and 2 (Ada2) share id 1, row 3 has no id,
    // row 4 is Bob; on screen they are rows 2-5 (the header is row 1), test ids use data rows.
    const [current, baseline] = side === 'next' ? ['keys-duplicate-missing.csv', 'keys-duplicate.csv'] : ['keys-duplicate.csv', 'keys-duplicate-missing.csv'];
    await compareFiles(page, current, baseline, 'en');
    const conflicts = page.getByTestId(`conflicts-${side}`);
    // Rows as Preview and a spreadsheet number them: the header is row 1.
    await expect(conflicts.getByTestId('conflict-missing')).toHaveText('Rows without a key: 4');
    await expect(conflicts.getByTestId('conflict-duplicate')).toHaveText(/Rows 2, 3 share one key/);
    await page.getByTestId(`keep-${side}-2`).click();
    await expect(conflicts.getByTestId('conflict-duplicate')).toHaveCount(0);
    await expect(conflicts.getByTestId('conflict-missing')).toHaveText('Rows without a key: 4');
    await expect(conflicts.getByText('Key for row 4')).toBeVisible();
    // The key goes to data row 3 (Nokey), and record 1 is Ada2, the row kept.
    await page.getByTestId(`fix-key-${side}-3-input`).fill('3');
    await page.getByTestId(`fix-key-${side}-3`).click();
    await expect(page.getByTestId(`conflicts-${side}`)).toHaveCount(0);
  });
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`[${locale}] while keys conflict, the summary says what the comparison waits on and claims no change`, async ({ page }) => {
    await compareFiles(page, 'keys-duplicate-missing.csv', 'keys-duplicate.csv', locale);
    await expect(page.getByTestId('commit')).toBeDisabled();
    // Two conflicts in the new file (a row without a key, a repeated key), one in the baseline.
    await expect(page.getByTestId('summary-waiting')).toContainText(locale === 'en' ? 'The comparison waits on 3 key conflicts.' : '比较正在等待解决 3 处键冲突');
    for (const claim of ['summary-warn-none', 'commit-warn-none', 'class-chart', 'class-decisions', 'field-counts', 'change-list', 'review-bar', 'patterns-panel', 'summary-patterns']) {
      await expect(page.getByTestId(claim), claim).toHaveCount(0);
    }
    await page.getByTestId('keep-next-1').click();
    await page.getByTestId('keep-base-2').click();
    await expect(page.getByTestId('summary-waiting')).toContainText(locale === 'en' ? 'The comparison waits on 1 key conflict.' : '比较正在等待解决 1 处键冲突');
    await page.getByTestId('fix-key-next-3-input').fill('3');
    await page.getByTestId('fix-key-next-3').click();
    // Compared: the counts come back, and they are the change file's.
    await expect(page.getByTestId('summary-waiting')).toHaveCount(0);
    await expect(page.getByTestId('count-added')).toHaveAttribute('data-count', '1');
    const file = await changeFile(page);
    expect(file).toEqual({ insert: ['3'], update: [], delete: [] });
    await expect(page.getByTestId('summary-warn-none')).toBeVisible();
  });
}
