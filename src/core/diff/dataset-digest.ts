import { createBackgroundCheckpoint, type ForegroundGate } from '../model/foreground';
import type { Table } from '../model/table';
import { createCheckpoint } from '../model/yielder';
import {
  canonicalRecord,
  CANONICAL_VERSION,
  RecordEncoder,
  reorder,
  type EncodedRecords,
} from './canonical-form';
import type { DiffResult } from './diff-types';
import type { DiffContext } from './fingerprint';
import { DIGEST_BYTES, digestInto, sha256, toHex } from './digest';
import { hashBytes } from './fast-hash';

/** Records per page of the dataset digest. */
export const DATASET_PAGE_RECORDS = 4096;

/**
 * The dataset digest v1, shown in the UI and stored with snapshots. It depends on the set of
 * records (and the field names), not on row order or key choice:
 *
 * 1. records in canonical form (fields in schema order), sorted by FNV-1a of their bytes, ties by
 *    the bytes themselves, so the order is a function of the multiset of records;
 * 2. consecutive pages of 4,096 records, each digested as the concatenation of their bytes
 *    (self-delimiting, so unambiguous);
 * 3. SHA-256 over a header record `["crm-porter-dataset", version, count, ...field names]` in
 *    canonical form followed by the page digests.
 *
 * Hashing bytes in large pages runs at ~1 GB/s, where a digest per record would cost one Web
 * Crypto call each (docs/design.md, "Hashing and the diff").
 *
 * @example
 * const enc = await encodeRecords(table, [0, 1]);
 * await digestDataset(['id', 'name'], enc); // 64 hex characters
 */
export async function digestDataset(
  fields: readonly string[],
  encoded: EncodedRecords,
  checkpoint: () => Promise<void> = async () => {},
): Promise<string> {
  const order = sortByContent(encoded);
  await checkpoint();
  const pages = Math.ceil(order.length / DATASET_PAGE_RECORDS);
  const pageDigests = new Uint8Array(pages * DIGEST_BYTES);
  const { bytes, offsets } = encoded;
  // A few pages at a time, so the gathered copies stay small.
  for (let p0 = 0; p0 < pages; p0 += 8) {
    const views: Uint8Array[] = [];
    const slots: number[] = [];
    for (let p = p0; p < Math.min(pages, p0 + 8); p++) {
      const from = p * DATASET_PAGE_RECORDS;
      const to = Math.min(order.length, from + DATASET_PAGE_RECORDS);
      views.push(gather(bytes, offsets, order, from, to));
      slots.push(p);
    }
    await digestInto(views, slots, pageDigests, checkpoint);
  }
  const header = canonicalRecord([
    'crm-porter-dataset',
    String(CANONICAL_VERSION),
    String(order.length),
    ...fields,
  ]);
  const all = new Uint8Array(header.length + pageDigests.length);
  all.set(header);
  all.set(pageDigests, header.length);
  return toHex(new Uint8Array(await sha256(all)));
}

/** Copies the records `order[from..to)` back to back. */
export function gather(
  bytes: Uint8Array,
  offsets: Uint32Array,
  order: ArrayLike<number>,
  from: number,
  to: number,
): Uint8Array {
  let size = 0;
  for (let i = from; i < to; i++) {
    const r = order[i] as number;
    size += (offsets[r + 1] as number) - (offsets[r] as number);
  }
  const out = new Uint8Array(size);
  let pos = 0;
  for (let i = from; i < to; i++) {
    const r = order[i] as number;
    const e = offsets[r + 1] as number;
    // A plain loop: records are ~100 bytes, where subarray() + set() cost more than the copy.
    for (let k = offsets[r] as number; k < e; k++) out[pos++] = bytes[k] as number;
  }
  return out;
}

