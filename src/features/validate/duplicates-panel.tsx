import { useEffect, useState } from 'react';
import type { EditOp, FieldSummary, MappedRow } from '../../core/engine/mapped-workspace';
import { duplicateGroups, mappedRowsAt } from '../../state/queries';
import { useStore, useT } from '../../state/store';
import { fieldLabel } from './problem-text';

/** Groups per page, and rows of a group shown at first / added by "show more". */
const GROUPS_PER_PAGE = 10;
const ROWS_SHOWN = 5;
const MORE_ROWS = 20;

interface Group {
  readonly field: string;
  /** Rows in the group: every one of them, whatever is shown. */
  readonly size: number;
  /** Every row index of the group: the actions act on all of them. */
  readonly all: readonly number[];
  /** The rows shown so far (the first ones). */
  readonly rows: readonly MappedRow[];
  /** Fields whose values differ between the group's rows (all of them): a merge keeps one. */
  readonly conflicts: readonly string[];
}

interface Page {
  readonly total: number;
  readonly start: number;
  readonly groups: readonly Group[];
}

export interface DuplicatesPanelProps {
  readonly fields: readonly FieldSummary[];
  readonly version: number;
  readonly busy: boolean;
  readonly onEdit: (op: EditOp) => void;
}

/**
 * Rows sharing a unique value, side by side, with "keep this row" and "merge into this row".
 * Paged: the engine counts every group and sends ten, each with its first five rows (more on
 * request); the panel once took every row of fifty groups (up to ~220 rows each in a messy
 * million-row file) and drew them all in one task. Its body is drawn only while it is open.
 */
export function DuplicatesPanel({ fields, version, busy, onEdit }: DuplicatesPanelProps) {
  const t = useT();
  const [page, setPage] = useState<Page | null>(null);
  const [start, setStart] = useState(0);
  const [open, setOpen] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    duplicateGroups(start, GROUPS_PER_PAGE, ROWS_SHOWN).then(
      (p) => {
        if (!live) return;
        // An edit can leave fewer groups than the page started at: back to the last page.
        if (p.groups.length === 0 && start > 0 && p.total > 0) setStart(Math.floor((p.total - 1) / GROUPS_PER_PAGE) * GROUPS_PER_PAGE);
        else setPage({ total: p.total, start, groups: p.groups });
      },
      () => live && setPage({ total: 0, start: 0, groups: [] }),
    );
    return () => {
      live = false;
    };
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- `version` is the trigger: the rows changed
  }, [version, start]);

  if (page === null) return null;
  const total = page.total;
  // Open by default when there are only a few groups; the user's choice wins after that.
  const isOpen = open ?? (total > 0 && total <= 3);
  const last = page.start + page.groups.length;
  return (
    <details
      className="panel vdupes"
      data-testid="dupes"
      data-total={total}
      open={isOpen}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <h3>{t('validate.dupes.title', { count: total })}</h3>
      </summary>
      {isOpen && total === 0 && <p className="muted">{t('validate.dupes.none')}</p>}
      {isOpen && total > 0 && (
        <>
          {total > GROUPS_PER_PAGE && (
            <nav className="vdupes-pager" aria-label={t('validate.dupes.title', { count: total })}>
              <button
                type="button"
                disabled={page.start === 0}
                onClick={() => setStart(Math.max(0, page.start - GROUPS_PER_PAGE))}
                data-testid="dupes-prev"
              >
                {t('validate.dupes.prev')}
              </button>
              <span data-testid="dupes-page">{t('validate.dupes.page', { from: page.start + 1, to: last, total })}</span>
              <button
                type="button"
                disabled={last >= total}
                onClick={() => setStart(page.start + GROUPS_PER_PAGE)}
                data-testid="dupes-next"
              >
                {t('validate.dupes.next')}
              </button>
            </nav>
          )}
          {page.groups.map((g) => (
            <DuplicateGroup key={`${version}:${g.field}:${g.all[0] ?? ''}`} group={g} fields={fields} busy={busy} onEdit={onEdit} />
          ))}
        </>
      )}
    </details>
  );
}

