import type { ColumnMapping } from '../../core/mapping/mapping-types';
import type { ColumnView } from '../../state/mapping-slice';
import { columnNumberIn } from '../../ui/column-number';

/**
 * Rows of the mapping table drawn at once. A row is a field select of the object's ~30
 * options, the suggestion and the transforms: a 10,000-column file drawn whole held the page
 * for 14 s when Map opened and 3.5 s per change. A page of 50 is drawn in well under a frame
 * budget of work, and a file of up to 50 columns shows as it always did, with no page controls.
 */
export const COLUMNS_PER_PAGE = 50;

/** Whether a column goes into the import: mapped to a field, or kept as a custom field. */
export function isImported(c: ColumnMapping): boolean {
  return c.field !== null || c.custom === true;
}

/** What a column can be found by besides its header: the words of its target, as shown. */
export interface FindWords {
  readonly headers: readonly string[];
  /** A field's label in the page's language and its key; "" for a column not imported. */
  readonly target: (c: ColumnMapping) => string;
}

/**
 * The columns the view shows, in file order: those whose header or target contains the find
 * text (case aside), or whose number it names, and that fit `show`. `keep` holds columns the
 * user changed under this find: they stay on screen though they may no longer fit (a column
 * mapped under "Not imported" does not vanish under the pointer).
 */
export function findColumns(
  columns: readonly ColumnMapping[],
  view: Pick<ColumnView, 'text' | 'show'>,
  words: FindWords,
  keep: ReadonlySet<number> = new Set(),
): readonly ColumnMapping[] {
  const text = view.text.trim().toLowerCase();
  if (text === '' && view.show === 'all') return columns;
  const number = columnNumberIn(text);
  const fitsText = (c: ColumnMapping) =>
    text === '' ||
    (number !== null
      ? c.column === number
      : (words.headers[c.column] ?? '').toLowerCase().includes(text) || words.target(c).toLowerCase().includes(text));
  const fitsShow = (c: ColumnMapping) => view.show === 'all' || isImported(c) === (view.show === 'mapped');
  return columns.filter((c) => keep.has(c.column) || (fitsShow(c) && fitsText(c)));
}

/** One page of a list of `count`: its 0-based number (clamped), and the items it holds. */
export interface ColumnPage {
  readonly page: number;
  readonly pages: number;
  /** First item on the page, 0-based. */
  readonly start: number;
  /** One past the last item on the page. */
  readonly end: number;
}

/**
 * The page `page` of `count` items, clamped to the pages there are (an empty list has one
 * empty page), so a page left behind by a narrower find or a change of file still shows rows.
 *
 * @example
 * pageOf(10_000, 199) // { page: 199, pages: 200, start: 9950, end: 10000 }
 */
export function pageOf(count: number, page: number, size: number = COLUMNS_PER_PAGE): ColumnPage {
  const pages = Math.max(1, Math.ceil(count / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { page: p, pages, start: p * size, end: Math.min(count, (p + 1) * size) };
}

/** The columns a join's list offers, and how many more fit the find than are listed. */
export interface JoinChoices {
  readonly columns: readonly number[];
  readonly more: number;
}

/**
 * The checkboxes of a join in a wide file: the columns already joined, in file order, then up
 * to `limit` other columns whose header contains `text` (or whose number it names). A join
 * listed all 10,000 columns of a wide file: half a second to draw, and no way to find one.
 *
 * @example
 * joinChoices(['Email', 'First', 'Last'], [2], 'first', 50) // { columns: [2, 1], more: 0 }
 */
export function joinChoices(headers: readonly string[], chosen: readonly number[], text: string, limit: number): JoinChoices {
  const find = text.trim().toLowerCase();
  const number = columnNumberIn(find);
  const joined = new Set(chosen);
  const columns = [...joined].filter((c) => c >= 0 && c < headers.length).sort((a, b) => a - b);
  let listed = 0;
  let more = 0;
  for (let i = 0; i < headers.length; i++) {
    if (joined.has(i)) continue;
    const fits = number !== null ? i === number : (headers[i] ?? '').toLowerCase().includes(find);
    if (!fits) continue;
    if (listed < limit) {
      columns.push(i);
      listed++;
    } else more++;
  }
  return { columns, more };
}
