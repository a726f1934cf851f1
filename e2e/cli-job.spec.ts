import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, upload } from './fixtures';

const DIR = 'e2e/review';

test('a job saved on the page, replayed by crm-porter run, writes the changes the page exported', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, `${DIR}/contacts-new.xml`);
  await page.getByTestId('step-review').click();
  await page.getByTestId('baseline-file-input').setInputFiles(`test/fixtures/${DIR}/baseline.json`);
  await expect(page.getByTestId('baseline-summary')).toBeVisible();
  await page.getByTestId('import-mode').getByRole('radio', { name: /Make it match this file/ }).check();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await expect(page.getByTestId('count-added')).toHaveAttribute('data-count', '1');

  // What the page exports: the changes only, as JSON.
  await page.getByTestId('changes-format').selectOption('json');
  await page.getByTestId('changes-create').click();
  const [changes] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('changes-download').click(),
  ]);
  const pageBytes = readFileSync(await changes.path());
  expect(JSON.parse(pageBytes.toString('utf8')).length).toBeGreaterThan(0);

  // Save as job on the Export step.
  await page.getByTestId('step-export').click();
  const [jobFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('save-job').click(),
  ]);
  expect(jobFile.suggestedFilename()).toBe('crm-porter-job.json');
  const jobPath = await jobFile.path();
  const job = JSON.parse(readFileSync(jobPath, 'utf8'));
  expect(job.format).toBe('crm-porter/job');
  expect(job.version).toBe(2);
  expect(job.review.mode).toBe('mirror');
  expect(job.review.rules).toEqual({ default: 'if-not-empty', fields: [] });
  expect(job.review.key.columns).toEqual(['id']);

  // Replay it headless on the same files.
  const out = mkdtempSync(join(tmpdir(), 'crm-porter-e2e-'));
  try {
    const r = spawnSync(
      process.execPath,
      [
        'bin/crm-porter.mjs',
        'run',
        jobPath,
        '--new',
        `test/fixtures/${DIR}/contacts-new.xml`,
        '--baseline',
        `test/fixtures/${DIR}/baseline.json`,
        '--out-dir',
        out,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const name = `${job.output.baseName}-changes.json`;
    expect(readdirSync(out)).toContain(name);
    expect(readFileSync(join(out, name)).equals(pageBytes)).toBe(true);

    // The snapshot the command wrote goes into the page's History and is the next baseline.
    const snap = (ext: string) => join(out, `${job.output.baseName}-snapshot.${ext}`);
    await page.getByTestId('step-review').click();
    // One file alone is refused, naming the part that is missing.
    await page.getByTestId('snapshot-import-input').setInputFiles([snap('snapshot.json')]);
    await expect(page.getByTestId('review-error')).toContainText(
      `${job.output.baseName}-snapshot.ndjson`,
    );
    await expect(page.getByTestId('snapshot')).toHaveCount(0);
    await page
      .getByTestId('snapshot-import-input')
      .setInputFiles([snap('snapshot.json'), snap('ndjson'), snap('fingerprints')]);
    const description = JSON.parse(readFileSync(snap('snapshot.json'), 'utf8'));
    const imported = page.getByTestId('snapshot');
    await expect(imported).toHaveCount(1);
    await expect(page.getByTestId('review-error')).toHaveCount(0);
    await expect(imported.getByTestId('snapshot-rows')).toHaveAttribute(
      'data-rows',
      String(description.rowCount),
    );
    await expect(imported).toContainText('contacts-new.xml');
    // Compared with the snapshot of its own run, the same file has no changes left.
    await imported.getByTestId('snapshot-use').click();
    await expect(page.getByTestId('baseline-summary')).toBeVisible();
    await page.getByTestId('compare').click();
    await expect(page.getByTestId('review-summary')).toBeVisible();
    for (const kind of ['added', 'removed', 'modified'])
      await expect(page.getByTestId(`count-${kind}`)).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('count-unchanged')).toHaveAttribute(
      'data-count',
      String(description.rowCount),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
