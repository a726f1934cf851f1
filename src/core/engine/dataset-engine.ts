import { dialectOf } from '../detect/dialect';
import type { Cell } from '../model/cell';
import type { ParseIssue, ParseIssueCode } from '../model/issue';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import type { ReadProgress } from '../read/read-types';
import type { CrmObject } from '../schema/schema-types';
import { exportChunks, exportTable, type ExportProgress, type ExportRequest, type ExportResult } from './export-table';
import type { MappingPlan } from './mapped-columns';
import { jsonTypes, xlsxTypes, mappedTable, type InvalidRowPolicy } from './mapped-table';
import { mapBaseline } from './baseline-mapping';
import { MappedWorkspace, type EditOp, type MappedRow, type MappedSummary, type RowFilter } from './mapped-workspace';
import { errorReportCsv, errorReportTable, proposeMapping, readErrorReport, type MappingProposal } from './mapping-session';
import { ReviewSession, type BaselineSummary, type CommitResult, type DecisionOp, type ReviewSummary } from './review-session';
import type { ChangeKind, DiffOptions } from '../diff/diff-types';
import type { DiffProgress } from '../diff/fingerprint';
import type { KeyResolution } from '../diff/key-spec';
import { MAX_LISTED_ISSUES, PEEK_ROWS } from './limits';
import { matchLookup, type LookupResult, type LookupTableSummary } from './lookup-session';
import type { LookupSpec } from '../lookup/match-lookup';
import { exportProfile, insertsOf, type ProfileExportResult, type ProfileRequest } from './profile-export';
import { SourceFile, type Peek } from './read-source';
import type { SourceDetection, SourceMeta, SourceSettings } from './source-settings';
import { computeRowOrder, type RowOrder, type ViewSpec } from './table-view';

/** What the page learns after a file is read: enough to draw every control, but no rows. */
export interface LoadSummary {
  /** Increases with every successful read; windows from an older version are stale. */
  readonly version: number;
  readonly fileName: string;
  readonly size: number;
  readonly detection: SourceDetection;
  readonly settings: SourceSettings;
  readonly meta: SourceMeta;
  readonly columns: readonly string[];
  readonly rowCount: number;
  /** The first issues in file order, at most MAX_LISTED_ISSUES. */
  readonly issues: readonly ParseIssue[];
  readonly issueTotal: number;
  readonly issueCounts: Readonly<Partial<Record<ParseIssueCode, number>>>;
  readonly durationMs: number;
}

/** A slice of rows in view order, for the grid. */
export interface RowWindow {
  readonly version: number;
  readonly start: number;
  readonly rows: readonly (readonly Cell[])[];
  readonly sourceRows: readonly number[];
  /** Index of each row in the table (file order), to jump back from a sorted view. */
  readonly indexes: readonly number[];
}

export interface ViewSummary {
  readonly version: number;
  readonly rowCount: number;
}

export interface TaskOptions<P> {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: P) => void;
}

/** Progress while a file is read: bytes and rows so far, or the first rows (a peek). */
export type OpenProgress =
  | ({ readonly kind: 'read' } & ReadProgress)
  | { readonly kind: 'peek'; readonly peek: Peek };


/**
 * The dataset and everything done to it, in one place: it lives in the worker, and the page asks
 * it for windows, views and exports instead of holding rows itself (DESIGN.md, "Where the data
 * lives"). Pure TypeScript, so the same engine runs on the main thread as a fallback and in
 * Node for tests.
 */
export class DatasetEngine {
  private source: SourceFile | null = null;
  private table: Table | null = null;
  private workspace: MappedWorkspace | null = null;
  private review: ReviewSession | null = null;
  /** A second file to fill reference fields from (lookups between objects). */
  private lookup: { table: Table; fileName: string } | null = null;
  /** The merged dataset of an adopted commit: what Export writes from then on. */
  private committed: Table | null = null;
  private order: RowOrder = null;
  private view: ViewSpec = { sort: null, filter: null };
  private version = 0;
  private settings: SourceSettings | null = null;
  private detection: SourceDetection | null = null;

  /** Reads a new file with detected settings. The previous dataset stays if this one fails. */
  async open(
    bytes: Uint8Array,
    fileName: string,
    options: TaskOptions<OpenProgress> = {},
    saved?: SourceSettings,
  ): Promise<LoadSummary> {
    const source = new SourceFile(bytes, fileName);
    const detected = source.detect();
    const { detection } = detected;
    // A restored session reads with the choices the user made, not the guesses.
    const settings = saved ?? detected.settings;
    const peek = await source.peek(settings, PEEK_ROWS);
    if (peek) options.onProgress?.({ kind: 'peek', peek });
    return this.readInto(source, detection, settings, options);
  }

