import { formatBytes } from '../../i18n/translate';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { ProgressBar } from '../../ui/progress-bar';
import { ExportOptions } from './export-options';
import { ExportResult } from './export-result';

/** Step 3: write the data as CSV, JSON, NDJSON or XML, with its size and SHA-256. */
export function ExportStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { summary, exportChoices, exportStatus, exportBytes, exportFile, exportError } = useStore();
  const { setExportChoices, runExport, cancelExport } = useStore();
  if (summary === null) return null;
  const busy = exportStatus === 'writing';
  return (
    <div className="step-body">
      <p>{t('export.rows', { rows: summary.rowCount })}</p>
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
    </div>
  );
}
