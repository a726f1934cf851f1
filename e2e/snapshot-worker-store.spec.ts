import { createHash } from 'node:crypto';
import { canonicalRecord } from '../src/core/diff/canonical-form';
import { formatBytes } from '../src/i18n/translate';
import { expect, test, upload } from './fixtures';

/**
 * A commit's snapshot is stored into IndexedDB by the engine worker itself (docs/architecture.md,
 * "Memory that ends"): no message from a worker to the page carries a Blob, the page writes
 * nothing into the snapshot stores, and yet the snapshot is there — whole, the bytes the commit
 * digested — after a reload, listed in History and usable as the next baseline. Its records'
 * fingerprints are added after the commit, in the background (docs/architecture.md, "Commit"):
 * the test waits for them, then checks each against the SHA-256 of its record's canonical form.
 */

declare global {
  interface Window {
    /** Blobs found in messages from workers to the page, and the page's own snapshot writes. */
    crmWatch: { blobs: number; messages: number; pagePuts: number };
  }
}

test('the worker stores a commit: no Blob reaches the page; commit → reload → History → baseline', async ({ page }) => {
  await page.addInitScript(() => {
    const watch = { blobs: 0, messages: 0, pagePuts: 0 };
    window.crmWatch = watch;
    /** Blobs in a message, looked for a few levels deep (a commit's result holds them at the top). */
    const blobsIn = (value: unknown, depth: number): number => {
      if (value instanceof Blob) return 1;
      if (depth === 0 || typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return 0;
      let n = 0;
      for (const v of Object.values(value)) n += blobsIn(v, depth - 1);
      return n;
    };
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event) => {
          watch.messages += 1;
          watch.blobs += blobsIn((event as MessageEvent).data, 4);
        });
      }
    };
    // The page's own writes into the snapshot stores (a worker's go through its own prototype).
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'snapshots' || this.name === 'snapshot-parts') watch.pagePuts += 1;
      return put.apply(this, args);
    };
  });
  await page.goto('/');
  await upload(page, 'e2e/review/contacts-new.xml');
  await page.getByTestId('step-review').click();
  await page.getByTestId('baseline-file-input').setInputFiles('test/fixtures/e2e/review/baseline.json');
  await expect(page.getByTestId('baseline-summary')).toBeVisible();
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('review-summary')).toBeVisible();
  const added = Number(await page.getByTestId('count-added').getAttribute('data-count'));
  expect(added).toBeGreaterThan(0);

  await page.getByTestId('commit').click();
  await expect(page.getByTestId('commit-done')).toBeVisible();
  const digest = (await page.getByTestId('commit-digest').textContent()) ?? '';
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  const watched = await page.evaluate(() => window.crmWatch);
  // The watch saw the engine's answers, none with a Blob; the page stored nothing itself.
  expect(watched.messages).toBeGreaterThan(0);
  expect(watched.blobs).toBe(0);
  expect(watched.pagePuts).toBe(0);
  const rows = Number(await page.getByTestId('snapshot').first().getByTestId('snapshot-rows').getAttribute('data-rows'));
  expect(rows).toBeGreaterThan(0);

  // Stored whole: the parts are the bytes the commit digested, one NDJSON record a row; the
  // fingerprints follow (background work), so the read is repeated until they are there.
  const readStored = () => page.evaluate(async (sha) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('crm-porter');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readonly');
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- this function runs in the page: it cannot reach the test's scope
    const ask = <T,>(req: IDBRequest) => new Promise<T>((resolve) => (req.onsuccess = () => resolve(req.result as T)));
    const all = await ask<{ id: string; digest: string; parts: number; size: number; fingerprintBytes: number }[]>(tx.objectStore('snapshots').getAll());
    const mine = all.find((s) => s.digest === sha);
    const id = mine?.id ?? '';
    const parts = await ask<Blob[]>(tx.objectStore('snapshot-parts').getAll(IDBKeyRange.bound([id, 0], [id, Infinity])));
    const fingerprints = await ask<unknown>(tx.objectStore('snapshot-parts').get([id, -1]));
    db.close();
    return {
      record: mine === undefined ? null : { parts: mine.parts, size: mine.size, fingerprintBytes: mine.fingerprintBytes },
      count: parts.length,
      text: await new Blob(parts).text(),
      fingerprints: fingerprints instanceof Blob ? [...new Uint8Array(await fingerprints.arrayBuffer())] : null,
    };
  }, digest);
  await expect.poll(async () => (await readStored()).fingerprints?.length ?? 0).toBe(rows * 32);
  const stored = await readStored();
  // History, listed again once they are stored (no reload), counts them in its size.
  await expect(page.getByTestId('snapshot').first().getByTestId('snapshot-rows')).toContainText(`· ${formatBytes('en', (stored.record?.size ?? 0) + rows * 32)}`);
  expect(stored.record).not.toBeNull();
  expect(stored.count).toBe(stored.record?.parts);
  expect(Buffer.byteLength(stored.text)).toBe(stored.record?.size);
  expect(createHash('sha256').update(stored.text, 'utf8').digest('hex')).toBe(digest);
  // The rows layout: the header line of column names, then a line a record.
  expect(stored.text.trimEnd().split('\n')).toHaveLength(1 + rows);
  expect(stored.record?.fingerprintBytes).toBe(rows * 32);
  // Each record's fingerprint is the SHA-256 of its canonical form (cells in column order).
  const records = stored.text.trimEnd().split('\n').slice(1).map((line) => JSON.parse(line) as (string | null)[]);
  const fingerprints = Buffer.from(stored.fingerprints ?? []);
  records.forEach((cells, r) => {
    expect(fingerprints.subarray(r * 32, r * 32 + 32).toString('hex')).toBe(createHash('sha256').update(canonicalRecord(cells)).digest('hex'));
  });

  // After a reload, History lists it; as the baseline of the same data, nothing is new.
  const snapshot = page.getByTestId('snapshot').filter({ hasText: 'contacts-new.xml' });
  /** Reloads, uploads the same data, compares it with the snapshot; returns the unchanged count. */
  const compareAfterReload = async () => {
    await page.reload();
    await upload(page, 'e2e/review/contacts-new.xml');
    await page.getByTestId('step-review').click();
    await expect(snapshot.getByTestId('snapshot-rows')).toHaveAttribute('data-rows', String(rows));
    await snapshot.getByTestId('snapshot-use').click();
    await expect(page.getByTestId('baseline-facts')).toHaveAttribute('data-rows', String(rows));
    await page.getByTestId('compare').click();
    await expect(page.getByTestId('review-summary')).toBeVisible();
    await expect(page.getByTestId('count-added')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('count-modified')).toHaveAttribute('data-count', '0');
    return page.getByTestId('count-unchanged').getAttribute('data-count');
  };
  const unchanged = await compareAfterReload();
  expect(Number(unchanged)).toBeGreaterThan(0);
  // History's size counts the fingerprints once they are stored: the worker wrote their size
  // into the record with them.
  const size = stored.record?.size ?? 0;
  await expect(snapshot.getByTestId('snapshot-rows')).toContainText(`· ${formatBytes('en', size + rows * 32)}`);

  // Without its fingerprints (a page closed before they were added), the snapshot is still
  // listed whole, read as a snapshot, and compares the same.
  await page.evaluate(async (sha) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('crm-porter');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['snapshots', 'snapshot-parts'], 'readwrite');
    const all = await new Promise<{ id: string; digest: string }[]>((resolve) => {
      const req = tx.objectStore('snapshots').getAll();
      req.onsuccess = () => resolve(req.result as { id: string; digest: string }[]);
    });
    const id = all.find((s) => s.digest === sha)?.id ?? '';
    // The record still counts them, as one written before 29 Nov 2026 did from the start:
    // History lists what is there.
    tx.objectStore('snapshot-parts').delete([id, -1]);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, digest);
  expect((await readStored()).fingerprints).toBeNull();
  expect(await compareAfterReload()).toBe(unchanged);
  await expect(snapshot.getByTestId('snapshot-rows')).toContainText(`· ${formatBytes('en', size)}`);
});
