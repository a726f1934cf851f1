import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { mergedView } from '../core/diff/apply-changes';
import { CANONICAL_VERSION } from '../core/diff/canonical-form';
import { exportColumns, walkOperations, type ChangeOperation } from '../core/diff/change-operations';
import { acceptAll } from '../core/diff/decisions';
import { diffTables } from '../core/diff/diff-tables';
import { CHANGE_KINDS, KIND_CODE, type DiffCounts, type DiffOptions, type DiffResult } from '../core/diff/diff-types';
import { fingerprintRecords } from '../core/diff/fingerprint';
import { keyOf } from '../core/diff/key-spec';
import { serializeOperationsCsv } from '../core/diff/serialize-changes-csv';
import { serializeOperationsJson } from '../core/diff/serialize-changes-json';
import { serializeOperationsXml } from '../core/diff/serialize-changes-xml';
import { undoColumns } from '../core/diff/undo-changes';
import { mapBaseline } from '../core/engine/baseline-mapping';
import { chunksOf, type ExportRequest } from '../core/engine/export-table';
import type { MappingPlan } from '../core/engine/mapped-columns';
import { SNAPSHOT_LAYOUT } from '../core/engine/snapshot-data';
import { headerNames } from '../core/read/ndjson-read';
import { snapshotDataLayout } from './snapshot';
import { SNAPSHOT_FORMAT, type SnapshotFile } from '../core/engine/snapshot-file';
import type { ChangeFormat } from '../core/job/job-file';
import type { Cell } from '../core/model/cell';
import type { Table } from '../core/model/table';
import { CsvStream } from '../core/read/csv-stream';
import { planUnflatten } from '../core/write/unflatten';
import { NdjsonBytesWriter } from '../core/write/ndjson-bytes';
import type { CsvWriteOptions } from '../core/write/write-types';
import { CliError } from './cli-error';
import type { CliContext } from './context';
import { checkKey, conflictsError, type SideConflicts } from './diff';
import { memoryBudget, openOutput, writeChunks, type Written } from './files';
import { isSnapshot, snapshotFiles } from './snapshot';
import { csvBatches, detectHead, RowWindow, sliceBytes } from './stream-convert';

type Review = Omit<DiffOptions, 'baseFingerprints'>;

/**
 * `CRM_PORTER_TRACE=1` prints each step's wall time and the process's memory to standard error
 * (how bench/cli-run.mjs finds where time and memory go).
 */