interface DuplicateGroupProps {
  readonly group: Group;
  readonly fields: readonly FieldSummary[];
  readonly busy: boolean;
  readonly onEdit: (op: EditOp) => void;
}

function DuplicateGroup({ group, fields, busy, onEdit }: DuplicateGroupProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const [rows, setRows] = useState<readonly MappedRow[]>(group.rows);
  const [loading, setLoading] = useState(false);
  const f = fields.findIndex((x) => x.key === group.field);
  const label = f >= 0 ? fieldLabel(fields[f] as FieldSummary, locale) : group.field;
  const value = rows[0]?.values[f] ?? '';
  const others = (keep: number) => group.all.filter((r) => r !== keep);
  // Per differing field, the row whose value the user chose to keep.
  const [picks, setPicks] = useState<Readonly<Record<string, number>>>({});
  const conflicts = new Set(group.conflicts);
  const conflictLabels = fields.filter((x) => conflicts.has(x.key)).map((x) => fieldLabel(x, locale));
  const take = (keep: number) =>
    Object.entries(picks)
      .filter(([, row]) => row !== keep)
      .map(([field, row]) => ({ field, row }));
  const rest = group.size - rows.length;
  const showMore = () => {
    setLoading(true);
    mappedRowsAt(group.all.slice(rows.length, rows.length + MORE_ROWS)).then(
      (more) => {
        setRows((before) => [...before, ...more]);
        setLoading(false);
      },
      () => setLoading(false),
    );
  };
  return (
    <div className="vdupe" data-testid="dupe-group" data-size={group.size}>
      {conflictLabels.length > 0 && (
        <p className="vdupe-conflicts" data-testid="dupe-conflicts">
          {t('validate.dupes.conflicts', { count: conflictLabels.length, fields: conflictLabels.join(t('validate.dupes.listSep')) })}
        </p>
      )}
      <table className="vdupe-table">
        <caption>{t('validate.dupes.group', { field: label, value })}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{t('validate.summary.field')}</span>
            </th>
            {rows.map((r) => (
              <th scope="col" key={r.index}>
                {t('validate.dupes.row', { row: r.sourceRow })}
                <span className="vdupe-actions">
                  <button
                    type="button"
                    disabled={busy}
                    title={t('validate.dupes.keep.hint')}
                    onClick={() => onEdit({ kind: 'delete-rows', rows: others(r.index) })}
                    data-testid="dupe-keep"
                  >
                    {t('validate.dupes.keep')}
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    title={t('validate.dupes.merge.hint')}
                    onClick={() => {
                      const chosen = take(r.index);
                      onEdit({ kind: 'merge-duplicates', keep: r.index, others: others(r.index), ...(chosen.length > 0 ? { take: chosen } : {}) });
                    }}
                    data-testid="dupe-merge"
                  >
                    {t('validate.dupes.merge')}
                  </button>
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fields.map((field, i) => {
            const differs = conflicts.has(field.key);
            const name = fieldLabel(field, locale);
            return (
              <tr key={field.key} data-conflict={differs ? field.key : undefined}>
                <th scope="row">{name}</th>
                {rows.map((r) => {
                  const cell = r.values[i] ?? '';
                  if (!differs || cell.trim() === '') return <td key={r.index}>{cell}</td>;
                  return (
                    <td key={r.index}>
                      <label className="vdupe-take">
                        <input
                          type="radio"
                          name={`${group.field}:${group.all[0] ?? ''}:${field.key}`}
                          checked={picks[field.key] === r.index}
                          disabled={busy}
                          onChange={() => setPicks((p) => ({ ...p, [field.key]: r.index }))}
                          aria-label={t('validate.dupes.take', { field: name, value: cell })}
                        />
                        {cell}
                      </label>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rest > 0 && (
        <p className="muted" data-testid="dupe-rows-shown">
          {t('validate.dupes.rowsShown', { shown: rows.length, count: group.size })}{' '}
          <button type="button" disabled={loading} onClick={showMore} data-testid="dupe-more">
            {t('validate.dupes.showMore', { count: Math.min(MORE_ROWS, rest) })}
          </button>
        </p>
      )}
    </div>
  );
}
