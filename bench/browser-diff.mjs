// The keyed diff inside real Chromium (page thread): 100k × 100k and 1M × 1M, the raw
// crypto.subtle.digest ceiling in the same run, and daff's keyed unordered compare at 100k.
// Never downloads a browser: Debian's Chromium only. Figures only; nothing passes or fails.
//   node bench/browser-diff.mjs [100000 1000000]     (or through bench/run.mjs)
//   node bench/browser-diff.mjs --layout=csv 100000   (both tables read from CSV text, as a
//     baseline file is: one text per block of rows; default: a text per column, rows appended)
//   node bench/browser-diff.mjs --layout=same-order 100000   (the new data in the baseline's row
//     and column order, as a CRM export sorted by id; default: shuffled rows, reversed columns)
//   DIFF_PROFILE=/tmp/diff node bench/browser-diff.mjs 100000   (our diff alone, 5 runs, under a
//     V8 CPU profile of the page: /tmp/diff-100000.cpuprofile, its heaviest functions printed)
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { profileLines } from './lib/cpu-profile.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--enable-precise-memory-info', '--js-flags=--expose-gc --max-old-space-size=8192'];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function runBrowserDiff({ root, sizes, layout = 'rows' }) {
  const title = `Chromium — keyed diff (diffTables) in page${layout === 'rows' ? '' : `, ${layout} layout`}`;
  if (!existsSync(CHROMIUM)) {
    console.log(`\n${title}: skipped: ${CHROMIUM} not found`);
    return;
  }
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', hmr: false },
    optimizeDeps: { entries: ['bench/browser-diff/index.html'], include: ['daff'] },
  });
  await server.listen();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.resolvedUrls.local[0]}bench/browser-diff/index.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    const profileTo = process.env.DIFF_PROFILE;
    for (const n of sizes) {
      if (profileTo) {
        await profiled(page, n, layout, `${profileTo}-${n}.cpuprofile`);
        continue;
      }
      // 100k: five runs each of ours and daff, run for run; 1M: three of ours.
      const runs = n <= 100_000 ? 5 : 3;
      const r = await page.evaluate(([rows, k, l]) => window.runDiffBench(rows, k, l), [n, runs, layout]);
      const ms = median(r.times);
      console.log(`\n${title}: ${fmt(r.rows[0])} × ${fmt(r.rows[1])} records (median of ${runs})`);
      console.log(`  diffTables: median ${fmt(ms)} ms (runs ${r.times.map(fmt).join(', ')} ms); peak JS heap growth ${r.peakHeap === null ? 'n/a' : `${fmt(r.peakHeap / 2 ** 20)} MiB`}`);
      const names = Object.keys(r.phases[0]);
      console.log(`  phases (median ms): ${names.map((p) => `${p} ${fmt(median(r.phases.map((x) => x[p] ?? 0)))}`).join(', ')}`);
      console.log(`  counts ${JSON.stringify(r.counts)}`);
      console.log(`  pairs compared as records written as bytes: ${fmt(r.stats.recordPairs)}; pairs whose text differs: ${fmt(r.stats.textDiffers)}, of which differ in canonical form: ${fmt(r.stats.canonicalDiffers)}; record digests ${fmt(r.stats.recordDigests)}; keyed dataset digests afterwards (not in the figure above): ${fmt(r.digestsMs)} ms`);
      console.log(`  raw crypto.subtle.digest ceiling (page thread, 1024 in flight): ${fmt(r.ceiling)} digests/s → 1M per-record digests ≥ ${(1e6 / r.ceiling).toFixed(1)} s`);
      console.log(`  TypeScript SHA-256 on the same records: ${fmt(r.jsRate)} digests/s (${(r.jsRate / r.ceiling).toFixed(1)}× the Web Crypto ceiling); per-record fingerprints of the ${fmt(r.rows[0])} baseline records (encode + hash, as a commit): ${fmt(r.fingerprintMs)} ms`);
      for (const line of r.digestLines) console.log(`  ${line}`);
      if (r.daffMs !== null) console.log(`  daff keyed unordered compare + hilite: median ${fmt(r.daffMs)} ms of ${runs}, each run beside one of ours → ours ${(r.daffMs / ms).toFixed(1)}× faster (medians)`);
      console.log(`  load average: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    }
  } catch (err) {
    console.log(`\n${title}: failed: ${String(err?.message ?? err).split('\n')[0]}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Our diff alone on `n` rows, five runs (three at 1M), under a V8 CPU profile of the page thread. */
async function profiled(page, n, layout, path) {
  const runs = n <= 100_000 ? 5 : 3;
  await page.evaluate(([rows, l]) => window.prepareDiff(rows, l), [n, layout]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const r = await page.evaluate((k) => window.timeDiffs(k), runs);
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(path, JSON.stringify(profile));
  console.log(`\nProfiled keyed diff, ${fmt(n)} rows, ${layout} layout: runs ${r.times.map(fmt).join(', ')} ms; ${path}`);
  const names = Object.keys(r.phases[0]);
  console.log(`  phases (median ms): ${names.map((p) => `${p} ${fmt(median(r.phases.map((x) => x[p] ?? 0)))}`).join(', ')}`);
  for (const line of profileLines(profile, 30)) console.log(line);
  console.log(`  load average: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const layout = args.find((a) => a.startsWith('--layout='))?.split('=')[1] ?? 'rows';
  const numbers = args.filter((a) => !a.startsWith('--')).map(Number);
  const sizes = numbers.length > 0 ? numbers : [100_000, 1_000_000];
  await runBrowserDiff({ root: fileURLToPath(new URL('..', import.meta.url)), sizes, layout });
  process.exit(0);
}
