import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatBytesOf } from '../../i18n/translate';
import { usePick, useStore, useT, type Store } from '../../state/store';
import type { SnapshotMeta } from '../../state/persist/snapshots';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
import { BaselinePanel } from './baseline-panel';
import { ChangeList } from './change-list';
import { ChangesExport } from './changes-export';
import { COMMIT_RESULT_ID, CommitPanel, InitialCommitPanel } from './commit-panel';
import { CompareColumns } from './compare-columns';
import { ConflictsPanel } from './conflicts-panel';
import { DecisionBar } from './decision-bar';
import { HistoryPanel } from './history-panel';
import { KeyOptions } from './key-options';
import { KeptOutNote, UpdateRulesTable } from './update-rules';
import { NO_LIST_FILTER, type ListFilter } from './list-filters';
import { describeUsedOptions, sameOptions } from './options-summary';
import { PatternsPanel } from './patterns-panel';
import { fieldLabeler } from './review-text';
import { ReviewSummaryPanel, SUMMARY_HEADING_ID } from './review-summary';
import { TopPatterns } from './top-patterns';
import { useFocusResult } from '../../ui/use-focus-result';
import { useUndoKeys } from './use-undo-keys';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet is imported for its effect
import './review.css';

/** The app's own sample, and last month's export of it (both in public/samples/). */
const SAMPLE_FILE = 'contacts.csv';
const SAMPLE_BASELINE = 'contacts-baseline.csv';

