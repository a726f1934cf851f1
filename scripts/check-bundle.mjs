// Checks the production build in dist/ against the first-load budget (run after `vite build`):
// - the JavaScript the page needs before its first paint (the entry script and the chunks it
//   preloads) is at most FIRST_LOAD_BUDGET bytes gzip-compressed;
// - no chunk is built twice (the page and the worker are two builds: a library both import
//   statically would be shipped in both, as the phone metadata was once);
// - no chunk passes Vite's own 500 kB warning size.
// Prints the figures; exits 1 with the reason when a budget is broken.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const FIRST_LOAD_BUDGET = 120_000;
const CHUNK_LIMIT = 500_000;
const dist = process.argv[2] ?? 'dist';
const assets = join(dist, 'assets');

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const firstLoad = [
  ...html.matchAll(/<script type="module"[^>]*src="\/assets\/([^"]+)"/g),
  ...html.matchAll(/<link rel="modulepreload"[^>]*href="\/assets\/([^"]+)"/g),
].map((m) => m[1]);

const failures = [];
let firstBytes = 0;
for (const file of firstLoad) {
  const gz = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  firstBytes += gz;
  console.log(`  first load: ${file} ${(gz / 1000).toFixed(1)} kB gzip`);
}
console.log(`first load: ${(firstBytes / 1000).toFixed(1)} kB gzip in ${firstLoad.length} files (budget ${FIRST_LOAD_BUDGET / 1000} kB)`);
if (firstLoad.length === 0) failures.push('no entry script found in dist/index.html');
if (firstBytes > FIRST_LOAD_BUDGET) failures.push(`first load is ${(firstBytes / 1000).toFixed(1)} kB gzip, over the ${FIRST_LOAD_BUDGET / 1000} kB budget`);

// A chunk's name is its file name without the content hash: the same name twice is the same
// module (or library) built into both the page and the worker.
const byName = new Map();
for (const file of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
  const name = file.replace(/-[\w-]{8}\.js$/, '');
  byName.set(name, [...(byName.get(name) ?? []), file]);
  const size = readFileSync(join(assets, file)).length;
  if (size > CHUNK_LIMIT) failures.push(`${file} is ${(size / 1000).toFixed(0)} kB, over Vite's ${CHUNK_LIMIT / 1000} kB chunk warning`);
}
for (const [name, files] of byName) {
  if (files.length > 1) failures.push(`chunk "${name}" is built ${files.length} times: ${files.join(', ')}`);
}
console.log(`${byName.size} chunks, none built twice: ${[...byName.values()].every((f) => f.length === 1)}`);

if (failures.length > 0) {
  for (const f of failures) console.error(`bundle check failed: ${f}`);
  process.exit(1);
}
