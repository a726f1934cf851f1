import { addCustomField, safeFieldKey } from '../schema/custom-field';
import { sameLabel, type CrmObject, type FieldDef } from '../schema/schema-types';
import type { ColumnMapping, MappingTemplate, TemplateField } from './mapping-types';
import { matchTemplate, type TemplateMatch } from './template-match';

/**
 * Required fields of the object that no column feeds yet, in the object's field order: while
 * any is left, the mapping cannot be applied.
 *
 * @example
 * missingRequired(COMPANY_OBJECT, [{ column: 0, field: 'domain', transforms: [], origin: 'unmapped' }]);
 * // ['name']: a company needs its name
 */
export function missingRequired(object: CrmObject, columns: readonly ColumnMapping[]): string[] {
  const fed = new Set(columns.map((c) => c.field).filter((f): f is string => f !== null));
  return object.fields.filter((f) => f.required && !fed.has(f.key)).map((f) => f.key);
}

/**
 * The object with a field added for every field a mapping targets that the object lacks (the
 * custom fields of the session that saved a template), so applying the template does not
 * silently drop those columns. A field the template describes (`MappingTemplate.fields`) comes
 * back as it was defined, under its key; one it does not (a template saved before it carried
 * them) as a text field. The input object is not changed; it comes back as is when nothing is
 * missing.
 *
 * @example
 * withTemplateFields(contact, [{ column: 3, field: 'vip_level', transforms: [], origin: 'template' }],
 *   [{ key: 'vip_level', name: 'VIP level', type: 'picklist', options: ['gold'] }])
 *   .fields.at(-1); // { key: 'vip_level', label: 'VIP level', type: 'picklist', custom: true, … }
 */
export function withTemplateFields(
  object: CrmObject,
  columns: readonly ColumnMapping[],
  described: readonly TemplateField[] = [],
): CrmObject {
  let out = object;
  for (const c of columns) {
    if (c.field === null || out.fields.some((f) => f.key === c.field)) continue;
    // A key no custom field form could make (`__proto__`, from a hand-edited file) is not taken.
    const def = described.find((f) => f.key === c.field && safeFieldKey(f.key) === f.key);
    out = def === undefined ? addCustomField(out, { name: c.field, type: 'text' }) : { ...out, fields: [...out.fields, restoreField(def)] };
  }
  return out;
}

function restoreField(def: TemplateField): FieldDef {
  const name = def.name.trim() === '' ? def.key : def.name.trim();
  const options = [...new Set((def.options ?? []).map((o) => o.trim()).filter((o) => o !== ''))];
  return {
    key: def.key,
    label: sameLabel(name),
    type: def.type,
    synonyms: [],
    custom: true,
    ...(def.required === true ? { required: true } : {}),
    ...(def.type === 'picklist' ? { options: options.map((value) => ({ value, label: sameLabel(value) })) } : {}),
  };
}

/**
 * Saved templates that fit a file's headers, best first: every exact or partial match with its
 * {@link TemplateMatch}, by score (ties keep the order given).
 *
 * @example
 * templateMatches(saved, ['Email', 'First Name'])[0]?.match.kind; // 'exact'
 */
export function templateMatches(
  templates: readonly MappingTemplate[],
  headers: readonly string[],
): { template: MappingTemplate; match: TemplateMatch }[] {
  return templates
    .map((template) => ({ template, match: matchTemplate(template, headers) }))
    .filter((t) => t.match.kind !== 'none')
    .sort((a, b) => b.match.score - a.match.score);
}
