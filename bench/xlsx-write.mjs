// `node bench/xlsx-write.mjs [--quick]` (also part of `npm run bench`): the streaming .xlsx writer
// beside the CSV writer on the same table in the same run — median time, output size, peak
// memory. Figures only; nothing passes or fails on time.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { measure, printTable, startRssSampler } from './lib/measure.mjs';

const CSV_WRITE = { delimiter: ',', quoting: 'minimal', newline: '\r\n', bom: false, formulaGuard: true };
const CSV_DIALECT = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

/** Writes every chunk through an encoder as the export does, counting bytes and sampling memory. */
async function drainBytes(chunks, sample) {
  const encoder = new TextEncoder();
  let bytes = 0;
  for await (const c of chunks) {
    bytes += typeof c === 'string' ? encoder.encode(c).length : c.length;
    sample();
  }
  return bytes;
}

export async function runXlsxWrite({ root, sizes }) {
  const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
  const rss = startRssSampler();
  try {
    const fake = await vite.ssrLoadModule('/test/support/fake-crm.ts');
    const { readCsv } = await vite.ssrLoadModule('/src/core/read/csv-read.ts');
    const { serializeCsv } = await vite.ssrLoadModule('/src/core/write/csv-write.ts');
    const { writeXlsx } = await vite.ssrLoadModule('/src/core/write/xlsx-write.ts');
    for (const n of sizes) {
      const runs = n >= 1e6 ? 1 : 3;
      const { table } = await readCsv(fake.contactsToCsv(fake.iterateContacts(n, 42)), CSV_DIALECT);
      const rows = [];
      let csvBytes = 0;
      const csv = await measure(async (s) => (csvBytes = await drainBytes(serializeCsv(table, CSV_WRITE), s)), runs, rss);
      rows.push({ name: 'serializeCsv (ref)', bytes: csvBytes, ...csv, ratio: 1 });
      let xlsxBytes = 0;
      const opts = { sheetName: 'Contacts', overflow: 'split' };
      const xlsx = await measure(async (s) => (xlsxBytes = await drainBytes(writeXlsx(table, opts), s)), runs, rss);
      rows.push({ name: 'writeXlsx', bytes: xlsxBytes, ...xlsx, ratio: xlsx.ms / csv.ms });
      printTable(`.xlsx write vs CSV write — ${n.toLocaleString('en')} contacts × ${table.columns.length} columns (${runs} run${runs > 1 ? 's' : ''})`, rows, [
        'input column: bytes written (CSV text; .xlsx compressed ZIP). MB/s over those bytes.',
        'peak heap: growth of heapUsed+external over a post-GC baseline, sampled between chunks; peak RSS sampled every 5 ms from a thread.',
      ]);
    }
  } finally {
    rss.stop();
    await vite.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (typeof globalThis.gc !== 'function') {
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(child.status ?? 1);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const sizes = process.argv.includes('--quick') ? [100_000] : [100_000, 1_000_000];
  await runXlsxWrite({ root, sizes });
  process.exit(0);
}
