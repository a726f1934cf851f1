// What stays alive after each step of the whole path (issue 12, "memory that ends"): drives
// DatasetEngine in Node the way the page does in bench/whole-path.mjs — open the file (a
// file-backed Blob, like the user's File) → mapping suggestions → apply (transforms +
// validation) → load the baseline → compare with the suggested key → its digests → commit → adopt → export
// CSV — and after each step, once the garbage is collected, prints what is retained:
// `process.memoryUsage()` heapUsed, external and arrayBuffers, and the growth over the idle
// engine, as a multiple of the file's size. Figures only.
//
// `node --expose-gc bench/memory-path.mjs [--rows=N] [--kinds=clean,messy] [--snapshots=DIR]`
// (re-spawns itself with --expose-gc when needed). 1M rows and more hold GBs: run under the
// machine's bench lock. `--snapshots=DIR` also writes a V8 heap snapshot after each step (large,
// slow: for a 100k run, to open in DevTools' Memory tab).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { createServer } from 'vite';
import { startRssSampler } from './lib/measure.mjs';
import { writeFiles } from './whole-path.mjs';

const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const message = (err) => String(err?.message ?? err).split('\n')[0];

/** What is retained now, after two full collections (the second finalises what the first freed). */
function retained() {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

export async function runMemoryPath({ root, sizes, kinds = ['clean', 'messy'], snapshots = null }) {
  if (typeof globalThis.gc !== 'function') {
    console.log('\nMemory along the whole path: skipped (needs node --expose-gc)');
    return;
  }
  const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
  const load = (path) => vite.ssrLoadModule(path);
  const dir = mkdtempSync(join(tmpdir(), 'crm-porter-memory-path-'));
  try {
    const fake = await load('/test/support/fake-crm.ts');
    const { DatasetEngine } = await load('/src/core/engine/dataset-engine.ts');
    const { CONTACT_OBJECT } = await load('/src/core/schema/contact-object.ts');
    const { adviceFor, withPhoneCountry } = await load('/src/core/mapping/transform-advice.ts');
    const { DEFAULT_RULES } = await load('/src/core/diff/import-mode.ts');
    for (const n of sizes) {
      for (const kind of kinds) {
        const files = await writeFiles(fake, dir, kind, n);
        console.log(`\nMemory along the whole path (Node, DatasetEngine): ${kind}, ${label(n)} rows, ${mb(files.bytes)} (baseline ${mb(files.baseBytes)})`);
        try {
          const rows = [];
          const base = retained();
          const sampler = startRssSampler();
          let engine = new DatasetEngine();
          const step = async (name, act) => {
            sampler.reset();
            const t0 = performance.now();
            const out = await act();
            const ms = performance.now() - t0;
            const peak = sampler.peak();
            const r = retained();
            rows.push({ name, ms, peak, ...r, engine: engine?.memoryUse?.() ?? null });
            if (snapshots !== null) v8.writeHeapSnapshot(join(snapshots, `${kind}-${label(n)}-${rows.length}-${name.replace(/\W+/g, '-')}.heapsnapshot`));
            return out;
          };
          const file = await openAsBlob(files.path);
          const baseline = await openAsBlob(files.basePath);
          await step('open (read)', () => engine.open(file, 'contacts.csv'));
          const proposal = await step('map (suggestions)', () => engine.proposeMapping(CONTACT_OBJECT, 'en'));
          // As the Map step builds its plan (state/mapping-slice.ts): applied suggestions, their
          // default transforms, the inferred phone country.
          const country = proposal.phoneCountry.country;
          const columns = proposal.suggestions.map((s) => {
            const field = s.apply ? s.field : null;
            const transforms = [...(adviceFor(proposal.advice[s.column], field)?.applied ?? [])];
            return { column: s.column, field, transforms: withPhoneCountry(transforms, country, country), origin: 'unmapped' };
          });
          const mapped = await step('validate (apply)', () => engine.applyMapping({ object: CONTACT_OBJECT, columns, defaultCountry: country }));
          const policy = kind === 'messy' ? 'include' : 'skip';
          const summary = await step('load baseline', () => engine.loadBaseline(baseline, 'baseline.csv', null));
          const key = summary.keySuggestions[0]?.columns ?? [];
          const shared = summary.columns.filter((c) => !summary.columnsOnlyInBaseline.includes(c));
          const review = await step('compare', () =>
            engine.runDiff({ key: { columns: key, trim: true, caseInsensitive: false }, compareColumns: shared, mode: 'add-update', rules: DEFAULT_RULES, quietClass: true }, {}, policy),
          );
          // The page asks for the keyed dataset digests once the comparison is shown.
          await step('digests', () => engine.reviewDigests());
          let commit = await step('commit', () => engine.commit());
          await step('adopt commit', () => engine.adoptCommit());
          // The page stores the snapshot and lets go of the result: so does this run.
          const snapshotBytes = commit.snapshot.size;
          commit = null;
          let exported = await step('export CSV', () => engine.exportAll({ format: 'csv', options: { delimiter: ',', quoting: 'minimal', newline: '\r\n', bom: false, formulaGuard: true } }, {}, policy));
          const exportBytes = exported.size;
          exported = null;
          await step('download done', () => null);
          engine = null;
          await step('engine dropped', () => null);
          await sampler.stop();
          const head = ['after step', 'time', 'peak RSS', 'heapUsed', 'external', 'arrayBuffers', 'heap+ext − idle', '× file'];
          const body = rows.map((r) => {
            const grew = r.heap + r.external - base.heap - base.external;
            return [r.name, `${(r.ms / 1000).toFixed(2)} s`, mb(r.peak), mb(r.heap), mb(r.external), mb(r.arrayBuffers), mb(grew), `${(grew / files.bytes).toFixed(1)}×`];
          });
          printRows(head, body);
          const peak = Math.max(...rows.map((r) => r.heap + r.external - base.heap - base.external));
          console.log(`  most retained after a step: ${mb(peak)} = ${(peak / files.bytes).toFixed(1)}× the file; ${mapped.rowCount ?? n} rows, ${mapped.errors} errors; diff ${JSON.stringify(review.counts ?? {})}; snapshot ${mb(snapshotBytes)}, export ${mb(exportBytes)}`);
          const engineRows = rows.filter((r) => r.engine !== null);
          if (engineRows.length > 0) {
            console.log('  the engine\'s own count of what it holds (memoryUse), by part:');
            for (const r of engineRows) console.log(`    ${r.name.padEnd(18)} ${Object.entries(r.engine).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`);
          }
        } catch (err) {
          console.log(`  failed: ${message(err)}`);
        } finally {
          rmSync(files.path, { force: true });
          rmSync(files.basePath, { force: true });
        }
      }
    }
    console.log('\n  Retained = process.memoryUsage() after two gc() calls, once the step\'s promise settled. external holds');
    console.log('  ArrayBuffers and Blob bytes kept in memory; a file-backed Blob (fs.openAsBlob, like the browser\'s File) is');
    console.log('  not counted. heap+ext − idle: growth over the same process before the file was opened. Peak RSS: the');
    console.log('  process\'s largest RSS during the step (sampled every 5 ms from another thread), garbage included.');
  } finally {
    await vite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printRows(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => `  ${r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')}`;
  console.log(fmt(head));
  for (const r of rows) console.log(fmt(r));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (typeof globalThis.gc !== 'function') {
    const args = ['--expose-gc', '--max-old-space-size=16384', fileURLToPath(import.meta.url), ...process.argv.slice(2)];
    const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
    process.exit(child.status ?? 1);
  }
  const argv = process.argv.slice(2);
  const rows = argv.find((a) => a.startsWith('--rows='));
  const sizes = rows ? [Number(rows.slice(7))] : [100_000];
  const only = argv.find((a) => a.startsWith('--kinds='));
  const kinds = only ? only.slice(8).split(',') : undefined;
  const shots = argv.find((a) => a.startsWith('--snapshots='));
  const snapshots = shots ? resolve(shots.slice(12)) : null;
  if (snapshots !== null) mkdirSync(snapshots, { recursive: true });
  await runMemoryPath({ root: resolve(dirname(fileURLToPath(import.meta.url)), '..'), sizes, kinds, snapshots });
  process.exit(0);
}
