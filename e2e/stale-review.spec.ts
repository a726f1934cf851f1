import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, savedSession, test, upload } from './fixtures';

// A comparison made before an edit must never reach a file or a snapshot: going back to
// Validate after a diff makes the review stale, and the page says so (docs/architecture.md,
// "Stages and versions").

const HEADER = 'Contact ID,First Name,Last Name,Email';
/** This month: Bob has a new email, Eve is new. */
const CURRENT = [
  HEADER,
  '001,Ada,Lovelace,ada@example.com',
  '002,Bob,Builder,bob@example.com',
  '003,Eve,Adams,eve@example.com',
].join('\r\n');
/** Last month, same headers: the same mapping is applied to it. */
const BASELINE = [
  HEADER,
  '001,Ada,Lovelace,ada@example.com',
  '002,Bob,Builder,bob@old.example.com',
].join('\r\n');
const NEW_EMAIL = 'bob@new.example.com';

const count = (page: Page, kind: string) => page.getByTestId(`count-${kind}`);
const emailCell = (page: Page, value: string) =>
  page.locator('[data-testid="vcell"][data-field="email"]').filter({ hasText: value });

async function downloaded(page: Page, button: string, sha256: string): Promise<string> {
  const [file]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(button).click(),
  ]);
  const bytes = readFileSync(await file.path());
  await expect(page.getByTestId(sha256)).toHaveText(
    createHash('sha256').update(bytes).digest('hex'),
  );
  return bytes.toString('utf8');
}

/** Current file mapped, the baseline loaded and compared on the external id. */
async function mappedAndCompared(page: Page) {
  await page.goto('/');
  await upload(page, { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CURRENT) });
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-table')).toBeVisible();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  await page.getByTestId('step-review').click();
  await compareWithBaseline(page);
}

async function compareWithBaseline(page: Page) {
  await page.getByTestId('baseline-file-input').setInputFiles({
    name: 'last-month.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BASELINE),
  });
  await expect(page.getByTestId('baseline-summary')).toBeVisible();
  await expect(page.getByTestId('baseline-mapped')).toBeVisible();
  for (const key of await page.getByTestId('key-columns').locator('input:checked').all())
    await key.uncheck();
  await page.getByTestId('key-external_id').check();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
}

async function editEmail(page: Page, from: string, to: string) {
  await emailCell(page, from).dblclick();
  await page.getByTestId('cell-editor').fill(to);
  await page.getByTestId('cell-editor').press('Enter');
  await expect(emailCell(page, to)).toHaveCount(1);
}

