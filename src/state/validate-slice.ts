import type { StateCreator } from 'zustand';
import type { InvalidRowPolicy } from '../core/engine/mapped-table';
import type { EditOp, RowFilter } from '../core/engine/mapped-workspace';
import type { Cell } from '../core/model/cell';
import { isCancelled } from '../workers/client/engine-client';
import { engine } from './engine';
import { updateSession } from './persist/session';
import { toShownError, type ShownError } from './source-slice';
import type { Store } from './store';

/** Edits as a replayable log, so a reload can rebuild the same data. */
export type EditCommand = { readonly kind: 'op'; readonly op: EditOp } | { readonly kind: 'undo' } | { readonly kind: 'redo' };

export interface ValidateSlice {
  validateFilter: RowFilter;
  editLog: EditCommand[];
  editBusy: boolean;
  editError: ShownError | null;
  invalidPolicy: InvalidRowPolicy;
  reportMerge: { changed: number; unknownRows: number; rows: number } | null;
  /** The source version (`LoadSummary.version`) the logged edits were made on; null with none. */
  editSource: number | null;
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
  /** Replays a log of edits (a reload, a mapping applied again); returns how many failed. */
  replayEdits: (log: readonly EditCommand[]) => Promise<number>;
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
    try {
      const mapped =
        command.kind === 'op'
          ? await engine.edit(command.op)
          : await engine[command.kind]();
      const editLog = log ? [...get().editLog, command] : get().editLog;
      set({ mapped, editLog, editBusy: false, editSource: get().editSource ?? get().summary?.version ?? null });
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
    editSource: null,
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
    resetEdits: () => set({ editLog: [], reportMerge: null, editSource: null }),
    replayEdits: async (log) => {
      let failed = 0;
      for (const command of log) if (!(await run(command, true, true))) failed++;
      return failed;
    },
    dropEditsForNewRead: (count) => {
      set({ editLog: [], reportMerge: null, editSource: null, editsDropped: count > 0 ? { count, why: 'reread' } : null });
      if (count > 0) void updateSession({ extra: { edits: [] } });
    },
    mergeReport: async (file, name) => {
      const controller = new AbortController();
      merging = controller;
      set({ editBusy: true, editError: null, reportMerge: null, reportReading: name, reportCancelled: false });
      try {
        const r = await engine.mergeErrorReport(file, { signal: controller.signal });
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
    setInvalidPolicy: (invalidPolicy) => set({ invalidPolicy }),
    countLike: (field, value) => engine.likeCount(field, value),
  };
};

/**
 * The edits a log leaves in effect, in order: undone ones taken out, redone ones put back (what
 * the data holds after the log). A mapping applied again makes these again, so an edit dropped
 * there (its field no longer mapped) cannot shift what a later undo in the raw log would undo.
 */
export function effectiveEdits(log: readonly EditCommand[]): EditCommand[] {
  const done: EditCommand[] = [];
  const undone: EditCommand[] = [];
  for (const c of log) {
    if (c.kind === 'op') {
      done.push(c);
      undone.length = 0;
    } else if (c.kind === 'undo') {
      const last = done.pop();
      if (last !== undefined) undone.push(last);
    } else {
      const again = undone.pop();
      if (again !== undefined) done.push(again);
    }
  }
  return done;
}

/**
 * Of `edits` (ops only, as {@link effectiveEdits} gives), those that still name mapped fields
 * (a cell change to a field no longer mapped is left out of its op), and how many were left out.
 */
export function editsForFields(edits: readonly EditCommand[], fields: ReadonlySet<string>): { kept: EditCommand[]; dropped: number } {
  const kept: EditCommand[] = [];
  let dropped = 0;
  for (const c of edits) {
    if (c.kind !== 'op') continue;
    const op = c.op;
    if (op.kind === 'set-many') {
      const changes = op.changes.filter((ch) => fields.has(ch.field));
      dropped += op.changes.length - changes.length;
      if (changes.length > 0) kept.push({ kind: 'op', op: { ...op, changes } });
    } else if (op.kind === 'delete-rows' || op.kind === 'merge-duplicates' || fields.has(op.field)) kept.push(c);
    else dropped++;
  }
  return { kept, dropped };
}
