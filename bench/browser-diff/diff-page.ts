// The keyed diff in Chromium's page thread, on the same data as bench/diff-node.mjs: base table
// and new data (shuffled, columns reversed, ~1% edited, 0.5% removed, 0.5% added), beside the
// raw crypto.subtle.digest ceiling measured in the same run and daff's keyed, unordered compare.
// @ts-expect-error -- daff ships no types; the members used are described by DaffApi below.
import daff from 'daff';
import { keyedDigests } from '../../src/core/diff/dataset-digest';
import { diffTables } from '../../src/core/diff/diff-tables';
import { fingerprintRecords } from '../../src/core/diff/fingerprint';
import { sha256Range } from '../../src/core/diff/sha256-js';
import type { DiffOptions, DiffResult } from '../../src/core/diff/diff-types';
import type { Cell } from '../../src/core/model/cell';
import { TableBuilder, type Table } from '../../src/core/model/table';
import { readCsv } from '../../src/core/read/csv-read';
import { createRandom, iterateContacts } from '../../test/support/fake-crm';
import { describeDigestStrategies, measureDigestStrategies } from '../lib/digest-strategies';
import { commaDialect } from '../../test/support/layout-tables';

interface DiffBenchResult {
  readonly rows: [number, number];
  readonly times: number[];
  readonly phases: Record<string, number>[];
  readonly counts: DiffResult['counts'];
  readonly stats: DiffResult['stats'];
  readonly ceiling: number;
  /** The same records hashed by the TypeScript SHA-256 (records/s), beside the Web Crypto ceiling. */
  readonly jsRate: number;
  /** Per-record fingerprints of the whole baseline (encode + hash), as a commit computes them. */
  readonly fingerprintMs: number;
  readonly daffMs: number | null;
  /** The keyed dataset digests, computed after the diff as the page does. */
  readonly digestsMs: number;
  readonly peakHeap: number | null;
  /** Per-record vs bucket digests against the raw ceiling, on the baseline's records. */
  readonly digestLines: string[];
}

const OPTS: DiffOptions = {
  key: { columns: ['Contact ID'], trim: true, caseInsensitive: false },
  mode: 'mirror',
  rules: { default: 'always', fields: [] },
  quietClass: true,
};

/**
 * How the bench's tables hold their cells: a text per column and chunk (rows appended one by one,
 * as JSON or a mapped column), or one text per block of rows shared by its columns (a CSV file as
 * read). `same-order`: as `rows`, but the new data keeps the baseline's row and column order (a
 * CRM export sorted by id, against its last one), where `rows` shuffles the rows and reverses the
 * columns (the worst case for a compare that reads both sides in order).
 */
type Layout = 'rows' | 'csv' | 'same-order';

const csvField = (v: Cell): string => {
  const s = v ?? '';
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The table's rows written as CSV and read back: the layout of a CSV file as the app reads it. */
async function asCsv(t: Table): Promise<Table> {
  const lines = [t.columns.map(csvField).join(',')];
  for (let r = 0; r < t.rowCount; r++) lines.push(t.row(r).map(csvField).join(','));
  const { table } = await readCsv(lines.join('\r\n') + '\r\n', commaDialect('\r\n'));
  return table;
}

async function makePair(n: number, layout: Layout): Promise<{ base: Table; next: Table }> {
  const pair = makeRows(n, layout !== 'same-order');
  if (layout !== 'csv') return pair;
  return { base: await asCsv(pair.base), next: await asCsv(pair.next) };
}

function makeRows(n: number, shuffle: boolean): { base: Table; next: Table } {
  const rand = createRandom(7);
  const { columns, rows } = iterateContacts(n, 42);
  const baseB = new TableBuilder(columns);
  const kept: string[][] = [];
  let i = 0;
  for (const row of rows) {
    baseB.appendRow(row, i + 2);
    const x = rand();
    if (x < 0.005) {
      i++;
      continue;
    }
    const copy = [...row];
    if (x < 0.015) copy[1 + Math.floor(rand() * (columns.length - 1))] = `edited ${i}`;
    kept.push(copy);
    i++;
  }
  for (const row of iterateContacts(Math.round(n * 0.005), 43, { firstId: n + 1 }).rows)
    kept.push([...row]);
  if (shuffle) {
    for (let k = kept.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [kept[k], kept[j]] = [kept[j] as string[], kept[k] as string[]];
    }
  }
  const order = columns.map((_, c) => (shuffle ? columns.length - 1 - c : c));
  const nextB = new TableBuilder(order.map((c) => columns[c] as string));
  kept.forEach((row, r) =>
    nextB.appendRow(
      order.map((c) => row[c] ?? null),
      r + 2,
    ),
  );
  return { base: baseB.finish(), next: nextB.finish() };
}

async function rawDigestCeiling(count: number): Promise<number> {
  const enc = new TextEncoder();
  const bufs = Array.from({ length: 4096 }, (_, k) =>
    enc.encode(`${k}:0000001 Ada Lovelace ada@example.com +44 20 7946 0958 Analytical Engines Ltd`),
  );
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1024) {
    const p: Promise<ArrayBuffer>[] = [];
    for (let j = 0; j < 1024; j++)
      p.push(crypto.subtle.digest('SHA-256', bufs[(i + j) & 4095] as Uint8Array<ArrayBuffer>));
    await Promise.all(p);
  }
  return count / ((performance.now() - t0) / 1000);
}

