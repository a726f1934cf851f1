import { dialectOf } from '../detect/dialect';
import type { Cell } from '../model/cell';
import type { ParseIssue, ParseIssueCode } from '../model/issue';
import { ForegroundGate } from '../model/foreground';
import { PorterError, throwIfAborted } from '../model/porter-error';
import { tableFromRows, type Table } from '../model/table';
import type { CsvWriteOptions } from '../write/write-types';
import type { ReadContext, ReadProgress } from '../read/read-types';
import { readBlobBytes } from '../read/csv-stream-decode';
import type { CrmObject } from '../schema/schema-types';
import type { Transform } from '../mapping/mapping-types';
import { exportChunks, exportTable, type ExportProgress, type ExportRequest, type ExportResult } from './export-table';
import { prepareFieldHelper, type MappingPlan } from './mapped-columns';
import { heldRowsTable, jsonTypes, mappedTable, xlsxTypes, type InvalidRowPolicy } from './mapped-table';
import { mapBaseline } from './baseline-mapping';
import { initialSnapshot } from './initial-snapshot';
import { readSnapshotTable } from './revert-snapshot';
import { MappedWorkspace, type EditOp, type MappedRow, type MappedSummary, type RowFilter } from './mapped-workspace';
import { errorReportCsv, errorReportTable, proposeMapping, readErrorReport, type MappingProposal } from './mapping-session';
import { ReviewSession, type BaselineSummary, type ChangeDirection, type CommitResult, type DecisionOp, type StagedCommit, type ReviewFilter, type ReviewPatterns, type ReviewSummary, type SessionSummary, type StaleCause } from './review-session';

export type { StaleCause } from './review-session';
import type { ChangeKind, DiffOptions } from '../diff/diff-types';
import type { DiffProgress } from '../diff/fingerprint';
import type { KeyResolution } from '../diff/key-spec';
import { MAX_LISTED_ISSUES, PEEK_ROWS } from './limits';
import { openSource, readCsvFile, readReportBytes, readSnapshotRecords, readSourceBytes, SourceFile, type Peek } from './read-source';
import { matchLookup, type LookupResult, type LookupTableSummary } from './lookup-session';
import type { LookupSpec } from '../lookup/match-lookup';
import { exportProfile, insertsOf, type ProfileExportResult, type ProfileRequest } from './profile-export';
import { readSnapshotHead, type SnapshotHead } from './snapshot-head';
import { fingerprintStore, snapshotStore, summaryOf, type CommitKind, type CommitSummary, type StoreProgress } from './snapshot-store';
import type { SnapshotDescription } from './snapshot-description';
import type { SourceDetection, SourceMeta, SourceSettings } from './source-settings';
import { computeRowOrder, type RowOrder, type ViewSpec } from './table-view';
import { transformExamples, type TransformedExample } from './transform-examples';

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
  /** The data holds text outside ASCII: Export then offers a UTF-8 BOM by default. */
  readonly nonAscii: boolean;
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
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: P) => void) | undefined;
}

/** File contents as the page has them (a Blob) or as Node and tests have them (bytes). */
export type FileBytes = Blob | Uint8Array;

/** Catalogue texts for the error report, keyed `reason.<code>` and `rule.<rule>`. */
export type ProblemMessages = Readonly<Record<string, string>>;

/**
 * The versions of every stage, from one clock (docs/architecture.md, "Stages and versions").
 * A stage records the versions it was built from; it is stale when those moved on.
 */
export interface EngineStages {
  /** The file as read (LoadSummary.version). */
  readonly source: number;
  /** Sort and filter of the source grid (RowWindow.version). */
  readonly view: number;
  /** The data a review compares: mapped values with edits, or the file as read (MappedSummary.version). */
  readonly data: number;
  /** The last applied mapping, 0 before any. */
  readonly mapping: number;
  /** Null without a baseline. `version` is null until the first comparison. */
  readonly review: {
    readonly version: number | null;
    readonly stale: StaleCause | null;
  } | null;
  /** The last commit: the review version it was built from, whether Export uses it, whether the data moved on. */
  readonly commit: { readonly review: number; readonly adopted: boolean; readonly stale: StaleCause | null } | null;
}

/** A commit as the engine keeps it: what it returned, and the versions it was built from. */
interface CommitStage {
  /**
   * The snapshot (its NDJSON Blob and parts) and fingerprints, until the commit is adopted: the
   * page (or the command) adopts only once it has stored them, so the engine lets go of them
   * then — in a browser a Blob's bytes stay in the browser process while anything refers to
   * them (docs/architecture.md, "Memory that ends"). A commit asked for again after that is
   * computed again (the same bytes).
   */
  result: StagedCommit | null;
  /**
   * Its fingerprints while they are still to compute (a commit through {@link
   * DatasetEngine.commitFor}): how, and the stored snapshot they belong to once it is stored.
   * Kept after adoption (which lets go of `result`), so they can be added to the stored snapshot.
   */
  pending: { readonly later: NonNullable<StagedCommit['later']>; id: string | null } | null;
  readonly merged: Table;
  /** The review version it was built from; 0 for an initial snapshot (no baseline). */
  readonly review: number;
  readonly data: number;
  /** How it treated rows with errors (see {@link ComparedAs}). */
  readonly as: ComparedAs;
  /** A first import's snapshot, committed without a baseline. */
  readonly initial: boolean;
  /** A revert to a stored snapshot: its records, whatever the current data is. */
  readonly revert?: boolean;
  adopted: boolean;
  /**
   * The merge computed again for Export (the data or the decisions changed since), for the data
   * and review versions it was computed at: counted when Export is shown, then written.
   */
  remerged?: { readonly data: number; readonly review: number; readonly table: Table };
}

/**
 * What Export writes of the adopted commit now (`DatasetEngine.committedNow`): `records` in the
 * file, and `since`, why that is not the commit as stored: the data was `edited`, or the review's
 * decisions changed (`decided`), since the commit; null when it is the commit itself.
 */
export interface CommittedNow {
  readonly records: number;
  readonly since: 'edited' | 'decided' | null;
}

/** {@link DatasetEngine.memoryUse}: bytes held, by part. */
export interface EngineMemory {
  /** The source file's bytes, while they came as bytes (0 once only its Blob is kept). */
  readonly file: number;
  /** The source table as read. */
  readonly table: number;
  /** The baseline as compared (mapped like the current data, or as read). */
  readonly baseline: number;
  /** The baseline as read, when it is kept beside a mapped copy (0 when only its Blob is). */
  readonly baselineAsRead: number;
  /** The lookup file's table. */
  readonly lookup: number;
  /** Bytes kept as Blobs: the source file, the baseline file, the last commit's snapshot. */
  readonly blobs: number;
}

