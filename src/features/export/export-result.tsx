import { useState } from 'react';
import { formatBytes } from '../../i18n/translate';
import type { ExportFile } from '../../state/export-slice';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';

/**
 * The written file: how many records it holds and which were left out (and why), its size,
 * checksum (copyable) and the download link. A file with no records is a warning, not "Ready".
 */
export function ExportResult({ file }: { file: ExportFile }) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(file.sha256);
    setCopied(true);
  };
  return (
    <section
      className="panel"
      aria-labelledby="export-ready"
      data-testid="export-result"
      data-records={file.records}
      data-skipped={file.skipped}
    >
      <h3 id="export-ready" tabIndex={-1} className={file.records === 0 ? 'export-empty' : undefined}>
        {file.records === 0 ? `⚠ ${t('export.readyEmpty', { name: file.fileName })}` : t('export.ready', { name: file.fileName, records: file.records })}
      </h3>
      {file.skipped > 0 && (
        <Alert tone="warning" testId="export-skipped">
          {t('export.skipped', { rows: file.skipped })}
        </Alert>
      )}
      {file.replacedChars > 0 && (
        <Alert tone="warning" testId="export-replaced">
          {t('export.replacedChars', { chars: file.replacedChars })}
        </Alert>
      )}
      <dl className="facts">
        <dt>{t('export.size')}</dt>
        <dd data-testid="export-size" data-bytes={file.size}>
          {/* The exact count beside a rounded size; below 1,000 bytes the size is exact already. */}
          {formatBytes(locale, file.size)}
          {file.size >= 1000 && ` (${file.size.toLocaleString(locale)} B)`}
        </dd>
        <dt>{t('export.sha256')}</dt>
        <dd>
          <code className="checksum" data-testid="export-sha256">
            {file.sha256}
          </code>
          <button type="button" onClick={() => void copy()}>
            {copied ? t('export.copied') : t('export.copy')}
          </button>
        </dd>
      </dl>
      <p className="muted">{t('export.verify', { name: file.fileName })}</p>
      <a className="button primary" href={file.url} download={file.fileName} data-testid="export-download">
        {t('export.download', { name: file.fileName })}
      </a>
    </section>
  );
}
