import type { Transform } from '../mapping/mapping-types';

export type { Transform } from '../mapping/mapping-types';

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

/**
 * Why a transform left a value as it was, or that its reading was one of two. The value itself
 * is never dropped, nor a guess made silently.
 */
export type TransformNoteCode =
  | 'ambiguous-date'
  | 'invalid-date'
  | 'unparsed-date'
  | 'invalid-number'
  | 'invalid-phone'
  | 'phone-extension'
  /**
   * Digits without '+' that start with the country's calling code and are valid both as an
   * international number that lost its '+' and as a national number: the value became the
   * international reading (`params.alternative` is the other). Not followed by a problem, so
   * Validate counts these on their own (`MappedSummary.ambiguousPhones`).
   */
  | 'ambiguous-phone';

/**
 * @example
 * { code: 'ambiguous-date', transform: 'date', params: { value: '03/04/2024' } }
 */
export interface TransformNote {
  readonly code: TransformNoteCode;
  readonly transform: Transform['kind'];
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface TransformContext {
  /** The whole source row, for transforms that read other columns (`join`). */
  readonly row: readonly (string | null)[];
}

export interface TransformResult {
  readonly value: string | null;
  readonly notes?: readonly TransformNote[];
}