  /** Re-reads the current file with some settings changed by the user. */
  async configure(
    patch: Partial<SourceSettings>,
    options: TaskOptions<OpenProgress> = {},
  ): Promise<LoadSummary> {
    const { source, detection, settings } = this.requireSource();
    let next: SourceSettings = { ...settings, ...patch };
    // Switching to CSV or to another encoding: use the dialect guessed for that text.
    const reguess =
      patch.dialect === undefined &&
      next.format === 'csv' &&
      (patch.encoding !== undefined || patch.format !== undefined);
    let nextDetection = detection;
    if (reguess) {
      const dialect = source.dialectFor(next.encoding);
      nextDetection = { ...detection, dialect };
      next = { ...next, dialect: dialectOf(dialect) };
    }
    if (patch.format !== undefined && patch.format !== settings.format) {
      next = { ...next, recordPath: undefined, sheet: undefined };
    }
    return this.readInto(source, nextDetection, next, options);
  }

  private async readInto(
    source: SourceFile,
    detection: SourceDetection,
    settings: SourceSettings,
    options: TaskOptions<OpenProgress>,
  ): Promise<LoadSummary> {
    const started = Date.now();
    const onProgress = options.onProgress;
    const { result, meta } = await source.read(settings, {
      signal: options.signal,
      onProgress: onProgress && ((p: ReadProgress) => onProgress({ kind: 'read', ...p })),
    });
    this.source = source;
    this.detection = detection;
    this.settings = settings;
    this.table = result.table;
    // A new read means new columns: the mapping must be applied again, the review redone.
    this.workspace = null;
    this.review = null;
    this.committed = null;
    this.order = null;
    this.view = { sort: null, filter: null };
    this.version++;
    const issueCounts: Partial<Record<ParseIssueCode, number>> = {};
    for (const issue of result.issues) issueCounts[issue.code] = (issueCounts[issue.code] ?? 0) + 1;
    return {
      version: this.version,
      fileName: source.fileName,
      size: source.bytes.length,
      detection,
      settings: {
        ...settings,
        recordPath: meta.recordPath ?? settings.recordPath,
        sheet: meta.sheet ?? settings.sheet,
      },
      meta,
      columns: result.table.columns,
      rowCount: result.table.rowCount,
      issues: result.issues.slice(0, MAX_LISTED_ISSUES),
      issueTotal: result.issues.length,
      issueCounts,
      durationMs: Date.now() - started,
    };
  }

  /** Sorts and filters (in the engine, so a million rows never cross to the page). */
  async setView(view: ViewSpec, signal?: AbortSignal): Promise<ViewSummary> {
    const table = this.requireTable();
    this.order = await computeRowOrder(table, view, signal);
    this.view = view;
    this.version++;
    return { version: this.version, rowCount: this.order?.length ?? table.rowCount };
  }

  /** Rows `start … start+count` of the current view. */
  window(start: number, count: number): RowWindow {
    const table = this.requireTable();
    const total = this.order?.length ?? table.rowCount;
    const from = Math.max(0, Math.min(start, total));
    const to = Math.min(total, from + Math.max(0, count));
    const rows: Cell[][] = [];
    const sourceRows: number[] = [];
    const indexes: number[] = [];
    for (let i = from; i < to; i++) {
      const r = this.order ? (this.order[i] as number) : i;
      rows.push(table.row(r));
      sourceRows.push(table.sourceRow(r));
      indexes.push(r);
    }
    return { version: this.version, start: from, rows, sourceRows, indexes };
  }

  /** Where a source row sits in the current view, or -1 when it is filtered out. */
  findSourceRow(sourceRow: number): number {
    const table = this.requireTable();
    const total = this.order?.length ?? table.rowCount;
    for (let i = 0; i < total; i++) {
      const r = this.order ? (this.order[i] as number) : i;
      if (table.sourceRow(r) === sourceRow) return i;
    }
    return -1;
  }

