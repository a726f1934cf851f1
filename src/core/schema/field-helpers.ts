import type { FieldDef, FieldType, PicklistOption } from './schema-types';

/** Optional parts of a built-in field definition. */
type FieldExtras = Partial<Pick<FieldDef, 'required' | 'unique' | 'maxLength' | 'allowMerge'>> & {
  readonly options?: readonly PicklistOption[];
};

/**
 * Builds a built-in field. Flags are only set when true, so a definition is canonical and
 * survives the JSON Schema round trip unchanged.
 *
 * @example
 * defineField('city', 'City', '城市', 'text', ['town', 'Ort', '城市'], { maxLength: 100 });
 */
export function defineField(
  key: string,
  en: string,
  zh: string,
  type: FieldType,
  synonyms: readonly string[],
  extras: FieldExtras = {},
): FieldDef {
  const def: { -readonly [K in keyof FieldDef]: FieldDef[K] } = {
    key,
    label: { en, 'zh-CN': zh },
    type,
    synonyms,
  };
  if (extras.required === true) def.required = true;
  if (extras.unique === true) def.unique = true;
  if (extras.maxLength !== undefined) def.maxLength = extras.maxLength;
  if (extras.options !== undefined) def.options = extras.options;
  if (extras.allowMerge === true) def.allowMerge = true;
  return def;
}

/**
 * Builds a picklist option.
 *
 * @example
 * defineOption('lead', 'Lead', '线索', ['prospect', '潜在客户']);
 */
export function defineOption(
  value: string,
  en: string,
  zh: string,
  synonyms?: readonly string[],
): PicklistOption {
  return synonyms === undefined
    ? { value, label: { en, 'zh-CN': zh } }
    : { value, label: { en, 'zh-CN': zh }, synonyms };
}
