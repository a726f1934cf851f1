import { spawn } from 'node:child_process';
import { formatBytes } from '../i18n/translate';
import { parseSize } from './files';
import { pickLocale, translator } from './text';

/** Set in the relaunched process, so it does not relaunch again. */
const CHILD = 'CRM_PORTER_HEAP';

/**
 * `--max-memory` made real for JavaScript: V8 grows its heap lazily and collects late, so a
 * streaming command that holds little can still show hundreds of MB resident. The heap's size is
 * fixed when Node starts, so with `--max-memory SIZE` the command starts itself again with the
 * old generation capped at SIZE (and a small young generation below 256 MB): garbage is then
 * collected before the heap passes the budget. Returns the child's exit code, or null when no
 * relaunch is needed (no flag, a bad value that the command itself explains, or already capped).
 * Signals (Ctrl-C, SIGTERM) are passed on, so the child still removes its temporary files.
 */
export async function relaunch(
  bin: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number | null> {
  if (env[CHILD] === '1') return null;
  if (process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) return null;
  const at = argv.findIndex((a) => a === '--max-memory' || a.startsWith('--max-memory='));
  if (at < 0) return null;
  const raw = argv[at]?.includes('=') ? argv[at]?.slice('--max-memory='.length) : argv[at + 1];
  const size = raw === undefined ? null : parseSize(raw);
  if (size === null || size <= 0) return null;
  // At least 32 MiB: the command's own code holds 11–14 MB of heap once loaded (measured with
  // `process.memoryUsage()` after importing main.ts), so a 16 MiB cap failed now and then before
  // any work, depending on when V8 collected.
  const mib = Math.max(32, Math.ceil(size / 2 ** 20));
  const flags = [`--max-old-space-size=${mib}`];
  if (mib < 256) flags.push('--max-semi-space-size=4');
  const child = spawn(process.execPath, [...process.execArgv, ...flags, bin, ...argv], {
    stdio: 'inherit',
    env: { ...env, [CHILD]: '1' },
  });
  const pass = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = pass('SIGINT');
  const onTerm = pass('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  if (code !== null && code !== 134) return code;
  if (signal === 'SIGINT' || signal === 'SIGTERM') return 130;
  // V8 aborts when the heap is full: say what happened and what to do, instead of a crash alone.
  const langAt = argv.indexOf('--lang');
  const t = translator(pickLocale(langAt >= 0 ? argv[langAt + 1] : undefined, env));
  const locale = pickLocale(langAt >= 0 ? argv[langAt + 1] : undefined, env);
  process.stderr.write(
    `${t('cli.error', { message: t('cli.memory.exceeded', { limit: formatBytes(locale, size) }) })}\n`,
  );
  return 2;
}
