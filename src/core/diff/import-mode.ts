import type { Cell } from '../model/cell';

/**
 * What an import does with the records of a new file, in the user's words:
 * - `add-update`: add new records and update existing ones (records missing from the file stay);
 * - `add-only`: only add new records (existing records are left as they are);
 * - `update-only`: only update existing records (new records are not added);
 * - `mirror`: make the data match the file (also delete records missing from it).
 */
export type ImportMode = 'add-update' | 'add-only' | 'update-only' | 'mirror';

export const IMPORT_MODES: readonly ImportMode[] = [
  'add-update',
  'add-only',
  'update-only',
  'mirror',
];

/**
 * When a field of an existing record takes the new value (the choices CRM import tools offer
 * per field): `always`, `if-not-empty` (an empty new value is "no information": the old value
 * stays), `fill-empty` (only where the old value is empty).
 */
export type UpdateRule = 'always' | 'if-not-empty' | 'fill-empty';

export const UPDATE_RULES: readonly UpdateRule[] = ['always', 'if-not-empty', 'fill-empty'];

/** One rule for every field, and the fields that have their own. */
export interface UpdateRules {
  readonly default: UpdateRule;
  /** Fields with a rule of their own (a list, not an object: a field may be named `__proto__`). */
  readonly fields: readonly { readonly field: string; readonly rule: UpdateRule }[];
}

/** The rule every field gets unless told otherwise: an empty new cell keeps the old value. */
export const DEFAULT_RULES: UpdateRules = { default: 'if-not-empty', fields: [] };

/** The words saved sessions and job files of version 1 used: `upsert` and `mirror`. */
export function modeFromLegacy(policy: 'upsert' | 'mirror'): ImportMode {
  return policy === 'mirror' ? 'mirror' : 'add-update';
}

/** Version 1's one global empty-cell rule as a default rule. */
export function rulesFromLegacy(emptyCells: 'clear' | 'no-information'): UpdateRules {
  return { default: emptyCells === 'clear' ? 'always' : 'if-not-empty', fields: [] };
}

/** The rule of each column, in order. */
export function rulesFor(rules: UpdateRules, columns: readonly string[]): UpdateRule[] {
  const own = new Map(rules.fields.map((f) => [f.field, f.rule] as const));
  return columns.map((c) => own.get(c) ?? rules.default);
}

const isEmpty = (v: Cell): boolean => v === null || v === '';

/** True when a rule keeps this difference out: the old value stays. */
export function keptOutBy(rule: UpdateRule, before: Cell, after: Cell): boolean {
  switch (rule) {
    case 'always':
      return false;
    case 'if-not-empty':
      return isEmpty(after);
    case 'fill-empty':
      return !isEmpty(before) || isEmpty(after);
  }
}

/** Whether a mode adds new records, updates existing ones, deletes missing ones. */
export function modeDoes(mode: ImportMode): { add: boolean; update: boolean; remove: boolean } {
  return {
    add: mode !== 'update-only',
    update: mode !== 'add-only',
    remove: mode === 'mirror',
  };
}
