import { columnNumberIn } from '../../ui/column-number';

/** A column "Go to column" found, and where it stands among the columns that match. */
export interface FoundColumn {
  /** 0-based. */
  readonly column: number;
  /** 1-based place among the matches. */
  readonly match: number;
  readonly matches: number;
}

/**
 * The column a "Go to column" search names: the one `#9876` gives, or the first whose header
 * holds the text (case aside) after column `after`, starting again from the first past the
 * last; null when none does. Going again with the same text passes the one found last, so
 * each Go steps through the matches in file order.
 *
 * @example
 * findColumn(['Email', 'City', 'Home city'], 'city', null) // { column: 1, match: 1, matches: 2 }
 * findColumn(['Email', 'City', 'Home city'], 'city', 1) // { column: 2, match: 2, matches: 2 }
 */
export function findColumn(headers: readonly string[], text: string, after: number | null): FoundColumn | null {
  const number = columnNumberIn(text);
  if (number !== null) return number < headers.length ? { column: number, match: 1, matches: 1 } : null;
  const needle = text.trim().toLowerCase();
  if (needle === '') return null;
  const matches: number[] = [];
  for (let c = 0; c < headers.length; c++) if ((headers[c] ?? '').toLowerCase().includes(needle)) matches.push(c);
  if (matches.length === 0) return null;
  const next = after === null ? 0 : matches.findIndex((c) => c > after);
  const at = next < 0 ? 0 : next;
  return { column: matches[at] ?? 0, match: at + 1, matches: matches.length };
}

/**
 * The one column a filter's "in column" names in a wide file: the one `#9876` gives, else the
 * header that is the text (case aside), else the first that holds it; null when none does.
 *
 * @example
 * columnNamed(['Home city', 'City'], 'city') // 1
 */
export function columnNamed(headers: readonly string[], text: string): number | null {
  const needle = text.trim().toLowerCase();
  const exact = headers.findIndex((h) => h.toLowerCase() === needle);
  if (exact >= 0 && columnNumberIn(text) === null) return exact;
  return findColumn(headers, text, null)?.column ?? null;
}
