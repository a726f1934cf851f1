/**
 * Keys for matching records between files: a company name, a web domain or an email address,
 * reduced to what identifies it. Linear scans only (no backtracking patterns on user data).
 */

/**
 * Legal-form words dropped from the end of a company name (after punctuation is removed and
 * case folded), longest first where one contains another. Latin forms are whole words; CJK
 * forms are suffixes of the name itself.
 */
const LEGAL_WORDS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'se',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'pty',
  'pte',
  'kk',
]);

const CJK_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '株式会社',
  '有限會社',
  '有限会社',
  '公司',
];

/**
 * A company name as a matching key: Unicode-compatibility folded (full-width letters and
 * brackets become ASCII), lower case, punctuation as spaces, spaces collapsed, and trailing
 * legal forms removed (`Acme, Inc.` → `acme`; `Müller GmbH & Co. KG` → `müller`;
 * `北京字节跳动科技有限公司` → `北京字节跳动科技`). A name that is only a legal form keeps it.
 *
 * @example
 * companyKey('  ACME  Holdings, Ltd. '); // 'acme holdings'
 */
export function companyKey(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  let spaced = '';
  for (const ch of folded) spaced += isWordChar(ch) ? ch : ' ';
  const words = joinInitials(spaced.split(' ').filter((w) => w !== ''));
  // Dropping a legal form may expose another (`GmbH & Co. KG`); `&` was punctuation already.
  while (words.length > 1 && LEGAL_WORDS.has(words[words.length - 1] as string)) words.pop();
  let key = words.join(' ');
  for (let changed = true; changed;) {
    changed = false;
    // The longest legal form that ends the name, once per round; the name itself never goes.
    const suffix = CJK_SUFFIXES.find((x) => key.endsWith(x));
    if (suffix !== undefined && key.length > suffix.length) {
      key = key.slice(0, -suffix.length).trimEnd();
      changed = true;
    }
  }
  return key;
}

/** Runs of single ASCII letters are one word: `S.A.` → `sa`, `I.B.M.` → `ibm`. */
function joinInitials(words: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const w of words) {
    if (w.length === 1 && w >= 'a' && w <= 'z') {
      run += w;
      continue;
    }
    if (run !== '') out.push(run);
    run = '';
    out.push(w);
  }
  if (run !== '') out.push(run);
  return out;
}

/** Letters and digits of any script are part of a name; everything else separates words. */
function isWordChar(ch: string): boolean {
  const code = ch.codePointAt(0) as number;
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
  // CJK punctuation (U+3000–U+303F: `、` `。` `「`) separates; CJK ideographs and kana do not.
  if (code >= 0x3000 && code <= 0x303f) return false;
  return ch.toLowerCase() !== ch.toUpperCase() || code >= 0x2e80;
}

/**
 * A web domain as a matching key: from a URL, a bare domain or an email address; lower case,
 * without scheme, `www.`, port, path or trailing dot.
 *
 * @example
 * domainKey('https://WWW.Acme.example:8443/about'); // 'acme.example'
 * domainKey('ada@acme.example'); // 'acme.example'
 */
export function domainKey(value: string): string {
  let v = value.trim().toLowerCase();
  const at = v.lastIndexOf('@');
  if (at >= 0) v = v.slice(at + 1);
  const scheme = v.indexOf('://');
  if (scheme >= 0) v = v.slice(scheme + 3);
  let end = v.length;
  for (const stop of ['/', '?', '#', ':']) {
    const i = v.indexOf(stop);
    if (i >= 0 && i < end) end = i;
  }
  v = v.slice(0, end);
  while (v.endsWith('.')) v = v.slice(0, -1);
  if (v.startsWith('www.')) v = v.slice(4);
  return v;
}

/** An email address as a matching key: trimmed, lower case. */
export function emailKey(value: string): string {
  return value.trim().toLowerCase();
}

export type MatchBy = 'company' | 'domain' | 'email';

export const KEY_OF: Readonly<Record<MatchBy, (value: string) => string>> = {
  company: companyKey,
  domain: domainKey,
  email: emailKey,
};
