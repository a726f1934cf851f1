/**
 * A header reduced to what it means: full-width forms folded (NFKC: `Ｅｍａｉｌ` → `Email`),
 * camelCase and PascalCase split (`MailingPostalCode` → `mailing postal code`), accents stripped
 * (NFKD, `Straße` → `strasse`), lower-cased, punctuation and runs of spaces turned into one
 * space, and the spelled-out `e mail` joined (`E-Mail` → `email`). Chinese text is kept as is.
 *
 * @example
 * normalizeHeader('E-Mail'); // 'email'
 * normalizeHeader('MailingPostalCode'); // 'mailing postal code'
 * normalizeHeader('  Ｆｉｒｓｔ＿Ｎａｍｅ '); // 'first name'
 * normalizeHeader('手机号（必填）'); // '手机号 必填'
 */
export function normalizeHeader(header: string): string {
  return (
    header
      .normalize('NFKC')
      // Soft hyphens, zero-width spaces and BOMs are invisible in a spreadsheet: drop them.
      .replace(/\p{Cf}/gu, '')
      .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
      .replaceAll('ß', 'ss')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .replace(/(^| )e mail(?= |$)/g, '$1email')
  );
}

/**
 * The normalised header without spaces, for comparisons where `First Name`, `firstname` and
 * `first_name` must be equal.
 *
 * @example
 * compactHeader('First_Name'); // 'firstname'
 */
export function compactHeader(header: string): string {
  return normalizeHeader(header).replaceAll(' ', '');
}

/** True when the text has Han characters, compared by substring rather than by word. */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
