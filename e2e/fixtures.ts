import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every e2e test fails on a console error or an uncaught page error, and on any request that
 * leaves the app's origin (the privacy promise: no file, no analytics, no fonts from elsewhere).
 */
export const test = base.extend<{ guard: void; allowedConsoleErrors: RegExp[] }>({
  // A test that provokes an error on purpose names the messages it expects.
  allowedConsoleErrors: [[], { option: true }],
  guard: [
    async ({ page, context, baseURL, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      const foreign: string[] = [];
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        if (!allowedConsoleErrors.some((re) => re.test(m.text()))) errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      context.on('request', (r) => {
        const url = r.url();
        if (
          !url.startsWith(baseURL ?? '') &&
          !url.startsWith('blob:') &&
          !url.startsWith('data:')
        ) {
          foreign.push(url);
        }
      });
      await use();
      expect(errors, 'console errors').toEqual([]);
      expect(foreign, 'requests that left the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures');

/** Sets a file on the upload step's file input and waits until it is read. */
export async function upload(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
) {
  const input = page.getByTestId('file-input');
  await input.setInputFiles(typeof file === 'string' ? join(FIXTURES, file) : file);
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
}

/**
 * Writes `rows` plain `id,name,email` records into the test's output folder and returns its
 * path: a file large enough that its read is still under way when the test acts on it. A CSV,
 * or NDJSON when the name ends in `.ndjson` (a file read whole, not streamed).
 */
export function writeRecordsFile(name: string, rows: number): string {
  const ndjson = name.endsWith('.ndjson');
  const lines: string[] = ndjson ? [] : ['id,name,email'];
  for (let i = 0; i < rows; i++) {
    lines.push(ndjson ? `{"id":${i},"name":"Person ${i}","email":"person.${i}@example.com"}` : `${i},Person ${i},person.${i}@example.com`);
  }
  const path = base.info().outputPath(name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export function fixtureBytes(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

/** Text of the head table's cell at (row, column), both 0-based, row 0 = first data row. */
export function headCell(page: Page, row: number, column: number) {
  return page.getByTestId('head-row').nth(row).locator('td').nth(column);
}

/** Goes to the preview step and returns the grid's data cell locator helper. */
export async function openPreview(page: Page) {
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('grid')).toBeVisible();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
}

export function gridCell(page: Page, row: number, column: number) {
  return page.getByTestId('grid-row').nth(row).getByRole('gridcell').nth(column);
}

/** The session the app keeps for a reload, as stored, without the file itself. */
export interface SavedSessionView {
  readonly fileName: string;
  readonly settings: Record<string, unknown>;
  readonly extra: Record<string, unknown>;
}

/**
 * Reads the session the app saved for a reload (IndexedDB `crm-porter`, store `session`, key
 * `current`); null when there is none. Saving happens after the screen updates, so a test that
 * reloads polls this for what it expects first (`expect.poll`) instead of sleeping.
 */
export function savedSession(page: Page): Promise<SavedSessionView | null> {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it without the app's stores.
    if (!(await indexedDB.databases()).some((d) => d.name === 'crm-porter')) return null;
    return new Promise<SavedSessionView | null>((resolve, reject) => {
      const open = indexedDB.open('crm-porter');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('session')) {
          db.close();
          resolve(null);
          return;
        }
        const get = db.transaction('session').objectStore('session').get('current');
        get.onerror = () => {
          db.close();
          reject(get.error);
        };
        get.onsuccess = () => {
          db.close();
          const v = get.result as SavedSessionView | undefined;
          resolve(v ? { fileName: v.fileName, settings: v.settings, extra: v.extra } : null);
        };
      };
    });
  });
}
