/**
 * The in-browser half of the validation bench: generates contacts CSV in the page, reads it
 * with DatasetEngine.open (readCsv), then times DatasetEngine.applyMapping per phase (map =
 * transforms, validate = validateColumns) and the mapping suggestions for a 200-column file.
 * bench/browser-validate.mjs drives it through Playwright and computes medians.
 */
import { DatasetEngine } from '../../src/core/engine/dataset-engine';
import { proposeMapping } from '../../src/core/engine/mapping-session';
import { tableFromRows } from '../../src/core/model/table';
import { CONTACT_OBJECT } from '../../src/core/schema/contact-object';
import { VALIDATE_PLAN, validateCsv, wideTable, type DataSet } from './validate-data';

interface ChromeMemory {
  readonly usedJSHeapSize: number;
}

const heap = (): number | null => (performance as Performance & { memory?: ChromeMemory }).memory?.usedJSHeapSize ?? null;
// window.gc exists when Chromium runs with --js-flags=--expose-gc.
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

export interface ValidateRun {
  readonly total: number;
  readonly map: number;
  readonly validate: number;
  /** Growth of usedJSHeapSize over the post-GC baseline, sampled in progress callbacks. */
  readonly peakHeap: number | null;
  /** Longest gap between progress callbacks: how long the thread was busy without yielding. */
  readonly longestSlice: number;
}

export interface ValidateBenchResult {
  readonly readMs: number;
  readonly runs: ValidateRun[];
  readonly errors: number;
  readonly warnings: number;
  readonly rowsWithErrors: number;
}

async function runValidateBench(rows: number, set: DataSet, runs: number): Promise<ValidateBenchResult> {
  const engine = new DatasetEngine();
  const r0 = performance.now();
  await engine.open(new TextEncoder().encode(validateCsv(rows, set)), `${set}.csv`);
  const readMs = performance.now() - r0;
  if (rows < 1e6) await engine.applyMapping(VALIDATE_PLAN);
  const out: ValidateRun[] = [];
  let summary = await engine.applyMapping(VALIDATE_PLAN);
  for (let i = 0; i < runs; i++) {
    collect();
    const base = heap();
    let top = base ?? 0;
    let validateAt: number | null = null;
    let last = performance.now();
    let longestSlice = 0;
    const t0 = last;
    summary = await engine.applyMapping(VALIDATE_PLAN, {
      onProgress: (p) => {
        const now = performance.now();
        longestSlice = Math.max(longestSlice, now - last);
        last = now;
        if (p.phase === 'validate' && validateAt === null) validateAt = now;
        top = Math.max(top, heap() ?? 0);
      },
    });
    const end = performance.now();
    top = Math.max(top, heap() ?? 0);
    const at = validateAt ?? end;
    out.push({ total: end - t0, map: at - t0, validate: end - at, peakHeap: base === null ? null : top - base, longestSlice });
  }
  return { readMs, runs: out, errors: summary.errors, warnings: summary.warnings, rowsWithErrors: summary.rowsWithErrors };
}

/** The engine {@link openValidateBench} opened, for {@link runValidateOnce} (bench/browser-validate-ab.mjs). */
let opened: DatasetEngine | undefined;

async function openValidateBench(rows: number, set: DataSet): Promise<number> {
  opened = undefined;
  const engine = new DatasetEngine();
  const r0 = performance.now();
  await engine.open(new TextEncoder().encode(validateCsv(rows, set)), `${set}.csv`);
  opened = engine;
  return performance.now() - r0;
}

/** One applyMapping on the opened engine: total, map and validate ms and the summary's counts. */
async function runValidateOnce(): Promise<{ total: number; map: number; validate: number; errors: number; warnings: number; rowsWithErrors: number }> {
  if (opened === undefined) throw new Error('openValidateBench first');
  collect();
  let validateAt: number | null = null;
  const t0 = performance.now();
  const summary = await opened.applyMapping(VALIDATE_PLAN, {
    onProgress: (p) => {
      if (p.phase === 'validate' && validateAt === null) validateAt = performance.now();
    },
  });
  const end = performance.now();
  const at = validateAt ?? end;
  return { total: end - t0, map: at - t0, validate: end - at, errors: summary.errors, warnings: summary.warnings, rowsWithErrors: summary.rowsWithErrors };
}

async function runSuggestBench(runs: number): Promise<{ times: number[]; mapped: number }> {
  const wide = wideTable();
  const table = tableFromRows(wide.headers, wide.rows);
  await proposeMapping(table, CONTACT_OBJECT);
  const times: number[] = [];
  let mapped = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    mapped = (await proposeMapping(table, CONTACT_OBJECT)).suggestions.filter((s) => s.field !== null).length;
    times.push(performance.now() - t0);
  }
  return { times, mapped };
}

declare global {
  interface Window {
    runValidateBench: typeof runValidateBench;
    runSuggestBench: typeof runSuggestBench;
    openValidateBench: typeof openValidateBench;
    runValidateOnce: typeof runValidateOnce;
    validateBenchReady: boolean;
  }
}

window.runValidateBench = runValidateBench;
window.runSuggestBench = runSuggestBench;
window.openValidateBench = openValidateBench;
window.runValidateOnce = runValidateOnce;
window.validateBenchReady = true;
