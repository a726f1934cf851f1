// Validation A/B in one Node process: the same generated contacts (bench/browser-validate's
// data, clean or messy) opened by the engine of each source tree, then applyMapping run
// alternately on each, so both versions see the same machine load. Figures only.
//
// `node --expose-gc bench/validate-ab.mjs --old=/tmp/old-tree [--rows=N] [--sets=clean,messy] [--runs=N]`
// where /tmp/old-tree is a checkout of the version to compare with (its node_modules may be a
// symlink to this tree's). Without --old it times this tree alone. 1M rows: run under the
// machine's bench lock.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { median } from './lib/measure.mjs';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rows = Number(arg('rows') ?? 1_000_000);
const sets = (arg('sets') ?? 'clean,messy').split(',');
const runs = Number(arg('runs') ?? 5);
const trees = [...(arg('old') ? [['old', resolve(arg('old'))]] : []), ['new', here]];

const servers = [];
try {
  const loaded = [];
  for (const [name, root] of trees) {
    const vite = await createServer({
      root,
      configFile: false,
      logLevel: 'error',
      server: { middlewareMode: true, hmr: false, ws: false },
      appType: 'custom',
    });
    servers.push(vite);
    const { DatasetEngine } = await vite.ssrLoadModule('/src/core/engine/dataset-engine.ts');
    const data = await vite.ssrLoadModule('/bench/browser-validate/validate-data.ts');
    loaded.push({ name, DatasetEngine, data });
  }
  for (const set of sets) {
    const bytes = new TextEncoder().encode(loaded[0].data.validateCsv(rows, set));
    const engines = [];
    for (const l of loaded) {
      const engine = new l.DatasetEngine();
      await engine.open(bytes, `${set}.csv`);
      engines.push({ ...l, engine, totals: [], maps: [], validates: [], summary: null });
    }
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always runs right after the other's garbage.
      const order = i % 2 === 0 ? engines : engines.toReversed();
      for (const e of order) {
        globalThis.gc?.();
        let validateAt = null;
        const t0 = performance.now();
        e.summary = await e.engine.applyMapping(e.data.VALIDATE_PLAN, {
          onProgress: (p) => {
            if (p.phase === 'validate' && validateAt === null) validateAt = performance.now();
          },
        });
        const t1 = performance.now();
        e.totals.push(t1 - t0);
        e.maps.push((validateAt ?? t1) - t0);
        e.validates.push(t1 - (validateAt ?? t1));
      }
    }
    console.log(`\n${set}, ${rows} rows, ${runs} runs each, alternating (median ms; all runs)`);
    for (const e of engines) {
      const s = e.summary;
      console.log(
        `  ${e.name}: total ${median(e.totals).toFixed(0)} (map ${median(e.maps).toFixed(0)}, validate ${median(e.validates).toFixed(0)}); ` +
          `[${e.totals.map((t) => t.toFixed(0)).join(' ')}]; ${s.errors} errors, ${s.warnings} warnings, ${s.rowsWithErrors} rows with errors`,
      );
    }
    if (engines.length === 2) {
      const [a, b] = engines;
      console.log(
        `  new/old: total ${(median(b.totals) / median(a.totals)).toFixed(2)}, validate ${(median(b.validates) / median(a.validates)).toFixed(2)}`,
      );
    }
  }
} finally {
  for (const s of servers) await s.close();
}
process.exit(0);
