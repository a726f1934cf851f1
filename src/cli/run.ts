import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CANONICAL_VERSION } from '../core/diff/canonical-form';
import { DatasetEngine } from '../core/engine/dataset-engine';
import {
  exportRequestOf,
  readJob,
  resolveCsv,
  JOB_VERSION,
  type LoadedJob,
} from '../core/job/job-file';
import { mappingFromTemplate } from '../core/mapping/mapping-rules';
import { serializeCsv } from '../core/write/csv-write';
import { DEFAULT_CSV_WRITE } from '../core/write/write-types';
import { reportMessages } from '../i18n/report-messages';
import { formatBytes } from '../i18n/translate';
import { CliError } from './cli-error';
import { EXIT, type CliContext } from './context';
import { checkConflicts, checkKey, countsLine, loadBaseline } from './diff';
import {
  checkMemory,
  fitsMemory,
  inputSize,
  peakMemory,
  MEMORY_PER_BYTE,
  readInput,
  writeBlob,
  type Written,
} from './files';
import { checkJobColumns } from './job-columns';
import { isSnapshot, snapshotFiles as snapshotParts, writeSnapshot } from './snapshot';
import { streamRun, streamRunRefusal } from './stream-run';

const EXTENSIONS = {
  csv: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  xml: 'xml',
  xlsx: 'xlsx',
} as const;

/** What `--engine auto` takes a run to need per input byte in the JS engine (see runJob). */
const RUN_PER_BYTE = 12;

/** Reads and checks a job file; every refusal names the file and the JSON path. */
export async function loadJob(path: string): Promise<LoadedJob> {
  await inputSize(path);
  const r = readJob(await readFile(path, 'utf8'));
  if (r.ok) return r.value;
  const p = r.problem;
  if (p.kind === 'syntax') throw new CliError('cli.job.syntax', { file: path, reason: p.reason });
  if (p.kind === 'version')
    throw new CliError('cli.job.version', {
      file: path,
      version: p.version,
      supported: JOB_VERSION,
    });
  throw new CliError('cli.job.invalid', { file: path, path: p.path, reason: p.reason });
}

/**
 * Replays a job saved on the page: read with its settings → map (the template finds columns by
 * header) → validate → compare with the baseline (a file, a snapshot, or none: everything is
 * new) → change files, error report, a new snapshot, and the full export (of the merged data
 * when there was a comparison, as the page's Export writes after a commit).
 */
