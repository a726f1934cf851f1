import type { StateCreator } from 'zustand';
import type { LoadSummary, OpenProgress, RowWindow } from '../core/engine/dataset-engine';
import type { Peek } from '../core/engine/read-source';
import type { SourceSettings } from '../core/engine/source-settings';
import type { PorterErrorCode, PorterErrorDetails } from '../core/model/porter-error';
import type { ReadProgress } from '../core/read/read-types';
import { EngineError, isCancelled } from '../workers/client/engine-client';
import { PEEK_ROWS } from '../core/engine/limits';
import { engine } from './engine';
import { clearSession, loadSession, saveSession, updateSession } from './persist/session';
import { editableFields, editsForFields, effectiveEdits, type EditBasis } from './edit-log';
import type { KeptMapping, SavedMapping } from './mapping-slice';
import type { Store } from './store';
import type { EditCommand } from './validate-slice';
import type { CommitBeforeReload } from './review-slice';
import { listSnapshots } from './persist/snapshots';

export interface ShownError {
  readonly code: PorterErrorCode | 'paste-empty' | 'sample-failed';
  readonly details: PorterErrorDetails;
}

export interface SourceSlice {
  /** `reading` while a file is parsed; the previous summary stays until the new one is ready. */
  readStatus: 'idle' | 'reading';
  readingName: string | null;
  /** Bytes of the file being read, for "5.3 of 14 MB" (the readers count in their own units). */
  readingSize: number | null;
  readProgress: ReadProgress | null;
  /** The first rows while reading (from a peek), then the first rows of the loaded data. */
  headRows: Peek | null;
  summary: LoadSummary | null;
  readError: ShownError | null;
  readCancelled: boolean;
  openFile: (file: Blob, fileName: string) => Promise<void>;
  /** Reopens the file saved before a reload, with the settings chosen then. */
  restoreSession: () => Promise<void>;
  /** Forgets the file and every choice, here and in the saved session. */
  startOver: () => Promise<void>;
  restored: boolean;
  /**
   * After a reload, while the saved mapping is applied again and the edits made again: Export
   * waits, since a file written now would hold the file as read, not the mapped, edited data.
   */
  restoring: boolean;
  configure: (patch: Partial<SourceSettings>) => Promise<void>;
  cancelRead: () => void;
  showReadError: (error: ShownError) => void;
}

let reading: AbortController | null = null;

