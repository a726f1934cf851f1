import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedCounts, WIDE, writeDiffPair } from '../../bench/lib/diff-files.mjs';
import { MEMORY_PER_BYTE } from '../../src/cli/files';
import { translate } from '../../src/i18n/translate';
import { runCli } from './run-cli';

let dir: string;
let jobPath: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-porter-run-big-'));
  await writeDiffPair(join(dir, 'night1.csv'), join(dir, 'night2.csv'), WIDE, ROWS);
  // The job the run benchmark replays (bench/cli-run.mjs): id, name, e-mail, city and notes
  // mapped to contact fields (e-mail lower-cased, name trimmed), keyed by the id, mirrored.
  jobPath = join(dir, 'job.json');
  writeFileSync(jobPath, readFileSync(new URL('../../bench/fixtures/contacts-run-job.json', import.meta.url)));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 100_000;
const LIMIT = 96 * 2 ** 20;

/** Every file of a directory, a snapshot's description without its id and time. */
function contents(out: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(out)
      .sort()
      .map((f) => {
        const bytes = readFileSync(join(out, f));
        if (!f.endsWith('.snapshot.json')) return [f, bytes.toString('base64')];
        const { id: _id, createdAt: _at, ...rest } = JSON.parse(bytes.toString('utf8'));
        return [f, JSON.stringify(rest)];
      }),
  );
}

/** One night of the job: exit 0 and its `--json` summary. */
async function night(input: string, out: string, extra: string[]) {
  mkdirSync(out, { recursive: true });
  const r = await runCli(['run', jobPath, '--new', input, '--out-dir', out, '--json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout.toString('utf8'));
}

describe('crm-porter run, streamed, on a file bigger than --max-memory reads whole', { timeout: 600_000 }, () => {
  it('runs two nights within the budget, and writes what the JS engine writes', async () => {
    const base = join(dir, 'night1.csv');
    const next = join(dir, 'night2.csv');
    const size = readFileSync(next).length;
    // The JS engine would need more than the budget: `--engine auto` must stream.
    expect(2 * size * MEMORY_PER_BYTE.diff).toBeGreaterThan(LIMIT);
    const tiny = join(dir, 'tiny.csv');
    writeFileSync(tiny, `${WIDE.header}\r\n${WIDE.record(1, '')}\r\n`);
    const own = (await night(tiny, join(dir, 'tiny'), ['--max-memory', '96M'])).peakMemory as number;
    // Night one alone would fit the JS engine: streamed on request. Night two, with its
    // baseline, does not: `auto` streams it.
    const first = await night(base, join(dir, 's1'), ['--max-memory', '96M', '--engine', 'duckdb']);
    expect(first.engine).toBe('stream');
    const snapshot = join(dir, 's1', 'contacts-snapshot.snapshot.json');
    const second = await night(next, join(dir, 's2'), ['--baseline', snapshot, '--max-memory', '96M']);
    expect(second.engine).toBe('stream');
    const want = expectedCounts(ROWS);
    expect(second.counts).toMatchObject({ added: want.added, removed: want.removed, modified: want.modified });
    // Above what the command takes for a two-line file (Node and its code), within the budget.
    expect(first.peakMemory - own).toBeLessThan(LIMIT);
    expect(second.peakMemory - own).toBeLessThan(LIMIT);
    // The same nights through the JS engine, with no budget: the same files.
    await night(base, join(dir, 'j1'), ['--engine', 'js']);
    const js = await night(next, join(dir, 'j2'), [
      '--engine',
      'js',
      '--baseline',
      join(dir, 'j1', 'contacts-snapshot.snapshot.json'),
    ]);
    expect(js.engine).toBe('js');
    expect(contents(join(dir, 's1'))).toEqual(contents(join(dir, 'j1')));
    expect(contents(join(dir, 's2'))).toEqual(contents(join(dir, 'j2')));
  });

  it('Ctrl-C (SIGINT) leaves no output file and no temporary folder', async () => {
    const input = join(dir, 'night1.csv');
    const out = mkdtempSync(join(dir, 'int-'));
    const temp = mkdtempSync(join(dir, 'tmp-'));
    let pid = 0;
    let exited = false;
    const running = runCli(
      ['run', jobPath, '--new', input, '--out-dir', out, '--engine', 'duckdb'],
      { onSpawn: (p) => (pid = p), env: { TMPDIR: temp } },
    ).finally(() => (exited = true));
    // Interrupt once the error report is being written (pass 3 has begun, temporary files exist).
    // The run's temporary folder exists by then: checked below that it is gone.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (readdirSync(out).some((f) => f.endsWith('.part'))) {
          clearInterval(poll);
          process.kill(pid, 'SIGINT');
          resolve();
        } else if (existsSync(join(out, 'contacts.csv')) || exited) {
          clearInterval(poll);
          reject(new Error('finished before the interrupt'));
        }
      }, 2);
    });
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(translate('en', 'cli.interrupted'));
    expect(readdirSync(out)).toEqual([]);
    // The run's temporary folder (tsx keeps its own cache there).
    expect(readdirSync(temp).filter((f) => f.startsWith('crm-porter-'))).toEqual([]);
  });
});
