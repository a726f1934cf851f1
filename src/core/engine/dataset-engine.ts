import { dialectOf } from '../detect/dialect';
import type { Cell } from '../model/cell';
import type { ParseIssue, ParseIssueCode } from '../model/issue';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import type { ReadProgress } from '../read/read-types';
import { exportTable, type ExportProgress, type ExportRequest, type ExportResult } from './export-table';
import { MAX_LISTED_ISSUES, PEEK_ROWS } from './limits';
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

  /** Writes the whole dataset, in file order, as the requested format. */
  exportAll(request: ExportRequest, options: TaskOptions<ExportProgress> = {}): Promise<ExportResult> {
    return exportTable(this.requireTable(), request, options.signal, options.onProgress);
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
