import {
  COMMON_HANGUL,
  COMMON_KANJI,
  COMMON_SIMPLIFIED,
  COMMON_TRADITIONAL,
} from './encoding-common-chars';
import { decodeLegacy } from './legacy-decode';

/**
 * Scores how plausible a byte sample is as text in one legacy encoding, 0..1. Two signals:
 * the byte structure (does the sample stay inside the part of the code table real text uses,
 * e.g. GB2312 level-1 hanzi rather than GBK extensions) and the decoded characters (how many
 * are common in that language). Wrong encodings fail one or both: German Windows-1252 bytes
 * read as GB18030 hit invalid trail bytes and rare extension hanzi; GB18030 bytes read as
 * Windows-1252 give runs of accented letters with mixed case inside one "word".
 */
export interface EncodingCandidate {
  readonly label: string;
  /** Mild preference when scores tie (Windows-1252 is the most common legacy encoding). */
  readonly prior: number;
  score(bytes: Uint8Array): number;
}

/** Ratio of multi-byte sequences that fall in the commonly used ranges; invalid ones count 0. */
type Structure = (lead: number, trail: number) => 'common' | 'rare' | 'invalid';

function structureRate(bytes: Uint8Array, twoByteLead: (b: number) => boolean, classify: Structure, singleOk?: (b: number) => boolean): number {
  let good = 0;
  let total = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    total++;
    if (singleOk?.(b)) {
      good++;
      continue;
    }
    if (!twoByteLead(b) || i + 1 >= bytes.length) continue;
    const kind = classify(b, bytes[i + 1] as number);
    if (kind === 'invalid') continue;
    if (kind === 'common') good++;
    i++;
  }
  return total === 0 ? 0 : good / total;
}

function commonRate(text: string, isCommon: (ch: string, code: number) => boolean): number {
  let hits = 0;
  let total = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) continue;
    total++;
    if (code === 0xfffd) continue;
    // Full-width punctuation and spaces appear in every CJK encoding's real text.
    if ((code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e) || isCommon(ch, code)) {
      hits++;
    }
  }
  return total === 0 ? 0 : hits / total;
}

function cjk(label: string, prior: number, lead: (b: number) => boolean, classify: Structure, isCommon: (ch: string, code: number) => boolean, singleOk?: (b: number) => boolean): EncodingCandidate {
  return {
    label,
    prior,
    score(bytes) {
      const structure = structureRate(bytes, lead, classify, singleOk);
      if (structure < 0.3) return structure / 2;
      return 0.5 * structure + 0.5 * commonRate(decodeLegacy(bytes, label), isCommon);
    },
  };
}

const inRange = (x: number, lo: number, hi: number): boolean => x >= lo && x <= hi;

const gb18030 = cjk(
  'gb18030',
  1,
  (b) => inRange(b, 0x81, 0xfe),
  (lead, trail) => {
    if (trail === 0x7f || trail < 0x40 || trail === 0xff) return 'invalid';
    // GB2312 level-1 hanzi (B0–D7) and symbols (A1–A9) hold nearly all real simplified text.
    return trail >= 0xa1 && (inRange(lead, 0xb0, 0xd7) || inRange(lead, 0xa1, 0xa9)) ? 'common' : 'rare';
  },
  (ch) => COMMON_SIMPLIFIED.has(ch),
);

const big5 = cjk(
  'big5',
  0.98,
  (b) => inRange(b, 0x81, 0xfe),
  (lead, trail) => {
    if (!inRange(trail, 0x40, 0x7e) && !inRange(trail, 0xa1, 0xfe)) return 'invalid';
    const code = (lead << 8) | trail;
    // Level-1 hanzi (A440–C67E) and symbols (A140–A3BF).
    return inRange(code, 0xa440, 0xc67e) || inRange(code, 0xa140, 0xa3bf) ? 'common' : 'rare';
  },
  (ch) => COMMON_TRADITIONAL.has(ch),
);

