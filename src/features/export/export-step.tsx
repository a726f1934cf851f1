import { useEffect } from 'react';
import { formatBytes } from '../../i18n/translate';
import { usePick, useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
import { useFocusResult } from '../../ui/use-focus-result';
import { planExport } from '../../core/engine/export-plan';
import { ExportOptions } from './export-options';
import { ExportPlanText } from './export-plan-text';
import { ExportResult } from './export-result';
import { ProfileExport } from './profile-export';
import { SaveJob } from './save-job';

/** Step 3: write the data as CSV, JSON, NDJSON or XML, with its size and SHA-256. */
export function ExportStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { summary, exportChoices, exportStatus, exportFile, exportError, mapped, committedSnapshot, committedAs, commitBeforeReload, mappingReread } = usePick(
    'summary', 'exportChoices', 'exportStatus', 'exportFile', 'exportError', 'mapped', 'committedSnapshot', 'committedAs', 'commitBeforeReload', 'mappingReread',
  );
  const { setExportChoices, runExport, invalidPolicy, setInvalidPolicy, commitRemapped, commitNow, checkCommit, exportOutdated, restoring, mappingStatus } = usePick(
    'setExportChoices', 'runExport', 'invalidPolicy', 'setInvalidPolicy', 'commitRemapped', 'commitNow', 'checkCommit', 'exportOutdated', 'restoring', 'mappingStatus',
  );
  // After a reload the saved mapping and edits are made again, and Apply runs in the worker:
  // a file written meanwhile held the data as read, or the mapping before (found by the flake hunt).
  const waiting = restoring || mappingStatus === 'applying';
  // The button is disabled while the file is written, which drops focus to the page: the result's heading takes it.
  const focusResult = useFocusResult();
  // Whether the commit still describes the data (a mapping applied since cannot be merged again).
  const commitId = committedSnapshot?.id ?? null;
  const version = mapped?.version ?? null;
  useEffect(() => void checkCommit(commitId, version), [checkCommit, commitId, version]);
  if (summary === null) return null;
  const busy = exportStatus === 'writing';
  const source = committedSnapshot ? 'committed' : mapped ? 'mapped' : 'raw';
  // After a commit, the records the file will hold: the merge computed again once the data or
  // the decisions changed since (the engine's count), else the commit's.
  const committedRows = committedSnapshot ? (commitNow?.records ?? committedSnapshot.rowCount) : null;
  const rows = committedRows ?? mapped?.rowCount ?? summary.rowCount;
  const since = committedSnapshot ? (commitNow?.since ?? null) : null;
  const plan = planExport({
    source,
    policy: invalidPolicy,
    rows,
    rowsWithErrors: mapped?.rowsWithErrors ?? 0,
    deleted: mapped?.deletedRows ?? 0,
    committed: committedAs ?? undefined,
    fields: committedSnapshot ? committedSnapshot.columns.length : mapped ? mapped.fields.length : summary.columns.length,
  });
  return (
    <div className="step-body">
      {commitBeforeReload && !committedSnapshot && (
        <Alert tone="warning" title={t('export.commitNotRestored.title')} testId="export-commit-not-restored">
          {t('export.commitNotRestored', { rows: commitBeforeReload.rowCount })}
        </Alert>
      )}
      {mappingReread && !mapped && !committedSnapshot && (
        <Alert tone="warning" testId="export-reread">
          {t('export.reread')}
        </Alert>
      )}
      {commitRemapped ? (
        <Alert tone="warning" title={t('export.committed.remappedTitle')} testId="export-commit-remapped">
          {t('export.committed.remapped')}
        </Alert>
      ) : (
        <ExportPlanText t={t} plan={plan} rows={rows} policy={invalidPolicy} />
      )}
      <p className="muted" data-testid="export-source" hidden={commitRemapped}>
        {committedRows !== null
          ? since === 'edited'
            ? t('export.source.committedEdited')
            : since === 'decided'
              ? t('export.source.committedDecided', { rows: committedRows })
              : t('export.source.committed', { rows: committedRows })
          : mapped
            ? t('export.source.mapped', { fields: mapped.fields.length })
            : t('export.source.raw')}
      </p>
      {mapped && (
        <fieldset className="policy" data-testid="export-policy">
          <legend>{t('export.policy')}</legend>
          {(['block', 'skip', 'include'] as const).map((p) => (
            <label key={p} className="check">
              <input
                type="radio"
                name="invalid-policy"
                value={p}
                checked={invalidPolicy === p}
                disabled={busy}
                onChange={() => setInvalidPolicy(p)}
                data-testid={`policy-${p}`}
              />
              {t(`export.policy.${p}`)}
            </label>
          ))}
        </fieldset>
      )}
      <ExportOptions choices={exportChoices} disabled={busy} onChange={setExportChoices} />
      <div>
        {waiting && (
          <p role="status" className="muted" data-testid="export-waiting">
            {t('export.waitMapping')}
          </p>
        )}
        <button type="button" className="primary" disabled={busy || commitRemapped || waiting} onClick={() => void runExport().then(() => focusResult(useStore.getState().exportFile ? 'export-ready' : 'export-error'))} data-testid="export-create">
          {t('export.create')}
        </button>
      </div>
      {busy && <ExportProgress />}
      {exportError && (
        <div id="export-error" tabIndex={-1}>
          <Alert tone="error">{describeError(t, locale, exportError)}</Alert>
        </div>
      )}
      {exportOutdated && !busy && (
        <Alert tone="warning" testId="export-outdated">
          {t('export.outdated')}
        </Alert>
      )}
      {exportFile && <ExportResult file={exportFile} />}
      {mapped && <ProfileExport baseName={exportChoices.baseName} />}
      <SaveJob />
    </div>
  );
}

/** The running export's progress; the only part of the step that re-renders on each tick. */
function ExportProgress() {
  const t = useT();
  const { locale, exportBytes, cancelExport } = usePick('locale', 'exportBytes', 'cancelExport');
  return (
    <ProgressBar
      label={t('export.creating', { bytes: formatBytes(locale, exportBytes) })}
      fraction={null}
      cancelLabel={t('upload.cancel')}
      onCancel={cancelExport}
    />
  );
}
