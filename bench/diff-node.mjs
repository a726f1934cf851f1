// The keyed diff in Node: 100k × 100k and 1M × 1M contacts with realistic edits (rows shuffled,
// columns reordered, ~1% of records with a changed field, 0.5% removed, 0.5% added), beside
// the raw `crypto.subtle.digest` ceiling measured in the same run and daff's keyed, unordered
// compare of the same 100k data, and DuckDB (native) joining the same two tables (load and join
// timed apart, 1 and 2 threads). Per-record vs bucket digests against the raw
// `crypto.subtle.digest` ceiling on the same records (bench/lib/digest-strategies.ts).
// Figures only; nothing passes or fails on time (docs/style.md, "Tests").
//   node bench/diff-node.mjs            (100k and 1M)
//   node bench/diff-node.mjs 100000     (one size)
//   DIFF_BENCH_RUNS=7                   (timed runs per size, median reported; default 5)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import daff from 'daff';

const root = process.env.DIFF_BENCH_ROOT ?? new URL('..', import.meta.url).pathname;
const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
const fake = await vite.ssrLoadModule('/test/support/fake-crm.ts');
const { TableBuilder } = await vite.ssrLoadModule('/src/core/model/table.ts');
const { diffTables } = await vite.ssrLoadModule('/src/core/diff/diff-tables.ts');
const { keyedDigests } = await vite.ssrLoadModule('/src/core/diff/dataset-digest.ts');
const { fingerprintRecords } = await vite.ssrLoadModule('/src/core/diff/fingerprint.ts');
const { measureDigestStrategies, describeDigestStrategies } = await vite.ssrLoadModule('/bench/lib/digest-strategies.ts');

const runs = Number(process.env.DIFF_BENCH_RUNS ?? 5);
const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [100_000, 1_000_000];
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;

/** Base table, and the new data: same people shuffled, columns reversed, edits as above. */
function makePair(n) {
  const rand = fake.createRandom(7);
  const { columns, rows } = fake.iterateContacts(n, 42);
  const baseB = new TableBuilder(columns);
  const kept = [];
  let i = 0;
  for (const row of rows) {
    baseB.appendRow(row, i + 2);
    const x = rand();
    if (x < 0.005) { i++; continue; } // removed
    const copy = [...row];
    if (x < 0.015) copy[1 + ((rand() * (columns.length - 1)) | 0)] = `edited ${i}`; // one field changed
    kept.push(copy);
    i++;
  }
  const extra = fake.iterateContacts(Math.round(n * 0.005), 43, { firstId: n + 1 });
  for (const row of extra.rows) kept.push([...row]);
  for (let k = kept.length - 1; k > 0; k--) { // Fisher–Yates shuffle
    const j = (rand() * (k + 1)) | 0;
    [kept[k], kept[j]] = [kept[j], kept[k]];
  }
  const order = columns.map((_, c) => columns.length - 1 - c);
  const nextB = new TableBuilder(order.map((c) => columns[c]));
  kept.forEach((row, r) => nextB.appendRow(order.map((c) => row[c]), r + 2));
  return { base: baseB.finish(), next: nextB.finish(), columns };
}

async function rawDigestCeiling(count) {
  const bufs = Array.from({ length: 4096 }, (_, k) => new TextEncoder().encode(`${k}:0000001 Ada Lovelace ada@example.com +44 20 7946 0958 Analytical Engines Ltd`));
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1024) {
    const p = [];
    for (let j = 0; j < 1024; j++) p.push(crypto.subtle.digest('SHA-256', bufs[(i + j) & 4095]));
    await Promise.all(p);
  }
  return count / ((performance.now() - t0) / 1000);
}

function toRows(t) {
  const out = [[...t.columns]];
  for (let r = 0; r < t.rowCount; r++) out.push(t.row(r).map((v) => v ?? ''));
  return out;
}

function daffDiff(base, next, key) {
  const a = new daff.TableView(toRows(base));
  const b = new daff.TableView(toRows(next));
  const t0 = performance.now();
  const flags = new daff.CompareFlags();
  flags.ordered = false;
  flags.addPrimaryKey(key);
  const alignment = daff.compareTables(a, b, flags).align();
  const out = new daff.TableView([]);
  new daff.TableDiff(alignment, flags).hilite(out);
  return { ms: performance.now() - t0, rows: out.height };
}

const q = (v) => `"${String(v ?? '').replaceAll('"', '""')}"`;

/** The table as CSV (every value quoted, missing as empty), for DuckDB to read. */
function toCsv(t) {
  const lines = [t.columns.map(q).join(',')];
  for (let r = 0; r < t.rowCount; r++) lines.push(t.row(r).map(q).join(','));
  return lines.join('\n') + '\n';
}

/**
 * DuckDB (native) on the same two tables: load both CSVs into tables, then the keyed diff as a
 * FULL OUTER JOIN on the key with IS DISTINCT FROM over every shared column; 1 and 2 threads.
 */
