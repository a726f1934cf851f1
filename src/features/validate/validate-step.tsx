import { useEffect, useId, useMemo, useState } from 'react';
import { parseProblemFilter, type EditOp, type RowFilter } from '../../core/engine/mapped-workspace';
import type { Cell } from '../../core/model/cell';
import type { ValueRule } from '../../core/validate/validate-types';
import type { MessageKey, MessageParams } from '../../i18n/translate';
import { mappedRowsFetcher, nextProblemRow } from '../../state/queries';
import { usePick, useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { useWindowedRows } from '../../ui/windowed/use-windowed-rows';
import { CellPanel } from './cell-panel';
import { ColumnTools } from './column-tools';
import { DuplicatesPanel } from './duplicates-panel';
import { PolicyPanel } from './policy-panel';
import { problemsOf } from './problem-text';
import { LookupPanel } from './lookup-panel';
import { ReportPanel } from './report-panel';
import { useShortcuts } from './use-shortcuts';
import { ValidateGrid, type CellPos } from './validate-grid';
import { ValidateSummary } from './validate-summary';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet is imported for its effect
import './validate.css';

/** Step 4: every mapped cell checked; fix in place, in bulk, or through an error report. */
export function ValidateStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { mapped, summary, validateFilter: filter, setValidateFilter } = usePick('mapped', 'summary', 'validateFilter', 'setValidateFilter');
  const { edit, undo, redo, editBusy, editError, countLike, editsDropped } = usePick('edit', 'undo', 'redo', 'editBusy', 'editError', 'countLike', 'editsDropped');
  const descId = useId();
  const [chosen, setActive] = useState<CellPos>({ row: 0, col: 0 });
  const [touched, setTouched] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  /** What the step just said, as a message key: a switch of language says it again in the new one. */
  const [notice, setNotice] = useState<{ key: MessageKey; params?: MessageParams } | null>(null);
  /** After a cell was fixed by hand: the same change offered for the cells that held the same value. */
  const [offer, setOffer] = useState<{ field: string; from: Cell; to: Cell; count: number } | null>(null);
  const [like, setLike] = useState<{ key: string; count: number } | null>(null);
  const fetchRows = useMemo(() => mappedRowsFetcher(filter), [filter]);
  const { lastTotal: total, ensure, rowAt } = useWindowedRows({
    // The engine's data version: it changes with every edit and every mapping, never repeats.
    key: `${filter}:${mapped?.version ?? -1}`,
    // Until the new blocks arrive, rows under the same filter stay shown: an edit does not blink;
    // the row count of the previous filter stays until the new one is known.
    group: filter,
    fetch: fetchRows,
    blockRows: 100,
    maxBlocks: 40,
    counted: true,
  });
  const fields = mapped?.fields ?? [];
  const shown = total ?? 0;

  // Fewer rows after a filter or a deletion: the active cell stays inside the grid.
  const active: CellPos =
    shown > 0 && chosen.row >= shown ? { row: shown - 1, col: chosen.col } : chosen;

  const focusCell = (pos: CellPos) => {
    setActive(pos);
    setTouched(true);
    setFocusToken((n) => n + 1);
  };

  const problemCols = (problems: Parameters<typeof problemsOf>[0]) =>
    fields.flatMap((f, i) => (problemsOf(problems, f.key).length > 0 ? [i] : []));

  const jump = async (direction: 1 | -1) => {
    // Rows not counted yet (the step just opened): the engine knows where the problems are.
    if (total === 0) return;
    setNotice(null);
    // Another problem further along the same row comes first.
    const here = touched ? rowAt(active.row) : undefined;
    if (here) {
      const cols = problemCols(here.problems);
      const col =
        direction === 1 ? cols.find((c) => c > active.col) : cols.findLast((c) => c < active.col);
      if (col !== undefined) return focusCell({ row: active.row, col });
    }
    const from = touched ? active.row : direction === 1 ? -1 : shown;
    const found = await nextProblemRow(from, direction, filter);
    if (found === null) return setNotice({ key: 'validate.noProblem' });
    const index = found.index;
    const cols = problemCols(found.row?.problems);
    focusCell({ row: index, col: (direction === 1 ? cols[0] : cols[cols.length - 1]) ?? 0 });
  };

  const apply = async (op: EditOp, done?: { key: MessageKey; params?: MessageParams }) => {
    setNotice(null);
    setOffer(null);
    await edit(op);
    if (done && useStore.getState().editError === null) setNotice(done);
  };

  useShortcuts({
    next: () => void jump(1),
    prev: () => void jump(-1),
    undo: () => mapped?.canUndo && !editBusy && void undo(),
    redo: () => mapped?.canRedo && !editBusy && void redo(),
  });

  // "Fix all N like this" for the focused cell: how many cells share its value and a problem.
  const activeRow = rowAt(active.row);
  const activeField = fields[active.col];
  const activeValue: Cell = activeRow?.values[active.col] ?? null;
  const activeHasProblem = activeField !== undefined && problemsOf(activeRow?.problems, activeField.key).length > 0;
  const likeKey = `${mapped?.version ?? -1}:${activeField?.key ?? ''}:${activeRow?.index ?? -1}`;
  useEffect(() => {
    if (!touched || !activeHasProblem || activeField === undefined) return;
    let live = true;
    countLike(activeField.key, activeValue).then(
      (count) => live && setLike({ key: likeKey, count }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [likeKey, touched, activeHasProblem, activeField, activeValue, countLike]);
  const likeCount = like?.key === likeKey && activeHasProblem ? like.count : null;

  const fixAll = (field: string, from: Cell, to: Cell, count: number) =>
    void apply({ kind: 'fix-like', field, value: from, to }, { key: 'validate.fixAll.done', params: { count } });

  /** A hand edit of a problem cell; afterwards the same change is offered for its look-alikes. */
  const save = async (row: { index: number; values: readonly Cell[]; problems?: Parameters<typeof problemsOf>[0] }, field: string, value: string) => {
    const col = fields.findIndex((f) => f.key === field);
    const before = row.values[col] ?? null;
    const hadProblem = problemsOf(row.problems, field).length > 0;
    const others = hadProblem ? (await countLike(field, before).catch(() => 1)) - 1 : 0;
    await apply({ kind: 'set', row: row.index, field, value });
    if (others > 0 && useStore.getState().editError === null) setOffer({ field, from: before, to: value, count: others });
  };

  if (mapped === null || summary === null) return <Alert tone="info">{t('validate.none')}</Alert>;

  const setFilter = (next: RowFilter) => {
    setActive({ row: 0, col: active.col });
    setTouched(false);
    setValidateFilter(next);
  };
  const only = parseProblemFilter(filter);
  const fieldName = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? f.label[locale] || f.key : key;
  };
  const deleteRows = (rows: number[]) => {
    setSelected(new Set());
    void apply({ kind: 'delete-rows', rows });
  };

  return (
    <div className="step-body validate">
      <ValidateSummary mapped={mapped} onFilter={setFilter} />
      {editsDropped && (
        <Alert tone="warning" testId="edits-dropped">
          {t(editsDropped.why === 'reread' ? 'validate.editsDropped.reread' : 'validate.editsDropped.unmapped', { count: editsDropped.count })}
        </Alert>
      )}
      <div className="vtoolbar">
        <div className="vgroup">
          <label>
            <input
              type="checkbox"
              checked={filter !== 'all'}
              onChange={(e) => setFilter(e.target.checked ? 'problems' : 'all')}
              data-testid="filter-problems"
            />{' '}
            {t('validate.filter.problems')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={filter === 'errors'}
              onChange={(e) => setFilter(e.target.checked ? 'errors' : 'problems')}
              data-testid="filter-errors"
            />{' '}
            {t('validate.filter.errors')}
          </label>
        </div>
        <div className="vgroup">
          <button
            type="button"
            onClick={() => void jump(-1)}
            title={`${t('validate.prev')} (Shift+F8)`}
            aria-keyshortcuts="Shift+F8"
            data-testid="prev-problem"
          >
            ↑ {t('validate.prev')}
          </button>
          <button
            type="button"
            onClick={() => void jump(1)}
            title={`${t('validate.next')} (F8)`}
            aria-keyshortcuts="F8"
            data-testid="next-problem"
          >
            ↓ {t('validate.next')}
          </button>
        </div>
        <div className="vgroup">
          <button
            type="button"
            disabled={!mapped.canUndo || editBusy}
            onClick={() => void undo()}
            title={`${t('validate.undo')} (Ctrl+Z)`}
            aria-keyshortcuts="Control+Z Meta+Z"
            data-testid="undo"
          >
            ↶ {t('validate.undo')}
          </button>
          <button
            type="button"
            disabled={!mapped.canRedo || editBusy}
            onClick={() => void redo()}
            title={`${t('validate.redo')} (Ctrl+Shift+Z, Ctrl+Y)`}
            aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
            data-testid="redo"
          >
            ↷ {t('validate.redo')}
          </button>
        </div>
        {selected.size > 0 && (
          <div className="vgroup">
            <button
              type="button"
              disabled={editBusy}
              onClick={() => deleteRows([...selected])}
              data-testid="delete-selected"
            >
              {t('validate.deleteSelected', { count: selected.size })}
            </button>
            <button type="button" className="link" onClick={() => setSelected(new Set())}>
              {t('validate.clearSelection')}
            </button>
          </div>
        )}
      </div>
      <p className="muted vstatus" data-testid="validate-row-count" data-rows={shown}>
        {editBusy
          ? t('validate.working')
          : t('validate.showing', { rows: shown, total: mapped.rowCount })}
        {' · '}
        {t('validate.edit.hint')}
      </p>
      {editError && <Alert tone="error">{describeError(t, locale, editError)}</Alert>}
      {notice && (
        <Alert tone="info" testId="validate-notice">
          {t(notice.key, notice.params)}
        </Alert>
      )}
      {offer && (
        <div className="vfix-offer" role="status">
          <button
            type="button"
            disabled={editBusy}
            onClick={() => fixAll(offer.field, offer.from, offer.to, offer.count)}
            data-testid="fix-all-offer"
            data-count={offer.count}
          >
            {t('validate.fixAll.offer', { value: offer.from ?? '', count: offer.count })}
          </button>
        </div>
      )}
      {filter === 'ambiguous-phones' && (
        <p className="vfilter-only" data-testid="filter-only">
          {t('validate.filter.ambiguousPhones')}{' '}
          <button type="button" className="link" onClick={() => setFilter('all')} data-testid="filter-clear">
            {t('validate.filter.clear')}
          </button>
        </p>
      )}
      {only && (
        <p className="vfilter-only" data-testid="filter-only">
          {t('validate.filter.only', {
            field: only.field === '*' ? t('validate.filter.anyField') : fieldName(only.field),
            rule: only.rule === '*' ? t('validate.filter.anyRule') : t(`validate.ruleName.${only.rule as ValueRule}`),
          })}{' '}
          <button type="button" className="link" onClick={() => setFilter('all')} data-testid="filter-clear">
            {t('validate.filter.clear')}
          </button>
        </p>
      )}
      <div className="vmain">
        {total === 0 ? (
          <Alert tone="info">{t('validate.empty')}</Alert>
        ) : (
          <ValidateGrid
            fields={fields}
            total={shown}
            rowAt={rowAt}
            ensure={ensure}
            active={active}
            focusToken={focusToken}
            onActive={(pos) => {
              setActive(pos);
              setTouched(true);
            }}
            selected={selected}
            onToggle={(row) => {
              const next = new Set(selected);
              if (!next.delete(row)) next.add(row);
              setSelected(next);
            }}
            onSave={(row, field, value) => void save(row, field, value)}
            describedBy={descId}
          />
        )}
        <CellPanel
          row={touched ? activeRow : undefined}
          field={activeField}
          value={activeValue}
          likeCount={likeCount}
          onFixAll={(to) => activeField && likeCount !== null && fixAll(activeField.key, activeValue, to, likeCount)}
          columns={summary.columns}
          descId={descId}
          busy={editBusy}
          onSuggest={(value) => {
            const f = fields[active.col];
            if (activeRow && f)
              void apply({ kind: 'set', row: activeRow.index, field: f.key, value });
          }}
          onDeleteRow={() => activeRow && deleteRows([activeRow.index])}
        />
      </div>
      <section aria-labelledby="vtools-title">
        <h3 id="vtools-title">{t('validate.tools.title')}</h3>
        <ColumnTools
          fields={fields}
          busy={editBusy}
          onEdit={(op) => void apply(op, { key: 'validate.changed' })}
        />
      </section>
      <div className="vpanels">
        <ReportPanel busy={editBusy} />
        <PolicyPanel />
      </div>
      <LookupPanel fields={fields} busy={editBusy} onEdit={(op) => apply(op)} />
      <DuplicatesPanel
        fields={fields}
        version={mapped?.version ?? -1}
        busy={editBusy}
        onEdit={(op) => void apply(op)}
      />
    </div>
  );
}