/** The ceiling's records hashed by `sha256Range` instead: records/s on the page thread. */
function jsDigestRate(count: number): number {
  const enc = new TextEncoder();
  const bufs = Array.from({ length: 4096 }, (_, k) =>
    enc.encode(`${k}:0000001 Ada Lovelace ada@example.com +44 20 7946 0958 Analytical Engines Ltd`),
  );
  const out = new Uint8Array(32);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const b = bufs[i & 4095] as Uint8Array;
    sha256Range(b, 0, b.length, out, 0);
  }
  return count / ((performance.now() - t0) / 1000);
}

function toRows(t: Table): string[][] {
  const out = [[...t.columns]];
  for (let r = 0; r < t.rowCount; r++) out.push(t.row(r).map((v) => v ?? ''));
  return out;
}

/** daff ships no types: the few members used here. */
interface DaffApi {
  TableView: new (rows: string[][]) => object;
  CompareFlags: new () => { ordered: boolean; addPrimaryKey(column: string): void };
  compareTables(a: object, b: object, flags: object): { align(): object };
  TableDiff: new (alignment: object, flags: object) => { hilite(out: object): void };
}

function daffMs(base: Table, next: Table): number {
  const d = daff as unknown as DaffApi;
  const a = new d.TableView(toRows(base));
  const b = new d.TableView(toRows(next));
  const t0 = performance.now();
  const flags = new d.CompareFlags();
  flags.ordered = false;
  flags.addPrimaryKey('Contact ID');
  const alignment = d.compareTables(a, b, flags).align();
  new d.TableDiff(alignment, flags).hilite(new d.TableView([]));
  return performance.now() - t0;
}

const heap = (): number | null =>
  (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
  null;
const gc = (): void => (globalThis as unknown as { gc?: () => void }).gc?.();

async function runDiffBench(n: number, runs: number, layout: Layout = 'rows'): Promise<DiffBenchResult> {
  const { base, next } = await makePair(n, layout);
  await diffTables(base, next, OPTS); // warm-up
  gc();
  const heap0 = heap();
  let peak = heap0 ?? 0;
  const times: number[] = [];
  const daffTimes: number[] = [];
  const phases: Record<string, number>[] = [];
  let diff: DiffResult | undefined;
  for (let k = 0; k < runs; k++) {
    // daff run for run beside ours (at 100k), so both see the same machine; medians compared.
    if (n <= 100_000) {
      gc();
      daffTimes.push(daffMs(base, next));
      gc();
    }
    const marks: Record<string, number> = {};
    const t0 = performance.now();
    diff = await diffTables(base, next, OPTS, {
      onProgress: (p) => {
        if (p.done === p.total) marks[p.phase] = performance.now() - t0;
        peak = Math.max(peak, heap() ?? 0);
      },
    });
    const total = performance.now() - t0;
    times.push(total);
    let prev = 0;
    const ph: Record<string, number> = {};
    for (const name of ['keys', 'compare']) {
      const m = marks[name];
      if (m !== undefined) {
        ph[name] = m - prev;
        prev = m;
      }
    }
    ph['rest'] = total - prev;
    phases.push(ph);
  }
  const ceiling = await rawDigestCeiling(200_000);
  const jsRate = jsDigestRate(200_000);
  const f0 = performance.now();
  await fingerprintRecords(
    base,
    base.columns.map((_, i) => i),
  );
  const fingerprintMs = performance.now() - f0;
  const digestLines = describeDigestStrategies(await measureDigestStrategies(base));
  const daffTime = daffTimes.length > 0 ? [...daffTimes].sort((a, b) => a - b)[daffTimes.length >> 1]! : null;
  const d = diff as DiffResult;
  // The keyed dataset digests are not part of the diff: the page asks for them once it shows the result.
  const g0 = performance.now();
  await keyedDigests(base, next, d);
  const digestsMs = performance.now() - g0;
  return {
    rows: [base.rowCount, next.rowCount],
    times,
    phases,
    counts: d.counts,
    stats: d.stats,
    ceiling,
    jsRate,
    fingerprintMs,
    daffMs: daffTime,
    digestsMs,
    peakHeap: heap0 === null ? null : peak - heap0,
    digestLines,
  };
}

/** Tables made by {@link prepareDiff}, diffed by {@link timeDiffs} (a profiled run: nothing else is timed). */
let prepared: { base: Table; next: Table } | null = null;

async function prepareDiff(n: number, layout: Layout = 'rows'): Promise<void> {
  prepared = await makePair(n, layout);
  await diffTables(prepared.base, prepared.next, OPTS); // warm-up
  gc();
}

async function timeDiffs(runs: number): Promise<{ times: number[]; phases: Record<string, number>[] }> {
  const { base, next } = prepared as { base: Table; next: Table };
  const times: number[] = [];
  const phases: Record<string, number>[] = [];
  for (let k = 0; k < runs; k++) {
    gc();
    const marks: Record<string, number> = {};
    const t0 = performance.now();
    await diffTables(base, next, OPTS, {
      onProgress: (p) => {
        if (p.done === p.total) marks[p.phase] = performance.now() - t0;
      },
    });
    const total = performance.now() - t0;
    times.push(total);
    phases.push({ keys: marks['keys'] ?? 0, compare: (marks['compare'] ?? 0) - (marks['keys'] ?? 0), rest: total - (marks['compare'] ?? 0) });
  }
  return { times, phases };
}

Object.assign(window, { runDiffBench, prepareDiff, timeDiffs, benchReady: true });
