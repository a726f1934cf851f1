import type { SuggestionReason, TransformKind } from '../../core/mapping/mapping-types';
import type { CrmObject, FieldDef } from '../../core/schema/schema-types';
import { isMessageKey, type Locale, type MessageKey, type MessageParams } from '../../i18n/translate';

export type T = (key: MessageKey, params?: MessageParams) => string;

/** A field's label in the user's language, or its key when the object does not have it. */
export function fieldLabel(object: CrmObject, key: string, locale: Locale): string {
  return object.fields.find((f) => f.key === key)?.label[locale] ?? key;
}

/** "Email · email" plus "required": what a field option in the select says. */
export function fieldOptionText(t: T, field: FieldDef, locale: Locale): string {
  const text = t('map.fieldOption', { label: field.label[locale], type: t(`map.type.${field.type}`) });
  return field.required ? `${text} (${t('map.fieldRequired')})` : text;
}

export function percent(value: number): number {
  return Math.round(value * 100);
}

/** One reason of a suggestion, from the catalogue. */
export function describeReason(
  t: T,
  reason: SuggestionReason,
  ctx: { object: CrmObject; headers: readonly string[]; locale: Locale },
): string {
  const p = reason.params ?? {};
  switch (reason.code) {
    case 'exact':
    case 'synonym':
      return t(`map.reason.${reason.code}`, { matched: String(p['matched'] ?? '') });
    case 'fuzzy':
      return t('map.reason.fuzzy', { matched: String(p['matched'] ?? ''), similarity: percent(Number(p['similarity'] ?? 0)) });
    case 'content': {
      const kindKey = `map.kind.${String(p['kind'] ?? '')}`;
      const kind = isMessageKey(kindKey) ? t(kindKey) : String(p['kind'] ?? '');
      const share = percent(Number(p['share'] ?? 0));
      return t(p['agrees'] === 0 ? 'map.reason.contentAgainst' : 'map.reason.content', { kind, share });
    }
    case 'conflict':
      return t('map.reason.conflict', {
        field: fieldLabel(ctx.object, String(p['field'] ?? ''), ctx.locale),
        column: ctx.headers[Number(p['column'])] ?? '',
      });
  }
}

export function transformName(t: T, kind: TransformKind): string {
  return t(`map.transform.${kind}`);
}
