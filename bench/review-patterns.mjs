// Change patterns in the review session (the worker's code, run in Node): a baseline of n fake
// contacts and new data where every record has one patterned edit (title suffix, stage
// replaced, city cleared, phone reformatted, first name in upper case, a one-off note), so n
// field changes. Per run, beside the diff of the same run: grouping them (the first
// `patternSummary`), a summary again (cached groups, accepted counts), rejecting the largest
// group, and list windows narrowed by pattern and by a search over values. Figures only; nothing
// passes or fails on time (docs/architecture.md, "Change patterns").
//   node bench/review-patterns.mjs            (100k)
//   node bench/review-patterns.mjs 1000000    (other sizes)
//   PATTERN_BENCH_RUNS=7                      (timed runs per size, median reported; default 5)
import { createServer } from 'vite';
import { median } from './lib/measure.mjs';

const fmt = (n) => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));
const ALL_KINDS = ['added', 'removed', 'modified', 'cosmetic'];
const clock = () => performance.now();

/** The baseline and the new data, same records in the same order, one edit each. */
function makePair(fake, TableBuilder, n) {
  const { columns, rows } = fake.iterateContacts(n, 42);
  const at = (name) => columns.indexOf(name);
  const [title, stage, city, phone, first, notes] = ['Title', 'Lifecycle Stage', 'City', 'Phone', 'First Name', 'Notes'].map(at);
  const base = new TableBuilder(columns);
  const next = new TableBuilder(columns);
  let i = 0;
  for (const row of rows) {
    base.appendRow(row, i + 2);
    const copy = [...row];
    const slot = i % 20;
    if (slot < 6) copy[title] = `${row[title]} (promoted)`;
    else if (slot < 10) copy[stage] = row[stage] === 'customer' ? 'evangelist' : 'customer';
    else if (slot < 13) copy[city] = '';
    else if (slot < 16) copy[phone] = String(row[phone]).replace(/\D/g, '');
    else if (slot < 18) copy[first] = String(row[first]).toUpperCase();
    else copy[notes] = `edited ${i}`;
    next.appendRow(copy, i + 2);
    i++;
  }
  return { base: base.finish(), next: next.finish(), columns };
}

export async function runReviewPatterns({ root, sizes, runs = Number(process.env.PATTERN_BENCH_RUNS ?? 5) }) {
  const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
  try {
    const fake = await vite.ssrLoadModule('/test/support/fake-crm.ts');
    const { TableBuilder } = await vite.ssrLoadModule('/src/core/model/table.ts');
    const { ReviewSession } = await vite.ssrLoadModule('/src/core/engine/review-session.ts');
    for (const n of sizes) {
      const { base, next, columns } = makePair(fake, TableBuilder, n);
      const options = {
        key: { columns: ['Contact ID'], trim: true, caseInsensitive: false },
        compareColumns: columns,
        // Version 1's `policy: 'mirror'` and `emptyCells: 'clear'` (core/diff/import-mode.ts,
        // rulesFromLegacy): every field takes the new value, an empty one too.
        mode: 'mirror',
        rules: { default: 'always', fields: [] },
        quietClass: true,
      };
      const t = { diff: [], group: [], summary: [], decide: [], patternWindow: [], searchWindow: [] };
      let last = null;
      // One untimed warm-up, so the JIT has compiled the hot paths before the clock starts.
      for (let k = 0; k <= runs; k++) {
        globalThis.gc?.();
        const session = new ReviewSession(base, 'base', null);
        let t0 = clock();
        await session.run(next, options, undefined, () => {});
        const diffMs = clock() - t0;
        t0 = clock();
        const first = session.patternSummary(20);
        const groupMs = clock() - t0;
        t0 = clock();
        session.patternSummary(20);
        const summaryMs = clock() - t0;
        const top = first.patterns[0];
        t0 = clock();
        session.decide({ kind: 'pattern', id: top.id, accept: false });
        const decideMs = clock() - t0;
        t0 = clock();
        const byPattern = session.window(0, 50, ALL_KINDS, '', { pattern: top.id });
        const patternWindowMs = clock() - t0;
        t0 = clock();
        const bySearch = session.window(0, 50, ALL_KINDS, 'gmbh');
        const searchWindowMs = clock() - t0;
        if (k === 0) continue;
        t.diff.push(diffMs);
        t.group.push(groupMs);
        t.summary.push(summaryMs);
        t.decide.push(decideMs);
        t.patternWindow.push(patternWindowMs);
        t.searchWindow.push(searchWindowMs);
        last = { first, byPattern: byPattern.total, bySearch: bySearch.total };
      }
      console.log(`\nReview patterns (Node, the worker's ReviewSession) — ${n.toLocaleString('en-US')} records, ${fmt(last.first.fieldChanges)} field changes, median of ${runs}`);
      console.log(`  diff (same run):              ${fmt(median(t.diff))} ms`);
      console.log(`  group into patterns:          ${fmt(median(t.group))} ms  → ${last.first.total} groups; top: ${last.first.patterns.slice(0, 6).map((p) => `${p.column} ${p.kind} ×${p.count}`).join(', ')}`);
      console.log(`  summary again (cached):       ${fmt(median(t.summary))} ms`);
      console.log(`  reject the largest group:     ${fmt(median(t.decide))} ms`);
      console.log(`  list window, by pattern:      ${fmt(median(t.patternWindow))} ms  (${fmt(last.byPattern)} records match)`);
      console.log(`  list window, search values:   ${fmt(median(t.searchWindow))} ms  (${fmt(last.bySearch)} records match "gmbh")`);
    }
  } finally {
    await vite.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [100_000];
  await runReviewPatterns({ root: new URL('..', import.meta.url).pathname, sizes });
  process.exit(0);
}
