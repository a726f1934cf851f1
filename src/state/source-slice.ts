import type { StateCreator } from 'zustand';
import type { LoadSummary, OpenProgress, RowWindow } from '../core/engine/dataset-engine';
import type { Peek } from '../core/engine/read-source';
import type { SourceSettings } from '../core/engine/source-settings';
import type { PorterErrorCode, PorterErrorDetails } from '../core/model/porter-error';
import type { ReadProgress } from '../core/read/read-types';
import { EngineError, isCancelled } from '../workers/client/engine-client';
import { PEEK_ROWS } from '../core/engine/limits';
import { engine } from './engine';
import type { Store } from './store';

export interface ShownError {
  readonly code: PorterErrorCode | 'paste-empty' | 'sample-failed';
  readonly details: PorterErrorDetails;
}

export interface SourceSlice {
  /** `reading` while a file is parsed; the previous summary stays until the new one is ready. */
  readStatus: 'idle' | 'reading';
  readingName: string | null;
  readProgress: ReadProgress | null;
  /** The first rows while reading (from a peek), then the first rows of the loaded data. */
  headRows: Peek | null;
  summary: LoadSummary | null;
  readError: ShownError | null;
  readCancelled: boolean;
  openFile: (file: Blob, fileName: string) => Promise<void>;
  configure: (patch: Partial<SourceSettings>) => Promise<void>;
  cancelRead: () => void;
  showReadError: (error: ShownError) => void;
}

let reading: AbortController | null = null;

export const createSourceSlice: StateCreator<Store, [], [], SourceSlice> = (set, get) => {
  const read = async (name: string, run: (signal: AbortSignal) => Promise<LoadSummary>) => {
    reading?.abort();
    const controller = new AbortController();
    reading = controller;
    set({ readStatus: 'reading', readingName: name, readProgress: null, readError: null, readCancelled: false });
    try {
      const summary = await run(controller.signal);
      const head = await engine.call('window', { start: 0, count: PEEK_ROWS });
      set({ summary, readStatus: 'idle', readingName: null, headRows: toPeek(summary, head) });
      get().resetView(summary.rowCount);
      get().setExportChoices({ baseName: summary.fileName.replace(/\.[^.]*$/, '') || 'export' });
    } catch (err) {
      if (reading !== controller) return;
      if (isCancelled(err)) set({ readStatus: 'idle', readingName: null, readCancelled: true });
      else set({ readStatus: 'idle', readingName: null, readError: toShownError(err) });
    } finally {
      if (reading === controller) reading = null;
    }
  };
  const onProgress = (p: OpenProgress) => {
    if (p.kind === 'peek') set({ headRows: p.peek });
    else set({ readProgress: p });
  };

  return {
    readStatus: 'idle',
    readingName: null,
    readProgress: null,
    headRows: null,
    summary: null,
    readError: null,
    readCancelled: false,
    openFile: (file, fileName) =>
      read(fileName, (signal) => engine.call('open', { file, fileName }, { signal, onProgress })),
    configure: (patch) =>
      read(get().summary?.fileName ?? '', (signal) =>
        engine.call('configure', { patch }, { signal, onProgress }),
      ),
    cancelRead: () => reading?.abort(),
    showReadError: (readError) => set({ readError }),
  };
};

function toPeek(summary: LoadSummary, head: RowWindow): Peek {
  return { columns: summary.columns, rows: head.rows, sourceRows: head.sourceRows };
}

/** Engine failures carry a catalogue code; anything else is reported as internal. */
export function toShownError(err: unknown): ShownError {
  if (err instanceof EngineError) return { code: err.code, details: err.details };
  console.error(err);
  return { code: 'internal', details: {} };
}
