import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRequest } from '../core/engine/export-table';
import { chunksOf } from '../core/engine/export-table';
import { jsonTypes, type InvalidRowPolicy } from '../core/engine/mapped-table';
import type { MappingPlan } from '../core/engine/mapped-columns';
import { MappedWorkspace } from '../core/engine/mapped-workspace';
import { REPORT_ROW_COLUMN } from '../core/engine/mapping-session';
import { exportRequestOf, resolveCsv, type LoadedJob } from '../core/job/job-file';
import type { DiffCounts } from '../core/diff/diff-types';
import { mappingFromTemplate } from '../core/mapping/mapping-rules';
import type { MissingColumn } from '../core/mapping/template-match';
import type { ColumnMapping } from '../core/mapping/mapping-types';
import type { Cell } from '../core/model/cell';
import { PorterError } from '../core/model/porter-error';
import type { Table } from '../core/model/table';
import { CsvStream } from '../core/read/csv-stream';
import type { CrmObject, FieldDef } from '../core/schema/schema-types';
import { duplicateKey, duplicateKindFor } from '../core/validate/duplicates';
import { serializeCsv } from '../core/write/csv-write';
import { reportMessages } from '../i18n/report-messages';
import type { CliContext } from './context';
import { checkJobColumns } from './job-columns';
import { AtomicFile, openOutput, type Written } from './files';
import {
  csvBatches,
  detectHead,
  RowWindow,
  sliceBytes,
  streamConvert,
  streamHasNonAscii,
} from './stream-convert';
import { streamReview, traceStep, type StreamReviewArgs } from './stream-review';

/** The encodings whose text the streamed reader decodes slice by slice (as `convert` streams). */
const STREAM_ENCODINGS_REFUSED = ['utf-16le', 'utf-16be', 'iso-2022-jp'];

/**
 * Why the streamed run cannot replay a job byte for byte, or null when it can. The streamed path
 * reads a CSV file slice by slice (`csvBatches`), so it needs a CSV job in an encoding whose
 * slices decode on their own, and writes its outputs through the text writers, so no `.xlsx`
 * export.
 */
export function streamRunRefusal(job: LoadedJob['job']): string | null {
  const s = job.read.settings;
  if (s.format !== 'csv') return `the job reads ${s.format}, the streamed run reads CSV`;
  if (STREAM_ENCODINGS_REFUSED.includes(s.encoding))
    return `the job reads ${s.encoding}, the streamed run reads byte-oriented encodings`;
  if (job.output.export.format === 'xlsx') return 'the job exports .xlsx';
  return null;
}

/** A field as the batches validate it: without its uniqueness, which needs every row (below). */
function withoutUnique(object: CrmObject): CrmObject {
  return { ...object, fields: object.fields.map((f) => (f.unique === true ? { ...f, unique: false } : f)) };
}

/** FNV-1a of a duplicate key, 31 bits (so -1 can mean "no key" in an Int32Array). */
function hash31(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 1) & 0x7fffffff;
}

/** An Int32Array that grows as rows arrive: memory of 4 bytes a row, never one object a row. */
class GrowInt32 {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** A table of a few rows held as arrays: one batch handed to a {@link RowWindow}. */
function rowsTable(columns: readonly string[], rows: Cell[][], sourceRows: number[]): Table {
  return {
    columns,
    rowCount: rows.length,
    cell: (r, c) => rows[r]?.[c] ?? null,
    row: (r) => [...(rows[r] ?? [])],
    sourceRow: (r) => sourceRows[r] ?? 0,
  };
}

/**
 * One output written by a page writer (`serializeCsv`, `chunksOf`) over rows that arrive batch
 * by batch: the same {@link RowWindow} the streamed convert uses, so the bytes are those of the
 * writer run on the whole table while memory holds a batch or two.
 */
class TableOut {
  private readonly window: RowWindow;
  private readonly writer: Iterator<string>;
  private rows: Cell[][] = [];
  private sourceRows: number[] = [];

  constructor(
    private readonly file: AtomicFile,
    readonly columns: readonly string[],
    write: (table: Table) => Iterable<string>,
  ) {
    this.window = new RowWindow(columns);
    this.writer = write(this.window)[Symbol.iterator]();
  }

