// A column named by its number, as Map's find (which shows each wide file's column numbers) and
// Preview's "Go to column" take it: one reading of `#9,876` in both steps.

/**
 * The 0-based column a `#9876` (or `#9,876`) search names, or null when the text is not one.
 *
 * @example
 * columnNumberIn('#9,876') // 9875
 */
export function columnNumberIn(text: string): number | null {
  const m = /^#\s*(\d[\d,. ]*)$/.exec(text.trim());
  if (m === null) return null;
  const n = Number((m[1] ?? '').replace(/[,. ]/g, ''));
  return Number.isSafeInteger(n) && n >= 1 ? n - 1 : null;
}
