/**
 * Whitespace and case transforms. JS `\s` already covers NBSP (U+00A0), the ideographic space
 * (U+3000) and the BOM (U+FEFF); the zero-width space (U+200B) is added because Excel and web
 * copy-paste leave it in names and it is invisible in every editor.
 */

import { trimSpaceEdges } from '../model/linear-text';

/** Horizontal whitespace only: collapsing keeps line breaks, so a note keeps its lines. */
const HORIZONTAL_RUN = /[^\S\n\r]+|\u200B+/g;
const HAS_SPECIAL_SPACE = /[^\S ]| {2}|\u200B/;

/** Removes leading and trailing whitespace, including NBSP, U+3000 and zero-width spaces. */
export function trimSpaces(value: string): string {
  // Most cells have nothing to trim: two char checks instead of a regex replace.
  const n = value.length;
  if (n === 0) return value;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first > 32 && first < 127 && last > 32 && last < 127) return value;
  return trimSpaceEdges(value);
}

/**
 * Turns every run of horizontal whitespace (tabs, NBSP, U+3000, U+2000–U+200B …) into one
 * ASCII space. Line breaks are kept.
 *
 * @example
 * collapseSpaces('Ada\u00A0\u00A0 Lovelace'); // 'Ada Lovelace'
 */
export function collapseSpaces(value: string): string {
  if (!HAS_SPECIAL_SPACE.test(value)) return value;
  return value.replace(HORIZONTAL_RUN, (run) => (run === '\u200B'.repeat(run.length) ? '' : ' '));
}

/** Particles that stay lower-case inside a name ('Ludwig van Beethoven', 'Leonardo da Vinci'). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'zu', 'bin', 'binti', 'y']);
const WORD = /[\p{L}\p{M}\p{N}'’]+/gu;

function titleWord(word: string, index: number): string {
  const lower = word.toLowerCase();
  // Mixed case was typed on purpose ('McDonald', 'DeVito', 'iPhone'): leave it.
  if (word !== lower && word !== word.toUpperCase()) return word;
  if (index > 0 && PARTICLES.has(lower)) return lower;
  let out = lower.charAt(0).toUpperCase() + lower.slice(1);
  // O'Neil, D'Angelo, L'Oréal: an apostrophe after a single leading letter starts a new part.
  // Not after longer stems, so "macy's" stays "Macy's".
  if (/^\p{L}['’]\p{L}/u.test(out)) out = out.slice(0, 2) + out.charAt(2).toUpperCase() + out.slice(3);
  // McDonald, McCarthy. Not Mac: Mack, Macy and Machado would be wrong.
  if (/^Mc\p{Ll}/u.test(out)) out = 'Mc' + out.charAt(2).toUpperCase() + out.slice(3);
  return out;
}

/**
 * Title case tuned for names: words that are all lower- or all upper-case are fixed, words in
 * mixed case are left as typed, particles stay lower-case after the first word, hyphenated parts
 * are capitalised separately.
 *
 * @example
 * toTitleCase("o'neil"); // "O'Neil"
 * toTitleCase('JEAN-LUC VAN DER BERG'); // 'Jean-Luc van der Berg'
 * toTitleCase('mcdonald'); // 'McDonald'
 */
export function toTitleCase(value: string): string {
  let index = 0;
  return value.replace(WORD, (word) => titleWord(word, index++));
}

/** Lower-cases an e-mail address and trims it. The whole address: see validate/email-rules.ts. */
export function lowercaseEmail(value: string): string {
  return trimSpaces(value).toLowerCase();
}