  async push(row: Cell[], sourceRow: number): Promise<void> {
    this.rows.push(row);
    this.sourceRows.push(sourceRow);
    if (this.rows.length >= 4096) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    this.window.add(rowsTable(this.columns, this.rows, this.sourceRows));
    this.rows = [];
    this.sourceRows = [];
    while (this.window.ready()) if (!(await this.step())) break;
  }

  private async step(): Promise<boolean> {
    const next = this.writer.next();
    if (next.done === true) return false;
    await this.file.writeText(next.value);
    return true;
  }

  /** Writes the rest and closes the file, not yet renamed into place (`AtomicFile.finish`). */
  async close(): Promise<AtomicFile> {
    await this.flush();
    this.window.end();
    while (await this.step());
    await this.file.finish();
    return this.file;
  }

  async end(): Promise<Written> {
    return (await this.close()).commit();
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}

/** One mapped record as pass 1 keeps it on disk (a line of the temporary NDJSON). */
type Line = [
  sourceRow: number,
  valueError: 0 | 1,
  cells: Cell[],
  /** The output cells (picklist labels as option keys) where they differ from `cells`. */
  output: Cell[] | 0,
  /** Per field, its value problems described and joined by '; ' ('' for none), or 0 for none at all. */
  problems: string[] | 0,
];

/** Lines of an NDJSON file, read a MiB at a time. */
async function* lines(path: string, signal: AbortSignal): AsyncGenerator<Line> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    if (signal.aborted) throw signal.reason;
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield JSON.parse(text.slice(start, nl)) as Line;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield JSON.parse(rest) as Line;
}

export interface StreamRunResult {
  readonly rowsWithErrors: number;
  /** Rows with a phone read one of two valid ways, as Validate counts them (`ambiguous-phone` notes). */
  readonly ambiguousPhones: number;
  readonly skipped: number;
  readonly counts: DiffCounts | null;
  /** Columns the job reads that the file lacks (run under `--allow-missing-columns`). */
  readonly missingColumns: readonly MissingColumn[];
}

/**
 * `run` without holding the night's file (docs/cli.md, "Streamed run"): the file is read in
 * slices as `convert` streams it; each slice is mapped and validated by the page's own code (a
 * `MappedWorkspace` over the slice), and its records go to a temporary NDJSON file. Uniqueness
 * needs every row: pass 1 keeps a 31-bit hash of each unique field's duplicate key per row (4
 * bytes a row), pass 2 reads back only the rows whose hash is shared, to find the real duplicate
 * groups, and pass 3 writes the error report (and, without a review, the full export) through
 * the page's writers. A review then runs bucket by bucket (stream-review.ts). The outputs are
 * the JS engine's, byte for byte (test/cli/stream-run.test.ts).
 */
export async function streamRun(
  ctx: CliContext,
  loaded: LoadedJob,
  next: string,
  baseline: string | null,
  outDir: string,
  base: string,
  exportName: string,
  total: number,
  keep: (w: Written) => void,
  allowMissing: boolean,
): Promise<StreamRunResult> {
  const { job, object } = loaded;
  // Checked on the header, at the first slice: a refusal comes before any output is written.
  let missingColumns: readonly MissingColumn[] | null = null;
  const checkColumns = (columns: readonly string[]) => {
    missingColumns ??= checkJobColumns(ctx, job, columns, next, allowMissing);
  };
  // The JS run's engine detects the file before it reads it with the job's settings: the same
  // refusals (an empty file, a binary one) come from the same detector, on the first MiB it reads.
  await detectHead(next);
  const nonAscii = await streamHasNonAscii(next);
  const request = exportRequestOf(job, nonAscii);
  const settings = job.read.settings;
  const exportPath = join(outDir, exportName);
  if (job.review === null && (job.mapping === null || object === null)) {
    // The data as read: the streamed convert, with the job's read settings and export.
    const r = await streamConvert(ctx, next, settings, request, exportPath, total);
    keep(r.written);
    return { rowsWithErrors: 0, ambiguousPhones: 0, skipped: 0, counts: null, missingColumns: [] };
  }
  const temp = await mkdtemp(join(tmpdir(), 'crm-porter-run-'));
  // The error report, complete but not yet placed (see below).
  let errorReport: AtomicFile | null = null;
  try {
    const records = join(temp, 'mapped.ndjson');
    let rowsWithErrors = 0;
    let ambiguousPhones = 0;
    let skipped = 0;
    let current: StreamReviewArgs['next'];
    let mapping: StreamReviewArgs['mapping'] = null;
    let heldRecords: StreamReviewArgs['held'];
    const policy = job.validation.invalidRows;
    // As the JS run (and the page): under `skip`, rows with errors are not compared.
    const leaveOut = policy === 'skip';
    if (job.mapping !== null && object !== null) {
      const first = await mapPass(ctx, loaded, next, records, total, null, checkColumns);
      const pass =
        first.grewMapping === null
          ? first
          : await mapPass(ctx, loaded, next, records, total, first.grewMapping, checkColumns);
      traceStep('map');
      ambiguousPhones = pass.ambiguousPhones;
      const rules = await uniquenessPass(ctx, pass, records);
      traceStep('unique');
      for (let r = 0; r < pass.rows; r++) {
        if ((pass.valueError[r] as number) === 1 || rules.get(r)?.includes('unique') === true)
          rowsWithErrors++;
      }
      const blocked = policy === 'block' && rowsWithErrors > 0;
      const written = await writePass(ctx, pass, rules, records, {
        errors: join(outDir, `${base}-errors.csv`),
        export: blocked || job.review !== null ? null : exportPath,
        request,
        policy,
      });
      traceStep('report');
      skipped = written.skipped;
      if (job.review === null) {
        keep(await written.errors.commit());
        if (written.export !== null) keep(written.export);
        if (blocked) throw new PorterError('export-blocked', { rows: rowsWithErrors });
        return { rowsWithErrors, ambiguousPhones, skipped, counts: null, missingColumns: missingColumns ?? [] };
      }
      // With a review, the error report is placed once the key checks pass (streamReview's
      // `checked`): a refused run writes nothing. Until then it waits under its temporary name.
      errorReport = written.errors;
      const keys = pass.defs.map((d) => d.key);
      mapping = { plan: pass.plan, headers: pass.sourceColumns, fields: keys };
      // The rows a comparison leaves out (`held`: true) or compares.
      const rowsOf = async function* (held: boolean) {
        let r = 0;
        for await (const line of lines(records, ctx.signal)) {
          const at = r++;
          const error = line[1] === 1 || rules.get(at)?.includes('unique') === true;
          if (leaveOut && error !== held) continue;
          yield line[3] === 0 ? line[2] : line[3];
        }
      };
      heldRecords = leaveOut && rowsWithErrors > 0 ? () => rowsOf(true) : undefined;
      current = {
        records: () => rowsOf(false),
        columns: keys,
        count: leaveOut ? pass.rows - rowsWithErrors : pass.rows,
        name: next,
        bytes: (await stat(records)).size,
      };
    } else {
      const raw = await rawPass(ctx, next, settings, records, total, checkColumns);
      current = {
        async *records() {
          for await (const line of lines(records, ctx.signal)) yield line[2];
        },
        columns: raw.columns,
        count: raw.rows,
        name: next,
        bytes: (await stat(records)).size,
      };
    }
    const review = job.review as NonNullable<typeof job.review>;
    const blockedRows = policy === 'block' ? rowsWithErrors : 0;
    const counts = await streamReview(ctx, {
      // As the JS engine: only fields the new data has are compared (a job saved with a field
      // since unmapped would clear it in every record).
      review: { ...review, compareColumns: review.compareColumns.filter((c) => current.columns.includes(c)) },
      next: current,
      ...(heldRecords !== undefined ? { held: heldRecords } : {}),
      baseline,
      mapping,
      keyFields: current.columns,
      outDir,
      base,
      temp,
      changes: job.output.changes,
      csv: resolveCsv(job.output.csv, nonAscii),
      exportPath,
      exportRequest: request,
      blockedRows,
      keep,
      checked: async () => {
        if (errorReport !== null) keep(await errorReport.commit());
        errorReport = null;
      },
    });
    // As the JS run: the export of the merged data is refused while rows have errors under `block`.
    if (blockedRows > 0) throw new PorterError('export-blocked', { rows: rowsWithErrors });
    // Under `skip` the rows left out of the comparison are the ones the export skipped.
    return { rowsWithErrors, ambiguousPhones, skipped: leaveOut ? rowsWithErrors : 0, counts, missingColumns: missingColumns ?? [] };
  } catch (err) {
    await errorReport?.abort();
    throw err;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The night's file as read (no mapping), to a temporary NDJSON file, with its final columns. */
async function rawPass(
  ctx: CliContext,
  next: string,
  settings: LoadedJob['job']['read']['settings'],
  records: string,
  total: number,
  checkColumns: (columns: readonly string[]) => void,
): Promise<{ rows: number; columns: readonly string[] }> {
  const stream = new CsvStream(settings.dialect);
  const out = new AtomicFile(records);
  let rows = 0;
  let columns: readonly string[] = [];
  const take = async (batch: Table) => {
    if (rows === 0) checkColumns(batch.columns);
    columns = batch.columns;
    let text = '';
    for (let r = 0; r < batch.rowCount; r++) {
      const line: Line = [batch.sourceRow(r), 0, batch.row(r), 0, 0];
      text += `${JSON.stringify(line)}\n`;
      rows++;
    }
    await out.writeText(text);
  };
  try {
    let any = false;
    for await (const batch of csvBatches(
      next,
      settings,
      ctx.signal,
      (done) => ctx.progress.tick({ phase: 'read', rows, done, total }),
      stream,
      sliceBytes(ctx.maxMemory),
    )) {
      any = true;
      await take(batch);
    }
    const rest = stream.finish().table;
    if (!any) await take(rest);
    if (rest.columns.length > columns.length) columns = rest.columns;
    await out.commit();
    return { rows, columns };
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/** A template applied to the night's headers, as the page applies it (`mappingFromTemplate`). */
interface TemplateMapping {
  readonly object: CrmObject;
  readonly columns: ColumnMapping[];
}

interface MapPass {
  readonly rows: number;
  readonly plan: MappingPlan;
  /** The night's columns as read (all of them: the JS engine maps the whole table's). */
  readonly sourceColumns: readonly string[];
  readonly defs: readonly FieldDef[];
  /** Per row, 1 when its values have an error (uniqueness aside). */
  readonly valueError: Uint8Array;
  /** Rows with a phone read one of two valid ways (each slice's workspace counts its own). */
  readonly ambiguousPhones: number;
  /** Per unique field (index into `defs`), the 31-bit hash of each row's duplicate key, -1 for none. */
  readonly hashes: Map<number, Int32Array>;
  /** Set when the file's columns grew after the first slice and the mapping found them: read again with it. */
  readonly grewMapping: TemplateMapping | null;
}

/** Pass 1: read, map and validate slice by slice; the records go to `records`. */
async function mapPass(
  ctx: CliContext,
  loaded: LoadedJob,
  next: string,
  records: string,
  total: number,
  mapping: TemplateMapping | null,
  checkColumns: (columns: readonly string[]) => void,
): Promise<MapPass> {
  const { job } = loaded;
  const template = (job.mapping as NonNullable<typeof job.mapping>).template;
  // The template applied to the first slice's headers, as the page and the JS run apply it.
  let planned: TemplateMapping | null = null;
  let uniqueKeys = new Set<string>();
  const m = reportMessages(ctx.t);
  const describe = (rule: string, reason: string): string =>
    m[`reason.${reason}`] ?? m[`rule.${rule}`] ?? rule;
  const stream = new CsvStream(job.read.settings.dialect);
  const out = new AtomicFile(records);
  const valueError = new GrowInt32();
  const hashes = new Map<number, GrowInt32>();
  let plan: MappingPlan | null = null;
  let firstColumns: readonly string[] | null = null;
  let defs: readonly FieldDef[] = [];
  let rows = 0;
  let ambiguousPhones = 0;
  const take = async (batch: Table): Promise<void> => {
    if (plan === null) {
      checkColumns(batch.columns);
      firstColumns = batch.columns;
      planned = mapping ?? mappingFromTemplate(loaded.object as CrmObject, template, batch.columns);
      uniqueKeys = new Set(planned.object.fields.filter((f) => f.unique === true).map((f) => f.key));
      plan = {
        object: withoutUnique(planned.object),
        columns: planned.columns,
        defaultCountry: (job.mapping as NonNullable<typeof job.mapping>).defaultCountry,
      };
    }
    const ws = await MappedWorkspace.create(batch, plan, ctx.signal, () => undefined);
    defs = ws.fields;
    ambiguousPhones += ws.summary().ambiguousPhones;
    defs.forEach((d, f) => {
      if (uniqueKeys.has(d.key) && !hashes.has(f)) hashes.set(f, new GrowInt32());
    });
    let text = '';
    for (let r = 0; r < batch.rowCount; r++) {
      const cells = defs.map((_, f) => ws.cell(r, f));
      const output = defs.map((_, f) => ws.outputCell(r, f));
      const list = ws.result.rows.get(r);
      const problems: string[] | 0 =
        list === undefined || list.length === 0
          ? 0
          : defs.map((d) =>
              list
                .filter((c) => c.field === d.key)
                .map((c) => describe(c.problem.rule, String(c.problem.params?.['reason'] ?? '')))
                .join('; '),
            );
      const err = ws.hasErrors(r) ? 1 : 0;
      valueError.push(err);
      for (const [f, h] of hashes) {
        const key = duplicateKey(cells[f] ?? null, duplicateKindFor((defs[f] as FieldDef).type));
        h.push(key === undefined ? -1 : hash31(key));
      }
      const line: Line = [
        batch.sourceRow(r),
        err,
        cells,
        output.every((v, f) => v === cells[f]) ? 0 : output,
        problems,
      ];
      text += `${JSON.stringify(line)}\n`;
      rows++;
    }
    await out.writeText(text);
    ctx.progress.tick({ phase: 'read', rows, done: rows });
  };
  try {
    for await (const batch of csvBatches(
      next,
      job.read.settings,
      ctx.signal,
      (done) => ctx.progress.tick({ phase: 'read', rows, done, total }),
      stream,
      sliceBytes(ctx.maxMemory),
    )) {
      await take(batch);
    }
    const rest = stream.finish().table;
    if (plan === null) await take(rest);
    await out.commit();
    let grewMapping: TemplateMapping | null = null;
    if (mapping === null && firstColumns !== null && rest.columns.length > (firstColumns as readonly string[]).length) {
      // A long row added column_N columns after the first slice: the JS engine maps the whole
      // table's columns. Read again when that finds a different mapping.
      const whole = mappingFromTemplate(loaded.object as CrmObject, template, rest.columns);
      if (JSON.stringify(whole) !== JSON.stringify(planned)) grewMapping = whole;
    }
    const finished = new Map<number, Int32Array>();
    for (const [f, h] of hashes) finished.set(f, h.view());
    return {
      rows,
      plan: plan as unknown as MappingPlan,
      sourceColumns: rest.columns.length > 0 ? rest.columns : (firstColumns ?? []),
      defs,
      valueError: Uint8Array.from(valueError.view()),
      ambiguousPhones,
      hashes: finished,
      grewMapping,
    };
  } catch (err) {
    await out.abort();
    throw err;
  }
}

type UniqueRule = 'unique' | 'duplicate-normalized';

/**
 * Pass 2: the uniqueness problems of every row, as `validateColumns` finds them: rows sharing a
 * field's duplicate key form a group; a row whose exact value another row of its group shares is
 * `unique` (an error), the others `duplicate-normalized` (a warning). Only rows whose key hash
 * another row shares are read back (a hash collision costs a look, never a wrong verdict).
 * Returns, per row with a problem, the rule of each field (by index into `defs`).
 */
async function uniquenessPass(
  ctx: CliContext,
  pass: MapPass,
  records: string,
): Promise<Map<number, (UniqueRule | undefined)[]>> {
  const shared = new Map<number, Set<number>>();
  for (const [f, h] of pass.hashes) {
    const sorted = Int32Array.from(h).sort();
    const set = new Set<number>();
    for (let i = 1; i < sorted.length; i++) {
      const v = sorted[i] as number;
      if (v >= 0 && v === sorted[i - 1]) set.add(v);
    }
    if (set.size > 0) shared.set(f, set);
  }
  const out = new Map<number, (UniqueRule | undefined)[]>();
  if (shared.size === 0) return out;
  // Per field: duplicate key → its rows and each row's exact value.
  const groups = new Map<number, Map<string, { rows: number[]; values: string[] }>>();
  let row = 0;
  for await (const line of lines(records, ctx.signal)) {
    for (const [f, set] of shared) {
      const h = (pass.hashes.get(f) as Int32Array)[row] as number;
      if (h < 0 || !set.has(h)) continue;
      const value = line[2][f] as string;
      const key = duplicateKey(value, duplicateKindFor((pass.defs[f] as FieldDef).type)) as string;
      let byKey = groups.get(f);
      if (byKey === undefined) groups.set(f, (byKey = new Map()));
      let g = byKey.get(key);
      if (g === undefined) byKey.set(key, (g = { rows: [], values: [] }));
      g.rows.push(row);
      g.values.push(value);
    }
    row++;
  }
  for (const [f, byKey] of groups) {
    for (const g of byKey.values()) {
      if (g.rows.length < 2) continue;
      const exact = new Map<string, number>();
      for (const v of g.values) exact.set(v, (exact.get(v) ?? 0) + 1);
      g.rows.forEach((r, i) => {
        let rules = out.get(r);
        if (rules === undefined) out.set(r, (rules = pass.defs.map(() => undefined)));
        rules[f] = (exact.get(g.values[i] as string) as number) >= 2 ? 'unique' : 'duplicate-normalized';
      });
    }
  }
  return out;
}

/**
 * Pass 3: the error report (rows with a problem, as `errorReportCsv` writes them) and the full
 * export (as `exportAll` writes the mapped data under the job's policy: typed JSON where fields
 * have types, rows with errors left out under `skip`), written together in one read.
 */
async function writePass(
  ctx: CliContext,
  pass: MapPass,
  rules: Map<number, (UniqueRule | undefined)[]>,
  records: string,
  to: { errors: string; export: string | null; request: ExportRequest; policy: InvalidRowPolicy },
): Promise<{ errors: AtomicFile; export: Written | null; skipped: number }> {
  const m = reportMessages(ctx.t);
  const ruleText = (rule: string): string => m['reason.'] ?? m[`rule.${rule}`] ?? rule;
  const keys = pass.defs.map((d) => d.key);
  const reportColumns = [REPORT_ROW_COLUMN, ...keys, ...keys.map((k) => `${k} problem`)];
  const errors = new TableOut(await openOutput(to.errors), reportColumns, (t) =>
    serializeCsv(t, { delimiter: ',', quoting: 'minimal', newline: '\r\n', bom: true, formulaGuard: true }),
  );
  const ws = { fields: pass.defs } as unknown as MappedWorkspace;
  const r = to.request;
  const typed: ExportRequest =
    r.format === 'json'
      ? { ...r, options: { ...r.options, types: jsonTypes(ws) } }
      : r.format === 'ndjson'
        ? { ...r, types: jsonTypes(ws) }
        : r;
  let exported: TableOut | null = null;
  try {
    exported =
      to.export === null ? null : new TableOut(await openOutput(to.export), keys, (t) => chunksOf(t, typed));
    let row = 0;
    let skipped = 0;
    for await (const line of lines(records, ctx.signal)) {
      const [sourceRow, valueError, cells, output, problems] = line;
      const unique = rules.get(row);
      if (problems !== 0 || unique !== undefined) {
        const texts = keys.map((_, f) => {
          const own = problems === 0 ? '' : (problems[f] as string);
          const u = unique?.[f];
          if (u === undefined) return own;
          return own === '' ? ruleText(u) : `${own}; ${ruleText(u)}`;
        });
        await errors.push([String(sourceRow), ...cells, ...texts], sourceRow);
      }
      const hasError = valueError === 1 || unique?.includes('unique') === true;
      if (exported !== null) {
        if (to.policy === 'skip' && hasError) skipped++;
        else await exported.push(output === 0 ? cells : output, sourceRow);
      }
      row++;
      if ((row & 0xfff) === 0) ctx.progress.tick({ phase: 'write', rows: row, done: row, total: pass.rows });
    }
    const report = await errors.close();
    return { errors: report, export: exported === null ? null : await exported.end(), skipped };
  } catch (err) {
    await errors.abort();
    await exported?.abort();
    throw err;
  }
}