/** Step 5: compare with a baseline, decide change by change, commit a snapshot for Export. */
export function ReviewStep() {
  const t = useT();
  const s = usePick(
    'locale', 'summary', 'baseline', 'review', 'reviewStatus', 'reviewError', 'reviewOptions',
    'syncReview', 'refreshSnapshots', 'reviewUndo', 'reviewRedo', 'snapshotUrl', 'mapped', 'invalidPolicy',
    'loadSampleBaseline', 'loadBaselineFile', 'snapshots', 'storage', 'loadBaselineSnapshot', 'removeSnapshot', 'importSnapshot',
    'committedSnapshot', 'commitInitial', 'setReviewOptions', 'runDiff', 'resolveConflict', 'decide',
    'committedReview', 'commitReview', 'exportChanges', 'revertToSnapshot',
  );
  const { locale, summary, baseline, review, reviewStatus, reviewError, reviewOptions } = s;
  const { syncReview, refreshSnapshots, reviewUndo, reviewRedo } = s;
  const busy = reviewStatus !== 'idle';
  const [listFilter, setListFilter] = useState<ListFilter>(NO_LIST_FILTER);

  useEffect(() => {
    void refreshSnapshots();
  }, [refreshSnapshots]);
  useEffect(() => {
    // The engine knows whether the data changed since the diff (edits, a new mapping) or
    // whether a new file dropped the baseline; the page only shows it.
    void syncReview();
  }, [syncReview]);

  const fields = s.mapped?.fields;
  const label = useMemo(() => fieldLabeler(fields, locale), [fields, locale]);
  const focusResult = useFocusResult();
  // After a comparison the options fold into one line of what it used; they open on request, and
  // stay open while they differ from what the comparison below used (so the difference shows).
  const [optionsOpen, setOptionsOpen] = useState(false);
  /**
   * Runs an action, then focuses its result (the element `result`) when the action changed what
   * `made` selects, or the error if it failed; a cancelled action leaves focus alone.
   */
  const thenFocus = (action: () => Promise<void>, result: string, made: (store: Store) => unknown) => async () => {
    const before = made(useStore.getState());
    await action();
    const after = useStore.getState();
    if (after.reviewError !== null) focusResult('review-error');
    else if (made(after) !== before) focusResult(result);
  };
  const toBaseline = (action: () => Promise<void>) => void thenFocus(action, 'baseline-summary', (x) => x.baseline)();
  const toSummary = () =>
    void thenFocus(async () => {
      await s.runDiff();
      if (useStore.getState().reviewError === null) setOptionsOpen(false);
    }, SUMMARY_HEADING_ID, (x) => x.review)();
  const optionsChanged = review !== null && !sameOptions(reviewOptions, review.options);
  const optionsShown = review === null || optionsOpen || optionsChanged;
  const openOptions = (open: boolean) => {
    setOptionsOpen(open);
    // The button pressed goes away with the panel it opened or folded: focus what replaced it.
    focusResult(open ? 'options-hide' : 'options-change');
  };
  const toCommit = (action: () => Promise<void>) => void thenFocus(action, COMMIT_RESULT_ID, (x) => `${x.committedSnapshot?.id ?? ''}|${x.committedReview ?? ''}`)();

  const undo = useCallback(() => void reviewUndo(), [reviewUndo]);
  const redo = useCallback(() => void reviewRedo(), [reviewRedo]);
  useUndoKeys(review !== null && !busy, undo, redo);

  const download = async (snap: SnapshotMeta) => {
    const url = await s.snapshotUrl(snap.id);
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `snapshot-${snap.createdAt.replace(/[:.]/g, '-')}.ndjson`;
    a.click();
    // The download has started by now; give the browser a moment before freeing the blob.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  if (summary === null) return null;
  const shown = review;
  // What the error policy (chosen in Validate) does to rows with errors in a comparison/commit.
  const rowsWithErrors = s.mapped?.rowsWithErrors ?? 0;
  const policyNote =
    rowsWithErrors === 0
      ? null
      : s.invalidPolicy === 'skip'
        ? t('review.policy.leftOut', { rows: rowsWithErrors })
        : t('review.policy.included', { rows: rowsWithErrors });
  const initialRecords = s.mapped
    ? s.mapped.rowCount - (s.invalidPolicy === 'skip' ? rowsWithErrors : 0)
    : summary.rowCount;
  const sampleBaseline = summary.fileName === SAMPLE_FILE ? () => s.loadSampleBaseline(SAMPLE_BASELINE) : undefined;
  return (
    <div className="step-body review">
      <p className="muted">{t('review.intro')}</p>
      <div className="review-top">
        <BaselinePanel
          t={t}
          locale={locale}
          baseline={baseline}
          busy={busy}
          onFile={(f) => toBaseline(() => s.loadBaselineFile(f, f.name))}
          onSampleBaseline={sampleBaseline && (() => toBaseline(sampleBaseline))}
        />
        <HistoryPanel
          t={t}
          locale={locale}
          snapshots={s.snapshots}
          storage={s.storage}
          busy={busy}
          onUse={(id) => toBaseline(() => s.loadBaselineSnapshot(id))}
          onDownload={(snap) => void download(snap)}
          onDelete={(id) => void s.removeSnapshot(id)}
          onImport={(files) => void s.importSnapshot(files)}
          onRevert={(id) => void s.revertToSnapshot(id)}
          label={label}
        />
      </div>
      {baseline === null && (
        <InitialCommitPanel
          t={t}
          records={initialRecords}
          policyNote={policyNote}
          committed={s.committedSnapshot}
          locale={locale}
          busy={busy}
          onCommit={() => toCommit(s.commitInitial)}
        />
      )}
      {baseline && shown && !optionsShown && (
        <section className="panel review-options folded" aria-labelledby="review-options-title" data-testid="options-folded">
          <h3 id="review-options-title">{t('review.key.title')}</h3>
          <p className="no-margin" data-testid="options-summary">
            {describeUsedOptions(t, shown.options, label)}
          </p>
          <div className="review-actions">
            <button type="button" id="options-change" aria-expanded={false} onClick={() => openOptions(true)} data-testid="options-change">
              {t('review.options.change')}
            </button>
            <button type="button" disabled={busy} onClick={toSummary} data-testid="compare">
              {t('review.stale.compare')}
            </button>
          </div>
          <KeptOutNote t={t} total={Object.values(shown.keptOut).reduce((n, k) => n + k, 0)} />
        </section>
      )}
      {baseline && optionsShown && (
        <section className="panel review-options" aria-labelledby="review-options-title">
          <div className="panel-head">
            <h3 id="review-options-title">{t('review.key.title')}</h3>
            {shown && !optionsChanged && (
              <button type="button" id="options-hide" aria-expanded={true} onClick={() => openOptions(false)} data-testid="options-hide">
                {t('review.options.hide')}
              </button>
            )}
          </div>
          {optionsChanged && (
            <Alert tone="info" testId="options-changed">
              {t('review.options.changed')}
            </Alert>
          )}
          <KeyOptions t={t} baseline={baseline} options={reviewOptions} busy={busy} onChange={s.setReviewOptions} label={label} onCompare={toSummary}>
            <CompareColumns t={t} baseline={baseline} chosen={reviewOptions.compareColumns} label={label} onChange={(compareColumns) => s.setReviewOptions({ compareColumns })} />
            <UpdateRulesTable
              t={t}
              fields={reviewOptions.compareColumns.filter((c) => !reviewOptions.keyColumns.includes(c))}
              label={label}
              rules={reviewOptions.rules}
              keptOut={review?.keptOut ?? null}
              busy={busy}
              onChange={(rules) => s.setReviewOptions({ rules })}
            />
          </KeyOptions>
        </section>
      )}
      {busy && <ReviewProgress />}
      {reviewError && (
        <div id="review-error" tabIndex={-1} className="focus-target">
          <Alert tone="error" testId="review-error">
            {describeError(t, locale, reviewError)}
          </Alert>
        </div>
      )}
      {shown?.stale && (
        <Alert tone="warning" testId="review-stale">
          <p className="no-margin">{describeError(t, locale, { code: 'review-stale', details: { changed: shown.stale } })}</p>
          <button type="button" className="primary" disabled={busy} onClick={toSummary} data-testid="compare-again">
            {t('review.stale.compare')}
          </button>
        </Alert>
      )}
      {shown && (
        <>
          {shown.blocked && <ConflictsPanel t={t} conflicts={shown.conflicts} busy={busy} onResolve={(side, r) => void s.resolveConflict(side, r)} />}
          <ReviewSummaryPanel
            t={t}
            review={shown}
            locale={locale}
            busy={busy}
            label={label}
            onDecide={(op) => void s.decide(op)}
            patterns={<TopPatterns t={t} review={shown} locale={locale} label={label} limit={3} />}
          />
          {/* While keys conflict nothing is listed: the summary says what the comparison waits on. */}
          {!shown.blocked && (
            <>
              <PatternsPanel
                t={t}
                review={shown}
                locale={locale}
                busy={busy}
                label={label}
                onDecide={(op) => void s.decide(op)}
                shown={listFilter.pattern?.id ?? null}
                onShow={(pattern) => {
                  setListFilter({ ...listFilter, pattern });
                  if (pattern) document.getElementById('review-list-title')?.scrollIntoView({ block: 'start' });
                }}
              />
              <ChangeList
                t={t}
                review={shown}
                locale={locale}
                busy={busy}
                label={label}
                onDecide={(op) => void s.decide(op)}
                bar={<DecisionBar t={t} review={shown} locale={locale} busy={busy} onUndo={undo} onRedo={redo} />}
                filter={listFilter}
                onFilter={setListFilter}
              />
            </>
          )}
          <CommitPanel
            t={t}
            review={shown}
            committed={s.committedSnapshot}
            committedNow={s.committedReview === shown.version}
            locale={locale}
            busy={busy}
            onCommit={() => toCommit(s.commitReview)}
            policyNote={policyNote}
            label={label}
          />
          {!shown.blocked && shown.stale === null && (
            <ChangesExport
              t={t}
              locale={locale}
              version={shown.version}
              baseName={summary.fileName.replace(/\.[^.]*$/, '') || 'changes'}
              onExport={s.exportChanges}
            />
          )}
        </>
      )}
    </div>
  );
}

/** The running comparison's progress; the only part of the step that re-renders on each tick. */
function ReviewProgress() {
  const t = useT();
  const { reviewStatus, reviewProgress, cancelReview, locale } = usePick('reviewStatus', 'reviewProgress', 'cancelReview', 'locale');
  const label =
    reviewProgress !== null ? t(`review.progress.${reviewProgress.phase}`) : t(`review.progress.${reviewStatus === 'idle' ? 'diffing' : reviewStatus}`);
  // Bytes in the total's unit ("5.3 of 14 MB"); records with their plural.
  const detail =
    reviewProgress === null
      ? undefined
      : reviewProgress.unit === 'bytes'
        ? t('review.progress.bytes', formatBytesOf(locale, reviewProgress.done, reviewProgress.total))
        : reviewProgress.phase === 'snapshot' || reviewProgress.phase === 'map'
          ? t('review.progress.records', { done: reviewProgress.done, total: reviewProgress.total })
          : t('review.progress.detail', { done: reviewProgress.done, total: reviewProgress.total });
  return (
    <ProgressBar
      label={label}
      fraction={reviewProgress && reviewProgress.total > 0 ? reviewProgress.done / reviewProgress.total : null}
      detail={detail}
      cancelLabel={t('review.cancel')}
      onCancel={cancelReview}
    />
  );
}
