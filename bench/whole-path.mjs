// The whole path as a user lives it, in the BUILT app in Chromium (issue 12): upload → preview →
// map with the suggestions → validate → review with a key (a same-size baseline) → commit →
// export CSV, for a clean file and a messy one. Per step: the time, the longest main-thread task
// (PerformanceObserver longtask) and the browser's RSS summed over its processes; beside a bare
// `Papa.parse` of the same file in the same browser run (the reference). Figures only.
//
// `node bench/whole-path.mjs [--quick] [--rows=N] [--kinds=clean,messy] [--profile]` on its own, or through
// `npm run bench`. WHOLE_PATH_NEXT=1 adds the next import's start: the commit just stored, picked
// in History as the baseline, then compared again. WHOLE_PATH_VALIDATE_AGAIN=N applies the mapping
// N more times (Map, then Apply), each timed apart; WHOLE_PATH_UPLOAD_AGAIN=N chooses the same file
// N more times at Upload, each read timed apart. WHOLE_PATH_EXPORT=json|ndjson|xml exports that
// format instead of CSV. WHOLE_PATH_DIGESTS=1 waits on Review for the dataset digests (a step of
// its own, before the commit). WHOLE_PATH_HEAPS=1 prints each isolate's JS heap after every step
// (=gc: after a full collection of each; WHOLE_PATH_HEAP_SNAPSHOTS=/tmp/snap also writes each
// worker's heap snapshot then, to open in DevTools' Memory tab, which collects it too: later
// figures are then those of collected heaps). Not with --profile. WHOLE_PATH_BLOBS=1 prints the
// Blobs the browser process holds for the page after every step (chrome://blob-internals);
// WHOLE_PATH_BLOBS=/tmp/blobs also writes each step's list to /tmp/blobs-STEP.txt.
// Needs `npx vite build` first (dist/). Files are generated in a temp dir and removed after.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { preview, runnerImport } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import { freePort } from '../scripts/free-port.mjs';

const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const message = (err) => String(err?.message ?? err).split('\n')[0];
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const sec = (ms) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
/** Generous: a 1M-row step on a loaded 2-core machine can take a minute. */
const STEP_TIMEOUT = 600_000;

// ---------------------------------------------------------------------------------------------
// Files

/** Area codes and exchanges libphonenumber holds valid, so the clean file has no phone error. */
const CLEAN_PHONES = ['+1 212 {7}', '+1 415 {7}', '+1 617 {7}', '+49 30 {7}', '+44 20 7{7}', '+86 138 {8}'];

/**
 * Writes `name.csv` (`n` rows) and its baseline (`name-baseline.csv`: the same records with 1% of
 * titles changed, 0.5% of the records missing and 0.5% extra ones) into `dir`.
 * `kind` clean: every value valid under the suggested mapping and its default transforms (unique
 * e-mails, E.164 phones, ISO dates), accented and Chinese names kept. `kind` messy: the generator's
 * real-world shapes plus one problem in every row (no `@`, a phone too short, a 13th month, a
 * stage no option knows), so Validate reports every row.
 */
