import { trimChars, trimEndChars } from '../model/linear-text';
import type { CrmObject, FieldDef, FieldType, PicklistOption } from './schema-types';
import { sameLabel } from './schema-types';

/** What a user types to add a field. */
export interface CustomFieldInput {
  readonly name: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Allowed values of a `picklist` field, as typed; empty until the user adds some. */
  readonly options?: readonly string[];
}

/** Names that are object plumbing in JavaScript; never used bare as a field key. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'tostring', 'valueof']);
const MAX_KEY_LENGTH = 64;

/**
 * A field key derived from a display name: lower-case letters, digits and `_` in any script
 * (`Kundennummer` → `kundennummer`, `客户等级` → `客户等级`, `VIP level!` → `vip_level`), starting
 * with a letter, at most 64 characters. Accents are stripped so keys are stable across
 * keyboards.
 *
 * @example
 * safeFieldKey('Größe (cm)'); // 'grosse_cm'
 * safeFieldKey('2nd email'); // 'custom_2nd_email'
 */
export function safeFieldKey(name: string): string {
  let key = name
    .normalize('NFKC')
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_');
  key = trimChars(key, '_');
  if (key === '' || !/^\p{L}/u.test(key) || RESERVED_KEYS.has(key)) key = `custom_${key}`;
  return trimEndChars(key, '_').slice(0, MAX_KEY_LENGTH);
}

/**
 * Returns a new object with a user-defined field appended; the input is not changed. The key
 * comes from {@link safeFieldKey} and gets `_2`, `_3`… when it is already taken.
 *
 * @example
 * const next = addCustomField(CONTACT_OBJECT, { name: 'VIP level', type: 'picklist', options: ['gold'] });
 * next.fields.at(-1)?.key; // 'vip_level'
 */
export function addCustomField(object: CrmObject, input: CustomFieldInput): CrmObject {
  const base = safeFieldKey(input.name);
  const taken = new Set(object.fields.map((f) => f.key));
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base.slice(0, MAX_KEY_LENGTH - 4)}_${n}`;
  const label = input.name.trim() === '' ? key : input.name.trim();
  const field: { -readonly [K in keyof FieldDef]: FieldDef[K] } = {
    key,
    label: sameLabel(label),
    type: input.type,
    synonyms: [],
    custom: true,
  };
  if (input.required === true) field.required = true;
  if (input.type === 'picklist') field.options = uniqueOptions(input.options ?? []);
  return { ...object, fields: [...object.fields, field] };
}

function uniqueOptions(values: readonly string[]): PicklistOption[] {
  const seen = new Set<string>();
  const out: PicklistOption[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    out.push({ value, label: sameLabel(value) });
  }
  return out;
}

/**
 * Adds a custom field for each column kept as one (`custom`, no field), in column order, named
 * after its header (`column_N` without one): the object with them, and each column's key. A
 * header like a built-in key, or like an earlier custom one, gets a suffix, so the keys depend
 * on which columns are kept: the mapped data's fields (`planFields`) and the edit log's basis
 * (state/edit-log.ts) both take them from here.
 */
export function withCustomFields(
  object: CrmObject,
  columns: readonly { readonly column: number; readonly field: string | null; readonly custom?: boolean | undefined }[],
  headers: readonly string[],
): { readonly object: CrmObject; readonly keys: ReadonlyMap<number, string> } {
  let out = object;
  const keys = new Map<number, string>();
  for (const m of columns) {
    if (!m.custom || m.field !== null) continue;
    const before = new Set(out.fields.map((f) => f.key));
    out = addCustomField(out, { name: headers[m.column] ?? `column_${m.column + 1}`, type: 'text' });
    const added = out.fields.find((f) => !before.has(f.key));
    if (added) keys.set(m.column, added.key);
  }
  return { object: out, keys };
}
