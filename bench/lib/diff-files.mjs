// The pair of CSV files a keyed-diff benchmark or test compares, written by one loop so the
// bench (bench/cli-diff.mjs) and the big-file tests (test/cli/big-files.test.ts) measure and
// check the same shape of data: `rows` baseline records; in the new file every 10th record
// modified (a ` Jr` suffix on the name), every 100th removed (i % 100 === 7), and rows / 100 added.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** The bench's record: five columns, a quoted field with a comma, about 71 bytes. */
export const WIDE = {
  header: 'id,name,email,city,notes',
  record: (i, suffix) =>
    `C${i},Name ${i}${suffix},user${i}@example.org,City ${i % 500},"note ${i % 97}, more"`,
};

/** A small record for tests: three columns. */
export const NARROW = {
  header: 'id,name,city',
  record: (i, suffix) => `K${i},Name ${i}${suffix},City ${i % 50}`,
};

/** The i-th line of each file (`null`: the file lacks it), before the CRLF. */
export function diffPairLine(shape, rows, i, side) {
  if (side === 'base') return i < rows ? shape.record(i, '') : null;
  if (i >= rows) return shape.record(i, '');
  if (i % 100 === 7) return null;
  return shape.record(i, i % 10 === 3 ? ' Jr' : '');
}

/** Streams one side to `path` (CRLF lines, a header row). */
export async function writeDiffSide(path, shape, rows, side) {
  const out = createWriteStream(path);
  out.write(`${shape.header}\r\n`);
  const added = Math.floor(rows / 100);
  for (let i = 0; i < rows + added; i++) {
    const line = diffPairLine(shape, rows, i, side);
    if (line !== null && !out.write(`${line}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Writes both files; what the diff of them counts is `expectedCounts(rows)`. */
export async function writeDiffPair(base, next, shape, rows) {
  await writeDiffSide(base, shape, rows, 'base');
  await writeDiffSide(next, shape, rows, 'new');
}

/** The counts of a mirror diff of the pair (every 10th modified unless removed). */
export function expectedCounts(rows) {
  let removed = 0;
  let modified = 0;
  for (let i = 0; i < rows; i++) {
    if (i % 100 === 7) removed++;
    else if (i % 10 === 3) modified++;
  }
  const added = Math.floor(rows / 100);
  return { added, removed, modified, unchanged: rows - removed - modified };
}
