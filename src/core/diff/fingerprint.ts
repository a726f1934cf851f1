import { createCheckpoint } from '../model/yielder';
import type { Table } from '../model/table';
import { encodeRecords, recordBytes, type EncodedRecords } from './canonical-form';
import { DIGEST_BYTES, digestInto } from './digest';

/** Cancel and progress for the long-running hashing and diff calls. */
export interface DiffContext {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DiffProgress) => void;
}

/** Which phase is running, and how far it is (`done` of `total` units of that phase). */
export interface DiffProgress {
  readonly phase: 'keys' | 'encode' | 'digest' | 'compare';
  readonly done: number;
  readonly total: number;
}

/**
 * Per-record fingerprints: SHA-256 of each record's canonical form v1 (see
 * `CANONICAL_VERSION`), fields taken from `columnOrder` (table column indexes in schema order,
 * -1 for a field the table lacks). Returns `32 × rowCount` bytes, record `r` at `32 * r`. This is
 * what a snapshot stores, with the canonical version, so a later diff need not recompute them.
 * One Web Crypto call per record: ~150k records/s per thread, so a million takes seconds; the
 * diff itself digests buckets and drills down instead (see `diffTables`).
 *
 * @example
 * const fp = await fingerprintRecords(tableFromRows(['id'], [['1']]), [0]);
 * toHex(fp); // SHA-256 of the bytes '1:1'
 */
export async function fingerprintRecords(
  table: Table,
  columnOrder: readonly number[],
  ctx: DiffContext = {},
): Promise<Uint8Array> {
  const checkpoint = createCheckpoint(ctx.signal);
  const encoded = await encodeRecords(table, columnOrder, checkpoint);
  return fingerprintEncoded(encoded, ctx, checkpoint);
}

/** Per-record fingerprints of records already in canonical form. */
export async function fingerprintEncoded(
  encoded: EncodedRecords,
  ctx: DiffContext = {},
  checkpoint = createCheckpoint(ctx.signal),
): Promise<Uint8Array> {
  const n = encoded.offsets.length - 1;
  const out = new Uint8Array(n * DIGEST_BYTES);
  const step = 16_384;
  for (let start = 0; start < n; start += step) {
    const end = Math.min(n, start + step);
    const views: Uint8Array[] = [];
    const slots: number[] = [];
    for (let r = start; r < end; r++) {
      views.push(recordBytes(encoded, r));
      slots.push(r);
    }
    await digestInto(views, slots, out, checkpoint);
    ctx.onProgress?.({ phase: 'digest', done: end, total: n });
  }
  return out;
}
