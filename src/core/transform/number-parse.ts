/**
 * Number canonicalisation done on the string, never through a JS float: '1.234,56' becomes
 * '1234.56' digit for digit, and '12345678901234567890.10' keeps every digit and its trailing
 * zero (docs/design.md, "Data model: text first, lossless").
 */

/**
 * Currency symbols and ISO codes that may lead or trail an amount. Two patterns, each of bounded
 * length, and the spaces between code and amount trimmed by the caller: one pattern with
 * `\s*(?:…)$` is retried from every position of a run of spaces (quadratic on a long cell).
 */
const LEADING_CURRENCY = /^(?:[A-Z]{3}|[$€£¥￥₹₩₽₺₪฿₫₴₦]|US\$|HK\$|A\$|C\$|R\$|CHF|kr|zł|元|円|Fr\.?)/u;
const TRAILING_CURRENCY = /(?:[A-Z]{3}|[$€£¥￥₹₩₽₺₪฿₫₴₦]|CHF|kr|zł|元|円|Fr\.?|,-|\.-)$/u;

function stripCurrency(text: string): string {
  let out = text;
  const lead = LEADING_CURRENCY.exec(out);
  if (lead) out = out.slice(lead[0].length).trimStart();
  const trail = TRAILING_CURRENCY.exec(out);
  if (trail) out = out.slice(0, trail.index).trimEnd();
  return out;
}
/** Grouping separators other than '.' and ',': spaces (incl. NBSP, narrow NBSP) and apostrophes (Swiss 1'234.50). */
const GROUP_SPACE = /[\s\u202F'’]/g;
const HAS_GROUP_SPACE = /[\s\u202F'’]/;
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E\uFF0D\uFF0B\uFF08\uFF09]/g;
const DIGITS = /^\d+$/;

function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Grouped integer part: first group 1–3 digits, then groups of 3 (or 2 then 3: Indian lakh). */
function ungroup(integer: string, separator: string): string | undefined {
  if (!integer.includes(separator)) return DIGITS.test(integer) ? integer : undefined;
  const groups = integer.split(separator);
  const head = groups[0] as string;
  if (!DIGITS.test(head) || head.length > 3) return undefined;
  for (let i = 1; i < groups.length; i++) {
    const g = groups[i] as string;
    const last = i === groups.length - 1;
    if (!DIGITS.test(g) || (last ? g.length !== 3 : g.length !== 3 && g.length !== 2)) return undefined;
  }
  return groups.join('');
}

/**
 * Turns an amount as people write it into canonical decimal text: optional '-', no leading
 * zeros, '.' as the decimal point, fraction digits kept exactly. Returns `undefined` when the
 * text is not a number in the given style: a wrong grouping such as '1,5' with decimal '.' is
 * refused rather than read as 15.
 *
 * @example
 * canonicalizeNumber('1.234,56', ','); // '1234.56'
 * canonicalizeNumber('(1,234)', '.'); // '-1234'
 * canonicalizeNumber('€ 1.234,56', ','); // '1234.56'
 */
export function canonicalizeNumber(value: string, decimal: '.' | ','): string | undefined {
  let text = toHalfWidth(value.trim()).replace(/\u2212/g, '-');
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  text = stripCurrency(text).trim();
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = negative !== text.startsWith('-');
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    negative = !negative; // SAP and some ledgers write negatives as '1234-'
    text = text.slice(0, -1);
  }
  text = stripCurrency(text).trim();
  if (text === '') return undefined;
  const thousands = decimal === '.' ? ',' : '.';
  if (HAS_GROUP_SPACE.test(text)) text = text.replace(GROUP_SPACE, thousands);
  const point = text.indexOf(decimal);
  if (point !== text.lastIndexOf(decimal)) return undefined;
  const integerText = point < 0 ? text : text.slice(0, point);
  const fraction = point < 0 ? '' : text.slice(point + 1);
  if (fraction !== '' && !DIGITS.test(fraction)) return undefined;
  const integer = integerText === '' && fraction !== '' ? '0' : ungroup(integerText, thousands);
  if (integer === undefined) return undefined;
  const trimmed = integer.replace(/^0+(?=\d)/, '');
  const body = fraction === '' ? trimmed : `${trimmed}.${fraction}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}
