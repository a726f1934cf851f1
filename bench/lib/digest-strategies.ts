// Per-record vs bucket digests against the raw `crypto.subtle.digest` ceiling, on the same
// encoded records in the same run (issue 12, item 5). Loaded by bench/diff-node.mjs (Node) and
// bench/browser-diff (Chromium's page thread). Figures only.
import { encodeRecords } from '../../src/core/diff/canonical-form';
import { digestInto, DIGEST_BYTES } from '../../src/core/diff/digest';
import { BUCKET_RECORDS } from '../../src/core/diff/keyed-layout';
import { sha256Range } from '../../src/core/diff/sha256-js';
import type { Table } from '../../src/core/model/table';

export interface DigestStrategies {
  readonly records: number;
  readonly bytes: number;
  /** The ceiling: every record's bytes in ONE `crypto.subtle.digest` call (bytes/s of the engine). */
  readonly oneCallMs: number;
  /** One Web Crypto call per bucket of ~256 records, as the diff's bucket digests. */
  readonly bucketMs: number;
  /** One Web Crypto call per record (1,024 in flight). */
  readonly perRecordMs: number;
  /** The TypeScript SHA-256 per record, straight out of the buffer (as a commit's fingerprints). */
  readonly perRecordTsMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const ms = (t: number): string => `${Math.round(t).toLocaleString('en-US')} ms`;

/** Encodes `table` once, then digests the same bytes four ways; the median of `runs` each. */
export async function measureDigestStrategies(table: Table, runs = 3): Promise<DigestStrategies> {
  const enc = await encodeRecords(table, table.columns.map((_, c) => c));
  const n = enc.offsets.length - 1;
  const all = enc.bytes;
  const time = async (f: () => Promise<void> | void): Promise<number> => {
    const xs: number[] = [];
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      await f();
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const buckets: Uint8Array[] = [];
  for (let r = 0; r < n; r += BUCKET_RECORDS) buckets.push(all.subarray(enc.offsets[r] as number, enc.offsets[Math.min(n, r + BUCKET_RECORDS)] as number));
  const records = Array.from({ length: n }, (_, r) => all.subarray(enc.offsets[r] as number, enc.offsets[r + 1] as number));
  const out = new Uint8Array(n * DIGEST_BYTES);
  const slots = Int32Array.from({ length: n }, (_, i) => i);
  const oneCallMs = await time(async () => {
    await crypto.subtle.digest('SHA-256', all as Uint8Array<ArrayBuffer>);
  });
  const bucketMs = await time(() => digestInto(buckets, slots, out));
  const perRecordMs = await time(() => digestInto(records, slots, out));
  const perRecordTsMs = await time(() => {
    for (let r = 0; r < n; r++) sha256Range(all, enc.offsets[r] as number, enc.offsets[r + 1] as number, out, r * DIGEST_BYTES);
  });
  return { records: n, bytes: all.length, oneCallMs, bucketMs, perRecordMs, perRecordTsMs };
}

/** Lines for a bench report. */
export function describeDigestStrategies(s: DigestStrategies): string[] {
  const rate = (t: number): string => `${Math.round(s.records / (t / 1000)).toLocaleString('en-US')} records/s`;
  const vs = (t: number): string => `${(t / s.oneCallMs).toFixed(1)}× the ceiling`;
  return [
    `digests of the same ${s.records.toLocaleString('en-US')} encoded records (${(s.bytes / 1e6).toFixed(1)} MB), median of 3:`,
    `  raw crypto.subtle.digest, one call over all bytes (the ceiling): ${ms(s.oneCallMs)} = ${(s.bytes / 1e6 / (s.oneCallMs / 1000)).toFixed(0)} MB/s`,
    `  bucket digests (Web Crypto, one call per ${BUCKET_RECORDS} records): ${ms(s.bucketMs)} = ${vs(s.bucketMs)}`,
    `  per-record digests (Web Crypto, 1,024 in flight): ${ms(s.perRecordMs)} = ${vs(s.perRecordMs)}, ${rate(s.perRecordMs)}`,
    `  per-record digests (TypeScript SHA-256 in the buffer): ${ms(s.perRecordTsMs)} = ${vs(s.perRecordTsMs)}, ${rate(s.perRecordTsMs)}`,
  ];
}
