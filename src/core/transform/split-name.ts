import { collapseSpaces, trimSpaces } from './text-transforms';

export interface NameParts {
  readonly first: string;
  readonly last: string;
}

export type NameOrder = 'western' | 'chinese' | 'auto';

/**
 * Two-character Chinese surnames (复姓). Checked before the one-character rule, so '欧阳娜娜'
 * splits as 欧阳 + 娜娜, not 欧 + 阳娜娜.
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '独孤', '南宫', '西门', '端木', '百里', '呼延', '澹台', '公冶', '太史',
  '申屠', '闻人', '万俟', '钟离', '宗政', '濮阳', '淳于', '单于', '赫连', '第五', '拓跋', '司空',
  '歐陽', '司馬', '諸葛', '東方', '長孫', '宇文', '夏侯', '軒轅', '令狐', '獨孤', '南宮', '鍾離',
]);

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'fr', 'herr', 'frau', 'hr', 'mme', 'mlle', 'sr', 'sra', 'srta', 'dott', 'ing', 'med', 'dipl']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'mba', 'cpa', 'dds', 'jd', 'msc', 'bsc']);
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'zu', 'bin', 'binti']);

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
/** The middle dot in transliterated foreign names: '约翰·史密斯' is given name · family name. */
const NAME_DOT = /[·•・]/;

function bare(token: string): string {
  return token.toLowerCase().replace(/[.,]/g, '');
}

/** Drops leading titles ('Dr.', 'Prof. Dr.', 'Herr') and trailing suffixes ('Jr.', 'PhD'). */
function stripAffixes(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  // Keep at least one token: 'Dr' alone is a name someone typed, not a title to drop.
  while (end - start > 1 && TITLES.has(bare(tokens[start] as string))) start++;
  while (end - start > 1 && SUFFIXES.has(bare(tokens[end - 1] as string))) end--;
  return tokens.slice(start, end);
}

function isAllCapsWord(token: string): boolean {
  return token.length > 1 && token === token.toUpperCase() && token !== token.toLowerCase();
}

function splitWestern(text: string): NameParts {
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const before = text.slice(0, comma).trim();
    const after = text.slice(comma + 1).trim();
    const afterTokens = after.split(' ').filter((t) => t !== '');
    // 'Martin Luther King, Jr.' / 'Ada Lovelace, PhD': the comma only precedes suffixes.
    if (afterTokens.length > 0 && afterTokens.every((t) => SUFFIXES.has(bare(t)))) {
      return splitWestern(before);
    }
    // 'Lovelace, Ada': family name first, then given names.
    const given = stripAffixes(afterTokens);
    const family = stripAffixes(before.split(' ').filter((t) => t !== ''));
    return { first: given.join(' '), last: family.join(' ') };
  }
  const tokens = stripAffixes(text.split(' ').filter((t) => t !== ''));
  if (tokens.length === 0) return { first: '', last: '' };
  if (tokens.length === 1) return { first: tokens[0] as string, last: '' };
  // 'WANG Wei', 'Wei WANG': a lone all-capitals word among normal ones marks the family name,
  // the convention on business cards and passports.
  const caps = tokens.filter(isAllCapsWord);
  if (caps.length === 1 && tokens.length === 2) {
    const last = caps[0] as string;
    return { first: tokens.find((t) => t !== last) as string, last };
  }
  // Family name = the last word plus any particles before it ('van der Berg'); middle names go
  // with the given name ('Ada King' + 'Lovelace'). Double surnames without a particle
  // ('García Márquez') need the unambiguous 'Last, First' form.
  let split = tokens.length - 1;
  while (split > 1 && PARTICLES.has((tokens[split - 1] as string).toLowerCase())) split--;
  return { first: tokens.slice(0, split).join(' '), last: tokens.slice(split).join(' ') };
}

function splitChinese(text: string): NameParts {
  const dot = text.search(NAME_DOT);
  if (dot >= 0) {
    // Transliterated names keep their own order: given · family ('约翰·史密斯').
    const parts = text.split(NAME_DOT).map((p) => p.trim());
    return { first: parts.slice(0, -1).join('·'), last: parts[parts.length - 1] ?? '' };
  }
  const compact = text.replace(/\s+/g, '');
  const chars = Array.from(compact);
  if (chars.length <= 1) return { first: '', last: compact };
  const two = (chars[0] as string) + (chars[1] as string);
  const surnameLength = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? 2 : 1;
  return { first: chars.slice(surnameLength).join(''), last: chars.slice(0, surnameLength).join('') };
}

/**
 * Splits a full name into given (first) and family (last) name.
 *
 * - `chinese`: family name first, compound surnames (欧阳, 司马, 诸葛 …) recognised.
 * - `western`: 'Ada Lovelace', 'Lovelace, Ada', titles and suffixes dropped, particles kept with
 *   the family name.
 * - `auto`: Chinese order when the name has Han characters and no Latin letters.
 *
 * @example
 * splitName('张伟', 'auto'); // { first: '伟', last: '张' }
 * splitName('Dr. Ada King Lovelace', 'auto'); // { first: 'Ada King', last: 'Lovelace' }
 */
export function splitName(value: string, order: NameOrder): NameParts {
  const text = collapseSpaces(trimSpaces(value)).replace(/ ?, ?/g, ', ').replace(/^, |, $/g, '');
  if (text === '') return { first: '', last: '' };
  const chinese = order === 'chinese' || (order === 'auto' && HAN.test(text) && !LATIN.test(text));
  return chinese ? splitChinese(text) : splitWestern(text);
}
