import type { FieldDef } from '../schema/schema-types';
import { normalizeMapKey } from '../transform/apply-transforms';
import { yesNoMap } from '../transform/yes-no';
import { namePart } from './field-roles';
import type { Transform, TransformKind } from './mapping-types';

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

/** What a new transform's parameters are picked from. */
export interface TransformContext {
  /** Default country for phone numbers (ISO 3166 alpha-2). */
  readonly country: string;
  readonly field: FieldDef | undefined;
  /** The source column the transform is added to (`join` starts with it). */
  readonly column: number;
  /** Read dates in this order; `'auto'` when nothing was detected. */
  readonly dateOrder?: 'DMY' | 'MDY' | 'YMD' | 'auto';
  readonly decimal?: '.' | ',';
}

/**
 * A new transform of a kind, with the parameters a user would most likely pick.
 *
 * @example
 * createTransform('phone', { country: 'CN', field: undefined, column: 0 }); // { kind: 'phone', country: 'CN' }
 */
export function createTransform(kind: TransformKind, ctx: TransformContext): Transform {
  switch (kind) {
    case 'trim':
    case 'collapse-spaces':
    case 'lowercase-email':
      return { kind };
    case 'case':
      return { kind, to: 'title' };
    case 'split-name':
      return { kind, part: (ctx.field && namePart(ctx.field.key)) ?? 'first', order: 'auto' };
    case 'join':
      return { kind, columns: [ctx.column], separator: ' ' };
    case 'default':
      return { kind, value: '' };
    case 'value-map':
      return { kind, map: ctx.field ? picklistMap(ctx.field) : {} };
    case 'date':
      return { kind, order: ctx.dateOrder ?? 'auto' };
    case 'number':
      return { kind, decimal: ctx.decimal ?? '.' };
    case 'phone':
      return { kind, country: ctx.country };
  }
}

/**
 * Transforms worth offering for a field, best first. `nameSplit`: the file already has first
 * and last names in columns of their own, so splitting a name is not offered.
 *
 * @example
 * offeredTransforms(firstNameField, { nameSplit: true }); // ['trim']
 */
export function offeredTransforms(field: FieldDef | undefined, ctx: { readonly nameSplit: boolean } = { nameSplit: false }): TransformKind[] {
  if (field === undefined) return [];
  if (namePart(field.key) !== undefined) return ctx.nameSplit ? ['trim'] : ['split-name', 'trim'];
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
 * A value map from what people write to a picklist's values: each option's key, English and
 * Chinese labels and its synonyms (the map matches ignoring case, width and spaces), so
 * "Opportunity", "机会" and "Trade Show" become `opportunity` and `event`. Booleans map the
 * shared yes/no words (src/core/transform/yes-no.ts).
 */
export function picklistMap(field: FieldDef): Record<string, string> {
  if (field.type === 'boolean') return yesNoMap();
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  const add = (word: string, value: string): void => {
    const key = normalizeMapKey(word);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    entries.push([word, value]);
  };
  const options = field.options ?? [];
  // Keys and labels first, then synonyms: the first option to claim a spelling keeps it.
  for (const o of options) for (const word of [o.value, o.label.en, o.label['zh-CN']]) add(word, o.value);
  for (const o of options) for (const word of o.synonyms ?? []) add(word, o.value);
  // Object.fromEntries: own properties only, so an option spelled `__proto__` is plain data.
  return Object.fromEntries(entries);
}

/** True when a split-name transform makes no sense: first and last names have their own columns. */
export function namesAlreadySplit(columns: readonly { readonly column: number; readonly field: string | null }[]): boolean {
  const first = columns.find((c) => c.field !== null && namePart(c.field) === 'first');
  const last = columns.find((c) => c.field !== null && namePart(c.field) === 'last');
  return first !== undefined && last !== undefined && first.column !== last.column;
}
