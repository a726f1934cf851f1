// `npm run bench [-- --quick] [-- --node-only | --browser-only]`
// Prints figures (median times, MB/s, ratios against the reference library on the same input in
// the same run, peak memory). It never passes or fails on time.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Re-spawn with a GC handle (memory baselines after gc()) and room for 1M-row JSON/XML inputs.
if (typeof globalThis.gc !== 'function') {
  const args = ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = new Set(process.argv.slice(2));
const sizes = argv.has('--quick') ? [100_000] : [100_000, 1_000_000];
const started = performance.now();
console.log(`CRM Porter bench — Node ${process.version}, sizes: ${sizes.join(', ')} rows`);

if (!argv.has('--browser-only')) {
  const { runNodeCore } = await import('./node-core.mjs');
  await runNodeCore({ root, sizes });
}
if (!argv.has('--browser-only')) {
  const { runValidateNode } = await import('./validate-node.mjs');
  await runValidateNode({ root, sizes });
}
if (!argv.has('--browser-only')) {
  const { runXlsxWrite } = await import('./xlsx-write.mjs');
  await runXlsxWrite({ root, sizes });
}
if (!argv.has('--browser-only')) {
  const { runReviewPatterns } = await import('./review-patterns.mjs');
  await runReviewPatterns({ root, sizes });
}
if (!argv.has('--browser-only')) {
  // What stays alive after each step of the whole path, in Node (the browser's figure is RSS only).
  const { runMemoryPath } = await import('./memory-path.mjs');
  await runMemoryPath({ root, sizes });
}
{
  // The SHA-256 engines side by side (TypeScript, WebAssembly, Web Crypto, hash-wasm), Node and Chromium.
  const { runSha256Engines } = await import('./sha256-engines.mjs');
  const quick = argv.has('--quick');
  await runSha256Engines({ root, streamMb: quick ? 96 : 300, records: quick ? 300_000 : 1_000_000, node: !argv.has('--browser-only'), browser: !argv.has('--node-only') });
}
if (!argv.has('--node-only')) {
  const { runBrowser } = await import('./browser-core.mjs');
  await runBrowser({ root, sizes });
  const { runBrowserValidate } = await import('./browser-validate.mjs');
  await runBrowserValidate({ root, sizes });
  const { runBrowserDiff } = await import('./browser-diff.mjs');
  await runBrowserDiff({ root, sizes });
  // The same at 100k with the new data in the baseline's order (the usual case), beside daff again.
  await runBrowserDiff({ root, sizes: sizes.filter((n) => n <= 100_000), layout: 'same-order' });
  // Last: the whole path in the built app, the figure issue 12 sets targets for.
  const { runWholePath } = await import('./whole-path.mjs');
  await runWholePath({ root, sizes });
}
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
// Exit explicitly: a lingering dev-server or browser handle must not keep `npm run bench` open.
process.exit(0);
