import { useEffect, useState } from 'react';
import { formatBytes, type Locale } from '../../i18n/translate';
import { SelectField } from '../../ui/select-field';
import type { T } from './review-text';
import { useFocusResult } from '../../ui/use-focus-result';

type Format = 'json' | 'csv' | 'xml' | 'xlsx';

export interface ChangesExportProps {
  readonly t: T;
  readonly locale: Locale;
  /** Changes when the review does: an older file is withdrawn. */
  readonly version: number;
  readonly baseName: string;
  readonly onExport: (format: Format, direction: 'forward' | 'undo') => Promise<{ url: string; size: number; sha256: string } | null>;
}

interface File {
  readonly url: string;
  readonly size: number;
  readonly sha256: string;
  readonly name: string;
}

interface Made {
  readonly forward: File;
  /** The change set that undoes `forward`. */
  readonly undo: File;
  /** The review version and format it was made for: a decision or a new diff makes it out of date. */
  readonly version: number;
  readonly format: Format;
}

/**
 * Only the accepted changes, as operations, and beside them the change set that undoes them,
 * each with its size and SHA-256 beside the download link.
 */
export function ChangesExport({ t, locale, version, baseName, onExport }: ChangesExportProps) {
  const [format, setFormat] = useState<Format>('json');
  const [made, setMade] = useState<Made | null>(null);
  const [busy, setBusy] = useState(false);
  const focusResult = useFocusResult();

  useEffect(
    () => () => {
      if (made) {
        URL.revokeObjectURL(made.forward.url);
        URL.revokeObjectURL(made.undo.url);
      }
    },
    [made],
  );

  const create = async () => {
    setBusy(true);
    const forward = await onExport(format, 'forward');
    const undo = forward && (await onExport(format, 'undo'));
    setBusy(false);
    if (forward && undo) {
      setMade({
        forward: { ...forward, name: `${baseName}-changes.${format}` },
        undo: { ...undo, name: `${baseName}-undo.${format}` },
        version,
        format,
      });
      focusResult('changes-result');
    } else if (forward) URL.revokeObjectURL(forward.url);
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
        <div id="changes-result" tabIndex={-1} className="focus-target change-files" data-testid="changes-result">
          <ChangeFile t={t} locale={locale} title={t('review.export.forward')} file={made.forward} testId="changes" />
          <ChangeFile t={t} locale={locale} title={t('review.export.undo')} file={made.undo} testId="undo" note={t('review.export.undoExplain')} />
        </div>
      )}
    </section>
  );
}

/** One downloadable change file with its size and checksum. */
function ChangeFile({ t, locale, title, file, testId, note }: { t: T; locale: Locale; title: string; file: File; testId: string; note?: string }) {
  return (
    <div data-testid={`${testId}-file`} className="change-file">
      <h4>{title}</h4>
      {note && <p className="muted small">{note}</p>}
      <dl className="facts">
        <dt>{t('review.export.size')}</dt>
        <dd data-testid={`${testId}-size`} data-bytes={file.size}>
          {formatBytes(locale, file.size)}
        </dd>
        <dt>{t('review.export.sha')}</dt>
        <dd>
          <code className="checksum" data-testid={`${testId}-sha256`}>
            {file.sha256}
          </code>
        </dd>
      </dl>
      <a className="button primary" href={file.url} download={file.name} data-testid={`${testId}-download`}>
        {t('review.export.download', { name: file.name })}
      </a>
    </div>
  );
}
