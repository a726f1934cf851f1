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
      return { kind, map: {} };
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
