import { TYPO_DOMAINS, TYPO_TLDS } from './email-rules';
import type { DuplicateKind } from './duplicates';
import type { FieldDef } from './validate-types';

/**
 * The per-value checks of value-rules.ts for the common valid shapes, read in place from a
 * packed chunk (its joined text, a start and an end), so a valid cell of a million-row column
 * never becomes a string. Each answers `undefined` (valid: exactly what the string check says)
 * or {@link SLOW}: "not decided here, slice the cell and run the string check". A wrong
 * `undefined` would hide a problem, so the shapes accepted are narrow (ASCII only, no leading
 * blank, within the length limit) and everything else goes to the string check; the
 * differential tests (test/unit/core/validate/value-spans.test.ts) hold the two together.
 */
export const SLOW = 1;

/** `undefined`: valid; {@link SLOW}: ask the string check. */
export type SpanCheck = (text: string, start: number, end: number) => undefined | typeof SLOW;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);
/** RFC 5322 atext in ASCII: letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ -. */
const ATEXT = new Uint8Array(128);
for (const c of "!#$%&'*+/=?^_`{|}~-") ATEXT[c.charCodeAt(0)] = 1;
for (let c = 0; c < 128; c++) if (isAlnum(c)) ATEXT[c] = 1;

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Whether `text[start, end)` equals `word` ignoring ASCII case (`word` in lower case). */
function equalsFolded(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (lower(text.charCodeAt(start + i)) !== word.charCodeAt(i)) return false;
  return true;
}

/** The mistyped domains and TLDs by length: an address is compared only with those of its length. */
function byLength(words: readonly string[]): readonly (readonly string[])[] {
  const out: string[][] = [];
  for (const w of words) (out[w.length] ??= []).push(w);
  return out;
}
const TYPO_DOMAINS_BY_LENGTH = byLength(Object.keys(TYPO_DOMAINS));
const TYPO_TLDS_BY_LENGTH = byLength(TYPO_TLDS);
const NONE: readonly string[] = [];

/**
 * A plain valid address: `checkEmail`'s dot-atom local part, '@', letter-digit-hyphen labels and
 * a letter TLD, within its lengths, and no domain or TLD people mistype (those get a
 * suggestion, made by the string check).
 */
function emailSpan(text: string, start: number, end: number): undefined | typeof SLOW {
  return emailSpanHash(text, start, end) < 0 ? SLOW : undefined;
}

/**
 * {@link emailSpan} and, in the same pass, the hash of the address's `email` duplicate key
 * (key-reader.ts's `keyHashOf(text, start, end, 'email')`): a plain valid address is ASCII with
 * no blank at its edges, so its key is the address in lower case. The hash (0 or more) when the
 * address is plain and valid, else -1 (not decided: the string check and `keyHashOf`). A
 * unique e-mail column read each address twice, once to check it and once to hash it.
 */
export function emailSpanHash(text: string, start: number, end: number): number {
  if (end - start > 254) return -1;
  let h = 0x811c9dc5;
  let i = start;
  let afterDot = true;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) break;
    if (c === 46) {
      if (afterDot) return -1;
      afterDot = true;
    } else if (c < 128 && ATEXT[c] === 1) afterDot = false;
    else return -1;
    h = Math.imul(h ^ lower(c), 0x01000193);
  }
  if (i === end || afterDot || i - start > 64) return -1;
  h = Math.imul(h ^ 64, 0x01000193);
  const domain = i + 1;
  let label = domain;
  let labels = 0;
  for (let j = domain; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 46) {
      // A label: letter or digit at both ends, hyphens only inside, at most 63 characters.
      if (j === label || j - label > 63 || !isAlnum(text.charCodeAt(label)) || !isAlnum(text.charCodeAt(j - 1))) return -1;
      labels++;
      label = j + 1;
    } else if (!isAlnum(c) && c !== 45) return -1;
    h = Math.imul(h ^ lower(c), 0x01000193);
  }
  const tld = end - label;
  if (labels === 0 || tld < 2 || tld > 63) return -1;
  for (let j = label; j < end; j++) if (!isLetter(text.charCodeAt(j))) return -1;
  for (const t of TYPO_TLDS_BY_LENGTH[tld] ?? NONE) if (equalsFolded(text, label, end, t)) return -1;
  for (const d of TYPO_DOMAINS_BY_LENGTH[end - domain] ?? NONE) if (equalsFolded(text, domain, end, d)) return -1;
  return h >>> 0;
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/** `YYYY-MM-DD` at `start`, a real day of the Gregorian calendar. */
function isoDateAt(text: string, start: number): boolean {
  // Unit by unit rather than over a list of offsets: a literal array per call, a million times.
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return false;
  if (!isDigit(text.charCodeAt(start)) || !isDigit(text.charCodeAt(start + 1)) || !isDigit(text.charCodeAt(start + 2))) return false;
  if (!isDigit(text.charCodeAt(start + 3)) || !isDigit(text.charCodeAt(start + 5)) || !isDigit(text.charCodeAt(start + 6))) return false;
  if (!isDigit(text.charCodeAt(start + 8)) || !isDigit(text.charCodeAt(start + 9))) return false;
  const year = twoDigits(text, start) * 100 + twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= max;
}