export async function runJob(
  ctx: CliContext,
  jobPath: string,
  next: string,
  baselinePath: string | null,
  outDir: string,
  engineChoice: 'js' | 'duckdb' | 'auto' = 'auto',
  /** `--allow-missing-columns`: run on a file that lacks columns the job reads, with a warning. */
  allowMissing = false,
): Promise<number> {
  const loaded = await loadJob(jobPath);
  const { job, object } = loaded;
  const dir = await stat(outDir).catch(() => null);
  if (dir === null || !dir.isDirectory()) throw new CliError('cli.file.out-dir', { dir: outDir });
  const sizes = [{ path: next, size: await inputSize(next) }];
  if (baselinePath !== null)
    sizes.push({ path: baselinePath, size: await baselineSize(baselinePath) });
  if (baselinePath !== null && job.review === null) throw new CliError('cli.job.no-review');
  // A run holds more than a diff (the mapped columns and their problems beside the file read):
  // measured, the bench job's 6.7 MB night did not fit a 64 MB heap that 8 bytes a byte allows.
  // `auto` streams from 12 bytes a byte; `--engine js` keeps the diff's estimate for its refusal.
  const fits = fitsMemory(sizes, RUN_PER_BYTE, ctx.maxMemory);
  // `--engine auto` streams what would not fit the JS engine's budget, as `diff` hands it to DuckDB.
  if (engineChoice === 'duckdb' || (engineChoice === 'auto' && !fits)) {
    const refusal = streamRunRefusal(job);
    if (refusal === null)
      return streamed(ctx, loaded, jobPath, next, baselinePath, outDir, sizes[0]!.size, allowMissing);
    // A job the streamed run cannot replay still runs in the JS engine when its estimate fits.
    if (engineChoice === 'duckdb' || !fitsMemory(sizes, MEMORY_PER_BYTE.diff, ctx.maxMemory))
      throw new CliError('cli.run.no-stream', {
        job: jobPath,
        reason: refusal,
        need: formatBytes(ctx.locale, sizes.reduce((n, f) => n + f.size, 0) * MEMORY_PER_BYTE.diff),
      });
  }
  checkMemory(sizes, MEMORY_PER_BYTE.diff, ctx.maxMemory, ctx.locale);

  const engine = new DatasetEngine();
  const onRead = (p: { kind: string; rows?: number; done?: number; total?: number }) => {
    if (p.kind === 'read')
      ctx.progress.tick({ phase: 'read', rows: p.rows, done: p.done ?? 0, total: p.total });
  };
  const current = await engine.open(
    await readInput(next),
    basename(next),
    { signal: ctx.signal, onProgress: onRead },
    job.read.settings,
  );
  const missingColumns = checkJobColumns(ctx, job, current.columns, next, allowMissing);
  const written: Written[] = [];
  const keep = (w: Written) => {
    written.push(w);
    ctx.say(
      ctx.t('cli.written', {
        file: w.path,
        size: formatBytes(ctx.locale, w.size),
        sha256: w.sha256,
      }),
    );
  };
  const base = job.output.baseName.trim() === '' ? 'export' : basename(job.output.baseName.trim());

  let rowsWithErrors = 0;
  let ambiguousPhones = 0;
  // The error report is made here but written once the key checks pass: a refused run writes
  // nothing, as its message says (test/cli/key-refusals.test.ts).
  let errorReport: Blob | null = null;
  const writeErrorReport = async () => {
    if (errorReport === null) return;
    keep(await writeBlob(join(outDir, `${base}-errors.csv`), errorReport, ctx.signal));
    errorReport = null;
  };
  if (job.mapping !== null && object !== null) {
    // As the page applies a template (one function, so both write the same fields).
    const plan = mappingFromTemplate(object, job.mapping.template, current.columns);
    const mapped = await engine.applyMapping(
      { object: plan.object, columns: plan.columns, defaultCountry: job.mapping.defaultCountry },
      {
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.progress.tick({ phase: 'read', rows: p.done, done: p.done, total: p.total }),
      },
    );
    rowsWithErrors = mapped.rowsWithErrors;
    ambiguousPhones = mapped.ambiguousPhones;
    const m = reportMessages(ctx.t);
    const report = await engine.errorReport(
      (_field, rule, reason) => m[`reason.${reason}`] ?? m[`rule.${rule}`] ?? rule,
    );
    errorReport = report.blob;
  }

  let counts = null;
  if (job.review !== null) {
    const review = job.review;
    const fields = job.mapping ? engine.mappedSummary().fields.map((f) => f.key) : current.columns;
    let baseline;
    let baseName: string;
    if (baselinePath !== null) {
      baseline = await loadBaseline(ctx, engine, baselinePath);
      baseName = baselinePath;
    } else {
      // No baseline: the first night. An empty table with the key and the compared columns the
      // new data has, so every record is new; a compared field it lacks (a missing column run
      // under --allow-missing-columns) is left out, not written empty, as the streamed run does.
      const compared = review.compareColumns.filter((c) => fields.includes(c));
      const columns = [...new Set([...review.key.columns, ...compared])];
      const header = [...serializeCsv(emptyTable(columns), DEFAULT_CSV_WRITE)].join('');
      baseline = await engine.loadBaseline(
        new TextEncoder().encode(header || '\r\n'),
        'empty.csv',
        null,
        { signal: ctx.signal },
      );
      baseName = 'empty';
    }
    checkKey(review.key.columns, { file: baseName, columns: baseline.columns }, { file: next, columns: fields });
    const summary = await engine.runDiff(
      {
        key: review.key,
        compareColumns: [...review.compareColumns],
        mode: review.mode,
        rules: review.rules,
        quietClass: review.quietClass,
      },
      {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress.tick({ phase: 'diff', done: p.done, total: p.total }),
      },
      // As on the page: under `skip`, rows with errors stay out of the comparison, the change
      // files and the snapshot, as they stay out of the export.
      job.validation.invalidRows,
    );
    checkConflicts(ctx.t, summary, { base: baseName, next });
    await writeErrorReport();
    counts = summary.counts;
    for (const format of job.output.changes) {
      const r = await engine.exportChanges(
        format,
        { signal: ctx.signal },
        resolveCsv(job.output.csv, current.nonAscii),
      );
      keep(await writeBlob(join(outDir, `${base}-changes.${format}`), r.blob, ctx.signal));
      // Beside each change file, the one that undoes it (old values back, inserts deleted, deletes inserted).
      const undo = await engine.exportChanges(
        format,
        { signal: ctx.signal },
        resolveCsv(job.output.csv, current.nonAscii),
        'undo',
      );
      keep(await writeBlob(join(outDir, `${base}-undo.${format}`), undo.blob, ctx.signal));
    }
    const commit = await engine.commit({ signal: ctx.signal });
    const snapshotFiles = await writeSnapshot(
      outDir,
      `${base}-snapshot`,
      {
        id: crypto.randomUUID(),
        createdAt: new Date().toISOString(),
        baselineName: baselinePath === null ? '' : basename(baselinePath),
        currentName: basename(next),
        rowCount: commit.rowCount,
        columns: commit.columns,
        counts: commit.counts,
        digest: commit.digest,
        canonicalVersion: CANONICAL_VERSION,
        fingerprintColumns: commit.fingerprintColumns,
        blob: commit.snapshot,
        fingerprintBytes: commit.fingerprints,
      },
      ctx.signal,
    );
    snapshotFiles.forEach(keep);
    engine.adoptCommit();
  }

  await writeErrorReport();
  const exported = await engine.exportAll(
    exportRequestOf(job, current.nonAscii),
    { signal: ctx.signal },
    job.validation.invalidRows,
  );
  keep(
    await writeBlob(
      join(outDir, `${base}.${EXTENSIONS[job.output.export.format]}`),
      exported.blob,
      ctx.signal,
    ),
  );
  ctx.progress.done();
  if (ctx.json) {
    ctx.stdout.write(
      `${JSON.stringify({ job: jobPath, new: next, baseline: baselinePath, counts, rowsWithErrors, ambiguousPhones, skipped: exported.skipped, missingColumns, files: written, engine: 'js', peakMemory: peakMemory() }, null, 2)}\n`,
    );
  } else {
    if (counts) ctx.say(countsLine(ctx, counts));
    if (rowsWithErrors > 0) ctx.say(ctx.t('cli.run.errors', { rows: rowsWithErrors }));
    if (ambiguousPhones > 0) ctx.say(ctx.t('cli.run.ambiguousPhones', { count: ambiguousPhones }));
    if (exported.skipped > 0) ctx.say(ctx.t('cli.run.skipped', { rows: exported.skipped }));
  }
  return EXIT.ok;
}

