import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';

/**
 * Export writes in the worker while the page goes on: the user may fix a value on Validate or
 * decide a change on Review before the file is done. A file of the data as it was must not be
 * offered as the current one, and an export overtaken by a newer one must not end the newer
 * one's "writing". The engine here answers when the test says so.
 */
interface Pending {
  resolve: (r: unknown) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
}
const pending: Pending[] = [];
vi.mock('../../../src/state/engine', () => ({
  engine: {
    exportAll: (_request: unknown, options: { signal?: AbortSignal }) =>
      new Promise((resolve, reject) => {
        pending.push({ resolve, reject, signal: options.signal });
        options.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
      }),
  },
}));
vi.mock('../../../src/state/source-slice', () => ({ toShownError: (e: Error) => ({ code: 'internal', message: e.message }) }));

const { createExportSlice } = await import('../../../src/state/export-slice');
type Slice = ReturnType<typeof createExportSlice>;
interface Rest {
  summary: { version: number; nonAscii: boolean };
  mapped: { version: number } | null;
  invalidPolicy: 'block' | 'skip' | 'include';
  committedSnapshot: null;
  review: null;
}

function makeStore() {
  return create<Slice & Rest>()((set, get, api) => ({
    summary: { version: 1, nonAscii: false },
    mapped: { version: 5 },
    invalidPolicy: 'skip',
    committedSnapshot: null,
    review: null,
    // oxlint-disable-next-line typescript/no-explicit-any -- the slice's creator is typed for the whole store
    ...createExportSlice(set as any, get as any, api as any),
  }));
}

const RESULT = { blob: new Blob(['email\na@x.com\n']), size: 14, sha256: 'ab', skipped: 0, records: 1, replacedChars: 0 };

beforeEach(() => {
  pending.length = 0;
});

describe('an export that ends after the data changed', () => {
  it('offers its file when nothing changed meanwhile', async () => {
    const store = makeStore();
    const run = store.getState().runExport();
    pending[0]!.resolve(RESULT);
    await run;
    expect(store.getState().exportFile?.records).toBe(1);
    expect(store.getState().exportOutdated).toBe(false);
    expect(store.getState().exportStatus).toBe('idle');
  });

  it('does not offer a file of the data before an edit made while it was written, and says so', async () => {
    const store = makeStore();
    const run = store.getState().runExport();
    store.setState({ mapped: { version: 6 } });
    pending[0]!.resolve(RESULT);
    await run;
    expect(store.getState().exportFile).toBeNull();
    expect(store.getState().exportOutdated).toBe(true);
    expect(store.getState().exportStatus).toBe('idle');
    // The next export clears the notice.
    const again = store.getState().runExport();
    expect(store.getState().exportOutdated).toBe(false);
    pending[1]!.resolve(RESULT);
    await again;
    expect(store.getState().exportFile).not.toBeNull();
  });

  it('a newer export keeps writing when the one it cancelled ends', async () => {
    const store = makeStore();
    const first = store.getState().runExport();
    const second = store.getState().runExport();
    await first;
    expect(pending[0]!.signal?.aborted).toBe(true);
    expect(store.getState().exportStatus).toBe('writing');
    pending[1]!.resolve(RESULT);
    await second;
    expect(store.getState().exportStatus).toBe('idle');
    expect(store.getState().exportFile).not.toBeNull();
  });
});