/** How a commit treated rows with errors: the policy it was made under, and the rows it left out. */
export interface ComparedAs {
  readonly policy: InvalidRowPolicy;
  readonly leftOut: number;
  /** A revert: a stored snapshot's records, which no policy of the current data made. */
  readonly revert?: boolean;
}

/** A loaded baseline: as read (to map again after a new mapping) and as compared. */
interface ReviewStage {
  /**
   * The baseline as read, for mapping it again after a new mapping. When it was mapped (a second
   * copy exists) and came as a Blob, only the Blob is kept and read again when needed: the
   * browser can page a Blob out, not a table (docs/architecture.md, "Memory that ends").
   */
  raw: Table | Blob;
  readonly fileName: string;
  readonly stored: { fingerprints: Uint8Array | null; columns: readonly string[] } | null;
  session: ReviewSession;
  /** The mapping version the baseline was mapped with. */
  mapping: number;
  /** Versions the last diff was built from; null before the first. */
  diff: { readonly data: number; readonly mapping: number } | null;
  /** Changes with every diff and decision: windows and commits name it. */
  version: number;
}

/** Progress while a file is read: bytes and rows so far, or the first rows (a peek). */
export type OpenProgress =
  | ({ readonly kind: 'read' } & ReadProgress)
  | { readonly kind: 'peek'; readonly peek: Peek };

/** A baseline's progress: the file read, then its records mapped like the current data. */
export type BaselineProgress = OpenProgress | { readonly kind: 'map'; readonly done: number; readonly total: number };


/**
 * Engine calls that are background work, run by the worker's host outside
 * {@link DatasetEngine.foreground}: the page asks for them after a result is shown, and the
 * user's next call goes first.
 */
export const BACKGROUND_CALLS: ReadonlySet<string> = new Set<keyof DatasetEngine>(['reviewDigests', 'commitFingerprints']);

/**
 * The dataset and everything done to it, in one place: it lives in the worker, and the page asks
 * it for windows, views and exports instead of holding rows itself (docs/design.md, "Where the data
 * lives"). Pure TypeScript, so the same engine runs on the main thread as a fallback and in
 * Node for tests.
 */
export class DatasetEngine {
  /**
   * Calls the user waits for, ahead of background work in the same thread: the worker's host
   * runs every call but {@link BACKGROUND_CALLS} through it, and the review's digests wait at
   * their checkpoints while one runs.
   */
  readonly foreground = new ForegroundGate();
  /**
   * The file as read, for reading it again with other settings: its bytes while they came as
   * bytes, or only the Blob once the table is built, read again on demand — the table is what
   * the steps use, and the browser can page a Blob out (docs/architecture.md, "Memory that ends").
   */
  private source: SourceFile | { readonly blob: Blob; readonly fileName: string } | null = null;
  private table: Table | null = null;
  private workspace: MappedWorkspace | null = null;
  private review: ReviewStage | null = null;
  /** The last commit; once adopted, what Export writes (recomputed if the data moved on). */
  private commitStage: CommitStage | null = null;
  /** A second file to fill reference fields from (lookups between objects). */
  private lookup: { table: Table; fileName: string } | null = null;
  /**
   * The error policy the review compares under: with `skip`, rows with errors are left out of
   * the comparison, so the merged dataset (and its snapshot) holds what Export would write.
   */
  private reviewPolicy: InvalidRowPolicy = 'include';
  private order: RowOrder = null;
  private view: ViewSpec = { sort: null, filter: null };
  /** The one clock: every change of any stage takes the next value, so versions never repeat. */
  private clock = 0;
  private at = { source: 0, view: 0, mapping: 0, data: 0 };
  /** The workspace's internal edit revision last seen, to tell a real change from a no-op. */
  private workspaceRevision = 0;
  private settings: SourceSettings | null = null;
  private detection: SourceDetection | null = null;
  /**
   * Counts reads begun (open and configure). Reads run concurrently in the worker, so a read that
   * finishes after a newer one began must not replace the newer file: it ends as cancelled.
   */
  private readsBegun = 0;
  /** The same for mappings: a mapping applied to a file that has been replaced is dropped. */
  private mappingsBegun = 0;

  /** Reads a new file with detected settings. The previous dataset stays if this one fails. */
  async open(
    file: FileBytes,
    fileName: string,
    options: TaskOptions<OpenProgress> = {},
    saved?: SourceSettings,
  ): Promise<LoadSummary> {
    // The time shown covers reading the bytes and detection, not only the parse.
    const started = Date.now();
    const ticket = ++this.readsBegun;
    // A Blob (the user's File) is size-checked before a byte of it is read.
    // A CSV File is streamed when read, never held whole (read-source.ts).
    const source = await openSource(file, fileName, saved, { signal: options.signal });
    const detected = source.detect();
    const { detection } = detected;
    // A restored session reads with the choices the user made, not the guesses.
    const settings = saved ?? detected.settings;
    const peek = await source.peek(settings, PEEK_ROWS);
    if (peek) options.onProgress?.({ kind: 'peek', peek });
    return this.readInto(ticket, source, detection, settings, options, started, file instanceof Blob ? file : null);
  }

