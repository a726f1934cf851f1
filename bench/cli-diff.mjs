// Keyed diff N × N through the crm-porter command: JS engine, DuckDB engine, and raw DuckDB SQL
// doing the same FULL OUTER JOIN on the same files (the anchor). Wall time and peak memory (max
// RSS from /usr/bin/time) of each whole process: read both files + diff + write the changes.
// Not part of `npm run bench` (1M rows takes minutes with the JS engine):
//   node bench/cli-diff.mjs            # 1M × 1M
//   node bench/cli-diff.mjs --rows 10000000 --skip-js --max-memory 1G [--dir DIR]
// --max-memory is passed to crm-porter (not to the anchor); --generate-only writes the files.
// The load average is printed before and after: on a shared machine, read wall times with it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIDE, writeDiffPair } from './lib/diff-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const rows = Number(args[args.indexOf('--rows') + 1] || 0) || 1_000_000;
const skipJs = args.includes('--skip-js');
const maxMemory = args.includes('--max-memory') ? args[args.indexOf('--max-memory') + 1] : null;
// --dir keeps the generated files somewhere of one's choosing (they are reused when present).
const dir = args.includes('--dir')
  ? join(resolve(args[args.indexOf('--dir') + 1]), String(rows))
  : join(tmpdir(), `crm-porter-bench-${rows}`);
mkdirSync(dir, { recursive: true });
const base = join(dir, 'base.csv');
const next = join(dir, 'new.csv');

/** Deterministic data (bench/lib/diff-files.mjs): 10% modified, 1% removed, 1% added. */
async function generate() {
  if (existsSync(base) && existsSync(next)) return;
  await writeDiffPair(base, next, WIDE, rows);
}

function timed(label, argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...argv], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, user, sys, kb] = last.split(' ').map(Number);
  // CPU time beside wall time: on a shared machine the wall clock includes waiting for a core.
  console.log(
    `${label.padEnd(26)} ${secs.toFixed(2).padStart(7)} s wall  ${(user + sys).toFixed(2).padStart(7)} s CPU  ${(kb / 1024).toFixed(0).padStart(6)} MB peak  exit ${r.status}`,
  );
  if (r.status !== 0 && r.status !== 1) console.log(r.stderr.slice(0, 2000));
  // CRM_PORTER_TRACE=1: the DuckDB engine's time by step, under its line.
  for (const line of r.stderr.split('\n')) if (line.startsWith('trace ')) console.log(`    ${line}`);
}

await generate();
if (args.includes('--generate-only')) process.exit(0);
console.log(
  `keyed diff ${rows.toLocaleString()} × ${rows.toLocaleString()} — ${(statSync(base).size / 1e6).toFixed(0)} MB + ${(statSync(next).size / 1e6).toFixed(0)} MB, Node ${process.version}`,
);
const bin = join(root, 'bin/crm-porter.mjs');
const diff = (engine) => [
  process.execPath,
  // The JS engine holds both files; DuckDB runs as a user runs it (its --max-memory applies).
  ...(engine === 'js' ? ['--max-old-space-size=8192'] : []),
  bin,
  'diff',
  '--baseline',
  base,
  '--new',
  next,
  '--key',
  'id',
  '--mode',
  'mirror',
  '--format',
  'csv',
  '--out',
  join(dir, `changes-${engine}.csv`),
  '--engine',
  engine,
  '--quiet',
  ...(maxMemory ? ['--max-memory', maxMemory] : []),
];
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`load average before: ${load()}`);
if (!skipJs) timed('crm-porter --engine js', diff('js'));
timed('crm-porter --engine duckdb', diff('duckdb'));
// The anchor: the same join in DuckDB alone, changed records written as CSV.
const sql = `
  COPY (
    WITH b AS (SELECT * FROM read_csv('${base}', header=true, all_varchar=true)),
         n AS (SELECT * FROM read_csv('${next}', header=true, all_varchar=true))
    SELECT coalesce(n.id, b.id) AS id, n.name, n.email, n.city, n.notes
    FROM n FULL OUTER JOIN b ON n.id = b.id
    WHERE b.id IS NULL OR n.id IS NULL OR n.name IS DISTINCT FROM b.name OR n.email IS DISTINCT FROM b.email
       OR n.city IS DISTINCT FROM b.city OR n.notes IS DISTINCT FROM b.notes
  ) TO '${join(dir, 'changes-sql.csv')}' (HEADER)`;
const script = `import('@duckdb/node-api').then(async (d) => { const i = await d.DuckDBInstance.create(':memory:'); const c = await i.connect(); await c.run(${JSON.stringify(sql)}); })`;
timed('raw DuckDB SQL', [process.execPath, '--input-type=module', '-e', script]);
// The anchor reads both files, joins on the key and writes the changed records, as the engine
// does; what the engine must do besides is said beside the figures, never left out of its side.
console.log(
  'anchor skips: key normalisation (trim, NFC, case), the key-conflict check, the record order ' +
    '(new file, then gone records), update rules / cosmetic class / mode and their counts, the ' +
    "merged record of an update (it writes the new side, NULLs for a gone record), the page's CSV " +
    "writer (operation column, quoting, formula guard), and the new file's BOM check",
);
console.log(`load average after: ${load()}`);
