import type { LoadSummary } from '../../core/engine/dataset-engine';
import type { SourceSettings } from '../../core/engine/source-settings';
import type { CsvDialect } from '../../core/detect/dialect';
import { SUPPORTED_ENCODINGS } from '../../core/detect/encoding';
import type { Guess, SourceFormat } from '../../core/read/read-types';
import { isMessageKey, type MessageKey } from '../../i18n/translate';
import { useStore, useT } from '../../state/store';
import { SelectField, type SelectOption } from '../../ui/select-field';

const FORMATS: readonly SourceFormat[] = ['csv', 'json', 'ndjson', 'xml', 'xlsx'];
const DELIMITERS = [',', ';', '\t', '|'] as const;
/** The sheet rows offered as the header of a workbook (the row found is offered too, however far down). */
const HEADER_ROW_CHOICES = 30;

/** An encoding's name in the page's language, as the list shows it ('Unicode (UTF-8)' for `utf-8`). */
export function encodingName(t: (key: MessageKey) => string, label: string): string {
  const key = `encoding.${label}`;
  return isMessageKey(key) ? t(key) : (SUPPORTED_ENCODINGS.find((e) => e.label === label)?.name ?? label);
}

export interface DetectedSettingsProps {
  readonly summary: LoadSummary;
  readonly busy: boolean;
  /** Called with the control's test id before its change is read (the focus returns to it). */
  readonly onSetting: (testId: string) => void;
}

/**
 * What was detected and why, each setting a control: a change re-reads the file at once in the
 * engine (the bytes are kept there, so nothing is uploaded again).
 */
