import { isSpaceCode } from '../model/linear-text';
import type { Transform } from './transform-types';

/**
 * Says, from a cell's place in a string (`text`, `start`, `end`), without making a string for
 * it, whether a chain of transforms returns the cell exactly as it is: true only when that is
 * certain; false means "not decided here" (run the transforms).
 */
export type SpanIdentity = (text: string, start: number, end: number) => boolean;

/**
 * One transform's in-place identity, or undefined when it has none (its output is decided by
 * running it). Each is narrow on purpose and follows the transform's code in
 * apply-transforms.ts; test/unit/core/transform/span-identity.test.ts holds every one to
 * `applyTransforms` on any UTF-16.
 */
function identityOf(t: Transform): SpanIdentity | undefined {
  switch (t.kind) {
    case 'trim':
      return trimmed;
    case 'collapse-spaces':
      return collapsed;
    case 'case':
      return t.to === 'lower' ? asciiLower : t.to === 'upper' ? asciiUpper : undefined;
    case 'lowercase-email':
      // trimSpaces then toLowerCase: ASCII without A–Z, nothing at either end to trim.
      return (text, start, end) => asciiLower(text, start, end) && trimmed(text, start, end);
    case 'phone':
      return e164OrEmpty;
    case 'default':
      // A value that is not blank is kept; a blank one (every unit a space) becomes the default.
      return (text, start, end) => start < end && !isSpaceCode(text.charCodeAt(start));
    default:
      return undefined;
  }
}

/** `trimSpaces` keeps it: empty, or no space (JS `\s`, U+200B) at either end. */
function trimmed(text: string, start: number, end: number): boolean {
  return (
    start >= end || (!isSpaceCode(text.charCodeAt(start)) && !isSpaceCode(text.charCodeAt(end - 1)))
  );
}

/** `collapseSpaces` keeps it: no space but single ASCII spaces (no `\s` other than ' ', no U+200B, no two spaces in a row). */
function collapsed(text: string, start: number, end: number): boolean {
  let prev = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0xa0) {
      prev = c;
      continue;
    }
    if (c === 0x20 ? prev === 0x20 : isSpaceCode(c)) return false;
    prev = c;
  }
  return true;
}

/** `toLowerCase` keeps it: ASCII without A–Z. */
function asciiLower(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

/** `toUpperCase` keeps it: ASCII without a–z. */
function asciiUpper(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || (c >= 0x61 && c <= 0x7a)) return false;
  }
  return true;
}

/**
 * The `phone` transform keeps it: empty (a blank value is kept), or already E.164 as written
 * (`+`, a digit 1–9, then 4 to 14 digits, nothing around it), which `toE164` returns as is.
 */
function e164OrEmpty(text: string, start: number, end: number): boolean {
  const n = end - start;
  if (n === 0) return true;
  if (n < 6 || n > 16 || text.charCodeAt(start) !== 43) return false;
  const d = text.charCodeAt(start + 1);
  if (d < 0x31 || d > 0x39) return false;
  for (let i = start + 2; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * The in-place identity of a chain of transforms: true when every one of them keeps the cell
 * (each then sees the cell itself, so the chain returns it unchanged). Undefined when some
 * transform has none (a date read, a value map, a name split, a join): the chain always runs.
 * Missing cells have no span and always run the chain (a `default` fills them).
 *
 * Why: mapping a clean million-row file made one string per cell of every transformed column
 * only to find trimmed text already trimmed, an e-mail already lower-case and a phone already
 * E.164 (docs/architecture.md, "The mapped data and its problems").
 */
export function compileSpanIdentity(transforms: readonly Transform[]): SpanIdentity | undefined {
  if (transforms.length === 0) return undefined;
  const parts: SpanIdentity[] = [];
  for (const t of transforms) {
    const id = identityOf(t);
    if (id === undefined) return undefined;
    if (!parts.includes(id)) parts.push(id);
  }
  if (parts.length === 1) return parts[0];
  return (text, start, end) => {
    for (const p of parts) if (!p(text, start, end)) return false;
    return true;
  };
}