test('edit and delete after a diff: Review says it is stale, compares again, commits once, and the files hold the new data', async ({
  page,
}) => {
  await mappedAndCompared(page);
  await expect(count(page, 'modified')).toHaveAttribute('data-count', '1');
  await expect(count(page, 'added')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('review-stale')).toHaveCount(0);
  // The comparison's dataset digests, computed after it is shown.
  const digest = await page.getByTestId('digest-next').textContent();
  expect(digest).toMatch(/^[0-9a-f]{64}$/);

  // Back to Validate: Bob's email changes, Eve's row goes.
  await page.getByTestId('step-validate').click();
  await editEmail(page, 'bob@example.com', NEW_EMAIL);
  const eve = page.getByTestId('vrow').filter({ has: emailCell(page, 'eve@example.com') });
  await eve.getByTestId('select-row').check();
  await page.getByTestId('delete-selected').click();
  await expect(page.getByTestId('validate-row-count')).toHaveAttribute('data-rows', '2');

  // Review: the old comparison is named stale, nothing of it can be committed or exported.
  await page.getByTestId('step-review').click();
  const stale = page.getByTestId('review-stale');
  await expect(stale).toBeVisible();
  await expect(stale).toContainText('edited or rows deleted');
  await expect(page.getByTestId('commit')).toBeDisabled();
  await expect(page.getByTestId('changes-create')).toHaveCount(0);
  // The digests done describe that comparison: still shown, none asked for again.
  await expect(page.getByTestId('digest-next')).toHaveText(digest ?? '');

  await page.getByTestId('compare-again').click();
  await expect(stale).toHaveCount(0);
  await expect(count(page, 'modified')).toHaveAttribute('data-count', '1');
  await expect(count(page, 'added')).toHaveAttribute('data-count', '0');
  await expect(count(page, 'unchanged')).toHaveAttribute('data-count', '1');

  // A double click commits once: one snapshot in History, and Commit stays off.
  await page.getByTestId('commit').dblclick();
  await expect(page.getByTestId('commit-done')).toContainText('2 rows');
  await expect(page.getByTestId('commit')).toBeDisabled();
  await expect(page.getByTestId('snapshot')).toHaveCount(1);

  // The change set: Bob's new email, no insert for Eve.
  await page.getByTestId('changes-format').selectOption('json');
  await page.getByTestId('changes-create').click();
  const ops = JSON.parse(await downloaded(page, 'changes-download', 'changes-sha256')) as {
    op: string;
    key: string;
    fields?: Record<string, unknown>;
  }[];
  expect(ops).toEqual([
    {
      op: 'update',
      key: '002',
      fields: { email: NEW_EMAIL },
      old: { email: 'bob@old.example.com' },
    },
  ]);

  // Full data: the merged records, with the new email and without Eve.
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-format').selectOption('ndjson');
  await page.getByTestId('export-create').click();
  const records = (await downloaded(page, 'export-download', 'export-sha256'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string>);
  expect(records.map((r) => [r['external_id'], r['email']])).toEqual([
    ['001', 'ada@example.com'],
    ['002', NEW_EMAIL],
  ]);
  await expect(page.getByTestId('export-source')).toHaveText('The merged dataset from your last commit is written (2 records).');

  // An edit after the commit reaches Export too: the merge is made again from the current data,
  // and the page says so (not "from your last commit" alone: History keeps the commit as it was).
  await page.getByTestId('step-validate').click();
  await editEmail(page, 'ada@example.com', 'ada@new.example.com');
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-source')).toContainText('with the edits you made in Validate since');
  await page.getByTestId('export-format').selectOption('ndjson');
  await page.getByTestId('export-create').click();
  const after = (await downloaded(page, 'export-download', 'export-sha256'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string>);
  expect(after.map((r) => [r['external_id'], r['email']])).toEqual([
    ['001', 'ada@new.example.com'],
    ['002', NEW_EMAIL],
  ]);
  // History still holds the one snapshot that was committed.
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('review-stale')).toBeVisible();
  await expect(page.getByTestId('snapshot')).toHaveCount(1);
});

test('a reload after an edit made post-diff: the edit is restored, the old comparison is not, and the new one commits the edit', async ({
  page,
}) => {
  await mappedAndCompared(page);
  await expect(count(page, 'modified')).toHaveAttribute('data-count', '1');
  await page.getByTestId('step-validate').click();
  await editEmail(page, 'bob@example.com', NEW_EMAIL);

  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-validate').click();
  await expect(emailCell(page, NEW_EMAIL)).toHaveCount(1);

  // The baseline and the diff lived in the engine that the reload ended: nothing stale is shown.
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('baseline-summary')).toHaveCount(0);
  await expect(page.getByTestId('review-summary')).toHaveCount(0);
  await compareWithBaseline(page);
  await expect(page.getByTestId('review-stale')).toHaveCount(0);
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toContainText('3 rows');
  await expect(page.getByTestId('snapshot')).toHaveCount(1);

  await page.getByTestId('changes-format').selectOption('json');
  await page.getByTestId('changes-create').click();
  const ops = JSON.parse(await downloaded(page, 'changes-download', 'changes-sha256')) as {
    op: string;
    key: string;
  }[];
  expect(ops.map((o) => [o.op, o.key])).toEqual([
    ['update', '002'],
    ['insert', '003'],
  ]);
  expect(ops[0]).toEqual({
    op: 'update',
    key: '002',
    fields: { email: NEW_EMAIL },
    old: { email: 'bob@old.example.com' },
  });
});