export function DetectedSettings({ summary, busy, onSetting }: DetectedSettingsProps) {
  const t = useT();
  const locale = useStore((s) => s.locale);
  const configure = useStore((s) => s.configure);
  const { settings, detection, meta } = summary;
  const set = (testId: string, patch: Partial<SourceSettings>) => {
    onSetting(testId);
    void configure(patch);
  };
  const setDialect = (testId: string, patch: Partial<CsvDialect>) => set(testId, { dialect: { ...settings.dialect, ...patch } });

  const why = (guess: Guess<unknown> | null | undefined, detected: unknown): string | undefined => {
    if (!guess || guess.value !== detected) return undefined;
    const key = `reason.${guess.reason}`;
    const reason = isMessageKey(key) ? t(key, guess.params) : guess.reason;
    const percent = Math.round(guess.confidence * 100);
    return `${reason} · ${t('upload.confidence', { percent })}`;
  };

  const dialect = detection.dialect;
  const isText = settings.format !== 'xlsx';
  const formatOptions: SelectOption<SourceFormat>[] = FORMATS.map((f) => ({ value: f, label: t(`format.${f}`) }));
  // Names in the page's language (the English ones in encoding.ts are the command line's and the tests').
  const encodingOptions = SUPPORTED_ENCODINGS.map((e) => ({ value: e.label, label: encodingName(t, e.label) }));
  if (!encodingOptions.some((o) => o.value === settings.encoding)) {
    encodingOptions.unshift({ value: settings.encoding, label: settings.encoding });
  }

  return (
    <section className="panel" aria-labelledby="detected-title" data-testid="detected">
      <h3 id="detected-title">{t('upload.detected')}</h3>
      <p className="muted">{t('upload.detected.hint')}</p>
      <div className="field-grid">
        <SelectField
          label={t('upload.field.format')}
          value={settings.format}
          options={formatOptions}
          disabled={busy}
          hint={why(detection.format, settings.format)}
          onChange={(format) => set('setting-format', { format })}
          testId="setting-format"
        />
        {isText && (
          <SelectField
            label={t('upload.field.encoding')}
            value={settings.encoding}
            options={encodingOptions}
            disabled={busy}
            hint={why(detection.encoding, settings.encoding)}
            onChange={(encoding) => set('setting-encoding', { encoding })}
            testId="setting-encoding"
          />
        )}
        {settings.format === 'csv' && (
          <>
            <SelectField
              label={t('upload.field.delimiter')}
              value={settings.dialect.delimiter}
              options={DELIMITERS.map((d) => ({ value: d, label: t(`delimiter.${d}`) }))}
              disabled={busy}
              hint={why(dialect?.delimiter, settings.dialect.delimiter)}
              onChange={(delimiter) => setDialect('setting-delimiter', { delimiter })}
              testId="setting-delimiter"
            />
            <SelectField
              label={t('upload.field.header')}
              value={settings.dialect.header}
              options={(['first-row', 'none'] as const).map((h) => ({ value: h, label: t(`header.${h}`) }))}
              disabled={busy}
              hint={why(dialect?.header, settings.dialect.header)}
              onChange={(header) => setDialect('setting-header', { header })}
              testId="setting-header"
            />
            <SelectField
              label={t('upload.field.skip')}
              value={String(settings.dialect.skipLines)}
              options={Array.from({ length: 21 }, (_, n) => ({ value: String(n), label: n.toLocaleString(locale) }))}
              disabled={busy}
              hint={why(dialect?.skipLines, settings.dialect.skipLines)}
              onChange={(n) => setDialect('setting-skip', { skipLines: Number(n) })}
              testId="setting-skip"
            />
            <SelectField
              label={t('upload.field.quote')}
              value={settings.dialect.quoteChar}
              options={(['"', "'"] as const).map((q) => ({ value: q, label: t(`quote.${q}`) }))}
              disabled={busy}
              hint={why(dialect?.quoteChar, settings.dialect.quoteChar)}
              onChange={(quoteChar) => setDialect('setting-quote', { quoteChar })}
              testId="setting-quote"
            />
            <SelectField
              label={t('upload.field.decimal')}
              value={settings.dialect.decimalSeparator}
              options={(['.', ','] as const).map((d) => ({ value: d, label: t(`decimal.${d}`) }))}
              disabled={busy}
              hint={why(dialect?.decimalSeparator, settings.dialect.decimalSeparator)}
              onChange={(decimalSeparator) => setDialect('setting-decimal', { decimalSeparator })}
              testId="setting-decimal"
            />
            <SelectField
              label={t('upload.field.dateOrder')}
              value={settings.dialect.dateOrder}
              options={(['DMY', 'MDY', 'YMD', 'unknown'] as const).map((d) => ({ value: d, label: t(`dateOrder.${d}`) }))}
              disabled={busy}
              hint={why(dialect?.dateOrder, settings.dialect.dateOrder)}
              onChange={(dateOrder) => setDialect('setting-date-order', { dateOrder })}
              testId="setting-date-order"
            />
          </>
        )}
        {meta.recordCandidates && meta.recordCandidates.length > 0 && (
          <SelectField
            label={t('upload.field.recordPath')}
            value={settings.recordPath ?? ''}
            options={meta.recordCandidates.map((c) => ({
              value: c.path,
              label: `${c.path === '' ? '/' : c.path}${c.count === undefined ? '' : ` (${c.count.toLocaleString(locale)})`}`,
            }))}
            disabled={busy}
            onChange={(recordPath) => set('setting-record-path', { recordPath })}
            testId="setting-record-path"
          />
        )}
        {meta.sheets && (
          <SelectField
            label={t('upload.field.sheet')}
            value={settings.sheet ?? meta.sheets[0] ?? ''}
            options={meta.sheets.map((s) => ({ value: s, label: s }))}
            disabled={busy}
            // Another sheet has its own title block: its header is found again.
            onChange={(sheet) => set('setting-sheet', { sheet, headerRow: undefined })}
            testId="setting-sheet"
          />
        )}
        {settings.format === 'xlsx' && meta.headerRow !== undefined && (
          <SelectField
            label={t('upload.field.headerRow')}
            value={String(meta.headerRow)}
            options={Array.from({ length: Math.max(HEADER_ROW_CHOICES, meta.headerRow) }, (_, i) => ({
              value: String(i + 1),
              label: t('upload.headerRow.row', { row: i + 1 }),
            }))}
            disabled={busy}
            hint={
              settings.headerRow !== undefined
                ? undefined
                : meta.titleRows
                  ? t('upload.headerRow.titles', { count: meta.titleRows })
                  : t('upload.headerRow.first')
            }
            onChange={(row) => set('setting-header-row', { headerRow: Number(row) })}
            testId="setting-header-row"
          />
        )}
      </div>
    </section>
  );
}
