import { useEffect, useRef } from 'react';
import { formatBytes, formatBytesOf, formatDuration } from '../../i18n/translate';
import { usePick, useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { describeError } from '../../ui/describe-error';
import { DropZone } from '../../ui/drop-zone';
import { HeadTable } from '../../ui/head-table';
import { ProgressBar } from '../../ui/progress-bar';
import { DetectedSettings, encodingName } from './detected-settings';
import { PasteBox } from './paste-box';
import { loadedTone, ReadOutcome } from './read-outcome';
import { SAMPLES, useSourceLoaders } from './use-source-loaders';

/** Step 1: get a file in, show what was detected and let the user correct it. */
export function UploadStep() {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const { readStatus, headRows, summary, readError, readCancelled } = usePick(
    'readStatus', 'headRows', 'summary', 'readError', 'readCancelled',
  );
  const { openFile, openPasted, openSample } = useSourceLoaders();
  const busy = readStatus === 'reading';
  const loadedRef = useRef<HTMLDivElement>(null);
  // The detected setting whose change is being read (its test id): it is disabled meanwhile,
  // which drops the focus to the page, and gets it back when the read ends.
  const settingUsed = useRef<string | null>(null);
  const focusedVersion = useRef<number | undefined>(undefined);
  const version = summary?.version;

  useEffect(() => {
    if (busy) return;
    const id = settingUsed.current;
    const fresh = version !== focusedVersion.current;
    settingUsed.current = null;
    focusedVersion.current = version;
    // Someone trying encodings with the arrow keys stays on the control, read or not.
    if (id !== null) (document.querySelector<HTMLElement>(`[data-testid="${id}"]`) ?? loadedRef.current)?.focus();
    // Tell keyboard and screen-reader users the file is in: focus the result.
    else if (fresh && version !== undefined) loadedRef.current?.focus();
  }, [busy, version]);

  // Picking stays open while a file is read: a new pick replaces the read in progress (the last
  // pick always wins, see source-slice.ts), so a click during a restore is never swallowed.
  return (
    <div className="step-body">
      <DropZone
        prompt={t('upload.drop')}
        orLabel={t('upload.or')}
        chooseLabel={t('upload.choose')}
        disabled={false}
        onFile={openFile}
      />
      <div className="upload-alternatives">
        <PasteBox disabled={false} onRead={(text) => openPasted(text, t('upload.paste.name'))} />
        <div className="samples">
          <p>{t('upload.samples')}</p>
          {SAMPLES.map((s) => (
            <button
              key={s.file}
              type="button"
              onClick={() => void openSample(s.file)}
              data-testid={`sample-${s.file}`}
            >
              {t(s.label)}
            </button>
          ))}
        </div>
      </div>

      {busy && <ReadProgress />}
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
              {t('upload.replacements', { count: summary.meta.replacements ?? 0, encoding: encodingName(t, summary.settings.encoding) })}
            </Alert>
          )}
          <DetectedSettings summary={summary} busy={busy} onSetting={(id) => (settingUsed.current = id)} />
        </>
      )}
      {headRows && (
        <HeadTable
          caption={t('upload.head', { count: headRows.rows.length })}
          rowLabel={t('preview.rowNumber')}
          missingLabel={t('preview.missing')}
          moreColumns={(count) => t('head.moreColumns', { count })}
          columns={headRows.columns}
          rows={headRows.rows}
          sourceRows={headRows.sourceRows}
        />
      )}
    </div>
  );
}

/** The read's progress; the only part of the step that re-renders on each tick. */
function ReadProgress() {
  const t = useT();
  const { locale, readingName, readingSize, readProgress, cancelRead } = usePick(
    'locale', 'readingName', 'readingSize', 'readProgress', 'cancelRead',
  );
  const fraction = readProgress && readProgress.total > 0 ? readProgress.done / readProgress.total : null;
  return (
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
  );
}
