import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ChangeKind } from '../../core/diff/diff-types';
import type { Cell } from '../../core/model/cell';
import type { DecisionOp, ReviewSummary } from '../../core/engine/review-session';
import { reviewItemsFetcher } from '../../state/queries';
import { REVIEW_KINDS } from '../../state/review-slice';
import { useMeasuredRows } from '../../ui/windowed/use-list-rows';
import { useWindowedRows } from '../../ui/windowed/use-windowed-rows';
import { ChangeRow, type ListView } from './change-row';
import { ListFilters, NO_LIST_FILTER, type ListFilter } from './list-filters';
import { DECIDABLE_KINDS, DEFAULT_LIST_KINDS, kindLabel, recordName, whoText, type FieldLabel, type T } from './review-text';

export interface ChangeListProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
  readonly busy: boolean;
  readonly onDecide: (op: DecisionOp) => void;
  /** Field labels in the UI language, for field names and the full-row header. */
  readonly label: FieldLabel;
  /** The decision bar, kept in view above the records while they scroll. */
  readonly bar?: ReactNode;
  /** A changed field or a pattern group the list is narrowed to (the patterns panel sets the group). */
  readonly filter?: ListFilter;
  readonly onFilter?: (filter: ListFilter) => void;
}

const ESTIMATE = 88;
/** The full-row view's one visible header, sticky at the top of the list (px; one line). */
const FULL_HEAD = 32;
const LABEL_WIDTH = 84;
/** Records fetched per request. */
const BLOCK = 50;
/** Blocks kept while scrolling; older ones are dropped so memory stays flat at a million records. */
const MAX_BLOCKS = 40;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex="0"]';

/** Focuses the first focusable element after (or the last before) `feed` in document order. */
function focusOutside(feed: HTMLElement, where: 'after' | 'before') {
  const order = where === 'after' ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
  const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !feed.contains(el) && (feed.compareDocumentPosition(el) & order) !== 0 && el.getClientRects().length > 0,
  );
  (where === 'after' ? all[0] : all[all.length - 1])?.focus();
}

/** A text's width in Latin characters (CJK ones are about twice as wide), counted up to `cap`. */
function textUnits(text: string, cap = 40): number {
  let units = 0;
  for (const ch of text) {
    units += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
    if (units >= cap) return cap;
  }
  return units;
}

/**
 * Minimum column widths of the full-row view (px), from the labels and the first records' values,
 * fixed for a comparison: decisions and scrolling never move a column. The table stretches them
 * in proportion to fill a wider list.
 */
function columnWidths(labels: readonly string[], sample: readonly (readonly Cell[])[]): number[] {
  return [
    LABEL_WIDTH,
    ...labels.map((l, c) => {
      const values = Math.max(0, ...sample.map((cells) => textUnits(cells[c] ?? '')));
      return Math.round(Math.min(320, Math.max(90, Math.max(textUnits(l), values) * 7.5 + 20)));
    }),
  ];
}

/**
 * The changed records, virtualized over the engine's review window: filter by class, changed
 * field or pattern group, search keys and values, changed fields or full rows. The list takes
 * the viewport's height under the decision bar and scrolls on its own, so the page does not
 * grow with the records. One record at a time is in the tab order (roving focus): arrows move,
 * Space accepts or rejects.
 */