  /** Re-reads the current file with some settings changed by the user. */
  async configure(
    patch: Partial<SourceSettings>,
    options: TaskOptions<OpenProgress> = {},
  ): Promise<LoadSummary> {
    const ticket = ++this.readsBegun;
    const { source: kept, detection, settings } = this.requireSource();
    const source =
      kept instanceof SourceFile ? kept : await openSource(kept.blob, kept.fileName, { ...settings, ...patch }, { signal: options.signal });
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
      next = { ...next, recordPath: undefined, sheet: undefined, headerRow: undefined };
    }
    return this.readInto(ticket, source, nextDetection, next, options, Date.now(), kept instanceof SourceFile ? null : kept.blob);
  }

  private async readInto(
    ticket: number,
    source: SourceFile,
    detection: SourceDetection,
    settings: SourceSettings,
    options: TaskOptions<OpenProgress>,
    started = Date.now(),
    blob: Blob | null = null,
  ): Promise<LoadSummary> {
    const onProgress = options.onProgress;
    const { result, meta } = await source.read(settings, {
      signal: options.signal,
      onProgress: onProgress && ((p: ReadProgress) => onProgress({ kind: 'read', ...p })),
    });
    // Cancelled or overtaken while reading: the dataset the page asked for last stays.
    throwIfAborted(options.signal);
    if (ticket !== this.readsBegun) throw new DOMException('A newer read replaced this one.', 'AbortError');
    this.source = blob === null ? source : { blob, fileName: source.fileName };
    this.detection = detection;
    this.settings = settings;
    this.table = result.table;
    // A new read means new columns: the mapping must be applied again, the baseline loaded again.
    this.workspace = null;
    this.review = null;
    this.commitStage = null;
    this.order = null;
    this.view = { sort: null, filter: null };
    const version = this.tick();
    this.at = { source: version, view: version, mapping: 0, data: version };
    const issueCounts: Partial<Record<ParseIssueCode, number>> = { ...result.issueCounts };
    if (result.issueCounts === undefined) {
      for (const issue of result.issues) issueCounts[issue.code] = (issueCounts[issue.code] ?? 0) + 1;
    }
    let issueTotal = 0;
    for (const n of Object.values(issueCounts)) issueTotal += n;
    return {
      version,
      fileName: source.fileName,
      size: source.size,
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
      issueTotal,
      issueCounts,
      durationMs: Date.now() - started,
      nonAscii: source.hasNonAscii(settings, result.table),
    };
  }

  /** Sorts and filters (in the engine, so a million rows never cross to the page). */
  async setView(view: ViewSpec, options: TaskOptions<never> = {}): Promise<ViewSummary> {
    const table = this.requireTable();
    this.order = await computeRowOrder(table, view, options.signal);
    this.view = view;
    this.at.view = this.tick();
    return { version: this.at.view, rowCount: this.order?.length ?? table.rowCount };
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
    return { version: this.at.view, start: from, rows, sourceRows, indexes };
  }

  /**
   * Where a source row sits in the current view: -1 when the filter hides it, -2 when it is no
   * data row at all (the header, a title line skipped, a blank line), which clearing the filter
   * would not bring.
   */
  findSourceRow(sourceRow: number): number {
    const table = this.requireTable();
    const total = this.order?.length ?? table.rowCount;
    for (let i = 0; i < total; i++) {
      const r = this.order ? (this.order[i] as number) : i;
      if (table.sourceRow(r) === sourceRow) return i;
    }
    if (this.order === null) return -2;
    for (let r = 0; r < table.rowCount; r++) if (table.sourceRow(r) === sourceRow) return -1;
    return -2;
  }

  /**
   * Writes the whole dataset, in file order, as the requested format: the merged data once a
   * commit is adopted, else the mapped fields once a mapping is applied (typed JSON where fields
   * have types), else the columns as read. An adopted commit whose data or decisions changed
   * since is merged again from the current data, so what Export writes is never older than
   * what the user sees.
   */
  async exportAll(
    request: ExportRequest,
    options: TaskOptions<ExportProgress> = {},
    policy: InvalidRowPolicy = 'include',
  ): Promise<ExportResult & { skipped: number; records: number }> {
    const ws = this.workspace;
    const errorRows = ws?.summary().rowsWithErrors ?? 0;
    const commit = this.commitStage?.adopted === true ? this.commitStage : null;
    if (commit !== null || ws === null) {
      // Block means nothing leaves while an error remains, committed or not.
      if (commit !== null && policy === 'block' && errorRows > 0) throw new PorterError('export-blocked', { rows: errorRows });
      const table = commit !== null ? await this.mergedNow(commit, options.signal) : this.requireTable();
      if (table.columns.length === 0) throw new PorterError('no-fields');
      const result = await exportTable(table, request, options.signal, options.onProgress);
      const skipped = commit !== null && commit.as.policy === 'skip' ? this.comparedAs(commit.as.policy).leftOut : 0;
      return { ...result, skipped, records: table.rowCount };
    }
    // A mapping of no field writes files of no bytes that said "N records": refused, with what to do.
    if (ws.fields.length === 0) throw new PorterError('no-fields');
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
    return { ...result, skipped, records: table.rowCount };
  }

  /** Suggested fields for every column, with examples, for the Map step. */
  proposeMapping(object: CrmObject, language = 'en'): Promise<MappingProposal> {
    // Dates and decimals as detected at upload (CSV only; other formats carry typed values).
    const dialect = this.settings?.format === 'csv' ? this.settings.dialect : undefined;
    const table = this.requireTable();
    // A large file's costly fields will be mapped in a helper: started now, while the user maps.
    prepareFieldHelper(table.rowCount);
    return proposeMapping(table, object, {
      dateOrder: dialect?.dateOrder ?? 'unknown',
      decimal: dialect?.decimalSeparator,
      language,
    });
  }

  /** A column's examples after its transforms (the Map step shows what a transform does). */
  transformExamples(examples: readonly string[], transforms: readonly Transform[]): Promise<TransformedExample[]> {
    return transformExamples(examples, transforms);
  }

  /** Applies a mapping: transforms every cell, validates every mapped cell (in slices). */
  async applyMapping(
    plan: MappingPlan,
    options: TaskOptions<{ phase: 'map' | 'validate'; done: number; total: number }> = {},
  ): Promise<MappedSummary> {
    const table = this.requireTable();
    const ticket = ++this.mappingsBegun;
    const ws = await MappedWorkspace.create(table, plan, options.signal, (p) =>
      options.onProgress?.(p),
    );
    // Cancelled, or overtaken by a newer mapping or a newer file: never installed over them.
    throwIfAborted(options.signal);
    if (this.table !== table || ticket !== this.mappingsBegun) {
      throw new DOMException('A newer mapping or file replaced this one.', 'AbortError');
    }
    this.workspace = ws;
    this.workspaceRevision = ws.summary().version;
    this.at.mapping = this.tick();
    this.at.data = this.at.mapping;
    return this.mappedSummaryOf(ws);
  }

  mappedSummary(): MappedSummary {
    return this.mappedSummaryOf(this.requireWorkspace());
  }

  mappedWindow(start: number, count: number, filter: RowFilter): { total: number; rows: MappedRow[]; version: number } {
    const ws = this.requireWorkspace();
    return { total: ws.count(filter), rows: ws.window(start, count, filter), version: this.at.data };
  }

  /** Every stage's version, and whether the review and the commit still describe the data. */
  stages(): EngineStages {
    const review = this.review;
    const commit = this.commitStage;
    return {
      ...this.at,
      review: review === null ? null : { version: review.diff === null ? null : review.version, stale: this.staleCause(review) },
      commit:
        commit === null
          ? null
          : { review: commit.review, adopted: commit.adopted, stale: commit.data !== this.at.data ? this.changeSince(commit.data) : null },
    };
  }

  /** The data moved on since `data`: by a new mapping, or by edits. */
  private changeSince(data: number): StaleCause {
    return this.at.mapping > data ? 'remapped' : 'edited';
  }

  private staleCause(review: ReviewStage): StaleCause | null {
    if (review.diff === null || review.diff.data === this.at.data) return null;
    return review.diff.mapping !== this.at.mapping ? 'remapped' : 'edited';
  }

  /** The summary with the engine's data version, so the page keys its caches on one clock. */
  private mappedSummaryOf(ws: MappedWorkspace): MappedSummary {
    return { ...ws.summary(), version: this.at.data };
  }

  /**
   * Records a change to the mapped data (edit, undo, redo, merged report). The workspace's own
   * revision says whether anything changed: an edit that sets a cell to its value changes
   * nothing, and leaves the review current.
   */
  private changed(summary: MappedSummary): MappedSummary {
    if (summary.version !== this.workspaceRevision) {
      this.workspaceRevision = summary.version;
      this.at.data = this.tick();
      // Digests still being computed read the data compared, which an edit changes in place:
      // stopped, and none are begun for a stale review (reviewDigests).
      this.review?.session.stopDigests();
    }
    return { ...summary, version: this.at.data };
  }

  nextProblem(from: number, direction: 1 | -1, filter: RowFilter): number {
    return this.requireWorkspace().nextProblem(from, direction, filter);
  }

  async edit(op: EditOp): Promise<MappedSummary> {
    return this.changed(await this.requireWorkspace().apply(op));
  }

  /** How many cells "fix all like this" would change for a cell's field and value. */
  likeCount(field: string, value: Cell): number {
    return this.requireWorkspace().likeCells(field, value).length;
  }

  undo(): MappedSummary {
    return this.changed(this.requireWorkspace().undo());
  }

  redo(): MappedSummary {
    return this.changed(this.requireWorkspace().redo());
  }

  /**
   * A page of the duplicate groups for the duplicates panel: how many groups there are in all,
   * and per group of the page its size, every row index (the panel's actions act on the whole
   * group) and the first `shown` rows with their values. Only those rows cross to the page: the
   * panel once received every row of fifty groups and drew them all at once (docs/architecture.md,
   * "The mapped data and its problems").
   */
  duplicateGroups(
    start: number,
    count: number,
    shown: number,
  ): { total: number; groups: { field: string; size: number; all: number[]; rows: MappedRow[]; conflicts: string[] }[] } {
    const ws = this.requireWorkspace();
    const page = ws.duplicatePage(start, count);
    return {
      total: page.total,
      groups: page.groups.map((g) => ({
        field: g.field,
        size: g.rows.length,
        all: g.rows,
        rows: g.rows.slice(0, shown).map((r) => ws.rowOf(r)),
        // Over every row of the group, shown or not: what a merge would keep one value of.
        conflicts: ws.duplicateConflicts(g.rows),
      })),
    };
  }

  /** Rows of the mapped data by index (at most 200), for a panel that shows more of a group. */
  mappedRowsAt(rows: readonly number[]): MappedRow[] {
    const ws = this.requireWorkspace();
    const live = rows.filter((r) => Number.isInteger(r) && r >= 0 && r < ws.source.rowCount && !ws.isDeleted(r));
    return live.slice(0, 200).map((r) => ws.rowOf(r));
  }

  /**
   * The rows with problems as CSV, to fix in a spreadsheet and re-upload. Problem text comes from
   * `describe`, or from catalogue entries the page sent along (in the user's language).
   */
  async errorReport(
    describe: ((field: string, rule: string, reason: string) => string) | ProblemMessages,
    format: 'csv' | 'xlsx' = 'csv',
  ): Promise<ExportResult> {
    const ws = this.requireWorkspace();
    const text =
      typeof describe === 'function'
        ? describe
        : (_field: string, rule: string, reason: string) => describe[`reason.${reason}`] ?? describe[`rule.${rule}`] ?? rule;
    if (format === 'xlsx') {
      // The same rows and columns as the CSV, every cell text; re-uploaded like the CSV.
      const request = { format: 'xlsx', options: { sheetName: 'Errors', overflow: 'split' } } as const;
      return exportTable(errorReportTable(ws, text), request);
    }
    return exportChunks(errorReportCsv(ws, text), 'text/csv;charset=utf-8');
  }

  /**
   * Reads a second file (an Accounts export, a user list) to fill reference fields from, with
   * the reader's progress and Cancel; cancelled, the lookup file loaded before stays.
   */
  async loadLookup(file: FileBytes, fileName: string, options: TaskOptions<ReadProgress> = {}): Promise<LookupTableSummary> {
    const source = new SourceFile(await bytesOf(file, fileName, options.signal), fileName);
    const { settings } = source.detect();
    const { result } = await source.read(settings, { signal: options.signal, onProgress: options.onProgress });
    this.lookup = { table: result.table, fileName };
    return { fileName, columns: result.table.columns, rowCount: result.table.rowCount };
  }

  /** Matches the working data against the lookup file; the page applies the returned edit. */
  matchLookup(spec: LookupSpec): LookupResult {
    if (this.lookup === null) throw new PorterError('no-lookup');
    return matchLookup(this.requireWorkspace(), this.lookup.table, spec);
  }

  /**
   * Merges a corrected error report back as one undoable edit. Cancel reaches the read and the
   * parse; once the edit is made it is made (undo takes it back).
   */
  async mergeErrorReport(file: FileBytes, options: TaskOptions<never> = {}): Promise<{
    summary: MappedSummary;
    op: Extract<EditOp, { kind: 'set-many' }>;
    unknownRows: number;
    rows: number;
  }> {
    const ws = this.requireWorkspace();
    // Size-checked before it is read, as any file the user picks (readReportBytes).
    const { signal } = options;
    const bytes = file instanceof Uint8Array ? file : await readReportBytes(file, { signal });
    const { changes, unknownRows, rows } = await readErrorReport(bytes, ws, signal);
    throwIfAborted(signal);
    const op = { kind: 'set-many', changes } as const;
    const summary = this.changed(await ws.apply(op));
    return { summary, op, unknownRows, rows };
  }

  /**
   * The data a review compares with its baseline: the mapped fields if mapped (without the rows
   * with errors when the review's policy is `skip`), else as read.
   */
  private current(policy: InvalidRowPolicy = this.reviewPolicy): Table {
    return this.workspace ? mappedTable(this.workspace, policy === 'skip' ? 'skip' : 'include').table : this.requireTable();
  }

  /**
   * The rows {@link current} leaves out under the review's policy (rows with errors, under
   * `skip`), for the diff to hold back their baseline records; null when it leaves none out.
   */
  private held(policy: InvalidRowPolicy = this.reviewPolicy): Table | null {
    return this.workspace && policy === 'skip' ? heldRowsTable(this.workspace) : null;
  }

  /** What a policy does to rows with errors now: the rows it leaves out of a comparison. */
  private comparedAs(policy: InvalidRowPolicy): ComparedAs {
    const ws = this.workspace;
    return { policy, leftOut: ws !== null && policy === 'skip' ? ws.summary().rowsWithErrors : 0 };
  }

  /**
   * Reads a baseline (a file, or a snapshot's NDJSON with its stored fingerprints), with
   * progress: bytes read, then records mapped like the current data.
   */
  async loadBaseline(
    file: FileBytes,
    fileName: string,
    stored: { fingerprints: Uint8Array | null; columns: readonly string[] } | null,
    options: TaskOptions<BaselineProgress> = {},
  ): Promise<BaselineSummary> {
    const onProgress = options.onProgress;
    const table = await readBaseline(
      file,
      fileName,
      { signal: options.signal, onProgress: onProgress && ((p: ReadProgress) => onProgress({ kind: 'read', ...p })) },
      stored,
    );
    // The comparison this baseline replaces: its digests, if still being computed, waited while
    // the file was read (a cancelled or refused read leaves them be); now they describe a
    // comparison on its way out, and the encoding they hold is worth more to the mapping.
    this.review?.session.stopDigests();
    const session = await this.sessionFor(table, fileName, stored, options.signal, onProgress && ((done, total) => onProgress({ kind: 'map', done, total })));
    const raw = file instanceof Blob && session.baseline !== table ? file : table;
    this.review = { raw, fileName, stored, session, mapping: this.at.mapping, diff: null, version: this.tick() };
    this.commitStage = null;
    return session.describe(this.current());
  }

  /** The baseline as read: kept, or read again from its Blob. */
  private async rawBaseline(review: ReviewStage, signal: AbortSignal | undefined): Promise<Table> {
    if (!(review.raw instanceof Blob)) return review.raw;
    return readBaseline(review.raw, review.fileName, { signal }, review.stored);
  }

  /** A review session for a baseline as read, mapped like the current data where it can be. */
  private async sessionFor(
    raw: Table,
    fileName: string,
    stored: { fingerprints: Uint8Array | null; columns: readonly string[] } | null,
    signal: AbortSignal | undefined,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ReviewSession> {
    const ws = this.workspace;
    const { table, mapping } = await mapBaseline(
      raw,
      ws ? ws.plan : null,
      this.requireTable().columns,
      ws ? ws.fields.map((f) => f.key) : [],
      signal,
      onProgress,
      ws ? { source: ws.source, built: ws.built } : null,
    );
    return new ReviewSession(table, fileName, stored, mapping);
  }

  /**
   * Compares the current data with the baseline. After a new mapping the baseline is mapped
   * again first (its decisions and resolutions named the old fields, so they start over).
   */
  async runDiff(
    options: Omit<DiffOptions, 'baseFingerprints'>,
    task: TaskOptions<DiffProgress> = {},
    policy: InvalidRowPolicy = 'include',
  ): Promise<ReviewSummary> {
    const review = this.requireReview();
    this.reviewPolicy = policy;
    if (review.mapping !== this.at.mapping) {
      review.session = await this.sessionFor(await this.rawBaseline(review, task.signal), review.fileName, review.stored, task.signal);
      review.mapping = this.at.mapping;
    }
    const current = this.current();
    // A field compared before may be gone from the new data since (set to "Don't import", then
    // Compare again): compared, the new data would read it as missing, clear it in every record
    // of the change files and blank the baseline's values in the merged data. A snapshot
    // baseline still has it. Only fields the new data has are compared.
    const present = new Set(current.columns);
    const compareColumns = options.compareColumns?.filter((c) => present.has(c));
    const asked = compareColumns === undefined ? options : { ...options, compareColumns };
    const summary = await review.session.run(current, asked, task.signal, (p) => task.onProgress?.(p), this.held());
    return this.compared(review, summary);
  }

  /** Records that the review now describes the current data (after a diff ran). */
  private compared(review: ReviewStage, summary: SessionSummary): ReviewSummary {
    review.diff = { data: this.at.data, mapping: this.at.mapping };
    // A new comparison replaces the commit: Export writes the current data until the next one.
    this.commitStage = null;
    return this.decided(review, summary);
  }

  /** Stamps a review summary with the review's new version. */
  private decided(review: ReviewStage, summary: SessionSummary): ReviewSummary {
    review.version = this.tick();
    return this.reviewSummaryOf(review, summary);
  }

  private reviewSummaryOf(review: ReviewStage, summary: SessionSummary): ReviewSummary {
    return { ...summary, version: review.version, stale: this.staleCause(review) };
  }

  /** The current review summary (with whether it is stale), or null before the first diff. */
  reviewSummary(): ReviewSummary | null {
    const review = this.review;
    if (review === null || review.diff === null) return null;
    return this.reviewSummaryOf(review, review.session.summary());
  }

  /** Review records of the kinds, matching the search (key and every compared value) and the filter. */
  reviewWindow(start: number, count: number, kinds: readonly ChangeKind[], search: string, filter: ReviewFilter = {}) {
    const review = this.requireReview();
    return { ...review.session.window(start, count, kinds, search, filter), version: review.version };
  }

  /** The largest change patterns (identical edits grouped), at most `limit`, with decisions applied. */
  reviewPatterns(limit: number): ReviewPatterns & { readonly version: number } {
    const review = this.requireReview();
    return { ...review.session.patternSummary(limit), version: review.version };
  }

  decide(op: DecisionOp): ReviewSummary {
    const review = this.requireReview();
    return this.decided(review, review.session.decide(op));
  }

  reviewUndo(): ReviewSummary {
    const review = this.requireReview();
    const before = review.session.summary().canUndo;
    const summary = review.session.undo();
    return before ? this.decided(review, summary) : this.reviewSummaryOf(review, summary);
  }

  reviewRedo(): ReviewSummary {
    const review = this.requireReview();
    const before = review.session.summary().canRedo;
    const summary = review.session.redo();
    return before ? this.decided(review, summary) : this.reviewSummaryOf(review, summary);
  }

  /**
   * The last comparison's keyed dataset digests, computed once after it is shown (the diff
   * itself compares text and does not encode every record). `comparison` says which diff they
   * belong to (`ReviewSummary.comparison`). Background work ({@link BACKGROUND_CALLS}): they
   * wait while any other call runs.
   */
  async reviewDigests(task: TaskOptions<never> = {}): Promise<{ comparison: number; base: string; next: string; webCryptoCalls: number }> {
    const session = this.requireReview().session;
    // Digests done describe the comparison and are kept; none are begun once the data changed
    // after it (they would read the data as it is now, in the comparison's key order).
    if (!session.hasDigests()) this.requireFreshReview();
    const comparison = session.summary().comparison;
    const d = await session.digests(task.signal, this.foreground);
    return { comparison, base: d.base, next: d.next, webCryptoCalls: d.calls };
  }

  /** Records a key-conflict resolution and runs the diff again. */
  async resolveConflict(side: 'base' | 'next', resolution: KeyResolution, task: TaskOptions<DiffProgress> = {}): Promise<ReviewSummary> {
    const review = this.requireReview();
    const session = review.session;
    session.resolve(side, resolution);
    const options = session.summary().options;
    return this.compared(review, await session.run(this.current(), options, task.signal, (p) => task.onProgress?.(p), this.held()));
  }

  /**
   * The merged dataset as a snapshot. Refused while the review is stale (the data changed after
   * the diff). Idempotent: committing again without a change returns the same result.
   */
  async commit(task: TaskOptions<DiffProgress> = {}): Promise<CommitResult> {
    return copyOf(await this.withFingerprints(await this.commitKept(task), task.signal));
  }

  /**
   * {@link commit}'s result as the stage keeps it: its fingerprints are not the caller's to move.
   * With `later` (the page's commit, {@link commitFor}) they are left to {@link commitFingerprints}.
   */
  private async commitKept(task: TaskOptions<DiffProgress>, later = false): Promise<StagedCommit> {
    const review = this.requireFreshReview();
    const last = this.commitStage;
    const same = last !== null && !last.initial && last.review === review.version && last.data === this.at.data;
    if (same && last.result !== null) return last.result;
    const computed = await review.session.commit(task.signal, (p) => task.onProgress?.(p), later);
    const merged = review.session.committed;
    if (merged === null) throw new PorterError('internal', { reason: 'nothing-committed' });
    const result = { ...computed, review: review.version };
    // Asked again after it was adopted (stored): the same bytes, and it stays adopted.
    const adopted = same && last.adopted;
    this.commitStage = {
      result: adopted ? null : result,
      pending: pendingOf(result),
      merged,
      review: review.version,
      data: this.at.data,
      as: this.comparedAs(this.reviewPolicy),
      initial: false,
      adopted,
    };
    return result;
  }

  /**
   * A first import, with nothing to compare with: the current data (mapped, under the error
   * policy) becomes the initial snapshot, with fingerprints, usable as a later baseline.
   * Idempotent like {@link commit}: the same data and policy give the same result.
   */
  async commitInitial(policy: InvalidRowPolicy, task: TaskOptions<DiffProgress> = {}): Promise<CommitResult> {
    return copyOf(await this.withFingerprints(await this.commitInitialKept(policy, task), task.signal));
  }

  private async commitInitialKept(policy: InvalidRowPolicy, task: TaskOptions<DiffProgress>, later = false): Promise<StagedCommit> {
    const last = this.commitStage;
    const same = last !== null && last.initial && last.revert !== true && last.data === this.at.data && last.as.policy === policy;
    if (same && last.result !== null) return last.result;
    const { table, commit } = await initialSnapshot(this.current(policy), task.signal, (p) => task.onProgress?.(p), later);
    const adopted = same && last.adopted;
    this.commitStage = {
      result: adopted ? null : commit,
      pending: pendingOf(commit),
      merged: table,
      review: 0,
      data: this.at.data,
      as: this.comparedAs(policy),
      initial: true,
      adopted,
    };
    return commit;
  }

  /**
   * Reverts to a stored snapshot, as a new commit (History keeps every snapshot, so nothing is
   * lost): the snapshot's records (its NDJSON, in its stored column order) become the committed
   * dataset, saved again with fresh fingerprints (the same NDJSON bytes, so the same digest) and
   * adopted like any commit. Export then writes them, whatever the current data holds.
   */
  async commitRevert(file: FileBytes, columns: readonly string[], task: TaskOptions<DiffProgress> = {}): Promise<CommitResult> {
    return copyOf(await this.withFingerprints(await this.commitRevertKept(file, columns, task), task.signal));
  }

  private async commitRevertKept(file: FileBytes, columns: readonly string[], task: TaskOptions<DiffProgress>, later = false): Promise<StagedCommit> {
    const table = await readSnapshotTable(file, columns, task.signal);
    const { table: merged, commit } = await initialSnapshot(table, task.signal, (p) => task.onProgress?.(p), later);
    const result = { ...commit, counts: { ...commit.counts, added: 0 } };
    this.commitStage = {
      result,
      pending: pendingOf(result),
      merged,
      review: 0,
      data: this.at.data,
      as: { policy: 'include', leftOut: 0, revert: true },
      initial: true,
      revert: true,
      adopted: false,
    };
    return result;
  }

  /**
   * A commit for a caller that stores it through the engine ({@link storeCommit}): the same
   * commit as {@link commit}, {@link commitInitial} or {@link commitRevert}, answered without its
   * files. The snapshot's Blobs and the fingerprints stay here, so the page never holds them
   * (docs/architecture.md, "Memory that ends").
   */
  async commitFor(what: CommitKind, task: TaskOptions<DiffProgress> = {}): Promise<CommitSummary> {
    // The stage's own result, not a copy: only its summary leaves here (a copy of a 1M-row
    // commit's 32 MB of fingerprints was ~2.5% of its engine thread, traced, for nothing).
    // Its fingerprints afterwards ({@link commitFingerprints}): the commit is done sooner.
    const result = await (what.kind === 'review'
      ? this.commitKept(task, true)
      : what.kind === 'initial'
        ? this.commitInitialKept(what.policy, task, true)
        : this.commitRevertKept(what.file, what.columns, task, true));
    const stage = this.commitStage;
    // Computed again after it was adopted (the stage let go of its files): kept until stored
    // and adopted again, since the caller may store it.
    if (stage !== null && stage.result === null) stage.result = result;
    return summaryOf(result);
  }

  /**
   * Stores the last commit's snapshot — its parts, its fingerprints and `description`, in one
   * transaction — through the installed store (`setSnapshotStore`: the worker's IndexedDB), with
   * the bytes stored as progress; aborting takes back every part written. `description` must
   * describe this commit (its digest). The commit stays unadopted: {@link adoptCommit} next.
   */
  async storeCommit(description: SnapshotDescription, task: TaskOptions<StoreProgress> = {}): Promise<void> {
    const stage = this.commitStage;
    const result = stage?.result;
    if (stage === null || result === null || result === undefined || result.digest !== description.digest) {
      throw new PorterError('internal', { reason: 'nothing-committed' });
    }
    const store = snapshotStore();
    await store(description, result.fingerprints, result.parts, (p) => task.onProgress?.(p), task.signal);
    // Stored without its fingerprints: {@link commitFingerprints} adds them to this snapshot.
    if (result.fingerprints === null && stage.pending !== null) stage.pending.id = description.id;
  }

  /**
   * Computes the last commit's fingerprints, when it was stored without them ({@link
   * commitFor}, {@link storeCommit}), and adds them to the stored snapshot (the installed
   * `FingerprintStore`). Background work ({@link BACKGROUND_CALLS}): it waits while any other
   * call runs, and stops, storing nothing, once the commit is replaced or the data it read
   * changes (an edit, a new comparison or baseline). Returns whether they were stored. A snapshot
   * left without them (the page closed first) is whole: a later comparison with it as the
   * baseline hashes its records itself. `storedAs`: the stored snapshot of the same records (the
   * same digest) this commit was not stored again as; its fingerprints are added to it.
   */
  async commitFingerprints(storedAs?: string, task: TaskOptions<never> = {}): Promise<boolean> {
    const stage = this.commitStage;
    const pending = stage?.pending ?? null;
    const id = pending?.id ?? storedAs ?? null;
    if (stage === null || pending === null || id === null) return false;
    // A revert's records are the stored snapshot's, whatever the current data: only the others read it.
    const valid = () => this.commitStage === stage && stage.pending === pending && (stage.revert === true || this.at.data === stage.data);
    if (!valid()) return false;
    // Computed already by a `commit()` of this stage (the same records): not computed twice.
    let fingerprints = stage.result?.fingerprints ?? null;
    try {
      fingerprints ??= await pending.later({ ...(task.signal ? { signal: task.signal } : {}), gate: this.foreground, valid });
    } catch (err) {
      // Stopped because the commit or its data moved on: nothing to store, not a failure.
      if (!valid()) return false;
      throw err;
    }
    if (!valid()) return false;
    await fingerprintStore()(id, fingerprints);
    if (stage.result !== null) stage.result.fingerprints = fingerprints;
    stage.pending = null;
    return true;
  }

  /**
   * A staged commit with its fingerprints, computed here (in the foreground) when they were left
   * for later: what {@link commit} and the other callers that write the files themselves get.
   */
  private async withFingerprints(result: StagedCommit, signal: AbortSignal | undefined): Promise<CommitResult> {
    if (result.fingerprints === null) {
      if (result.later === null) throw new PorterError('internal', { reason: 'nothing-committed' });
      result.fingerprints = await result.later(signal ? { signal } : {});
    }
    return result as CommitResult;
  }

  /** Makes the last commit's merged dataset the one Export writes (after it was saved). */
  adoptCommit(): { rowCount: number; columns: readonly string[] } & ComparedAs {
    const commit = this.commitStage;
    if (commit === null) throw new PorterError('internal', { reason: 'nothing-committed' });
    if (!commit.initial) {
      const review = this.requireFreshReview();
      if (commit.review !== review.version) throw new PorterError('internal', { reason: 'commit-outdated' });
    } else if (commit.data !== this.at.data) {
      throw new PorterError('internal', { reason: 'commit-outdated' });
    }
    commit.adopted = true;
    commit.result = null;
    return { rowCount: commit.merged.rowCount, columns: commit.merged.columns, ...commit.as };
  }

  /**
   * The first records of a stored snapshot (the start of its NDJSON; `complete` when that is the
   * whole of it), read as a baseline would read them. Touches no state of the engine.
   */
  async snapshotHead(
    file: FileBytes,
    count: number,
    columns: readonly string[],
    complete: boolean,
  ): Promise<SnapshotHead> {
    return readSnapshotHead(await bytesOf(file), count, columns, complete);
  }

  /**
   * Import files for a CRM profile, as a zip: the Review change set when a diff has run (refused
   * while it is stale), else every mapped record (under the error policy) as an insert.
   */
  async exportProfile(
    request: ProfileRequest,
    policy: InvalidRowPolicy = 'include',
    options: TaskOptions<never> = {},
  ): Promise<ProfileExportResult> {
    const ws = this.requireWorkspace();
    if (this.review !== null && this.review.diff !== null) {
      const changes = this.requireFreshReview().session.changeOperations();
      if (changes !== null) return exportProfile(request, ws.plan.object.key, changes, options.signal);
    }
    const errorRows = ws.summary().rowsWithErrors;
    if (policy === 'block' && errorRows > 0) throw new PorterError('export-blocked', { rows: errorRows });
    const { table } = mappedTable(ws, policy);
    return exportProfile(request, ws.plan.object.key, { columns: table.columns, operations: insertsOf(table) }, options.signal);
  }

  /**
   * Only the accepted changes, as operations, or (`undo`) the change set that undoes them.
   * Refused while the review is stale.
   */
  async exportChanges(
    format: 'json' | 'csv' | 'xml' | 'xlsx',
    options: TaskOptions<never> = {},
    csv?: CsvWriteOptions,
    direction: ChangeDirection = 'forward',
  ): Promise<ExportResult> {
    return this.requireFreshReview().session.exportChanges(format, options.signal, csv, direction);
  }

  /**
   * What Export writes of the adopted commit now: how many records, and whether the data or the
   * decisions changed since (then the merge computed again, not the snapshot in History). The
   * page showed the commit's own count and said nothing of changed decisions, while the file
   * held the merge of the data and decisions of the moment. Null without an adopted commit;
   * after a new mapping it is refused (`review-stale`), as Export is.
   */
  async committedNow(options: TaskOptions<never> = {}): Promise<CommittedNow | null> {
    const commit = this.commitStage?.adopted === true ? this.commitStage : null;
    if (commit === null) return null;
    const table = await this.mergedNow(commit, options.signal);
    const since = table === commit.merged ? null : commit.data !== this.at.data ? 'edited' : 'decided';
    return { records: table.rowCount, since };
  }

  /**
   * The adopted commit's merged data, or — when the data or the decisions changed since — the
   * merge computed again from the current data with the same options and decisions (kept for
   * those versions: Export counts it when shown, then writes it).
   */
  private async mergedNow(commit: CommitStage, signal: AbortSignal | undefined): Promise<Table> {
    if (commit.revert === true) return commit.merged;
    // An initial snapshot is the data itself: after later edits, the data as it is now.
    if (commit.initial) return commit.data === this.at.data ? commit.merged : this.current(commit.as.policy);
    const review = this.requireReview();
    if (commit.data === this.at.data && commit.review === review.version) return commit.merged;
    if (review.mapping !== this.at.mapping) throw new PorterError('review-stale', { changed: 'remapped' });
    const kept = commit.remerged;
    if (kept !== undefined && kept.data === this.at.data && kept.review === review.version) return kept.table;
    const at = { data: this.at.data, review: review.version };
    const table = await review.session.mergeWith(this.current(), signal, this.held());
    // Nothing moved while it was computed (a decision or an edit would have a new version).
    if (at.data === this.at.data && at.review === review.version) commit.remerged = { ...at, table };
    return table;
  }

  private requireReview(): ReviewStage {
    if (this.review === null) throw new PorterError('no-baseline');
    return this.review;
  }

  /** The review, if its diff has run and still describes the current data. */
  private requireFreshReview(): ReviewStage {
    const review = this.requireReview();
    if (review.diff === null) throw new PorterError('no-baseline');
    const stale = this.staleCause(review);
    if (stale !== null) throw new PorterError('review-stale', { changed: stale });
    return review;
  }

  private tick(): number {
    return ++this.clock;
  }

  private requireWorkspace(): MappedWorkspace {
    if (this.workspace === null) throw new PorterError('no-mapping');
    return this.workspace;
  }

  /**
   * What the engine holds now, by part, in bytes (text as V8 stores it, a shared text once): for the
   * memory bench and for tests that a step let go of what it no longer needs
   * (docs/architecture.md, "Memory that ends"). `blobs` are kept as Blobs, which the browser
   * can page out; the rest sits in the worker's heap.
   */
  memoryUse(): EngineMemory {
    const source = this.source;
    const review = this.review;
    const commit = this.commitStage;
    return {
      file: source instanceof SourceFile ? source.bytes.byteLength : 0,
      table: held(this.table),
      baseline: held(review?.session.baseline),
      baselineAsRead: review === null || review.raw instanceof Blob || review.raw === review.session.baseline ? 0 : held(review.raw),
      lookup: held(this.lookup?.table),
      blobs:
        (source !== null && !(source instanceof SourceFile) ? source.blob.size : 0) +
        (review?.raw instanceof Blob ? review.raw.size : 0) +
        (commit?.result?.snapshot.size ?? 0),
    };
  }

  get currentView(): ViewSpec {
    return this.view;
  }

  private requireTable(): Table {
    if (this.table === null) throw new PorterError('internal', { reason: 'no-dataset' });
    return this.table;
  }

  private requireSource(): {
    source: SourceFile | { readonly blob: Blob; readonly fileName: string };
    detection: SourceDetection;
    settings: SourceSettings;
  } {
    if (this.source === null || this.detection === null || this.settings === null) {
      throw new PorterError('internal', { reason: 'no-dataset' });
    }
    return { source: this.source, detection: this.detection, settings: this.settings };
  }
}

