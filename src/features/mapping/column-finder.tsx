import { useId } from 'react';
import type { ColumnView } from '../../state/mapping-slice';
import type { ColumnPage } from './column-find';
import type { T } from './mapping-text';

export interface ColumnFinderProps {
  readonly t: T;
  readonly view: ColumnView;
  /** Columns of the file, and how many of them are imported. */
  readonly total: number;
  readonly imported: number;
  /** Columns the find shows (all pages), and the page on screen. */
  readonly found: number;
  readonly page: ColumnPage;
  readonly onView: (view: ColumnView) => void;
}

/**
 * Above the table of a file wider than one page: find a column by header, CRM field or
 * `#number`, show imported columns or the others, and what part of the list is on screen.
 */
export function ColumnFinder({ t, view, total, imported, found, page, onView }: ColumnFinderProps) {
  const id = useId();
  const filtered = view.text.trim() !== '' || view.show !== 'all';
  return (
    <div className="map-finder" role="search" aria-label={t('map.find.region')} data-testid="map-finder">
      <div className="field map-find">
        <label htmlFor={`${id}q`}>{t('map.find.label')}</label>
        <input
          id={`${id}q`}
          type="search"
          value={view.text}
          placeholder={t('map.find.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}r`}
          onChange={(e) => onView({ ...view, text: e.target.value, page: 0 })}
          data-testid="map-find"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}s`}>{t('map.show.label')}</label>
        <select
          id={`${id}s`}
          value={view.show}
          onChange={(e) => onView({ ...view, show: e.target.value as ColumnView['show'], page: 0 })}
          data-testid="map-show"
        >
          <option value="all">{t('map.show.all', { count: total })}</option>
          <option value="mapped">{t('map.show.mapped', { count: imported })}</option>
          <option value="unmapped">{t('map.show.unmapped', { count: total - imported })}</option>
        </select>
      </div>
      <p id={`${id}r`} className="map-range" role="status" data-testid="map-range" data-found={found} data-from={page.start + 1} data-to={page.end}>
        {filtered
          ? t('map.page.found', { total: found, from: page.start + 1, to: page.end })
          : t('map.page.all', { total: found, from: page.start + 1, to: page.end })}
      </p>
      <ColumnPager t={t} page={page} onPage={(p) => onView({ ...view, page: p })} testId="map-page" />
    </div>
  );
}

export interface ColumnPagerProps {
  readonly t: T;
  readonly page: ColumnPage;
  readonly onPage: (page: number) => void;
  readonly testId: string;
}

/**
 * Previous and next page. An end is `aria-disabled`, not `disabled`: a disabled button loses
 * the focus, and a keyboard user paging to the last page would be dropped on the document.
 */
export function ColumnPager({ t, page, onPage, testId }: ColumnPagerProps) {
  if (page.pages <= 1) return null;
  const first = page.page === 0;
  const last = page.page === page.pages - 1;
  return (
    <div className="map-pager" role="group" aria-label={t('map.page.group')} data-testid={testId}>
      <button type="button" aria-disabled={first} onClick={() => !first && onPage(page.page - 1)} data-testid={`${testId}-prev`}>
        <span aria-hidden="true">‹ </span>
        {t('map.page.prev')}
      </button>
      <span className="map-page-of">{t('map.page.of', { page: page.page + 1, pages: page.pages })}</span>
      <button type="button" aria-disabled={last} onClick={() => !last && onPage(page.page + 1)} data-testid={`${testId}-next`}>
        {t('map.page.next')}
        <span aria-hidden="true"> ›</span>
      </button>
    </div>
  );
}
