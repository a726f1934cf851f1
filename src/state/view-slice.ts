import type { StateCreator } from 'zustand';
import type { ViewSpec } from '../core/engine/table-view';
import { isCancelled } from '../workers/client/engine-client';
import { engine } from './engine';
import { toShownError, type ShownError } from './source-slice';
import type { Store } from './store';

export interface ViewSlice {
  view: ViewSpec;
  /** Rows in the current view (after filter). */
  viewRowCount: number;
  /** The engine's view version (new file, new sort or filter): rows of another version are stale. */
  viewVersion: number;
  viewBusy: boolean;
  viewError: ShownError | null;
  setView: (view: ViewSpec) => Promise<void>;
}

/** After a new read: no sort or filter, and the version the read gave the view (applied by store.ts). */
export function viewForNewSource(rowCount: number, version: number): Partial<ViewSlice> {
  return { view: { sort: null, filter: null }, viewRowCount: rowCount, viewVersion: version, viewBusy: false };
}

let viewing: AbortController | null = null;

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set, get) => ({
  view: { sort: null, filter: null },
  viewRowCount: 0,
  viewVersion: 0,
  viewBusy: false,
  viewError: null,
  setView: async (view) => {
    viewing?.abort();
    const controller = new AbortController();
    viewing = controller;
    set({ view, viewBusy: true, viewError: null });
    const source = get().summary?.version;
    // A sort of a million rows takes a while: another file read meanwhile has a view of its own
    // (viewForNewSource), which the old file's answer must not replace.
    const replaced = () => get().summary?.version !== source;
    try {
      const summary = await engine.setView(view, { signal: controller.signal });
      if (viewing !== controller || replaced()) return;
      set({ viewRowCount: summary.rowCount, viewVersion: summary.version, viewBusy: false });
    } catch (err) {
      if (isCancelled(err) || viewing !== controller || replaced()) return;
      set({ viewBusy: false, viewError: toShownError(err) });
    }
  },
});
