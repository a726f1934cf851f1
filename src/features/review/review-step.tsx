import { useCallback, useEffect } from 'react';
import { usePick, useT } from '../../state/store';
import type { SnapshotMeta } from '../../state/persist/snapshots';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
import { BaselinePanel } from './baseline-panel';
import { ChangeList } from './change-list';
import { ChangesExport } from './changes-export';
import { ClassChart } from './class-chart';
import { CommitPanel, InitialCommitPanel } from './commit-panel';
import { CompareColumns } from './compare-columns';
import { ConflictsPanel } from './conflicts-panel';
import { DecisionBar } from './decision-bar';
import { DigestFacts } from './digest-facts';
import { FieldCounts } from './field-counts';
import { HistoryPanel } from './history-panel';
import { KeyOptions } from './key-options';
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
    'committedReview', 'commitReview', 'exportChanges',
  );
  const { locale, summary, baseline, review, reviewStatus, reviewError, reviewOptions } = s;
  const { syncReview, refreshSnapshots, reviewUndo, reviewRedo } = s;
  const busy = reviewStatus !== 'idle';

  useEffect(() => {
    void refreshSnapshots();
  }, [refreshSnapshots]);
  useEffect(() => {
    // The engine knows whether the data changed since the diff (edits, a new mapping) or
    // whether a new file dropped the baseline; the page only shows it.
    void syncReview();
  }, [syncReview]);

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
  const sampleBaseline = summary.fileName === SAMPLE_FILE ? () => void s.loadSampleBaseline(SAMPLE_BASELINE) : undefined;
  return (
    <div className="step-body review">
      <p className="muted">{t('review.intro')}</p>
      <div className="review-top">
        <BaselinePanel
          t={t}
          baseline={baseline}
          busy={busy}
          onFile={(f) => void s.loadBaselineFile(f, f.name)}
          onSampleBaseline={sampleBaseline}
        />
        <HistoryPanel
          t={t}
          locale={locale}
          snapshots={s.snapshots}
          storage={s.storage}
          busy={busy}
          onUse={(id) => void s.loadBaselineSnapshot(id)}
          onDownload={(snap) => void download(snap)}
          onDelete={(id) => void s.removeSnapshot(id)}
          onImport={(files) => void s.importSnapshot(files)}
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
          onCommit={() => void s.commitInitial()}
        />
      )}
      {baseline && (
        <section className="panel review-options" aria-labelledby="review-options-title">
          <h3 id="review-options-title">{t('review.key.title')}</h3>
          <KeyOptions t={t} baseline={baseline} options={reviewOptions} busy={busy} onChange={s.setReviewOptions} onCompare={() => void s.runDiff()}>
            <CompareColumns t={t} baseline={baseline} chosen={reviewOptions.compareColumns} onChange={(compareColumns) => s.setReviewOptions({ compareColumns })} />
          </KeyOptions>
        </section>
      )}
      {busy && <ReviewProgress />}
      {reviewError && (
        <Alert tone="error" testId="review-error">
          {describeError(t, locale, reviewError)}
        </Alert>
      )}
      {shown?.stale && (
        <Alert tone="warning" testId="review-stale">
          <p className="no-margin">{describeError(t, locale, { code: 'review-stale', details: { changed: shown.stale } })}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void s.runDiff()} data-testid="compare-again">
            {t('review.stale.compare')}
          </button>
        </Alert>
      )}
      {shown && (
        <>
          {shown.blocked && <ConflictsPanel t={t} conflicts={shown.conflicts} busy={busy} onResolve={(side, r) => void s.resolveConflict(side, r)} />}
          <section className="panel review-summary" aria-labelledby="review-summary-title" data-testid="review-summary">
            <h3 id="review-summary-title">{t('review.summary.title')}</h3>
            <div className="summary-grid">
              <ClassChart t={t} counts={shown.counts} locale={locale} />
              <div>
                <p className={shown.wouldClear > 0 ? 'would-clear' : 'muted'} data-testid="would-clear" data-count={shown.wouldClear}>
                  {shown.wouldClear > 0 ? `⚠ ${t('review.summary.wouldClear', { count: shown.wouldClear })}` : t('review.summary.wouldClearNone')}
                </p>
                <FieldCounts t={t} fieldCounts={shown.fieldCounts} locale={locale} busy={busy} onDecide={(op) => void s.decide(op)} />
              </div>
            </div>
            <DigestFacts t={t} review={shown} locale={locale} />
          </section>
          <DecisionBar t={t} review={shown} locale={locale} busy={busy} onDecide={(op) => void s.decide(op)} onUndo={undo} onRedo={redo} />
          <ChangeList t={t} review={shown} locale={locale} busy={busy} onDecide={(op) => void s.decide(op)} />
          <CommitPanel
            t={t}
            review={shown}
            committed={s.committedSnapshot}
            committedNow={s.committedReview === shown.version}
            locale={locale}
            busy={busy}
            onCommit={() => void s.commitReview()}
            policyNote={policyNote}
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
  const { reviewStatus, reviewProgress, cancelReview } = usePick('reviewStatus', 'reviewProgress', 'cancelReview');
  const label =
    reviewProgress !== null ? t(`review.progress.${reviewProgress.phase}`) : t(`review.progress.${reviewStatus === 'idle' ? 'diffing' : reviewStatus}`);
  return (
    <ProgressBar
      label={label}
      fraction={reviewProgress && reviewProgress.total > 0 ? reviewProgress.done / reviewProgress.total : null}
      detail={reviewProgress ? t('review.progress.detail', { done: reviewProgress.done, total: reviewProgress.total }) : undefined}
      cancelLabel={t('review.cancel')}
      onCancel={cancelReview}
    />
  );
}
