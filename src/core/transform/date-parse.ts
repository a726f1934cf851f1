import type { DateOrder } from './transform-types';

export type DateParseResult =
  | { readonly ok: true; readonly iso: string }
  | { readonly ok: false; readonly code: 'ambiguous-date' | 'invalid-date' | 'unparsed-date' };

const MONTHS = new Map<string, number>();
[
  ['jan', 'january', 'januar', 'jänner', 'janv', 'janvier'],
  ['feb', 'february', 'februar', 'févr', 'fév', 'fevrier', 'février'],
  ['mar', 'march', 'mär', 'märz', 'maerz', 'mars'],
  ['apr', 'april', 'avr', 'avril'],
  ['may', 'mai'],
  ['jun', 'june', 'juni', 'juin'],
  ['jul', 'july', 'juli', 'juil', 'juillet'],
  ['aug', 'august', 'août', 'aout'],
  ['sep', 'sept', 'september', 'septembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre'],
  ['nov', 'november', 'novembre'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre'],
].forEach((names, i) => names.forEach((n) => MONTHS.set(n, i + 1)));

const TIME = String.raw`(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?`;
/** 2024-02-13, 13/02/2024, 2/13/24, 13.02.2024, 2024/2/13, optional time. */
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})\.?${TIME}$`);
/** 13-Feb-2024, 13 Feb 2024, 13. Februar 2024. */
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})\.?[-\s/]?(\p{L}+)\.?[-\s/,]*(\d{4})${TIME}$`, 'u');
/** Feb 13, 2024 / February 13 2024. */
const MONTH_NAME_DAY = new RegExp(String.raw`^(\p{L}+)\.?[-\s/]?(\d{1,2})(?:st|nd|rd|th)?,?[-\s/]+(\d{4})${TIME}$`, 'u');
/** 2024年2月13日, optionally with a time. */
const CHINESE = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]${TIME}$`);
/** Already ISO with a zone: valid as it stands; converting zones is not this transform's job. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two-digit years: 00–49 → 2000s, 50–99 → 1900s (the common spreadsheet pivot). */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function build(year: number, month: number, day: number, time: readonly (string | undefined)[]): DateParseResult {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, code: 'invalid-date' };
  }
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const [h, m, s, ampm] = time;
  if (h === undefined || m === undefined) return { ok: true, iso: date };
  let hour = Number(h);
  const minute = Number(m);
  const second = s === undefined ? 0 : Number(s);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return { ok: false, code: 'invalid-date' };
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, code: 'invalid-date' };
  return { ok: true, iso: `${date}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` };
}

/** Day and month from two numbers when the year is known to be last. */
function dayMonth(a: number, b: number, order: DateOrder | 'auto'): [number, number] | 'ambiguous' {
  if (order === 'DMY') return [a, b];
  if (order === 'MDY') return [b, a];
  // 'auto' (and YMD, which says nothing about a year-last value): only the numbers can decide.
  if (a === b) return [a, b];
  if (a > 12 && b <= 12) return [a, b];
  if (b > 12 && a <= 12) return [b, a];
  if (a > 12 && b > 12) return [a, b]; // both too big: reported as invalid by build()
  return 'ambiguous';
}

/**
 * Parses a date written in text into ISO 8601: 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm:ss' when the
 * text has a time. `auto` never guesses: a value that reads as two different dates (03/04/2024)
 * is reported as `ambiguous-date`. Text only; spreadsheet serial numbers are not dates here.
 *
 * @example
 * parseDate('13.02.2024', 'auto'); // { ok: true, iso: '2024-02-13' }
 * parseDate('03/04/2024', 'auto'); // { ok: false, code: 'ambiguous-date' }
 * parseDate('31/02/2024', 'DMY'); // { ok: false, code: 'invalid-date' }
 */
export function parseDate(value: string, order: DateOrder | 'auto'): DateParseResult {
  const text = value.trim();
  if (ISO_WITH_ZONE.test(text)) return { ok: true, iso: text };
  let m = NUMERIC.exec(text);
  if (m !== null) {
    const [, p1 = '', , p2 = '', p3 = '', ...time] = m;
    if (p1.length === 4 || (order === 'YMD' && p3.length <= 2)) {
      if (p3.length > 2) return { ok: false, code: 'unparsed-date' };
      return build(fullYear(p1), Number(p2), Number(p3), time);
    }
    if (p1.length > 2 || p2.length > 2) return { ok: false, code: 'unparsed-date' };
    // A two-digit year with no stated order could be YY/MM/DD as well: never guess that.
    if (p3.length !== 4 && p3.length !== 2) return { ok: false, code: 'unparsed-date' };
    if (p3.length === 2 && order === 'auto') return { ok: false, code: 'ambiguous-date' };
    const dm = dayMonth(Number(p1), Number(p2), order);
    if (dm === 'ambiguous') return { ok: false, code: 'ambiguous-date' };
    return build(fullYear(p3), dm[1], dm[0], time);
  }
  m = CHINESE.exec(text);
  if (m !== null) {
    const [, y = '', mo = '', d = '', ...time] = m;
    return build(Number(y), Number(mo), Number(d), time);
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m !== null) {
    const [, d = '', name = '', y = '', ...time] = m;
    const month = MONTHS.get(name.toLowerCase());
    return month === undefined ? { ok: false, code: 'unparsed-date' } : build(Number(y), month, Number(d), time);
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m !== null) {
    const [, name = '', d = '', y = '', ...time] = m;
    const month = MONTHS.get(name.toLowerCase());
    return month === undefined ? { ok: false, code: 'unparsed-date' } : build(Number(y), month, Number(d), time);
  }
  return { ok: false, code: 'unparsed-date' };
}

export interface DateOrderGuess {
  readonly order: DateOrder | 'unknown';
  /** Samples that read as two different dates (03/04/2024). */
  readonly ambiguous: number;
  /** Samples that support the chosen order and no other. */
  readonly evidence: number;
}

/**
 * Finds the day/month order of a column from its values. Only unambiguous samples count
 * (13/02/2024 is DMY evidence, 02/13/2024 MDY, 2024-02-13 YMD); a column with evidence for both
 * DMY and MDY is `unknown`, never a majority vote.
 *
 * @example
 * detectDateOrder(['13/02/2024', '03/04/2024']); // { order: 'DMY', ambiguous: 1, evidence: 1 }
 */
export function detectDateOrder(samples: readonly string[]): DateOrderGuess {
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  let ambiguous = 0;
  for (const sample of samples) {
    const m = NUMERIC.exec(sample.trim());
    if (m === null) continue;
    const [, p1 = '', , p2 = ''] = m;
    if (p1.length === 4) {
      ymd++;
      continue;
    }
    const a = Number(p1);
    const b = Number(p2);
    if (a > 12 && a <= 31 && b <= 12) dmy++;
    else if (b > 12 && a <= 12 && b <= 31) mdy++;
    else if (a !== b && a <= 12 && b <= 12 && a > 0 && b > 0) ambiguous++;
  }
  if (dmy > 0 && mdy > 0) return { order: 'unknown', ambiguous, evidence: 0 };
  if (dmy > 0) return { order: 'DMY', ambiguous, evidence: dmy };
  if (mdy > 0) return { order: 'MDY', ambiguous, evidence: mdy };
  if (ymd > 0 && ambiguous === 0) return { order: 'YMD', ambiguous, evidence: ymd };
  return { order: 'unknown', ambiguous, evidence: 0 };
}