export async function writeFiles(fake, dir, kind, n) {
  const columns = fake.ALL_CONTACT_COLUMNS.filter((c) => c !== 'Notes');
  const source = fake.createContactSource(kind === 'clean' ? 7 : 11, { columns, notesRate: 0 });
  const rand = fake.createRandom(kind === 'clean' ? 8 : 12);
  const idx = (name) => columns.indexOf(name);
  const [cId, cEmail, cPhone, cDate, cStage, cTitle] = ['Contact ID', 'Email', 'Phone', 'Created Date', 'Lifecycle Stage', 'Title'].map(idx);
  const digits = (k) => String(Math.floor(rand() * 10 ** k)).padStart(k, '0');
  const fix = (row) => {
    if (kind === 'clean') {
      const [local, domain] = row[cEmail].split('@');
      row[cEmail] = `${local}.${row[cId]}@${domain}`;
      if (row[cPhone] !== '') {
        const pattern = CLEAN_PHONES[(rand() * CLEAN_PHONES.length) | 0];
        // First digit 2–9: an exchange, never a 0/1 prefix.
        row[cPhone] = pattern.replace(/\{(\d)\}/, (_, k) => `${2 + ((rand() * 8) | 0)}${digits(Number(k) - 1)}`);
      }
    } else {
      const r = Number(row[cId]) % 4;
      if (r === 0) row[cEmail] = row[cEmail].replace('@', ' at ');
      else if (r === 1) row[cPhone] = '12';
      else if (r === 2) row[cDate] = row[cDate].replace(/-\d\d-/, '-13-');
      else row[cStage] = 'Maybe later';
    }
    return row;
  };
  const special = /[",\r\n]/;
  const line = (row) => row.map((v) => (special.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',') + '\n';
  const path = join(dir, `${kind}-${label(n)}.csv`);
  const basePath = join(dir, `${kind}-${label(n)}-baseline.csv`);
  const out = createWriteStream(path);
  const base = createWriteStream(basePath);
  await write(out, line(columns));
  await write(base, line(columns));
  let a = [];
  let b = [];
  const flush = async () => {
    await write(out, a.join(''));
    await write(base, b.join(''));
    a = [];
    b = [];
  };
  for (let i = 0; i < n; i++) {
    const row = fix(source.next());
    const text = line(row);
    const roll = i % 200;
    // 0.5% only in the new file (added), 1% with another title in the baseline (modified).
    if (roll !== 7) {
      if (roll === 3 || roll === 103) {
        const old = [...row];
        old[cTitle] = old[cTitle] === 'CEO' ? 'CFO' : 'CEO';
        b.push(line(old));
      } else b.push(text);
    }
    a.push(text);
    // 0.5% only in the baseline (kept, or removed under "mirror"): the generator never repeats
    // an id, so these are nowhere in the new file.
    if (roll === 11) b.push(line(fix(source.next())));
    if (a.length === 8192) await flush();
  }
  await flush();
  await Promise.all([new Promise((r) => out.end(r)), new Promise((r) => base.end(r))]);
  return { path, basePath, bytes: statSync(path).size, baseBytes: statSync(basePath).size };
}

/** Writes to a file stream, waiting for it to drain when its buffer is full. */
function write(stream, text) {
  return stream.write(text) ? null : new Promise((r) => stream.once('drain', r));
}

// ---------------------------------------------------------------------------------------------
// Memory: RSS (and PSS) summed over the browser's process tree, read from /proc.

function childrenOf(root) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(root);
  return [...tree];
}

/** Chromium's process type from its command line (`--type=renderer`); none: the browser process. */
function typeOf(pid) {
  try {
    const m = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    return m ? m[1] : 'browser';
  } catch {
    return 'gone';
  }
}

function memoryOf(pids) {
  let rss = 0;
  let pss = 0;
  /** RSS per process type: which process holds the data (a renderer's worker, the browser's Blobs). */
  const byType = {};
  /** CPU seconds used so far per process type: which process worked during a step. */
  const cpu = {};
  for (const pid of pids) {
    try {
      const type = typeOf(pid);
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m) {
        rss += Number(m[1]) * 1024;
        byType[type] = (byType[type] ?? 0) + Number(m[1]) * 1024;
      }
      // utime + stime, in clock ticks (1/100 s): the fields after the command's ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu[type] = (cpu[type] ?? 0) + (Number(f[11]) + Number(f[12])) / 100;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const p = /Pss:\s+(\d+) kB/.exec(rollup);
      if (p) pss += Number(p[1]) * 1024;
    } catch {
      // Gone meanwhile.
    }
  }
  return { rss, pss, byType, cpu };
}

/** CPU seconds per process type between two samples, largest first, as `renderer 1.20, browser 0.31`. */
function cpuBetween(a, b) {
  return Object.entries(b.cpu)
    .map(([type, s]) => [type, s - (a.cpu[type] ?? 0)])
    .filter(([, s]) => s >= 0.01)
    .sort((x, y) => y[1] - x[1])
    .map(([type, s]) => `${type} ${s.toFixed(2)}`)
    .join(', ');
}

/**
 * Samples the browser's memory every 200 ms. Chromium is a child of this process (Playwright
 * launches it), so its tree is every descendant that is a Chromium process.
 */
function startMemorySampler() {
  let pids = [];
  /** Processes not counted: the other browser's, while a `--profile` run has a browser of its own. */
  let excluded = new Set();
  let peak = { rss: 0, pss: 0, byType: {} };
  let last = { rss: 0, pss: 0, byType: {} };
  let ticks = 0;
  const tick = () => {
    // The tree changes (a renderer per page, a worker's process): look again now and then.
    if (ticks++ % 10 === 0) {
      pids = childrenOf(process.pid).filter((pid) => {
        if (excluded.has(pid)) return false;
        try {
          return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
        } catch {
          return false;
        }
      });
    }
    last = memoryOf(pids);
    // The split by process type is the one at the moment of the summed peak.
    peak = last.rss > peak.rss ? { ...last, pss: Math.max(peak.pss, last.pss) } : { ...peak, pss: Math.max(peak.pss, last.pss) };
  };
  tick();
  const timer = setInterval(tick, 200);
  return {
    /** Peak since the last reset, then starts a new window. */
    take() {
      tick();
      const p = peak;
      peak = { ...last };
      return p;
    },
    now() {
      // The page just opened has a renderer of its own: look for it now.
      ticks = 0;
      tick();
      return last;
    },
    /** From now on, counts only processes started after this call (until {@link countAll}). */
    countNewOnly() {
      excluded = new Set(childrenOf(process.pid));
      ticks = 0;
    },
    countAll() {
      excluded = new Set();
      ticks = 0;
    },
    stop: () => clearInterval(timer),
  };
}

