import type { Cell } from '../model/cell';
import { PorterError } from '../model/porter-error';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import { findDifferingPairs } from './bucket-digests';
import { CANONICAL_VERSION, encodeRecords } from './canonical-form';
import { compareFields } from './compare-fields';
import { digestDataset } from './dataset-digest';
import { DIGEST_BYTES } from './digest';
import type { DiffCounts, DiffOptions, DiffResult, FieldChange } from './diff-types';
import { KIND_CODE } from './diff-types';
import { hashString } from './fast-hash';
import type { DiffContext } from './fingerprint';
import { hasConflicts, indexKeys, readKeys } from './key-spec';

const cellsOf = (t: Table, cols: readonly number[], r: number): Cell[] =>
  cols.map((c) => (c < 0 ? null : t.cell(r, c)));

/** Columns on both sides, in baseline order: the default `compareColumns`. */
export function sharedColumns(base: Table, next: Table): string[] {
  const inNext = new Set(next.columns);
  return base.columns.filter((c) => inNext.has(c));
}

/**
 * Compares a baseline with new data, record by record, matched by key. Row order and column
 * order make no change. Every matched pair is judged by SHA-256: bucket digests of the
 * canonical records, drilled into where they differ (`findDifferingPairs`); only differing
 * records have their fields compared. Added/removed columns are reported, and take part only
 * if listed in `compareColumns`. Rows in key conflicts are reported, not classified.
 *
 * @example
 * const diff = await diffTables(base, next, {
 *   key: { columns: ['id'], trim: true, caseInsensitive: false },
 *   policy: 'mirror', emptyCells: 'clear', quietClass: false,
 * });
 * diff.counts; // { added: 1, removed: 0, modified: 2, unchanged: 97, cosmetic: 0, absent: 0 }
 */
