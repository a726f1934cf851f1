import { CHUNK_ROWS } from '../model/chunk-layout';
import { type RunSpans, sameFields, sameText } from './record-spans';

/** Runs at most this long are compared row by row: a range compare would not pay for its checks. */
const ROW_BY_ROW = 8;

/**
 * Compares a run of pairs at once: rows `i .. i + len` of `a` against rows `j .. j + len` of `b`
 * (pair `k` is `i + k` with `j + k`), and sets `differs[i + k] = 1` for each pair whose compared
 * fields' text differs, exactly as {@link sameFields} row by row would.
 *
 * The fields are taken in groups that share their text on both sides (a CSV block's columns do;
 * a packed mapped column is a group of its own). A group whose cells sit at the same places
 * relative to the run's first cell on both sides, with the same lengths and the same missing
 * cells, is equal over the whole run when the one range of text covering its cells is equal on
 * both sides: every cell is then the same sub-range of two equal strings. That range is compared
 * natively (string equality, a memory compare), where a code unit at a time in JavaScript cost
 * most of the comparison at 1M records (bench/compare-engine.mjs). A range that differs is split
 * in halves until the differing pairs are found row by row, so a run with one edited record
 * costs a few range compares more.
 */
export function compareRun(
  a: RunSpans,
  i: number,
  b: RunSpans,
  j: number,
  len: number,
  differs: Uint8Array,
): void {
  const nf = a.starts.length;
  if (len <= ROW_BY_ROW) {
    // A few pairs (runs of one in a shuffled file): straight to the pair-by-pair compare.
    for (let k = 0; k < len; k++) if (!sameText(a, i + k, b, j + k)) differs[i + k] = 1;
    return;
  }
  const done = new Uint8Array(nf);
  const group: number[] = [];
  for (let f = 0; f < nf; f++) {
    if (done[f] === 1) continue;
    group.length = 0;
    const ta = a.texts[f] ?? null;
    const tb = b.texts[f] ?? null;
    if (ta === null || tb === null) {
      // A text per row (a picklist, edited cells): no range to compare.
      group.push(f);
      rowByRow(a, i, b, j, len, group, differs);
      continue;
    }
    for (let g = f; g < nf; g++) {
      if (done[g] === 0 && a.texts[g] === ta && b.texts[g] === tb) {
        done[g] = 1;
        group.push(g);
      }
    }
    compareRange(a, i, b, j, len, group, ta, tb, differs);
  }
}

function rowByRow(
  a: RunSpans,
  i: number,
  b: RunSpans,
  j: number,
  len: number,
  fields: readonly number[],
  differs: Uint8Array,
): void {
  for (let k = 0; k < len; k++) {
    if (differs[i + k] === 1) continue;
    if (!sameFields(a, i + k, b, j + k, fields)) differs[i + k] = 1;
  }
}

/** Per row of a run: where its cells of the group start and end on side a (scratch, reused). */
const rowMin = new Int32Array(CHUNK_ROWS);
const rowMax = new Int32Array(CHUNK_ROWS);
/** Rows of a run left out of its segments for a cell aside (scratch, reused). */
const asideRows = new Int32Array(CHUNK_ROWS);

/**
 * {@link compareRun} for one group of fields held in `ta` (side a) and `tb` (side b). One pass
 * over the cells cuts the run into segments in which every present cell sits `d` code units
 * further on side a than on side b (a cell of another length shifts every cell after it, and
 * starts a new segment), and notes each row's extent; each segment is then compared as one range.
 */
