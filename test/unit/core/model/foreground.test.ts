import { describe, expect, it } from 'vitest';
import { createBackgroundCheckpoint, ForegroundGate } from '../../../../src/core/model/foreground';
import { isAbortError } from '../../../../src/core/model/porter-error';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import { tableFromRows, type Table } from '../../../../src/core/model/table';

// Foreground calls go first: a background job's checkpoint waits while one runs, and goes on
// when the last one ends. No clock: "still waiting" is checked after many event-loop turns,
// which a waiting checkpoint can never leave (only the gate's release or an abort ends it).

/** Resolves after `n` macrotask turns. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** 'done' once `promise` settles, 'waiting' until then. */
function watch(promise: Promise<unknown>): { state: 'waiting' | 'done' | 'failed'; error?: unknown } {
  const seen: { state: 'waiting' | 'done' | 'failed'; error?: unknown } = { state: 'waiting' };
  promise.then(
    () => (seen.state = 'done'),
    (error: unknown) => Object.assign(seen, { state: 'failed', error }),
  );
  return seen;
}

describe('ForegroundGate', () => {
  it('is busy while a call runs, also one that throws, and idle after', async () => {
    const gate = new ForegroundGate();
    expect(gate.busy).toBe(false);
    await gate.idle();
    const held = deferred();
    const call = gate.run(() => held.promise.then(() => 7));
    expect(gate.busy).toBe(true);
    held.resolve();
    expect(await call).toBe(7);
    expect(gate.busy).toBe(false);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.busy).toBe(false);
  });

  it('a background checkpoint waits while any foreground call runs, and goes on after the last', async () => {
    const gate = new ForegroundGate();
    const a = deferred();
    const b = deferred();
    const first = gate.run(() => a.promise);
    const second = gate.run(() => b.promise);
    const check = createBackgroundCheckpoint(undefined, gate);
    const waiting = watch(check());
    await turns(20);
    expect(waiting.state).toBe('waiting');
    a.resolve();
    await first;
    await turns(20);
    expect(waiting.state).toBe('waiting');
    b.resolve();
    await second;
    await turns(1);
    expect(waiting.state).toBe('done');
    // Nothing runs: it does not wait.
    const free = watch(check());
    await turns(1);
    expect(free.state).toBe('done');
  });

  it('a waiting checkpoint ends at once on abort, with an AbortError', async () => {
    const gate = new ForegroundGate();
    const held = deferred();
    const call = gate.run(() => held.promise);
    const stop = new AbortController();
    const waiting = watch(createBackgroundCheckpoint(stop.signal, gate)());
    await turns(5);
    expect(waiting.state).toBe('waiting');
    stop.abort();
    await turns(1);
    expect(waiting.state).toBe('failed');
    expect(isAbortError(waiting.error)).toBe(true);
    held.resolve();
    await call;
  });
  it('after waiting, a checkpoint whose work no longer holds (`valid`) ends with an AbortError', async () => {
    const gate = new ForegroundGate();
    const held = deferred();
    const call = gate.run(() => held.promise);
    let holds = true;
    const waiting = watch(createBackgroundCheckpoint(undefined, gate, () => holds)());
    await turns(5);
    expect(waiting.state).toBe('waiting');
    holds = false;
    held.resolve();
    await call;
    await turns(2);
    expect(waiting.state).toBe('failed');
    expect(isAbortError(waiting.error)).toBe(true);
  });

  it('background fingerprints read no cell while a foreground call runs, then the same as in the foreground', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [String(i), `name ${i}`]);
    const plain = tableFromRows(['id', 'name'], rows);
    let reads = 0;
    // The table as the fingerprints read it, counting each cell asked for.
    const counted: Table = {
      columns: plain.columns,
      rowCount: plain.rowCount,
      cell: (r, c) => (reads++, plain.cell(r, c)),
      row: (r) => plain.row(r),
      sourceRow: (r) => plain.sourceRow(r),
    };
    const gate = new ForegroundGate();
    const held = deferred();
    const call = gate.run(() => held.promise);
    const result = fingerprintRecords(counted, [0, 1], { gate });
    const job = watch(result);
    await turns(5);
    expect(job.state).toBe('waiting');
    expect(reads).toBe(0);
    held.resolve();
    await call;
    expect(await result).toEqual(await fingerprintRecords(plain, [0, 1]));
    expect(reads).toBeGreaterThan(0);
  });
});
