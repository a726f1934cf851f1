import type { Cell } from '../model/cell';
import type { Table } from '../model/table';
import { keyOf, type KeySpec } from './key-spec';

/** Why a key was suggested. */
export type KeyReason = 'id-name' | 'email-name' | 'unique' | 'composite';

export interface KeySuggestion {
  readonly columns: string[];
  /** 0..1: the worse side's share of rows with a unique, non-empty key, weighted by name. */
  readonly score: number;
  readonly reason: KeyReason;
}

/** Rows looked at per side; more would cost a second at a million rows for a suggestion. */
const SAMPLE_ROWS = 20_000;
/** A candidate needs at least this share of unique, non-empty keys on both sides ("or nearly"). */
const MIN_SHARE = 0.98;
const ID_NAME = /(^|[\s_.-])(id|uuid|guid|key)$|^(id|uuid|guid)|编号|ID$/i;
const EMAIL_NAME = /e-?mail|邮箱|电子邮件/i;

const SPEC = (columns: string[]): KeySpec => ({ columns, trim: true, caseInsensitive: false });

/**
 * Share of sampled rows whose key is non-empty and unique within the sample. With `atLeast`,
 * the sampling stops as soon as the share can no longer reach it (a row once empty or repeated
 * stays so) and returns -1: a name or a country column is told apart from a key in a few hundred
 * rows, not 20,000 — most of a baseline load's key suggestions. A table with no rows has no
 * repeated or empty key (1): a header-only file takes its keys from the other side.
 */
function uniqueShare(table: Table, columns: readonly string[], atLeast = 0): number {
  const cols = columns.map((c) => table.columns.indexOf(c));
  const n = table.rowCount;
  if (n === 0) return 1;
  // An even stride over the whole table, the same rows every time.
  const step = Math.max(1, Math.floor(n / SAMPLE_ROWS));
  const total = Math.ceil(n / step);
  // Rows not unique: empty, or sharing their key.
  let bad = 0;
  const seen = new Map<string, number>();
  const parts: Cell[] = cols.map(() => null);
  const spec = SPEC([...columns]);
  for (let r = 0; r < n; r += step) {
    for (let i = 0; i < cols.length; i++) parts[i] = table.cell(r, cols[i] as number);
    const k = keyOf(parts, spec);
    if (k === null) bad++;
    else {
      const count = (seen.get(k) ?? 0) + 1;
      seen.set(k, count);
      // The second row of a key makes both not unique; each later one adds itself.
      if (count > 1) bad += count === 2 ? 2 : 1;
    }
    // The very comparison the caller makes, so stopping early never changes its answer.
    if ((total - bad) / total < atLeast) return -1;
  }
  return (total - bad) / total;
}

function nameWeight(column: string): { weight: number; reason: KeyReason } {
  if (ID_NAME.test(column)) return { weight: 1, reason: 'id-name' };
  if (EMAIL_NAME.test(column)) return { weight: 0.95, reason: 'email-name' };
  return { weight: 0.8, reason: 'unique' };
}

/**
 * Key candidates, best first: columns present on both sides whose values are unique and
 * non-empty on both (at least 98% of a sample of up to 20,000 rows per side), preferring ID-like
 * names, then emails. When no single column qualifies, pairs of columns are tried. A sample
 * can miss a duplicate; `findKeyConflicts` on the chosen key finds every one.
 *
 * @example
 * suggestKeys(base, next)[0]; // { columns: ['Contact ID'], score: 1, reason: 'id-name' }
 */
export function suggestKeys(base: Table, next: Table): KeySuggestion[] {
  const inNext = new Set(next.columns);
  const shared = base.columns.filter((c) => inNext.has(c));
  // The current side is sampled only for columns the baseline's sample already finds unique
  // enough (the rest cannot qualify), unless pairs are needed: half the work on a typical file.
  // Both sides stop sampling a column as soon as it cannot qualify; its exact share is sampled
  // again in full only when pairs are needed below.
  const scored = shared.map((c) => {
    const inBase = uniqueShare(base, [c], MIN_SHARE);
    const ofNext = inBase < MIN_SHARE ? -1 : uniqueShare(next, [c], MIN_SHARE);
    return { column: c, inBase, share: ofNext < MIN_SHARE ? -1 : Math.min(inBase, ofNext) };
  });
  const out: KeySuggestion[] = [];
  for (const { column, share } of scored) {
    if (share < MIN_SHARE) continue;
    const { weight, reason } = nameWeight(column);
    out.push({ columns: [column], score: share * weight, reason });
  }
  if (out.length === 0) {
    for (const s of scored) {
      if (s.share >= 0) continue;
      const inBase = s.inBase < 0 ? uniqueShare(base, [s.column]) : s.inBase;
      s.share = Math.min(inBase, uniqueShare(next, [s.column]));
    }
    // Pairs of the most distinct columns (first + last name, name + company).
    const top = [...scored].sort((a, b) => b.share - a.share).slice(0, 6);
    for (let i = 0; i < top.length; i++) {
      for (let j = i + 1; j < top.length; j++) {
        // In schema order, as the user would name them.
        const columns = [(top[i] as { column: string }).column, (top[j] as { column: string }).column].sort(
          (x, y) => shared.indexOf(x) - shared.indexOf(y),
        );
        const share = Math.min(uniqueShare(base, columns), uniqueShare(next, columns));
        if (share >= MIN_SHARE) out.push({ columns, score: share * 0.7, reason: 'composite' });
      }
    }
  }
  const position = (s: KeySuggestion): number => shared.indexOf(s.columns[0] as string);
  return out.sort((a, b) => b.score - a.score || position(a) - position(b));
}
