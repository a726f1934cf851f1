// The compare step as the app runs it, in Node: DatasetEngine.open → applyMapping with the
// suggested mapping → loadBaseline → runDiff with the suggested key and the page's default
// options, on the same generated files as the whole-path bench (bench/whole-path.mjs). Times
// runDiff per phase (median of runs); for a CPU profile run it under `node --cpu-prof`.
// Figures only; nothing passes or fails on time.
//   node bench/compare-engine.mjs [--rows=N] [--kind=clean|messy] [--runs=N]
//   COMPARE_PROFILE=/tmp/diff.cpuprofile …   (a V8 CPU profile of the runDiff calls only)
// At 1M rows this holds several GB: run it under the machine-wide bench lock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { median } from './lib/measure.mjs';
import { writeFiles } from './whole-path.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rows = Number(arg('rows', 1_000_000));
const kind = arg('kind', 'clean');
const runs = Number(arg('runs', 3));
const fmt = (ms) => `${Math.round(ms).toLocaleString('en-US')} ms`;

const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
const dir = mkdtempSync(join(tmpdir(), 'crm-porter-compare-'));
try {
  const fake = await vite.ssrLoadModule('/test/support/fake-crm.ts');
  const { DatasetEngine } = await vite.ssrLoadModule('/src/core/engine/dataset-engine.ts');
  const { CONTACT_OBJECT } = await vite.ssrLoadModule('/src/core/schema/contact-object.ts');
  const { adviceFor } = await vite.ssrLoadModule('/src/core/mapping/transform-advice.ts');
  const { DEFAULT_RULES } = await vite.ssrLoadModule('/src/core/diff/import-mode.ts');
  const files = await writeFiles(fake, dir, kind, rows);
  const engine = new DatasetEngine();
  let t0 = performance.now();
  await engine.open(new Uint8Array(readFileSync(files.path)), 'current.csv');
  console.log(`${kind}, ${rows.toLocaleString('en-US')} rows: open ${fmt(performance.now() - t0)}`);
  // The mapping the page applies from the proposal (src/state/mapping-slice.ts).
  const proposal = await engine.proposeMapping(CONTACT_OBJECT);
  const columns = proposal.suggestions.map((s) => {
    const field = s.apply ? s.field : null;
    return { column: s.column, field, transforms: [...(adviceFor(proposal.advice[s.column], field)?.applied ?? [])], origin: 'unmapped' };
  });
  t0 = performance.now();
  const mapped = await engine.applyMapping({ object: CONTACT_OBJECT, columns, defaultCountry: proposal.phoneCountry.country });
  console.log(`applyMapping ${fmt(performance.now() - t0)}; ${mapped.rowsWithErrors} rows with errors`);
  t0 = performance.now();
  const baseline = await engine.loadBaseline(new Uint8Array(readFileSync(files.basePath)), 'baseline.csv', null);
  console.log(`loadBaseline ${fmt(performance.now() - t0)} (${baseline.mapping}); key ${JSON.stringify(baseline.keySuggestions[0]?.columns)}`);
  const shared = baseline.columns.filter((c) => !baseline.columnsOnlyInBaseline.includes(c));
  const options = {
    key: { columns: baseline.keySuggestions[0]?.columns ?? [], trim: true, caseInsensitive: false },
    compareColumns: shared,
    mode: 'add-update',
    rules: DEFAULT_RULES,
    quietClass: true,
  };
  const policy = kind === 'messy' ? 'include' : 'skip';
  const totals = [];
  const phaseRuns = [];
  const profileTo = process.env.COMPARE_PROFILE;
  const inspector = profileTo ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  let summary;
  for (let k = 0; k < runs; k++) {
    globalThis.gc?.();
    const marks = {};
    t0 = performance.now();
    const onProgress = (p) => {
      if (p.done === p.total || p.phase === 'compare') marks[p.phase] = performance.now() - t0;
    };
    summary = await engine.runDiff(options, { onProgress }, policy);
    const total = performance.now() - t0;
    totals.push(total);
    let prev = 0;
    const phases = {};
    for (const ph of ['keys', 'compare']) if (marks[ph] !== undefined) { phases[ph] = marks[ph] - prev; prev = marks[ph]; }
    phases.rest = total - prev;
    phaseRuns.push(phases);
  }
  if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
    inspector.disconnect();
  }
  console.log(`runDiff: median ${fmt(median(totals))} (runs ${totals.map(fmt).join(', ')})`);
  console.log(`  phases (median): ${Object.keys(phaseRuns[0]).map((ph) => `${ph} ${fmt(median(phaseRuns.map((p) => p[ph] ?? 0)))}`).join(', ')}`);
  console.log(`  counts ${JSON.stringify(summary.counts)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await vite.close();
}
