import type { Cell } from '../model/cell';
import { toNfc } from './canonical-form';
import type { FieldChange } from './diff-types';
import { keptOutBy, type UpdateRule } from './import-mode';

const isEmpty = (v: Cell): boolean => v === null || v === '';

/** Whitespace runs collapsed, ends trimmed, lower case: what a `cosmetic` change leaves equal. */
function quietForm(v: Cell): string {
  return v === null ? '' : toNfc(v).replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The field changes between two records under each column's update rule (`rules[f]`, see
 * `rulesFor`). NFC and NFD spellings are equal; a difference the column's rule keeps out is no
 * change, and is counted in `keptOut[f]` when given.
 *
 * @example
 * compareFields(['id', 'name'], ['1', 'Ada'], ['1', ''], { rules: ['always', 'always'], quietClass: false });
 * // [{ column: 'name', before: 'Ada', after: '', clears: true, cosmetic: false }]
 */
export function compareFields(
  columns: readonly string[],
  before: readonly Cell[],
  after: readonly Cell[],
  opts: { readonly rules: readonly UpdateRule[]; readonly quietClass: boolean },
  keptOut?: number[],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (let f = 0; f < columns.length; f++) {
    const b = before[f] ?? null;
    const a = after[f] ?? null;
    if (b === a) continue;
    if (b !== null && a !== null && toNfc(b) === toNfc(a)) continue;
    if (keptOutBy(opts.rules[f] ?? 'always', b, a)) {
      if (keptOut) keptOut[f] = (keptOut[f] ?? 0) + 1;
      continue;
    }
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