/** Record indexes ordered by content: FNV-1a of the bytes, then the bytes. */
function sortByContent(encoded: EncodedRecords): Uint32Array {
  const { bytes, offsets } = encoded;
  const n = offsets.length - 1;
  const hashes = new Uint32Array(n);
  for (let r = 0; r < n; r++)
    hashes[r] = hashBytes(bytes, offsets[r] as number, offsets[r + 1] as number);
  const order = new Uint32Array(n);
  if (n < 2 ** 21) {
    // hash × 2^21 + index is exact in a double (53 bits) and sorts natively, far faster than a
    // comparator; runs of equal hashes are put in byte order below.
    const packed = new Float64Array(n);
    for (let r = 0; r < n; r++) packed[r] = (hashes[r] as number) * 2 ** 21 + r;
    packed.sort();
    for (let i = 0; i < n; i++) order[i] = (packed[i] as number) % 2 ** 21;
  } else {
    for (let r = 0; r < n; r++) order[r] = r;
    order.sort((a, b) => (hashes[a] as number) - (hashes[b] as number));
  }
  const byBytes = (a: number, b: number): number => compareRecords(bytes, offsets, a, b);
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && hashes[order[j] as number] === hashes[order[i] as number]) j++;
    if (j - i > 1) order.subarray(i, j).sort(byBytes);
    i = j;
  }
  return order;
}

function compareRecords(bytes: Uint8Array, offsets: Uint32Array, a: number, b: number): number {
  const as = offsets[a] as number;
  const al = (offsets[a + 1] as number) - as;
  const bs = offsets[b] as number;
  const bl = (offsets[b + 1] as number) - bs;
  const len = Math.min(al, bl);
  for (let k = 0; k < len; k++) {
    const d = (bytes[as + k] as number) - (bytes[bs + k] as number);
    if (d !== 0) return d;
  }
  return al - bl;
}

/** Version of the keyed dataset digest ({@link digestKeyedLayout}), what `diffTables` reports. */
export const KEYED_DATASET_DIGEST_VERSION = 2;

/**
 * The keyed dataset digest v2 of one side of a diff ({@link keyedDigests}), over the diff's key
 * order. Unlike v1 it depends on the key spec, which is part of it:
 *
 * 1. records in canonical form, ordered by (key sort hash, normalised key, row) — see
 *    `keyed-layout.ts`; rows with a missing key come last; only rows sharing a key (a conflict,
 *    which blocks a commit) keep their row order;
 * 2. consecutive pages of 4,096 records, each digested as the concatenation of their bytes;
 * 3. SHA-256 over a header record `["crm-porter-keyed-dataset", version, canonical version,
 *    count, key columns as JSON, trim, case-insensitive, ...field names]` in canonical form
 *    followed by the page digests.
 *
 * `sorted` holds the records already in that order. Page digests go through Web Crypto.
 */
export async function digestKeyedLayout(
  fields: readonly string[],
  key: {
    readonly columns: readonly string[];
    readonly trim: boolean;
    readonly caseInsensitive: boolean;
  },
  sorted: EncodedRecords,
  checkpoint: () => Promise<void> = async () => {},
): Promise<string> {
  const { bytes, offsets } = sorted;
  const count = offsets.length - 1;
  const pages = Math.ceil(count / DATASET_PAGE_RECORDS);
  const views: Uint8Array[] = [];
  const slots: number[] = [];
  for (let p = 0; p < pages; p++) {
    const from = offsets[p * DATASET_PAGE_RECORDS] as number;
    const to = offsets[Math.min(count, (p + 1) * DATASET_PAGE_RECORDS)] as number;
    views.push(bytes.subarray(from, to));
    slots.push(p);
  }
  const pageDigests = new Uint8Array(pages * DIGEST_BYTES);
  await digestInto(views, slots, pageDigests, checkpoint);
  return keyedDigestOf(fields, key, count, pageDigests);
}

/** Step 3 of {@link digestKeyedLayout}: the header record and the page digests, digested. */
async function keyedDigestOf(
  fields: readonly string[],
  key: { readonly columns: readonly string[]; readonly trim: boolean; readonly caseInsensitive: boolean },
  count: number,
  pageDigests: Uint8Array,
): Promise<string> {
  const header = canonicalRecord([
    'crm-porter-keyed-dataset',
    String(KEYED_DATASET_DIGEST_VERSION),
    String(CANONICAL_VERSION),
    String(count),
    JSON.stringify(key.columns),
    String(key.trim),
    String(key.caseInsensitive),
    ...fields,
  ]);
  const all = new Uint8Array(header.length + pageDigests.length);
  all.set(header);
  all.set(pageDigests, header.length);
  return toHex(new Uint8Array(await sha256(all)));
}