test('after a commit, the mapping applied again: Export says the commit cannot be written and writes nothing until compared again', async ({ page }) => {
  await mappedAndCompared(page);
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-source')).toContainText('merged dataset from your last commit');
  await expect(page.getByTestId('export-commit-remapped')).toHaveCount(0);

  await page.getByTestId('step-map').click();
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-commit-remapped')).toContainText('choose Compare again, then commit');
  await expect(page.getByTestId('export-headline')).toHaveCount(0);
  // Nothing on the page still says the commit's merged data is written.
  await expect(page.getByTestId('export-source')).toBeHidden();
  await expect(page.getByTestId('export-create')).toBeDisabled();

  await page.getByTestId('step-review').click();
  await page.getByTestId('compare-again').first().click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-commit-remapped')).toHaveCount(0);
  await expect(page.getByTestId('export-headline')).toHaveText('3 records will be written.');
  await page.getByTestId('export-create').click();
  const csv = await downloaded(page, 'export-download', 'export-sha256');
  expect(csv.trim().split(/\r?\n/)).toHaveLength(1 + 3);
});

test('a reload after a commit: Export says the commit is not what it writes, writes the current data, and a new commit ends the notice', async ({ page }) => {
  await mappedAndCompared(page);
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-commit-not-restored')).toHaveCount(0);
  // Reload once the session remembers the commit.
  await expect.poll(async () => (await savedSession(page))?.extra['commit'] !== undefined).toBe(true);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-commit-not-restored')).toContainText('The page was reloaded after your last commit (3 records)');
  await expect(page.getByTestId('export-source')).toContainText('mapped CRM fields');
  // What is written is the current data: this month's file as mapped.
  await page.getByTestId('export-create').click();
  const lines = (await downloaded(page, 'export-download', 'export-sha256')).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['001', '002', '003']);
  expect(lines.join('\n')).toContain('bob@example.com');
  // Compared and committed again: the notice is gone, Export writes the new merge.
  await page.getByTestId('step-review').click();
  await compareWithBaseline(page);
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-commit-not-restored')).toHaveCount(0);
  await expect(page.getByTestId('export-source')).toContainText('merged dataset from your last commit');
});

/** Mapped, compared and committed, the commit saved with the session, then the page reloaded: Export names the commit the reload did not bring back. */
async function committedThenReloaded(page: Page): Promise<void> {
  await mappedAndCompared(page);
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  await expect.poll(async () => (await savedSession(page))?.extra['commit'] !== undefined).toBe(true);
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-commit-not-restored')).toBeVisible();
}

test('a reload after a commit, then a comparison not committed: Export no longer says the reload lost the comparison, as without a reload', async ({ page }) => {
  await committedThenReloaded(page);
  // Compared again, not committed: a comparison is on screen, so "not the comparison" would be
  // wrong. Export writes the current data, as it does after a comparison without a reload.
  await page.getByTestId('step-review').click();
  await compareWithBaseline(page);
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-headline')).toBeVisible();
  await expect(page.getByTestId('export-commit-not-restored')).toHaveCount(0);
  await expect(page.getByTestId('export-source')).toContainText('mapped CRM fields');
  await page.getByTestId('export-create').click();
  const lines = (await downloaded(page, 'export-download', 'export-sha256')).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['001', '002', '003']);
  expect(lines.join('\n')).toContain('bob@example.com');
});

test('the commit made before a reload, deleted from History, is no longer named on Export, nor after another reload', async ({ page }) => {
  await committedThenReloaded(page);
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('snapshot')).toHaveCount(1);
  await page.getByTestId('snapshot-delete').click();
  await page.getByTestId('snapshot-delete-confirm').click();
  await expect(page.getByTestId('snapshot')).toHaveCount(0);
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-headline')).toBeVisible();
  await expect(page.getByTestId('export-commit-not-restored')).toHaveCount(0);
  await expect.poll(async () => (await savedSession(page))?.extra['commit'] ?? null).toBeNull();
  await page.reload();
  await expect(page.getByTestId('restored')).toBeVisible();
  await page.getByTestId('step-export').click();
  await expect(page.getByTestId('export-headline')).toBeVisible();
  await expect(page.getByTestId('export-commit-not-restored')).toHaveCount(0);
});
