import { useId } from 'react';
import { effectiveCsv, type ExportChoices, type ExportFormat } from '../../state/export-slice';
import { useStore, useT } from '../../state/store';
import { Alert } from '../../ui/alert';
import { SelectField } from '../../ui/select-field';

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'json', 'ndjson', 'xml'];
const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface ExportOptionsProps {
  readonly choices: ExportChoices;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<ExportChoices>) => void;
}

/** Format and its options; every choice is explicit, with safe defaults. */
export function ExportOptions({ choices, disabled, onChange }: ExportOptionsProps) {
  const t = useT();
  const id = useId();
  const nonAscii = useStore((s) => s.summary?.nonAscii ?? false);
  const { csv, xml } = choices;
  const bom = effectiveCsv(choices, nonAscii).bom;
  const text = (key: 'root' | 'record', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        value={xml[key]}
        disabled={disabled}
        data-testid={`xml-${key}`}
        onChange={(e) => onChange({ xml: { ...xml, [key]: e.target.value } })}
      />
    </div>
  );
  return (
    <div className="field-grid">
      <SelectField
        label={t('export.format')}
        value={choices.format}
        options={FORMATS.map((f) => ({ value: f, label: t(`export.format.${f}`) }))}
        disabled={disabled}
        onChange={(format) => onChange({ format })}
        testId="export-format"
      />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('export.fileName')}</label>
        <input
          id={`${id}-name`}
          value={choices.baseName}
          disabled={disabled}
          data-testid="export-name"
          onChange={(e) => onChange({ baseName: e.target.value })}
        />
      </div>
      {choices.format === 'csv' && (
        <>
          <SelectField
            label={t('export.csv.delimiter')}
            value={csv.delimiter as (typeof DELIMITERS)[number]}
            options={DELIMITERS.map((d) => ({ value: d, label: t(`delimiter.${d}`) }))}
            disabled={disabled}
            onChange={(delimiter) => onChange({ csv: { ...csv, delimiter } })}
            testId="csv-delimiter"
          />
          <SelectField
            label={t('export.csv.quoting')}
            value={csv.quoting}
            options={(['minimal', 'all'] as const).map((q) => ({ value: q, label: t(`export.csv.quoting.${q}`) }))}
            disabled={disabled}
            onChange={(quoting) => onChange({ csv: { ...csv, quoting } })}
            testId="csv-quoting"
          />
          <SelectField
            label={t('export.csv.newline')}
            value={csv.newline === '\r\n' ? 'crlf' : 'lf'}
            options={(['crlf', 'lf'] as const).map((n) => ({ value: n, label: t(`export.csv.newline.${n}`) }))}
            disabled={disabled}
            onChange={(n) => onChange({ csv: { ...csv, newline: n === 'crlf' ? '\r\n' : '\n' } })}
            testId="csv-newline"
          />
          <label className="check">
            <input
              type="checkbox"
              checked={bom}
              disabled={disabled}
              data-testid="csv-bom"
              aria-describedby={choices.bomAuto ? `${id}-bom-why` : undefined}
              onChange={(e) => onChange({ csv: { ...csv, bom: e.target.checked }, bomAuto: false })}
            />
            {t('export.csv.bom')}
          </label>
          {choices.bomAuto && (
            <p id={`${id}-bom-why`} className="muted" data-testid="csv-bom-why">
              {t(nonAscii ? 'export.csv.bom.auto.on' : 'export.csv.bom.auto.off')}
            </p>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={csv.formulaGuard}
              disabled={disabled}
              data-testid="csv-guard"
              onChange={(e) => onChange({ csv: { ...csv, formulaGuard: e.target.checked } })}
            />
            {t('export.csv.guard')}
          </label>
          {!csv.formulaGuard && <Alert tone="warning">{t('export.csv.guard.off')}</Alert>}
        </>
      )}
      {choices.format === 'json' && (
        <SelectField
          label={t('export.json.style')}
          value={choices.jsonStyle}
          options={(['pretty', 'compact'] as const).map((s) => ({ value: s, label: t(`export.json.${s}`) }))}
          disabled={disabled}
          onChange={(jsonStyle) => onChange({ jsonStyle })}
          testId="json-style"
        />
      )}
      {choices.format === 'xlsx' && (
        <>
          <SelectField
            label={t('export.xlsx.overflow')}
            value={choices.xlsxOverflow}
            options={(['split', 'refuse'] as const).map((o) => ({ value: o, label: t(`export.xlsx.overflow.${o}`) }))}
            disabled={disabled}
            onChange={(xlsxOverflow) => onChange({ xlsxOverflow })}
            testId="xlsx-overflow"
          />
          <p className="muted">{t('export.xlsx.hint')}</p>
        </>
      )}
      {choices.format === 'xml' && (
        <>
          {text('root', t('export.xml.root'))}
          {text('record', t('export.xml.record'))}
        </>
      )}
    </div>
  );
}
