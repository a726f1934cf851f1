import type { Transform, TransformKind } from '../../core/mapping/mapping-types';
import type { FieldDef } from '../../core/schema/schema-types';

/** Every transform kind, in the order the "Add transform" menu lists them. */
export const TRANSFORM_KINDS: readonly TransformKind[] = [
  'trim',
  'collapse-spaces',
  'case',
  'lowercase-email',
  'split-name',
  'join',
  'default',
  'value-map',
  'date',
  'number',
  'phone',
];

/** A new transform of a kind, with parameters a user would most likely pick. */
export function createTransform(kind: TransformKind, ctx: { country: string; field: FieldDef | undefined; column: number }): Transform {
  switch (kind) {
    case 'trim':
    case 'collapse-spaces':
    case 'lowercase-email':
      return { kind };
    case 'case':
      return { kind, to: 'title' };
    case 'split-name':
      return { kind, part: ctx.field?.key === 'last_name' ? 'last' : 'first', order: 'auto' };
    case 'join':
      return { kind, columns: [ctx.column], separator: ' ' };
    case 'default':
      return { kind, value: '' };
    case 'value-map':
      return { kind, map: ctx.field ? picklistMap(ctx.field) : {} };
    case 'date':
      return { kind, order: 'auto' };
    case 'number':
      return { kind, decimal: '.' };
    case 'phone':
      return { kind, country: ctx.country };
  }
}

/**
 * Transforms worth offering for a field, best first. Offered, never applied on their own:
 * the user decides (issue 3, "not silently applied").
 */
export function recommendedTransforms(field: FieldDef | undefined): TransformKind[] {
  if (field === undefined) return [];
  if (field.key === 'first_name' || field.key === 'last_name') return ['split-name', 'trim'];
  switch (field.type) {
    case 'email':
      return ['lowercase-email', 'trim'];
    case 'phone':
      return ['phone'];
    case 'date':
    case 'datetime':
      return ['date'];
    case 'number':
    case 'currency':
      return ['number'];
    case 'picklist':
    case 'boolean':
      return ['value-map', 'trim'];
    case 'url':
    case 'id':
      return ['trim'];
    case 'text':
      return ['trim', 'collapse-spaces'];
  }
}

/**
 * A value map from what people write to a picklist's values: each option's English and Chinese
 * labels and its synonyms (the map matches ignoring case and spaces), so "Opportunity" and
 * "机会" both become `opportunity`. Booleans map the usual yes/no words.
 */
export function picklistMap(field: FieldDef): Record<string, string> {
  const map: Record<string, string> = {};
  if (field.type === 'boolean') {
    for (const yes of ['yes', 'y', '1', 'true', 'ja', '是', '真']) map[yes] = 'true';
    for (const no of ['no', 'n', '0', 'false', 'nein', '否', '假']) map[no] = 'false';
    return map;
  }
  for (const option of field.options ?? []) {
    for (const word of [option.label.en, option.label['zh-CN'], ...(option.synonyms ?? [])]) {
      if (word.trim() !== '' && word !== option.value) map[word] = option.value;
    }
  }
  return map;
}
