import { useEffect, useRef } from 'react';
import { formatBytes, formatBytesOf, formatDuration } from '../../i18n/translate';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { DropZone } from '../../ui/drop-zone';
import { HeadTable } from '../../ui/head-table';
import { ProgressBar } from '../../ui/progress-bar';
import { DetectedSettings } from './detected-settings';
import { PasteBox } from './paste-box';
import { loadedTone, ReadOutcome } from './read-outcome';
import { SAMPLES, useSourceLoaders } from './use-source-loaders';

/** Step 1: get a file in, show what was detected and let the user correct it. */
export function UploadStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { readStatus, readingName, readingSize, readProgress, headRows, summary, readError, readCancelled, cancelRead } = useStore();
  const { openFile, openPasted, openSample } = useSourceLoaders();
  const busy = readStatus === 'reading';
  const loadedRef = useRef<HTMLDivElement>(null);
  const version = summary?.version;

  useEffect(() => {
    // Tell keyboard and screen-reader users the file is in: focus the result.
    if (version !== undefined) loadedRef.current?.focus();
  }, [version]);

  const fraction = readProgress && readProgress.total > 0 ? readProgress.done / readProgress.total : null;

  return (
    <div className="step-body">
      <DropZone
        prompt={t('upload.drop')}
        orLabel={t('upload.or')}
        chooseLabel={t('upload.choose')}
        disabled={busy}
        onFile={openFile}
      />
      <div className="upload-alternatives">
        <PasteBox disabled={busy} onRead={(text) => openPasted(text, t('upload.paste.name'))} />
        <div className="samples">
          <p>{t('upload.samples')}</p>
          {SAMPLES.map((s) => (
            <button
              key={s.file}
              type="button"
              disabled={busy}
              onClick={() => void openSample(s.file)}
              data-testid={`sample-${s.file}`}
            >
              {t(s.label)}
            </button>
          ))}
        </div>
      </div>

      {busy && (
        <ProgressBar
          label={t('upload.reading', { file: readingName ?? '' })}
          fraction={fraction}
          detail={
            readProgress
              ? t('upload.progress', { ...formatBytesOf(locale, (fraction ?? 0) * (readingSize ?? 0), readingSize ?? 0), rows: readProgress.rows })
              : undefined
          }
          cancelLabel={t('upload.cancel')}
          onCancel={cancelRead}
        />
      )}
      {readError && (
        <Alert tone="error" title={t('error.title')} testId="read-error">
          {describeError(t, locale, readError)}
        </Alert>
      )}
      {readCancelled && <Alert tone="info">{t('upload.cancelled')}</Alert>}
      {summary && (
        <>
          <div ref={loadedRef} tabIndex={-1} className="loaded" data-testid="loaded-summary">
            <Alert tone={loadedTone(summary)}>
              {t('upload.loaded', {
                rows: summary.rowCount,
                columns: summary.columns.length,
                file: summary.fileName,
                size: formatBytes(locale, summary.size),
                duration: formatDuration(locale, summary.durationMs),
              })}
            </Alert>
          </div>
          <ReadOutcome summary={summary} />
          {(summary.meta.replacements ?? 0) > 0 && (
            <Alert tone="warning" testId="decode-warning">
              {t('upload.replacements', { count: summary.meta.replacements ?? 0, encoding: summary.settings.encoding })}
            </Alert>
          )}
          <DetectedSettings summary={summary} busy={busy} />
        </>
      )}
      {headRows && (
        <HeadTable
          caption={t('upload.head', { count: headRows.rows.length })}
          rowLabel={t('preview.rowNumber')}
          missingLabel={t('preview.missing')}
          columns={headRows.columns}
          rows={headRows.rows}
          sourceRows={headRows.sourceRows}
        />
      )}
    </div>
  );
}