export function ChangeList({ t, review, locale, busy, onDecide, label, bar, filter: narrow = NO_LIST_FILTER, onFilter }: ChangeListProps) {
  const [kinds, setKinds] = useState<readonly ChangeKind[]>(DEFAULT_LIST_KINDS);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [view, setView] = useState<ListView>('fields');
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const workspaceRef = useRef<HTMLDivElement>(null);
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

  const columns = review.compareColumns;
  // Sampled once per comparison (not per decision: its number and the columns name it).
  const comparison = `${review.comparison}|${columns.join('\u0000')}`;
  const [sampled, setSampled] = useState<{ readonly comparison: string; readonly rows: readonly (readonly Cell[])[] } | null>(null);
  if (view === 'full' && sampled?.comparison !== comparison && total !== null) {
    const rows: (readonly Cell[])[] = [];
    for (let i = 0; i < Math.min(count, BLOCK); i++) {
      const cells = itemAt(i)?.after ?? itemAt(i)?.before;
      if (cells) rows.push(cells);
    }
    // Derived from the first block once it is in (React's "adjust state while rendering").
    if (rows.length >= Math.min(count, BLOCK)) setSampled({ comparison, rows });
  }
  const sample = sampled?.comparison === comparison ? sampled.rows : null;
  const widths = useMemo(() => columnWidths(columns.map(label), sample ?? []), [columns, label, sample]);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const full = view === 'full';
  const { items: rows, inView, bodyStyle, bodyHeight, scrollToIndex, measureRef } = useMeasuredRows({
    count,
    scrollRef,
    estimate: ESTIMATE,
    shapeKey: view,
    overscan: 6,
    ensure,
    paddingStart: full ? FULL_HEAD : 0,
  });

  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (el) {
      focusPending.current = false;
      el.focus();
    }
  });

  // A focused record that leaves the rendered window (the view moved under it while records were
  // measured or fetched) takes focus with it to the page: the active record takes it back.
  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  }, [active]);
  useEffect(() => {
    const workspace = workspaceRef.current;
    if (workspace === null) return;
    const onFocusOut = (e: FocusEvent) => {
      const row = e.target as HTMLElement;
      if (e.relatedTarget !== null || !row.matches('[role="article"]')) return;
      requestAnimationFrame(() => {
        // Still on the page: the user moved focus away, not a removal.
        if (row.isConnected || (document.activeElement !== null && document.activeElement !== document.body)) return;
        const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeRef.current}"]`);
        if (el) el.focus();
        else focusPending.current = true;
      });
    };
    workspace.addEventListener('focusout', onFocusOut);
    return () => workspace.removeEventListener('focusout', onFocusOut);
  }, []);

  const current = Math.min(active, Math.max(0, count - 1));
  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    focusPending.current = true;
    scrollToIndex(next, 'auto');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (e.target !== e.currentTarget) return;
    // The feed pattern's way out: past every record's checkboxes in one key press.
    if (e.ctrlKey && (e.key === 'End' || e.key === 'Home') && scrollRef.current) {
      e.preventDefault();
      focusOutside(scrollRef.current, e.key === 'End' ? 'after' : 'before');
      return;
    }
    // A screen of records less the partly shown one at each edge (`rows` also holds the overscan).
    const page = Math.max(1, inView - 2);
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
        {onFilter && <ListFilters t={t} review={review} locale={locale} label={label} filter={narrow} onFilter={(f) => { onFilter(f); setActive(0); }} />}
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
        {count > 0 && ` · ${t('review.list.hint')} ${t('review.list.hintLeave')}`}
      </p>
      <div
        ref={workspaceRef}
        className="review-workspace"
        data-testid="review-workspace"
        onFocus={(e) => {
          // Keyboard users arriving in the list get the whole list on screen, bar included. Not on
          // a pointer's focus: scrolling between mousedown and mouseup would lose the click.
          const el = workspaceRef.current;
          if (el === null || el.contains(e.relatedTarget) || !(e.target as HTMLElement).matches(':focus-visible')) return;
          const box = el.getBoundingClientRect();
          if (box.top < 0 || box.bottom > window.innerHeight) el.scrollIntoView({ block: 'start' });
        }}
      >
      {bar}
      {total === 0 ? (
        <p className="muted">{t('review.list.empty')}</p>
      ) : (
        <div
          ref={scrollRef}
          className={`change-scroll${full ? ' is-full' : ''}`}
          // As tall as the records, up to what the viewport leaves under the bar (CSS); then it
          // scrolls. A short screen never squeezes it below a few records.
          style={{ height: bodyHeight + 2, minHeight: Math.min(160, bodyHeight + 2) }}
          role="feed" aria-busy={total === null} aria-label={t(full ? 'review.list.fullLabel' : 'review.list.label')} data-testid="change-list">
          <div style={{ ...bodyStyle, position: 'relative', width: full ? tableWidth + 28 : undefined, minWidth: '100%' }}>
            {full && (
              // One visible header for every record; each record's table has its own for screen readers.
              <div className="full-head" aria-hidden="true" style={{ height: FULL_HEAD }} data-testid="full-head">
                {widths.map((w, i) => (
                  <span key={i} style={{ flexBasis: `${(w / tableWidth) * 100}%` }}>
                    {i === 0 ? '' : label(columns[i - 1] as string)}
                  </span>
                ))}
              </div>
            )}
            {rows.map((row) => {
              const item = itemAt(row.index);
              return (
                // The ARIA feed pattern: each article is focusable and takes arrow keys (roving focus).
                // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex
                <div
                  key={row.index}
                  ref={measureRef}
                  data-index={row.index}
                  role="article"
                  // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- feed articles take focus
                  tabIndex={row.index === current ? 0 : -1}
                  aria-label={item ? recordName(t, item.kind, item.key, item.fields.length, item.accepted, whoText(item.main)) : t('review.list.loading')}
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
                    <ChangeRow t={t} item={item} view={view} columns={columns} widths={widths} label={label} busy={busy} onDecide={onDecide} />
                  ) : (
                    <span className="muted">{t('review.list.loading')}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
      </div>
    </section>
  );
}
