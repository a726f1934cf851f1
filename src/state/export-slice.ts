import type { StateCreator } from 'zustand';
import type { CommittedNow } from '../core/engine/dataset-engine';
import type { ExportRequest } from '../core/engine/export-table';
import type { CsvWriteOptions, XmlWriteOptions } from '../core/write/write-types';
import { isCancelled } from '../workers/client/engine-client';
import { engine } from './engine';
import { toShownError, type ShownError } from './source-slice';
import type { Store } from './store';

export type ExportFormat = ExportRequest['format'];

export interface ExportChoices {
  format: ExportFormat;
  csv: CsvWriteOptions;
  jsonStyle: 'pretty' | 'compact';
  xml: XmlWriteOptions;
  /** `.xlsx` past 1,048,575 rows: continue on further sheets, or refuse. */
  xlsxOverflow: 'split' | 'refuse';
  /** File name without extension; the extension follows the format. */
  baseName: string;
  /**
   * The UTF-8 BOM follows the data until the user sets it: on when the data holds non-ASCII
   * text (Excel on Windows reads UTF-8 without a BOM as the ANSI code page), off for plain
   * ASCII. `csv.bom` holds the user's choice once this is false.
   */
  bomAuto: boolean;
}

export interface ExportFile {
  readonly url: string;
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
  /** Rows with errors left out under the `skip` policy (at export, or before a commit). */
  readonly skipped: number;
  /** Records the file holds, as the engine wrote them. */
  readonly records: number;
  /** Lone surrogate halves (text no encoding can hold) written as U+FFFD, or escaped in JSON. */
  readonly replacedChars: number;
}

export interface ExportSlice {
  exportChoices: ExportChoices;
  exportStatus: 'idle' | 'writing';
  exportBytes: number;
  exportFile: ExportFile | null;
  exportError: ShownError | null;
  /**
   * The data changed while the last file was written (an edit on Validate, a decision on
   * Review): that file was not kept, and Export asks for it to be created again.
   */
  exportOutdated: boolean;
  /**
   * The adopted commit of a review can no longer be written: the mapping was applied again
   * since (its decisions named the old fields). Export says so before the click; Review's
   * "Compare again" then commit makes a new one. Asked of the engine when Export is shown.
   */
  commitRemapped: boolean;
  /**
   * What Export writes of the adopted commit now (asked of the engine when Export is shown): the
   * records in the file, and whether the data was edited or the decisions changed since, when it
   * writes the merge computed again, not the snapshot in History. Null: no commit, or not known yet.
   */
  commitNow: CommittedNow | null;
  /** `commitId`: the adopted commit's snapshot (null: none); `version`: the mapped data's version the answer is for. */
  checkCommit: (commitId: string | null, version: number | null) => Promise<void>;
  setExportChoices: (patch: Partial<ExportChoices>) => void;
  /** Forgets the written file (and frees its download URL): it no longer describes the data. */
  dropExportFile: () => void;
  runExport: () => Promise<void>;
  cancelExport: () => void;
}

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  csv: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  xml: 'xml',
  xlsx: 'xlsx',
};

export const DEFAULT_EXPORT: ExportChoices = {
  format: 'csv',
  csv: { delimiter: ',', quoting: 'minimal', newline: '\r\n', bom: false, formulaGuard: true },
  jsonStyle: 'pretty',
  xml: { root: 'records', record: 'record', declaration: true },
  xlsxOverflow: 'split',
  baseName: 'export',
  bomAuto: true,
};

/** The CSV options an export will use: the BOM resolved against the data when still automatic. */
export function effectiveCsv(choices: ExportChoices, nonAscii: boolean): ExportChoices['csv'] {
  return choices.bomAuto ? { ...choices.csv, bom: nonAscii } : choices.csv;
}

/** The full file name an export will get. */
export function exportFileName(choices: ExportChoices): string {
  const base = choices.baseName.trim() === '' ? 'export' : choices.baseName.trim();
  return `${base}.${EXTENSIONS[choices.format]}`;
}

