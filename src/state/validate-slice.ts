import type { StateCreator } from 'zustand';
import type { InvalidRowPolicy } from '../core/engine/mapped-table';
import type { EditOp, RowFilter } from '../core/engine/mapped-workspace';
import type { Cell } from '../core/model/cell';
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
  setValidateFilter: (filter: RowFilter) => void;
  edit: (op: EditOp) => Promise<void>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  resetEdits: () => void;
  replayEdits: (log: readonly EditCommand[]) => Promise<void>;
  mergeReport: (file: Blob) => Promise<void>;
  setInvalidPolicy: (policy: InvalidRowPolicy) => void;
  /** How many cells "fix all like this" would change: same field, same value, a problem there. */
  countLike: (field: string, value: Cell) => Promise<number>;
}

export const createValidateSlice: StateCreator<Store, [], [], ValidateSlice> = (set, get) => {
  const run = async (command: EditCommand, log: boolean) => {
    set({ editBusy: true, editError: null });
    try {
      const mapped =
        command.kind === 'op'
          ? await engine.edit(command.op)
          : await engine[command.kind]();
      const editLog = log ? [...get().editLog, command] : get().editLog;
      set({ mapped, editLog, editBusy: false });
      if (log) void updateSession({ extra: { edits: editLog } });
    } catch (err) {
      set({ editBusy: false, editError: toShownError(err) });
    }
  };
  return {
    validateFilter: 'all',
    editLog: [],
    editBusy: false,
    editError: null,
    invalidPolicy: 'skip',
    reportMerge: null,
    setValidateFilter: (validateFilter) => set({ validateFilter }),
    edit: (op) => run({ kind: 'op', op }, true),
    undo: () => run({ kind: 'undo' }, true),
    redo: () => run({ kind: 'redo' }, true),
    resetEdits: () => set({ editLog: [], reportMerge: null }),
    replayEdits: async (log) => {
      for (const command of log) await run(command, true);
    },
    mergeReport: async (file) => {
      set({ editBusy: true, editError: null, reportMerge: null });
      try {
        const r = await engine.mergeErrorReport(file);
        // Logged as the cell changes it made, so a reload replays it without the report file.
        const editLog = [...get().editLog, { kind: 'op' as const, op: r.op }];
        const reportMerge = { changed: r.op.changes.length, unknownRows: r.unknownRows, rows: r.rows };
        set({ mapped: r.summary, editLog, editBusy: false, reportMerge });
        void updateSession({ extra: { edits: editLog } });
      } catch (err) {
        set({ editBusy: false, editError: toShownError(err) });
      }
    },
    setInvalidPolicy: (invalidPolicy) => set({ invalidPolicy }),
    countLike: (field, value) => engine.likeCount(field, value),
  };
};
