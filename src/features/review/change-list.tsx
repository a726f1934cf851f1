import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ChangeKind } from '../../core/diff/diff-types';
import type { DecisionOp, ReviewSummary } from '../../core/engine/review-session';
import { reviewItemsFetcher } from '../../state/queries';
import { REVIEW_KINDS } from '../../state/review-slice';
import { useVirtualRows } from '../../ui/windowed/use-virtual-rows';
import { useWindowedRows } from '../../ui/windowed/use-windowed-rows';
import { ChangeRow, type ListView } from './change-row';
import { ListFilters, NO_LIST_FILTER, type ListFilter } from './list-filters';
import { DECIDABLE_KINDS, DEFAULT_LIST_KINDS, kindLabel, recordName, type T } from './review-text';

export interface ChangeListProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly busy: boolean;
  readonly onDecide: (op: DecisionOp) => void;
  /** A changed field or a pattern group the list is narrowed to (the patterns panel sets the group). */
  readonly filter?: ListFilter;
  readonly onFilter?: (filter: ListFilter) => void;
}

const ESTIMATE = 64;
const MAX_HEIGHT = 460;
/** Records fetched per request. */
const BLOCK = 50;
/** Blocks kept while scrolling; older ones are dropped so memory stays flat at a million records. */
const MAX_BLOCKS = 40;

/**
 * The changed records, virtualized over the engine's review window: filter by class, changed
 * field or pattern group, search keys and values, changed fields or full rows. One record at a time is in the tab order (roving focus):
 * arrows move, Space accepts or rejects.
 */
export function ChangeList({ t, review, locale, busy, onDecide, filter: narrow = NO_LIST_FILTER, onFilter }: ChangeListProps) {
  const [kinds, setKinds] = useState<readonly ChangeKind[]>(DEFAULT_LIST_KINDS);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [view, setView] = useState<ListView>('fields');
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const field = narrow.field;
  const pattern = narrow.pattern?.id ?? null;
  const filter = JSON.stringify([kinds, search, field, pattern]);
  const fetchItems = useMemo(() => reviewItemsFetcher(kinds, search, { field, pattern }), [kinds, search, field, pattern]);
  // A new review version (a decision, a new diff) or filter starts a fresh cache; under the same
  // filter the previous records stay shown until fresh ones arrive (no flicker on a decision).
  const { ensure, rowAt: itemAt, total } = useWindowedRows({
    key: `${review.version}|${filter}`,
    group: filter,
    fetch: fetchItems,
    blockRows: BLOCK,
    maxBlocks: MAX_BLOCKS,
    counted: true,
  });
  const count = total ?? 0;

  useEffect(() => {
    const id = setTimeout(() => setSearch(typed), 200);
    return () => clearTimeout(id);
  }, [typed]);

  const { virtualizer, items: rows } = useVirtualRows({ count, scrollRef, rowHeight: ESTIMATE, overscan: 6, ensure });

  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (el) {
      focusPending.current = false;
      el.focus();
    }
  });

  const current = Math.min(active, Math.max(0, count - 1));
  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, rows.length - 2);
    const to =
      e.key === 'ArrowDown' ? index + 1
      : e.key === 'ArrowUp' ? index - 1
      : e.key === 'Home' ? 0
      : e.key === 'End' ? count - 1
      : e.key === 'PageDown' ? index + page
      : e.key === 'PageUp' ? index - page
      : null;
    if (to !== null) {
      e.preventDefault();
      move(to);
      return;
    }
    const item = itemAt(index);
    if (e.key === ' ' && item && DECIDABLE_KINDS.includes(item.kind) && !busy) {
      e.preventDefault();
      onDecide({ kind: 'change', keys: [item.key], accept: !item.accepted });
    }
  };

  const columns = review.compareColumns;
  const chips = useMemo(() => REVIEW_KINDS.filter((k) => review.counts[k] > 0 || DEFAULT_LIST_KINDS.includes(k)), [review.counts]);
  const toggleKind = (kind: ChangeKind, on: boolean) => {
    setKinds(REVIEW_KINDS.filter((k) => (k === kind ? on : kinds.includes(k))));
    setActive(0);
  };

  return (
    <section className="panel review-list" aria-labelledby="review-list-title">
      <h3 id="review-list-title">{t('review.list.title')}</h3>
      <div className="list-tools">
        <fieldset className="kind-chips" data-testid="kind-filter">
          <legend>{t('review.list.filter')}</legend>
          {chips.map((k) => (
            <label key={k} className={`chip kind-chip kind-${k}`}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => toggleKind(k, e.target.checked)} data-testid={`filter-${k}`} />
              <span>
                {kindLabel(t, k)} <span className="muted">({review.counts[k].toLocaleString(locale)})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field list-search">
          <span>{t('review.list.search')}</span>
          <input
            type="search"
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              setActive(0);
            }}
            data-testid="review-search"
          />
        </label>
        {onFilter && <ListFilters t={t} review={review} locale={locale} filter={narrow} onFilter={(f) => { onFilter(f); setActive(0); }} />}
        <fieldset className="view-toggle" data-testid="view-toggle">
          <legend>{t('review.list.view')}</legend>
          {(['fields', 'full'] as const).map((v) => (
            <label key={v} className="chip">
              <input type="radio" name="review-view" checked={view === v} onChange={() => setView(v)} data-testid={`view-${v}`} />
              <span>{t(`review.list.view.${v}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted small" aria-live="polite" data-testid="list-count" data-count={total ?? ''}>
        {total === null ? t('review.list.loading') : t('review.list.count', { count: count.toLocaleString(locale) })}
        {count > 0 && ` · ${t('review.list.hint')}`}
      </p>
      {total === 0 ? (
        <p className="muted">{t('review.list.empty')}</p>
      ) : (
        <div
          ref={scrollRef}
          className="change-scroll"
          // As tall as the records, up to a screenful; then it scrolls.
          style={{ height: Math.min(MAX_HEIGHT, virtualizer.getTotalSize() + 2) }}
          role="feed" aria-busy={total === null} aria-label={t('review.list.label')} data-testid="change-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {rows.map((row) => {
              const item = itemAt(row.index);
              return (
                // The ARIA feed pattern: each article is focusable and takes arrow keys (roving focus).
                // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex
                <div
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  role="article"
                  // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- feed articles take focus
                  tabIndex={row.index === current ? 0 : -1}
                  aria-label={item ? recordName(t, item.kind, item.key, item.fields.length, item.accepted) : t('review.list.loading')}
                  aria-posinset={row.index + 1}
                  aria-setsize={count}
                  className={`change-row kind-${item?.kind ?? 'loading'}${item && !item.accepted ? ' is-rejected' : ''}`}
                  data-testid={item ? 'change-row' : 'change-row-loading'}
                  data-kind={item?.kind}
                  data-key={item?.key}
                  style={{ transform: `translateY(${row.start}px)` }}
                  onKeyDown={(e) => onKeyDown(e, row.index)}
                  onFocus={(e) => {
                    if (e.target === e.currentTarget) setActive(row.index);
                  }}
                >
                  {item ? (
                    <ChangeRow t={t} item={item} view={view} columns={columns} busy={busy} onDecide={onDecide} />
                  ) : (
                    <span className="muted">{t('review.list.loading')}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
