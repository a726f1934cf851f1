import type { StateCreator } from 'zustand';
import type { InvalidRowPolicy } from '../core/engine/mapped-table';
import type { EditOp, RowFilter } from '../core/engine/mapped-workspace';
import type { Cell } from '../core/model/cell';
import { isCancelled } from '../workers/client/engine-client';
import { engine } from './engine';
import { updateSession } from './persist/session';
import { toShownError, type ShownError } from './source-slice';
import type { Store } from './store';
import type { EditCommand } from './edit-log';

export type { EditCommand } from './edit-log';

export interface ValidateSlice {
  validateFilter: RowFilter;
  editLog: EditCommand[];
  editBusy: boolean;
  editError: ShownError | null;
  invalidPolicy: InvalidRowPolicy;
  reportMerge: { changed: number; unknownRows: number; rows: number } | null;
  /**
   * Edits that could not be kept, said in Validate: the file was read again with other settings
   * (its rows may differ), or a mapping applied again no longer maps their field. Null: none.
   */
  editsDropped: { readonly count: number; readonly why: 'reread' | 'unmapped' } | null;
  /** The corrected report being read and merged (shown with Cancel), else null. */
  reportReading: string | null;
  /** The last merge was cancelled before it changed anything. */
  reportCancelled: boolean;
  setValidateFilter: (filter: RowFilter) => void;
  edit: (op: EditOp) => Promise<void>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  resetEdits: () => void;
  /**
   * Replays a log of edits (a reload, a mapping applied again); returns how many failed. With
   * `current`, stops as soon as it answers false (a newer mapping or file took over).
   */
  replayEdits: (log: readonly EditCommand[], current?: () => boolean) => Promise<number>;
  /**
   * Drops the edits because the file was read again (other encoding, delimiter, header…): its
   * rows may not be the ones they were made on. The saved session forgets them too, and
   * Validate says how many were dropped.
   */
  dropEditsForNewRead: (count: number) => void;
  mergeReport: (file: Blob, name: string) => Promise<void>;
  cancelReportMerge: () => void;
  setInvalidPolicy: (policy: InvalidRowPolicy) => void;
  /** How many cells "fix all like this" would change: same field, same value, a problem there. */
  countLike: (field: string, value: Cell) => Promise<number>;
}

/** The running merge's Cancel. */
let merging: AbortController | null = null;

export const createValidateSlice: StateCreator<Store, [], [], ValidateSlice> = (set, get) => {
  /** Runs one edit command; true when the engine made it. */
  const run = async (command: EditCommand, log: boolean, quiet = false): Promise<boolean> => {
    set({ editBusy: true, editError: null });
    const source = get().summary?.version;
    try {
      const mapped =
        command.kind === 'op'
          ? await engine.edit(command.op)
          : await engine[command.kind]();
      // Another file was read while the edit was made (a "fix all" on a million rows takes a
      // while): it was made on the old rows, and neither their counts nor the edit belong to
      // the new file (logged, a reload made it on the new rows).
      if (get().summary?.version !== source) {
        set({ editBusy: false });
        return false;
      }
      const editLog = log ? [...get().editLog, command] : get().editLog;
      set({ mapped, editLog, editBusy: false });
      if (log) void updateSession({ extra: { edits: editLog } });
      return true;
    } catch (err) {
      set({ editBusy: false, editError: quiet ? null : toShownError(err) });
      return false;
    }
  };
  return {
    validateFilter: 'all',
    editLog: [],
    editBusy: false,
    editError: null,
    invalidPolicy: 'skip',
    reportMerge: null,
    editsDropped: null,
    reportReading: null,
    reportCancelled: false,
    setValidateFilter: (validateFilter) => set({ validateFilter }),
    edit: async (op) => {
      set({ editsDropped: null });
      await run({ kind: 'op', op }, true);
    },
    undo: async () => void (await run({ kind: 'undo' }, true)),
    redo: async () => void (await run({ kind: 'redo' }, true)),
    resetEdits: () => set({ editLog: [], reportMerge: null }),
    replayEdits: async (log, current = () => true) => {
      let failed = 0;
      for (const command of log) {
        if (!current()) break;
        if (!(await run(command, true, true))) failed++;
      }
      return failed;
    },
    dropEditsForNewRead: (count) => {
      set({ editLog: [], reportMerge: null, editsDropped: count > 0 ? { count, why: 'reread' } : null });
      if (count > 0) void updateSession({ extra: { edits: [] } });
    },
    mergeReport: async (file, name) => {
      const controller = new AbortController();
      merging = controller;
      set({ editBusy: true, editError: null, reportMerge: null, reportReading: name, reportCancelled: false });
      const source = get().summary?.version;
      try {
        const r = await engine.mergeErrorReport(file, { signal: controller.signal });
        // Merged into the rows of a file since replaced: not this file's (as for an edit, above).
        if (get().summary?.version !== source) {
          set({ editBusy: false, reportReading: null });
          return;
        }
        // Logged as the cell changes it made, so a reload replays it without the report file.
        const editLog = [...get().editLog, { kind: 'op' as const, op: r.op }];
        const reportMerge = { changed: r.op.changes.length, unknownRows: r.unknownRows, rows: r.rows };
        set({ mapped: r.summary, editLog, editBusy: false, reportMerge, reportReading: null });
        void updateSession({ extra: { edits: editLog } });
      } catch (err) {
        const cancelled = isCancelled(err);
        set({ editBusy: false, reportReading: null, reportCancelled: cancelled, editError: cancelled ? null : toShownError(err) });
      } finally {
        if (merging === controller) merging = null;
      }
    },
    cancelReportMerge: () => merging?.abort(),
    setInvalidPolicy: (invalidPolicy) => {
      set({ invalidPolicy });
      // The user's choice, kept like the mapping and the edits: a reload restores it.
      void updateSession({ extra: { policy: invalidPolicy } });
    },
    countLike: (field, value) => engine.likeCount(field, value),
  };
};