/** About how many bytes of a side's records a keyed digest encodes at once ({@link digestKeyedRows}). */
const BATCH_BYTES = 32 * 1024 * 1024;
/**
 * At most this many records a batch: a record's place in its batch is kept in 18 bits, and the
 * work between two checkpoints (sorting the batch into row order, laying it out) stays ~30 ms.
 */
const MAX_BATCH_RECORDS = 1 << 18;
/** Records encoded, spread over the key order, to size the first batch. */
const SAMPLE_RECORDS = 64;

/** Knobs of {@link digestKeyedRows}, for tests. */
export interface DigestBatching {
  /** Records per batch (rounded down to whole pages, at least one). */
  readonly batchRecords?: number;
  /** Bytes per batch aimed at, when `batchRecords` is not given: {@link BATCH_BYTES}. */
  readonly batchBytes?: number;
  /** Sees each batch's record count and encoded bytes. */
  readonly onBatch?: (records: number, bytes: number) => void;
}

/**
 * {@link digestKeyedLayout} of the table's records (its `columns`, as {@link encodeRecords}
 * reads them) taken in `order`, without encoding the side whole: the key-ordered pages are
 * encoded a batch of about {@link BATCH_BYTES} at a time. A batch's rows are encoded in row
 * order (`RecordEncoder.encodeRows`: a chunk's rows of the batch read together), then laid out
 * in key order right after them in the same buffer, and its pages digested. So a digest holds
 * about twice a batch, where encoding the side first held all its records (~1.2× the file: 175 MB
 * of a 1M-row side, ~0.9 GB at 5M), kept while the digest waited on the user's calls
 * (docs/architecture.md, "Memory that ends"). The first batch is sized from a sample of records
 * spread over the key order, encoded (so wide text counts its UTF-8 bytes), each later one from
 * the batch before: the key order is a hash order, so a batch is a fair sample of the side. The
 * bytes digested are the same: the reference diff's digests, from the sorted layout, hold it
 * (`test/support/reference-diff.ts`).
 */
