import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIGEST_BYTES, toHex } from '../../../../src/core/diff/digest';
import { fingerprintRecords } from '../../../../src/core/diff/fingerprint';
import type { ImportMode, UpdateRule } from '../../../../src/core/diff/import-mode';
import { ReviewSession } from '../../../../src/core/engine/review-session';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows, tableToRows, type Table } from '../../../../src/core/model/table';
import { propertyConfig } from '../../../support/seeded';
import { snapshotRowsBytes } from '../../../support/snapshot-rows';

/**
 * A commit copies the stored fingerprint of every record that is a baseline row unchanged, and
 * hashes only the others (docs/architecture.md, "Commit"). Whatever it copies or hashes, the
 * result must be what hashing the whole merged dataset again gives.
 */

const COLUMNS = ['id', 'a', 'b'];
const value = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constantFrom('Café', 'Cafe\u0301', 'a,b', '张伟', 'x\ny', '"q"\\', '\u0001\t', '\ud800', '😀', '007'),
  fc.string({ maxLength: 5 }),
);

const scenario = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }).chain((ids) =>
  fc.record({
    base: fc.tuple(...ids.map((id) => fc.tuple(fc.constant(String(id)), value, value))),
    edits: fc.array(fc.constantFrom('keep', 'keep', 'delete', 'edit-a', 'edit-b'), { minLength: ids.length, maxLength: ids.length }),
    fresh: fc.array(fc.tuple(value, value), { minLength: ids.length, maxLength: ids.length }),
    inserts: fc.uniqueArray(fc.integer({ min: 61, max: 80 }), { maxLength: 6 }).chain((ins) =>
      fc.tuple(...ins.map((id) => fc.tuple(fc.constant(String(id)), value, value))),
    ),
    mode: fc.constantFrom<ImportMode>('add-update', 'add-only', 'update-only', 'mirror'),
    rule: fc.constantFrom<UpdateRule>('always', 'if-not-empty', 'fill-empty'),
    reject: fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
    reverseColumns: fc.boolean(),
  }),
);
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { base: Table; next: Table } {
  const next: Cell[][] = [];
  s.base.forEach(([id, a, b], i) => {
    const [fa, fb] = s.fresh[i] as [Cell, Cell];
    const edit = s.edits[i];
    if (edit === 'delete') return;
    next.push(edit === 'edit-a' ? [id, fa, b] : edit === 'edit-b' ? [id, a, fb] : [id, a, b]);
  });
  next.push(...s.inserts.map((r) => [...r]));
  const rows = s.reverseColumns ? next.map((r) => r.toReversed()) : next;
  return {
    base: tableFromRows(COLUMNS, s.base.map((r) => [...r])),
    next: tableFromRows(s.reverseColumns ? COLUMNS.toReversed() : COLUMNS, rows),
  };
}

const all = (t: Table) => t.columns.map((_, i) => i);

/** A commit's fingerprints: as it gave them, or computed by its `later` (a commit made with them left for later). */
async function fingerprintsOf(result: { fingerprints: Uint8Array | null; later: ((ctx: object) => Promise<Uint8Array>) | null }): Promise<Uint8Array> {
  if (result.fingerprints !== null) return result.fingerprints;
  if (result.later === null) throw new Error('a commit with neither fingerprints nor a way to compute them');
  return result.later({});
}

async function commitOf(s: Scenario, stored: { fingerprints: Uint8Array; columns: readonly string[] } | null, later = false) {
  const { base, next } = build(s);
  const session = new ReviewSession(base, 'base.csv', stored);
  const options = { key: { columns: ['id'], trim: true, caseInsensitive: false }, mode: s.mode, rules: { default: s.rule, fields: [] }, quietClass: false, compareColumns: COLUMNS };
  const summary = await session.run(next, options, undefined, () => {});
  const keys = session.window(0, 1000, ['added', 'removed', 'modified', 'cosmetic'], '').items.map((i) => i.key);
  const rejected = keys.filter((_, i) => s.reject[i] === true);
  if (rejected.length > 0) session.decide({ kind: 'change', keys: rejected, accept: false });
  if (summary.blocked) return null;
  const result = await session.commit(undefined, () => {}, later);
  if (later !== (result.fingerprints === null)) throw new Error('fingerprints computed at the wrong time');
  return { result, fingerprints: await fingerprintsOf(result), merged: session.committed as Table, base };
}

