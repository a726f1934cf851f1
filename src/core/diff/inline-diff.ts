import { diffChars, diffWordsWithSpace, type Change } from 'diff';
import type { Cell } from '../model/cell';

/**
 * What changed inside a value, for the review list: a suffix added to a title, one digit of a
 * phone. Computed in the worker with jsdiff (Myers' O(ND) diff), loaded with the review session,
 * for the records a list window shows.
 */

/** A piece of the old or new value: in both, only in the old one, or only in the new one. */
export interface InlineSegment {
  readonly op: 'same' | 'removed' | 'added';
  readonly text: string;
}

/**
 * Edits beyond this many tokens mean the values are different, not edited: shown whole, and
 * jsdiff gives up early instead of spending O(N·D) on two unrelated long texts.
 */
const MAX_EDIT = 64;
/** Values longer than this are compared word by word only (notes, descriptions). */
const MAX_CHAR_DIFF = 400;
/** An unchanged piece shorter than this between two changes is noise (`Manager` → `Director` sharing an `e`). */
const MIN_ISLAND = 3;

/**
 * The old and new value as segments, or null when an inline view would not help: one side is
 * empty or missing, or the values share too little (shown whole, old → new). Character level
 * when the edit is a few clean runs (a digit, a suffix, a case change); word level when
 * characters only match by accident; null when words share nothing either.
 *
 * Old text = `same` + `removed` segments in order; new text = `same` + `added` segments.
 *
 * @example
 * inlineDiff('+1 555 010 9999', '+1 555 010 9998');
 * // [{ op: 'same', text: '+1 555 010 999' }, { op: 'removed', text: '9' }, { op: 'added', text: '8' }]
 * inlineDiff('Sales Manager', 'Sales Director');
 * // [{ op: 'same', text: 'Sales ' }, { op: 'removed', text: 'Manager' }, { op: 'added', text: 'Director' }]
 * inlineDiff('Ada', ''); // null
 */
export function inlineDiff(before: Cell, after: Cell): InlineSegment[] | null {
  if (before === null || after === null || before === '' || after === '' || before === after) return null;
  const longest = Math.max(before.length, after.length);
  if (longest <= MAX_CHAR_DIFF) {
    const chars = diffChars(before, after, { maxEditLength: MAX_EDIT });
    if (chars !== undefined && clean(chars, longest)) return segments(chars);
  }
  const words = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT });
  if (words !== undefined && sharesWords(words, longest)) return segments(words);
  return null;
}

/** Enough in common, and no accidental one- or two-letter matches between changes. */
function clean(changes: readonly Change[], longest: number): boolean {
  let kept = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as Change;
    if (c.added || c.removed) continue;
    kept += c.value.length;
    const between = i > 0 && i < changes.length - 1;
    if (between && c.value.length < MIN_ISLAND) return false;
  }
  return kept * 2 >= longest;
}

/**
 * Some visible text in common: a quarter of the value for one or two edits, half of it for more
 * (three scattered edits over a few shared dots and `@`s read better as old → new).
 */
function sharesWords(changes: readonly Change[], longest: number): boolean {
  let kept = 0;
  let visible = false;
  let runs = 0;
  let inRun = false;
  for (const c of changes) {
    if (c.added || c.removed) {
      if (!inRun) runs++;
      inRun = true;
      continue;
    }
    inRun = false;
    kept += c.value.length;
    if (c.value.trim() !== '') visible = true;
  }
  return visible && kept * (runs > 2 ? 2 : 4) >= longest;
}

function segments(changes: readonly Change[]): InlineSegment[] {
  const out: InlineSegment[] = [];
  for (const c of changes) {
    const op = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const last = out[out.length - 1];
    // jsdiff may split one run in two; one segment per run reads better and is what tests expect.
    if (last !== undefined && last.op === op) out[out.length - 1] = { op, text: last.text + c.value };
    else out.push({ op, text: c.value });
  }
  return out;
}
