// A commit's two costs in Node, phase by phase, beside the writer it replaced in the same run
// (issue 12, "a commit that costs what changed"): a 1M-row × 12-column baseline and new data
// (1% of titles changed, 0.5% of records added, 0.5% only in the baseline) as packed tables, the
// diff, then the commit's snapshot (the rows layout) written (a) the library way — a
// `JSON.stringify` string per record, joined per 4,096, then `TextEncoder`, then the incremental
// SHA-256, part by part — and (b) by `writeSnapshotData` (bytes copied from the chunks). Both must
// give the same digest. Figures only; report them with
// the load average (`uptime`), as ratios.
//
// `flock /work/wt/bench.lock nice -n 5 node bench/commit-node.mjs [--rows=N]` (several GB at 1M).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? 1_000_000);

const time = async (f) => {
  const t0 = performance.now();
  const out = await f();
  return { ms: performance.now() - t0, out };
};

/** The rows layout by strings: JSON.stringify per record, joined per 4,096 (the library way). */
function* stringRows(table) {
  yield `${JSON.stringify(table.columns)}\n`;
  for (let r0 = 0; r0 < table.rowCount; r0 += 4096) {
    let text = '';
    for (let r = r0; r < Math.min(table.rowCount, r0 + 4096); r++) text += `${JSON.stringify(table.row(r))}\n`;
    yield text;
  }
}

const vite = await createServer({ root, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
try {
  const load = (path) => vite.ssrLoadModule(path);
  const fake = await load('/test/support/fake-crm.ts');
  const { TableBuilder } = await load('/src/core/model/table.ts');
  const { ReviewSession } = await load('/src/core/engine/review-session.ts');
  const { writeSnapshotData, SNAPSHOT_LAYOUT, SNAPSHOT_PART_BYTES } = await load('/src/core/engine/snapshot-data.ts');
  const { Sha256Stream } = await load('/src/core/diff/sha256-js.ts');
  const { toHex } = await load('/src/core/diff/digest.ts');
  const { mergedView } = await load('/src/core/diff/apply-changes.ts');
  const { NdjsonBytesWriter } = await load('/src/core/write/ndjson-bytes.ts');

  const columns = fake.ALL_CONTACT_COLUMNS.filter((c) => c !== 'Notes');
  const source = fake.createContactSource(7, { columns, notesRate: 0 });
  const base = new TableBuilder(columns);
  const next = new TableBuilder(columns);
  const title = columns.indexOf('Title');
  for (let i = 0; i < rows; i++) {
    const row = source.next();
    const roll = i % 200;
    if (roll !== 7) {
      if (roll === 3 || roll === 103) base.appendRow(row.map((v, c) => (c === title ? (v === 'CEO' ? 'CFO' : 'CEO') : v)), i + 2);
      else base.appendRow(row, i + 2);
    }
    if (roll === 11) base.appendRow(source.next(), i + 2);
    next.appendRow(row, i + 2);
  }
  const baseTable = base.finish();
  const session = new ReviewSession(baseTable, 'baseline', null);
  const options = { key: { columns: ['Contact ID'], trim: true, caseInsensitive: false }, compareColumns: columns, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false };
  await session.run(next.finish(), options, undefined, () => {});

  /** The same bytes by strings, then TextEncoder, the same SHA-256 and part size. */
  const oldWriter = (table) => {
    const encoder = new TextEncoder();
    const hash = new Sha256Stream();
    const parts = [];
    let pending = [];
    let bytes = 0;
    for (const chunk of stringRows(table)) {
      const b = encoder.encode(chunk);
      hash.update(b);
      pending.push(b);
      bytes += b.length;
      if (bytes >= SNAPSHOT_PART_BYTES) {
        parts.push(new Blob(pending));
        pending = [];
        bytes = 0;
      }
    }
    parts.push(new Blob(pending));
    return toHex(hash.digest());
  };

  // The merged view of the same review, as the commit writes it.
  const merged = mergedView(session.sides.base, session.sides.next, session.diff, session.decisions).table;
  // Twice each, alternating, the second run counted: both writers warmed up alike.
  let old;
  let now;
  let bare;
  for (let k = 0; k < 2; k++) {
    old = await time(() => oldWriter(merged));
    now = await time(async () => (await writeSnapshotData(merged)).sha256);
    // The bytes alone (no SHA-256, no Blob): what the writer itself costs.
    bare = await time(() => {
      const w = new NdjsonBytesWriter(merged, SNAPSHOT_PART_BYTES * 2, SNAPSHOT_LAYOUT);
      w.writeHeader();
      for (let r = 0; r < merged.rowCount; r += 256) {
        w.writeRows(r, Math.min(merged.rowCount, r + 256));
        if (w.pos >= SNAPSHOT_PART_BYTES) w.rewind();
      }
    });
  }
  const commit = await time(() => session.commit(undefined, () => {}));
  const load1 = (await import('node:os')).loadavg()[0].toFixed(1);
  console.log(`commit-node, ${rows} rows × ${columns.length} columns, load average ${load1}`);
  console.log(`  snapshot, strings (JSON.stringify + TextEncoder) ${(old.ms / 1000).toFixed(2)} s`);
  console.log(`  snapshot, writeSnapshotData (bytes)            ${(now.ms / 1000).toFixed(2)} s  = ${(now.ms / old.ms).toFixed(2)}× the strings`);
  console.log(`    of which writing the bytes                   ${(bare.ms / 1000).toFixed(2)} s (the rest: SHA-256 and Blobs)`);
  console.log(`  whole commit (fingerprints + snapshot)         ${(commit.ms / 1000).toFixed(2)} s, ${(commit.out.snapshot.size / 1e6).toFixed(0)} MB`);
  console.log(`  digests ${old.out === now.out && now.out === commit.out.digest ? 'agree' : `DIFFER: ${old.out} ${now.out} ${commit.out.digest}`}`);
} finally {
  await vite.close();
}
