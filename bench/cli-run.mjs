// `crm-porter run` of a saved job on N records, night two against night one's snapshot, with the
// JS engine and with the streamed run (`--engine duckdb`), in the same run: wall time, CPU time
// and peak memory (max RSS from /usr/bin/time) of each whole process, and whether their outputs
// are the same bytes (the snapshot's description aside: its id and time are its own).
// Not part of `npm run bench` (1M records takes minutes). Hold the machine-wide lock for 1M+:
//   flock /work/wt/bench.lock nice -n 5 node bench/cli-run.mjs --rows 1000000 [--max-memory 1G]
//   node bench/cli-run.mjs --rows 5000000 --skip-js --max-memory 1G --dir DIR
// The job is bench/fixtures/contacts-run-job.json (the files' five columns mapped to contact
// fields, keyed by the id, mirrored); the files are bench/lib/diff-files.mjs's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIDE, writeDiffPair } from './lib/diff-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const rows = Number(arg('--rows') || 0) || 1_000_000;
const skipJs = args.includes('--skip-js');
const maxMemory = arg('--max-memory');
const dir = arg('--dir') ? join(resolve(arg('--dir')), String(rows)) : join(tmpdir(), `crm-porter-bench-${rows}`);
mkdirSync(dir, { recursive: true });
const night1 = join(dir, 'base.csv');
const night2 = join(dir, 'new.csv');
if (!(existsSync(night1) && existsSync(night2))) await writeDiffPair(night1, night2, WIDE, rows);
const job = join(root, 'bench/fixtures/contacts-run-job.json');
const bin = join(root, 'bin/crm-porter.mjs');
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function timed(label, engine, input, baseline, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const argv = [
    process.execPath,
    ...(engine === 'js' ? ['--max-old-space-size=8192'] : []),
    bin,
    'run',
    job,
    '--new',
    input,
    ...(baseline ? ['--baseline', baseline] : []),
    '--out-dir',
    out,
    '--engine',
    engine,
    '--quiet',
    ...(engine !== 'js' && maxMemory ? ['--max-memory', maxMemory] : []),
  ];
  const before = load();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...argv], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const [secs, user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  console.log(
    `${label.padEnd(34)} ${secs.toFixed(2).padStart(7)} s wall  ${(user + sys).toFixed(2).padStart(7)} s CPU  ${(kb / 1024).toFixed(0).padStart(6)} MB peak  exit ${r.status}  load ${before}`,
  );
  if (r.status !== 0) console.log(r.stderr.slice(0, 2000));
  for (const line of r.stderr.split('\n')) if (line.startsWith('trace ')) console.log(`    ${line}`);
}

/** An output's bytes (a snapshot description without its id and time, which are its own). */
function read(d, f) {
  const bytes = readFileSync(join(d, f));
  if (!f.endsWith('.snapshot.json')) return bytes.toString('base64');
  const { id: _i, createdAt: _c, ...rest } = JSON.parse(bytes.toString('utf8'));
  return JSON.stringify(rest);
}

/** Every output of two runs, byte for byte. */
function same(a, b) {
  const files = readdirSync(a).sort();
  return JSON.stringify(files) === JSON.stringify(readdirSync(b).sort()) && files.every((f) => read(a, f) === read(b, f));
}

console.log(`crm-porter run, ${rows.toLocaleString()} records a night, Node ${process.version}`);
// Night one (no baseline) gives the snapshot both engines compare night two with.
const first = join(dir, 'night1');
timed('night 1, streamed', 'duckdb', night1, null, first);
const snapshot = join(first, 'contacts-snapshot.snapshot.json');
if (!skipJs) timed('night 2, --engine js', 'js', night2, snapshot, join(dir, 'js'));
timed(`night 2, streamed${maxMemory ? ` --max-memory ${maxMemory}` : ''}`, 'duckdb', night2, snapshot, join(dir, 'stream'));
if (!skipJs) console.log(`outputs identical: ${same(join(dir, 'js'), join(dir, 'stream'))}`);
console.log(`load average after: ${load()}`);
