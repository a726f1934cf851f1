// Part b: the same core reader inside real Chromium, plus the app-level "first rows on screen
// after drop" measure against the built app. Never downloads a browser: Debian's Chromium only.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer, preview } from 'vite';
import { median, printTable } from './lib/measure.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  // Unrounded performance.memory, window.gc(), and measureUserAgentSpecificMemory without its ~20 s delay.
  '--enable-precise-memory-info', '--js-flags=--expose-gc', '--enable-blink-features=ForceEagerMeasureMemory'];
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const message = (err) => String(err?.message ?? err).split('\n')[0];

export async function runBrowser({ root, sizes, appLoad = true }) {
  if (!existsSync(CHROMIUM)) {
    console.log(`\nChromium: skipped: ${CHROMIUM} not found`);
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    await benchCoreInPage(browser, root, sizes);
    if (appLoad) await benchAppLoad(browser, root, sizes);
  } finally {
    await browser.close();
  }
}

async function benchCoreInPage(browser, root, sizes) {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    // Cross-origin isolation unlocks performance.measureUserAgentSpecificMemory().
    server: { port: 0, host: '127.0.0.1', hmr: false, headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
    // Pre-bundle up front: discovering a dependency mid-run would reload the page.
    optimizeDeps: { entries: ['bench/browser/index.html'], include: ['papaparse', 'fast-xml-parser'] },
  });
  await server.listen();
  const page = await browser.newPage();
  try {
    await page.goto(`${server.resolvedUrls.local[0]}bench/browser/index.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    for (const n of sizes) {
      const runs = n >= 1e6 ? 3 : 9;
      const r = await page.evaluate(([rows, k]) => window.runCsvBench(rows, k), [n, runs]);
      // Each case against the reference reading the same input (the text, or the Blob).
      const refOf = (c) => median(r.cases[c.ref ?? 0].times);
      const rows = r.cases.map((c) =>
        c.skipped ? { name: c.name, bytes: r.bytes, skipped: c.skipped } : { name: c.name, bytes: r.bytes, ms: median(c.times), ratio: median(c.times) / refOf(c), peakHeap: c.peakHeap, peakRss: null },
      );
      const notes = [
        `generated in page in ${r.generateMs.toFixed(0)} ms; peak heap = performance.memory.usedJSHeapSize growth (page thread)`,
        'ratios: readCsv against Papa.parse of the text; readCsvBlob against Papa.parse of the same Blob (UTF-8 bytes, both decode)',
      ];
      notes.push(r.uaMemory === null ? 'measureUserAgentSpecificMemory: unavailable' : `measureUserAgentSpecificMemory with one readCsv result alive: ${(r.uaMemory / 1e6).toFixed(1)} MB`);
      printTable(`Chromium — CSV read in page, ${label(n)} rows × 10 columns (median of ${runs})`, rows, notes);
    }
  } catch (err) {
    console.log(`\nChromium core bench: failed: ${message(err)}`);
  } finally {
    await page.close();
    await server.close();
  }
}

/**
 * Heap of the page plus each dedicated worker. Playwright has no CDP session for workers, so
 * they are reached from the browser session: attach (non-flat) and send Runtime.getHeapUsage.
 */
async function createHeapProbe(browser, page) {
  const pageCdp = await page.context().newCDPSession(page);
  await pageCdp.send('Performance.enable');
  const cdp = await browser.newBrowserCDPSession();
  const sessions = new Map();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    pending.get(m.id)?.(m.result);
  });
  // A worker busy parsing answers only when it yields; don't let it stall the page samples.
  const askWorker = (sessionId) =>
    new Promise((settle) => {
      const id = nextId++;
      const done = (result) => {
        pending.delete(id);
        settle(result);
      };
      pending.set(id, done);
      setTimeout(() => done(null), 1000);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => done(null));
    });
  return {
    async read() {
      const { metrics } = await pageCdp.send('Performance.getMetrics');
      let total = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      const { targetInfos } = await cdp.send('Target.getTargets');
      const workers = targetInfos.filter((t) => t.type === 'worker');
      for (const w of workers) {
        if (!sessions.has(w.targetId)) {
          const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: w.targetId, flatten: false });
          sessions.set(w.targetId, sessionId);
        }
        total += (await askWorker(sessions.get(w.targetId)))?.usedSize ?? 0;
      }
      return { total, workers: workers.length };
    },
    close: () => Promise.all([pageCdp.detach(), cdp.detach()]),
  };
}

async function benchAppLoad(browser, root, sizes) {
  const title = 'App — first rows on screen after drop (built app, vite preview)';
  if (!existsSync(resolve(root, 'dist/index.html'))) {
    console.log(`\n${title}: skipped: dist/index.html not found (run \`npx vite build\` first)`);
    return;
  }
  const server = await preview({ root, logLevel: 'error', preview: { port: 0, strictPort: false, host: '127.0.0.1' } });
  const url = server.resolvedUrls.local[0];
  const dir = mkdtempSync(join(tmpdir(), 'crm-porter-bench-'));
  const { runnerImport } = await import('vite');
  const { module: fake } = await runnerImport(resolve(root, 'test/support/fake-crm.ts'), { configFile: false, logLevel: 'error' });
  const rows = [];
  const notes = [];
  try {
    for (const n of sizes) {
      const csv = Buffer.from(fake.contactsToCsv(fake.iterateContacts(n, 42)));
      const name = `contacts-${label(n)}.csv`;
      // Always through a temp file: Playwright refuses buffers over 50 MB, and a buffer is
      // injected into the page by script, which would show up as the page's own long task.
      const files = join(dir, name);
      writeFileSync(files, csv);
      const runs = 3;
      const times = { ready: [], first: [] };
      let peak = 0;
      let workerNote = 0;
      let shown = null;
      let longest = 0;
      try {
        for (let i = 0; i < runs; i++) {
          const page = await browser.newPage();
          try {
            await page.goto(url);
            const input = page.locator('input[data-testid="file-input"]');
            await input.waitFor({ state: 'attached', timeout: 15_000 });
            const probe = await createHeapProbe(browser, page);
            const state = { sampling: true };
            const sampler = (async () => {
              while (state.sampling) {
                const h = await probe.read().catch(() => null);
                if (h) {
                  peak = Math.max(peak, h.total);
                  workerNote = Math.max(h.workers, workerNote);
                }
                await new Promise((r) => setTimeout(r, 100));
              }
            })();
            const loaded = page.locator('[data-testid="loaded-summary"]');
            // Long main-thread tasks while the file loads (the page must stay responsive).
            await page.evaluate(() => {
              const w = /** @type {any} */ (window);
              w.crmLongTasks = [];
              new PerformanceObserver((list) => {
                for (const e of list.getEntries()) w.crmLongTasks.push(e.duration);
              }).observe({ type: 'longtask', buffered: false });
            });
            await input.setInputFiles(files);
            await loaded.waitFor({ timeout: 300_000 });
            // Timed inside the page from the moment the file input fires (performance marks set
            // by the app), so Playwright's transfer of the file into the page is not counted.
            const marks = await page.evaluate(() =>
              Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
            );
            const chosen = marks['crm:file-chosen'];
            times.first.push(marks['crm:first-rows'] - chosen);
            times.ready.push(marks['crm:loaded'] - chosen);
            longest = Math.max(longest, await page.evaluate(() => Math.max(0, .../** @type {any} */ (window).crmLongTasks)));
            await page.locator('[data-testid="nav-next"]').click();
            const count = page.locator('[data-testid="row-count"][data-final="true"]');
            await count.waitFor({ timeout: 300_000 });
            await page.locator('[data-testid="grid-row"]').first().waitFor({ timeout: 60_000 });
            shown = await count.getAttribute('data-rows');
            state.sampling = false;
            await sampler;
            await probe.close();
          } finally {
            await page.close();
          }
        }
        const row = (what, ms, peakHeap = null) => ({ name: `${what}, ${label(n)}`, bytes: csv.byteLength, ms: median(ms), peakHeap, peakRss: null });
        rows.push(row('first rows on screen', times.first), row('whole file loaded', times.ready, peak));
        notes.push(`${label(n)}: row-count data-rows=${shown} when final; heap includes up to ${workerNote} worker(s); longest main-thread task during load ${Math.round(longest)} ms`);
      } catch (err) {
        rows.push({ name: `app load, ${label(n)}`, bytes: csv.byteLength, skipped: message(err) });
      }
    }
    printTable(`${title} (median of 3)`, rows, [
      'Times from the file input\'s change event to the app\'s performance marks (first rows painted; load complete).',
      'Peak heap: page JSHeapUsedSize (CDP Performance.getMetrics) + each worker\'s Runtime.getHeapUsage, sampled every 100 ms.',
      ...notes,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

// On its own: `node bench/browser-core.mjs [ROWS…] [--core-only]` (the CSV read in the page
// against Papa.parse, then, unless --core-only, the built app's first rows and whole load).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const sizes = args.filter((a) => !a.startsWith('--')).map(Number);
  await runBrowser({ root: fileURLToPath(new URL('..', import.meta.url)), sizes: sizes.length > 0 ? sizes : [100_000, 1_000_000], appLoad: !args.includes('--core-only') });
  process.exit(0);
}
