// The export step in Node: `exportTable` (the writer, UTF-8, the Blob and the SHA-256 — what the
// engine runs when the page asks for a download) over a packed table of generated contacts,
// beside a bare `Papa.unparse` of the same rows in the same process (the reference). Figures
// only. A million rows holds a few GB: run it under the machine-wide bench lock, e.g.
//
//   flock /work/wt/bench.lock nice -n 5 node --expose-gc bench/export-node.mjs --rows=1000000
//
// `--formats=csv,json,ndjson,xml` picks formats; `--view` also exports through a table that has
// only `cell()` (the slow path a table without spans takes); `--runs=N` (default 3).
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import Papa from 'papaparse';
import { createServer } from 'vite';
import { median, startRssSampler } from './lib/measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rowsWanted = Number(arg('rows', '100000'));
const runs = Number(arg('runs', '3'));
const formats = arg('formats', 'csv,json,ndjson,xml').split(',');

const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
const rss = startRssSampler();
try {
  const fake = await vite.ssrLoadModule('/test/support/fake-crm.ts');
  const model = await vite.ssrLoadModule('/src/core/model/table.ts');
  const { exportTable } = await vite.ssrLoadModule('/src/core/engine/export-table.ts');
  const { DEFAULT_CSV_WRITE } = await vite.ssrLoadModule('/src/core/write/write-types.ts');
  // The whole-path file's columns (no notes), and a few notes so quoting is exercised.
  const columns = fake.ALL_CONTACT_COLUMNS.filter((c) => c !== 'Notes');
  const { rows } = fake.generateContacts(rowsWanted, 42, { columns: [...columns, 'Notes'], notesRate: 0.05 });
  const all = [...columns, 'Notes'];
  const table = model.tableFromRows(all, rows);
  const cellOnly = { columns: table.columns, rowCount: table.rowCount, cell: (r, c) => table.cell(r, c), row: (r) => table.row(r), sourceRow: (r) => table.sourceRow(r) };

  const time = async (fn) => {
    const times = [];
    let peak = 0;
    let out;
    for (let i = 0; i < runs; i++) {
      globalThis.gc?.();
      rss.reset();
      const base = process.memoryUsage.rss();
      const t = performance.now();
      out = await fn();
      times.push(performance.now() - t);
      peak = Math.max(peak, rss.peak() - base);
    }
    return { ms: median(times), peak, out };
  };

  const lines = [];
  const ref = await time(() => Papa.unparse({ fields: all, data: rows }));
  const refBytes = Buffer.byteLength(ref.out);
  ref.out = undefined;
  lines.push(['Papa.unparse (ref)', ref.ms, ref.peak, refBytes, 1]);
  const requests = {
    csv: { format: 'csv', options: DEFAULT_CSV_WRITE },
    json: { format: 'json', options: { style: 'compact' } },
    ndjson: { format: 'ndjson' },
    xml: { format: 'xml', options: { root: 'contacts', record: 'contact', declaration: true } },
  };
  for (const f of formats) {
    const r = await time(() => exportTable(table, requests[f]));
    lines.push([`exportTable ${f}`, r.ms, r.peak, r.out.size, r.ms / ref.ms]);
    if (argv.includes('--view')) {
      const v = await time(() => exportTable(cellOnly, requests[f]));
      lines.push([`exportTable ${f} (cell() only)`, v.ms, v.peak, v.out.size, v.ms / ref.ms]);
    }
  }
  console.log(`Export, ${rowsWanted} rows × ${all.length} columns, median of ${runs}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log('step'.padEnd(34), 'time'.padStart(9), 'RSS rise'.padStart(10), 'bytes'.padStart(12), 'ratio'.padStart(7));
  for (const [name, ms, peak, bytes, ratio] of lines) {
    console.log(name.padEnd(34), `${(ms / 1000).toFixed(2)} s`.padStart(9), `${(peak / 1e6).toFixed(0)} MB`.padStart(10), String(bytes).padStart(12), `${ratio.toFixed(2)}×`.padStart(7));
  }
} finally {
  await rss.stop();
  await vite.close();
}
