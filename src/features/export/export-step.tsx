import { formatBytes } from '../../i18n/translate';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
import { ExportOptions } from './export-options';
import { ExportResult } from './export-result';
import { ProfileExport } from './profile-export';

/** Step 3: write the data as CSV, JSON, NDJSON or XML, with its size and SHA-256. */
export function ExportStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { summary, exportChoices, exportStatus, exportBytes, exportFile, exportError, mapped, committedSnapshot } = useStore();
  const { setExportChoices, runExport, cancelExport, invalidPolicy, setInvalidPolicy } = useStore();
  if (summary === null) return null;
  const busy = exportStatus === 'writing';
  return (
    <div className="step-body">
      <p>{t('export.rows', { rows: committedSnapshot?.rowCount ?? mapped?.rowCount ?? summary.rowCount })}</p>
      <p className="muted" data-testid="export-source">
        {committedSnapshot
          ? t('export.source.committed', { rows: committedSnapshot.rowCount })
          : mapped
            ? t('export.source.mapped', { fields: mapped.fields.length })
            : t('export.source.raw')}
      </p>
      {mapped && !committedSnapshot && (
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
      {exportFile && exportFile.skipped > 0 && (
        <Alert tone="warning" testId="export-skipped">
          {t('export.skipped', { rows: exportFile.skipped })}
        </Alert>
      )}
      {exportFile && <ExportResult file={exportFile} />}
      {mapped && <ProfileExport baseName={exportChoices.baseName} />}
    </div>
  );
}
