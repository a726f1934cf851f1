import { describe, expect, expectTypeOf, it, onTestFinished, vi } from 'vitest';
import type { DiffOptions } from '../../../src/core/diff/diff-types';
import type { ColumnMapping } from '../../../src/core/mapping/mapping-types';
import { ForegroundGate } from '../../../src/core/model/foreground';
import { CONTACT_OBJECT } from '../../../src/core/schema/contact-object';
import { createEngineHost } from '../../../src/workers/engine-host';
import {
  EngineClient,
  EngineError,
  isCancelled,
  transfer,
} from '../../../src/workers/client/engine-client';
import type { DatasetEngine, ProblemMessages } from '../../../src/core/engine/dataset-engine';
import type { RemoteEngine, RequestMessage, ResponseMessage } from '../../../src/workers/protocol';

// The bridge to the engine, in Node: the client's proxy over an engine host in the same thread
// (the worker's own host, minus the thread), and the host's messages with their transfer lists.

const CURRENT = 'id,name\n1,Ada\n2,Bob\n';
const BASELINE = 'id,name\n1,Ada\n';
const OPTIONS: Omit<DiffOptions, 'baseFingerprints'> = {
  key: { columns: ['id'], trim: true, caseInsensitive: false },
  compareColumns: ['id', 'name'],
  mode: 'add-update',
  rules: { default: 'if-not-empty', fields: [] },
  quietClass: true,
};
const map = (column: number, field: string): ColumnMapping => ({
  column,
  field,
  transforms: [],
  origin: 'unmapped',
});
const blob = (text: string) => new Blob([text], { type: 'text/csv' });
/** About 100 bytes a row: few rows for the bytes, so building and parsing it stays quick. */
const bigCsv = (rows: number) =>
  `id,name\n${Array.from({ length: rows }, (_, i) => `${i},${'n'.repeat(90)}`).join('\n')}\n`;

