import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';

/**
 * A sort or filter of a large file takes a while in the worker. If another file is read
 * meanwhile, the page already shows that file's own view (no sort, its row count): the old
 * file's answer must not replace it. The engine here answers when the test says so.
 */
const pending: { resolve: (r: unknown) => void; reject: (e: unknown) => void }[] = [];
vi.mock('../../../src/state/engine', () => ({
  engine: { setView: () => new Promise((resolve, reject) => pending.push({ resolve, reject })) },
}));
vi.mock('../../../src/state/source-slice', () => ({ toShownError: (e: Error) => ({ code: 'internal', message: e.message }) }));

const { createViewSlice, viewForNewSource } = await import('../../../src/state/view-slice');
type Slice = ReturnType<typeof createViewSlice>;

function makeStore() {
  return create<Slice & { summary: { version: number } }>()((set, get, api) => ({
    summary: { version: 1 },
    // oxlint-disable-next-line typescript/no-explicit-any -- the slice's creator is typed for the whole store
    ...createViewSlice(set as any, get as any, api as any),
  }));
}

beforeEach(() => {
  pending.length = 0;
});

const SORTED = { sort: { column: 0, direction: 'asc' as const }, filter: null };

describe('a view that comes back after another file was read', () => {
  it('is shown when the file is the same', async () => {
    const store = makeStore();
    const asked = store.getState().setView(SORTED);
    pending[0]!.resolve({ rowCount: 1_000_000, version: 7 });
    await asked;
    expect(store.getState()).toMatchObject({ viewRowCount: 1_000_000, viewVersion: 7, viewBusy: false });
  });

  it('does not replace the new file’s view, nor show its error', async () => {
    const store = makeStore();
    const asked = store.getState().setView(SORTED);
    store.setState({ summary: { version: 2 }, ...viewForNewSource(3, 9) });
    pending[0]!.resolve({ rowCount: 1_000_000, version: 7 });
    await asked;
    expect(store.getState()).toMatchObject({ viewRowCount: 3, viewVersion: 9, viewBusy: false, view: { sort: null, filter: null } });
    const failed = store.getState().setView(SORTED);
    store.setState({ summary: { version: 3 }, ...viewForNewSource(5, 11) });
    pending[1]!.reject(new Error('worker gone'));
    await failed;
    expect(store.getState().viewError).toBeNull();
  });
});