async function duckdbDiff(base, next, key, columns) {
  let duck;
  try {
    duck = await import('@duckdb/node-api');
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'crm-porter-diff-duck-'));
  try {
    writeFileSync(join(dir, 'b.csv'), toCsv(base));
    writeFileSync(join(dir, 'n.csv'), toCsv(next));
    const out = {};
    for (const threads of [1, 2]) {
      const db = await duck.DuckDBInstance.create(':memory:', { threads: String(threads) });
      const c = await db.connect();
      let t0 = performance.now();
      await c.run(`CREATE TABLE b AS SELECT * FROM read_csv('${join(dir, 'b.csv')}', header=true, all_varchar=true)`);
      await c.run(`CREATE TABLE n AS SELECT * FROM read_csv('${join(dir, 'n.csv')}', header=true, all_varchar=true)`);
      const load = performance.now() - t0;
      const k = `"${key}"`;
      const differ = columns.filter((col) => col !== key).map((col) => `n."${col}" IS DISTINCT FROM b."${col}"`).join(' OR ');
      const times = [];
      let rows = 0;
      for (let i = 0; i < 3; i++) {
        t0 = performance.now();
        const reader = await c.runAndReadAll(`SELECT count(*) FILTER (WHERE b.${k} IS NULL), count(*) FILTER (WHERE n.${k} IS NULL), count(*) FILTER (WHERE b.${k} IS NOT NULL AND n.${k} IS NOT NULL AND (${differ})) FROM n FULL OUTER JOIN b ON n.${k} = b.${k}`);
        times.push(performance.now() - t0);
        rows = reader.getRows()[0].map(Number);
      }
      out[threads] = { load, join: median(times), rows };
      c.closeSync?.();
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const opts = { key: { columns: ['Contact ID'], trim: true, caseInsensitive: false }, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: true };

for (const n of sizes) {
  const { base, next, columns } = makePair(n);
  console.log(`\n${fmt(base.rowCount)} × ${fmt(next.rowCount)} records, ${columns.length} columns`);
  await diffTables(base, next, opts); // warm-up
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const times = [];
  const phaseRuns = [];
  let diff;
  for (let k = 0; k < runs; k++) {
    // Phase ends from the progress events: keys (read, sorted), compare (pairs' text, then the
    // fields of the records that differ).
    const marks = {};
    const t0 = performance.now();
    const onProgress = (p) => { if (p.done === p.total || p.phase === 'compare') marks[p.phase] = performance.now() - t0; };
    diff = await diffTables(base, next, opts, { onProgress });
    const total = performance.now() - t0;
    times.push(total);
    let prev = 0;
    const phases = {};
    for (const ph of ['keys', 'compare']) if (marks[ph] !== undefined) { phases[ph] = marks[ph] - prev; prev = marks[ph]; }
    phases.rest = total - prev;
    phaseRuns.push(phases);
  }
  times.sort((a, b) => a - b);
  console.log(`  diffTables: median ${fmt(median(times))} ms (runs ${times.map(fmt).join(', ')} ms); rss after ${mib(process.memoryUsage().rss)} (before ${mib(rss0)})`);
  const names = Object.keys(phaseRuns[0]);
  console.log(`  phases (median ms): ${names.map((ph) => `${ph} ${fmt(median(phaseRuns.map((p) => p[ph] ?? 0)))}`).join(', ')}`);
  console.log(`  counts ${JSON.stringify(diff.counts)}, wouldClear ${diff.wouldClear}`);
  const s = diff.stats;
  console.log(`  pairs compared as records written as bytes: ${fmt(s.recordPairs)}; pairs whose text differs: ${fmt(s.textDiffers)}, of which differ in canonical form: ${fmt(s.canonicalDiffers)}; record digests ${fmt(s.recordDigests)}`);
  const d0 = performance.now();
  const digests = await keyedDigests(base, next, diff);
  console.log(`  keyed dataset digests, computed afterwards (as the page asks for them): ${fmt(performance.now() - d0)} ms; base ${digests.base.slice(0, 16)}…, next ${digests.next.slice(0, 16)}…`);
  const fpRows = Math.min(n, 200_000);
  const sub = new TableBuilder(columns);
  for (let r = 0; r < fpRows; r++) sub.appendRow(base.row(r), r + 2);
  const subTable = sub.finish();
  // The ceiling is measured right beside the per-record run: on a shared machine it moves.
  const ceiling = await rawDigestCeiling(200_000);
  console.log(`  raw crypto.subtle.digest ceiling (1 thread, 1024 in flight, ~90 B each): ${fmt(ceiling)} digests/s`);
  const t1 = performance.now();
  await fingerprintRecords(subTable, columns.map((_, c) => c));
  const rate = fpRows / ((performance.now() - t1) / 1000);
  console.log(`  per-record fingerprints (canonical + digest): ${fmt(rate)} records/s = ${((100 * rate) / ceiling).toFixed(0)}% of the raw ceiling; 1M would take ${(1e6 / rate).toFixed(1)} s`);
  for (const line of describeDigestStrategies(await measureDigestStrategies(base))) console.log(`  ${line}`);
  const ours = median(times);
  const best = times[0];
  if (n <= 100_000) {
    const d = daffDiff(base, next, 'Contact ID');
    console.log(`  daff keyed unordered compare + hilite: ${fmt(d.ms)} ms (${fmt(d.rows)} diff rows) → ours ${(d.ms / ours).toFixed(1)}× faster (median; ${(d.ms / best).toFixed(1)}× on our best run)`);
  }
  const duck = await duckdbDiff(base, next, 'Contact ID', columns);
  if (duck === null) console.log('  DuckDB: skipped (@duckdb/node-api not installed)');
  else {
    for (const [threads, d] of Object.entries(duck)) {
      console.log(`  DuckDB native, ${threads} thread(s): load ${fmt(d.load)} ms, join ${fmt(d.join)} ms (added ${fmt(d.rows[0])}, removed ${fmt(d.rows[1])}, differing ${fmt(d.rows[2])}) → ours ${(ours / d.join).toFixed(1)}× its join (median; ${(best / d.join).toFixed(1)}× on our best run)`);
    }
  }
  console.log(`  load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
await vite.close();
