// Validation in Node: DatasetEngine.applyMapping (transforms, then validateColumns) over 10
// mapped fields, on clean and messy contacts, timed per phase; and mapping suggestions for a
// 200-column file. Figures only, never pass/fail. Core modules load through Vite's SSR loader.
import { createServer } from 'vite';
import { median, startRssSampler } from './lib/measure.mjs';

const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const message = (err) => String(err?.message ?? err).split('\n')[0];
const heapNow = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Times applyMapping `runs` times: total, map phase (transforms), validate phase, peak heap. */
export async function timeApplyMapping(engine, plan, runs, sampleHeap = heapNow) {
  const totals = [];
  const maps = [];
  const validates = [];
  let peakHeap = 0;
  let summary = null;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const base = sampleHeap();
    let top = base;
    let validateAt = null;
    const t0 = performance.now();
    summary = await engine.applyMapping(plan, {
      onProgress: (p) => {
        if (p.phase === 'validate' && validateAt === null) validateAt = performance.now();
        top = Math.max(top, sampleHeap());
      },
    });
    const end = performance.now();
    top = Math.max(top, sampleHeap());
    totals.push(end - t0);
    maps.push((validateAt ?? end) - t0);
    validates.push(end - (validateAt ?? end));
    peakHeap = Math.max(peakHeap, top - base);
  }
  return { total: median(totals), map: median(maps), validate: median(validates), peakHeap, summary };
}

export function printValidation(title, results, notes) {
  console.log(`\n${title}`);
  const head = ['data set', 'rows', 'total ms', 'map ms', 'validate ms', 'rows/s', 'peak heap', 'errors', 'warnings', 'rows w/ errors'];
  const body = results.map((r) =>
    r.skipped
      ? [r.set, label(r.rows), `skipped: ${r.skipped}`]
      : [r.set, label(r.rows), r.total.toFixed(0), r.map.toFixed(0), r.validate.toFixed(0), `${((r.rows / r.total) * 1000 / 1e6).toFixed(2)}M`,
        r.peakHeap === null ? '—' : `${(r.peakHeap / 1e6).toFixed(0)} MB`, String(r.errors), String(r.warnings), String(r.rowsWithErrors)],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.filter((b) => b.length === head.length).map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(b.length === head.length ? line(b) : b.join('  '));
  for (const n of notes) console.log(`  ${n}`);
}

export async function runValidateNode({ root, sizes }) {
  const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
  const rss = startRssSampler();
  try {
    const data = await vite.ssrLoadModule('/bench/browser-validate/validate-data.ts');
    const { DatasetEngine } = await vite.ssrLoadModule('/src/core/engine/dataset-engine.ts');
    const { proposeMapping } = await vite.ssrLoadModule('/src/core/engine/mapping-session.ts');
    const { tableFromRows } = await vite.ssrLoadModule('/src/core/model/table.ts');
    const { CONTACT_OBJECT } = await vite.ssrLoadModule('/src/core/schema/contact-object.ts');
    const results = [];
    for (const n of sizes) {
      for (const set of ['clean', 'messy']) {
        const runs = 3;
        try {
          let bytes = new TextEncoder().encode(data.validateCsv(n, set));
          const engine = new DatasetEngine();
          await engine.open(bytes, `${set}.csv`);
          bytes = undefined;
          // One untimed warm-up at 100k so the JIT has compiled the hot paths.
          if (n < 1e6) await engine.applyMapping(data.VALIDATE_PLAN);
          const r = await timeApplyMapping(engine, data.VALIDATE_PLAN, runs);
          results.push({ set, rows: n, ...r, errors: r.summary.errors, warnings: r.summary.warnings, rowsWithErrors: r.summary.rowsWithErrors });
        } catch (err) {
          results.push({ set, rows: n, skipped: message(err) });
        }
      }
    }
    printValidation(`Node — validation: applyMapping, 10 mapped fields (median of 3)`, results, [
      'map = transforms into mapped columns (buildMappedColumns); validate = validateColumns (rules + uniqueness); read time excluded.',
      'peak heap: growth of heapUsed+external over a post-GC baseline, sampled in progress callbacks; the previous workspace is released when the next one is assigned.',
    ]);

    const wide = data.wideTable();
    const table = tableFromRows(wide.headers, wide.rows);
    const times = [];
    let mapped = 0;
    await proposeMapping(table, CONTACT_OBJECT);
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const p = await proposeMapping(table, CONTACT_OBJECT);
      times.push(performance.now() - t0);
      mapped = p.suggestions.filter((s) => s.field !== null).length;
    }
    console.log('\nNode — mapping suggestions, 200 columns × 200 sample rows (median of 5)');
    console.log(`  proposeMapping (suggestMapping + examples): ${median(times).toFixed(1)} ms; ${mapped} of 200 columns got a field (one column per field)`);
  } finally {
    await rss.stop();
    await vite.close();
  }
}
