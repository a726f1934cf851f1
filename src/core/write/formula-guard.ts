/**
 * CSV / formula injection guard, after OWASP "CSV Injection"
 * (https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet treats a cell that
 * starts with `=`, `+`, `-` or `@` as a formula, and a leading tab (0x09) or carriage return
 * (0x0D) can hide such a start from a naive check. Prefixing a single quote makes Excel,
 * LibreOffice and Google Sheets show the text instead of evaluating it.
 *
 * The rule, in full (README, "What it writes"):
 *
 * 1. Look past what an importer may strip or ignore before the first visible character:
 *    spaces and other whitespace, C0 controls (NUL, tab, CR, LF …), the byte order mark and
 *    zero-width or direction marks.
 * 2. Guard the value when that first visible character is `=` `+` `-` `@`, or their full-width
 *    (`＝＋－＠`) or small (`﹦﹢﹣﹫`) forms, which some spreadsheets fold to ASCII; and, as
 *    OWASP lists them, whenever the value starts with a tab or carriage return.
 * 3. Except a plain number or phone number starting with an ASCII `+` or `-` (`-5`, `-0.25`,
 *    `+4930123456`, `+1 (555) 010-9999`, `-1.5E+10`): made only of digits, spaces and
 *    `. , ( ) - + / %` (and an exponent `E` between digits), it holds no function name, cell
 *    reference, string or DDE `|`, so it cannot carry a formula, and the app's own E.164 phones
 *    and negative amounts are written as they are.
 *
 * Everything is one left-to-right scan per value: no regular expression, no backtracking.
 * The guard changes data (`=1+2` is written `'=1+2`), so a guarded export does not always read
 * back byte-exact; the explicit opt-out (`formulaGuard: false`) does.
 */

/** Characters an importer may drop or not show before the first visible one. */
function isIgnorable(c: number): boolean {
  return (
    c <= 0x20 || // C0 controls (NUL, tab, LF, CR …) and space
    c === 0x7f ||
    c === 0xa0 || // no-break space
    c === 0xad || // soft hyphen
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200f) || // en quad … zero-width joiner, LRM, RLM
    (c >= 0x2028 && c <= 0x202f) || // line/paragraph separators, bidi embeddings, narrow NBSP
    (c >= 0x205f && c <= 0x206f) || // word joiner, invisible operators, bidi isolates
    c === 0x3000 || // ideographic space
    c === 0xfeff // byte order mark, zero-width no-break space
  );
}

/** `=` `+` `-` `@` and the full-width and small forms of each. */
function isTrigger(c: number): boolean {
  return (
    c === 0x3d ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x40 ||
    c === 0xff1d ||
    c === 0xff0b ||
    c === 0xff0d ||
    c === 0xff20 ||
    c === 0xfe66 ||
    c === 0xfe62 ||
    c === 0xfe63 ||
    c === 0xfe6b
  );
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * True when `text[from…end)` is a plain number or phone number: digits, spaces and
 * `. , ( ) - + / %` only, at least one digit, and `E`/`e` only as an exponent (a digit
 * before it, then a digit or a sign and a digit after it). `start` is where the value begins
 * in `text` (a packed chunk holds other cells around it, which must not be read).
 */
function isPlainNumber(text: string, start: number, from: number, end: number): boolean {
  let digits = 0;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      digits++;
      continue;
    }
    if (
      c === 0x20 ||
      c === 0x2e ||
      c === 0x2c ||
      c === 0x28 ||
      c === 0x29 ||
      c === 0x2d ||
      c === 0x2b ||
      c === 0x2f ||
      c === 0x25
    ) {
      continue;
    }
    // Outside [start, end) is another cell's text: read as no character (NaN), as past a string's end.
    if ((c === 0x45 || c === 0x65) && i > start && isDigit(text.charCodeAt(i - 1))) {
      const next = i + 1 < end ? text.charCodeAt(i + 1) : NaN;
      const afterSign = next === 0x2b || next === 0x2d ? (i + 2 < end ? text.charCodeAt(i + 2) : NaN) : next;
      if (isDigit(afterSign)) continue;
    }
    return false;
  }
  return digits > 0;
}

/**
 * True when a spreadsheet could evaluate the value as a formula (the rule above).
 *
 * @example
 * needsFormulaGuard('=HYPERLINK("http://x")'); // true
 * needsFormulaGuard(' \u200B=1+2'); // true
 * needsFormulaGuard('+1 (555) 010-9999'); // false
 * needsFormulaGuard('a=b'); // false
 */
export function needsFormulaGuard(value: string): boolean {
  return needsFormulaGuardIn(value, 0, value.length);
}

/**
 * {@link needsFormulaGuard} for the value `text[start…end)`, read in place: the byte writers
 * decide it straight from a packed chunk's joined text, without a string per cell.
 */
export function needsFormulaGuardIn(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isIgnorable(text.charCodeAt(i))) i++;
  if (i === end) return false;
  const c0 = text.charCodeAt(start);
  const leadingTabOrCr = c0 === 0x09 || c0 === 0x0d;
  const first = text.charCodeAt(i);
  if (!leadingTabOrCr && !isTrigger(first)) return false;
  // Only an ASCII sign starts a number a spreadsheet reads as one.
  const signed = first === 0x2b || first === 0x2d;
  return !((signed || (leadingTabOrCr && !isTrigger(first))) && isPlainNumber(text, start, i, end));
}

/**
 * Prefixes `'` to a value a spreadsheet would evaluate; returns any other value unchanged.
 * Quoting for the CSV dialect happens afterwards.
 *
 * @example
 * guardFormula('=1+2'); // "'=1+2"
 * guardFormula('-0.25'); // '-0.25'
 * guardFormula('Ada'); // 'Ada'
 */
export function guardFormula(value: string): string {
  return needsFormulaGuard(value) ? `'${value}` : value;
}
