// The commit step as the app runs it, in Node: DatasetEngine.open → applyMapping with the
// suggested mapping → loadBaseline → runDiff (as bench/compare-engine.mjs) → commit, on the
// files of the whole-path bench (bench/whole-path.mjs). Beside the whole commit, its parts on
// the same merged view: the NDJSON bytes alone, the file's SHA-256 over them, the records'
// canonical encoding alone, the fingerprints (encoding + per-record SHA-256), and the snapshot with
// the fingerprints in one pass over the cells (writeCommitData, what the commit runs). In Node there
// is no helper worker, so everything runs in this thread: the sum of the parts is the work the
// page splits between the engine and its digest helper. Figures only; nothing passes or fails on
// time. Report them with the load average, as ratios.
//   node bench/commit-engine.mjs [--rows=N] [--kind=clean|messy] [--runs=N]
//   COMMIT_PROFILE=/tmp/commit.cpuprofile …   (a V8 CPU profile of the last commit, WebAssembly SHA-256)
// At 1M rows this holds several GB: run it under the machine-wide bench lock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
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
const time = async (f) => {
  globalThis.gc?.();
  const t0 = performance.now();
  const out = await f();
  return { ms: performance.now() - t0, out };
};

const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
const dir = mkdtempSync(join(tmpdir(), 'crm-porter-commit-'));
try {
  const load = (path) => vite.ssrLoadModule(path);
  const fake = await load('/test/support/fake-crm.ts');
  const { DatasetEngine } = await load('/src/core/engine/dataset-engine.ts');
  const { CONTACT_OBJECT } = await load('/src/core/schema/contact-object.ts');
  const { adviceFor } = await load('/src/core/mapping/transform-advice.ts');
  const { DEFAULT_RULES } = await load('/src/core/diff/import-mode.ts');
  const { mergedView } = await load('/src/core/diff/apply-changes.ts');
  const { NdjsonBytesWriter } = await load('/src/core/write/ndjson-bytes.ts');
  const { SNAPSHOT_LAYOUT, SNAPSHOT_PART_BYTES } = await load('/src/core/engine/snapshot-data.ts');
  const { Sha256Stream } = await load('/src/core/diff/sha256-js.ts');
  const { RecordEncoder } = await load('/src/core/diff/canonical-form.ts');
  const { fingerprintRecords } = await load('/src/core/diff/fingerprint.ts');
  const { writeCommitData } = await load('/src/core/engine/commit-data.ts');
  const { useSha256Here } = await load('/src/core/diff/sha256-here.ts');
  const { loadWasmSha256 } = await load('/src/core/diff/sha256-wasm.ts');
  // Each timed part runs with the TypeScript SHA-256 and with the WebAssembly one installed in
  // this thread (as the engine worker and the command do), run for run.
  const wasm = await loadWasmSha256();
  const files = await writeFiles(fake, dir, kind, rows);
  const engine = new DatasetEngine();
  await engine.open(new Uint8Array(readFileSync(files.path)), 'current.csv');
  const proposal = await engine.proposeMapping(CONTACT_OBJECT);
  const columns = proposal.suggestions.map((s) => {
    const field = s.apply ? s.field : null;
    return { column: s.column, field, transforms: [...(adviceFor(proposal.advice[s.column], field)?.applied ?? [])], origin: 'unmapped' };
  });
  await engine.applyMapping({ object: CONTACT_OBJECT, columns, defaultCountry: proposal.phoneCountry.country });
  const baseline = await engine.loadBaseline(new Uint8Array(readFileSync(files.basePath)), 'baseline.csv', null);
  const shared = baseline.columns.filter((c) => !baseline.columnsOnlyInBaseline.includes(c));
  const options = {
    key: { columns: baseline.keySuggestions[0]?.columns ?? [], trim: true, caseInsensitive: false },
    compareColumns: shared,
    mode: 'add-update',
    rules: DEFAULT_RULES,
    quietClass: true,
  };
  const summary = await engine.runDiff(options, {}, kind === 'messy' ? 'include' : 'skip');
  const session = engine.review.session;
  const view = mergedView(session.sides.base, session.sides.next, session.diff, session.decisions);
  const merged = view.table;
  const order = merged.columns.map((_, i) => i);

  const writeOnly = () => {
    const w = new NdjsonBytesWriter(merged, SNAPSHOT_PART_BYTES + (SNAPSHOT_PART_BYTES >> 2), SNAPSHOT_LAYOUT);
    w.writeHeader();
    let size = 0;
    for (let r = 0; r < merged.rowCount; r += 256) {
      w.writeRows(r, Math.min(merged.rowCount, r + 256));
      if (w.pos >= SNAPSHOT_PART_BYTES) {
        size += w.pos;
        w.rewind();
      }
    }
    return size + w.pos;
  };
  // The parts, once, for the file hash alone.
  const parts = [];
  {
    const w = new NdjsonBytesWriter(merged, SNAPSHOT_PART_BYTES + (SNAPSHOT_PART_BYTES >> 2), SNAPSHOT_LAYOUT);
    w.writeHeader();
    for (let r = 0; r < merged.rowCount; r += 256) {
      w.writeRows(r, Math.min(merged.rowCount, r + 256));
      if (w.pos >= SNAPSHOT_PART_BYTES || r + 256 >= merged.rowCount) {
        parts.push(w.bytes.slice(0, w.pos));
        w.rewind();
      }
    }
  }
  const hashWasm = () => {
    const s = wasm.stream();
    for (const p of parts) s.update(p);
    return s.digest();
  };
  const hashOnly = () => {
    const s = new Sha256Stream();
    for (const p of parts) s.update(p);
    return s.digest();
  };
  const encodeOnly = () => {
    const enc = new RecordEncoder(merged, order);
    const ends = new Uint32Array(4097);
    let bytes = 0;
    for (let r = 0; r < merged.rowCount; r += 4096) {
      enc.rewind();
      enc.encode(r, Math.min(merged.rowCount, r + 4096), ends, 1);
      bytes += enc.pos;
    }
    return bytes;
  };
  const results = { write: [], hash: [], hashWasm: [], encode: [], fingerprints: [], fingerprintsWasm: [], onePass: [], onePassWasm: [], commit: [], commitWasm: [] };
  let size = 0;
  let canonical = 0;
  const profileTo = process.env.COMMIT_PROFILE;
  const inspector = profileTo ? new Session() : null;
  for (let k = 0; k < runs; k++) {
    const w = await time(writeOnly);
    size = w.out;
    results.write.push(w.ms);
    results.hash.push((await time(hashOnly)).ms);
    results.hashWasm.push((await time(hashWasm)).ms);
    const e = await time(encodeOnly);
    canonical = e.out;
    results.encode.push(e.ms);
    results.fingerprints.push((await time(() => fingerprintRecords(merged, order))).ms);
    results.onePass.push((await time(async () => (await writeCommitData(merged, order)).snapshot.sha256)).ms);
    results.commit.push((await time(() => session.commit(undefined, () => {}))).ms);
    useSha256Here(wasm);
    results.fingerprintsWasm.push((await time(() => fingerprintRecords(merged, order))).ms);
    results.onePassWasm.push((await time(async () => (await writeCommitData(merged, order)).snapshot.sha256)).ms);
    // The profile: the last run's commit with the WebAssembly SHA-256, as the engine runs it.
    if (inspector && k === runs - 1) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    results.commitWasm.push((await time(() => session.commit(undefined, () => {}))).ms);
    useSha256Here(null);
  }
  if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
    inspector.disconnect();
  }
  const row = (name, list, note = '') => console.log(`  ${name.padEnd(44)} ${fmt(median(list)).padStart(9)}  (runs ${list.map(fmt).join(', ')})${note}`);
  console.log(`commit-engine, ${kind}, ${rows.toLocaleString('en-US')} rows, load average ${loadavg()[0].toFixed(1)}; ${JSON.stringify(summary.counts)}`);
  console.log(`  NDJSON ${(size / 1e6).toFixed(0)} MB, canonical records ${(canonical / 1e6).toFixed(0)} MB`);
  row('NDJSON bytes alone (NdjsonBytesWriter)', results.write);
  row('file SHA-256 alone (Sha256Stream)', results.hash, ` = ${((size / 1e6) / (median(results.hash) / 1000)).toFixed(0)} MB/s`);
  row('file SHA-256 alone (WebAssembly)', results.hashWasm, ` = ${((size / 1e6) / (median(results.hashWasm) / 1000)).toFixed(0)} MB/s`);
  row('canonical encoding alone (RecordEncoder)', results.encode);
  row('fingerprints (encode + SHA-256 per record)', results.fingerprints);
  row('fingerprints, WebAssembly SHA-256', results.fingerprintsWasm);
  row('snapshot + fingerprints in one pass (+ SHA)', results.onePass);
  row('the same, WebAssembly SHA-256', results.onePassWasm);
  row('whole commit, one thread', results.commit);
  row('whole commit, one thread, WebAssembly SHA-256', results.commitWasm, ` (${(median(results.commit) / median(results.commitWasm)).toFixed(2)}× faster)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await vite.close();
}