  /**
   * Writes the whole dataset, in file order, as the requested format: the mapped fields once a
   * mapping is applied (typed JSON where fields have types), else the columns as read.
   */
  async exportAll(
    request: ExportRequest,
    options: TaskOptions<ExportProgress> = {},
    policy: InvalidRowPolicy = 'include',
  ): Promise<ExportResult & { skipped: number }> {
    const ws = this.workspace;
    if (this.committed !== null || ws === null) {
      const table = this.committed ?? this.requireTable();
      const result = await exportTable(table, request, options.signal, options.onProgress);
      return { ...result, skipped: 0 };
    }
    const errorRows = ws.summary().rowsWithErrors;
    if (policy === 'block' && errorRows > 0) throw new PorterError('export-blocked', { rows: errorRows });
    const { table, skipped } = mappedTable(ws, policy);
    const typed: ExportRequest =
      request.format === 'xlsx'
        ? { ...request, options: { ...request.options, types: xlsxTypes(ws) } }
        : request.format === 'json'
        ? { ...request, options: { ...request.options, types: jsonTypes(ws) } }
        : request.format === 'ndjson'
          ? { ...request, types: jsonTypes(ws) }
          : request;
    const result = await exportTable(table, typed, options.signal, options.onProgress);
    return { ...result, skipped };
  }

  /** Suggested fields for every column, with examples, for the Map step. */
  proposeMapping(object: CrmObject): MappingProposal {
    return proposeMapping(this.requireTable(), object);
  }

  /** Applies a mapping: transforms every cell, validates every mapped cell (in slices). */
  async applyMapping(
    plan: MappingPlan,
    options: TaskOptions<{ phase: 'map' | 'validate'; done: number; total: number }> = {},
  ): Promise<MappedSummary> {
    const ws = await MappedWorkspace.create(this.requireTable(), plan, options.signal, (p) =>
      options.onProgress?.(p),
    );
    this.workspace = ws;
    return ws.summary();
  }

  mappedSummary(): MappedSummary {
    return this.requireWorkspace().summary();
  }

  mappedWindow(start: number, count: number, filter: RowFilter): { total: number; rows: MappedRow[]; version: number } {
    const ws = this.requireWorkspace();
    return { total: ws.count(filter), rows: ws.window(start, count, filter), version: ws.summary().version };
  }

  nextProblem(from: number, direction: 1 | -1, filter: RowFilter): number {
    return this.requireWorkspace().nextProblem(from, direction, filter);
  }

  edit(op: EditOp): Promise<MappedSummary> {
    return this.requireWorkspace().apply(op);
  }

  undo(): MappedSummary {
    return this.requireWorkspace().undo();
  }

  redo(): MappedSummary {
    return this.requireWorkspace().redo();
  }

  /** Duplicate groups of unique fields, with each row's values, for the duplicates panel. */
  duplicates(limit: number): { field: string; rows: MappedRow[] }[] {
    const ws = this.requireWorkspace();
    return ws.duplicates(limit).map((g) => ({ field: g.field, rows: g.rows.map((r) => ws.rowOf(r)) }));
  }

  /** The rows with problems as CSV (or `.xlsx`, every cell text), to fix in a spreadsheet and re-upload. */
  async errorReport(
    describe: (field: string, rule: string, reason: string) => string,
    format: 'csv' | 'xlsx' = 'csv',
  ): Promise<ExportResult> {
    const ws = this.requireWorkspace();
    if (format === 'xlsx') {
      const request = { format: 'xlsx', options: { sheetName: 'Errors', overflow: 'split' } } as const;
      return exportTable(errorReportTable(ws, describe), request);
    }
    return exportChunks(errorReportCsv(ws, describe), 'text/csv;charset=utf-8');
  }

  /** Reads a second file (an Accounts export, a user list) to fill reference fields from. */
  async loadLookup(bytes: Uint8Array, fileName: string, signal?: AbortSignal): Promise<LookupTableSummary> {
    const source = new SourceFile(bytes, fileName);
    const { settings } = source.detect();
    const { result } = await source.read(settings, { signal });
    this.lookup = { table: result.table, fileName };
    return { fileName, columns: result.table.columns, rowCount: result.table.rowCount };
  }

  /** Matches the working data against the lookup file; the page applies the returned edit. */
  matchLookup(spec: LookupSpec): LookupResult {
    if (this.lookup === null) throw new PorterError('no-lookup');
    return matchLookup(this.requireWorkspace(), this.lookup.table, spec);
  }

  /** Merges a corrected error report back as one undoable edit. */
  async mergeErrorReport(bytes: Uint8Array): Promise<{
    summary: MappedSummary;
    op: Extract<EditOp, { kind: 'set-many' }>;
    unknownRows: number;
    rows: number;
  }> {
    const ws = this.requireWorkspace();
    const { changes, unknownRows, rows } = await readErrorReport(bytes, ws);
    const op = { kind: 'set-many', changes } as const;
    const summary = await ws.apply(op);
    return { summary, op, unknownRows, rows };
  }

  /** The data a review compares with its baseline: the mapped fields if mapped, else as read. */
  private current(): Table {
    return this.workspace ? mappedTable(this.workspace, 'include').table : this.requireTable();
  }

