import { useState } from 'react';
import type { SortSpec } from '../../core/engine/table-view';
import { fetchSourceRows, findSourceRow } from '../../state/queries';
import { usePick, useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { WINDOW_COLUMNS_FROM } from '../../ui/data-grid/column-window';
import { DataGrid } from '../../ui/data-grid/data-grid';
import { describeError } from '../../ui/describe-error';
import { ColumnJump } from './column-jump';
import { FilterBar } from './filter-bar';
import { IssueList } from './issue-list';

/** Step 2: the data exactly as read, in a virtualized grid; sort and filter run in the engine. */
export function PreviewStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { summary, view, viewRowCount, viewVersion, viewBusy, viewError, setView } = usePick(
    'summary', 'view', 'viewRowCount', 'viewVersion', 'viewBusy', 'viewError', 'setView',
  );
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A new object each time: going to the same column again brings it back into view.
  const [showColumn, setShowColumn] = useState<{ readonly column: number } | null>(null);
  if (summary === null) return null;

  const onSort = (column: number) => {
    const current = view.sort;
    const sort: SortSpec | null =
      current?.column !== column
        ? { column, direction: 'asc' }
        : current.direction === 'asc'
          ? { column, direction: 'desc' }
          : null;
    setFocusRow(null);
    void setView({ ...view, sort });
  };

  const jumpTo = async (sourceRow: number) => {
    const index = await findSourceRow(sourceRow);
    if (index < 0) {
      // A warning about the header or a line skipped has a row number but no row in the grid.
      setNotice(t(index === -1 ? 'preview.notInView' : 'preview.notARow', { row: sourceRow }));
      return;
    }
    setNotice(null);
    setFocusRow(index);
  };

  return (
    <div className="step-body">
      <p data-testid="preview-summary">
        {t('preview.summary', { rows: summary.rowCount, columns: summary.columns.length })}
      </p>
      <FilterBar
        key={summary.version}
        columns={summary.columns}
        filter={view.filter}
        onFilter={(filter) => {
          setFocusRow(null);
          void setView({ ...view, filter });
        }}
      />
      {summary.columns.length > WINDOW_COLUMNS_FROM && (
        <ColumnJump key={summary.version} columns={summary.columns} onJump={(column) => setShowColumn({ column })} />
      )}
      <p
        className="muted"
        aria-live="polite"
        data-testid="row-count"
        data-rows={viewRowCount}
        data-final={viewBusy ? 'false' : 'true'}
      >
        {viewBusy
          ? t('preview.working')
          : t('preview.showing', { rows: viewRowCount, total: summary.rowCount })}
        {' · '}
        {t('preview.sort.hint')}
      </p>
      {viewError && <Alert tone="error">{describeError(t, locale, viewError)}</Alert>}
      {notice && <Alert tone="info" testId="preview-notice">{notice}</Alert>}
      {viewRowCount === 0 && !viewBusy ? (
        <Alert tone="info">{summary.rowCount === 0 ? t('preview.noRows') : t('preview.empty')}</Alert>
      ) : (
        <DataGrid
          columns={summary.columns}
          rowCount={viewRowCount}
          version={viewVersion}
          fetchWindow={fetchSourceRows}
          sort={view.sort}
          onSort={onSort}
          focusRow={focusRow}
          showColumn={showColumn}
          labels={{
            grid: t('preview.grid'),
            rowNumber: t('preview.rowNumber'),
            missing: t('preview.missing'),
            sortAsc: t('preview.sort.asc'),
            sortDesc: t('preview.sort.desc'),
            resize: (name) => t('preview.resize', { name }),
          }}
        />
      )}
      <IssueList issues={summary.issues} total={summary.issueTotal} onJump={(row) => void jumpTo(row)} />
    </div>
  );
}