/** `-?(0|[1-9]\d*)(\.\d+)?`: a number already in canonical form. */
function canonicalNumber(text: string, start: number, end: number): boolean {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  if (i >= end) return false;
  if (text.charCodeAt(i) === 48) i++;
  else {
    if (!isDigit(text.charCodeAt(i))) return false;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
  }
  if (i === end) return true;
  if (text.charCodeAt(i) !== 46 || i + 1 === end) return false;
  for (i++; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether a UTF-16 unit is neither whitespace to JS's `\s` nor U+200B, i.e. a value starting
 * with it is not blank to `isBlankCell` (value-rules.ts). Narrow on purpose: controls, U+007F to
 * U+00A0 and every `\s` unit answer false (the string check decides those).
 */
export function notSpace(c: number): boolean {
  if (c < 0xa1) return c > 0x20 && c < 0x7f;
  if (c < 0x1680) return true;
  return !(c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

function typeSpan(field: FieldDef): SpanCheck | undefined | 'slow' {
  switch (field.type) {
    case 'text':
      return undefined;
    case 'email':
      return emailSpan;
    case 'date':
      return (text, start, end) => (end - start === 10 && isoDateAt(text, start) ? undefined : SLOW);
    case 'datetime':
      // A date alone is a valid date-time (value-rules.ts); times go to the pattern.
      return (text, start, end) => (end - start === 10 && isoDateAt(text, start) ? undefined : SLOW);
    case 'number':
    case 'currency':
      return (text, start, end) => (canonicalNumber(text, start, end) ? undefined : SLOW);
    case 'boolean':
      return (text, start, end) => (equalsExactly(text, start, end, 'true') || equalsExactly(text, start, end, 'false') ? undefined : SLOW);
    case 'picklist': {
      const allowed = (field.options ?? []).map((o) => o.value);
      return (text, start, end) => {
        for (const a of allowed) if (equalsExactly(text, start, end, a)) return undefined;
        return SLOW;
      };
    }
    case 'id':
      // No whitespace or control character: visible ASCII only (anything else: the pattern).
      return (text, start, end) => {
        for (let i = start; i < end; i++) {
          const c = text.charCodeAt(i);
          if (c <= 0x20 || c >= 0x7f) return SLOW;
        }
        return undefined;
      };
    case 'phone':
    case 'url':
      return 'slow';
  }
}

function equalsExactly(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * The in-place check of a field (see {@link SLOW}), or `undefined` when the field's values
 * always need the string check (phones, URLs). Uniqueness is not part of it (key-reader.ts).
 */
export function compileSpanCheck(field: FieldDef): SpanCheck | undefined {
  const typed = typeSpan(field);
  if (typed === 'slow') return undefined;
  const max = field.maxLength;
  return (text, start, end) => {
    // A first unit that is no space: not blank (the required rule). Visible ASCII is the
    // common case; CJK and accented names are the next.
    if (start >= end || !notSpace(text.charCodeAt(start))) return SLOW;
    // Characters never outnumber UTF-16 units, so within the limit in units is within it.
    if (max !== undefined && end - start > max) return SLOW;
    return typed === undefined ? undefined : typed(text, start, end);
  };
}

/**
 * For a unique field whose in-place check reads every unit of a valid value anyway (e-mail
 * addresses under the `email` duplicate kind): that check and the hash of the value's duplicate
 * key in one pass. Answers the hash (0 or more) where {@link compileSpanCheck}'s check says
 * valid, else -1 (not decided: run the span check, the string check and the key's own hash).
 * `undefined` for other fields. Held to the two separate steps by value-spans.test.ts.
 */
export function compileSpanKey(field: FieldDef, kind: DuplicateKind): ((text: string, start: number, end: number) => number) | undefined {
  if (field.type !== 'email' || kind !== 'email') return undefined;
  const max = field.maxLength;
  // emailSpanHash refuses a blank or non-ASCII first unit, as the span check's first test does.
  return (text, start, end) => (max !== undefined && end - start > max ? -1 : emailSpanHash(text, start, end));
}
