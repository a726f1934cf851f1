import { useId, useState, type FormEvent } from 'react';
import type { CustomFieldInput } from '../../core/schema/custom-field';
import { FIELD_TYPES, type FieldType } from '../../core/schema/schema-types';
import type { T } from './mapping-text';

export interface CustomFieldFormProps {
  readonly t: T;
  readonly onAdd: (input: CustomFieldInput) => void;
}

/** Name, type, required: a new field of the object, then selectable in every column. */
export function CustomFieldForm({ t, onAdd }: CustomFieldFormProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [type, setType] = useState<FieldType>('text');
  const [required, setRequired] = useState(false);
  const [options, setOptions] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setMessage({ tone: 'error', text: t('map.custom.nameMissing') });
      return;
    }
    const list = type === 'picklist' ? options.split(/[,，\n]/).map((o) => o.trim()).filter((o) => o !== '') : undefined;
    onAdd({ name: trimmed, type, required, ...(list ? { options: list } : {}) });
    setMessage({ tone: 'ok', text: t('map.custom.added', { name: trimmed }) });
    setName('');
    setOptions('');
    setRequired(false);
  };
  return (
    <form className="panel map-panel" onSubmit={submit} aria-labelledby={`${id}t`} data-testid="map-custom-form">
      <h3 id={`${id}t`}>{t('map.custom.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}n`}>{t('map.custom.name')}</label>
        <input id={`${id}n`} type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="map-custom-name" />
      </div>
      <div className="field">
        <label htmlFor={`${id}y`}>{t('map.custom.type')}</label>
        <select id={`${id}y`} value={type} onChange={(e) => setType(e.target.value as FieldType)} data-testid="map-custom-type">
          {FIELD_TYPES.map((ft) => (
            <option key={ft} value={ft}>
              {t(`map.type.${ft}`)}
            </option>
          ))}
        </select>
      </div>
      {type === 'picklist' && (
        <div className="field">
          <label htmlFor={`${id}p`}>{t('map.custom.options')}</label>
          <input id={`${id}p`} type="text" value={options} onChange={(e) => setOptions(e.target.value)} data-testid="map-custom-options" />
        </div>
      )}
      <label className="inline-check">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} data-testid="map-custom-required" />
        {t('map.custom.required')}
      </label>
      <div>
        <button type="submit" data-testid="map-custom-add">
          {t('map.custom.add')}
        </button>
      </div>
      <p className={message?.tone === 'error' ? 'form-error' : 'muted'} role="status" data-testid="map-custom-status">
        {message?.tone === 'error' && <span aria-hidden="true">⚠ </span>}
        {message?.text}
      </p>
    </form>
  );
}