const shiftJis = cjk(
  'shift_jis',
  0.98,
  (b) => inRange(b, 0x81, 0x9f) || inRange(b, 0xe0, 0xfc),
  (lead, trail) => {
    if (!inRange(trail, 0x40, 0x7e) && !inRange(trail, 0x80, 0xfc)) return 'invalid';
    const code = (lead << 8) | trail;
    // Hiragana, katakana, punctuation and level-1 kanji (889F–9872).
    return inRange(code, 0x829f, 0x82f1) ||
      inRange(code, 0x8340, 0x8396) ||
      inRange(code, 0x8140, 0x81ac) ||
      inRange(code, 0x889f, 0x9872)
      ? 'common'
      : 'rare';
  },
  (ch, code) => inRange(code, 0x3040, 0x30ff) || COMMON_KANJI.has(ch),
  // Half-width katakana are single bytes A1–DF.
  (b) => inRange(b, 0xa1, 0xdf),
);

const eucKr = cjk(
  'euc-kr',
  0.97,
  (b) => inRange(b, 0x81, 0xfe),
  (lead, trail) => {
    if (!inRange(trail, 0x41, 0xfe)) return 'invalid';
    // KS X 1001 Hangul (B0–C8) and symbols (A1–AC).
    return trail >= 0xa1 && (inRange(lead, 0xb0, 0xc8) || inRange(lead, 0xa1, 0xac)) ? 'common' : 'rare';
  },
  (ch) => COMMON_HANGUL.has(ch),
);

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isUpper = (ch: string): boolean => /\p{Lu}/u.test(ch);
const isLower = (ch: string): boolean => /\p{Ll}/u.test(ch);

/**
 * Single-byte encodings: each non-ASCII character earns 1 when it reads like real text in its
 * context, 0 when it does not. Real Latin text has isolated accented letters inside ASCII words
 * (Müller, Straße) and symbols standing alone (12 €); Cyrillic text has whole words of
 * non-ASCII letters. Mixed case inside a word (ÕÅÎ) and symbols glued to letters (±¼) are
 * what a wrong encoding produces.
 */
function singleByte(label: string, prior: number, script: 'latin' | 'cyrillic'): EncodingCandidate {
  return {
    label,
    prior,
    score(bytes) {
      const chars = Array.from(decodeLegacy(bytes, label));
      let good = 0;
      let total = 0;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i] as string;
        const code = ch.charCodeAt(0);
        if (code < 0x80) continue;
        total++;
        if (code < 0xa0 || code === 0xfffd) continue;
        const prev = chars[i - 1] ?? ' ';
        const next = chars[i + 1] ?? ' ';
        if (!isLetter(ch)) {
          if (!isLetter(prev) && !isLetter(next)) good++;
          continue;
        }
        if (isUpper(ch) && isLower(prev)) continue;
        const prevHigh = prev.charCodeAt(0) >= 0x80 && isLetter(prev);
        const nextHigh = next.charCodeAt(0) >= 0x80 && isLetter(next);
        const prevAscii = /[A-Za-z]/.test(prev);
        const nextAscii = /[A-Za-z]/.test(next);
        if (script === 'latin') {
          // Three accented letters in a row are rare in Latin-script languages.
          if (!(prevHigh && nextHigh)) good++;
        } else if (!prevAscii && !nextAscii && (prevHigh || nextHigh)) {
          good++;
        }
      }
      return total === 0 ? 0 : good / total;
    },
  };
}

/** Candidates for the statistical guess, in order of preference on a tie. */
export const LEGACY_CANDIDATES: readonly EncodingCandidate[] = [
  singleByte('windows-1252', 1, 'latin'),
  gb18030,
  big5,
  shiftJis,
  eucKr,
  singleByte('iso-8859-2', 0.96, 'latin'),
  singleByte('windows-1251', 0.97, 'cyrillic'),
];