export async function digestKeyedRows(
  fields: readonly string[],
  key: { readonly columns: readonly string[]; readonly trim: boolean; readonly caseInsensitive: boolean },
  table: Table,
  columns: readonly number[],
  order: Int32Array,
  checkpoint: () => Promise<void> = async () => {},
  tuning: DigestBatching = {},
): Promise<string> {
  const count = order.length;
  const pages = Math.ceil(count / DATASET_PAGE_RECORDS);
  const pageDigests = new Uint8Array(pages * DIGEST_BYTES);
  const aim = tuning.batchBytes ?? BATCH_BYTES;
  const encoder = new RecordEncoder(table, columns, 1024);
  let perRecord = sampleRecordBytes(encoder, order);
  // The batch's records as `row * 2^18 + place` (exact in a double below 2^35 rows), sorted
  // natively into row order; then the rows, the encoded record at each place, and where each
  // encoding starts and ends (`offsets[i]..offsets[i + 1]`).
  let packed = new Float64Array(0);
  let rows = new Int32Array(0);
  let atPlace = new Int32Array(0);
  let offsets = new Uint32Array(1);
  for (let p0 = 0; p0 < pages; ) {
    const wanted = tuning.batchRecords ?? aim / perRecord;
    const batchPages = Math.max(1, Math.min(MAX_BATCH_RECORDS / DATASET_PAGE_RECORDS, Math.floor(wanted / DATASET_PAGE_RECORDS)));
    const from = p0 * DATASET_PAGE_RECORDS;
    const m = Math.min(count, from + batchPages * DATASET_PAGE_RECORDS) - from;
    if (packed.length < m) {
      packed = new Float64Array(m);
      rows = new Int32Array(m);
      atPlace = new Int32Array(m);
      offsets = new Uint32Array(m + 1);
    }
    for (let i = 0; i < m; i++) packed[i] = (order[from + i] as number) * MAX_BATCH_RECORDS + i;
    packed.subarray(0, m).sort();
    for (let i = 0; i < m; i++) {
      const x = packed[i] as number;
      const place = x % MAX_BATCH_RECORDS;
      atPlace[place] = i;
      rows[i] = (x - place) / MAX_BATCH_RECORDS;
    }
    encoder.rewind();
    for (let i = 0; i < m; i += DATASET_PAGE_RECORDS) {
      const j = Math.min(m, i + DATASET_PAGE_RECORDS);
      encoder.encodeRows(rows.subarray(i, j), j - i, offsets, i + 1);
      await checkpoint();
    }
    tuning.onBatch?.(m, encoder.pos);
    perRecord = Math.max(1, encoder.pos / m);
    // Laid out in key order after them, in the same buffer (`reorder`: one memmove a record).
    const laid = reorder(encoder, offsets.subarray(0, m + 1), atPlace.subarray(0, m));
    const views: Uint8Array[] = [];
    const slots: number[] = [];
    for (let a = 0; a < m; a += DATASET_PAGE_RECORDS) {
      const b = Math.min(m, a + DATASET_PAGE_RECORDS);
      views.push(laid.bytes.subarray(laid.offsets[a] as number, laid.offsets[b] as number));
      slots.push(p0 + a / DATASET_PAGE_RECORDS);
    }
    await digestInto(views, slots, pageDigests, checkpoint);
    p0 += batchPages;
  }
  return keyedDigestOf(fields, key, count, pageDigests);
}

/** Bytes a record of the side, from {@link SAMPLE_RECORDS} of `order` spread over it, encoded. */
function sampleRecordBytes(encoder: RecordEncoder, order: Int32Array): number {
  const k = Math.min(SAMPLE_RECORDS, order.length);
  if (k === 0) return 1;
  const sample = Int32Array.from({ length: k }, (_, i) => order[Math.floor((i * order.length) / k)] as number).sort();
  encoder.rewind();
  encoder.encodeRows(sample, k, new Uint32Array(k), 0);
  return Math.max(1, encoder.pos / k);
}

/** Both sides' keyed dataset digests v2, lower-case hex, and the Web Crypto calls they took. */
export interface KeyedDigests {
  readonly base: string;
  readonly next: string;
  readonly calls: number;
}

/**
 * The keyed dataset digests v2 ({@link digestKeyedLayout}) of the two tables a diff compared,
 * over its `compareColumns`, in its key order (`sortedRows`). Not part of the diff itself: they
 * need every record of both sides in canonical form, which the diff no longer encodes (it
 * compares text), so they are computed when asked for, after the result is shown. One side at a
 * time, so only one side's encoding is held at once. Given a `gate`, they are background work:
 * they wait while the user's next call runs (`ForegroundGate`).
 */
export async function keyedDigests(
  base: Table,
  next: Table,
  diff: DiffResult,
  ctx: DiffContext & { readonly gate?: ForegroundGate } = {},
): Promise<KeyedDigests> {
  const checkpoint = ctx.gate ? createBackgroundCheckpoint(ctx.signal, ctx.gate) : createCheckpoint(ctx.signal);
  const columns = diff.compareColumns;
  const side = async (table: Table, order: Int32Array): Promise<string> => {
    const cols = columns.map((c) => table.columns.indexOf(c));
    return digestKeyedRows(columns, diff.key, table, cols, order, checkpoint);
  };
  return {
    base: await side(base, diff.sortedRows.base),
    next: await side(next, diff.sortedRows.next),
    calls: digestCalls(diff.sortedRows.base.length) + digestCalls(diff.sortedRows.next.length),
  };
}

/** Web Crypto calls of one keyed dataset digest over `count` records: one per page, one for the whole. */
function digestCalls(count: number): number {
  return Math.ceil(count / DATASET_PAGE_RECORDS) + 1;
}