export const createSourceSlice: StateCreator<Store, [], [], SourceSlice> = (set, get) => {
  /** Runs one read; true when it produced a new summary. */
  const read = async (name: string, run: (signal: AbortSignal) => Promise<LoadSummary>): Promise<boolean> => {
    reading?.abort();
    const controller = new AbortController();
    reading = controller;
    const previousHead = get().headRows;
    set({ readStatus: 'reading', readingName: name, readProgress: null, readError: null, readCancelled: false });
    try {
      const summary = await run(controller.signal);
      const head = await engine.window(0, PEEK_ROWS);
      // Another read began meanwhile (a second click, a restore racing a sample): that one wins.
      if (reading !== controller) return false;
      set({ summary, readStatus: 'idle', readingName: null, headRows: toPeek(summary, head) });
      performance.mark('crm:loaded');
      // Every later step starts over for the new file; store.ts is the one place that says how.
      get().applyNewSource(summary);
      return true;
    } catch (err) {
      if (reading !== controller) return false;
      // The peek of a file that failed must not stay on screen as if it were loaded.
      const failed = { readStatus: 'idle' as const, readingName: null, headRows: previousHead };
      if (isCancelled(err)) set({ ...failed, readCancelled: true });
      else set({ ...failed, readError: toShownError(err) });
    } finally {
      if (reading === controller) reading = null;
    }
    return false;
  };
  const onProgress = (p: OpenProgress) => {
    if (p.kind === 'peek') set({ headRows: p.peek });
    else set({ readProgress: p });
  };

  /** After a reload, the file read: the commit's notice and the policy, then the mapping and every edit. */
  const restoreLaterSteps = async (extra: Readonly<Record<string, unknown>>, mapping: SavedMapping | undefined) => {
    // A commit adopted before the reload is not restored with the rest (its review is not):
    // Export says it writes the current data instead, and where the commit is.
    const commit = (extra['commit'] as CommitBeforeReload | null | undefined) ?? null;
    // Only while History still holds it (deleted there since, the notice would send the user to nothing).
    const inHistory = commit !== null && (await listSnapshots()).some((s) => s.id === commit.id);
    const policy = extra['policy'];
    set({
      restored: true,
      commitBeforeReload: inHistory ? commit : null,
      ...(policy === 'block' || policy === 'skip' || policy === 'include' ? { invalidPolicy: policy } : {}),
    });
    // Then the later steps' work, in order: the mapping, then every edit — unless the user
    // picked another file meanwhile (each step checks that the file is still this one).
    const restoredVersion = get().summary?.version;
    if (!mapping || !(await get().restoreMapping(mapping)) || get().summary?.version !== restoredVersion) return;
    const log = (extra['edits'] as EditCommand[] | undefined) ?? [];
    // The saved mapping may not be the one the edits were made on (a change on Map not yet
    // applied is saved too): edits to fields no longer mapped, or now from other columns,
    // are left out as Apply leaves them out (mapping-slice.ts), and Validate says so.
    const basis = (extra['editBasis'] as EditBasis | undefined) ?? null;
    const { mapped, editBasis } = get();
    const fields = editableFields(mapped?.fields.map((f) => f.key) ?? [], editBasis ?? {}, basis);
    const { kept, dropped } = editsForFields(effectiveEdits(log), fields);
    // Nothing left out: the log itself, so Undo and Redo reach as far as before the reload.
    const failed = await get().replayEdits(dropped === 0 ? log : kept);
    if (dropped + failed > 0) set({ editsDropped: { count: dropped + failed, why: 'unmapped' } });
  };

  return {
    readStatus: 'idle',
    readingName: null,
    readingSize: null,
    readProgress: null,
    headRows: null,
    summary: null,
    readError: null,
    readCancelled: false,
    restored: false,
    restoring: false,
    openFile: async (file, fileName) => {
      set({ restored: false, readingSize: file.size });
      const ok = await read(fileName, (signal) => engine.open(file, fileName, { signal, onProgress }));
      const summary = get().summary;
      // The choice for rows with errors outlives a new file (it is not reset): saved with it.
      if (ok && summary) await saveSession(file, fileName, summary.settings, { policy: get().invalidPolicy });
    },
    configure: async (patch) => {
      set({ readingSize: get().summary?.size ?? null });
      // Edits made on the rows as read before: read again, the rows may not be the same ones.
      const edits = effectiveEdits(get().editLog).length;
      // A mapping made for the columns as read before: kept if the headers read now are the same
      // (applied again if it was applied), else set back to the suggestions (store.ts,
      // applyNewSource), and Map and Export say so.
      const before = get();
      const hadMapping = before.mappingColumns.length > 0 || before.mapped !== null;
      const kept: KeptMapping = {
        object: before.mappingObject,
        columns: before.mappingColumns,
        proposal: before.mappingProposal,
        defaultCountry: before.defaultCountry,
        countrySource: before.countrySource,
      };
      const headersBefore = before.summary?.columns ?? [];
      // Or carried on from the read before this one, and not applied again yet.
      const applied = before.mapped !== null || before.mappingCarried;
      const ok = await read(get().summary?.fileName ?? '', (signal) =>
        engine.configure(patch, { signal, onProgress }),
      );
      const summary = get().summary;
      if (ok && summary) {
        get().dropEditsForNewRead(edits);
        // The saved mapping, its edits' basis and its edits belonged to the old columns: a reload
        // restored them onto the new ones (four columns' mapping applied to a file read as two).
        // A mapping kept is saved again by carryMapping.
        await updateSession({ settings: summary.settings, extra: { mapping: null, editBasis: null, edits: [] } });
        if (hadMapping) await get().carryMapping(kept, headersBefore, applied);
      }
    },
    restoreSession: async () => {
      const saved = await loadSession();
      // The user picked a file before the saved one was found: theirs wins, the saved one is left.
      if (!saved || get().summary !== null || get().readStatus === 'reading') return;
      const { file, fileName, settings } = saved;
      set({ readingSize: file.size });
      const ok = await read(fileName, (signal) =>
        engine.open(file, fileName, { signal, onProgress }, settings),
      );
      if (!ok) {
        // Only a saved file that no longer reads is forgotten, not one the user's pick replaced.
        if (get().readError !== null || get().readCancelled) await clearSession();
        return;
      }
      const mapping = saved.extra['mapping'] as SavedMapping | undefined;
      // From the moment the file is on the page until its mapping and edits are made again.
      set({ restoring: mapping !== undefined });
      try {
        await restoreLaterSteps(saved.extra, mapping);
      } finally {
        set({ restoring: false });
      }
    },
    startOver: async () => {
      reading?.abort();
      await clearSession();
      set({ summary: null, headRows: null, readError: null, readCancelled: false, restored: false, step: 'upload' });
    },
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
