import { useId, useState, type FormEvent } from 'react';
import type { EditOp, FieldSummary } from '../../core/engine/mapped-workspace';
import type { Transform } from '../../core/mapping/mapping-types';
import { picklistMap } from '../../core/mapping/transform-catalogue';
import type { FieldDef } from '../../core/schema/schema-types';
import type { MessageKey } from '../../i18n/translate';
import { useStore, useT } from '../../state/store';
import { fieldLabel } from './problem-text';

type Choice =
  'trim' | 'collapse' | 'lower' | 'upper' | 'title-case' | 'email' | 'phone' | 'date' | 'number' | 'value-map';
const CHOICES: readonly Choice[] = [
  'value-map',
  'trim',
  'collapse',
  'lower',
  'upper',
  'title-case',
  'email',
  'phone',
  'date',
  'number',
];

function transformOf(
  choice: Choice,
  country: string,
  order: 'auto' | 'DMY' | 'MDY' | 'YMD',
  decimal: '.' | ',',
  field: FieldDef | undefined,
): Transform {
  switch (choice) {
    case 'value-map':
      // Labels, keys and synonyms of the options (or the yes/no words) to the option keys.
      return { kind: 'value-map', map: field ? picklistMap(field) : {} };
    case 'trim':
      return { kind: 'trim' };
    case 'collapse':
      return { kind: 'collapse-spaces' };
    case 'lower':
      return { kind: 'case', to: 'lower' };
    case 'upper':
      return { kind: 'case', to: 'upper' };
    case 'title-case':
      return { kind: 'case', to: 'title' };
    case 'email':
      return { kind: 'lowercase-email' };
    case 'phone':
      return { kind: 'phone', country: country.trim().toUpperCase() || 'US' };
    case 'date':
      return { kind: 'date', order };
    case 'number':
      return { kind: 'number', decimal };
  }
}

export interface ColumnToolsProps {
  readonly fields: readonly FieldSummary[];
  readonly busy: boolean;
  readonly onEdit: (op: EditOp) => void;
}

/** Bulk fixes over one field: find and replace, and a transform applied to every value. */
export function ColumnTools({ fields, busy, onEdit }: ColumnToolsProps) {
  const t = useT();
  const id = useId();
  const locale = useStore((s) => s.locale);
  const defaultCountry = useStore((s) => s.defaultCountry);
  const object = useStore((s) => s.mappingObject);
  const first = fields[0]?.key ?? '';
  const [rField, setRField] = useState(first);
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeCell, setWholeCell] = useState(false);
  const [tField, setTField] = useState(first);
  const [choice, setChoice] = useState<Choice>('value-map');
  const [country, setCountry] = useState(defaultCountry);
  const [order, setOrder] = useState<'auto' | 'DMY' | 'MDY' | 'YMD'>('auto');
  const [decimal, setDecimal] = useState<'.' | ','>('.');

  const fieldOptions = fields.map((f) => (
    <option key={f.key} value={f.key}>
      {fieldLabel(f, locale)}
    </option>
  ));
  const submitReplace = (e: FormEvent) => {
    e.preventDefault();
    if (find === '' && !wholeCell) return;
    onEdit({ kind: 'replace', field: rField, find, replace, matchCase, wholeCell });
  };
  const def = object.fields.find((f) => f.key === tField);
  // A value map only means something for fields with a fixed set of values.
  const mappable = def?.type === 'picklist' || def?.type === 'boolean';
  const choices = CHOICES.filter((c) => c !== 'value-map' || mappable);
  const kind = choices.includes(choice) ? choice : (choices[0] ?? 'trim');
  const submitTransform = (e: FormEvent) => {
    e.preventDefault();
    onEdit({
      kind: 'transform',
      field: tField,
      transforms: [transformOf(kind, country, order, decimal, def)],
    });
  };

  return (
    <div className="vtools">
      <form
        className="panel vform"
        onSubmit={submitReplace}
        aria-labelledby={`${id}-r`}
        data-testid="replace-form"
      >
        <h3 id={`${id}-r`}>{t('validate.replace.title')}</h3>
        <label className="field">
          {t('validate.replace.field')}
          <select
            value={rField}
            onChange={(e) => setRField(e.target.value)}
            data-testid="replace-field"
          >
            {fieldOptions}
          </select>
        </label>
        <label className="field">
          {t('validate.replace.find')}
          <input
            value={find}
            onChange={(e) => setFind(e.target.value)}
            data-testid="replace-find"
          />
        </label>
        <label className="field">
          {t('validate.replace.with')}
          <input
            value={replace}
            onChange={(e) => setReplace(e.target.value)}
            data-testid="replace-with"
          />
        </label>
        <div className="vchecks">
          <label>
            <input
              type="checkbox"
              checked={matchCase}
              onChange={(e) => setMatchCase(e.target.checked)}
              data-testid="replace-match-case"
            />{' '}
            {t('validate.replace.matchCase')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={wholeCell}
              onChange={(e) => setWholeCell(e.target.checked)}
              data-testid="replace-whole-cell"
            />{' '}
            {t('validate.replace.wholeCell')}
          </label>
        </div>
        <button type="submit" disabled={busy} data-testid="replace-apply">
          {t('validate.replace.apply')}
        </button>
      </form>
      <form
        className="panel vform"
        onSubmit={submitTransform}
        aria-labelledby={`${id}-t`}
        data-testid="transform-form"
      >
        <h3 id={`${id}-t`}>{t('validate.transform.title')}</h3>
        <label className="field">
          {t('validate.transform.field')}
          <select
            value={tField}
            onChange={(e) => setTField(e.target.value)}
            data-testid="transform-field"
          >
            {fieldOptions}
          </select>
        </label>
        <label className="field">
          {t('validate.transform.kind')}
          <select
            value={kind}
            onChange={(e) => setChoice(e.target.value as Choice)}
            data-testid="transform-kind"
          >
            {choices.map((c) => (
              <option key={c} value={c}>
                {t(`validate.transform.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'phone' && (
          <label className="field">
            {t('validate.transform.country')}
            <input
              value={country}
              maxLength={2}
              onChange={(e) => setCountry(e.target.value)}
              data-testid="transform-country"
            />
          </label>
        )}
        {kind === 'date' && (
          <label className="field">
            {t('validate.transform.order')}
            <select
              value={order}
              onChange={(e) => setOrder(e.target.value as typeof order)}
              data-testid="transform-order"
            >
              <option value="auto">{t('validate.transform.order.auto')}</option>
              <option value="DMY">DMY (31/12/2024)</option>
              <option value="MDY">MDY (12/31/2024)</option>
              <option value="YMD">YMD (2024/12/31)</option>
            </select>
          </label>
        )}
        {kind === 'number' && (
          <label className="field">
            {t('validate.transform.decimal')}
            <select
              value={decimal}
              onChange={(e) => setDecimal(e.target.value as '.' | ',')}
              data-testid="transform-decimal"
            >
              <option value=".">1,234.56</option>
              <option value=",">1.234,56</option>
            </select>
          </label>
        )}
        <button type="submit" disabled={busy} data-testid="transform-apply">
          {t('validate.transform.apply')}
        </button>
      </form>
    </div>
  );
}
