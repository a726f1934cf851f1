// Validation inside real Chromium: a Vite-served page (bench/browser-validate/) imports the core
// and times DatasetEngine.applyMapping per phase on generated contacts, plus mapping
// suggestions for a 200-column file. Figures only. Debian's Chromium only, never downloaded.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { median } from './lib/measure.mjs';
import { printValidation } from './validate-node.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  // Unrounded performance.memory and window.gc().
  '--enable-precise-memory-info', '--js-flags=--expose-gc --max-old-space-size=8192'];
const message = (err) => String(err?.message ?? err).split('\n')[0];

export async function runBrowserValidate({ root, sizes }) {
  if (!existsSync(CHROMIUM)) {
    console.log(`\nChromium validation: skipped: ${CHROMIUM} not found`);
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', hmr: false },
    optimizeDeps: { entries: ['bench/browser-validate/index.html'], include: ['libphonenumber-js'] },
  });
  await server.listen();
  const page = await browser.newPage();
  try {
    await page.goto(`${server.resolvedUrls.local[0]}bench/browser-validate/index.html`);
    await page.waitForFunction(() => window.validateBenchReady === true, null, { timeout: 60_000 });
    const results = [];
    const notes = [];
    for (const n of sizes) {
      for (const set of ['clean', 'messy']) {
        try {
          const r = await page.evaluate(([rows, s, k]) => window.runValidateBench(rows, s, k), [n, set, 3]);
          const pick = (key) => median(r.runs.map((x) => x[key]));
          const heaps = r.runs.map((x) => x.peakHeap).filter((x) => x !== null);
          results.push({ set, rows: n, total: pick('total'), map: pick('map'), validate: pick('validate'), peakHeap: heaps.length ? Math.max(...heaps) : null,
            errors: r.errors, warnings: r.warnings, rowsWithErrors: r.rowsWithErrors });
          notes.push(`${set} ${n}: read (open) ${r.readMs.toFixed(0)} ms, longest time between progress callbacks ${Math.max(...r.runs.map((x) => x.longestSlice)).toFixed(0)} ms`);
        } catch (err) {
          results.push({ set, rows: n, skipped: message(err) });
        }
      }
    }
    printValidation('Chromium — validation in page: applyMapping, 10 mapped fields (median of 3)', results, [
      'Runs on the page thread (the app runs it in the worker): same engine, same code.',
      'peak heap: growth of performance.memory.usedJSHeapSize (--enable-precise-memory-info) over a post-GC baseline, sampled in progress callbacks.',
      ...notes,
    ]);
    const s = await page.evaluate(() => window.runSuggestBench(5));
    console.log('\nChromium — mapping suggestions, 200 columns × 200 sample rows (median of 5)');
    console.log(`  proposeMapping (suggestMapping + examples): ${median(s.times).toFixed(1)} ms; ${s.mapped} of 200 columns got a field`);
  } catch (err) {
    console.log(`\nChromium validation bench: failed: ${message(err)}`);
  } finally {
    await page.close();
    await server.close();
    await browser.close();
  }
}

// `node bench/browser-validate.mjs [--rows=N]` on its own (default 100k and 1M).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = process.argv.slice(2).find((a) => a.startsWith('--rows='));
  await runBrowserValidate({ root: resolve(dirname(fileURLToPath(import.meta.url)), '..'), sizes: rows ? [Number(rows.slice(7))] : [100_000, 1_000_000] });
  process.exit(0);
}