function compareRange(
  a: RunSpans,
  i: number,
  b: RunSpans,
  j: number,
  len: number,
  fields: readonly number[],
  ta: string,
  tb: string,
  differs: Uint8Array,
): void {
  if (len <= ROW_BY_ROW) {
    rowByRow(a, i, b, j, len, fields, differs);
    return;
  }
  let from = 0; // the open segment: rows [from, k)
  let d = 0;
  let anchored = false; // whether the segment has a present cell (and so `d`)
  // Rows with a cell aside (not in the group's text on one side): left out of the segments,
  // compared on their own after them.
  let withAside = false;
  for (const f of fields) if (a.aside[f] === 1 || b.aside[f] === 1) withAside = true;
  let held = 0;
  for (let k = 0; k < len; k++) {
    rowMin[k] = 0x7fffffff;
    rowMax[k] = -1;
    if (differs[i + k] === 1) continue;
    if (withAside && hasAside(a, i + k, b, j + k, fields)) {
      asideRows[held++] = k;
      continue;
    }
    let lo = 0x7fffffff;
    let hi = -1;
    let rd = d;
    let ranchored: boolean = anchored;
    let aligned = true;
    for (const f of fields) {
      const sa = (a.starts[f] as Int32Array)[i + k] as number;
      const sb = (b.starts[f] as Int32Array)[j + k] as number;
      if (sa < 0 || sb < 0) {
        // Missing on one side only: that pair differs (missing equals missing only).
        if (sa >= 0 || sb >= 0) differs[i + k] = 1;
        continue;
      }
      const ea = (a.ends[f] as Int32Array)[i + k] as number;
      if (((b.ends[f] as Int32Array)[j + k] as number) - sb !== ea - sa) {
        differs[i + k] = 1; // lengths differ: so does the text
        continue;
      }
      if (!ranchored) {
        rd = sa - sb;
        ranchored = true;
      } else if (sa - sb !== rd) {
        aligned = false;
        break;
      }
      if (sa < lo) lo = sa;
      if (ea > hi) hi = ea;
    }
    if (aligned) {
      d = rd;
      anchored = ranchored;
      if (differs[i + k] === 0) {
        rowMin[k] = lo;
        rowMax[k] = hi;
      }
      continue;
    }
    // The row does not line up with the segment: close the segment before it, then start a new
    // one at it, or compare it on its own when even its own cells do not line up.
    if (anchored) closeSegment(a, i, b, j, from, k, d, fields, ta, tb, differs);
    anchored = false;
    if (from === k) {
      rowByRow(a, i + k, b, j + k, 1, fields, differs);
      from = k + 1;
    } else {
      from = k;
      k--;
    }
  }
  if (anchored) closeSegment(a, i, b, j, from, len, d, fields, ta, tb, differs);
  for (let h = 0; h < held; h++) {
    const k = asideRows[h] as number;
    if (differs[i + k] === 0) rowByRow(a, i + k, b, j + k, 1, fields, differs);
  }
}

/** Whether row `i` of `a` or row `j` of `b` has a cell aside in one of `fields`. */
function hasAside(a: RunSpans, i: number, b: RunSpans, j: number, fields: readonly number[]): boolean {
  for (const f of fields) if (a.isAside(f, i) || b.isAside(f, j)) return true;
  return false;
}

/**
 * Rows `[from, to)` of a run, whose present cells all sit `d` code units further on side a than
 * on side b: equal when the range covering them is; else halved until the differing pairs are
 * found (row by row for a few rows: a range also covers what lies between the cells).
 */
function closeSegment(
  a: RunSpans,
  i: number,
  b: RunSpans,
  j: number,
  from: number,
  to: number,
  d: number,
  fields: readonly number[],
  ta: string,
  tb: string,
  differs: Uint8Array,
): void {
  let lo = 0x7fffffff;
  let hi = -1;
  for (let k = from; k < to; k++) {
    if ((rowMin[k] as number) < lo) lo = rowMin[k] as number;
    if ((rowMax[k] as number) > hi) hi = rowMax[k] as number;
  }
  // No present cell left to compare (missing equals missing), or the same text.
  if (hi < 0 || ta.slice(lo, hi) === tb.slice(lo - d, hi - d)) return;
  const len = to - from;
  if (len <= ROW_BY_ROW) {
    for (let k = from; k < to; k++)
      if ((rowMax[k] as number) >= 0) rowByRow(a, i + k, b, j + k, 1, fields, differs);
    return;
  }
  const half = from + (len >> 1);
  closeSegment(a, i, b, j, from, half, d, fields, ta, tb, differs);
  closeSegment(a, i, b, j, half, to, d, fields, ta, tb, differs);
}
