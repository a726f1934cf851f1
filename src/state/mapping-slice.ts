import type { StateCreator } from 'zustand';
import type { MappedSummary } from '../core/engine/mapped-workspace';
import type { MappingProposal } from '../core/engine/mapping-session';
import { adviceAt, retargetTransforms, withPhoneCountry } from '../core/mapping/transform-advice';
import type { MappingBefore } from '../core/engine/proposed-columns';
import { mappingFromTemplate } from '../core/mapping/mapping-rules';
import type { ColumnMapping, FieldMapping, MappingTemplate } from '../core/mapping/mapping-types';
import type { LookupSpec } from '../core/lookup/match-lookup';
import { createTemplate } from '../core/mapping/template-match';
import type { TemplatesMerge } from '../core/mapping/template-merge';
import { BUILTIN_OBJECTS } from '../core/schema/builtin-objects';
import { addCustomField as addField, type CustomFieldInput } from '../core/schema/custom-field';
import type { CrmObject } from '../core/schema/schema-types';
import { isCancelled } from '../workers/client/engine-client';
import { engine } from './engine';
import { deleteTemplate, listTemplates, putTemplate } from './persist/templates';
import { updateSession } from './persist/session';
import { editBasisOf, editableFields, editsForFields, effectiveEdits, type EditBasis } from './edit-log';
import { toShownError, type ShownError } from './source-slice';
import type { Store } from './store';

/** What survives a reload of the Map step. */
export interface SavedMapping {
  readonly object: CrmObject;
  readonly columns: readonly ColumnMapping[];
  readonly defaultCountry: string;
}

/**
 * Which columns the Map step's table shows of a file wider than one page: a find text (header,
 * CRM field or `#number`), imported or not, and the page. Kept here so Validate and back finds
 * the user where they were.
 */
export interface ColumnView {
  readonly text: string;
  readonly show: 'all' | 'mapped' | 'unmapped';
  /** 0-based; the table clamps it to the pages there are. */
  readonly page: number;
}

export const EVERY_COLUMN: ColumnView = { text: '', show: 'all', page: 0 };

export interface MappingSlice {
  mappingObject: CrmObject;
  /** One entry per source column, in column order. */
  mappingColumns: ColumnMapping[];
  mappingProposal: MappingProposal | null;
  defaultCountry: string;
  /** `user` once the country was picked by hand: a new proposal no longer replaces it. */
  countrySource: 'inferred' | 'user';
  mappingStatus: 'idle' | 'proposing' | 'applying';
  mappingProgress: { phase: 'map' | 'validate'; done: number; total: number } | null;
  /** Counts of the mapped, validated data; null until a mapping is applied. */
  mapped: MappedSummary | null;
  /** The source columns of each field in the mapping `mapped` was made with: what its edits rest on. */
  editBasis: EditBasis | null;
  mappingError: ShownError | null;
  /**
   * The file was read again with other settings (Upload) after a mapping was made: that mapping
   * was set back to the suggestions, and Map and Export say so until one is applied.
   */
  mappingReread: boolean;
  templates: MappingTemplate[];
  mappingView: ColumnView;
  setMappingView: (view: ColumnView) => void;
  /**
   * Asks the engine for suggestions. With `keep` (the file read again with the same headers),
   * the user's mapping stays: each column keeps its field, and its transforms follow the new
   * advice only where they were the defaults (transform-advice.ts, retargetTransforms).
   */
  proposeMapping: (keep?: KeptMapping) => Promise<void>;
  /** A mapping carried on to the file read again waits to be applied again (carryMapping). */
  mappingCarried: boolean;
  /** After a read again with other settings: the mapping made before, kept if the headers are the same. */
  carryMapping: (kept: KeptMapping, headersBefore: readonly string[], applied: boolean) => Promise<void>;
  chooseObject: (key: string) => Promise<void>;
  setColumnMapping: (column: number, patch: Partial<FieldMapping>) => void;
  addCustomField: (input: CustomFieldInput) => void;
  replaceObject: (object: CrmObject) => Promise<void>;
  setDefaultCountry: (country: string) => void;
  applyMapping: () => Promise<boolean>;
  cancelMapping: () => void;
  restoreMapping: (saved: SavedMapping) => Promise<boolean>;
  loadTemplates: () => Promise<void>;
  /** Saves the current mapping as a template; `replace`: the id of a saved one it replaces. */
  saveTemplate: (name: string, replace?: string) => Promise<void>;
  /** Lookups run on this data (one per target field), saved with a template and restored by it. */
  lookupSpecs: LookupSpec[];
  setLookupSpec: (spec: LookupSpec) => void;
  renameTemplate: (id: string, name: string) => Promise<void>;
  removeTemplate: (id: string) => Promise<void>;
  useTemplate: (id: string) => void;
  /** Stores imported templates beside the saved ones (none replaced); says what it did. */
  addTemplates: (list: readonly MappingTemplate[]) => Promise<TemplatesMerge>;
}

