import { addCustomField, safeFieldKey } from '../schema/custom-field';
import { sameLabel, type CrmObject, type FieldDef } from '../schema/schema-types';
import type { ColumnMapping, MappingTemplate, TemplateField } from './mapping-types';
import { applyTemplate, matchTemplate, templateHeaderOf, type TemplateMatch } from './template-match';

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

/**
 * A column the template keeps as a custom field gets its field from the column's header, so a
 * file spelling it otherwise (`MeetingNotes` for `Meeting Notes`, which the template still
 * pairs) wrote it under another key (`meetingnotes`, not `meeting_notes`): a second field in
 * the CRM. Such a column is mapped instead to the custom field named after the template's
 * header: the object's own when it has one by that key that no other column feeds (the
 * template applied again, or to the next file), else one added to the object. Columns whose
 * header gives the template's key, and no such field exists, are left for the engine to name.
 */
function keepTemplateNames(
  object: CrmObject,
  template: MappingTemplate,
  columns: readonly ColumnMapping[],
  headers: readonly string[],
): { object: CrmObject; columns: ColumnMapping[] } {
  const named = templateHeaderOf(template, headers);
  const fed = new Set(columns.map((c) => c.field).filter((f): f is string => f !== null));
  let out = object;
  const next = columns.map((c): ColumnMapping => {
    const saved = named[c.column];
    if (c.custom !== true || c.field !== null || saved === undefined) return c;
    const key = safeFieldKey(saved);
    const own = out.fields.find((f) => f.key === key && f.custom === true && !fed.has(f.key));
    let field = own?.key;
    if (field === undefined) {
      if (key === safeFieldKey(headers[c.column] ?? '')) return c;
      const before = new Set(out.fields.map((f) => f.key));
      out = addCustomField(out, { name: saved, type: 'text' });
      field = out.fields.find((f) => !before.has(f.key))?.key;
      if (field === undefined) return c;
    }
    fed.add(field);
    return { column: c.column, field, transforms: c.transforms, origin: c.origin };
  });
  return { object: out, columns: next };
}

/**
 * A template applied to a file's headers, as the page's "Apply template" and `crm-porter run`
 * both do it (one function, so the page and the command write the same fields): the columns by
 * header ({@link applyTemplate}), the custom fields the template targets added to the object
 * ({@link withTemplateFields}), and the columns it keeps as custom named after its own headers
 * ({@link keepTemplateNames}).
 *
 * @example
 * mappingFromTemplate(contact, template, ['EMAIL', 'MeetingNotes']).columns[1].field; // 'meeting_notes'
 */
export function mappingFromTemplate(
  object: CrmObject,
  template: MappingTemplate,
  headers: readonly string[],
): { object: CrmObject; columns: ColumnMapping[] } {
  const applied = applyTemplate(template, headers);
  return keepTemplateNames(withTemplateFields(object, applied, template.fields), template, applied, headers);
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