/** The client over the worker's host, answering asynchronously as a worker would. */
function inProcessClient(): EngineClient {
  return new EngineClient((receive) => {
    const handle = createEngineHost((m) => queueMicrotask(() => receive(m)));
    return { post: handle };
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('EngineClient over an in-process engine host', () => {

  it('has the engine’s own signatures: arguments and results cannot drift (checked by the compiler)', () => {
    const { engine } = inProcessClient();
    expectTypeOf(engine.exportAll).parameters.toEqualTypeOf<
      Parameters<DatasetEngine['exportAll']>
    >();
    expectTypeOf(engine.findSourceRow).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(engine.commit).returns.resolves.toEqualTypeOf<
      Awaited<ReturnType<DatasetEngine['commit']>>
    >();
    // A callback cannot cross a thread: the error report takes catalogue texts across the bridge.
    expectTypeOf<Parameters<RemoteEngine['errorReport']>[0]>().toEqualTypeOf<ProblemMessages>();
    expect(typeof engine.stages).toBe('function');
    expect((engine as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it('calls engine methods by name, with a Blob for the file, and reports progress', async () => {
    const { engine } = inProcessClient();
    const kinds: string[] = [];
    const summary = await engine.open(blob(CURRENT), 'current.csv', {
      onProgress: (p) => kinds.push(p.kind),
    });
    expect(summary).toMatchObject({
      fileName: 'current.csv',
      rowCount: 2,
      columns: ['id', 'name'],
    });
    expect(kinds.at(-1)).toBe('read');
    expect(await engine.window(1, 1)).toMatchObject({
      rows: [['2', 'Bob']],
      version: summary.version,
    });
    expect(await engine.findSourceRow(3)).toBe(1);
  });

  it('turns a failure into an EngineError with the code and details for the catalogue', async () => {
    const { engine } = inProcessClient();
    await engine.open(blob(CURRENT), 'current.csv');
    const err = await rejection(engine.mappedSummary());
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ code: 'no-mapping', details: {} });
  });

  it('refuses a stale review across the bridge as review-stale, saying what changed', async () => {
    const { engine } = inProcessClient();
    await engine.open(blob('ID,Email\n001,ada@example.com\n002,bob@example.com\n'), 'current.csv');
    await engine.applyMapping({
      object: CONTACT_OBJECT,
      defaultCountry: 'US',
      columns: [map(0, 'external_id'), map(1, 'email')],
    });
    await engine.loadBaseline(blob('external_id,email\n001,ada@example.com\n'), 'base.csv', null);
    await engine.runDiff({
      ...OPTIONS,
      key: { ...OPTIONS.key, columns: ['external_id'] },
      compareColumns: ['external_id', 'email'],
    });
    await engine.edit({ kind: 'delete-rows', rows: [1] });
    expect((await engine.stages()).review?.stale).toBe('edited');
    expect(await rejection(engine.exportChanges('json'))).toMatchObject({
      code: 'review-stale',
      details: { changed: 'edited' },
    });
  });

  it('cancels a running call through its AbortSignal: the promise rejects as cancelled', async () => {
    const { engine } = inProcessClient();
    const controller = new AbortController();
    // More than one 4 MiB slice, so the read awaits between slices and hears the cancel.
    const read = engine.open(blob(bigCsv(50_000)), 'big.csv', {
      signal: controller.signal,
      // Abort as soon as the first rows are shown: the read that follows must stop.
      onProgress: (p) => {
        if (p.kind === 'peek') controller.abort();
      },
    });
    expect(isCancelled(await rejection(read))).toBe(true);
    // The engine kept no half-read file: the previous state (none) stays.
    expect(await rejection(engine.window(0, 1))).toMatchObject({
      code: 'internal',
      details: { reason: 'no-dataset' },
    });
  }, 20_000);

  it('cancels a call aborted right after it was made, before the engine answered', async () => {
    const { engine } = inProcessClient();
    const controller = new AbortController();
    const read = engine.open(blob(CURRENT), 'current.csv', { signal: controller.signal });
    controller.abort();
    expect(isCancelled(await rejection(read))).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { engine } = inProcessClient();
    const controller = new AbortController();
    controller.abort();
    expect(
      isCancelled(
        await rejection(engine.open(blob(CURRENT), 'current.csv', { signal: controller.signal })),
      ),
    ).toBe(true);
  });

  it('diffs and commits twice to the same result, with a marked argument passed along', async () => {
    const { engine } = inProcessClient();
    await engine.open(blob(CURRENT), 'current.csv');
    await engine.loadBaseline(blob(BASELINE), 'base.csv', null);
    const phases: string[] = [];
    const review = await engine.runDiff(OPTIONS, { onProgress: (p) => phases.push(p.phase) });
    expect(review.counts).toMatchObject({ added: 1, unchanged: 1 });
    expect(phases.length).toBeGreaterThan(0);
    const first = await engine.commit();
    const second = await engine.commit();
    expect(second.digest).toBe(first.digest);
    expect(second.review).toBe(review.version);
    const stored = { fingerprints: first.fingerprints, columns: first.fingerprintColumns };
    const baseline = await engine.loadBaseline(
      first.snapshot,
      'snapshot',
      transfer(stored, [stored.fingerprints.buffer]),
    );
    expect(baseline.fromSnapshot).toBe(true);
  });

  it('runs every call but the digests ahead of background work, and a new baseline stops the digests', async () => {
    const { engine } = inProcessClient();
    const foreground = vi.spyOn(ForegroundGate.prototype, 'run');
    onTestFinished(() => foreground.mockRestore());
    const rows = 20_000;
    await engine.open(blob(bigCsv(rows)), 'current.csv');
    await engine.loadBaseline(blob(bigCsv(rows).replace('\n5,', '\n5,edited ')), 'base.csv', null);
    await engine.runDiff(OPTIONS);
    expect(foreground).toHaveBeenCalledTimes(3);
    // The digests are background work, not run as foreground (they wait while a call is).
    const digests = await engine.reviewDigests();
    expect(foreground).toHaveBeenCalledTimes(3);
    expect(digests.base).toMatch(/^[0-9a-f]{64}$/);
    // A baseline loaded while they are computed stops them: the comparison they describe is gone.
    await engine.runDiff({ ...OPTIONS, compareColumns: ['name'] });
    const stopped = rejection(engine.reviewDigests());
    await engine.loadBaseline(blob(BASELINE), 'base2.csv', null);
    expect(isCancelled(await stopped)).toBe(true);
    // A baseline that could not be read leaves the digests of the comparison still shown.
    await engine.runDiff(OPTIONS);
    const kept = engine.reviewDigests();
    expect(await rejection(engine.loadBaseline(blob(''), 'empty.csv', null))).toBeInstanceOf(EngineError);
    expect((await kept).next).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('EngineClient without a worker', () => {
  it('answers every call with worker-unavailable when no worker can start (no main-thread engine)', async () => {
    // Node has no Worker: the app's own connector takes the path a browser without workers takes.
    const { engine } = new EngineClient();
    const err = await rejection(engine.open(blob(CURRENT), 'current.csv'));
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('worker-unavailable');
    expect(typeof (err as EngineError).details['reason']).toBe('string');
  });

  it('fails the pending calls when the worker dies, and connects again for the next call', async () => {
    const crashes: ((reason: string) => void)[] = [];
    const client = new EngineClient((receive, crashed) => {
      crashes.push(crashed);
      const handle = createEngineHost((m) => queueMicrotask(() => receive(m)));
      return { post: handle };
    });
    const pending = client.engine.open(blob(bigCsv(50_000)), 'big.csv');
    crashes[0]?.('out of memory');
    const err = await rejection(pending);
    expect((err as EngineError).code).toBe('worker-crashed');
    expect(crashes).toHaveLength(2);
    expect(await client.engine.open(blob(CURRENT), 'current.csv')).toMatchObject({ rowCount: 2 });
  });
});

function host() {
  const posted: { message: ResponseMessage; transfer: Transferable[] }[] = [];
  let settle: (() => void) | null = null;
  const handle = createEngineHost((message, transferList) => {
    posted.push({ message, transfer: transferList });
    if (message.kind !== 'progress') settle?.();
  });
  let id = 0;
  const call = async (message: Omit<Extract<RequestMessage, { kind: 'call' }>, 'kind' | 'id'>) => {
    const done = new Promise<void>((resolve) => (settle = resolve));
    handle({ kind: 'call', id: ++id, ...message });
    await done;
    return posted.at(-1) as { message: ResponseMessage; transfer: Transferable[] };
  };
  return { call, posted };
}
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('createEngineHost', () => {
  it('moves a commit’s fingerprints to the page instead of copying them', async () => {
    const { call } = host();
    await call({ method: 'open', args: [utf8(CURRENT), 'current.csv'], task: -1 });
    await call({ method: 'loadBaseline', args: [utf8(BASELINE), 'base.csv', null], task: -1 });
    await call({ method: 'runDiff', args: [OPTIONS, undefined], task: 1 });
    const { message, transfer: list } = await call({
      method: 'commit',
      args: [undefined],
      task: 0,
    });
    expect(message.kind).toBe('result');
    const result = (message as Extract<ResponseMessage, { kind: 'result' }>).result as {
      fingerprints: Uint8Array;
    };
    expect(list).toEqual([result.fingerprints.buffer]);
  });

  it('posts progress for the call that asked, then its result', async () => {
    const { call, posted } = host();
    await call({ method: 'open', args: [utf8(CURRENT), 'current.csv', undefined], task: 2 });
    const kinds = posted.map((p) => p.message.kind);
    expect(kinds.at(-1)).toBe('result');
    expect(kinds.slice(0, -1).length).toBeGreaterThan(0);
    expect(kinds.slice(0, -1).every((k) => k === 'progress')).toBe(true);
    expect(posted.every((p) => p.message.id === 1)).toBe(true);
  });

  it('answers a name that is not an engine method with a catalogue error', async () => {
    const { call } = host();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { message } = await call({ method: 'nope' as 'open', args: [], task: -1 });
    expect(message).toEqual({
      kind: 'error',
      id: 1,
      error: { code: 'internal', details: { reason: 'unknown-call', call: 'nope' } },
    });
    vi.restoreAllMocks();
  });
});