// ---------------------------------------------------------------------------------------------
// The path

/** Records every long task of the page from its first script on, for per-step maxima. */
function watchLongTasks() {
  const w = /** @type {any} */ (window);
  w.crmLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.crmLongTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No longtask support: the column stays empty.
  }
}

/** In the page: notes in `crmStepSeen` the moment every one of `selectors` matches an element. */
function watchFor(selectors) {
  const w = /** @type {any} */ (window);
  w.crmStepSeen = null;
  const all = () => selectors.every((css) => document.querySelector(css) !== null);
  const observer = new MutationObserver(() => {
    if (w.crmStepSeen === null && all()) {
      w.crmStepSeen = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

async function pageNow(page) {
  return page.evaluate(() => performance.now());
}

async function longestSince(page, from) {
  return page.evaluate((t) => {
    let top = 0;
    for (const [start, duration] of /** @type {any} */ (window).crmLongTasks) if (start + duration >= t) top = Math.max(top, duration);
    return top;
  }, from);
}

async function runPath(browser, url, files, kind, memory, profile) {
  // `--profile`: a profile on disk, as a user has, whose site storage (IndexedDB, Blobs) may go to
  // disk; the default is a fresh in-memory context, where a large snapshot can be refused.
  // A profile's context is a browser of its own: only its processes are counted, not those of
  // the idle browser beside it (which had doubled the idle figure, ~0.6-0.8 GB more).
  if (profile !== null) memory.countNewOnly();
  const context = profile === null ? await browser.newContext({ acceptDownloads: true }) : await chromium.launchPersistentContext(profile.dir(), profile.options);
  await context.addInitScript(watchLongTasks);
  const page = await context.newPage();
  if (process.env.WHOLE_PATH_CONSOLE) page.on('console', (m) => console.log('console:', m.text()));
  const steps = [];
  // WHOLE_PATH_HEAPS=1: after each step, each isolate's JS heap (the page, the engine worker, its
  // helpers); WHOLE_PATH_HEAPS=gc collects each one's garbage first (so the next steps run on
  // collected heaps: figures of such a run are not the path's).
  // Not with --profile: that page is in a browser of its own, which this session cannot reach.
  const heaps = process.env.WHOLE_PATH_HEAPS && profile === null ? process.env.WHOLE_PATH_HEAPS : null;
  // WHOLE_PATH_BLOBS=1: after each step, the Blobs the browser process holds for this context
  // (chrome://blob-internals, opened in the same context): how many, and their bytes in memory.
  // With --profile too (a page of that context). Opening the page takes time: step times of such
  // a run are not the path's.
  const blobs = Boolean(process.env.WHOLE_PATH_BLOBS);
  // WHOLE_PATH_TRACE=/tmp/commit: a Chromium trace of one step (every thread of the page's
  // process: the page, the engine worker, its helpers) in /tmp/commit-KIND.json, with V8's
  // sampled JavaScript stacks per thread (ProfileChunk events: what each thread ran). The step is
  // the commit, or the one whose name starts with WHOLE_PATH_TRACE_STEP (`export`, `map`, …).
  const traceStep = process.env.WHOLE_PATH_TRACE_STEP ?? 'commit';
  const trace = process.env.WHOLE_PATH_TRACE && profile === null ? `${process.env.WHOLE_PATH_TRACE}-${kind}.json` : null;
  // A step ends when `ends` (CSS selectors) are all in the page, timed in the page: a
  // MutationObserver notes the moment they are, so the figure is not rounded up to Playwright's
  // polling (waitFor looks again after 20, 50, 100, 100 ms, then every 500 ms: up to half a second
  // more per step). Playwright then waits for them to be visible, as before. A function instead
  // waits its own way, timed from here.
  const step = async (name, act, ends) => {
    const selectors = typeof ends === 'function' ? null : ends;
    const done = selectors === null ? ends : () => Promise.all(selectors.map((css) => page.locator(css).first().waitFor({ timeout: STEP_TIMEOUT })));
    const tracing = trace !== null && name.startsWith(traceStep);
    if (tracing) {
      await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel', 'IndexedDB', 'disabled-by-default-v8.cpu_profiler'] });
    }
    memory.take();
    const cpuFrom = memory.now();
    if (selectors !== null) await page.evaluate(watchFor, selectors);
    const from = await pageNow(page);
    const t0 = performance.now();
    // A step that ends in the page's error message fails at once, with the message, rather
    // than after the step's timeout.
    const said = page.locator('[data-testid$="-error"]').first();
    const failed = said.waitFor({ timeout: STEP_TIMEOUT }).then(async () => {
      throw new Error(`the page says: ${(await said.innerText()).replace(/\s+/g, ' ').slice(0, 300)}`);
    });
    failed.catch(() => {});
    try {
      await act();
      await Promise.race([done(), failed]);
    } catch (err) {
      // A picture of where it stopped, when asked for (WHOLE_PATH_SHOT=/tmp/where.png).
      if (process.env.WHOLE_PATH_SHOT) await page.screenshot({ path: process.env.WHOLE_PATH_SHOT, fullPage: true }).catch(() => {});
      throw new Error(`${name}: ${message(err)}`, { cause: err });
    }
    const seen = selectors === null ? null : await page.evaluate(() => /** @type {any} */ (window).crmStepSeen);
    const ms = seen === null ? performance.now() - t0 : seen - from;
    if (tracing) await browser.stopTracing();
    const longest = await longestSince(page, from);
    steps.push({ name, ms, longest, peak: memory.take(), cpu: cpuBetween(cpuFrom, memory.now()) });
    if (heaps !== null) console.log(`  heaps after ${name}: ${await heapsNow(browser, heaps === 'gc', process.env.WHOLE_PATH_HEAP_SNAPSHOTS ?? null, name.replace(/\W+/g, '-'))}`);
    if (blobs) console.log(`  blobs after ${name}: ${await blobsNow(context, process.env.WHOLE_PATH_BLOBS === '1' ? null : `${process.env.WHOLE_PATH_BLOBS}-${name.replace(/\W+/g, '-')}.txt`)}`);
  };
  // WHOLE_PATH_PAGE_PROFILE=/tmp/page: a V8 CPU profile of the page thread alone, over the whole
  // path, in /tmp/page-KIND.cpuprofile, and its heaviest functions printed: the page thread is
  // idle but for its own work, so they are what its long tasks ran.
  const pageProfile = process.env.WHOLE_PATH_PAGE_PROFILE ? `${process.env.WHOLE_PATH_PAGE_PROFILE}-${kind}.cpuprofile` : null;
  const cdp = pageProfile === null ? null : await context.newCDPSession(page);
  try {
    await page.goto(url);
    if (cdp !== null) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    const input = page.getByTestId('file-input');
    await input.waitFor({ state: 'attached', timeout: 30_000 });
    const idle = memory.now();
    memory.take();
    const from = await pageNow(page);
    await input.setInputFiles(files.path);
    await page.getByTestId('loaded-summary').waitFor({ timeout: STEP_TIMEOUT });
    // Timed in the page from the input's change event, so Playwright's hand-over of the file is
    // not counted (the app's own performance marks).
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    steps.push({
      name: 'upload',
      ms: marks['crm:loaded'] - marks['crm:file-chosen'],
      first: marks['crm:first-rows'] - marks['crm:file-chosen'],
      longest: await longestSince(page, from),
      peak: memory.take(),
      cpu: cpuBetween(idle, memory.now()),
    });
    // WHOLE_PATH_UPLOAD_AGAIN=N: the same file chosen again N times, each read timed from the
    // app's marks as the upload is (samples for an A/B of the read in the same page), printed
    // apart and not counted in the whole path.
    const uploadAgain = [];
    for (let i = 0; i < Number(process.env.WHOLE_PATH_UPLOAD_AGAIN ?? 0); i++) {
      // Choosing a file clears the page's marks (use-source-loaders.ts): a `crm:loaded` mark
      // after it is this read's.
      await input.setInputFiles(files.path);
      await page.waitForFunction(() => performance.getEntriesByName('crm:loaded').length > 0, null, { timeout: STEP_TIMEOUT });
      uploadAgain.push(await page.evaluate(() => performance.getEntriesByName('crm:loaded').at(-1).startTime - performance.getEntriesByName('crm:file-chosen').at(-1).startTime));
    }
    const next = page.getByTestId('nav-next');
    await step('preview', () => next.click(), ['[data-testid="row-count"][data-final="true"]', '[data-testid="grid-row"]']);
    await step('map (suggestions)', () => next.click(), ['[data-testid="map-table"]']);
    await step('validate', () => page.getByTestId('map-apply').click(), ['[data-testid="validate-totals"]']);
    // WHOLE_PATH_VALIDATE_AGAIN=N: back to Map and Apply again, N times, each timed as the
    // validate step is (samples for an A/B of validation in the same page), printed apart and
    // not counted in the whole path.
    const validateAgain = [];
    for (let i = 0; i < Number(process.env.WHOLE_PATH_VALIDATE_AGAIN ?? 0); i++) {
      await page.getByTestId('step-map').click();
      await page.getByTestId('map-table').waitFor({ timeout: STEP_TIMEOUT });
      await step('validate again', () => page.getByTestId('map-apply').click(), ['[data-testid="validate-totals"]']);
      validateAgain.push(steps.pop().ms);
    }
    const totals = page.getByTestId('validate-totals');
    const errors = Number(await totals.getAttribute('data-errors'));
    const problemRows = Number(await totals.getAttribute('data-rows'));
    // Every row of the messy file has an error: under the default "skip" nothing would be
    // compared or written, so the messy path keeps them ("include").
    if (kind === 'messy') await page.getByTestId('policy-include').check();
    await step('to review', () => next.click(), ['[data-testid="history"]']);
    steps.pop();
    await step(
      'load baseline',
      () => page.getByTestId('baseline-file-input').setInputFiles(files.basePath),
      ['[data-testid="baseline-summary"]'],
    );
    const key = await page
      .locator('[data-testid^="key-"]:checked')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice(4)).join('+'));
    await step('compare', () => page.getByTestId('compare').click(), ['[data-testid="review-summary"]']);
    // The compare's split, from the app's marks: the engine's part (worker, and the summary's
    // message back), then the page until the summary is on screen.
    const compareMarks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    const compareSplit = `compare: engine ${sec(compareMarks['crm:compare-engine'] - compareMarks['crm:compare'])}`;
    const counts = {};
    for (const k of ['added', 'removed', 'modified', 'unchanged']) {
      counts[k] = Number(await page.getByTestId(`count-${k}`).getAttribute('data-count'));
    }
    // WHOLE_PATH_DIGESTS=1: the user waits on Review until both dataset digests are shown (they
    // run in the background after the summary), as a step of its own, counted in the path. Its
    // time and peak start after the counts above are read: the digests began a little before.
    if (process.env.WHOLE_PATH_DIGESTS) await step('digests', async () => {}, ['[data-testid="digest-base"]', '[data-testid="digest-next"]']);
    await step('commit', () => page.getByTestId('commit').click(), ['[data-testid="commit-done"]']);
    // The commit's split, from the app's marks: the engine's part, then storing the snapshot.
    const commitMarks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    const commitSplit = `commit: engine ${sec(commitMarks['crm:commit-engine'] - commitMarks['crm:commit'])}, IndexedDB ${sec(commitMarks['crm:commit-saved'] - commitMarks['crm:commit-engine'])}`;
    await step('to export', () => next.click(), ['[data-testid="export-create"]']);
    steps.pop();
    // WHOLE_PATH_EXPORT=json (ndjson, xml): the export in that format instead of CSV.
    const format = process.env.WHOLE_PATH_EXPORT ?? 'csv';
    if (format !== 'csv') await page.getByTestId('export-format').selectOption(format);
    await step(`export ${format.toUpperCase()}`, () => page.getByTestId('export-create').click(), ['[data-testid="export-result"]']);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT }), page.getByTestId('export-download').click()]);
    const bytes = readFileSync(await download.path());
    const shown = (await page.getByTestId('export-sha256').textContent())?.trim();
    const sha = createHash('sha256').update(bytes).digest('hex');
    // WHOLE_PATH_NEXT=1: the next import's start, as a user lives it: back to Review, the commit
    // just stored picked in History as the baseline (its NDJSON read back a slice at a time), and
    // compared with the same data again.
    let nextImport = validateAgain.length === 0 ? '' : `; validate again: ${validateAgain.map((ms) => sec(ms)).join(', ')}`;
    if (uploadAgain.length > 0) nextImport += `; upload again: ${uploadAgain.map((ms) => sec(ms)).join(', ')}`;
    // The next import's steps are printed apart, not counted in the whole path.
    const pathEnd = steps.length;
    if (process.env.WHOLE_PATH_NEXT) {
      await step('to review again', () => page.getByTestId('step-review').click(), ['[data-testid="history"]']);
      steps.pop();
      await step(
        'snapshot as baseline',
        () => page.getByTestId('snapshot-use').first().click(),
        () => page.locator('[data-testid="baseline-name"]', { hasText: ' · ' }).waitFor({ timeout: STEP_TIMEOUT }),
      );
      const rows = await page.getByTestId('baseline-facts').getAttribute('data-rows');
      await step('compare with it', () => page.getByTestId('compare').click(), ['[data-testid="review-summary"]']);
      const again = {};
      for (const k of ['added', 'removed', 'modified', 'unchanged']) again[k] = Number(await page.getByTestId(`count-${k}`).getAttribute('data-count'));
      nextImport += `; snapshot baseline ${rows} records, compared: ${JSON.stringify(again)}`;
    }
    if (cdp !== null && pageProfile !== null) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      writeFileSync(pageProfile, JSON.stringify(cpu));
      console.log(`  page thread profile: ${pageProfile}; heaviest (self time):\n${heaviest(cpu, 20)}`);
    }
    return {
      steps: steps.slice(0, pathEnd),
      after: steps.slice(pathEnd),
      idle,
      facts: `${compareSplit}; ${commitSplit}; ${errors} errors in ${problemRows} rows; key ${key?.trim() || '?'}; ${JSON.stringify(counts)}; export ${mb(bytes.length)}, SHA-256 ${sha === shown ? 'matches the page' : `DIFFERS from the page (${shown})`}${nextImport}`,
    };
  } finally {
    await context.close();
    if (profile !== null) memory.countAll();
  }
}

