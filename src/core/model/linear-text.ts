/**
 * Linear-time text helpers for user data. A regex such as `/[\s]+$/` is quadratic in V8: it is
 * retried from every start position inside a long run of spaces (a 100 KB cell of spaces takes
 * seconds). These loops look at each character at most once. docs/limits.md explains the rule
 * and test/unit/core/safety/regex-safety.test.ts keeps it.
 */

/** JS `\s` (WhiteSpace and LineTerminator) plus the zero-width space U+200B. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Removes leading and trailing whitespace and zero-width spaces, in one pass from each end. */
export function trimSpaceEdges(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isSpaceCode(value.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** Removes every leading and trailing character that is in `chars`. */
export function trimChars(value: string, chars: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && chars.includes(value.charAt(start))) start++;
  while (end > start && chars.includes(value.charAt(end - 1))) end--;
  return value.slice(start, end);
}

/** Removes trailing characters that are in `chars`. */
export function trimEndChars(value: string, chars: string): string {
  let end = value.length;
  while (end > 0 && chars.includes(value.charAt(end - 1))) end--;
  return value.slice(0, end);
}

/**
 * True when `value` looks like `local@domain.tld`: one '@', no whitespace or any of `forbidden`,
 * a non-empty local part, and a dot in the domain after its first character with at least
 * `minTld` characters after it. The same language as
 * `/^[^\s@F]+@[^\s@F]+\.[^\s@F]{minTld,}$/`, decided in one pass.
 */
export function looksLikeEmail(value: string, forbidden = '', minTld = 1): boolean {
  const at = value.indexOf('@');
  if (at < 1 || value.indexOf('@', at + 1) >= 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isSpaceCode(c) && c !== 0x200b) return false;
    if (forbidden !== '' && forbidden.includes(value.charAt(i))) return false;
  }
  const domain = value.slice(at + 1);
  const dot = domain.indexOf('.', 1);
  return dot >= 1 && domain.length - dot - 1 >= minTld;
}
