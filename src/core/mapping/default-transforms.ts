import { guessDecimalSeparator } from '../detect/dialect-values';
import type { FieldDef } from '../schema/schema-types';
import { applyTransforms } from '../transform/apply-transforms';
import { detectDateOrder, parseDate } from '../transform/date-parse';
import { canonicalizeNumber } from '../transform/number-parse';
import type { PhoneSupport } from '../transform/phone-support';
import { namePart } from './field-roles';
import type { Transform, TransformKind } from './mapping-types';
import type { TransformAdvice } from './transform-advice';
import { createTransform, offeredTransforms, picklistMap } from './transform-catalogue';

/** What the file as a whole says, beside the column's values. */
export interface AdviceContext {
  readonly column: number;
  /** Day/month order detected at upload for the whole file. */
  readonly dateOrder: 'DMY' | 'MDY' | 'YMD' | 'unknown';
  /** Decimal separator detected at upload, if the file is a CSV. */
  readonly decimal: '.' | ',' | undefined;
  /** Default phone country (inferred, see phone-country.ts). */
  readonly country: string;
  /** Loaded phone support; without it phones are offered, never applied. */
  readonly phones: PhoneSupport | undefined;
  /** First and last names already come from columns of their own. */
  readonly nameSplit: boolean;
}

/** Share of the values a transform must read for it to be applied without asking. */
export const STRONG_SHARE = 0.8;
/**
 * A value map only rewrites the values it knows and leaves the rest for validation to flag, so
 * it is applied when it knows at least half of the distinct values.
 */
export const VALUE_MAP_SHARE = 0.5;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const CANONICAL_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const E164 = /^\+[1-9]\d{4,14}$/;
/** Two or more words, or a Han name of 2–4 characters: a value a split-name can split. */
const FULL_NAME = /^\S+\s+\S+|^\p{Script=Han}{2,4}$/u;

/**
 * Decides the default transforms of a column for a field, from the column's sample values and
 * what upload detected. Table-driven in test/unit/core/mapping/default-transforms.test.ts.
 *
 * @example
 * adviseTransforms(lifecycleField, ['Opportunity', 'Subscriber'], ctx).applied; // [{ kind: 'value-map', map: {…} }]
 * adviseTransforms(phoneField, ['13800138000'], { ...ctx, country: 'CN' }).applied; // [{ kind: 'phone', country: 'CN' }]
 */
export function adviseTransforms(field: FieldDef, samples: readonly (string | null)[], ctx: AdviceContext): TransformAdvice {
  const values = samples.map((v) => v?.trim() ?? '').filter((v) => v !== '');
  const offered = offeredTransforms(field, { nameSplit: ctx.nameSplit });
  const result = (applied: Transform | undefined, drop: TransformKind[] = []): TransformAdvice => ({
    field: field.key,
    applied: applied === undefined ? [] : [applied],
    offered: offered.filter((k) => k !== applied?.kind && !drop.includes(k)),
  });
  const make = (kind: TransformKind, extra: Partial<Parameters<typeof createTransform>[1]> = {}) =>
    createTransform(kind, { country: ctx.country, field, column: ctx.column, ...extra });
  if (namePart(field.key) !== undefined) {
    // Offer to split only what looks like whole names; never for a file that already split them.
    const whole = values.filter((v) => FULL_NAME.test(v)).length;
    return result(undefined, ctx.nameSplit || whole * 2 < values.length || values.length === 0 ? ['split-name'] : []);
  }
  switch (field.type) {
    case 'picklist':
    case 'boolean':
      return result(valueMapAdvice(field, values, make('value-map')));
    case 'date':
    case 'datetime':
      return result(dateAdvice(values, field.type, ctx, make));
    case 'number':
    case 'currency':
      return result(numberAdvice(values, ctx, make));
    case 'phone':
      return result(phoneAdvice(values, ctx, make('phone')));
    default:
      return result(undefined);
  }
}

function valueMapAdvice(field: FieldDef, values: readonly string[], t: Transform): Transform | undefined {
  if (t.kind !== 'value-map') return undefined;
  const distinct = [...new Set(values)];
  const canonical = new Set(field.type === 'boolean' ? ['true', 'false'] : (field.options ?? []).map((o) => o.value));
  const map = picklistMap(field);
  let known = 0;
  let changes = 0;
  for (const v of distinct) {
    const out = applyTransforms(v, [t], { row: [] }).value;
    if (canonical.has(v)) known++;
    else if (out !== v && out !== null && canonical.has(out)) {
      known++;
      changes++;
    }
  }
  // Nothing to rewrite (every value is already a key), or too few values known: not applied.
  if (changes === 0 || Object.keys(map).length === 0) return undefined;
  return known >= distinct.length * VALUE_MAP_SHARE ? t : undefined;
}

function dateAdvice(
  values: readonly string[],
  type: 'date' | 'datetime',
  ctx: AdviceContext,
  make: (kind: TransformKind, extra: { dateOrder: 'DMY' | 'MDY' | 'YMD' | 'auto' }) => Transform,
): Transform | undefined {
  const iso = type === 'date' ? ISO_DATE : ISO_DATETIME;
  const todo = values.filter((v) => !iso.test(v) && !ISO_DATE.test(v));
  if (todo.length === 0) return undefined;
  // The column's own dates decide first (13/02/2024 proves day-first); then the file's.
  const column = detectDateOrder(todo).order;
  const order = column !== 'unknown' ? column : ctx.dateOrder !== 'unknown' ? ctx.dateOrder : 'auto';
  const read = todo.filter((v) => parseDate(v, order).ok).length;
  return read >= todo.length * STRONG_SHARE ? make('date', { dateOrder: order }) : undefined;
}

function numberAdvice(
  values: readonly string[],
  ctx: AdviceContext,
  make: (kind: TransformKind, extra: { decimal: '.' | ',' }) => Transform,
): Transform | undefined {
  const guess = guessDecimalSeparator(values, '');
  const decimal = guess.reason === 'decimal-comma' || guess.reason === 'decimal-dot' ? guess.value : (ctx.decimal ?? '.');
  // With a decimal comma, '1.234' is 1234, not a canonical 1.234: only bare integers are done.
  const todo = values.filter((v) => !(decimal === ',' ? INTEGER : CANONICAL_NUMBER).test(v));
  if (todo.length === 0) return undefined;
  const read = todo.filter((v) => canonicalizeNumber(v, decimal) !== undefined).length;
  return read >= todo.length * STRONG_SHARE ? make('number', { decimal }) : undefined;
}

function phoneAdvice(values: readonly string[], ctx: AdviceContext, t: Transform): Transform | undefined {
  if (ctx.phones === undefined || t.kind !== 'phone') return undefined;
  const todo = values.filter((v) => !E164.test(v));
  if (todo.length === 0) return undefined;
  const phones = ctx.phones;
  const read = todo.filter((v) => {
    const p = phones.toE164(v, t.country);
    return p !== undefined && p.ext === undefined;
  }).length;
  return read >= todo.length * STRONG_SHARE ? t : undefined;
}
