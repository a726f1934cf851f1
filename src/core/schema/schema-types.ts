/** How a field's text is interpreted when it is validated and exported. */
export type FieldType =
  | 'text'
  | 'email'
  | 'phone'
  | 'url'
  | 'number'
  | 'currency'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'picklist'
  | 'id';

/** Every {@link FieldType}, in a stable order (menus, the JSON Schema meta-schema). */
export const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'email',
  'phone',
  'url',
  'number',
  'currency',
  'date',
  'datetime',
  'boolean',
  'picklist',
  'id',
];

/** A label in every language the app speaks. */
export interface LocalizedLabel {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** One allowed value of a picklist field. `synonyms` are other spellings seen in files. */
export interface PicklistOption {
  readonly value: string;
  readonly label: LocalizedLabel;
  readonly synonyms?: readonly string[];
}

/**
 * One field of a CRM object, as data. `synonyms` are header names that mean this field, in
 * English, Chinese and German, written as people write them (`E-Mail`, `邮箱`): they are
 * normalised when compared, so case and punctuation do not matter.
 *
 * @example
 * const email: FieldDef = {
 *   key: 'email', label: { en: 'Email', 'zh-CN': '邮箱' }, type: 'email',
 *   unique: true, maxLength: 254, synonyms: ['e-mail', '邮箱'],
 * };
 */
export interface FieldDef {
  readonly key: string;
  readonly label: LocalizedLabel;
  readonly type: FieldType;
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly maxLength?: number;
  /** Allowed values; only for `picklist` fields. */
  readonly options?: readonly PicklistOption[];
  readonly synonyms: readonly string[];
  /** More than one source column may map to this field (their values are joined). */
  readonly allowMerge?: boolean;
  /** Added by the user rather than built in. */
  readonly custom?: boolean;
}

/**
 * A CRM object (Contact, Company, Deal or a user-defined one): its fields in schema order.
 *
 * @example
 * const lead: CrmObject = { key: 'lead', label: { en: 'Lead', 'zh-CN': '线索' }, fields: [] };
 */
export interface CrmObject {
  readonly key: 'contact' | 'company' | 'deal' | (string & {});
  readonly label: LocalizedLabel;
  readonly fields: readonly FieldDef[];
}

/** A label that reads the same in both languages (custom names, ISO codes). */
export function sameLabel(text: string): LocalizedLabel {
  return { en: text, 'zh-CN': text };
}
