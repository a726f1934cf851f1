import type { ColumnMapping, FieldMapping } from '../../core/mapping/mapping-types';
import type { CrmObject } from '../../core/schema/schema-types';
import type { Locale } from '../../i18n/translate';
import { fieldOptionText, type T } from './mapping-text';

const SKIP = ':skip';
const CUSTOM = ':custom';
const FIELD = 'f:';

export interface FieldSelectProps {
  readonly t: T;
  readonly locale: Locale;
  readonly id: string;
  readonly object: CrmObject;
  readonly mapping: ColumnMapping;
  /** Field key → header of the first other column mapped to it. */
  readonly usedBy: ReadonlyMap<string, string>;
  readonly onChange: (patch: Partial<FieldMapping>) => void;
}

/** The target of one column: a field of the object (grouped), "don't import", or "keep as custom". */
export function FieldSelect({ t, locale, id, object, mapping, usedBy, onChange }: FieldSelectProps) {
  const value = mapping.field !== null ? `${FIELD}${mapping.field}` : mapping.custom ? CUSTOM : SKIP;
  const builtin = object.fields.filter((f) => !f.custom);
  const custom = object.fields.filter((f) => f.custom);
  const option = (f: (typeof object.fields)[number]) => {
    const other = usedBy.get(f.key);
    const text = fieldOptionText(t, f, locale);
    return (
      <option key={f.key} value={`${FIELD}${f.key}`}>
        {other === undefined ? text : `${text} — ${t('map.fieldUsed', { column: other })}`}
      </option>
    );
  };
  return (
    <select
      id={id}
      value={value}
      className={mapping.field === null ? 'is-unmapped' : undefined}
      data-testid={`map-field-${mapping.column}`}
      data-field={mapping.field ?? (mapping.custom ? ':custom' : '')}
      onChange={(e) => {
        const v = e.target.value;
        if (v === SKIP) onChange({ field: null, custom: false });
        else if (v === CUSTOM) onChange({ field: null, custom: true });
        else onChange({ field: v.slice(FIELD.length), custom: false });
      }}
    >
      <optgroup label={t('map.group.choice')}>
        <option value={SKIP}>{t('map.skip')}</option>
        <option value={CUSTOM}>{t('map.keepCustom')}</option>
      </optgroup>
      <optgroup label={t('map.group.fields', { object: object.label[locale] })}>{builtin.map(option)}</optgroup>
      {custom.length > 0 && <optgroup label={t('map.group.custom')}>{custom.map(option)}</optgroup>}
    </select>
  );
}