const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MB`;

export function traceStep(step: string): void {
  if (process.env['CRM_PORTER_TRACE'] !== '1') return;
  const m = process.memoryUsage();
  process.stderr.write(
    `trace ${step.padEnd(12)} ${performance.now().toFixed(0).padStart(7)} ms rss ${mb(m.rss)} heap ${mb(m.heapUsed)} external ${mb(m.external)}\n`,
  );
}

/** A record of one side: its place in its file (0-based) and its cells in the side's column order. */
type Rec = [row: number, cells: Cell[]];

/** JSON lines of a file, parsed, read a MiB at a time. */
export async function* jsonLines<T>(path: string, signal: AbortSignal, chunk = 1 << 20): AsyncGenerator<T> {
  let rest = '';
  let first = true;
  for await (const piece of createReadStream(path, { encoding: 'utf8', highWaterMark: chunk })) {
    if (signal.aborted) throw signal.reason;
    // A BOM at the start is no part of the first line (as the page's reader drops it).
    const text = rest + (first && (piece as string).startsWith('\ufeff') ? (piece as string).slice(1) : (piece as string));
    first = false;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (nl > start) yield JSON.parse(text.slice(start, nl)) as T;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.trim() !== '') yield JSON.parse(rest) as T;
}

/** A write stream fed whole lines, buffered, that waits when the disk is behind. */
class LineFile {
  private readonly stream: WriteStream;
  private buffer = '';
  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', () => undefined);
  }
  async line(value: unknown): Promise<void> {
    this.buffer += `${JSON.stringify(value)}\n`;
    if (this.buffer.length >= 1 << 18) await this.flush();
  }
  private async flush(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    if (text !== '' && !this.stream.write(text))
      await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

/** FNV-1a of a key, for its bucket. */
function bucketOf(key: string | null, buckets: number): number {
  if (key === null) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

/** A table of records held as arrays (one bucket of one side). */
function arrayTable(columns: readonly string[], rows: readonly Rec[]): Table {
  const width = columns.length;
  return {
    columns,
    rowCount: rows.length,
    cell: (r, c) => (c < width ? ((rows[r] as Rec)[1][c] ?? null) : null),
    row: (r) => Array.from({ length: width }, (_, c) => (rows[r] as Rec)[1][c] ?? null),
    sourceRow: (r) => (rows[r] as Rec)[0] + 2,
  };
}

/** The baseline as a stream of records, with its columns (known once `columns()` resolves). */
interface BaselineSource {
  readonly name: string;
  records(): AsyncGenerator<Cell[]>;
  /** Every column, once `records()` has been read to its end. */
  columns(): readonly string[];
}

/**
 * A snapshot's NDJSON read as the page's NDJSON reader reads it. The rows layout (what a commit
 * writes; `snapshotLayout` in core/read/ndjson-read.ts): the header line's names are the
 * columns, all of them in its order, and each line after it a record, `null` a missing cell.
 * The object layout (written before): every key a column, in the order keys first appear, a key
 * a line leaves out a missing cell; nested values (dotted column names written as objects) are
 * refused. Either way a value that is not text is refused: the streamed run reads flat text.
 */
async function snapshotSource(
  ctx: CliContext,
  path: string,
  mapping: { plan: MappingPlan; headers: readonly string[]; fields: readonly string[] } | null,
): Promise<BaselineSource> {
  const { meta, data } = await snapshotFiles(path);
  const notText = () => unsupported(path, 'snapshot (values that are not text)');
  let header: readonly string[] | null = null;
  if ((await snapshotDataLayout(data)) === 'rows') {
    for await (const first of jsonLines<unknown>(data, ctx.signal)) {
      // The names as the page's reader takes them (`headerNames`): a JSON array of distinct strings.
      try {
        header = headerNames(JSON.stringify(first));
      } catch {
        throw unsupported(path, 'snapshot (a header that is not distinct names)');
      }
      break;
    }
  }
  const seen = new Map<string, number>();
  if (header !== null) for (const c of header) seen.set(c, seen.size);
  else {
    const plan = meta.columns.length === 0 ? null : planUnflatten(meta.columns, { attributes: false });
    const flat =
      plan === null || plan.children.every((n) => n.kind === 'leaf' && n.key === meta.columns[n.column]);
    if (!flat) throw unsupported(path, 'snapshot (nested columns)');
    // A snapshot of no records written before had an empty NDJSON file: as the engine reads it,
    // its columns are the stored fingerprint columns. Otherwise a first read finds the columns
    // in the order they first hold a value.
    if ((await stat(data)).size === 0) for (const c of meta.fingerprintColumns) seen.set(c, seen.size);
    else for await (const obj of jsonLines<Record<string, unknown>>(data, ctx.signal)) {
      for (const [k, v] of Object.entries(obj)) {
        if (typeof v !== 'string') throw notText();
        if (!seen.has(k)) seen.set(k, seen.size);
      }
    }
  }
  const columns = [...seen.keys()];
  if (mapping !== null) {
    // The page maps a baseline that has the current data's source headers (`mapBaseline`); a
    // snapshot holds field keys, so it is read as it is — any other case is left to the JS engine.
    const m = await mapBaseline(arrayTable(columns, []), mapping.plan, mapping.headers, mapping.fields);
    if (m.mapping === 'same-mapping') throw unsupported(path, 'snapshot with source columns');
  }
  return {
    name: path,
    columns: () => columns,
    async *records() {
      if (header === null) {
        for await (const obj of jsonLines<Record<string, string>>(data, ctx.signal)) {
          yield columns.map((c) => obj[c] ?? null);
        }
        return;
      }
      let first = true;
      for await (const cells of jsonLines<unknown[]>(data, ctx.signal)) {
        if (first) {
          first = false;
          continue;
        }
        if (!Array.isArray(cells) || cells.length > columns.length) throw unsupported(path, 'snapshot (a record longer than its header)');
        if (!cells.every((v) => v === null || typeof v === 'string')) throw notText();
        yield columns.map((_, i) => (cells[i] as string | null | undefined) ?? null);
      }
    },
  };
}

function unsupported(file: string, format: string): CliError {
  return new CliError('cli.run.baseline-unsupported', { file, format });
}

/**
 * A CSV baseline read slice by slice with the settings core detects from its first MiB (as the
 * page reads a baseline file), mapped batch by batch like the current data when it has the
 * current data's source headers (`mapBaseline`).
 */
async function csvSource(
  ctx: CliContext,
  path: string,
  mapping: { plan: MappingPlan; headers: readonly string[]; fields: readonly string[] } | null,
): Promise<BaselineSource> {
  const settings = await detectHead(path);
  if (settings.format !== 'csv' || ['utf-16le', 'utf-16be', 'iso-2022-jp'].includes(settings.encoding))
    throw unsupported(path, settings.format === 'csv' ? `CSV in ${settings.encoding}` : settings.format);
  let columns: readonly string[] = [];
  return {
    name: path,
    columns: () => columns,
    async *records() {
      const stream = new CsvStream(settings.dialect);
      let first: readonly string[] | null = null;
      let mapped = false;
      const each = async function* (batch: Table): AsyncGenerator<Cell[]> {
        first ??= batch.columns;
        let table = batch;
        if (mapping !== null) {
          const m = await mapBaseline(batch, mapping.plan, mapping.headers, mapping.fields, ctx.signal);
          table = m.table;
          mapped = m.mapping === 'same-mapping';
        }
        columns = table.columns;
        for (let r = 0; r < table.rowCount; r++) yield table.row(r);
      };
      for await (const batch of csvBatches(path, settings, ctx.signal, () => undefined, stream, sliceBytes(ctx.maxMemory)))
        yield* each(batch);
      const rest = stream.finish().table;
      if (first === null) yield* each(rest);
      else if (rest.columns.length > (first as readonly string[]).length) {
        // Long records added column_N columns after the first slice: as read, they are columns
        // of the whole table; mapped, the mapping of the first slice could differ from the page's.
        if (mapped) throw unsupported(path, 'CSV with records longer than its header');
        columns = rest.columns;
      }
    },
  };
}

/** The first-night baseline: no records, the key and compared columns (as run.ts makes it). */
function emptySource(review: Review): BaselineSource {
  const columns = [...new Set([...review.key.columns, ...(review.compareColumns ?? [])])];
  return {
    name: 'empty',
    columns: () => columns,
    async *records() {
      /* none */
    },
  };
}

/**
 * An operation as a bucket file keeps it: an insert or a delete is its record (its fields are
 * the record zipped with the change set's columns, as `walkOperations` makes them), so a night of
 * inserts is not written twice over.
 */
type PackedOp =
  | [op: 'insert' | 'delete', key: string, record: Cell[]]
  | [op: 'update', key: string, record: Cell[], fields: ChangeOperation['fields'], old: ChangeOperation['old']];

function packOp(op: ChangeOperation): PackedOp {
  return op.op === 'update'
    ? ['update', op.key, [...op.record], op.fields, op.old]
    : [op.op, op.key, [...op.record]];
}

function unpackOp(p: PackedOp, columns: readonly string[]): ChangeOperation {
  if (p[0] === 'update') return { op: 'update', key: p[1], record: p[2], fields: p[3], old: p[4] };
  const zip = columns.map((column, f) => ({ column, value: p[2][f] ?? null }));
  return p[0] === 'insert'
    ? { op: 'insert', key: p[1], fields: zip, old: [], record: p[2] }
    : { op: 'delete', key: p[1], fields: [], old: zip, record: p[2] };
}

/** A min-heap merge of sorted line files by their first element: one stream in global order. */
async function* mergeSorted<T extends [number, ...unknown[]]>(
  paths: readonly string[],
  signal: AbortSignal,
): AsyncGenerator<T> {
  // Small reads: one per bucket file is open at once.
  const its = paths.map((p) => jsonLines<T>(p, signal, 1 << 16));
  const heads: { item: T; from: number }[] = [];
  const less = (a: { item: T }, b: { item: T }) => a.item[0] < b.item[0];
  const push = (h: { item: T; from: number }) => {
    heads.push(h);
    let i = heads.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heads[i]!, heads[p]!)) break;
      [heads[i], heads[p]] = [heads[p]!, heads[i]!];
      i = p;
    }
  };
  const pop = () => {
    const top = heads[0]!;
    const last = heads.pop()!;
    if (heads.length > 0) {
      heads[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heads.length && less(heads[l]!, heads[m]!)) m = l;
        if (r < heads.length && less(heads[r]!, heads[m]!)) m = r;
        if (m === i) break;
        [heads[i], heads[m]] = [heads[m]!, heads[i]!];
        i = m;
      }
    }
    return top;
  };
  for (let k = 0; k < its.length; k++) {
    const n = await its[k]!.next();
    if (n.done !== true) push({ item: n.value, from: k });
  }
  while (heads.length > 0) {
    const top = pop();
    yield top.item;
    const n = await its[top.from]!.next();
    if (n.done !== true) push({ item: n.value, from: top.from });
  }
}

/**
 * A change set written by the page's writers batch by batch: the writers' opening and closing
 * text (CSV header, JSON brackets, XML root) once, each batch's records between, so the whole
 * equals the writer run on every operation at once (the frame of duckdb-diff.ts's ChangeWriter).
 */
class OpsWriter {
  private ops: ChangeOperation[] = [];
  private started = false;
  private readonly frame: { head: string; tail: string };

  constructor(
    private readonly format: ChangeFormat,
    private readonly columns: readonly string[],
    private readonly csv: CsvWriteOptions,
    private readonly write: (text: string) => Promise<void>,
  ) {
    const empty = this.serialize([]);
    this.frame =
      format === 'csv'
        ? { head: empty, tail: '' }
        : format === 'json'
          ? { head: '[', tail: '\n]\n' }
          : { head: empty.slice(0, empty.length - '</changes>\n'.length), tail: '</changes>\n' };
  }

  async push(op: ChangeOperation): Promise<void> {
    this.ops.push(op);
    if (this.ops.length >= 4096) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.started) await this.write(this.frame.head);
    await this.write(this.frame.tail);
  }

  private async flush(): Promise<void> {
    if (this.ops.length === 0) return;
    const text = this.serialize(this.ops);
    this.ops = [];
    const { head, tail } = this.frame;
    const body =
      this.format === 'json'
        ? text.slice(1, text.length - tail.length)
        : text.slice(head.length, text.length - tail.length);
    const lead = this.started ? (this.format === 'json' ? ',' : '') : head;
    this.started = true;
    await this.write(lead + body);
  }

  private serialize(ops: readonly ChangeOperation[]): string {
    const chunks =
      this.format === 'json'
        ? serializeOperationsJson(ops)
        : this.format === 'csv'
          ? serializeOperationsCsv(this.columns, ops, this.csv)
          : serializeOperationsXml(ops);
    let text = '';
    for (const c of chunks) text += c;
    return text;
  }
}

export interface StreamReviewArgs {
  readonly review: Review;
  /** The current data's records, in file order, and its columns. */
  readonly next: { records: () => AsyncGenerator<Cell[]>; columns: readonly string[]; count: number; name: string; bytes: number };
  /**
   * The current data's rows left out of the comparison (rows with errors under `skip`), in the
   * same columns: a baseline record with one of their keys is held (kept), never deleted.
   */
  readonly held?: () => AsyncGenerator<Cell[]>;
  readonly baseline: string | null;
  /** The mapping of the current data, for a baseline with its source headers; null when not mapped. */
  readonly mapping: { plan: MappingPlan; headers: readonly string[]; fields: readonly string[] } | null;
  /** Fields the key may name (checkKey): the mapped fields, or the columns as read. */
  readonly keyFields: readonly string[];
  readonly outDir: string;
  readonly base: string;
  readonly temp: string;
  readonly changes: readonly ChangeFormat[];
  readonly csv: CsvWriteOptions;
  readonly exportPath: string;
  readonly exportRequest: ExportRequest;
  /** Rows with errors under a `block` policy: the export is refused after the snapshot, as the JS run does. */
  readonly blockedRows: number;
  readonly keep: (w: Written) => void;
  /** Called once the key checks pass, before the first output is written (`run` places its error report). */
  readonly checked?: () => Promise<void>;
}

/**
 * The Review, Commit and Export steps of `run` over files of any size (docs/cli.md, "Streamed
 * run"). Both sides are split by a hash of their normalised key (`keyOf`) into buckets that each
 * fit the memory budget, so every pair of records sharing a key meets in one bucket, and core's
 * own `diffTables` compares each bucket: the verdicts, the merged records, the key conflicts are
 * the JS engine's by construction. Each bucket's operations, undo operations and merged records
 * go to files tagged with their place in the JS engine's order (records: the new data's order,
 * then baseline-only records in baseline order; merged: the baseline's order, then the adds), and
 * a k-way merge streams them through the page's writers: change and undo files, the snapshot's
 * NDJSON and fingerprints, and the full export.
 */
export async function streamReview(ctx: CliContext, a: StreamReviewArgs): Promise<DiffCounts> {
  const source =
    a.baseline === null
      ? emptySource(a.review)
      : (await isSnapshot(a.baseline))
        ? await snapshotSource(ctx, a.baseline, a.mapping)
        : await csvSource(ctx, a.baseline, a.mapping);
  const baseBytes = a.baseline === null ? 0 : await baselineBytes(a.baseline);
  const buckets = bucketCount(a.next.bytes + baseBytes, a.next.count, ctx.maxMemory);
  const spec = a.review.key;

  // 1. Both sides split into buckets by key.
  const split = async (side: 'n' | 'b' | 'h', records: AsyncGenerator<Cell[]>, columns: () => readonly string[]) => {
    const files = Array.from({ length: buckets }, (_, b) => new LineFile(join(a.temp, `${side}${b}.ndjson`)));
    let at: number[] | null = null;
    let row = 0;
    for await (const cells of records) {
      // Key columns by name; a CSV baseline's columns are known from its first slice on.
      at ??= spec.columns.map((c) => columns().indexOf(c));
      const key = keyOf(at.map((i) => (i < 0 ? null : (cells[i] ?? null))), spec);
      await files[bucketOf(key, buckets)]!.line([row++, cells]);
      if ((row & 0xffff) === 0) ctx.progress.tick({ phase: 'diff', rows: row, done: row });
    }
    for (const f of files) await f.close();
    return row;
  };
  await split('n', a.next.records(), () => a.next.columns);
  const held = a.held === undefined ? 0 : await split('h', a.held(), () => a.next.columns);
  const baseCount = await split('b', source.records(), () => source.columns());
  const baseColumns = source.columns();
  checkKey(spec.columns, { file: source.name, columns: baseColumns }, { file: a.next.name, columns: a.keyFields });

  traceStep('split');
  // 2. Each bucket compared by core's diff.
  const counts: DiffCounts = { added: 0, removed: 0, modified: 0, unchanged: 0, cosmetic: 0, absent: 0, ignored: 0, held: 0 };
  const accepted: DiffCounts = { ...counts };
  const conflicts = { base: { missing: 0, duplicates: 0, first: Infinity }, next: { missing: 0, duplicates: 0, first: Infinity } };
  let sample: DiffResult | null = null;
  let baseTable: Table | null = null;
  let mergedColumns: readonly string[] = [];
  for (let b = 0; b < buckets; b++) {
    const load = async (side: 'n' | 'b' | 'h') => {
      const rows: Rec[] = [];
      for await (const r of jsonLines<Rec>(join(a.temp, `${side}${b}.ndjson`), ctx.signal)) rows.push(r);
      return rows;
    };
    const nextRows = await load('n');
    const baseRows = await load('b');
    const next = arrayTable(a.next.columns, nextRows);
    const base = arrayTable(baseColumns, baseRows);
    const heldRows = held === 0 ? null : arrayTable(a.next.columns, await load('h'));
    const diff = await diffTables(base, next, { ...a.review, ...(heldRows !== null ? { heldRows } : {}) }, { signal: ctx.signal });
    sample ??= diff;
    baseTable ??= base;
    if (diff.blocked) {
      for (const [side, rows] of [['base', baseRows], ['next', nextRows]] as const) {
        const c = diff.conflicts[side];
        const all = conflicts[side];
        all.missing += c.missing.length;
        all.duplicates += c.duplicates.length;
        for (const r of c.missing) all.first = Math.min(all.first, (rows[r] as Rec)[0]);
        for (const g of c.duplicates) all.first = Math.min(all.first, (rows[g[0] as number] as Rec)[0]);
      }
      continue;
    }
    for (const k of Object.keys(counts) as (keyof DiffCounts)[]) counts[k] += diff.counts[k];
    for (const kind of diff.kinds) accepted[CHANGE_KINDS[kind] as keyof DiffCounts]++;
    // The JS engine's record order: the new data's order, then baseline-only records in baseline order.
    const orderOf = (i: number): number => {
      const n = diff.nextRows[i] as number;
      return n >= 0 ? (nextRows[n] as Rec)[0] : a.next.count + (baseRows[diff.baseRows[i] as number] as Rec)[0];
    };
    const yields: number[] = [];
    for (let i = 0; i < diff.kinds.length; i++) {
      const k = diff.kinds[i];
      if (k === KIND_CODE.added || k === KIND_CODE.removed) yields.push(i);
      else if ((k === KIND_CODE.modified || k === KIND_CODE.cosmetic) && (diff.fields.get(i) ?? []).length > 0) yields.push(i);
    }
    const sides = { base, next };
    for (const [name, columns, undo] of [
      ['o', exportColumns(diff), false],
      ['u', undoColumns(diff, base), true],
    ] as const) {
      const out = new LineFile(join(a.temp, `${name}${b}.ndjson`));
      let k = 0;
      for (const op of walkOperations(diff, acceptAll(), sides, columns, undo))
        await out.line([orderOf(yields[k++] as number), ...packOp(op)]);
      await out.close();
    }
    // The merged records: the baseline's order (less removals), then the adds in new-data order.
    const view = mergedView(base, next, diff, acceptAll());
    mergedColumns = view.table.columns;
    const places: number[] = [];
    const removed = new Uint8Array(base.rowCount);
    for (let i = 0; i < diff.kinds.length; i++) {
      if (diff.kinds[i] === KIND_CODE.removed) removed[diff.baseRows[i] as number] = 1;
    }
    for (let r = 0; r < base.rowCount; r++) if (removed[r] === 0) places.push((baseRows[r] as Rec)[0]);
    for (let i = 0; i < diff.kinds.length; i++) {
      if (diff.kinds[i] === KIND_CODE.added) places.push(baseCount + (nextRows[diff.nextRows[i] as number] as Rec)[0]);
    }
    const merged = new LineFile(join(a.temp, `m${b}.ndjson`));
    for (let m = 0; m < view.table.rowCount; m++) await merged.line([places[m], view.table.row(m)]);
    await merged.close();
    ctx.progress.tick({ phase: 'diff', done: b + 1, total: buckets });
  }
  const sides: SideConflicts[] = [
    { file: source.name, ...conflicts.base },
    { file: a.next.name, ...conflicts.next },
  ];
  if (sides.some((s) => s.missing + s.duplicates > 0)) throw conflictsError(ctx.t, sides);
  await a.checked?.();
  const diff = sample as DiffResult;
  traceStep('compare');

  // 3. Change and undo files, in the JS run's order.
  const files = (prefix: string) => Array.from({ length: buckets }, (_, b) => join(a.temp, `${prefix}${b}.ndjson`));
  for (const format of a.changes) {
    for (const [prefix, name, columns] of [
      ['o', 'changes', exportColumns(diff)],
      ['u', 'undo', undoColumns(diff, baseTable as Table)],
    ] as const) {
      const out = await openOutput(join(a.outDir, `${a.base}-${name}.${format}`));
      try {
        const w = new OpsWriter(format, columns, a.csv, (text) => out.writeText(text));
        for await (const [, ...op] of mergeSorted<[number, ...PackedOp]>(files(prefix), ctx.signal))
          await w.push(unpackOp(op, columns));
        await w.end();
        a.keep(await out.commit());
      } catch (err) {
        await out.abort();
        throw err;
      }
    }
  }

  traceStep('changes');
  // 4. The snapshot (NDJSON, fingerprints, description) and, unless blocked, the full export.
  const name = `${a.base}-snapshot`;
  const data = await openOutput(join(a.outDir, `${name}.ndjson`));
  const prints = await openOutput(join(a.outDir, `${name}.fingerprints`));
  const exported = a.blockedRows > 0 ? null : await openOutput(a.exportPath);
  const window = new RowWindow(mergedColumns);
  const writer = chunksOf(window, a.exportRequest)[Symbol.iterator]();
  const step = async (): Promise<boolean> => {
    const n = writer.next();
    if (n.done === true) return false;
    await exported?.writeText(n.value);
    return true;
  };
  let rowCount = 0;
  try {
    const order = mergedColumns.map((_, i) => i);
    // The snapshot's first line names its columns (the rows layout, as the page commits it).
    const header = new NdjsonBytesWriter(arrayTable(mergedColumns, []), 1 << 10, SNAPSHOT_LAYOUT);
    header.writeHeader();
    await data.writeBytes(header.bytes.subarray(0, header.pos));
    let batch: Rec[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const table = arrayTable(mergedColumns, batch);
      // Starts small and grows to what a batch needs (the writer's own rule).
      const nd = new NdjsonBytesWriter(table, 1 << 16, SNAPSHOT_LAYOUT);
      nd.writeRows(0, table.rowCount);
      await data.writeBytes(nd.bytes.subarray(0, nd.pos));
      await prints.writeBytes(await fingerprintRecords(table, order, { signal: ctx.signal }));
      if (exported !== null) {
        window.add(table);
        while (window.ready()) if (!(await step())) break;
      }
      rowCount += batch.length;
      batch = [];
    };
    for await (const rec of mergeSorted<Rec>(files('m'), ctx.signal)) {
      batch.push(rec);
      if (batch.length >= 4096) await flush();
    }
    await flush();
    traceStep('snapshot');
    const d = await data.commit();
    const f = await prints.commit();
    const file: SnapshotFile = {
      format: SNAPSHOT_FORMAT,
      version: 1,
      id: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      baselineName: a.baseline === null ? '' : basename(a.baseline),
      currentName: basename(a.next.name),
      rowCount,
      columns: mergedColumns,
      counts: accepted,
      digest: d.sha256,
      canonicalVersion: CANONICAL_VERSION,
      fingerprintColumns: mergedColumns,
      data: `${name}.ndjson`,
      fingerprints: `${name}.fingerprints`,
    };
    const desc = await writeChunks(join(a.outDir, `${name}.snapshot.json`), [`${JSON.stringify(file, null, 2)}\n`], ctx.signal);
    [d, f, desc].forEach(a.keep);
    if (exported !== null) {
      window.end();
      while (await step());
      a.keep(await exported.commit());
    }
  } catch (err) {
    await data.abort();
    await prints.abort();
    await exported?.abort();
    throw err;
  }
  return counts;
}

/** What a baseline weighs on disk: a file, or a snapshot's NDJSON. */
async function baselineBytes(path: string): Promise<number> {
  if (await isSnapshot(path)) return (await stat((await snapshotFiles(path)).data)).size;
  return (await stat(path)).size;
}

/**
 * Buckets for a comparison: a bucket's input bytes should be a 64th of the budget or less (its
 * records as JS arrays and strings, the diff's encodings and the garbage they leave; measured: a
 * 96 MB budget holds 10,000-record buckets of the bench's records within it, 40,000 not), and
 * no more than 100,000 records.
 * `CRM_PORTER_RUN_BUCKETS` sets the count (tests cross bucket seams with small files).
 */
function bucketCount(bytes: number, records: number, maxMemory: number | null): number {
  const n = Number(process.env['CRM_PORTER_RUN_BUCKETS']);
  if (Number.isInteger(n) && n > 0) return n;
  const limit = memoryBudget(maxMemory).limit;
  return Math.min(512, Math.max(1, Math.ceil((bytes * 64) / limit), Math.ceil(records / 100_000)));
}