/**
 * A file read with its detected settings, as a table. Its own function so that the file's bytes
 * are garbage once it returns: a local of an async function stays alive across every later
 * await of that function, and mapping a baseline awaits for seconds.
 */
async function readTable(file: FileBytes, fileName: string, ctx: ReadContext, snapshot = false): Promise<Table> {
  // A snapshot's data is NDJSON whatever its name says, read a slice at a time: never one
  // string, so one past V8's string cap reads back (read-source.ts).
  if (snapshot) return readSnapshotRecords(file, ctx);
  // A CSV file is streamed, never held whole (read-source.ts).
  const csv = file instanceof Blob ? await readCsvFile(file, fileName, ctx) : null;
  if (csv !== null) return csv.table;
  const source = new SourceFile(await bytesOf(file, fileName, ctx.signal), fileName);
  const { result } = await source.read(source.detect().settings, ctx);
  return result.table;
}

/**
 * A baseline as read. A snapshot of no records (everything deleted, or a first night with none)
 * has an empty NDJSON file: its fields are the stored fingerprint columns, not a refusal as an
 * empty file, so the next night compares with it (every record added).
 */
async function readBaseline(
  file: FileBytes,
  fileName: string,
  ctx: ReadContext,
  stored: { readonly columns: readonly string[] } | null,
): Promise<Table> {
  const size = file instanceof Blob ? file.size : file.length;
  if (stored !== null && size === 0) return tableFromRows(stored.columns, []);
  return readTable(file, fileName, ctx, stored !== null);
}

