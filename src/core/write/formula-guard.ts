/**
 * CSV / formula injection guard, after OWASP "CSV Injection"
 * (https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet treats a cell that
 * starts with `=`, `+`, `-` or `@` as a formula, and tab (0x09) or carriage return (0x0D) can
 * hide such a start from a naive check. Prefixing a single quote makes Excel, LibreOffice and
 * Google Sheets show the text instead of evaluating it.
 *
 * The guard changes data: `-5` is written `'-5`. A guarded export therefore does not read back
 * byte-exact; the explicit opt-out (`formulaGuard: false`) does.
 */

/**
 * True when a spreadsheet could evaluate the value as a formula.
 *
 * @example
 * needsFormulaGuard('=HYPERLINK("http://x")'); // true
 * needsFormulaGuard('a=b'); // false
 */
export function needsFormulaGuard(value: string): boolean {
  if (value.length === 0) return false;
  const c = value.charCodeAt(0);
  // = + - @ TAB CR
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

/**
 * Prefixes `'` to a value a spreadsheet would evaluate; returns any other value unchanged.
 * Quoting for the CSV dialect happens afterwards.
 *
 * @example
 * guardFormula('=1+2'); // "'=1+2"
 * guardFormula('Ada'); // 'Ada'
 */
export function guardFormula(value: string): string {
  return needsFormulaGuard(value) ? `'${value}` : value;
}
