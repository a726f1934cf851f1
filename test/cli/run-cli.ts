import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CRLF_DIALECT } from '../support/csv-dialect';

export const BIN = fileURLToPath(new URL('../../bin/crm-porter.mjs', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Spawns the real command, as a user or cron would, and collects what it printed. */
export function runCli(
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, LANG: 'C', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }),
    );
  });
}

/** The dialect of the jobs these tests save: comma, double quote, CR LF, a header row. */
export const JOB_DIALECT = CRLF_DIALECT;
