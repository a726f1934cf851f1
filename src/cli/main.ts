import { parseArgs, type ParseArgsConfig } from 'node:util';
import { useSha256Here } from '../core/diff/sha256-here';
import { loadWasmSha256 } from '../core/diff/sha256-wasm';
import { CliError } from './cli-error';
import { EXIT, type CliContext } from './context';
import { convert } from './convert';
import { diffCommand } from './diff-command';
import { parseSize, removePending } from './files';
import { inspect } from './inspect';
import { choice, csvOptions, exportRequest, importMode, list, required, updateRules, type Values } from './options';
import { Progress } from './progress';
import { runJob } from './run';
import { loadLocale } from '../i18n/translate';
import { describeFailure, pickLocale, translator } from './text';
import { isAbortError } from '../core/model/porter-error';

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = {
  json: { type: 'boolean' },
  lang: { type: 'string' },
  'max-memory': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const WRITER: Options = {
  delimiter: { type: 'string' },
  bom: { type: 'boolean' },
  'no-bom': { type: 'boolean' },
  'no-formula-guard': { type: 'boolean' },
  quoting: { type: 'string' },
  newline: { type: 'string' },
  style: { type: 'string' },
  root: { type: 'string' },
  sheet: { type: 'string' },
  overflow: { type: 'string' },
  record: { type: 'string' },
};

const COMMANDS: Readonly<Record<string, Options>> = {
  inspect: {},
  convert: {
    to: { type: 'string' },
    out: { type: 'string' },
    sha256: { type: 'boolean' },
    ...WRITER,
  },
  diff: {
    baseline: { type: 'string' },
    new: { type: 'string' },
    key: { type: 'string' },
    mode: { type: 'string' },
    empty: { type: 'string' },
    update: { type: 'string' },
    rule: { type: 'string', multiple: true },
    'undo-out': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    compare: { type: 'string' },
    'ignore-case': { type: 'boolean' },
    'no-trim': { type: 'boolean' },
    'no-cosmetic': { type: 'boolean' },
    engine: { type: 'string' },
    ...WRITER,
  },
  run: {
    new: { type: 'string' },
    baseline: { type: 'string' },
    'out-dir': { type: 'string' },
    engine: { type: 'string' },
    'allow-missing-columns': { type: 'boolean' },
  },
};

/**
 * The `crm-porter` command: parses the arguments, runs one subcommand on the engine of
 * `src/core`, and returns the exit code. Every message comes from the page's catalogue.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // The language is needed before the arguments are known to be valid, to explain them.
  const langAt = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const langFlag =
    langAt < 0
      ? undefined
      : argv[langAt]?.includes('=')
        ? argv[langAt]?.split('=')[1]
        : argv[langAt + 1];
  const locale = pickLocale(langFlag, env);
  await loadLocale(locale);
  // A commit's snapshot digest and fingerprints (no helper thread here) with the WebAssembly
  // SHA-256: ~2× the TypeScript one, same digests (docs/architecture.md, "Hashing").
  useSha256Here(await loadWasmSha256());
  const t = translator(locale);
  const jsonMode = argv.includes('--json');
  const controller = new AbortController();
  const onSigint = () => controller.abort(new DOMException('Interrupted', 'AbortError'));
  // on, not once: a relaunched command (relaunch.ts) can get Ctrl-C twice, from the terminal and its parent.
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const progress = new Progress(
    t,
    locale,
    process.stderr.isTTY === true && !jsonMode && !argv.includes('--quiet'),
  );
  const say = (line: string) => {
    progress.done();
    process.stderr.write(`${line}\n`);
  };
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${t('cli.help')}\n`);
      return command === undefined ? EXIT.error : EXIT.ok;
    }
    if (command === '--version') {
      process.stdout.write('crm-porter 0.1.0\n');
      return EXIT.ok;
    }
    const options = COMMANDS[command];
    if (options === undefined)
      throw new CliError('cli.arg.unknown-command', { name: command }, true);
    let parsed: { values: Values; positionals: string[] };
    try {
      parsed = parseArgs({
        args: [...rest],
        options: { ...COMMON, ...options },
        allowPositionals: true,
        strict: true,
      }) as typeof parsed;
    } catch (err) {
      throw argError(err);
    }
    const { values, positionals } = parsed;
    if (values['help'] === true) {
      process.stdout.write(`${t('cli.help')}\n`);
      return EXIT.ok;
    }
    if (typeof values['lang'] === 'string') choice(values, 'lang', ['en', 'zh-CN', 'zh-cn', 'zh']);
    let maxMemory: number | null = null;
    if (typeof values['max-memory'] === 'string') {
      maxMemory = parseSize(values['max-memory']);
      if (maxMemory === null)
        throw new CliError(
          'cli.arg.bad-size',
          { option: '--max-memory', value: values['max-memory'] },
          true,
        );
    }
    const ctx: CliContext = {
      t,
      locale,
      json: values['json'] === true,
      progress,
      signal: controller.signal,
      maxMemory,
      stdout: process.stdout,
      say,
    };
    const positional = (count: number): string[] => {
      if (positionals.length < count) throw new CliError('cli.arg.missing-file', {}, true);
      if (positionals.length > count)
        throw new CliError('cli.arg.extra', { value: positionals[count] ?? '' }, true);
      return positionals;
    };
    switch (command) {
      case 'inspect':
        return await inspect(ctx, positional(1)[0] as string);
      case 'convert': {
        const [input] = positional(1);
        const to = choice(values, 'to', ['csv', 'json', 'ndjson', 'xml', 'xlsx']);
        return await convert(
          ctx,
          input as string,
          (nonAscii) => exportRequest(values, to, nonAscii),
          required(values, 'out'),
          values['sha256'] === true,
        );
      }
      case 'diff': {
        positional(0);
        const key = list(required(values, 'key'));
        if (key.length === 0) throw new CliError('cli.arg.missing', { option: '--key' }, true);
        return await diffCommand(ctx, {
          baseline: required(values, 'baseline'),
          next: required(values, 'new'),
          key,
          compare: typeof values['compare'] === 'string' ? list(values['compare']) : null,
          mode: importMode(values),
          rules: updateRules(values),
          trim: values['no-trim'] !== true,
          caseInsensitive: values['ignore-case'] === true,
          quietClass: values['no-cosmetic'] !== true,
          format: choice(values, 'format', ['json', 'csv', 'xml'], 'json'),
          out: typeof values['out'] === 'string' ? values['out'] : null,
          undoOut: typeof values['undo-out'] === 'string' ? values['undo-out'] : null,
          engine: choice(values, 'engine', ['js', 'duckdb', 'auto'], 'auto'),
          csv: csvOptions(values),
        });
      }
      case 'run': {
        const [job] = positional(1);
        return await runJob(
          ctx,
          job as string,
          required(values, 'new'),
          typeof values['baseline'] === 'string' ? values['baseline'] : null,
          required(values, 'out-dir'),
          choice<'js' | 'duckdb' | 'auto'>(values, 'engine', ['js', 'duckdb', 'auto'], 'auto'),
          values['allow-missing-columns'] === true,
        );
      }
    }
    return EXIT.error;
  } catch (err) {
    progress.done();
    await removePending();
    const interrupted = controller.signal.aborted && isAbortError(err);
    process.stderr.write(
      `${t('cli.error', { message: describeFailure(t, locale, interrupted ? err : err) })}\n`,
    );
    if (err instanceof CliError && err.usage) process.stderr.write(`${t('cli.hint.help')}\n`);
    return interrupted ? EXIT.interrupted : EXIT.error;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** parseArgs' own errors, told in the catalogue's words (the option is quoted in its message). */
function argError(err: unknown): CliError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '?';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new CliError('cli.arg.unknown-option', { option }, true);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return new CliError('cli.arg.needs-value', { option }, true);
  return new CliError('cli.arg.invalid', { reason: message }, true);
}
