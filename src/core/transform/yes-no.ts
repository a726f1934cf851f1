/**
 * The one yes/no vocabulary of the app: what people write in a boolean column, in English,
 * German, French, Spanish and Chinese, plus check marks. Content sniffing (is this column
 * boolean?), the default value map of the Map step and the suggestion of the boolean check all
 * read it from here, so they cannot disagree.
 */

const TRUE_WORDS: readonly string[] = ['true', 'yes', 'y', 't', '1', 'x', 'ja', 'wahr', 'oui', 'si', 'sí', '是', '对', '真', '✓', '✔'];
const FALSE_WORDS: readonly string[] = ['false', 'no', 'n', 'f', '0', 'nein', 'falsch', 'non', '否', '不', '错', '假', '✗', '✘'];

const WORDS = new Map<string, 'true' | 'false'>([
  ...TRUE_WORDS.map((w) => [w, 'true'] as const),
  ...FALSE_WORDS.map((w) => [w, 'false'] as const),
]);

/** Trimmed, lower-cased, full-width folded: `' YES '`, `'Ｙｅｓ'` and `'yes'` are one word. */
function wordOf(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/**
 * `'true'` or `'false'` for a yes/no word in any case, `undefined` for anything else.
 *
 * @example
 * readYesNo(' Ja '); // 'true'
 * readYesNo('否'); // 'false'
 * readYesNo('maybe'); // undefined
 */
export function readYesNo(value: string): 'true' | 'false' | undefined {
  return WORDS.get(wordOf(value));
}

/**
 * True for a yes/no word that is not a digit: `0` and `1` are yes/no in a boolean field, but a
 * column of them is as likely a count, so content sniffing does not take them as evidence.
 */
export function isYesNoWord(value: string): boolean {
  const word = wordOf(value);
  return word !== '0' && word !== '1' && WORDS.has(word);
}

/** Every yes/no word with the boolean it means, for a value map (`{ yes: 'true', … }`). */
export function yesNoMap(): Record<string, string> {
  return Object.fromEntries(WORDS);
}
