import { PorterError } from '../model/porter-error';
import type { Guess } from '../read/read-types';
import { LEGACY_CANDIDATES } from './encoding-score';
import { fixWindows1252 } from './legacy-decode';

/** Bytes looked at when guessing: enough for hundreds of rows, fast on a 1 GiB file. */
const SAMPLE_BYTES = 256 * 1024;

/**
 * Encodings offered in the override picker: WHATWG labels that TextDecoder accepts in every
 * current browser and in Node 20 (full ICU). `name` is the English display name.
 */
export const SUPPORTED_ENCODINGS: readonly { label: string; name: string }[] = [
  { label: 'utf-8', name: 'Unicode (UTF-8)' },
  { label: 'utf-16le', name: 'Unicode (UTF-16 LE)' },
  { label: 'utf-16be', name: 'Unicode (UTF-16 BE)' },
  { label: 'gb18030', name: 'Chinese Simplified (GB18030 / GBK)' },
  { label: 'big5', name: 'Chinese Traditional (Big5)' },
  { label: 'shift_jis', name: 'Japanese (Shift_JIS)' },
  { label: 'euc-jp', name: 'Japanese (EUC-JP)' },
  { label: 'iso-2022-jp', name: 'Japanese (ISO-2022-JP)' },
  { label: 'euc-kr', name: 'Korean (EUC-KR)' },
  { label: 'windows-1252', name: 'Western European (Windows-1252)' },
  { label: 'iso-8859-15', name: 'Western European (ISO-8859-15)' },
  { label: 'windows-1250', name: 'Central European (Windows-1250)' },
  { label: 'iso-8859-2', name: 'Central European (ISO-8859-2)' },
  { label: 'windows-1251', name: 'Cyrillic (Windows-1251)' },
  { label: 'koi8-r', name: 'Cyrillic (KOI8-R)' },
  { label: 'windows-1253', name: 'Greek (Windows-1253)' },
  { label: 'windows-1254', name: 'Turkish (Windows-1254)' },
  { label: 'windows-1255', name: 'Hebrew (Windows-1255)' },
  { label: 'windows-1256', name: 'Arabic (Windows-1256)' },
  { label: 'windows-1257', name: 'Baltic (Windows-1257)' },
  { label: 'windows-1258', name: 'Vietnamese (Windows-1258)' },
  { label: 'windows-874', name: 'Thai (Windows-874)' },
  { label: 'macintosh', name: 'Western European (Mac OS Roman)' },
];

type Bom = { label: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number };

function findBom(bytes: Uint8Array): Bom | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { label: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { label: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { label: 'utf-16be', length: 2 };
  return undefined;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    // stream: true so a character cut by the sample's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Multi-byte UTF-8 sequences in `bytes` that are well formed (`valid`), and bytes past ASCII that
 * start none (`invalid`): one linear pass. A sequence cut by the sample's end counts as neither.
 */
function utf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + len > n) break;
    let ok = true;
    for (let k = 1; k < len; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) ok = false;
    // Overlong three- and four-byte forms and surrogates are not UTF-8 (TextDecoder agrees).
    const c1 = bytes[i + 1] as number;
    if (ok && ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 >= 0xa0) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 >= 0x90))) ok = false;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** UTF-16 without a BOM: ASCII-heavy text then has a zero in every other byte. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  // Text in any 8-bit or multi-byte legacy encoding, or UTF-8, has no zero bytes at all; zeros
  // on one side of the pairs only are the high bytes of ASCII in UTF-16. A Chinese CSV in
  // UTF-16 has ASCII only in its delimiters, digits and line ends, hence the low bar.
  if (oddZeros > pairs * 0.1 && evenZeros < pairs * 0.01) return 'utf-16le';
  if (evenZeros > pairs * 0.1 && oddZeros < pairs * 0.01) return 'utf-16be';
  return undefined;
}

/**
 * Guesses the text encoding of a file from its first 256 KiB: a byte-order mark first, then
 * strict UTF-8 validity (nearly impossible for legacy-encoded text with non-ASCII bytes to pass),
 * then a statistical guess among common legacy encodings. The value is a WHATWG label for
 * `TextDecoder` and {@link decodeBytes}.
 *
 * @example
 * detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // { value: 'utf-8', confidence: 1, reason: 'bom' }
 * detectEncoding(gb18030Bytes).value; // 'gb18030' (reason 'statistical')
 */
export function detectEncoding(bytes: Uint8Array): Guess<string> {
  const bom = findBom(bytes);
  if (bom) return { value: bom.label, confidence: 1, reason: 'bom' };
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  // Before the ASCII test: BOM-less UTF-16 of ASCII text is all bytes below 0x80, half of
  // them zero, and read as UTF-8 it would be a NUL between every two characters.
  const utf16 = guessUtf16(sample);
  if (utf16) return { value: utf16, confidence: 0.8, reason: 'utf16-zero-bytes' };
  if (isAscii(sample)) return { value: 'utf-8', confidence: 1, reason: 'ascii' };
  if (isStrictUtf8(sample)) return { value: 'utf-8', confidence: 0.99, reason: 'strict-utf8' };
  // UTF-8 but for a stray byte or two (a value pasted from a Windows program): read as a legacy
  // encoding, every accented character of the file came out garbled, silently. As UTF-8, only
  // the stray bytes are replaced, and the read reports them.
  const utf8 = utf8Sequences(sample);
  if (utf8.valid >= 8 && utf8.invalid <= Math.max(2, utf8.valid / 50)) {
    return { value: 'utf-8', confidence: 0.9, reason: 'mostly-utf8', params: { invalid: utf8.invalid } };
  }

  const scored = LEGACY_CANDIDATES.map((c) => ({ label: c.label, score: c.score(sample) * c.prior }));
  // Stable sort keeps the candidates' order of preference on equal scores.
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0] ?? { label: 'windows-1252', score: 0 };
  const second = scored[1]?.score ?? 0;
  // Confident only when the winner reads well and clearly beats the runner-up.
  const margin = best.score > 0 ? (best.score - second) / best.score : 0;
  const confidence = Math.round(Math.min(0.95, best.score * (0.5 + 0.5 * margin)) * 100) / 100;
  return {
    value: best.label,
    confidence,
    reason: 'statistical',
    params: { runnerUp: scored[1]?.label ?? '', score: Math.round(best.score * 100) / 100 },
  };
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/**
 * Decodes a whole file. A byte-order mark of the chosen encoding is stripped and reported;
 * bytes the encoding cannot decode become U+FFFD and are counted, so the UI can warn that the
 * chosen encoding is probably wrong.
 *
 * @throws PorterError('decode-failed') for a label TextDecoder does not know.
 * @example
 * decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'utf-8'); // { text: 'a', bom: true, replacements: 0 }
 */
export function decodeBytes(
  bytes: Uint8Array,
  encoding: string,
): { text: string; bom: boolean; replacements: number } {
  let decoder: TextDecoder;
  try {
    // The default (ignoreBOM: false) strips a BOM that matches the encoding.
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch (err) {
    throw new PorterError('decode-failed', { encoding }, { cause: err });
  }
  const bom = findBom(bytes)?.label === decoder.encoding;
  let text: string;
  let replacements = 0;
  try {
    text = decoder.decode(bytes);
  } catch {
    // Only files with bad bytes pay for the second pass that counts them; U+FFFD already in
    // the file is then counted too, which errs toward warning.
    text = new TextDecoder(encoding).decode(bytes);
    replacements = countReplacements(text);
  }
  if (decoder.encoding === 'windows-1252') text = fixWindows1252(text);
  return { text, bom, replacements };
}
