// Timing, memory sampling and table printing shared by the bench sections. Figures only: a
// benchmark here never passes or fails on time (docs/style.md, "Tests").
import { Worker } from 'node:worker_threads';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const heapNow = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/**
 * Samples RSS from a worker thread every 5 ms into shared memory. A synchronous parse blocks the
 * main thread, so only another thread can see the transient peak of e.g. `Papa.parse`.
 */
export function startRssSampler() {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 5);`,
    { eval: true, workerData: shared.buffer },
  );
  worker.unref();
  return {
    reset: () => (shared[0] = process.memoryUsage.rss()),
    peak: () => Math.max(shared[0], process.memoryUsage.rss()),
    stop: () => worker.terminate(),
  };
}

/**
 * Runs `fn` `runs` times after a GC each, returning the median time and the largest growth of
 * heap+external over the post-GC baseline. `fn` gets `sample()` to call from progress callbacks
 * or between output chunks, so peaks inside our own (async, chunked) code are seen.
 */
export async function measure(fn, runs, rss) {
  // One untimed warm-up for small inputs, so the JIT compiles before the clock starts.
  if (runs > 3) await fn(() => {});
  const times = [];
  let peakHeap = 0;
  let peakRss = 0;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const base = heapNow();
    rss?.reset();
    const rssBase = process.memoryUsage.rss();
    let top = base;
    let last = 0;
    const sample = () => {
      const now = performance.now();
      if (now - last < 10) return;
      last = now;
      top = Math.max(top, heapNow());
    };
    const t0 = performance.now();
    const result = await fn(sample);
    times.push(performance.now() - t0);
    // Sampled while `result` is still referenced, so the figure includes what was built.
    top = Math.max(top, heapNow());
    void result;
    peakHeap = Math.max(peakHeap, top - base);
    if (rss) peakRss = Math.max(peakRss, rss.peak() - rssBase);
  }
  return { ms: median(times), peakHeap, peakRss: rss ? peakRss : null };
}

/** Consumes a sync or async generator of string chunks, sampling memory as it goes. */
export async function drain(chunks, sample) {
  let chars = 0;
  if (chunks && typeof chunks[Symbol.asyncIterator] === 'function') {
    for await (const c of chunks) { chars += c.length; sample(); }
  } else {
    for (const c of chunks) { chars += c.length; sample(); }
  }
  return chars;
}

const mb = (bytes) => (bytes === null || bytes === undefined ? '—' : `${(bytes / 1e6).toFixed(1)} MB`);

/** Prints one section: rows of { name, bytes, ms, ratio, peakHeap, peakRss } or { name, skipped }. */
export function printTable(title, rows, notes = []) {
  const head = ['name', 'input', 'median ms', 'MB/s', 'ratio vs ref', 'peak heap', 'peak RSS'];
  const body = rows.map((r) =>
    r.skipped
      ? [r.name, r.bytes ? mb(r.bytes) : '', `skipped: ${r.skipped}`, '', '', '', '']
      : [
          r.name,
          mb(r.bytes),
          r.ms.toFixed(0),
          (r.bytes / 1e6 / (r.ms / 1000)).toFixed(1),
          r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
          mb(r.peakHeap),
          mb(r.peakRss),
        ],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i].startsWith('skipped') ? 0 : b[i].length))));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(b[2].startsWith('skipped') ? `${b[0].padEnd(widths[0])}  ${b[1].padEnd(widths[1])}  ${b[2]}` : line(b));
  for (const n of notes) console.log(`  ${n}`);
}
