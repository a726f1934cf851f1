import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { MappingProposal } from '../../../src/core/engine/mapping-session';
import type { MappingTemplate } from '../../../src/core/mapping/mapping-types';
import { BUILTIN_OBJECTS } from '../../../src/core/schema/builtin-objects';
import type { CrmObject } from '../../../src/core/schema/schema-types';

/**
 * The Map step's suggestions come from the worker and take a while at 10,000 columns. An answer
 * must not overwrite what happened on the page meanwhile: a template applied, another file read,
 * or a newer proposal asked for. The engine here answers when the test says so.
 */
const pending: { object: CrmObject; resolve: (p: MappingProposal) => void; reject: (e: Error) => void }[] = [];
vi.mock('../../../src/state/engine', () => ({
  engine: {
    proposeMapping: (object: CrmObject) =>
      new Promise<MappingProposal>((resolve, reject) => pending.push({ object, resolve, reject })),
  },
}));
vi.mock('../../../src/state/persist/session', () => ({ updateSession: () => Promise.resolve() }));
vi.mock('../../../src/state/persist/templates', () => ({
  listTemplates: () => Promise.resolve([]),
  putTemplate: () => Promise.resolve(),
  deleteTemplate: () => Promise.resolve(),
}));

const { createMappingSlice } = await import('../../../src/state/mapping-slice');
type Slice = ReturnType<typeof createMappingSlice>;

const HEADERS = ['Email', 'Company'];

function makeStore() {
  // Only what the slice reads of the rest of the store: the file, the language and the edits.
  return create<Slice & { summary: { version: number; columns: string[] } | null; locale: string }>()(
    (set, get, api) => ({
      summary: { version: 1, columns: HEADERS },
      locale: 'en',
      editLog: [],
      // oxlint-disable-next-line typescript/no-explicit-any -- the slice's creator is typed for the whole store
      ...createMappingSlice(set as any, get as any, api as any),
    }),
  );
}

/** A proposal that maps every column to `field` (applied). */
function proposalOf(fields: readonly (string | null)[]): MappingProposal {
  return {
    suggestions: fields.map((field, column) => ({ column, field, confidence: 1, reasons: [], apply: field !== null, alternatives: [] })),
    examples: fields.map(() => []),
    advice: fields.map(() => []),
    phoneCountry: { country: 'US', reason: 'language', samples: 0, support: 0 } as MappingProposal['phoneCountry'],
  };
}

const fieldsOf = (store: ReturnType<typeof makeStore>) => store.getState().mappingColumns.map((c) => c.field);

beforeEach(() => {
  pending.length = 0;
});

describe('a proposal that comes back late', () => {
  it('is used when nothing changed meanwhile', async () => {
    const store = makeStore();
    const asked = store.getState().proposeMapping();
    expect(store.getState().mappingStatus).toBe('proposing');
    pending[0]!.resolve(proposalOf(['email', 'company']));
    await asked;
    expect(store.getState().mappingStatus).toBe('idle');
    expect(fieldsOf(store)).toEqual(['email', 'company']);
  });

  it('keeps a template applied while it was made, and brings only its suggestions', async () => {
    const store = makeStore();
    const template: MappingTemplate = {
      id: 't1',
      name: 'mine',
      object: 'contact',
      columns: HEADERS,
      mapping: { Email: { field: 'email', transforms: [] } },
      updatedAt: '2026-11-30T00:00:00.000Z',
    };
    store.setState({ templates: [template] });
    const asked = store.getState().proposeMapping();
    store.getState().useTemplate('t1');
    expect(fieldsOf(store)).toEqual(['email', null]);
    const proposal = proposalOf(['email', 'company']);
    pending[0]!.resolve(proposal);
    await asked;
    expect(fieldsOf(store)).toEqual(['email', null]);
    expect(store.getState().mappingProposal).toBe(proposal);
    expect(store.getState().mappingStatus).toBe('idle');
  });

  it('is not used for a file read while it was made, and the step is free to ask again', async () => {
    const store = makeStore();
    const asked = store.getState().proposeMapping();
    store.setState({ summary: { version: 2, columns: ['Phone'] }, mappingColumns: [], mappingProposal: null });
    pending[0]!.resolve(proposalOf(['email', 'company']));
    await asked;
    expect(fieldsOf(store)).toEqual([]);
    expect(store.getState().mappingProposal).toBeNull();
    expect(store.getState().mappingStatus).toBe('idle');
  });

  it('is not used once a newer one was asked for; the newer one ends the waiting', async () => {
    const store = makeStore();
    const first = store.getState().proposeMapping();
    const deal = BUILTIN_OBJECTS.find((o) => o.key === 'deal')!;
    store.setState({ mappingObject: deal });
    const second = store.getState().proposeMapping();
    pending[1]!.resolve(proposalOf(['name', null]));
    await second;
    pending[0]!.resolve(proposalOf(['email', 'company']));
    await first;
    expect(fieldsOf(store)).toEqual(['name', null]);
    expect(store.getState().mappingStatus).toBe('idle');
  });

  it('a failed one that was overtaken shows no error and leaves the newer one waiting', async () => {
    const store = makeStore();
    const first = store.getState().proposeMapping();
    const second = store.getState().proposeMapping();
    pending[0]!.reject(new Error('worker gone'));
    await first;
    expect(store.getState().mappingError).toBeNull();
    expect(store.getState().mappingStatus).toBe('proposing');
    pending[1]!.resolve(proposalOf(['email', null]));
    await second;
    expect(store.getState().mappingStatus).toBe('idle');
    expect(fieldsOf(store)).toEqual(['email', null]);
  });
});

describe('a mapping carried on to the file read again (same headers)', () => {
  const mine = [
    { column: 0, field: 'email', transforms: [], origin: 'unmapped' as const },
    { column: 1, field: null, transforms: [], origin: 'unmapped' as const },
  ];
  const kept = () => ({
    object: BUILTIN_OBJECTS[0]!,
    columns: mine,
    proposal: proposalOf(['email', 'company']),
    defaultCountry: 'US',
    countrySource: 'inferred' as const,
  });

  it('is on the page at once, and waits to be applied again until its suggestions come', async () => {
    const store = makeStore();
    const carrying = store.getState().carryMapping(kept(), HEADERS, true);
    // Before the engine answers: a second change of a setting reads what is on the page.
    expect(fieldsOf(store)).toEqual(['email', null]);
    expect(store.getState().mappingCarried).toBe(true);
    // The second read comes in: this carry's answer is for the first one.
    store.setState({ summary: { version: 2, columns: HEADERS }, mappingColumns: [], mappingProposal: null });
    pending[0]!.resolve(proposalOf(['email', 'company']));
    await carrying;
    expect(store.getState().mappingCarried).toBe(true);
  });

  it('keeps the column the user left out, against the new suggestion', async () => {
    const store = makeStore();
    const carrying = store.getState().carryMapping(kept(), HEADERS, false);
    pending[0]!.resolve(proposalOf(['email', 'company']));
    await carrying;
    expect(fieldsOf(store)).toEqual(['email', null]);
    expect(store.getState().mappingCarried).toBe(false);
    expect(store.getState().mappingReread).toBe(false);
  });

  it('with other headers, sets nothing and says the mapping was set back', async () => {
    const store = makeStore();
    await store.getState().carryMapping(kept(), ['E-Mail', 'Firma'], true);
    expect(pending).toHaveLength(0);
    expect(store.getState().mappingReread).toBe(true);
    expect(fieldsOf(store)).toEqual([]);
  });
});
