// Part a: our core readers and writers in Node against the reference libraries, same input,
// same process. Core modules load through Vite's SSR loader, so no build step is needed.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { createServer } from 'vite';
import { drain, measure, printTable, startRssSampler } from './lib/measure.mjs';

const CSV_DIALECT = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

// The app's CSV export defaults (formula guard on), but LF like Papa.unparse's output.
const CSV_WRITE = { delimiter: ',', quoting: 'minimal', newline: '\n', bom: false, formulaGuard: true };

const MEMORY_NOTE = 'peak heap: growth of heapUsed+external over a post-GC baseline, sampled in progress callbacks/between chunks; peak RSS: sampled every 5 ms from a thread.';

/** Loads one export of a core module, or says why it is skipped. Others are still writing them. */
async function loadCore(vite, root, path, name) {
  if (!existsSync(resolve(root, `.${path}`))) return { skipped: `${path} not found` };
  try {
    const mod = await vite.ssrLoadModule(path);
    return typeof mod[name] === 'function' ? { fn: mod[name] } : { skipped: `${path} has no export ${name}` };
  } catch (err) {
    return { skipped: `${path} failed to load: ${String(err?.message ?? err).split('\n')[0]}` };
  }
}

const progress = (sample) => ({ onProgress: sample });
const writer = (mod, call) => (mod.skipped ? mod : { run: (s) => drain(call(mod.fn), s) });
const outBytes = (make) => Buffer.byteLength(make());
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

/** Times ours and the reference; a failure of ours is reported as a row, not a crash. */
async function pair(rows, name, bytes, runs, rss, ours, ref, refName, refRuns = runs) {
  const r = await measure(ref, refRuns, rss);
  rows.push({ name: `${refName} (ref${refRuns === runs ? '' : `, ${refRuns} run`})`, bytes, ...r, ratio: 1 });
  if (ours.skipped) return rows.push({ name, bytes, skipped: ours.skipped });
  try {
    const o = await measure(ours.run, runs, rss);
    rows.push({ name, bytes, ...o, ratio: o.ms / r.ms });
  } catch (err) {
    rows.push({ name, bytes, skipped: `threw: ${String(err?.message ?? err).split('\n')[0]}` });
  }
}

export async function runNodeCore({ root, sizes }) {
  const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
  const rss = startRssSampler();
  try {
    const fake = await vite.ssrLoadModule('/test/support/fake-crm.ts');
    const model = await vite.ssrLoadModule('/src/core/model/table.ts');
    const readCsv = await loadCore(vite, root, '/src/core/read/csv-read.ts', 'readCsv');
    const readJson = await loadCore(vite, root, '/src/core/read/json-read.ts', 'readJson');
    const readXml = await loadCore(vite, root, '/src/core/read/xml-read.ts', 'readXml');
    const serializeCsv = await loadCore(vite, root, '/src/core/write/csv-write.ts', 'serializeCsv');
    const serializeJson = await loadCore(vite, root, '/src/core/write/json-write.ts', 'serializeJson');
    const serializeXml = await loadCore(vite, root, '/src/core/write/xml-write.ts', 'serializeXml');

    for (const n of sizes) {
      const runs = n >= 1e6 ? 3 : 5;
      const reads = [];
      const writes = [];
      const data = () => fake.iterateContacts(n, 42);

      // CSV read, then the writers from the same data while the table is at hand.
      let csv = fake.contactsToCsv(data());
      const csvBytes = Buffer.byteLength(csv);
      await pair(reads, 'readCsv', csvBytes, runs, rss,
        { ...readCsv, run: (s) => readCsv.fn(csv, CSV_DIALECT, progress(s)) },
        () => Papa.parse(csv), 'Papa.parse');
      const { columns, rows } = fake.generateContacts(n, 42);
      // Writers take a Table: readCsv's when it exists, else one packed straight from the rows.
      const table = readCsv.fn ? (await readCsv.fn(csv, CSV_DIALECT)).table : model.tableFromRows(columns, rows);
      csv = undefined;
      const keys = columns.map(fake.toFieldName);
      const objects = rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
      // MB/s for a writer pair is over the reference output's size: both emit the same data.
      const unparse = () => Papa.unparse({ fields: columns, data: rows });
      await pair(writes, 'serializeCsv', outBytes(unparse), runs, rss,
        writer(serializeCsv, (f) => f(table, CSV_WRITE)), unparse, 'Papa.unparse');
      const stringify = () => JSON.stringify(objects);
      await pair(writes, 'serializeJson', outBytes(stringify), runs, rss,
        writer(serializeJson, (f) => f(table, { style: 'compact' })), stringify, 'JSON.stringify');
      const build = () => new XMLBuilder().build({ contacts: { contact: objects } });
      await pair(writes, 'serializeXml', outBytes(build), runs, rss,
        writer(serializeXml, (f) => f(table, { root: 'contacts', record: 'contact', declaration: true })), build, 'XMLBuilder.build');

      let json = fake.contactsToJson(data());
      await pair(reads, 'readJson', Buffer.byteLength(json), runs, rss,
        { ...readJson, run: (s) => readJson.fn(json, {}, progress(s)) }, () => JSON.parse(json), 'JSON.parse');
      json = undefined;

      let xml = fake.contactsToXml(data());
      await pair(reads, 'readXml', Buffer.byteLength(xml), runs, rss,
        { ...readXml, run: (s) => readXml.fn(xml, {}, progress(s)) },
        () => new XMLParser({ ignoreAttributes: false }).parse(xml), 'XMLParser.parse',
        // fast-xml-parser takes ~50 s on the 1M document: one run keeps the bench under 5 min.
        n >= 1e6 ? 1 : runs);
      xml = undefined;

      printTable(`Node core — read, ${label(n)} rows × ${columns.length} columns (median of ${runs})`, reads, [MEMORY_NOTE]);
      printTable(`Node core — write, ${label(n)} rows × ${columns.length} columns (median of ${runs})`, writes,
        [MEMORY_NOTE, 'MB/s of a writer pair uses the reference output size for both.', 'serializeCsv runs with the formula guard on (the app default); Papa.unparse has none.']);
    }
  } finally {
    await rss.stop();
    await vite.close();
  }
}
