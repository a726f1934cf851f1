// Validation A/B in Chromium: two source trees (an older checkout and this one) served by two
// Vite servers, one page each, the same generated contacts opened in both, then applyMapping
// run alternately in the two pages, so both versions see the same machine load. Runs on the
// page thread, as bench/browser-validate.mjs. Figures only. Debian's Chromium only.
//
// `node bench/browser-validate-ab.mjs --old=/tmp/old-tree [--rows=N] [--sets=clean,messy] [--runs=N]`
// (the old tree's node_modules may be a symlink to this tree's; copy this tree's
// bench/browser-validate/validate-page.ts into it for openValidateBench/runValidateOnce).
// Without --old it times this tree alone. 1M rows: run under the machine's bench lock.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { median } from './lib/measure.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--js-flags=--expose-gc --max-old-space-size=8192',
];
const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rows = Number(arg('rows') ?? 1_000_000);
const sets = (arg('sets') ?? 'clean,messy').split(',');
const runs = Number(arg('runs') ?? 5);
// --profile=DIR: after the timed runs, one more run per side under the CPU profiler, written there.
const profileDir = arg('profile');
const medianOf = (side, key) => median(side.out.map((x) => x[key]));
const trees = [...(arg('old') ? [['old', resolve(arg('old'))]] : []), ['new', here]];

if (!existsSync(CHROMIUM)) {
  console.log(`skipped: ${CHROMIUM} not found`);
  process.exit(0);
}
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
const servers = [];
try {
  const pages = [];
  for (const [name, root] of trees) {
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'error',
      // Its own dependency cache: the old tree's node_modules may be this tree's.
      cacheDir: resolve(root, '.vite-ab-cache'),
      server: { port: 0, host: '127.0.0.1', hmr: false },
      optimizeDeps: {
        entries: ['bench/browser-validate/index.html'],
        include: ['libphonenumber-js', 'libphonenumber-js/max'],
      },
    });
    await server.listen();
    servers.push(server);
    const page = await browser.newPage();
    await page.goto(`${server.resolvedUrls.local[0]}bench/browser-validate/index.html`);
    await page.waitForFunction(() => window.validateBenchReady === true, null, {
      timeout: 120_000,
    });
    pages.push({ name, page });
  }
  for (const set of sets) {
    const sides = [];
    for (const p of pages) {
      const readMs = await p.page.evaluate(([n, s]) => window.openValidateBench(n, s), [rows, set]);
      // One untimed run each: the JIT warmed on this data.
      await p.page.evaluate(() => window.runValidateOnce());
      sides.push({ ...p, readMs, out: [] });
    }
    for (let i = 0; i < runs; i++) {
      for (const s of i % 2 === 0 ? sides : sides.toReversed())
        s.out.push(await s.page.evaluate(() => window.runValidateOnce()));
    }
    console.log(
      `\nChromium, ${set}, ${rows} rows, ${runs} runs each, alternating (median ms; all totals)`,
    );
    for (const s of sides) {
      const pick = (k) => median(s.out.map((x) => x[k]));
      const last = s.out[s.out.length - 1];
      console.log(
        `  ${s.name}: total ${pick('total').toFixed(0)} (map ${pick('map').toFixed(0)}, validate ${pick('validate').toFixed(0)}); [${s.out.map((x) => x.total.toFixed(0)).join(' ')}]; ${last.errors} errors, ${last.warnings} warnings, ${last.rowsWithErrors} rows with errors`,
      );
    }
    if (profileDir !== undefined) {
      for (const s of sides) {
        const cdp = await s.page.context().newCDPSession(s.page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
        await s.page.evaluate(() => window.runValidateOnce());
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(join(profileDir, `${s.name}-${set}.cpuprofile`), JSON.stringify(profile));
        await cdp.detach();
      }
    }
    if (sides.length === 2) {
      console.log(
        `  new/old: total ${(medianOf(sides[1], 'total') / medianOf(sides[0], 'total')).toFixed(2)}, map ${(medianOf(sides[1], 'map') / medianOf(sides[0], 'map')).toFixed(2)}, validate ${(medianOf(sides[1], 'validate') / medianOf(sides[0], 'validate')).toFixed(2)}`,
      );
    }
    // Let go of the data before the next set.
    for (const p of pages) await p.page.evaluate(() => window.openValidateBench(0, 'clean'));
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
process.exit(0);
