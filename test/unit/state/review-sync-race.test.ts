import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { EngineStages } from '../../../src/core/engine/dataset-engine';
import type { BaselineSummary, ReviewSummary } from '../../../src/core/engine/review-session';

/**
 * Review asks the engine, when it is shown, whether the review it holds is still there (a new
 * file read drops the baseline in the engine). The answer comes from the worker, which may be
 * busy (the suggestions for a wide file): a baseline the user loaded meanwhile (one click on a
 * snapshot's "Use") must not be cancelled and forgotten by that late answer about the old one.
 * The engine here answers when the test says so.
 */
const stagesAsked: ((s: EngineStages) => void)[] = [];
const loads: { name: string; resolve: (b: BaselineSummary) => void; signal: AbortSignal | undefined }[] = [];
vi.mock('../../../src/state/engine', () => ({
  engine: {
    stages: () => new Promise<EngineStages>((resolve) => stagesAsked.push(resolve)),
    reviewSummary: () => Promise.reject(new Error('no review in this test')),
    loadBaseline: (_file: Blob, name: string, _stored: unknown, task?: { signal?: AbortSignal }) =>
      new Promise<BaselineSummary>((resolve, reject) => {
        task?.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
        loads.push({ name, resolve, signal: task?.signal });
      }),
  },
}));
vi.mock('../../../src/state/persist/session', () => ({ updateSession: () => Promise.resolve() }));
vi.mock('../../../src/state/persist/snapshots', () => ({
  listSnapshots: () => Promise.resolve([]),
  storageEstimate: () => Promise.resolve(null),
  getSnapshot: () => Promise.resolve(undefined),
  putSnapshot: () => Promise.resolve(),
  deleteSnapshot: () => Promise.resolve(),
}));

const { createReviewSlice } = await import('../../../src/state/review-slice');
type Slice = ReturnType<typeof createReviewSlice>;

function baselineOf(fileName: string): BaselineSummary {
  return {
    fileName,
    rowCount: 2,
    columns: ['id', 'email'],
    keySuggestions: [],
    columnsOnlyInBaseline: [],
    columnsOnlyInCurrent: [],
    fromSnapshot: false,
    mapping: { applied: false } as unknown as BaselineSummary['mapping'],
  };
}

const NO_REVIEW: EngineStages = { source: 2, view: 2, data: 2, mapping: 0, review: null, commit: null };

function makeStore() {
  return create<Slice & { summary: { fileName: string } | null; invalidPolicy: 'skip' }>()((set, get, api) => ({
    summary: { fileName: 'new.csv' },
    invalidPolicy: 'skip',
    // oxlint-disable-next-line typescript/no-explicit-any -- the slice's creator is typed for the whole store
    ...createReviewSlice(set as any, get as any, api as any),
  }));
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  stagesAsked.length = 0;
  loads.length = 0;
});

describe('Review shown after a new file was read, the engine answering late', () => {
  it('a baseline loaded before the answer is neither cancelled nor forgotten', async () => {
    const store = makeStore();
    // The baseline of before the new file: the engine has dropped it, the page still shows it.
    store.setState({ baseline: baselineOf('old.csv'), review: { version: 1 } as unknown as ReviewSummary });
    const sync = store.getState().syncReview();
    // The user picks a baseline before the engine answered about the old one.
    const load = store.getState().loadBaselineFile(new Blob(['id,email\n']), 'may.csv');
    expect(loads).toHaveLength(1);
    stagesAsked[0]?.(NO_REVIEW);
    await sync;
    await flush();
    expect(loads[0]?.signal?.aborted).toBe(false);
    loads[0]?.resolve(baselineOf('may.csv'));
    await load;
    expect(store.getState().baseline?.fileName).toBe('may.csv');
    expect(store.getState().reviewStatus).toBe('idle');
  });

  it('with nothing done meanwhile, the dropped baseline and review are still cleared', async () => {
    const store = makeStore();
    store.setState({ baseline: baselineOf('old.csv'), review: { version: 1 } as unknown as ReviewSummary });
    const sync = store.getState().syncReview();
    stagesAsked[0]?.(NO_REVIEW);
    await sync;
    expect(store.getState().baseline).toBeNull();
    expect(store.getState().review).toBeNull();
  });
});