function toRequest(c: ExportChoices, nonAscii: boolean): ExportRequest {
  switch (c.format) {
    case 'csv':
      return { format: 'csv', options: effectiveCsv(c, nonAscii) };
    case 'json':
      return { format: 'json', options: { style: c.jsonStyle } };
    case 'ndjson':
      return { format: 'ndjson' };
    case 'xml':
      return { format: 'xml', options: c.xml };
    case 'xlsx':
      return { format: 'xlsx', options: { sheetName: c.baseName.trim() || 'Data', overflow: c.xlsxOverflow } };
  }
}

let exporting: AbortController | null = null;

export const createExportSlice: StateCreator<Store, [], [], ExportSlice> = (set, get) => ({
  exportChoices: DEFAULT_EXPORT,
  exportStatus: 'idle',
  exportBytes: 0,
  exportFile: null,
  exportError: null,
  exportOutdated: false,
  commitRemapped: false,
  commitNow: null,
  checkCommit: async (commitId, version) => {
    // An answer about data or a commit that changed meanwhile is not this one's (the next check answers).
    const current = () => (get().mapped?.version ?? null) === version && (get().committedSnapshot?.id ?? null) === commitId;
    if (commitId === null) {
      set({ commitRemapped: false, commitNow: null });
      return;
    }
    const commit = (await engine.stages()).commit;
    if (!current()) return;
    // An initial snapshot is the data itself: after a new mapping, Export writes the data as it is.
    const remapped = commit !== null && commit.adopted && commit.review !== 0 && commit.stale === 'remapped';
    set({ commitRemapped: remapped, commitNow: null });
    if (remapped || commit === null || !commit.adopted) return;
    let now: CommittedNow | null = null;
    try {
      now = await engine.committedNow();
    } catch {
      // Export says why when the file is asked for; the commit's own count is shown meanwhile.
    }
    if (current()) set({ commitNow: now });
  },
  setExportChoices: (patch) => {
    get().dropExportFile();
    set({ exportChoices: { ...get().exportChoices, ...patch } });
  },
  dropExportFile: () => {
    const previous = get().exportFile;
    if (previous === null) return;
    URL.revokeObjectURL(previous.url);
    set({ exportFile: null });
  },
  runExport: async () => {
    exporting?.abort();
    const controller = new AbortController();
    exporting = controller;
    const choices = get().exportChoices;
    const previous = get().exportFile;
    if (previous) URL.revokeObjectURL(previous.url);
    set({ exportStatus: 'writing', exportBytes: 0, exportFile: null, exportError: null, exportOutdated: false });
    // What the file is written from: the worker writes while the page goes on (an edit or a
    // decision on another step), and a file of the data as it was, or torn between the two,
    // must not be offered as the current one.
    const basis = get();
    try {
      const result = await engine.exportAll(
        toRequest(choices, get().summary?.nonAscii ?? false),
        { signal: controller.signal, onProgress: (p) => set({ exportBytes: p.bytes }) },
        get().invalidPolicy,
      );
      // A newer export began meanwhile: its answer is the one to show.
      if (exporting !== controller) return;
      if (exportBasisChanged(get(), basis)) {
        set({ exportStatus: 'idle', exportOutdated: true });
        return;
      }
      const exportFile: ExportFile = {
        url: URL.createObjectURL(result.blob),
        fileName: exportFileName(choices),
        size: result.size,
        sha256: result.sha256,
        skipped: result.skipped,
        records: result.records,
        replacedChars: result.replacedChars,
      };
      set({ exportStatus: 'idle', exportFile });
    } catch (err) {
      // Cancelled by a newer export: that one is still writing, and says how it ends.
      if (exporting !== controller) return;
      set({ exportStatus: 'idle', exportError: isCancelled(err) ? null : toShownError(err) });
    } finally {
      if (exporting === controller) exporting = null;
    }
  },
  cancelExport: () => exporting?.abort(),
});

/**
 * Whether what an export writes changed between two states: the file read, the mapped data
 * (an edit, undo, a deleted row, a merged report, a mapping), the policy for rows with errors,
 * the adopted commit, or the review's decisions (which an adopted commit's merge follows).
 */
export function exportBasisChanged(s: Store, prev: Store): boolean {
  return (
    s.summary?.version !== prev.summary?.version ||
    s.mapped?.version !== prev.mapped?.version ||
    s.invalidPolicy !== prev.invalidPolicy ||
    s.committedSnapshot?.id !== prev.committedSnapshot?.id ||
    s.review?.version !== prev.review?.version
  );
}