/** The mapping on screen before the file was read again, with its object and where its country came from. */
export interface KeptMapping extends MappingBefore {
  readonly object: CrmObject;
  readonly countrySource: 'inferred' | 'user';
}

const DEFAULT_OBJECT = BUILTIN_OBJECTS[0] as CrmObject;

/** A new file: no proposal, columns or mapped data yet; the object and templates stay (applied by store.ts). */
export const MAPPING_FOR_NEW_SOURCE: Partial<MappingSlice> = {
  mappingProposal: null,
  mappingColumns: [],
  mapped: null,
  editBasis: null,
  mappingError: null,
  mappingReread: false,
  mappingCarried: false,
  countrySource: 'inferred',
  mappingView: EVERY_COLUMN,
};
let applying: AbortController | null = null;
/** Counts the proposals asked for: only the last one's answer is used. */
let proposals = 0;

export const createMappingSlice: StateCreator<Store, [], [], MappingSlice> = (set, get) => {
  const persist = (more: Readonly<Record<string, unknown>> = {}) => {
    const { mappingObject, mappingColumns, defaultCountry } = get();
    const mapping: SavedMapping = { object: mappingObject, columns: mappingColumns, defaultCountry };
    void updateSession({ extra: { mapping, ...more } });
  };
  return {
    mappingObject: DEFAULT_OBJECT,
    mappingColumns: [],
    mappingProposal: null,
    defaultCountry: 'US',
    countrySource: 'inferred',
    mappingStatus: 'idle',
    mappingProgress: null,
    mapped: null,
    editBasis: null,
    mappingError: null,
    mappingReread: false,
    mappingCarried: false,
    templates: [],
    mappingView: EVERY_COLUMN,
    setMappingView: (mappingView) => set({ mappingView }),
    proposeMapping: async (keep) => {
      const token = ++proposals;
      const source = get().summary?.version;
      const columnsBefore = get().mappingColumns;
      set({ mappingStatus: 'proposing', mappingError: null });
      // Another file came in, or a newer proposal began, while this one was made: it is not for
      // what is on screen. The last one asked for ends the waiting; with no proposal kept, the
      // Map step asks again for the file there is now.
      const stale = () => proposals !== token || get().summary?.version !== source;
      try {
        // The columns are made by code loaded with the answer, not with the page (bundle budget).
        const [proposal, { keptColumns, suggestedColumns }] = await Promise.all([
          engine.proposeMapping(get().mappingObject, get().locale),
          import('../core/engine/proposed-columns'),
        ]);
        if (stale()) {
          if (proposals === token) set({ mappingStatus: 'idle' });
          return;
        }
        // A mapping was set while this one was made (a template applied): it stays, and the
        // proposal brings only its examples and suggestions. Written over, the template was lost.
        if (get().mappingColumns !== columnsBefore) {
          set({ mappingProposal: proposal, mappingStatus: 'idle' });
          return;
        }
        const country = get().countrySource === 'user' ? get().defaultCountry : proposal.phoneCountry.country;
        // What the values show for sure is applied now; the rest is offered in the table. A file
        // read again with the same headers keeps what the user set (proposed-columns.ts).
        const mappingColumns = keep ? keptColumns(keep, proposal, country) : suggestedColumns(proposal, country);
        set({ mappingProposal: proposal, mappingColumns, defaultCountry: country, mappingStatus: 'idle' });
        if (keep) persist();
      } catch (err) {
        if (proposals !== token) return;
        set({ mappingStatus: 'idle', mappingError: stale() ? null : toShownError(err) });
      }
    },
    carryMapping: async (kept, headersBefore, applied) => {
      const headers = get().summary?.columns ?? [];
      const same = headers.length === headersBefore.length && headers.every((h, i) => h === headersBefore[i]);
      if (!same || kept.columns.length !== headers.length) {
        set({ mappingReread: true });
        return;
      }
      const { object, columns, proposal, defaultCountry, countrySource } = kept;
      // On the page at once, not only once the new suggestions come: a setting changed again
      // meanwhile reads the file again and carries this mapping on in turn (seeing none, it
      // set the page back to the suggestions without a word), applied if this one was.
      set({
        mappingObject: object,
        mappingColumns: [...columns],
        mappingProposal: proposal,
        defaultCountry,
        countrySource,
        mappingReread: false,
        mappingCarried: applied,
      });
      const source = get().summary?.version;
      await get().proposeMapping(kept);
      if (get().summary?.version !== source) return;
      set({ mappingCarried: false });
      // Applied before, applied again: Validate, Review and Export go on with the new rows.
      if (applied && get().mappingProposal !== null) await get().applyMapping();
    },
    chooseObject: async (key) => {
      const object = BUILTIN_OBJECTS.find((o) => o.key === key) ?? DEFAULT_OBJECT;
      set({ mappingObject: object, mapped: null });
      await get().proposeMapping();
    },
    replaceObject: async (object) => {
      set({ mappingObject: object, mapped: null });
      await get().proposeMapping();
    },
    setColumnMapping: (column, patch) => {
      const country = get().defaultCountry;
      set({
        mappingColumns: get().mappingColumns.map((c) => {
          if (c.column !== column) return c;
          const next = { ...c, ...patch };
          // A new field: the old field's defaults go, the new field's come (the user's stay).
          if (patch.field === undefined || patch.field === c.field || patch.transforms !== undefined) return next;
          const proposal = get().mappingProposal;
          const before = adviceAt(proposal, column, c.field, country);
          const after = adviceAt(proposal, column, patch.field, country);
          return { ...next, transforms: retargetTransforms(c.transforms, before, after) };
        }),
        mapped: null,
      });
      persist();
    },
    addCustomField: (input) => {
      set({ mappingObject: addField(get().mappingObject, input), mapped: null });
      persist();
    },
    setDefaultCountry: (defaultCountry) => {
      const before = get().defaultCountry;
      // Phone transforms that followed the default follow the new one.
      const mappingColumns = get().mappingColumns.map((c) => ({ ...c, transforms: withPhoneCountry(c.transforms, before, defaultCountry) }));
      set({ defaultCountry, countrySource: 'user', mappingColumns, mapped: null });
      persist();
    },
    applyMapping: async () => {
      applying?.abort();
      const controller = new AbortController();
      applying = controller;
      const { mappingObject, mappingColumns, defaultCountry } = get();
      set({ mappingStatus: 'applying', mappingProgress: null, mappingError: null });
      try {
        const mapped = await engine.applyMapping(
          { object: mappingObject, columns: mappingColumns, defaultCountry },
          { signal: controller.signal, onProgress: (mappingProgress) => set({ mappingProgress }) },
        );
        // A newer apply began meanwhile: its answer is the one to show.
        if (applying !== controller) return false;
        // The edits made on the mapped data are made again on the new one (as a reload does).
        // Every read of the file empties the log (store.ts, applyNewSource), so what it holds was
        // made on these same source rows. One whose field is no longer mapped, or now mapped from
        // other columns, is dropped (edit-log.ts, editableFields), and Validate says how many.
        const log = get().editLog;
        const replay = log.length > 0;
        const basis = get().editBasis;
        const editBasis = editBasisOf(mappingColumns, get().summary?.columns ?? [], mappingObject);
        // Still "applying" while the edits are made again: Apply is off, and a newer Apply or
        // file stops the replay before its next edit (an edit made twice would not be the same).
        set({ mapped, editBasis, mappingReread: false, mappingStatus: replay ? 'applying' : 'idle', mappingProgress: null });
        get().resetEdits();
        // One write: the new basis beside an emptied log, which the replay fills edit by edit.
        // Written apart, a replay that kept nothing (or a reload before its first edit) left the
        // old log beside the new basis, and the next reload made those edits on the new columns.
        persist({ editBasis, edits: [] });
        if (replay) {
          const fields = editableFields(mapped.fields.map((f) => f.key), editBasis, basis);
          const { kept, dropped } = editsForFields(effectiveEdits(log), fields);
          const failed = await get().replayEdits(kept, () => applying === controller);
          if (applying !== controller) return false;
          set({ mappingStatus: 'idle', editsDropped: dropped + failed > 0 ? { count: dropped + failed, why: 'unmapped' } : null });
        }
        return true;
      } catch (err) {
        if (applying !== controller) return false;
        set({ mappingStatus: 'idle', mappingProgress: null, mappingError: isCancelled(err) ? null : toShownError(err) });
        return false;
      } finally {
        if (applying === controller) applying = null;
      }
    },
    cancelMapping: () => applying?.abort(),
    restoreMapping: async (saved) => {
      const source = get().summary?.version;
      set({ mappingObject: saved.object, mappingColumns: [...saved.columns], defaultCountry: saved.defaultCountry });
      const proposal = await engine.proposeMapping(saved.object, get().locale).catch(() => null);
      // Another file came in meanwhile: the saved mapping belongs to the old one.
      if (get().summary?.version !== source) return false;
      set({ mappingProposal: proposal });
      return get().applyMapping();
    },
    loadTemplates: async () => set({ templates: await listTemplates() }),
    lookupSpecs: [],
    setLookupSpec: (spec) =>
      set({ lookupSpecs: [...get().lookupSpecs.filter((s) => s.targetField !== spec.targetField), spec] }),
    saveTemplate: async (name, replace) => {
      const { summary, mappingObject, mappingColumns, lookupSpecs } = get();
      if (!summary) return;
      // By column number in one pass: a search per column took ~0.2 s at 10,000 columns.
      const byColumn = new Map(mappingColumns.map((c) => [c.column, c]));
      const template = createTemplate({
        lookups: lookupSpecs,
        fields: mappingObject.fields,
        id: replace ?? crypto.randomUUID(),
        name,
        object: mappingObject.key,
        columns: summary.columns,
        mappings: summary.columns.map((_, i) => byColumn.get(i) ?? { field: null, transforms: [] }),
        updatedAt: new Date().toISOString(),
      });
      await putTemplate(template);
      await get().loadTemplates();
    },
    renameTemplate: async (id, name) => {
      const t = get().templates.find((x) => x.id === id);
      if (!t) return;
      await putTemplate({ ...t, name, updatedAt: new Date().toISOString() });
      await get().loadTemplates();
    },
    removeTemplate: async (id) => {
      await deleteTemplate(id);
      await get().loadTemplates();
    },
    useTemplate: (id) => {
      const { templates, summary, mappingObject } = get();
      const t = templates.find((x) => x.id === id);
      if (!t || !summary) return;
      // The current object may carry custom fields or an imported schema: keep it when the
      // template targets the same object; otherwise start from the built-in one.
      const base =
        mappingObject.key === t.object ? mappingObject : (BUILTIN_OBJECTS.find((o) => o.key === t.object) ?? mappingObject);
      const { object, columns } = mappingFromTemplate(base, t, summary.columns);
      set({ mappingObject: object, mappingColumns: columns, mapped: null, lookupSpecs: [...(t.lookups ?? [])] });
      persist();
      // Suggestions were made for the previous object; refresh them without touching the mapping.
      // Counted as a proposal: one still on its way for the previous object is then not used.
      if (base !== mappingObject) {
        const token = ++proposals;
        const done = (more: Partial<MappingSlice>) => {
          if (proposals === token) set({ ...more, mappingStatus: get().mappingStatus === 'proposing' ? 'idle' : get().mappingStatus });
        };
        void engine
          .proposeMapping(object, get().locale)
          .then((mappingProposal) => done({ mappingProposal }))
          .catch(() => done({}));
      }
    },
    addTemplates: async (list) => {
      // An import never replaces a stored template (template-merge.ts, mergeImportedTemplates).
      const { mergeImportedTemplates } = await import('../core/mapping/template-merge');
      const merge = mergeImportedTemplates(await listTemplates(), list, () => crypto.randomUUID());
      for (const t of merge.add) await putTemplate(t);
      await get().loadTemplates();
      return merge;
    },
  };
};
