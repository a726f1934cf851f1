import type { LookupSpec } from '../lookup/match-lookup';
import type { FieldType } from '../schema/schema-types';
/**
 * One step applied to a column's values on the way into a field. Implemented in
 * src/core/transform/; this union is the contract (add fields, never change existing ones).
 * `join.columns` are source column indices; templates re-resolve them by header name.
 */
export type Transform =
  | { readonly kind: 'trim' }
  | { readonly kind: 'collapse-spaces' }
  | { readonly kind: 'case'; readonly to: 'lower' | 'upper' | 'title' }
  | {
      readonly kind: 'split-name';
      readonly part: 'first' | 'last';
      readonly order: 'western' | 'chinese' | 'auto';
    }
  | { readonly kind: 'join'; readonly columns: readonly number[]; readonly separator: string }
  | { readonly kind: 'default'; readonly value: string }
  | { readonly kind: 'value-map'; readonly map: Readonly<Record<string, string>> }
  | { readonly kind: 'date'; readonly order: 'DMY' | 'MDY' | 'YMD' | 'auto' }
  | { readonly kind: 'number'; readonly decimal: '.' | ',' }
  | { readonly kind: 'phone'; readonly country: string }
  | { readonly kind: 'lowercase-email' };

/** Every transform kind, for menus and validation. */
export type TransformKind = Transform['kind'];

/** Where one source column goes: a field, a new custom field, or nowhere (`field: null`). */
export interface FieldMapping {
  /** Target field key; `null` means "don't import". */
  readonly field: string | null;
  /** Keep the column as a custom field (created from its header when the mapping is applied). */
  readonly custom?: boolean;
  readonly transforms: readonly Transform[];
}

/** A {@link FieldMapping} bound to a column of the current file. */
export interface ColumnMapping extends FieldMapping {
  /** Index of the source column in the current file. */
  readonly column: number;
  /** `template`: taken from a template; `unmapped`: the template does not know this column. */
  readonly origin: 'template' | 'unmapped';
}

/**
 * A saved mapping, reusable for files with the same headers. `mapping` is keyed by source
 * header exactly as in `columns`; it is built with own properties only (`Object.fromEntries`,
 * `JSON.parse`) and read with `Object.hasOwn`, so a header named `__proto__` is plain data.
 */
export interface MappingTemplate {
  readonly id: string;
  readonly name: string;
  /** Key of the CRM object the template maps into (`contact`, `company`, …). */
  readonly object: string;
  /** Source headers, in file order. */
  readonly columns: readonly string[];
  readonly mapping: Readonly<Record<string, FieldMapping>>;
  /** Lookups that fill reference fields from a second file (Account ID by company name …). */
  readonly lookups?: readonly LookupSpec[];
  /**
   * The user's custom fields the mapping targets, as they were defined: a browser without them
   * (another colleague's, storage cleared) gets the type, options and required flag back, not a
   * bare text field named after the key.
   */
  readonly fields?: readonly TemplateField[];
  /** ISO 8601 time of the last save. */
  readonly updatedAt?: string;
}

/** A custom field as a template carries it (the custom field form's input, with its key). */
export interface TemplateField {
  readonly key: string;
  readonly name: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Allowed values of a `picklist` field. */
  readonly options?: readonly string[];
}

/** Why a column was matched to a field. Each code has a message in the catalogue. */
export type SuggestionReasonCode = 'exact' | 'synonym' | 'fuzzy' | 'content' | 'conflict';

export interface SuggestionReason {
  readonly code: SuggestionReasonCode;
  /**
   * `exact`/`synonym`/`fuzzy`: `{ matched }` (the name or synonym that matched) and, for fuzzy,
   * `{ similarity }` (0..1). `content`: `{ kind, share }` (e.g. `email`, 0.97) and `agrees`
   * (1 when it confirms a name match, 0 when it contradicts it). `conflict`: `{ field, column }`
   * — the field went to that other column.
   */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A suggested target for one source column. */
export interface Suggestion {
  readonly column: number;
  /** Suggested field key, or `null` when nothing fits. */
  readonly field: string | null;
  /** 0..1. */
  readonly confidence: number;
  readonly reasons: readonly SuggestionReason[];
  /** Apply without asking: only when `confidence >= APPLY_THRESHOLD`. */
  readonly apply: boolean;
  /** Other fields worth offering, best first. */
  readonly alternatives: readonly { readonly field: string; readonly confidence: number }[];
}

/** Suggestions at or above this confidence are applied automatically. */
export const APPLY_THRESHOLD = 0.6;
