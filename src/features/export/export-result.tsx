import { useState } from 'react';
import { formatBytes } from '../../i18n/translate';
import type { ExportFile } from '../../state/export-slice';
import { useStore, useT } from '../../state/store';

/** The written file: size, checksum (copyable), and the download link. */
export function ExportResult({ file }: { file: ExportFile }) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(file.sha256);
    setCopied(true);
  };
  return (
    <section className="panel" aria-labelledby="export-ready" data-testid="export-result">
      <h3 id="export-ready">{t('export.ready', { name: file.fileName })}</h3>
      <dl className="facts">
        <dt>{t('export.size')}</dt>
        <dd data-testid="export-size" data-bytes={file.size}>
          {formatBytes(locale, file.size)} ({file.size.toLocaleString(locale)} B)
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
