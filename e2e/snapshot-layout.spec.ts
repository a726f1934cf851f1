import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { expect, test, upload } from './fixtures';

/**
 * A snapshot saved before snapshots were stored in parts (database version 1: the NDJSON as one
 * Blob in the record) is still listed and usable as a baseline after the app upgrades the
 * database; a new commit is stored in parts and reads back the same way.
 */

const COLUMNS = ['id', 'name', 'email', 'city'];
const RECORDS: (readonly string[])[] = [
  ['001', 'Ada Lovelace', 'ada@example.com', 'London'],
  ['002', 'Grace Hopper', 'grace@example.com', 'New York'],
  ['003', 'Alan Turing', 'alan@example.com', 'Manchester'],
  ['004', 'Katherine  Johnson', 'kj@example.com', 'Hampton'],
  ['005', 'Linus Torvalds', 'linus@example.com', 'Portland'],
];

/** Canonical form v1 (docs: core/diff/canonical-form.ts), fingerprinted as the app does. */
function fingerprints(): number[] {
  const out: number[] = [];
  for (const r of RECORDS) {
    const canonical = r.map((v) => `${Buffer.byteLength(v.normalize('NFC'))}:${v.normalize('NFC')}`).join('');
    out.push(...createHash('sha256').update(canonical, 'utf8').digest());
  }
  return out;
}

