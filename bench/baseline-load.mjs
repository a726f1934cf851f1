// "Load baseline" against "upload + map" of the same-size file (issue 12), in Node, as the page
// runs them: DatasetEngine.open (the upload's read) + proposeMapping (the Map step's suggestions)
// on the current file, then applyMapping, then DatasetEngine.loadBaseline on its same-size
// baseline (bench/whole-path.mjs's generated files: the same records, 1% of titles changed, 0.5%
// missing, 0.5% extra). loadBaseline is split at its first "map" progress into the read and the
// mapping. With --snapshot, the committed snapshot (NDJSON + stored fingerprints, as History
// loads it) is loaded as a baseline too. Medians of --runs; the ratio baseline / (upload + map)
// is the figure to watch. Figures only; nothing passes or fails on time.
//   node bench/baseline-load.mjs [--rows=N] [--kinds=clean,messy] [--runs=N] [--snapshot]
//   BASELINE_PROFILE=/tmp/base.cpuprofile …   (V8 CPU profiles of the applyMapping and loadBaseline calls)
// At 1M rows this holds several GB: run it under the machine-wide bench lock.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { median } from './lib/measure.mjs';
import { writeFiles } from './whole-path.mjs';

// Collections between runs need --expose-gc: re-spawn with it (and room for a million rows twice).
if (typeof globalThis.gc !== 'function') {
  const args = ['--expose-gc', '--max-old-space-size=12288', fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rows = Number(arg('rows', 1_000_000));
const kinds = arg('kinds', 'clean').split(',');
const runs = Number(arg('runs', 3));
const withSnapshot = process.argv.includes('--snapshot');
const profilePath = process.env.BASELINE_PROFILE ?? null;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** Process CPU time (user + system, ms): on a loaded machine it moves far less than the wall clock. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
const dir = mkdtempSync(join(tmpdir(), 'crm-porter-baseline-'));
let profiler = null;
if (profilePath !== null) {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
}
try {
  const fake = await vite.ssrLoadModule('/test/support/fake-crm.ts');
  const { DatasetEngine } = await vite.ssrLoadModule('/src/core/engine/dataset-engine.ts');
  const { CONTACT_OBJECT } = await vite.ssrLoadModule('/src/core/schema/contact-object.ts');
  const { adviceFor, withPhoneCountry } = await vite.ssrLoadModule('/src/core/mapping/transform-advice.ts');
  const { DEFAULT_RULES } = await vite.ssrLoadModule('/src/core/diff/import-mode.ts');
  const { mapBaseline } = await vite.ssrLoadModule('/src/core/engine/baseline-mapping.ts');
  for (const kind of kinds) {
    const files = await writeFiles(fake, dir, kind, rows);
    const current = await openAsBlob(files.path);
    const baseline = await openAsBlob(files.basePath);
    let engine = null;
    const t = { upload: [], map: [], apply: [], base: [], read: [], mapBase: [], cUpload: [], cMap: [], cBase: [] };
    let summary = null;
    for (let run = 0; run < runs; run++) {
      // A fresh engine per run, as a fresh page: the previous run's dataset is garbage before the clock starts.
      engine = null;
      globalThis.gc?.();
      engine = new DatasetEngine();
      let t0 = performance.now();
      let c0 = cpu();
      await engine.open(current, 'current.csv');
      t.upload.push(performance.now() - t0);
      t.cUpload.push(cpu() - c0);
      t0 = performance.now();
      c0 = cpu();
      const proposal = await engine.proposeMapping(CONTACT_OBJECT, 'en');
      t.map.push(performance.now() - t0);
      t.cMap.push(cpu() - c0);
      // The plan the Map step applies (src/state/mapping-slice.ts), as bench/memory-path.mjs builds it.
      const country = proposal.phoneCountry.country;
      const columns = proposal.suggestions.map((sg) => {
        const field = sg.apply ? sg.field : null;
        const transforms = [...(adviceFor(proposal.advice[sg.column], field)?.applied ?? [])];
        return { column: sg.column, field, transforms: withPhoneCountry(transforms, country, country), origin: 'unmapped' };
      });
      if (profiler !== null) await profiler.post('Profiler.start');
      t0 = performance.now();
      await engine.applyMapping({ object: CONTACT_OBJECT, columns, defaultCountry: country });
      t.apply.push(performance.now() - t0);
      if (profiler !== null) await saveProfile(profiler, kind, 'apply');
      globalThis.gc?.();
      if (profiler !== null) await profiler.post('Profiler.start');
      let mapAt = null;
      c0 = cpu();
      t0 = performance.now();
      summary = await engine.loadBaseline(baseline, 'baseline.csv', null, {
        onProgress: (p) => {
          if (p.kind === 'map' && mapAt === null) mapAt = performance.now();
        },
      });
      const end = performance.now();
      t.cBase.push(cpu() - c0);
      if (profiler !== null) await saveProfile(profiler, kind, 'file');
      t.base.push(end - t0);
      t.read.push((mapAt ?? end) - t0);
      t.mapBase.push(mapAt === null ? 0 : end - mapAt);
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    console.log(`\n${kind}, ${rows.toLocaleString('en-US')} rows, ${(files.bytes / 1e6).toFixed(0)} MB (baseline ${(files.baseBytes / 1e6).toFixed(0)} MB); medians of ${runs}`);
    console.log(`  upload (open)            ${s(m.upload)} (CPU ${s(m.cUpload)})`);
    console.log(`  map (proposeMapping)     ${s(m.map)} (CPU ${s(m.cMap)})`);
    console.log(`  validate (applyMapping)  ${s(m.apply)}`);
    console.log(`  load baseline            ${s(m.base)} (CPU ${s(m.cBase)}) = read ${s(m.read)} + mapping and key suggestions ${s(m.mapBase)} (${summary?.mapping})`);
    console.log(`  ratio load baseline / (upload + map) = ${(m.base / (m.upload + m.map)).toFixed(2)} (CPU ${(m.cBase / (m.cUpload + m.cMap)).toFixed(2)}); baseline read / upload = ${(m.read / m.upload).toFixed(2)}`);
    {
      // The mapping alone, both ways in turn on the same baseline as read: every cell transformed
      // (what loadBaseline did before the current data's values were reused), and with the reuse.
      const reader = new DatasetEngine();
      await reader.open(baseline, 'baseline.csv');
      const raw = reader.table;
      const ws = engine.workspace;
      const both = { slow: [], reuse: [], cSlow: [], cReuse: [] };
      for (let run = 0; run < runs; run++) {
        for (const reuse of [false, true]) {
          globalThis.gc?.();
          const c0 = cpu();
          const t0 = performance.now();
          await mapBaseline(raw, ws.plan, engine.table.columns, ws.fields.map((f) => f.key), undefined, () => {}, reuse ? { source: ws.source, built: ws.built } : null);
          (reuse ? both.reuse : both.slow).push(performance.now() - t0);
          (reuse ? both.cReuse : both.cSlow).push(cpu() - c0);
        }
      }
      const b = Object.fromEntries(Object.entries(both).map(([k, v]) => [k, median(v)]));
      console.log(`  baseline mapping alone   every cell transformed ${s(b.slow)} (CPU ${s(b.cSlow)}); current values reused ${s(b.reuse)} (CPU ${s(b.cReuse)})`);
    }
    if (withSnapshot) {
      const key = summary.keySuggestions[0]?.columns ?? [];
      const shared = summary.columns.filter((c) => !summary.columnsOnlyInBaseline.includes(c));
      await engine.runDiff({ key: { columns: key, trim: true, caseInsensitive: false }, compareColumns: shared, mode: 'add-update', rules: DEFAULT_RULES, quietClass: true }, {}, kind === 'messy' ? 'include' : 'skip');
      const commit = await engine.commit();
      const snap = { data: commit.snapshot, fingerprints: commit.fingerprints.slice(), columns: commit.fingerprintColumns };
      const times = [];
      const cpus = [];
      let loaded = null;
      for (let run = 0; run < runs; run++) {
        globalThis.gc?.();
        if (profiler !== null) await profiler.post('Profiler.start');
        const t0 = performance.now();
        const c0 = cpu();
        loaded = await engine.loadBaseline(snap.data, 'snapshot', { fingerprints: snap.fingerprints.slice(), columns: snap.columns });
        times.push(performance.now() - t0);
        cpus.push(cpu() - c0);
        if (profiler !== null) await saveProfile(profiler, kind, 'snapshot');
      }
      const ms = median(times);
      const c = median(cpus);
      console.log(`  load snapshot baseline   ${s(ms)} (CPU ${s(c)}; ${(snap.data.size / 1e6).toFixed(0)} MB NDJSON, ${loaded.mapping}); ratio / (upload + map) = ${(ms / (m.upload + m.map)).toFixed(2)} (CPU ${(c / (m.cUpload + m.cMap)).toFixed(2)})`);
    }
    rmSync(files.path, { force: true });
    rmSync(files.basePath, { force: true });
  }
} finally {
  await vite.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);

async function saveProfile(session, kind, what) {
  const { profile } = await session.post('Profiler.stop');
  const path = profilePath.replace(/(\.cpuprofile)?$/, `-${kind}-${what}.cpuprofile`);
  writeFileSync(path, JSON.stringify(profile));
}
