import { useDeferredValue, useMemo, useState } from 'react';
import type { ColumnMapping } from '../../core/mapping/mapping-types';
import type { CrmObject } from '../../core/schema/schema-types';
import type { Locale } from '../../i18n/translate';
import { EVERY_COLUMN, type ColumnView } from '../../state/mapping-slice';
import { useStore } from '../../state/store';
import { COLUMNS_PER_PAGE, findColumns, isImported, pageOf, type ColumnPage } from './column-find';

export interface ColumnPageState {
  /** More columns than one page: the table shows a page, with a find box and page buttons. */
  readonly paged: boolean;
  readonly view: ColumnView;
  readonly setView: (view: ColumnView) => void;
  readonly imported: number;
  /** Columns the find shows, over every page. */
  readonly found: number;
  readonly page: ColumnPage;
  /** The columns drawn: the page's. */
  readonly rows: readonly ColumnMapping[];
  /** Notes a column the user changed, so it stays shown until the find changes. */
  readonly touch: (column: number) => void;
}

const NONE: ReadonlySet<number> = new Set();
const NOTHING_KEPT = { text: '', show: 'all', columns: NONE };

/**
 * The columns the Map step draws: all of a file up to one page wide, else one page of those the
 * find shows. Typing in the find box stays quick: the list follows the text a render later
 * (`useDeferredValue`), so a keystroke never waits for a page of rows to be drawn.
 */
export function useColumnPage(columns: readonly ColumnMapping[], headers: readonly string[], object: CrmObject, locale: Locale, customText: string): ColumnPageState {
  const stored = useStore((s) => s.mappingView);
  const setStored = useStore((s) => s.setMappingView);
  const paged = columns.length > COLUMNS_PER_PAGE;
  const view = paged ? stored : EVERY_COLUMN;
  const text = useDeferredValue(view.text);
  const [kept, setKept] = useState(NOTHING_KEPT);
  const keep = kept.text === view.text && kept.show === view.show ? kept.columns : NONE;
  const target = useMemo(() => {
    const words = new Map(object.fields.map((f) => [f.key, `${f.label[locale]} ${f.key}`]));
    return (c: ColumnMapping) => (c.field !== null ? (words.get(c.field) ?? c.field) : c.custom === true ? customText : '');
  }, [object, locale, customText]);
  const shown = useMemo(() => findColumns(columns, { text, show: view.show }, { headers, target }, keep), [columns, text, view.show, headers, target, keep]);
  const imported = useMemo(() => columns.reduce((n, c) => (isImported(c) ? n + 1 : n), 0), [columns]);
  const page = pageOf(shown.length, view.page);
  const filtering = view.text.trim() !== '' || view.show !== 'all';
  return {
    paged,
    view,
    setView: (next) => {
      // A new find is a new look at the list: the columns kept under the old one go.
      if (next.text !== view.text || next.show !== view.show) setKept(NOTHING_KEPT);
      setStored(next);
    },
    imported,
    found: shown.length,
    page,
    rows: paged ? shown.slice(page.start, page.end) : columns,
    touch: (column) => {
      if (filtering && !keep.has(column)) setKept({ text: view.text, show: view.show, columns: new Set(keep).add(column) });
    },
  };
}
