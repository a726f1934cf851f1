import { useEffect, useState } from 'react';
import { formatBytes, type Locale } from '../../i18n/translate';
import { SelectField } from '../../ui/select-field';
import type { T } from './review-text';
import { useFocusResult } from './use-focus-result';

type Format = 'json' | 'csv' | 'xml' | 'xlsx';

export interface ChangesExportProps {
  readonly t: T;
  readonly locale: Locale;
  /** Changes when the review does: an older file is withdrawn. */
  readonly version: number;
  readonly baseName: string;
  readonly onExport: (format: Format) => Promise<{ url: string; size: number; sha256: string } | null>;
}

interface Made {
  readonly url: string;
  readonly size: number;
  readonly sha256: string;
  readonly name: string;
  /** The review version and format it was made for: a decision or a new diff makes it out of date. */
  readonly version: number;
  readonly format: Format;
}

/** Only the accepted changes, as operations, with size and SHA-256 beside the download link. */
export function ChangesExport({ t, locale, version, baseName, onExport }: ChangesExportProps) {
  const [format, setFormat] = useState<Format>('json');
  const [made, setMade] = useState<Made | null>(null);
  const [busy, setBusy] = useState(false);
  const focusResult = useFocusResult();

  useEffect(
    () => () => {
      if (made) URL.revokeObjectURL(made.url);
    },
    [made],
  );

  const create = async () => {
    setBusy(true);
    const r = await onExport(format);
    setBusy(false);
    if (r) {
      setMade({ ...r, name: `${baseName}-changes.${format}`, version, format });
      focusResult('changes-result');
    }
  };
  return (
    <section className="panel review-export" aria-labelledby="review-export-title">
      <h3 id="review-export-title">{t('review.export.title')}</h3>
      <p className="muted">{t('review.export.explain')}</p>
      <div className="export-row">
        <SelectField
          label={t('review.export.format')}
          value={format}
          onChange={setFormat}
          options={(['json', 'csv', 'xml', 'xlsx'] as const).map((f) => ({ value: f, label: t(`review.export.${f}`) }))}
          testId="changes-format"
        />
        <button type="button" disabled={busy} onClick={() => void create()} data-testid="changes-create">
          {t('review.export.button')}
        </button>
      </div>
      {made && made.version === version && made.format === format && (
        <div id="changes-result" tabIndex={-1} className="focus-target" data-testid="changes-result">
          <dl className="facts">
            <dt>{t('review.export.size')}</dt>
            <dd data-testid="changes-size" data-bytes={made.size}>
              {formatBytes(locale, made.size)}
            </dd>
            <dt>{t('review.export.sha')}</dt>
            <dd>
              <code className="checksum" data-testid="changes-sha256">
                {made.sha256}
              </code>
            </dd>
          </dl>
          <a className="button primary" href={made.url} download={made.name} data-testid="changes-download">
            {t('review.export.download', { name: made.name })}
          </a>
        </div>
      )}
    </section>
  );
}
