import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';

/**
 * An edit ("fix all like this" on a million rows) or a merged error report takes a while in the
 * worker. If another file is read meanwhile, its answer describes the old rows: it must not
 * become the new file's counts, nor enter the new file's edit log (a reload would make it on
 * the new rows). The engine here answers when the test says so.
 */
const pending: { resolve: (r: unknown) => void }[] = [];
const saved: unknown[] = [];
const held = () => new Promise((resolve) => pending.push({ resolve }));
vi.mock('../../../src/state/engine', () => ({ engine: { edit: held, undo: held, redo: held, mergeErrorReport: held } }));
vi.mock('../../../src/state/persist/session', () => ({ updateSession: (patch: unknown) => (saved.push(patch), Promise.resolve()) }));
vi.mock('../../../src/state/source-slice', () => ({ toShownError: (e: Error) => ({ code: 'internal', message: e.message }) }));

const { createValidateSlice } = await import('../../../src/state/validate-slice');
type Slice = ReturnType<typeof createValidateSlice>;

function makeStore() {
  return create<Slice & { summary: { version: number }; mapped: { version: number } | null }>()((set, get, api) => ({
    summary: { version: 1 },
    mapped: { version: 10 },
    // oxlint-disable-next-line typescript/no-explicit-any -- the slice's creator is typed for the whole store
    ...createValidateSlice(set as any, get as any, api as any),
  }));
}

const OP = { kind: 'set', row: 0, field: 'email', value: 'a@x.com' } as never;

beforeEach(() => {
  pending.length = 0;
  saved.length = 0;
});

describe('an edit that ends after another file was read', () => {
  it('is logged and shown when the file is the same', async () => {
    const store = makeStore();
    const editing = store.getState().edit(OP);
    pending[0]!.resolve({ version: 11 });
    await editing;
    expect(store.getState().mapped).toEqual({ version: 11 });
    expect(store.getState().editLog).toHaveLength(1);
    expect(saved).toHaveLength(1);
  });

  it('is neither shown nor logged nor saved for the new file', async () => {
    const store = makeStore();
    const editing = store.getState().edit(OP);
    // A new file: applyNewSource empties the log and the mapped data.
    store.setState({ summary: { version: 2 }, mapped: null, editLog: [] });
    pending[0]!.resolve({ version: 11 });
    await editing;
    expect(store.getState().mapped).toBeNull();
    expect(store.getState().editLog).toEqual([]);
    expect(saved).toEqual([]);
    expect(store.getState().editBusy).toBe(false);
  });

  it('a merged report is not taken into the new file either', async () => {
    const store = makeStore();
    const merging = store.getState().mergeReport(new Blob(['x']) as File, 'report.csv');
    store.setState({ summary: { version: 2 }, mapped: null, editLog: [] });
    pending[0]!.resolve({ op: { kind: 'set-many', changes: [] }, unknownRows: 0, rows: 1, summary: { version: 12 } });
    await merging;
    expect(store.getState().mapped).toBeNull();
    expect(store.getState().editLog).toEqual([]);
    expect(store.getState().reportMerge).toBeNull();
    expect(store.getState().editBusy).toBe(false);
  });
});
