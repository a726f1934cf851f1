import type { Cell } from '../model/cell';
import { toNfc } from './canonical-form';
import type { DiffOptions, FieldChange } from './diff-types';

const isEmpty = (v: Cell): boolean => v === null || v === '';

/** Whitespace runs collapsed, ends trimmed, lower case: what a `cosmetic` change leaves equal. */
function quietForm(v: Cell): string {
  return v === null ? '' : toNfc(v).replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The field changes between two records under the empty-cell policy. NFC and NFD spellings
 * are equal; under `no-information` an empty or missing new cell is no change.
 *
 * @example
 * compareFields(['id', 'name'], ['1', 'Ada'], ['1', ''], { emptyCells: 'clear', quietClass: false });
 * // [{ column: 'name', before: 'Ada', after: '', clears: true, cosmetic: false }]
 */
export function compareFields(
  columns: readonly string[],
  before: readonly Cell[],
  after: readonly Cell[],
  opts: Pick<DiffOptions, 'emptyCells' | 'quietClass'>,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (let f = 0; f < columns.length; f++) {
    const b = before[f] ?? null;
    const a = after[f] ?? null;
    if (b === a) continue;
    if (b !== null && a !== null && toNfc(b) === toNfc(a)) continue;
    if (opts.emptyCells === 'no-information' && isEmpty(a)) continue;
    out.push({
      column: columns[f] as string,
      before: b,
      after: a,
      clears: !isEmpty(b) && isEmpty(a),
      cosmetic: opts.quietClass && quietForm(b) === quietForm(a),
    });
  }
  return out;
}
