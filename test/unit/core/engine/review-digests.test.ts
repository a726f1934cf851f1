import { describe, expect, it } from 'vitest';
import { keyedDigests } from '../../../../src/core/diff/dataset-digest';
import type { DiffOptions } from '../../../../src/core/diff/diff-types';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import { ReviewSession } from '../../../../src/core/engine/review-session';
import { ForegroundGate } from '../../../../src/core/model/foreground';
import { isAbortError } from '../../../../src/core/model/porter-error';
import { tableFromRows } from '../../../../src/core/model/table';

// The keyed dataset digests are computed after a comparison, when asked for, and kept; a commit
// stops a computation still running (they would share the thread) and a later call starts again.

const rows = (n: number, edit: number) => Array.from({ length: n }, (_, r) => [String(r), r === edit ? 'edited' : `Name ${r}`, `c${r % 9}`]);
const base = tableFromRows(['id', 'name', 'city'], rows(20_000, -1));
const next = tableFromRows(['id', 'name', 'city'], rows(20_000, 7));
const options: Omit<DiffOptions, 'baseFingerprints'> = {
  key: { columns: ['id'], trim: true, caseInsensitive: false },
  compareColumns: ['id', 'name', 'city'],
  mode: 'mirror',
  rules: { default: 'always', fields: [] },
  quietClass: false,
};

describe('ReviewSession.digests', () => {
  it('are null in the summary until asked for, then kept, and equal keyedDigests', async () => {
    const session = new ReviewSession(base, 'base.csv', null);
    const summary = await session.run(next, options, undefined, () => {});
    expect(summary.digests).toBeNull();
    expect(summary.webCryptoCalls).toBeNull();
    const d = await session.digests();
    const want = await keyedDigests(base, next, await diffTables(base, next, options));
    expect(d).toEqual(want);
    expect(session.summary().digests).toEqual({ base: want.base, next: want.next });
    expect(session.summary().webCryptoCalls).toBe(want.calls);
    expect(await session.digests()).toBe(d);
  });

  it('stop when a commit starts, and are computed again when asked', async () => {
    const session = new ReviewSession(base, 'base.csv', null);
    await session.run(next, options, undefined, () => {});
    const pending = session.digests();
    await session.commit(undefined, () => {});
    expect(isAbortError(await pending.catch((e: unknown) => e))).toBe(true);
    expect(session.summary().digests).toBeNull();
    const again = await session.digests();
    expect(again.base).toMatch(/^[0-9a-f]{64}$/);
    expect(again.next).not.toBe(again.base);
  });

  it('wait while a foreground call runs (the user’s next step), then are the same digests', async () => {
    const session = new ReviewSession(base, 'base.csv', null);
    await session.run(next, options, undefined, () => {});
    const gate = new ForegroundGate();
    let release!: () => void;
    const call = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    let done = false;
    const pending = session.digests(undefined, gate).then((d) => {
      done = true;
      return d;
    });
    for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false);
    expect(session.summary().digests).toBeNull();
    release();
    await call;
    expect(await pending).toEqual(await keyedDigests(base, next, await diffTables(base, next, options)));
  });

  it('stopDigests stops digests being computed and keeps digests done', async () => {
    const session = new ReviewSession(base, 'base.csv', null);
    await session.run(next, options, undefined, () => {});
    const pending = session.digests();
    session.stopDigests();
    expect(isAbortError(await pending.catch((e: unknown) => e))).toBe(true);
    const done = await session.digests();
    session.stopDigests();
    expect(session.summary().digests).toEqual({ base: done.base, next: done.next });
  });

  it('a new comparison stops the last one’s digests still being computed', async () => {
    const session = new ReviewSession(base, 'base.csv', null);
    await session.run(next, options, undefined, () => {});
    const pending = session.digests();
    await session.run(next, { ...options, compareColumns: ['id', 'name'] }, undefined, () => {});
    expect(isAbortError(await pending.catch((e: unknown) => e))).toBe(true);
    expect(session.summary().digests).toBeNull();
  });
});