export async function diffTables(
  base: Table,
  next: Table,
  opts: DiffOptions,
  ctx: DiffContext = {},
): Promise<DiffResult> {
  const checkpoint = createCheckpoint(ctx.signal);
  const progress = ctx.onProgress;
  const columns = opts.compareColumns ?? sharedColumns(base, next);
  const baseSet = new Set(base.columns);
  const nextSet = new Set(next.columns);
  const fp = opts.baseFingerprints;
  if (fp !== undefined && fp.length !== base.rowCount * DIGEST_BYTES) {
    throw new PorterError('internal', { reason: 'fingerprint-count', size: fp.length, rows: base.rowCount });
  }

  progress?.({ phase: 'keys', done: 0, total: 2 });
  const baseKeys = await readKeys(base, opts.key, checkpoint);
  const nextKeys = await readKeys(next, opts.key, checkpoint);
  const baseIndex = indexKeys(baseKeys);
  const nextIndex = indexKeys(nextKeys);
  progress?.({ phase: 'keys', done: 2, total: 2 });

  // Records: new-data order, then baseline-only records in baseline order.
  const cap = base.rowCount + next.rowCount;
  const kinds = new Uint8Array(cap);
  const baseRows = new Int32Array(cap).fill(-1);
  const nextRows = new Int32Array(cap).fill(-1);
  const keys: string[] = [];
  const matched = new Uint8Array(base.rowCount);
  const pairRecord: number[] = [];
  for (let r = 0; r < next.rowCount; r++) {
    const k = nextKeys[r];
    if (k === null || k === undefined || nextIndex.duplicateKeys.has(k) || baseIndex.duplicateKeys.has(k)) continue;
    const i = keys.length;
    keys.push(k);
    nextRows[i] = r;
    const br = baseIndex.firstRow.get(k);
    if (br === undefined) kinds[i] = KIND_CODE.added;
    else {
      baseRows[i] = br;
      matched[br] = 1;
      pairRecord.push(i);
    }
  }
  const gone = opts.policy === 'mirror' ? KIND_CODE.removed : KIND_CODE.absent;
  for (let r = 0; r < base.rowCount; r++) {
    const k = baseKeys[r];
    if (matched[r] === 1 || k === null || k === undefined) continue;
    if (baseIndex.duplicateKeys.has(k) || nextIndex.duplicateKeys.has(k)) continue;
    const i = keys.length;
    keys.push(k);
    baseRows[i] = r;
    kinds[i] = gone;
  }
  await checkpoint();

  const baseCols = columns.map((c) => (baseSet.has(c) ? base.columns.indexOf(c) : -1));
  const nextCols = columns.map((c) => (nextSet.has(c) ? next.columns.indexOf(c) : -1));
  progress?.({ phase: 'encode', done: 0, total: 2 });
  const baseEnc = await encodeRecords(base, baseCols, checkpoint);
  // Web Crypto runs off this thread: the baseline's digest proceeds while the new data encodes.
  const baseDigest = digestDataset(columns, baseEnc, checkpoint);
  const nextEnc = await encodeRecords(next, nextCols, checkpoint);
  const nextDigest = digestDataset(columns, nextEnc, checkpoint);
  progress?.({ phase: 'encode', done: 2, total: 2 });

  const m = pairRecord.length;
  const pairBase = new Int32Array(m);
  const pairNext = new Int32Array(m);
  const keyHashes = new Uint32Array(m);
  for (let p = 0; p < m; p++) {
    const i = pairRecord[p] as number;
    pairBase[p] = baseRows[i] as number;
    pairNext[p] = nextRows[i] as number;
    keyHashes[p] = hashString(keys[i] as string);
  }
  progress?.({ phase: 'digest', done: 0, total: 1 });
  const { differing, stats } = await findDifferingPairs(baseEnc, nextEnc, pairBase, pairNext, keyHashes, fp, checkpoint);
  progress?.({ phase: 'digest', done: 1, total: 1 });

  const fields = new Map<number, FieldChange[]>();
  for (let d = 0; d < differing.length; d++) {
    const p = differing[d] as number;
    const i = pairRecord[p] as number;
    const changes = compareFields(
      columns,
      cellsOf(base, baseCols, pairBase[p] as number),
      cellsOf(next, nextCols, pairNext[p] as number),
      opts,
    );
    if (changes.length === 0) continue;
    fields.set(i, changes);
    kinds[i] = changes.every((f) => f.cosmetic) ? KIND_CODE.cosmetic : KIND_CODE.modified;
    if ((d & 1023) === 1023) {
      progress?.({ phase: 'compare', done: d, total: differing.length });
      await checkpoint();
    }
  }

  const n = keys.length;
  const { counts, fieldCounts, wouldClear } = summarize(kinds.subarray(0, n), fields, columns);
  const digests = { base: await baseDigest, next: await nextDigest };
  return {
    canonicalVersion: CANONICAL_VERSION,
    key: opts.key,
    compareColumns: [...columns],
    policy: opts.policy,
    emptyCells: opts.emptyCells,
    kinds: kinds.slice(0, n),
    keys,
    baseRows: baseRows.slice(0, n),
    nextRows: nextRows.slice(0, n),
    fields,
    counts,
    fieldCounts,
    wouldClear,
    columnsAdded: next.columns.filter((c) => !baseSet.has(c)),
    columnsRemoved: base.columns.filter((c) => !nextSet.has(c)),
    conflicts: { base: baseIndex.conflicts, next: nextIndex.conflicts },
    blocked: hasConflicts(baseIndex.conflicts) || hasConflicts(nextIndex.conflicts),
    digests,
    stats,
  };
}

function summarize(
  kinds: Uint8Array,
  fields: ReadonlyMap<number, readonly FieldChange[]>,
  columns: readonly string[],
): { counts: DiffCounts; fieldCounts: Record<string, number>; wouldClear: number } {
  const tally = [0, 0, 0, 0, 0, 0];
  for (const k of kinds) tally[k] = (tally[k] as number) + 1;
  const counts: DiffCounts = {
    unchanged: tally[KIND_CODE.unchanged] as number,
    added: tally[KIND_CODE.added] as number,
    removed: tally[KIND_CODE.removed] as number,
    modified: tally[KIND_CODE.modified] as number,
    cosmetic: tally[KIND_CODE.cosmetic] as number,
    absent: tally[KIND_CODE.absent] as number,
  };
  // A null-prototype object: a column named `__proto__` is a plain entry.
  const fieldCounts = Object.create(null) as Record<string, number>;
  for (const c of columns) fieldCounts[c] = 0;
  let wouldClear = 0;
  for (const list of fields.values()) {
    for (const f of list) {
      fieldCounts[f.column] = (fieldCounts[f.column] ?? 0) + 1;
      if (f.clears) wouldClear++;
    }
  }
  return { counts, fieldCounts, wouldClear };
}