test('a snapshot stored in the old one-Blob layout is listed and used as a baseline after the upgrade; a new commit reads back', async ({ page }) => {
  const ndjson = RECORDS.map((r) => `${JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])))}\n`).join('');
  const record = {
    id: 'old-snapshot',
    createdAt: '2026-10-01T09:00:00.000Z',
    baselineName: 'september.csv',
    currentName: 'october.csv',
    rowCount: RECORDS.length,
    columns: COLUMNS,
    counts: { added: 5, removed: 0, modified: 0, unchanged: 0, cosmetic: 0, absent: 0 },
    digest: createHash('sha256').update(ndjson).digest('hex'),
    canonicalVersion: 1,
    fingerprintColumns: COLUMNS,
  };
  // Before any script of the app: the database as version 1 wrote it, with one snapshot.
  await page.addInitScript(
    ([meta, text, fp]) => {
      const open = indexedDB.open('crm-porter', 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        db.createObjectStore('session');
        db.createObjectStore('templates', { keyPath: 'id' });
        const store = db.createObjectStore('snapshots', { keyPath: 'id' });
        store.put({ ...meta, fingerprints: new Uint8Array(fp).buffer, data: new Blob([text], { type: 'application/x-ndjson' }) });
      };
      open.onsuccess = () => open.result.close();
      // A later navigation finds version 2 already: nothing to do.
      open.onerror = (e) => e.preventDefault();
    },
    [record, ndjson, fingerprints()] as const,
  );
  await page.goto('/');
  await upload(page, 'e2e/review/contacts-third.csv');
  await page.getByTestId('step-review').click();
  const old = page.getByTestId('snapshot').filter({ hasText: 'october.csv' });
  await expect(old.getByTestId('snapshot-rows')).toHaveAttribute('data-rows', '5');
  await old.getByTestId('snapshot-use').click();
  await expect(page.getByTestId('baseline-facts')).toHaveAttribute('data-rows', '5');
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  for (const [kind, n] of [['added', 1], ['modified', 2], ['unchanged', 2], ['absent', 1]] as const) {
    await expect(page.getByTestId(`count-${kind}`), kind).toHaveAttribute('data-count', String(n));
  }

  // A commit now is stored in parts; after a reload it is listed and compares as the data it holds.
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toContainText('6 rows');
  const digest = (await page.getByTestId('commit-digest').textContent()) ?? '';
  // The snapshot's SHA-256 ran in the engine's helper worker (docs/architecture.md, "Commit").
  expect(page.workers().map((w) => w.url()).some((url) => url.includes('digest.worker'))).toBe(true);
  await page.reload();
  await page.getByTestId('step-upload').click();
  await upload(page, 'e2e/review/contacts-third.csv');
  await page.getByTestId('step-review').click();
  const fresh = page.getByTestId('snapshot').filter({ hasText: 'contacts-third.csv' });
  await expect(fresh.getByTestId('snapshot-rows')).toHaveAttribute('data-rows', '6');
  await fresh.getByTestId('snapshot-use').click();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await expect(page.getByTestId('count-unchanged')).toHaveAttribute('data-count', '5');
  await expect(page.getByTestId('count-absent')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('count-modified')).toHaveAttribute('data-count', '0');
  // The stored parts are the bytes the commit digested.
  const bytes = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('crm-porter');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readonly');
    const all = await new Promise<{ id: string; parts?: number; data?: Blob; digest: string }[]>((resolve) => {
      const req = tx.objectStore('snapshots').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    const mine = all.find((s) => s.digest === id);
    const parts = await new Promise<Blob[]>((resolve) => {
      const req = tx.objectStore('snapshot-parts').getAll(IDBKeyRange.bound([mine?.['id'] ?? '', 0], [mine?.['id'] ?? '', Infinity]));
      req.onsuccess = () => resolve(req.result as Blob[]);
    });
    const storedFingerprints = await new Promise<unknown>((resolve) => {
      const req = tx.objectStore('snapshot-parts').get([mine?.['id'] ?? '', -1]);
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return {
      parts: mine?.parts,
      hasData: mine?.data !== undefined,
      text: await new Blob(parts).text(),
      fingerprints: storedFingerprints instanceof Blob ? storedFingerprints.size : null,
    };
  }, digest);
  // The fingerprints are stored as a Blob (no clone of them in the put), one per record.
  expect(bytes.fingerprints).toBe(6 * 32);
  expect(bytes.hasData).toBe(false);
  expect(bytes.parts).toBeGreaterThanOrEqual(1);
  expect(createHash('sha256').update(bytes.text, 'utf8').digest('hex')).toBe(digest);
  // The rows layout: the header line of column names, then a line a record.
  const lines = bytes.text.trimEnd().split('\n');
  expect(lines).toHaveLength(1 + 6);
  expect(lines[0]?.startsWith('[')).toBe(true);
});

/**
 * A ~72 MB CSV whose snapshot is ~75 MB (the rows layout: the long column names once, in its
 * header line): written in ~4 MB parts, which the digest helper keeps as Blobs of up to ~64 MB
 * (core/engine/part-groups.ts), so it is stored as two parts, the later ones written into
 * buffers the helper gave back. Given by path: Playwright sends bytes base64
 * through its protocol (~30 s for 45 MB). This size of upload is also the one whose read hung
 * in CI while the stream was read with a BYOB reader (docs/limits.md).
 */
const LONG_NAMES = ['customer_identifier_in_the_source_system', 'customer_full_name_as_written_in_the_source', 'customer_primary_email_address_for_contact', 'free_text_note_kept_with_the_customer_record'];
function writeLargeCsv(path: string, rows: number): void {
  const lines = [LONG_NAMES.join(',')];
  for (let i = 0; i < rows; i++) lines.push(`${i},Person ${i} Zoë,person.${i}@example.com,"said ""hi"" ${'n'.repeat(150 + (i % 50))}"`);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

test('a commit of many parts is stored as the bytes it digested, every record whole and in order', async ({ page }) => {
  test.setTimeout(180_000);
  const rows = 300_000;
  const file = test.info().outputPath('many-parts.csv');
  writeLargeCsv(file, rows);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('loaded-summary')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('step-review').click();
  const initial = page.getByTestId('initial-commit');
  await initial.getByTestId('commit-initial').click();
  await expect(initial.getByTestId('commit-done')).toBeVisible({ timeout: 120_000 });
  const digest = (await initial.getByTestId('commit-digest').textContent()) ?? '';
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  expect(page.workers().map((w) => w.url()).some((url) => url.includes('digest.worker'))).toBe(true);
  // Checked in the page: the bytes are not sent back through the protocol.
  const stored = await page.evaluate(async (sha) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('crm-porter');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readonly');
    const all = await new Promise<{ id: string; digest: string }[]>((resolve) => {
      const req = tx.objectStore('snapshots').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    const id = all.find((s) => s.digest === sha)?.id ?? '';
    const parts = await new Promise<Blob[]>((resolve) => {
      const req = tx.objectStore('snapshot-parts').getAll(IDBKeyRange.bound([id, 0], [id, Infinity]));
      req.onsuccess = () => resolve(req.result as Blob[]);
    });
    db.close();
    const bytes = await new Blob(parts).arrayBuffer();
    const hex = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
    // Each part ends at a record's end.
    const ends = await Promise.all(parts.map(async (p) => (await p.slice(p.size - 1).text()) === '\n'));
    // The rows layout: the header line of column names, then a JSON array of cells a record.
    const [header = '[]', ...lines] = new TextDecoder().decode(bytes).trimEnd().split('\n');
    const names = JSON.parse(header) as unknown[];
    // Every record whole, in order: a part written into a buffer still read, or read short, would show.
    let firstWrong = -1;
    for (let i = 0; i < lines.length && firstWrong < 0; i++) {
      const cells = JSON.parse(lines[i] as string) as unknown[];
      const values = cells.map(String);
      if (cells.length !== names.length) firstWrong = i;
      if (!(values.includes(String(i)) && values.some((v) => v.includes(`person.${i}@example.com`)))) firstWrong = i;
    }
    return { parts: parts.length, sha: hex, wholeParts: ends.every(Boolean), lines: lines.length, firstWrong };
  }, digest);
  expect(stored.parts).toBeGreaterThanOrEqual(2);
  expect(stored.sha).toBe(digest);
  expect(stored.wholeParts).toBe(true);
  expect(stored.lines).toBe(rows);
  expect(stored.firstWrong).toBe(-1);
});
