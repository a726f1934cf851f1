import { basename } from 'node:path';
import { DatasetEngine } from '../core/engine/dataset-engine';
import { resolveCsv, type ChangeFormat, type JobCsvOptions } from '../core/job/job-file';
import { EXIT, type CliContext } from './context';
import {
  changeCount,
  checkConflicts,
  checkKey,
  countsLine,
  defaultCompare,
  loadBaseline,
  writeChanges,
  type DiffSettings,
} from './diff';
import {
  fitsMemory,
  inputSize,
  memoryError,
  MEMORY_PER_BYTE,
  peakMemory,
  readInput,
} from './files';
import { duckdbDiff, duckdbReads, duckdbUsable } from './duckdb-diff';
import { isSnapshot, snapshotFiles } from './snapshot';

export interface DiffArgs {
  readonly baseline: string;
  readonly next: string;
  readonly key: readonly string[];
  readonly compare: readonly string[] | null;
  readonly mode: DiffSettings['mode'];
  readonly rules: DiffSettings['rules'];
  readonly trim: boolean;
  readonly caseInsensitive: boolean;
  readonly quietClass: boolean;
  readonly format: ChangeFormat;
  readonly out: string | null;
  /** Where to write the change set that undoes `out` (same format), or null. */
  readonly undoOut: string | null;
  readonly engine: 'js' | 'duckdb' | 'auto';
  /** CSV options of a CSV change file (`bom: 'auto'` as the page: on for non-ASCII data). */
  readonly csv: JobCsvOptions;
}

/** Above this many input bytes `--engine auto` hands a CSV diff to DuckDB (when installed). */
export const DUCKDB_THRESHOLD = 256 * 1024 * 1024;

/**
 * The page's keyed diff and its "changes only" export, headless: exit 0 when nothing changed,
 * 1 when there are changes (the file lists them), 2 on error.
 *
 * The JS engine holds both files whole, so it runs only when they fit the memory budget
 * (`--max-memory`, and the heap's limit). `--engine auto` hands big inputs, or inputs that would
 * not fit, to DuckDB, which streams them within bounded memory; when DuckDB cannot take them
 * (not installed, not UTF-8 CSV), a diff that does not fit is refused before anything is read.
 */
export async function diffCommand(ctx: CliContext, a: DiffArgs): Promise<number> {
  const files = [
    { path: a.baseline, size: await baselineSize(a.baseline) },
    { path: a.next, size: await inputSize(a.next) },
  ];
  const fits = fitsMemory(files, MEMORY_PER_BYTE.diff, ctx.maxMemory);
  const big = files[0]!.size + files[1]!.size > DUCKDB_THRESHOLD;
  let useDuck = a.engine === 'duckdb';
  // The undo set brings deleted records back whole: only the JS engine holds every column.
  if (a.engine === 'auto' && a.undoOut === null && (big || !fits)) {
    const usable = await duckdbUsable();
    const readable =
      usable && (await duckdbReads(a.baseline, true)) && (await duckdbReads(a.next));
    if (readable) useDuck = true;
    else if (!fits)
      throw memoryError(
        files,
        MEMORY_PER_BYTE.diff,
        ctx.maxMemory,
        ctx.locale,
        usable ? undefined : 'cli.diff.needs-duckdb',
      );
  }
  if (useDuck) {
    const r = await duckdbDiff(ctx, a);
    return report(ctx, a, r.counts, r.compareColumns, r.keptOut, 'duckdb');
  }
  if (!fits) throw memoryError(files, MEMORY_PER_BYTE.diff, ctx.maxMemory, ctx.locale);
  const engine = new DatasetEngine();
  const current = await engine.open(await readInput(a.next), basename(a.next), {
    signal: ctx.signal,
    onProgress: (p) => {
      if (p.kind === 'read')
        ctx.progress.tick({ phase: 'read', rows: p.rows, done: p.done, total: p.total });
    },
  });
  const baseline = await loadBaseline(ctx, engine, a.baseline);
  checkKey(a.key, { file: a.baseline, columns: baseline.columns }, { file: a.next, columns: current.columns });
  const review = await engine.runDiff(
    {
      key: { columns: [...a.key], trim: a.trim, caseInsensitive: a.caseInsensitive },
      compareColumns: a.compare ? [...a.compare] : defaultCompare(baseline),
      mode: a.mode,
      rules: a.rules,
      quietClass: a.quietClass,
    },
    {
      signal: ctx.signal,
      onProgress: (p) => ctx.progress.tick({ phase: 'diff', done: p.done, total: p.total }),
    },
  );
  ctx.progress.done();
  checkConflicts(ctx.t, review, { base: a.baseline, next: a.next });
  const csv = resolveCsv(a.csv, current.nonAscii);
  if (a.out !== null || !ctx.json) await writeChanges(ctx, engine, a.format, a.out, csv);
  if (a.undoOut !== null) await writeChanges(ctx, engine, a.format, a.undoOut, csv, 'undo');
  return report(ctx, a, review.counts, review.compareColumns, review.keptOut, 'js');
}

/**
 * What a baseline weighs: a data file's size, or for a snapshot its NDJSON and fingerprints (the
 * description itself is a few hundred bytes), so the memory estimate and the hand-over to DuckDB
 * see the data they will read.
 */
async function baselineSize(path: string): Promise<number> {
  const size = await inputSize(path);
  if (!(await isSnapshot(path))) return size;
  const files = await snapshotFiles(path);
  return (await inputSize(files.data)) + (await inputSize(files.fingerprints));
}

function report(
  ctx: CliContext,
  a: DiffArgs,
  counts: Parameters<typeof changeCount>[0],
  compareColumns: readonly string[],
  keptOut: Readonly<Record<string, number>>,
  engine: 'js' | 'duckdb',
): number {
  const changes = changeCount(counts);
  if (ctx.json) {
    // `keptOut`: per compared column, differences its update rule kept out (the dry run of the rules).
    const summary = {
      baseline: a.baseline,
      new: a.next,
      key: a.key,
      mode: a.mode,
      compareColumns,
      counts,
      keptOut: { ...keptOut },
      changes,
      out: a.out,
      undoOut: a.undoOut,
      engine,
      peakMemory: peakMemory(),
    };
    ctx.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    ctx.say(changes === 0 ? ctx.t('cli.diff.none') : countsLine(ctx, counts));
  }
  return changes === 0 ? EXIT.ok : EXIT.changes;
}
