/**
 * The in-browser half of the bench: generates CSV in the page (no file transfer to time) and
 * times our readers against raw `Papa.parse` on the same input: `readCsv` and `Papa.parse` on
 * the text, and, the way Upload reads a file (core/engine/read-source.ts), `readCsvBlob` on a
 * Blob of its UTF-8 bytes against `Papa.parse` of the same Blob (Papa's own chunked file read),
 * so both sides decode the bytes. Neither side detects anything: ours gets the dialect, Papa
 * guesses only the delimiter. bench/browser-core.mjs drives it through Playwright and computes
 * medians; this page only reports raw timings and heap sizes.
 */
import Papa from 'papaparse';
import { contactsToCsv, iterateContacts } from '../../test/support/fake-crm';

export interface CaseResult {
  readonly name: string;
  /** Index of the case its ratio is taken against (the one reading the same input); 0 if absent. */
  readonly ref?: number;
  readonly times: number[];
  /** Largest growth of `performance.memory.usedJSHeapSize` over the post-GC baseline. */
  readonly peakHeap: number | null;
  readonly skipped?: string;
}

export interface CsvBenchResult {
  readonly bytes: number;
  readonly generateMs: number;
  readonly cases: CaseResult[];
  /** Chromium's own attribution after reading, when the page is cross-origin isolated. */
  readonly uaMemory: number | null;
}

type ReadCsv = (text: string, dialect: object, ctx?: { onProgress?: () => void }) => unknown;
type ReadCsvBlob = (blob: Blob, encoding: string, dialect: object, ctx?: { onProgress?: () => void }) => Promise<unknown>;

interface ChromeMemory {
  readonly usedJSHeapSize: number;
}

const heap = (): number | null => (performance as Performance & { memory?: ChromeMemory }).memory?.usedJSHeapSize ?? null;
// window.gc exists when Chromium runs with --js-flags=--expose-gc.
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

const DIALECT = { delimiter: ',', quoteChar: '"', newline: '\n', header: 'first-row', skipLines: 0, decimalSeparator: '.', dateOrder: 'unknown' };

async function loadReaders(): Promise<{ readCsv: ReadCsv; readCsvBlob: ReadCsvBlob } | string> {
  // A runtime path, so a reader that does not exist yet is a skip rather than a build error.
  const path = '/src/core/read/csv-read.ts';
  try {
    const mod = (await import(/* @vite-ignore */ path)) as { readCsv?: ReadCsv; readCsvBlob?: ReadCsvBlob };
    if (typeof mod.readCsv !== 'function') return `${path} has no export readCsv`;
    if (typeof mod.readCsvBlob !== 'function') return `${path} has no export readCsvBlob`;
    return { readCsv: mod.readCsv, readCsvBlob: mod.readCsvBlob };
  } catch {
    return `${path} not found`;
  }
}

/** A progress callback that does nothing (timed runs sample no heap). */
const none = (): void => {};

interface Case {
  readonly name: string;
  readonly ref?: number;
  readonly fn: (sample: () => void) => unknown;
}

/**
 * Times the cases in turn, one run of each per round (after a warm-up round when there are
 * more than 3), so a machine whose load swings during the bench slows every case alike and the
 * ratios stay fair. Timed runs read no heap size (`performance.memory` with precise figures
 * costs milliseconds a call, and only our reader has progress to sample it from); the peak
 * heap comes from one more, untimed, run of each case.
 */
async function timeCases(cases: readonly Case[], runs: number): Promise<CaseResult[]> {
  const out = cases.map((c) => ({ name: c.name, ...(c.ref === undefined ? {} : { ref: c.ref }), times: [] as number[], peakHeap: null as number | null }));
  if (runs > 3) for (const c of cases) await c.fn(none);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < cases.length; k++) {
      collect();
      const t0 = performance.now();
      await (cases[k] as Case).fn(none);
      (out[k] as (typeof out)[number]).times.push(performance.now() - t0);
    }
  }
  for (let k = 0; k < cases.length; k++) {
    collect();
    const base = heap();
    let top = base ?? 0;
    const sample = (): void => {
      top = Math.max(top, heap() ?? 0);
    };
    const result = await (cases[k] as Case).fn(sample);
    sample();
    if (base !== null) (out[k] as (typeof out)[number]).peakHeap = top - base;
    void result;
  }
  return out;
}

async function measureUaMemory(): Promise<number | null> {
  const measureMemory = (performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> })
    .measureUserAgentSpecificMemory;
  if (!crossOriginIsolated || typeof measureMemory !== 'function') return null;
  return (await measureMemory.call(performance)).bytes;
}

async function runCsvBench(rows: number, runs: number): Promise<CsvBenchResult> {
  const g0 = performance.now();
  const text = contactsToCsv(iterateContacts(rows, 42));
  const generateMs = performance.now() - g0;
  // A File, as Upload gets one (and as Papa's typings want one); its bytes are not kept here,
  // so the page's memory figure below is the table's.
  const blob = new File([new TextEncoder().encode(text)], 'contacts.csv');
  const bytes = blob.size;
  const papa: Case = { name: 'Papa.parse (ref)', fn: () => Papa.parse(text) };
  const papaBlob: Case = {
    name: 'Papa.parse Blob (ref)',
    fn: () => new Promise((resolve, reject) => Papa.parse(blob, { complete: resolve, error: reject })),
  };
  const readers = await loadReaders();
  let uaMemory: number | null = null;
  let cases: CaseResult[];
  if (typeof readers === 'string') {
    cases = [...(await timeCases([papa], runs)), { name: 'readCsv', times: [], peakHeap: null, skipped: readers }];
  } else {
    const { readCsv, readCsvBlob } = readers;
    cases = await timeCases(
      [
        papa,
        { name: 'readCsv', fn: (sample) => readCsv(text, DIALECT, { onProgress: sample }) },
        { ...papaBlob, ref: 2 },
        { name: 'readCsvBlob (Upload\'s path)', ref: 2, fn: (sample) => readCsvBlob(blob, 'utf-8', DIALECT, { onProgress: sample }) },
      ],
      runs,
    );
    // Keep one result alive while Chromium attributes memory, so the figure includes the table.
    const kept = await readCsv(text, DIALECT);
    uaMemory = await measureUaMemory();
    void kept;
  }
  return { bytes, generateMs, cases, uaMemory };
}

declare global {
  interface Window {
    runCsvBench: typeof runCsvBench;
    benchReady: boolean;
  }
}

window.runCsvBench = runCsvBench;
window.benchReady = true;
