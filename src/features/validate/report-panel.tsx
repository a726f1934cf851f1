import { useRef, useState } from 'react';
import { formatBytes } from '../../i18n/translate';
import { errorReport } from '../../state/queries';
import { usePick, useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { ProgressBar } from '../../ui/progress-bar';
import { reportMessages } from '../../i18n/report-messages';

/** Download the rows with problems as CSV, and merge a corrected copy back by row number. */
export function ReportPanel({ busy }: { readonly busy: boolean }) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const fileName = useStore((s) => s.summary?.fileName ?? 'data');
  const { reportMerge, mergeReport, reportReading, reportCancelled, cancelReportMerge } = usePick(
    'reportMerge', 'mergeReport', 'reportReading', 'reportCancelled', 'cancelReportMerge',
  );
  const input = useRef<HTMLInputElement>(null);
  const [downloaded, setDownloaded] = useState<{ name: string; size: number } | null>(null);
  const [working, setWorking] = useState(false);

  const download = async (format: 'csv' | 'xlsx') => {
    setWorking(true);
    try {
      const r = await errorReport(reportMessages(t), format);
      const name = `${fileName.replace(/\.[^.]+$/, '') || 'data'}-errors.${format}`;
      const url = URL.createObjectURL(r.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      // Revoked later: Chromium reads the URL after the click handler returns.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDownloaded({ name, size: r.size });
    } finally {
      setWorking(false);
    }
  };

  return (
    <section className="panel vreport" aria-labelledby="vreport-title" data-testid="report-panel">
      <h3 id="vreport-title">{t('validate.report.title')}</h3>
      <p className="muted">{t('validate.report.hint')}</p>
      <div className="vactions">
        <button
          type="button"
          disabled={busy || working}
          onClick={() => void download('csv')}
          data-testid="report-download"
        >
          {t('validate.report.download')}
        </button>
        <button
          type="button"
          disabled={busy || working}
          onClick={() => void download('xlsx')}
          data-testid="report-download-xlsx"
        >
          {t('validate.report.downloadXlsx')}
        </button>
        <label className="button">
          {t('validate.report.upload')}
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv,.xlsx"
            className="sr-only"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void mergeReport(file, file.name);
              e.target.value = '';
            }}
            data-testid="report-upload"
          />
        </label>
      </div>
      {reportReading !== null && (
        <ProgressBar
          label={t('validate.report.reading', { file: reportReading })}
          fraction={null}
          cancelLabel={t('upload.cancel')}
          onCancel={cancelReportMerge}
        />
      )}
      {reportCancelled && (
        <p className="muted" role="status" data-testid="report-cancelled">
          {t('validate.report.cancelled')}
        </p>
      )}
      {downloaded && (
        <p className="muted" role="status">
          {t('validate.report.ready', {
            file: downloaded.name,
            size: formatBytes(locale, downloaded.size),
          })}
        </p>
      )}
      {reportMerge && (
        <Alert tone={reportMerge.unknownRows > 0 ? 'warning' : 'success'} testId="report-merged">
          {t('validate.report.merged', { changed: reportMerge.changed, rows: reportMerge.rows })}
          {reportMerge.unknownRows > 0 &&
            ` ${t('validate.report.unknown', { count: reportMerge.unknownRows })}`}
        </Alert>
      )}
    </section>
  );
}
