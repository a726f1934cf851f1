import { canonicalizeNumber } from '../transform/number-parse';
import { getPhoneSupport, type PhoneCheck } from '../transform/phone-support';
import { readYesNo } from '../transform/yes-no';
import { checkEmail } from './email-rules';
import type { FieldDef, ValidateOptions, ValueProblem } from './validate-types';

/** Checks one non-blank value; `undefined` means valid. Shared frozen arrays for common problems. */
export type ValueCheck = (value: string) => readonly ValueProblem[] | undefined;

function frozen(problem: ValueProblem): readonly ValueProblem[] {
  return Object.freeze([Object.freeze({ ...problem, ...(problem.params ? { params: Object.freeze({ ...problem.params }) } : {}) })]);
}

const REQUIRED = frozen({ rule: 'required', level: 'error' });
const PHONE_INVALID = frozen({ rule: 'format', level: 'error', params: { reason: 'phone-invalid' } });
const PHONE_NOT_VALID = frozen({ rule: 'format', level: 'warning', params: { reason: 'phone-not-valid' } });
const URL_INVALID = frozen({ rule: 'format', level: 'error', params: { reason: 'url-invalid' } });
const URL_NO_SCHEME = frozen({ rule: 'format', level: 'warning', params: { reason: 'url-no-scheme' } });
const DATE_INVALID = frozen({ rule: 'type', level: 'error', params: { reason: 'date-invalid' } });
const DATETIME_INVALID = frozen({ rule: 'type', level: 'error', params: { reason: 'datetime-invalid' } });
const NUMBER_INVALID = frozen({ rule: 'type', level: 'error', params: { reason: 'number-invalid' } });
const BOOLEAN_INVALID = frozen({ rule: 'type', level: 'error', params: { reason: 'boolean-invalid' } });
const ID_WHITESPACE = frozen({ rule: 'format', level: 'error', params: { reason: 'id-whitespace' } });
const PICKLIST_INVALID = frozen({ rule: 'picklist', level: 'error' });