/**
 * Each page's and worker's JS heap now, as `page 12/20 MB (+3 MB buffers), worker …`: used and
 * total of the V8 heap, and ArrayBuffer bytes outside it. With `collect`, after a full collection
 * of that isolate. Through a browser-wide DevTools session (workers are targets of their own).
 */
async function heapsNow(browser, collect, snapshots = null, stepName = '') {
  const cdp = await browser.newBrowserCDPSession();
  let id = 1;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    waiting.get(m.id)?.(m.result ?? m.error);
    waiting.delete(m.id);
  });
  const ask = (sessionId, method) =>
    new Promise((done) => {
      const i = id++;
      waiting.set(i, done);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method, params: {} }) }).catch(() => done({}));
    });
  const out = [];
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const t of targetInfos.filter((x) => x.type === 'page' || x.type === 'worker')) {
      // A worker may have ended since it was listed.
      const attached = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false }).catch(() => null);
      if (attached === null) continue;
      const { sessionId } = attached;
      if (collect) await ask(sessionId, 'HeapProfiler.collectGarbage');
      if (snapshots !== null && t.type === 'worker') await snapshotTo(cdp, ask, sessionId, `${snapshots}-${stepName}-${t.targetId.slice(0, 6)}.heapsnapshot`);
      const h = await ask(sessionId, 'Runtime.getHeapUsage');
      const name = t.type === 'page' ? 'page' : (t.url.split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '');
      out.push(h.usedSize === undefined ? `${name} n/a (${h.message ?? 'no answer'})` : `${name} ${mb(h.usedSize)}/${mb(h.totalSize)} (+${mb(h.backingStorageSize ?? 0)} buffers)`);
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
  } finally {
    await cdp.detach();
  }
  return out.join(', ');
}

