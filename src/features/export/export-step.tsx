import { formatBytes } from '../../i18n/translate';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
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
  const { summary, exportChoices, exportStatus, exportBytes, exportFile, exportError, mapped, committedSnapshot, committedAs } =
    useStore();
  const { setExportChoices, runExport, cancelExport, invalidPolicy, setInvalidPolicy } = useStore();
  if (summary === null) return null;
  const busy = exportStatus === 'writing';
  const source = committedSnapshot ? 'committed' : mapped ? 'mapped' : 'raw';
  const rows = committedSnapshot?.rowCount ?? mapped?.rowCount ?? summary.rowCount;
  const plan = planExport({
    source,
    policy: invalidPolicy,
    rows,
    rowsWithErrors: mapped?.rowsWithErrors ?? 0,
    deleted: mapped?.deletedRows ?? 0,
    committed: committedAs ?? undefined,
  });
  return (
    <div className="step-body">
      <ExportPlanText t={t} plan={plan} rows={rows} policy={invalidPolicy} />
      <p className="muted" data-testid="export-source">
        {committedSnapshot
          ? t('export.source.committed', { rows: committedSnapshot.rowCount })
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
        <button type="button" className="primary" disabled={busy} onClick={() => void runExport()} data-testid="export-create">
          {t('export.create')}
        </button>
      </div>
      {busy && (
        <ProgressBar
          label={t('export.creating', { bytes: formatBytes(locale, exportBytes) })}
          fraction={null}
          cancelLabel={t('upload.cancel')}
          onCancel={cancelExport}
        />
      )}
      {exportError && <Alert tone="error">{describeError(t, locale, exportError)}</Alert>}
      {exportFile && <ExportResult file={exportFile} />}
      {mapped && <ProfileExport baseName={exportChoices.baseName} />}
      <SaveJob />
    </div>
  );
}
