// SHA-256 engines side by side on the same bytes in the same run (issue 12, "a million rows"):
// the TypeScript one (core/diff/sha256-js.ts), ours in WebAssembly (sha256-wasm.ts), Web Crypto
// and hash-wasm (WebAssembly), on (a) a
// ~300 MB stream in 4 MB parts, as a 1M-row commit's snapshot NDJSON or an export, and (b) 1M
// short records of ~140 bytes, as a commit's fingerprints. Loaded by bench/sha256-engines.mjs in
// Node and in Chromium's page. Figures only; every engine's digests are checked equal first.
import { createSHA256 } from 'hash-wasm';
import { Sha256Stream, sha256Range } from '../../src/core/diff/sha256-js';
import { loadWasmSha256 } from '../../src/core/diff/sha256-wasm';

export interface EngineCase {
  readonly job: 'stream' | 'records';
  readonly name: string;
  readonly bytes: number;
  readonly times: number[];
  /** Index of the case this one is compared with (the TypeScript one of the same job). */
  readonly ref: number;
  readonly note?: string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Pseudo-random printable bytes (a CSV-like alphabet), the same for a given length. */
function bytesOf(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let s = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = 32 + ((s >>> 0) % 95);
  }
  return out;
}

export async function measureSha256Engines(opts: { streamBytes: number; partBytes: number; records: number; runs: number }): Promise<EngineCase[]> {
  const { streamBytes, partBytes, records, runs } = opts;
  const all = bytesOf(streamBytes);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let p = 0; p < streamBytes; p += partBytes) parts.push(all.slice(p, Math.min(streamBytes, p + partBytes)));
  // Records of 100–180 bytes (mean 140) laid end to end, as a block of encoded records.
  const ends = new Uint32Array(records + 1);
  for (let r = 0; r < records; r++) ends[r + 1] = (ends[r] as number) + 100 + ((r * 7919) % 81);
  const recordBytes = ends[records] as number;
  const rec = all.subarray(0, recordBytes);
  if (recordBytes > streamBytes) throw new Error('records need more bytes than the stream');
  const wasm = await createSHA256();
  const ours = await loadWasmSha256();
  const plain = await loadWasmSha256('plain');
  if (ours === null || plain === null) throw new Error('our WebAssembly SHA-256 did not load');

  const cases: EngineCase[] = [];
  const digests = new Map<string, string>();
  const run = async (job: EngineCase['job'], name: string, ref: number, f: () => Promise<Uint8Array | string> | Uint8Array | string, note?: string, same = true) => {
    const times: number[] = [];
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      const d = await f();
      times.push(performance.now() - t0);
      if (same) digests.set(`${job}:${name}`, typeof d === 'string' ? d : hex(d));
    }
    cases.push({ job, name, bytes: job === 'stream' ? streamBytes : recordBytes, times, ref, note });
  };

  // (a) the stream.
  const s0 = cases.length;
  await run('stream', 'TypeScript Sha256Stream, part by part', s0, () => {
    const s = new Sha256Stream();
    for (const p of parts) s.update(p);
    return s.digest();
  });
  await run('stream', 'hash-wasm createSHA256, part by part', s0, () => {
    wasm.init();
    for (const p of parts) wasm.update(p);
    return wasm.digest('binary');
  });
  await run('stream', 'ours, WebAssembly (sha256-wasm.ts), part by part', s0, () => {
    const s = ours.stream();
    for (const p of parts) s.update(p);
    return s.digest();
  });
  await run('stream', 'Web Crypto, one call on the whole buffer', s0, async () => new Uint8Array(await crypto.subtle.digest('SHA-256', all)));
  await run(
    'stream',
    'Web Crypto, parts copied into one buffer, one call',
    s0,
    async () => {
      const one = new Uint8Array(streamBytes);
      let at = 0;
      for (const p of parts) {
        one.set(p, at);
        at += p.length;
      }
      return new Uint8Array(await crypto.subtle.digest('SHA-256', one));
    },
    'holds the whole stream once more (+ the engine copy Web Crypto makes of its input)',
  );
  await run(
    'stream',
    'Web Crypto, one call per part (not the same digest)',
    s0,
    async () => {
      for (const p of parts) await crypto.subtle.digest('SHA-256', p);
      return '';
    },
    'a floor, not a stream digest',
    false,
  );

  // (b) the records, each hashed on its own, digests written into one buffer.
  const out = new Uint8Array(records * 32);
  const r0 = cases.length;
  await run('records', 'TypeScript sha256Range per record', r0, () => {
    for (let r = 0; r < records; r++) sha256Range(rec, ends[r] as number, ends[r + 1] as number, out, r * 32);
    return hex(out.subarray(0, 64)) + hex(out.subarray(out.length - 32));
  });
  await run('records', 'hash-wasm init/update/digest per record', r0, () => {
    for (let r = 0; r < records; r++) {
      wasm.init();
      wasm.update(rec.subarray(ends[r] as number, ends[r + 1] as number));
      out.set(wasm.digest('binary'), r * 32);
    }
    return hex(out.subarray(0, 64)) + hex(out.subarray(out.length - 32));
  });
  // The module the app loads (SIMD where the engine has it: four records at a time), and the plain one.
  for (const module of ours.kind === 'simd' ? [ours, plain] : [ours]) {
    await run('records', `ours, WebAssembly ${module.kind} (sha256-wasm.ts), a block of 4,096 a call`, r0, () => {
      for (let r = 0; r < records; r += 4096) {
        const n = Math.min(4096, records - r);
        const base = ends[r] as number;
        const local = ends.slice(r, r + n + 1).map((e) => e - base);
        const block = new Uint8Array(32 * n);
        module.records(rec.subarray(base, ends[r + n] as number), local, n, block);
        out.set(block, r * 32);
      }
      return hex(out.subarray(0, 64)) + hex(out.subarray(out.length - 32));
    });
  }
  // One Web Crypto call per record costs per call: a tenth of the records, scaled up.
  const tenth = Math.floor(records / 10);
  const wc = { job: 'records' as const, name: 'Web Crypto per record, 1,024 in flight (×10 of a tenth)', bytes: recordBytes, ref: r0, times: [] as number[] };
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    for (let r = 0; r < tenth; r += 1024) {
      const batch: Promise<ArrayBuffer>[] = [];
      for (let i = r; i < Math.min(tenth, r + 1024); i++) batch.push(crypto.subtle.digest('SHA-256', rec.subarray(ends[i] as number, ends[i + 1] as number)));
      const got = await Promise.all(batch);
      for (let i = 0; i < got.length; i++) out.set(new Uint8Array(got[i] as ArrayBuffer), (r + i) * 32);
    }
    wc.times.push((performance.now() - t0) * 10);
  }
  cases.push(wc);

  // Every engine must agree before a figure means anything.
  for (const job of ['stream', 'records']) {
    const seen = new Set([...digests].filter(([k]) => k.startsWith(`${job}:`)).map(([, v]) => v));
    if (seen.size !== 1) throw new Error(`${job}: the engines disagree: ${[...digests].filter(([k]) => k.startsWith(job)).join(' / ')}`);
  }
  return cases;
}

/** Lines for a report: median time, MB/s, ratio to the TypeScript engine of the same job. */
export function describeSha256Engines(cases: EngineCase[]): string[] {
  return cases.map((c) => {
    const ms = median(c.times);
    const ref = median((cases[c.ref] as EngineCase).times);
    const mbs = c.bytes / 1e6 / (ms / 1000);
    return `${c.job.padEnd(7)} ${c.name.padEnd(58)} ${Math.round(ms).toLocaleString('en-US').padStart(7)} ms  ${Math.round(mbs).toLocaleString('en-US').padStart(6)} MB/s  ${(ref / ms).toFixed(2)}× TS${c.note === undefined ? '' : `  (${c.note})`}`;
  });
}