/**
 * The Blobs the browser holds for `context` now, from chrome://blob-internals (a page of the same
 * context: another context has a blob registry of its own): their count and bytes by type
 * (`data` is held in memory; `file` is on disk or a file the user chose), with the largest. A
 * Blob made of other Blobs lists their items again: the sum counts such bytes once per Blob
 * (the browser holds them once), so it is an upper bound; the largest Blob is not.
 */
async function blobsNow(context, dump = null) {
  const page = await context.newPage();
  try {
    await page.goto('chrome://blob-internals');
    const text = (await page.content()).replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
    // Each blob: "UUID Refcount: N Status: … Type: data Length: 1,234 [Type: file Length: …]…"
    const blobs = text.split(/(?=\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} Refcount)/).slice(1);
    if (dump !== null) writeFileSync(dump, blobs.join('\n'));
    const byType = {};
    let largest = 0;
    for (const b of blobs) {
      let total = 0;
      for (const m of b.matchAll(/Type: (\w+)(?: [^L]*?)? Length: ([\d,]+)/g)) {
        byType[m[1]] = (byType[m[1]] ?? 0) + Number(m[2].replaceAll(',', ''));
        total += Number(m[2].replaceAll(',', ''));
      }
      largest = Math.max(largest, total);
    }
    const parts = Object.entries(byType).map(([t, n]) => `${t} ${mb(n)}`);
    return `${blobs.length} blobs (items: ${parts.join(', ') || 'none'}; largest ${mb(largest)})`;
  } catch (err) {
    return `n/a (${String(err?.message ?? err).split('\n')[0]})`;
  } finally {
    await page.close();
  }
}

