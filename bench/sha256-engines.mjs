// SHA-256 engines on the same bytes, in Node and in Chromium's page, same run (issue 12): the
// TypeScript SHA-256 against Web Crypto and hash-wasm on a ~300 MB stream in 4 MB parts and on
// 1M records of ~140 bytes (bench/lib/sha256-engines.ts). Figures only: medians, MB/s and
// ratios to the TypeScript engine; the load average beside them.
//   node bench/sha256-engines.mjs [--stream-mb=300] [--records=1000000] [--runs=3] [--node-only|--browser-only]
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--max-old-space-size=8192'];
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;

export async function runSha256Engines({ root, streamMb = 300, records = 1_000_000, runs = 3, node = true, browser = true }) {
  const opts = { streamBytes: streamMb << 20, partBytes: 4 << 20, records, runs };
  const title = `SHA-256 engines: a ${streamMb} MiB stream in 4 MiB parts; ${records.toLocaleString('en-US')} records of 100–180 bytes (median of ${runs})`;
  if (node) {
    const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
    try {
      const { measureSha256Engines, describeSha256Engines } = await vite.ssrLoadModule('/bench/lib/sha256-engines.ts');
      console.log(`\nNode ${process.version} — ${title} — ${load()}`);
      for (const line of describeSha256Engines(await measureSha256Engines(opts))) console.log(`  ${line}`);
      console.log(`  ${load()}`);
    } finally {
      await vite.close();
    }
  }
  if (browser) {
    if (!existsSync(CHROMIUM)) return console.log(`\nChromium: skipped: ${CHROMIUM} not found`);
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'error',
      server: { port: 0, host: '127.0.0.1', hmr: false },
      optimizeDeps: { entries: ['bench/browser-sha256/index.html'], include: ['hash-wasm'] },
    });
    await server.listen();
    const b = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const page = await b.newPage();
      await page.goto(`${server.resolvedUrls.local[0]}bench/browser-sha256/index.html`);
      await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
      console.log(`\nChromium (page thread) — ${title} — ${load()}`);
      const lines = await page.evaluate((o) => window.runSha256Bench(o), opts);
      for (const line of lines) console.log(`  ${line}`);
      console.log(`  ${load()}`);
    } finally {
      await b.close();
      await server.close();
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runSha256Engines({
    root: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
    streamMb: Number(arg('stream-mb', 300)),
    records: Number(arg('records', 1_000_000)),
    runs: Number(arg('runs', 3)),
    node: !process.argv.includes('--browser-only'),
    browser: !process.argv.includes('--node-only'),
  });
  process.exit(0);
}