/** The streamed run (stream-run.ts): the same outputs, the night's file never held whole. */
async function streamed(
  ctx: CliContext,
  loaded: LoadedJob,
  jobPath: string,
  next: string,
  baselinePath: string | null,
  outDir: string,
  total: number,
  allowMissing: boolean,
): Promise<number> {
  const { job } = loaded;
  const written: Written[] = [];
  const keep = (w: Written) => {
    written.push(w);
    ctx.say(
      ctx.t('cli.written', { file: w.path, size: formatBytes(ctx.locale, w.size), sha256: w.sha256 }),
    );
  };
  const base = job.output.baseName.trim() === '' ? 'export' : basename(job.output.baseName.trim());
  const r = await streamRun(
    ctx,
    loaded,
    next,
    baselinePath,
    outDir,
    base,
    `${base}.${EXTENSIONS[job.output.export.format]}`,
    total,
    keep,
    allowMissing,
  );
  ctx.progress.done();
  if (ctx.json) {
    ctx.stdout.write(
      `${JSON.stringify({ job: jobPath, new: next, baseline: baselinePath, counts: r.counts, rowsWithErrors: r.rowsWithErrors, ambiguousPhones: r.ambiguousPhones, skipped: r.skipped, missingColumns: r.missingColumns, files: written, engine: 'stream', peakMemory: peakMemory() }, null, 2)}\n`,
    );
  } else {
    if (r.counts) ctx.say(countsLine(ctx, r.counts));
    if (r.rowsWithErrors > 0) ctx.say(ctx.t('cli.run.errors', { rows: r.rowsWithErrors }));
    if (r.ambiguousPhones > 0) ctx.say(ctx.t('cli.run.ambiguousPhones', { count: r.ambiguousPhones }));
    if (r.skipped > 0) ctx.say(ctx.t('cli.run.skipped', { rows: r.skipped }));
  }
  return EXIT.ok;
}

/**
 * What a baseline weighs: a data file's size, or for a snapshot its NDJSON and fingerprints (its
 * description is a few hundred bytes), so the memory estimate sees the data it will read.
 */
async function baselineSize(path: string): Promise<number> {
  const size = await inputSize(path);
  if (!(await isSnapshot(path))) return size;
  const files = await snapshotParts(path);
  return (await inputSize(files.data)) + (await inputSize(files.fingerprints));
}

function emptyTable(columns: readonly string[]) {
  return { columns, rowCount: 0, cell: () => null, row: () => [], sourceRow: () => 0 };
}
