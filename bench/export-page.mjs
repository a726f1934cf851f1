// The Export step in the built app (Chromium): a generated contacts CSV is uploaded, then each
// format is exported from the data as read (click → result on screen: the writer, the Blob and
// the SHA-256), beside a bare `Papa.unparse` of the same rows in the same page (the reference).
// Figures only; the downloaded bytes' SHA-256 is checked against the page's.
//
//   npx vite build && node bench/export-page.mjs --rows=100000 [--formats=csv,json,ndjson,xml]
//
// `--repeat=N` exports each format N times (and unparses N times) and reports the medians.
// A million rows: under the machine-wide bench lock. EXPORT_PAGE_DIST serves another build (an
// earlier one, for before/after figures).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { preview, runnerImport } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import { freePort } from '../scripts/free-port.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rows = Number(arg('rows', '100000'));
const formats = arg('formats', 'csv,json,ndjson,xml').split(',');
const repeat = Number(arg('repeat', '1'));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const TIMEOUT = 600_000;

const { module: fake } = await runnerImport(resolve(root, 'test/support/fake-crm.ts'), { configFile: false, logLevel: 'error' });
const dir = mkdtempSync(join(tmpdir(), 'crm-porter-export-page-'));
const path = join(dir, 'contacts.csv');
writeFileSync(path, fake.contactsToCsv(fake.iterateContacts(rows, 42, { columns: fake.ALL_CONTACT_COLUMNS, notesRate: 0.05 })));
const executablePath = await findChromium();
const port = await freePort();
const outDir = resolve(root, process.env.EXPORT_PAGE_DIST ?? 'dist');
const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const url = server.resolvedUrls.local[0];
  // The reference in a blank page of the same origin (the app's policy allows no inline script).
  const blank = await browser.newPage();
  await blank.route(`${url}__papa.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><input type="file" id="f">' }));
  await blank.goto(`${url}__papa.html`);
  await blank.addScriptTag({ content: readFileSync(resolve(root, 'node_modules/papaparse/papaparse.min.js'), 'utf8') });
  // The file chosen in the page, as a user would, not passed to it: a million rows' text as an
  // argument of `evaluate` (or a routed response) closed the page.
  await blank.locator('#f').setInputFiles(path);
  const papa = await blank.evaluate(async ({ times: n }) => {
    const text = await /** @type {HTMLInputElement} */ (document.getElementById('f')).files[0].text();
    const parsed = /** @type {any} */ (window).Papa.parse(text, { skipEmptyLines: true });
    const times = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      /** @type {any} */ (window).Papa.unparse(parsed.data);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[times.length >> 1];
  }, { times: repeat });
  await blank.close();
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(url);
  await page.getByTestId('file-input').setInputFiles(path);
  await page.getByTestId('loaded-summary').waitFor({ timeout: TIMEOUT });
  await page.getByTestId('step-export').click({ timeout: TIMEOUT });
  const lines = [];
  for (const format of formats) {
    await page.getByTestId('export-format').selectOption(format);
    const times = [];
    for (let i = 0; i < repeat; i++) {
      // Timed in the page, from the click to the moment a new result is in the page (a
      // MutationObserver), not by Playwright's waits, which look again only every 500 ms.
      const from = await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        const old = document.querySelector('[data-testid="export-result"]');
        w.crmResultAt = null;
        const observer = new MutationObserver(() => {
          const now = document.querySelector('[data-testid="export-result"]');
          if (now !== null && now !== old) {
            w.crmResultAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { subtree: true, childList: true });
        return performance.now();
      });
      await page.getByTestId('export-create').click();
      await page.waitForFunction(() => /** @type {any} */ (window).crmResultAt !== null, null, { timeout: TIMEOUT, polling: 100 });
      times.push((await page.evaluate(() => /** @type {any} */ (window).crmResultAt)) - from);
    }
    const ms = median(times);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.getByTestId('export-download').click()]);
    const bytes = readFileSync(await download.path());
    const shown = (await page.getByTestId('export-sha256').textContent())?.trim();
    const ok = createHash('sha256').update(bytes).digest('hex') === shown;
    lines.push(`  export ${format.padEnd(6)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(ms / papa).toFixed(2)}× Papa.unparse  ${(bytes.length / 1e6).toFixed(0)} MB  SHA-256 ${ok ? 'matches' : 'DIFFERS'}`);
  }
  console.log(`Export in the page (${outDir === resolve(root, 'dist') ? 'dist' : outDir}), ${rows} rows, median of ${repeat}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`  Papa.unparse (reference) ${(papa / 1000).toFixed(2)} s`);
  for (const l of lines) console.log(l);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
