import { trimChars, trimEndChars } from '../model/linear-text';
import type { Guess } from '../read/read-types';

export type DateOrder = 'DMY' | 'MDY' | 'YMD' | 'unknown';

// "1.234,56", "12,5", "-0,75 €": a comma before 1–2 (or 3+ when dot-grouped) final digits.
const DECIMAL_COMMA = /^[-+]?(?:\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2}|\d+,\d{4,})$/;
// "1,234.56", "12.5", "-0.75": a dot before the final digits, not 3 digits after a lone dot
// ("1.234" is 1234 in German and 1.234 in English, so it proves nothing).
const DECIMAL_DOT = /^[-+]?(?:\d{1,3}(?:,\d{3})+\.\d+|\d+\.\d{1,2}|\d+\.\d{4,})$/;
/** Longest cell looked at: an amount with its currency fits, a 100 KB cell is not a number. */
const MAX_VALUE_CHARS = 64;
const CURRENCY_CODE = /(?:EUR|USD|CHF|GBP)$/;
const EDGE_MARKS = ' \t\r\n\u00a0\u202f\u3000€$£¥';

/** Strips currency marks and spaces from the ends, in linear time (docs/limits.md). */
function stripCurrency(raw: string): string {
  let cell = trimChars(raw, EDGE_MARKS);
  cell = trimEndChars(cell, `${EDGE_MARKS}%`);
  const code = CURRENCY_CODE.exec(cell);
  if (code) cell = trimEndChars(cell.slice(0, code.index), EDGE_MARKS);
  return cell;
}

/**
 * Guesses the decimal separator from number-like cells. Semicolon files default to a decimal
 * comma (that is why Excel chose ';' for those locales) but with low confidence.
 */
export function guessDecimalSeparator(
  cells: Iterable<string>,
  delimiter: string,
): Guess<'.' | ','> {
  let comma = 0;
  let dot = 0;
  for (const raw of cells) {
    if (raw.length > MAX_VALUE_CHARS) continue;
    const cell = stripCurrency(raw);
    if (cell.length === 0 || cell.length > 24) continue;
    if (DECIMAL_COMMA.test(cell)) comma++;
    else if (DECIMAL_DOT.test(cell)) dot++;
  }
  if (comma > dot) {
    return { value: ',', confidence: dot === 0 ? 0.95 : 0.6, reason: 'decimal-comma', params: { comma, dot } };
  }
  if (dot > comma) {
    return { value: '.', confidence: comma === 0 ? 0.95 : 0.6, reason: 'decimal-dot', params: { comma, dot } };
  }
  if (delimiter === ';') return { value: ',', confidence: 0.5, reason: 'semicolon-locale' };
  return { value: '.', confidence: 0.5, reason: 'default' };
}

const DATE = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?.*)?$/;

/**
 * Guesses the order of day, month and year from date-like cells. A first part above 12 proves
 * day-first ('day-over-12'), a middle part above 12 proves month-first; a 4-digit first part is
 * ISO-like year-first. Dates that fit both orders leave it 'unknown'.
 */
export function guessDateOrder(cells: Iterable<string>): Guess<DateOrder> {
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  let ambiguous = 0;
  for (const cell of cells) {
    if (cell.length > MAX_VALUE_CHARS) continue;
    const m = DATE.exec(cell);
    if (!m) continue;
    const [, a = '', , b = '', c = ''] = m;
    if (a.length === 4) {
      ymd++;
      continue;
    }
    if (c.length !== 4 && c.length !== 2) continue;
    const first = Number(a);
    const second = Number(b);
    if (first < 1 || second < 1 || first > 31 || second > 31) continue;
    if (first > 12 && second <= 12) dmy++;
    else if (second > 12 && first <= 12) mdy++;
    else if (first <= 12 && second <= 12) ambiguous++;
  }
  const params = { dmy, mdy, ymd, ambiguous };
  if (dmy > 0 && mdy === 0) return { value: 'DMY', confidence: 0.95, reason: 'day-over-12', params };
  if (mdy > 0 && dmy === 0) return { value: 'MDY', confidence: 0.95, reason: 'month-then-day-over-12', params };
  if (dmy > 0 && mdy > 0) {
    return { value: dmy >= mdy ? 'DMY' : 'MDY', confidence: 0.3, reason: 'conflicting-dates', params };
  }
  if (ymd > 0 && ambiguous === 0) return { value: 'YMD', confidence: 0.9, reason: 'year-first', params };
  if (ambiguous > 0) return { value: 'unknown', confidence: 0.2, reason: 'ambiguous-dates', params };
  return { value: 'unknown', confidence: 0, reason: 'no-dates', params };
}
