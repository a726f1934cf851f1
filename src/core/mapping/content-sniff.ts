import { looksLikeEmail } from '../model/linear-text';
import { isYesNoWord } from '../transform/yes-no';

/** What a sample value can look like. A value can be several (`2024-01-05` is a date only). */
export type ContentKind =
  | 'email'
  | 'url'
  | 'phone'
  | 'mobile'
  | 'date'
  | 'datetime'
  | 'number'
  | 'currency'
  | 'boolean'
  | 'chinese-name'
  | 'id';

/** Shares (0..1 of the non-empty samples) of each kind, and the distinct values seen. */
export interface ContentProfile {
  readonly nonEmpty: number;
  readonly shares: Readonly<Record<ContentKind, number>>;
  /** Distinct trimmed, lower-cased values (at most {@link MAX_DISTINCT}). */
  readonly distinct: ReadonlySet<string>;
}

/** How many samples per column are looked at; more adds time, not certainty. */
export const MAX_SAMPLES = 200;
const MAX_DISTINCT = 200;

/** A longer value is classified as nothing: no email, phone or date is this long. */
const MAX_SNIFF_CHARS = 512;
// Every pattern here runs on user data, so none may backtrack super-linearly
// (test/unit/core/safety/regex-safety.test.ts): emails and URLs are decided by small functions.
const HTTP_URL = /^https?:\/\/\S+$/i;
const WWW = /^www\.\S+$/i;
const HOST_PATH = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:\/\S*)?$/i;
const TLD = /^[a-z]{2,12}$/i;
const PHONE_CHARS = /^\+?[\d\s().\-/]{6,24}(?:(?:x|ext\.?|#) {0,2}\d{1,6})?$/i;
const MOBILE_CN = /^(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$/;
/** A trunk '0' then a non-zero digit: '030123456' is a phone, '0000123' a zero-padded ID. */
const NATIONAL_NUMBER = /^0[1-9]\d{5,}$/;
const MOBILE_EU = /^(?:\+49|0049|0)\s?1[5-7]\d|^(?:\+44|0044|0)\s?7\d{3}/;
const DATE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}[ -](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ -]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4})/i;
const TIME = /(?:[T\s]|日\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm|z|[+-]\d{2}:?\d{2})?$/i;
const NUMBER = /^[+-]?(?:\d{1,3}(?:[,.'\u00a0 ]\d{3})+|\d+)(?:[.,]\d+)?$/;
const CURRENCY_MARK =
  /^(?:[$€£¥￥]|usd|eur|cny|rmb|gbp|chf|jpy)\s?|\s?(?:[$€£¥￥元]|usd|eur|cny|rmb|gbp|chf|jpy|万元)$/i;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,}$/;
// The most common Chinese surnames (about 85% of people); a 2–3 character value that starts
// with one is very likely a name, while cities and companies rarely do.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const CHINESE_NAME = new RegExp(
  `^(?:[${SURNAMES}]\\p{Script=Han}{1,2}|(?:欧阳|司马|上官|诸葛|东方|皇甫)\\p{Script=Han}{1,2})$`,
  'u',
);

function emptyShares(): Record<ContentKind, number> {
  return {
    email: 0,
    url: 0,
    phone: 0,
    mobile: 0,
    date: 0,
    datetime: 0,
    number: 0,
    currency: 0,
    boolean: 0,
    'chinese-name': 0,
    id: 0,
  };
}

/**
 * Counts what a column's sample values look like, one pass, a few regular expressions per
 * value (each chosen by the value's first character), so 200 columns × 200 samples take a
 * few milliseconds.
 *
 * @example
 * profileColumn(['ada@example.com', 'bob@example.org', '']).shares.email; // 1
 */
export function profileColumn(samples: readonly (string | null)[]): ContentProfile {
  const counts = emptyShares();
  const distinct = new Set<string>();
  let nonEmpty = 0;
  const n = Math.min(samples.length, MAX_SAMPLES);
  for (let i = 0; i < n; i++) {
    const value = samples[i]?.trim() ?? '';
    if (value === '') continue;
    nonEmpty++;
    if (distinct.size < MAX_DISTINCT) distinct.add(value.toLowerCase());
    if (value.length <= MAX_SNIFF_CHARS) classify(value, counts);
  }
  const shares = emptyShares();
  if (nonEmpty > 0) {
    for (const k of Object.keys(counts) as ContentKind[]) shares[k] = counts[k] / nonEmpty;
  }
  // 0/1 or yes/no: a boolean only when there are few distinct values.
  if (distinct.size > 3) shares.boolean = 0;
  // An ID column is mostly unique; a share of unique values is a fair stand-in.
  if (nonEmpty > 0 && distinct.size < Math.min(nonEmpty, MAX_DISTINCT) * 0.9) shares.id = 0;
  return { nonEmpty, shares, distinct };
}

/** `https://…`, `www.host.tld…` or `host.tld/path`, decided without backtracking. */
function looksLikeUrl(v: string): boolean {
  if (HTTP_URL.test(v)) return true;
  if (WWW.test(v)) {
    const dot = v.indexOf('.', 5);
    return dot >= 5 && dot < v.length - 1;
  }
  const host = HOST_PATH.exec(v)?.[1];
  return host !== undefined && TLD.test(host.slice(host.lastIndexOf('.') + 1));
}

function classify(v: string, counts: Record<ContentKind, number>): void {
  if (v.includes('@')) {
    if (looksLikeEmail(v, '<>()', 2)) counts.email++;
    return;
  }
  if (isYesNoWord(v)) counts.boolean++;
  const first = v.charCodeAt(0);
  const digitStart = first >= 48 && first <= 57;
  if (digitStart || v[0] === '+' || v[0] === '-' || v[0] === '(') {
    classifyDigits(v, counts);
  } else if (CHINESE_NAME.test(v)) {
    counts['chinese-name']++;
  } else if (CURRENCY_MARK.test(v) && NUMBER.test(v.replace(CURRENCY_MARK, ''))) {
    counts.currency++;
  } else if (DATE.test(v)) {
    counts.date++;
    if (TIME.test(v)) counts.datetime++;
  } else if (looksLikeUrl(v)) {
    counts.url++;
  }
  if (ID.test(v) && /\d/.test(v)) counts.id++;
}

function classifyDigits(v: string, counts: Record<ContentKind, number>): void {
  if (DATE.test(v)) {
    counts.date++;
    if (TIME.test(v)) counts.datetime++;
    return;
  }
  if (NUMBER.test(v)) {
    counts.number++;
    // A bare digit string is an ID or a number, not a phone, unless it is a mobile number.
    if (MOBILE_CN.test(v)) {
      counts.phone++;
      counts.mobile++;
    } else if (NATIONAL_NUMBER.test(v)) counts.phone++;
    return;
  }
  if (CURRENCY_MARK.test(v) && NUMBER.test(v.replace(CURRENCY_MARK, ''))) {
    counts.currency++;
    return;
  }
  if (PHONE_CHARS.test(v)) {
    const digits = v.replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 15) {
      counts.phone++;
      if (MOBILE_CN.test(v) || MOBILE_EU.test(v)) counts.mobile++;
      return;
    }
  }
  if (looksLikeUrl(v)) counts.url++;
}