describe('commit fingerprints', () => {
  it('reusing stored fingerprints gives exactly what hashing the whole merged dataset gives (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { base } = build(s);
        const stored = { fingerprints: await fingerprintRecords(base, all(base)), columns: base.columns };
        const withStored = await commitOf(s, stored);
        const without = await commitOf(s, null);
        // The page's commit: the snapshot first, the fingerprints computed afterwards.
        const later = await commitOf(s, stored, true);
        const laterWithout = await commitOf(s, null, true);
        if (withStored === null || without === null || later === null || laterWithout === null) return;
        // The merged rows copied into a plain table and hashed from scratch.
        const copy = tableFromRows(withStored.merged.columns, tableToRows(withStored.merged));
        const full = await fingerprintRecords(copy, all(copy));
        expect(toHex(withStored.fingerprints)).toBe(toHex(full));
        expect(toHex(without.fingerprints)).toBe(toHex(full));
        expect(toHex(later.fingerprints)).toBe(toHex(full));
        expect(toHex(laterWithout.fingerprints)).toBe(toHex(full));
        expect(withStored.result.digest).toBe(without.result.digest);
        expect(later.result.digest).toBe(without.result.digest);
        expect(await later.result.snapshot.text()).toBe(await without.result.snapshot.text());
      }),
      propertyConfig({ numRuns: 60 }),
    );
  });

  it('writes the snapshot the string writer would write for the merged rows, with its SHA-256 (differential, property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const committed = await commitOf(s, null);
        if (committed === null) return;
        // The reference: the merged rows copied into a plain table, written as a string, encoded.
        const copy = tableFromRows(committed.merged.columns, tableToRows(committed.merged));
        const expected = snapshotRowsBytes(copy);
        const bytes = new Uint8Array(await committed.result.snapshot.arrayBuffer());
        expect(bytes).toEqual(expected);
        expect(new Uint8Array(await new Blob([...committed.result.parts]).arrayBuffer())).toEqual(expected);
        const sha = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', expected)));
        expect(committed.result.digest).toBe(sha);
      }),
      propertyConfig({ numRuns: 60 }),
    );
  });

  it('copies the stored fingerprint of an unchanged baseline row and hashes a changed one', async () => {
    const base = tableFromRows(COLUMNS, [['1', 'Ada', 'x'], ['2', 'Grace', 'y'], ['3', 'Alan', 'z']]);
    const next = tableFromRows(COLUMNS, [['1', 'Ada', 'x'], ['2', 'Grace', 'Y'], ['3', 'Alan', 'z']]);
    const truth = await fingerprintRecords(base, all(base));
    // A stored fingerprint decides for an unchanged record: mark every stored one so a copy shows.
    const marked = truth.map((b, i) => (i % DIGEST_BYTES === 0 ? b ^ 0xff : b));
    const session = new ReviewSession(base, 'base', { fingerprints: marked, columns: COLUMNS });
    await session.run(next, { key: { columns: ['id'], trim: true, caseInsensitive: false }, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false, compareColumns: COLUMNS }, undefined, () => {});
    const fingerprints = await fingerprintsOf(await session.commit(undefined, () => {}));
    const expectedRow1 = await fingerprintRecords(next, all(next));
    expect(toHex(fingerprints.subarray(0, DIGEST_BYTES))).toBe(toHex(marked.subarray(0, DIGEST_BYTES)));
    expect(toHex(fingerprints.subarray(0, DIGEST_BYTES))).not.toBe(toHex(truth.subarray(0, DIGEST_BYTES)));
    // Row 2 changed: hashed, so the marked stored value is not used.
    expect(toHex(fingerprints.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES))).toBe(toHex(expectedRow1.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES)));
    expect(toHex(fingerprints.subarray(2 * DIGEST_BYTES))).toBe(toHex(marked.subarray(2 * DIGEST_BYTES)));
  });

  it('hashes every record when the merged columns are not the stored ones', async () => {
    const base = tableFromRows(COLUMNS, [['1', 'Ada', 'x'], ['2', 'Grace', 'y']]);
    const next = tableFromRows([...COLUMNS, 'c'], [['1', 'Ada', 'x', 'new'], ['2', 'Grace', 'y', '']]);
    const marked = (await fingerprintRecords(base, all(base))).map((b) => b ^ 0xff);
    const session = new ReviewSession(base, 'base', { fingerprints: marked, columns: COLUMNS });
    await session.run(next, { key: { columns: ['id'], trim: true, caseInsensitive: false }, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false, compareColumns: [...COLUMNS, 'c'] }, undefined, () => {});
    const committed = await session.commit(undefined, () => {});
    const fingerprints = await fingerprintsOf(committed);
    const columns = committed.columns;
    expect(columns).toEqual([...COLUMNS, 'c']);
    const merged = session.committed as Table;
    const copy = tableFromRows(merged.columns, tableToRows(merged));
    expect(toHex(fingerprints)).toBe(toHex(await fingerprintRecords(copy, all(copy))));
  });
});