const BLANK = /^[\s\u200B]*$/;
/** Distinct values remembered per memoised check; cleared when full. */
const MEMO_LIMIT = 50_000;
// A host label is a letter or digit, then (dashes, letter or digit) repeated: the same language
// as `[LN](?:[LN-]*[LN])?` without its ambiguity, which made long labels polynomial.
const URL_NAMED = /^https?:\/\/(?:[^\s/?#@:]+(?::[^\s/?#@]*)?@)?(?:[\p{L}\p{N}](?:-*[\p{L}\p{N}])*\.)+[\p{L}]{2,63}\.?(?::\d{1,5})?(?:[/?#]\S*)?$/iu;
const URL_LOCAL = /^https?:\/\/(?:localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?:[/?#]\S*)?$/iu;
/** Two patterns, not one alternation: each is linear, their union in one regex was not. */
const isUrl = (value: string): boolean => URL_NAMED.test(value) || URL_LOCAL.test(value);
const BARE_DOMAIN = /^(?:www\.)?(?:[\p{L}\p{N}](?:-*[\p{L}\p{N}])*\.)+[\p{L}]{2,63}(?:[/?#]\S*)?$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;
const CANONICAL_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}\u200B]/u;

/** True for `null` and for text that is only whitespace (NBSP, U+3000 and U+200B included). */
export function isBlankCell(value: string | null): boolean {
  if (value === null || value.length === 0) return true;
  // A visible ASCII first character settles it without the pattern: the common case.
  const first = value.charCodeAt(0);
  return !(first > 0x20 && first < 0x7f) && BLANK.test(value);
}

function dateOk(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= max;
}

function numberCheck(value: string): readonly ValueProblem[] | undefined {
  if (CANONICAL_NUMBER.test(value)) return undefined;
  // Say what the canonical form would be when it is clear in one style and not the other.
  const dot = canonicalizeNumber(value, '.');
  const comma = canonicalizeNumber(value, ',');
  const suggestion = dot !== undefined && (comma === undefined || comma === dot) ? dot : comma !== undefined && dot === undefined ? comma : undefined;
  return suggestion === undefined ? NUMBER_INVALID : [{ rule: 'type', level: 'error', params: { reason: 'number-invalid', suggestion } }];
}

function booleanCheck(value: string): readonly ValueProblem[] | undefined {
  if (value === 'true' || value === 'false') return undefined;
  const suggestion = readYesNo(value);
  return suggestion === undefined ? BOOLEAN_INVALID : [{ rule: 'type', level: 'error', params: { reason: 'boolean-invalid', suggestion } }];
}

function picklistKey(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * An option's own spellings, folded: its key and its labels in every language. A CRM accepts
 * these in any case (HubSpot takes "Opportunity", "opportunity" and "OPPORTUNITY" for the
 * `opportunity` stage), so validation does too; export writes the key.
 */
function ownSpellings(field: FieldDef): Map<string, string> {
  const own = new Map<string, string>();
  for (const o of field.options ?? []) {
    for (const s of [o.value, o.label.en, o.label['zh-CN']]) {
      const key = picklistKey(s);
      if (key !== '' && !own.has(key)) own.set(key, o.value);
    }
  }
  return own;
}

/**
 * The option key a picklist value stands for when it is an option's key or label in any case
 * (`'Opportunity'` → `'opportunity'`); other values come back unchanged. Used on export, so
 * the file holds the keys a CRM imports, whatever spelling passed validation.
 *
 * @example
 * picklistNormalizer(stageField)(' OPPORTUNITY'); // 'opportunity'
 */
export function picklistNormalizer(field: FieldDef): (value: string) => string {
  const allowed = new Set((field.options ?? []).map((o) => o.value));
  const own = ownSpellings(field);
  return (value) => (allowed.has(value) ? value : (own.get(picklistKey(value)) ?? value));
}

function picklistCheck(field: FieldDef): ValueCheck {
  const allowed = new Set((field.options ?? []).map((o) => o.value));
  const own = ownSpellings(field);
  // Near misses (a synonym instead of the value) get a suggestion.
  const near = new Map<string, string>();
  for (const o of field.options ?? []) {
    for (const s of o.synonyms ?? []) {
      if (!near.has(picklistKey(s))) near.set(picklistKey(s), o.value);
    }
  }
  // Per distinct value: a column repeats a handful of labels a million times, and one shared
  // problem per label is one object instead of a million (and no NFKC per cell).
  const seen = new Map<string, readonly ValueProblem[] | null>();
  return (value) => {
    if (allowed.has(value)) return undefined;
    let problems = seen.get(value);
    if (problems === undefined) {
      const key = picklistKey(value);
      const suggestion = near.get(key);
      problems = own.has(key) ? null : suggestion === undefined ? PICKLIST_INVALID : frozen({ rule: 'picklist', level: 'error', params: { suggestion } });
      if (seen.size >= MEMO_LIMIT) seen.clear();
      seen.set(value, problems);
    }
    return problems ?? undefined;
  };
}

/** Phone checks as codes, for a column's known checks (`ValidateContext.phoneChecks`): 0 is "not known". */
export const PHONE_CHECK_CODES: Readonly<Record<PhoneCheck, number>> = { valid: 1, possible: 2, invalid: 3 };

/** Per code of {@link PHONE_CHECK_CODES}, the problems the phone check gives (index 0 unused). */
export const PHONE_PROBLEMS_BY_CODE: readonly (readonly ValueProblem[] | undefined)[] = [undefined, undefined, PHONE_NOT_VALID, PHONE_INVALID];

function typeCheck(field: FieldDef, opts: ValidateOptions): ValueCheck | undefined {
  switch (field.type) {
    case 'text':
      return undefined;
    case 'email':
      return checkEmail;
    case 'phone': {
      const phones = getPhoneSupport();
      const country = opts.defaultCountry;
      return (value) => {
        const r = phones.check(value, country);
        return r === 'valid' ? undefined : r === 'possible' ? PHONE_NOT_VALID : PHONE_INVALID;
      };
    }
    case 'url':
      return (value) => (isUrl(value) ? undefined : BARE_DOMAIN.test(value) ? URL_NO_SCHEME : URL_INVALID);
    case 'date':
      return (value) => {
        const m = ISO_DATE.exec(value);
        return m !== null && dateOk(m[1] as string, m[2] as string, m[3] as string) ? undefined : DATE_INVALID;
      };
    case 'datetime':
      return (value) => {
        const m = ISO_DATETIME.exec(value);
        if (m !== null && dateOk(m[1] as string, m[2] as string, m[3] as string)) return undefined;
        // A date alone is an ISO 8601 date-time at day precision: CRM "created date" columns are
        // often exported without a time, and calling every one an error would bury real ones.
        const d = ISO_DATE.exec(value);
        if (d !== null && dateOk(d[1] as string, d[2] as string, d[3] as string)) return undefined;
        return DATETIME_INVALID;
      };
    case 'number':
    case 'currency':
      return numberCheck;
    case 'boolean':
      return booleanCheck;
    case 'picklist':
      return picklistCheck(field);
    case 'id':
      return (value) => (WHITESPACE_OR_CONTROL.test(value) ? ID_WHITESPACE : undefined);
  }
}

function countCodePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/**
 * True when no value can fail the field's own checks (optional text without a length limit):
 * validation then skips reading the column for them.
 */
export function checksNothing(field: FieldDef): boolean {
  return field.required !== true && field.maxLength === undefined && field.type === 'text';
}

/**
 * Compiles the per-value checks of a field once (regexes, picklist sets, the phone rules), so a
 * column of a million values runs one closure per value and allocates nothing for valid ones.
 * Returns problems or `undefined`. Uniqueness is a column-level check (see duplicates.ts).
 * A `phone` field needs `loadPhoneSupport()` to have finished.
 */
export function compileValueCheck(field: FieldDef, opts: ValidateOptions = {}): (value: string | null) => readonly ValueProblem[] | undefined {
  const required = field.required === true;
  const check = typeCheck(field, opts);
  const max = field.maxLength;
  return (value) => {
    if (value === null || isBlankCell(value)) return required ? REQUIRED : undefined;
    // maxLength counts characters (code points), not UTF-16 units: '𠮷' is one character.
    if (max !== undefined && value.length > max) {
      const length = countCodePoints(value);
      if (length > max) {
        const typed = check?.(value);
        const problem: ValueProblem = { rule: 'length', level: 'error', params: { max, length } };
        return typed === undefined ? [problem] : [problem, ...typed];
      }
    }
    return check === undefined ? undefined : check(value);
  };
}

/**
 * Checks one value against its field: required, type and format, length, picklist. The
 * uniqueness rules need the whole column: {@link findDuplicates} and `validateColumns`.
 *
 * @example
 * validateValue('ada@gmial.com', emailField);
 * // [{ rule: 'format', level: 'warning', params: { reason: 'email-domain-typo', suggestion: 'ada@gmail.com' } }]
 * validateValue('', { ...emailField, required: true }); // [{ rule: 'required', level: 'error' }]
 */
export function validateValue(value: string | null, field: FieldDef, opts: ValidateOptions = {}): ValueProblem[] {
  return [...(compileValueCheck(field, opts)(value) ?? [])];
}