/** What a table holds (0 for none, or for a view). */
function held(table: Table | null | undefined): number {
  return table?.heldBytes?.() ?? 0;
}

/**
 * The bytes of a file. With a name, a Blob is size-checked before a byte of it is read (a
 * 600 MB file is refused without reading 600 MB); without one (the start of a snapshot's data
 * the page sends for a preview) it is read as it is. A Blob is read under the stall limit and
 * `signal` (readBlobBytes): a read that hangs ends in `file-read-stalled`, or at once on cancel.
 * A snapshot's whole data is never read as bytes: `readSnapshotRecords` reads it a slice at a time.
 */
async function bytesOf(file: FileBytes, fileName?: string, signal?: AbortSignal): Promise<Uint8Array> {
  if (file instanceof Uint8Array) return file;
  if (fileName !== undefined) return readSourceBytes(file, fileName, { signal });
  return readBlobBytes(file, { signal });
}

/** A commit result whose fingerprints the caller owns: the worker may move them to the page. */
function copyOf(result: CommitResult): CommitResult {
  const { later: _later, ...rest } = result as CommitResult & { later?: unknown };
  return { ...rest, fingerprints: result.fingerprints.slice() };
}

/** A staged commit's fingerprints still to compute, for {@link CommitStage.pending}. */
function pendingOf(result: StagedCommit): CommitStage['pending'] {
  return result.fingerprints === null && result.later !== null ? { later: result.later, id: null } : null;
}