  /** Reads a baseline (a file, or a snapshot's NDJSON with its stored fingerprints). */
  async loadBaseline(
    bytes: Uint8Array,
    fileName: string,
    stored: { fingerprints: Uint8Array; columns: readonly string[] } | null,
    options: TaskOptions<OpenProgress> = {},
  ): Promise<BaselineSummary> {
    const source = new SourceFile(bytes, fileName);
    const { settings } = source.detect();
    const onProgress = options.onProgress;
    const { result } = await source.read(settings, {
      signal: options.signal,
      onProgress: onProgress && ((p: ReadProgress) => onProgress({ kind: 'read', ...p })),
    });
    const ws = this.workspace;
    const { table, mapping } = await mapBaseline(
      result.table,
      ws ? ws.plan : null,
      this.requireTable().columns,
      ws ? ws.fields.map((f) => f.key) : [],
      options.signal,
    );
    this.review = new ReviewSession(table, fileName, stored, mapping);
    return this.review.describe(this.current());
  }

  runDiff(
    options: Omit<DiffOptions, 'baseFingerprints'>,
    task: TaskOptions<DiffProgress> = {},
  ): Promise<ReviewSummary> {
    this.committed = null;
    return this.requireReview().run(this.current(), options, task.signal, (p) => task.onProgress?.(p));
  }

  reviewWindow(start: number, count: number, kinds: readonly ChangeKind[], search: string) {
    return this.requireReview().window(start, count, kinds, search);
  }

  decide(op: DecisionOp): ReviewSummary {
    return this.requireReview().decide(op);
  }

  reviewUndo(): ReviewSummary {
    return this.requireReview().undo();
  }

  reviewRedo(): ReviewSummary {
    return this.requireReview().redo();
  }

  /** Records a key-conflict resolution and runs the diff again. */
  resolveConflict(side: 'base' | 'next', resolution: KeyResolution, task: TaskOptions<DiffProgress> = {}): Promise<ReviewSummary> {
    const review = this.requireReview();
    review.resolve(side, resolution, side === 'base' ? review.baseline : this.current());
    const options = review.summary().options;
    return review.run(this.current(), options, task.signal, (p) => task.onProgress?.(p));
  }

  commit(task: TaskOptions<DiffProgress> = {}): Promise<CommitResult> {
    return this.requireReview().commit(task.signal, (p) => task.onProgress?.(p));
  }

  /** Makes the last commit's merged dataset the one Export writes (after it was saved). */
  adoptCommit(): { rowCount: number; columns: readonly string[] } {
    const merged = this.requireReview().committed;
    if (merged === null) throw new PorterError('internal', { reason: 'nothing-committed' });
    this.committed = merged;
    return { rowCount: merged.rowCount, columns: merged.columns };
  }

  /**
   * Import files for a CRM profile, as a zip: the Review change set when a diff has run, else
   * every mapped record (under the invalid-row policy) as an insert.
   */
  async exportProfile(
    request: ProfileRequest,
    policy: InvalidRowPolicy = 'include',
    signal?: AbortSignal,
  ): Promise<ProfileExportResult> {
    const ws = this.requireWorkspace();
    const changes = this.review?.changeOperations() ?? null;
    if (changes !== null) return exportProfile(request, ws.plan.object.key, changes, signal);
    const errorRows = ws.summary().rowsWithErrors;
    if (policy === 'block' && errorRows > 0) throw new PorterError('export-blocked', { rows: errorRows });
    const table = this.committed ?? mappedTable(ws, policy).table;
    return exportProfile(request, ws.plan.object.key, { columns: table.columns, operations: insertsOf(table) }, signal);
  }

  exportChanges(format: 'json' | 'csv' | 'xml' | 'xlsx', signal?: AbortSignal): Promise<ExportResult> {
    return this.requireReview().exportChanges(format, signal);
  }

  private requireReview(): ReviewSession {
    if (this.review === null) throw new PorterError('no-baseline');
    return this.review;
  }

  private requireWorkspace(): MappedWorkspace {
    if (this.workspace === null) throw new PorterError('no-mapping');
    return this.workspace;
  }

  get currentView(): ViewSpec {
    return this.view;
  }

  private requireTable(): Table {
    if (this.table === null) throw new PorterError('internal', { reason: 'no-dataset' });
    return this.table;
  }

  private requireSource(): {
    source: SourceFile;
    detection: SourceDetection;
    settings: SourceSettings;
  } {
    if (this.source === null || this.detection === null || this.settings === null) {
      throw new PorterError('internal', { reason: 'no-dataset' });
    }
    return { source: this.source, detection: this.detection, settings: this.settings };
  }
}
