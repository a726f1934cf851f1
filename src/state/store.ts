import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { translate, type MessageKey, type MessageParams } from '../i18n/translate';
import type { LoadSummary } from '../core/engine/dataset-engine';
import { createAppSlice, type AppSlice } from './app-slice';
import { createExportSlice, exportBasisChanged, type ExportSlice } from './export-slice';
import { createMappingSlice, MAPPING_FOR_NEW_SOURCE, type MappingSlice } from './mapping-slice';
import { createValidateSlice, type ValidateSlice } from './validate-slice';
import { createReviewSlice, REVIEW_FOR_NEW_SOURCE, type ReviewSlice } from './review-slice';
import { createSourceSlice, type SourceSlice } from './source-slice';
import { createViewSlice, viewForNewSource, type ViewSlice } from './view-slice';

/** Events that touch several slices, composed here so no slice resets another by hand. */
interface StoreEvents {
  /** A file was read (opened, re-read with new settings, restored): every later step starts over. */
  applyNewSource: (summary: LoadSummary) => void;
}

/** The one store, one slice per concern; actions live beside their state. */
export type Store = AppSlice & SourceSlice & ViewSlice & MappingSlice & ValidateSlice & ReviewSlice & ExportSlice & StoreEvents;

export const useStore = create<Store>()((...a) => ({
  applyNewSource: (summary) => {
    const [set, get] = a;
    // The edits belonged to the rows read before (configure says in Validate how many it dropped).
    set({ ...viewForNewSource(summary.rowCount, summary.version), ...MAPPING_FOR_NEW_SOURCE, ...REVIEW_FOR_NEW_SOURCE, editLog: [], reportMerge: null, editsDropped: null });
    // Through the export slice's own action: it also frees the previous file's download URL.
    get().setExportChoices({ baseName: summary.fileName.replace(/\.[^.]*$/, '') || 'export' });
  },
  ...createAppSlice(...a),
  ...createSourceSlice(...a),
  ...createViewSlice(...a),
  ...createMappingSlice(...a),
  ...createValidateSlice(...a),
  ...createReviewSlice(...a),
  ...createExportSlice(...a),
}));

// A file written on Export is dropped once it no longer describes the data: its Download link
// gave the file from before the user went back and fixed a value (found by the audit).
useStore.subscribe((s, prev) => {
  if (s.exportFile !== null && exportBasisChanged(s, prev)) s.dropExportFile();
});

/**
 * Subscribes to the named fields only, compared shallowly: a change elsewhere in the store (a
 * progress tick) does not re-render the caller. Whole-store `useStore()` is never used (a unit
 * test in test/state/narrow-selectors.test.ts holds that).
 */
export function usePick<K extends keyof Store>(...keys: K[]): Pick<Store, K> {
  return useStore(
    useShallow((s) => {
      const out = {} as Pick<Store, K>;
      for (const k of keys) out[k] = s[k];
      return out;
    }),
  );
}

/** The translate function for the current locale; re-renders when the locale changes. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useStore((s) => s.locale);
  return (key, params) => translate(locale, key, params);
}