/**
 * A heap snapshot of the target behind `sessionId`, written to `path` as it comes (a large
 * worker's is past the longest string). Taking it collects the worker's garbage first, so the
 * figures of later steps are those of collected heaps.
 */
async function snapshotTo(cdp, ask, sessionId, path) {
  const out = createWriteStream(path);
  const onChunk = (e) => {
    const m = JSON.parse(e.message);
    if (m.method === 'HeapProfiler.addHeapSnapshotChunk' && e.sessionId === sessionId) out.write(m.params.chunk);
  };
  cdp.on('Target.receivedMessageFromTarget', onChunk);
  try {
    await ask(sessionId, 'HeapProfiler.enable');
    await ask(sessionId, 'HeapProfiler.takeHeapSnapshot');
  } finally {
    cdp.off('Target.receivedMessageFromTarget', onChunk);
    await new Promise((done) => out.end(done));
  }
}

/** The `top` functions of a V8 CPU profile by self time, one line each, idle and GC apart. */
function heaviest(cpu, top) {
  const self = new Map();
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < cpu.samples.length; i++) {
    const n = byId.get(cpu.samples[i]);
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (cpu.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...self]
    .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `    ${ms.toFixed(0).padStart(7)} ms  ${name}`)
    .join('\n');
}

/** A bare `Papa.parse` of the same file in the same browser: read the File's text, parse it. */
async function papaReference(browser, url, root, path, memory) {
  const page = await browser.newPage();
  try {
    // A blank page of the preview's origin with Papa Parse from node_modules.
    await page.route(`${url}__papa.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><input type="file" id="f">' }),
    );
    await page.goto(`${url}__papa.html`);
    await page.addScriptTag({ content: readFileSync(resolve(root, 'node_modules/papaparse/papaparse.min.js'), 'utf8') });
    await page.locator('#f').setInputFiles(path);
    memory.take();
    const r = await page.evaluate(async () => {
      const file = /** @type {HTMLInputElement} */ (document.getElementById('f')).files[0];
      const t0 = performance.now();
      const text = await file.text();
      const t1 = performance.now();
      const parsed = /** @type {any} */ (window).Papa.parse(text, { skipEmptyLines: true });
      const t2 = performance.now();
      // The export's reference: the same rows written back as one CSV string.
      const csv = /** @type {any} */ (window).Papa.unparse(parsed.data);
      const t3 = performance.now();
      return { read: t1 - t0, parse: t2 - t1, unparse: t3 - t2, unparsed: csv.length, rows: parsed.data.length };
    });
    // Past V8's longest string Chromium's `file.text()` gives no text at all (5M rows).
    if (r.rows === 0) throw new Error(`file.text() gave no rows (${r.read.toFixed(0)} ms): the file is past the longest string the browser holds`);
    return { ...r, peak: memory.take() };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------

export async function runWholePath({ root, sizes, kinds = ['clean', 'messy'], persistent = false }) {
  const title = 'Whole path in the built app (Chromium, vite preview)';
  // WHOLE_PATH_DIST serves another build (a copy of an earlier one, for before/after figures).
  const outDir = resolve(root, process.env.WHOLE_PATH_DIST ?? 'dist');
  if (!existsSync(join(outDir, 'index.html'))) {
    console.log(`\n${title}: skipped: dist/index.html not found (run \`npx vite build\` first)`);
    return;
  }
  const executablePath = await findChromium();
  if (executablePath === null) {
    console.log(`\n${title}: skipped: no Chromium`);
    return;
  }
  const { module: fake } = await runnerImport(resolve(root, 'test/support/fake-crm.ts'), { configFile: false, logLevel: 'error' });
  const port = await freePort();
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const url = server.resolvedUrls.local[0];
  const dir = mkdtempSync(join(tmpdir(), 'crm-porter-whole-path-'));
  // WHOLE_PATH_JS_FLAGS: V8 flags for the browser's isolates (the page and every worker), e.g.
  // `--log-deopt --logfile=/tmp/v8/v8.log` to see which functions lost their optimised code, or
  // `--trace-opt --trace-deopt --trace-osr` with DEBUG=pw:browser to print V8's tiering as it goes.
  const jsFlags = process.env.WHOLE_PATH_JS_FLAGS ? [`--js-flags=${process.env.WHOLE_PATH_JS_FLAGS}`] : [];
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...jsFlags] });
  const memory = startMemorySampler();
  let profiles = 0;
  const profile = persistent
    ? { dir: () => join(dir, `profile-${profiles++}`), options: { executablePath, args: CHROMIUM_ARGS, acceptDownloads: true } }
    : null;
  try {
    for (const n of sizes) {
      for (const kind of kinds) {
        const t0 = performance.now();
        const files = await writeFiles(fake, dir, kind, n);
        const made = performance.now() - t0;
        console.log(`\n${title}: ${kind}, ${label(n)} rows × 12 columns, ${mb(files.bytes)} (baseline ${mb(files.baseBytes)}; generated in ${sec(made)})`);
        try {
          // A file past V8's longest string (~512 Mi characters, e.g. 5M rows) cannot be read by
          // `file.text()` at all: the reference is then missing, and the path still runs.
          const papa = await papaReference(browser, url, root, files.path, memory).catch((err) => ({ failed: message(err), read: null, parse: null, rows: 0, peak: { rss: 0, pss: 0 } }));
          const ref = papa.failed ? null : papa.read + papa.parse;
          const path = await runPath(browser, url, files, kind, memory, profile);
          const total = path.steps.reduce((s, x) => s + x.ms, 0);
          // Where the peak sits: the renderer (page + engine worker + helper workers) and the
          // browser process (which holds Blob bytes and, in memory, IndexedDB), at the peak.
          const split = (p) => [mb(p.byType?.renderer ?? 0), mb(p.byType?.browser ?? 0)];
          const rows = [
            ...path.steps.map((s) => [s.name, sec(s.ms), `${Math.round(s.longest)} ms`, mb(s.peak.rss), mb(s.peak.pss), ...split(s.peak)]),
            ['whole path', sec(total), `${Math.round(Math.max(...path.steps.map((s) => s.longest)))} ms`, mb(Math.max(...path.steps.map((s) => s.peak.rss))), mb(Math.max(...path.steps.map((s) => s.peak.pss))), '', ''],
            papa.failed ? ['Papa.parse (reference)', `failed: ${papa.failed.slice(0, 60)}`, '—', '—', '—', '—', '—'] : ['Papa.parse (reference)', sec(ref), '—', mb(papa.peak.rss), mb(papa.peak.pss), ...split(papa.peak)],
            ...path.after.map((s) => [`next: ${s.name}`, sec(s.ms), `${Math.round(s.longest)} ms`, mb(s.peak.rss), mb(s.peak.pss), ...split(s.peak)]),
          ];
          printRows(['step', 'time', 'longest task', 'peak RSS', 'peak PSS', 'renderer', 'browser'], rows);
          const peakRss = Math.max(...path.steps.map((s) => s.peak.rss));
          console.log(`  upload: first rows after ${sec(path.steps[0].first)}; ${papa.failed ? `Papa: ${papa.failed}` : `Papa: file.text() ${sec(papa.read)} + parse ${sec(papa.parse)} (${papa.rows} rows)`}`);
          const grew = peakRss - path.idle.rss;
          console.log(`  whole path = ${ref === null ? '?' : (total / ref).toFixed(1)}× Papa.parse; peak RSS ${mb(peakRss)} = ${(peakRss / files.bytes).toFixed(1)}× the file (${mb(grew)} = ${(grew / files.bytes).toFixed(1)}× above the idle app's ${mb(path.idle.rss)})`);
          const exported = path.steps.find((s) => s.name === 'export CSV')?.ms;
          if (exported !== undefined) console.log(`  export CSV = ${papa.unparse ? (exported / papa.unparse).toFixed(2) : '?'}× a bare Papa.unparse of the same rows in the page (${sec(papa.unparse)}, ${papa.unparsed} chars)`);
          const top = path.steps.reduce((a, b) => (b.peak.rss > a.peak.rss ? b : a));
          const byProcess = (p) => Object.entries(p.byType).sort((a, b) => b[1] - a[1]).map(([t, v]) => `${t} ${mb(v)}`).join(', ');
          console.log(`  at the peak (${top.name}), RSS by process: ${byProcess(top.peak)}; idle app: ${byProcess(path.idle)}`);
          console.log(`  ${path.facts}`);
          console.log(`  CPU seconds by process during each step: ${path.steps.map((s) => `${s.name}: ${s.cpu}`).join('; ')}`);
        } catch (err) {
          console.log(`  failed: ${message(err)}`);
        } finally {
          rmSync(files.path, { force: true });
          rmSync(files.basePath, { force: true });
        }
      }
    }
    console.log('\n  Times from the click (or the file input) to the step\'s result on screen; upload from the app\'s own marks.');
    console.log('  Longest task: PerformanceObserver longtask on the page thread during the step. Peak RSS / PSS: summed over');
    console.log('  every Chromium process of this run (RSS counts shared pages once per process, PSS shares them), sampled every 200 ms;');
    console.log('  renderer / browser: those processes\' RSS at the moment of the step\'s summed peak.');
  } finally {
    memory.stop();
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printRows(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => `  ${r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')}`;
  console.log(fmt(head));
  for (const r of rows) console.log(fmt(r));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const rows = argv.find((a) => a.startsWith('--rows='));
  const sizes = rows ? [Number(rows.slice(7))] : argv.includes('--quick') ? [100_000] : [100_000, 1_000_000];
  const only = argv.find((a) => a.startsWith('--kinds='));
  const kinds = only ? only.slice(8).split(',') : undefined;
  await runWholePath({ root: resolve(dirname(fileURLToPath(import.meta.url)), '..'), sizes, kinds, persistent: argv.includes('--profile') });
  process.exit(0);
}
