import type { Cell } from '../model/cell';
import { isSpaceCode } from '../model/linear-text';
import { duplicateKey, type DuplicateKind } from './duplicates';

/** {@link keyInto}: the cell has no key (blank, or a phone without digits). */
export const NO_KEY = -1;
/** {@link keyInto}: the cell holds non-ASCII text the kind normalises; use `duplicateKey`. */
export const NOT_ASCII = -2;

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** The FNV-1a hash of the key {@link keyInto} wrote last (one pass writes and hashes it). */
let keyHash = 0;
/** Whether the key {@link keyInto} wrote last differs from its cell (trimmed, folded, collapsed, digits picked). */
let keyAltered = false;

/**
 * `duplicateKey(text.slice(start, end), kind)` written into `out` as UTF-16 units, without
 * making the cell's string or the key's: the length of the key, {@link NO_KEY} where
 * `duplicateKey` gives `undefined`, or {@link NOT_ASCII} for text with a unit above U+007F
 * under a kind that normalises it (NFKC, Unicode case and spaces: the caller slices and calls
 * `duplicateKey`). `exact` never answers NOT_ASCII. `out` must hold `end - start` units. The
 * key's hash ({@link hashKey}) is computed in the same pass, read by {@link lastKeyHash}.
 * Held to `duplicateKey` by a differential test (test/unit/core/validate/key-groups.test.ts).
 */
export function keyInto(text: string, start: number, end: number, kind: DuplicateKind, out: Uint16Array): number {
  let n = 0;
  let h = 0x811c9dc5;
  if (kind === 'exact') {
    let blank = true;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      out[n++] = c;
      h = Math.imul(h ^ c, 0x01000193);
      if (blank && !isSpaceCode(c)) blank = false;
    }
    keyHash = h >>> 0;
    keyAltered = false;
    return blank ? NO_KEY : n;
  }
  // Only ASCII spaces are trimmed or skipped below, so every other unit of the cell is met by a
  // loop that refuses non-ASCII.
  let a = start;
  let b = end;
  if (kind === 'phone') {
    // digits only, after a '00' international prefix (which follows leading spaces, if any).
    while (a < b && isAsciiSpace(text.charCodeAt(a))) a++;
    let i = a + 1 < b && text.charCodeAt(a) === 48 && text.charCodeAt(a + 1) === 48 ? a + 2 : a;
    for (; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return NOT_ASCII;
      if (c >= 48 && c <= 57) {
        out[n++] = c;
        h = Math.imul(h ^ c, 0x01000193);
      }
    }
    keyHash = h >>> 0;
    keyAltered = n !== end - start;
    return n === 0 ? NO_KEY : n;
  }
  while (a < b && isAsciiSpace(text.charCodeAt(a))) a++;
  while (b > a && isAsciiSpace(text.charCodeAt(b - 1))) b--;
  if (a === b) return NO_KEY;
  const collapse = kind === 'text';
  let inSpace = false;
  let altered = a !== start || b !== end;
  for (let i = a; i < b; i++) {
    const unit = text.charCodeAt(i);
    let c = unit;
    if (c > 0x7f) return NOT_ASCII;
    if (collapse && isAsciiSpace(c)) {
      if (inSpace) {
        altered = true;
        continue;
      }
      inSpace = true;
      c = 32;
    } else {
      inSpace = false;
      if (c >= 65 && c <= 90) c += 32;
    }
    if (c !== unit) altered = true;
    out[n++] = c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  keyHash = h >>> 0;
  keyAltered = altered;
  return n;
}

/**
 * The hash {@link keyInto} gives the same cell, without writing its key anywhere: the hash (0 or
 * more), {@link NO_KEY} or {@link NOT_ASCII}, as keyInto answers. For a scan that only keeps
 * the hashes (validate-columns.ts): the keys are compared later, and only of rows whose hashes
 * meet. The same steps as keyInto, minus the stores; a differential test holds the two together
 * (test/unit/core/validate/key-groups.test.ts).
 */
export function keyHashOf(text: string, start: number, end: number, kind: DuplicateKind): number {
  let h = 0x811c9dc5;
  if (kind === 'exact') {
    let blank = true;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ c, 0x01000193);
      if (blank && !isSpaceCode(c)) blank = false;
    }
    return blank ? NO_KEY : h >>> 0;
  }
  let a = start;
  let b = end;
  if (kind === 'phone') {
    while (a < b && isAsciiSpace(text.charCodeAt(a))) a++;
    let n = 0;
    let i = a + 1 < b && text.charCodeAt(a) === 48 && text.charCodeAt(a + 1) === 48 ? a + 2 : a;
    for (; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return NOT_ASCII;
      if (c >= 48 && c <= 57) {
        n++;
        h = Math.imul(h ^ c, 0x01000193);
      }
    }
    return n === 0 ? NO_KEY : h >>> 0;
  }
  while (a < b && isAsciiSpace(text.charCodeAt(a))) a++;
  while (b > a && isAsciiSpace(text.charCodeAt(b - 1))) b--;
  if (a === b) return NO_KEY;
  const collapse = kind === 'text';
  let inSpace = false;
  for (let i = a; i < b; i++) {
    let c = text.charCodeAt(i);
    if (c > 0x7f) return NOT_ASCII;
    if (collapse && isAsciiSpace(c)) {
      if (inSpace) continue;
      inSpace = true;
      c = 32;
    } else {
      inSpace = false;
      if (c >= 65 && c <= 90) c += 32;
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units: the 32-bit hash rows are grouped by. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A cell's place: the string that holds it and its start and end there (null: missing). */
export type SpanOf = (row: number, span: Int32Array) => string | null;

/** One loaded key: units in a buffer, or a string when the cell needed `duplicateKey`. */
class Slot {
  units = new Uint16Array(64);
  length = 0;
  text: string | undefined;

  fit(n: number): void {
    if (this.units.length < n) this.units = new Uint16Array(Math.max(n, this.units.length * 2));
  }
}

/**
 * Reads the duplicate keys of a column's cells in place (no string per cell) for one kind,
 * hashes them and compares them: what {@link KeyGroups} needs to group a column. A row whose
 * value an edit is about to change reads that value from `pending`.
 */
export class KeyReader {
  private readonly a = new Slot();
  private readonly b = new Slot();
  private readonly span = new Int32Array(2);
  /** Rows whose current value is not (yet) the column's: edits of one batch. */
  pending: Map<number, Cell> | undefined;
  /**
   * Whether some key this reader loaded ({@link loadRow}, {@link loadText}, `same`) differs from
   * its cell: while false, every key loaded is its cell's exact key (validate-columns.ts then
   * takes the exact groups from the normalised ones).
   */
  altered = false;
  /** `same` for {@link KeyGroups.add}: whether a row's key equals the one last loaded. */
  readonly same = (row: number): boolean => this.load(this.b, row) !== NO_KEY && this.equal();

  constructor(
    readonly kind: DuplicateKind,
    private readonly spanOf: SpanOf,
  ) {}

  /** Loads the key of `text[start, end)`; its hash, or -1 when it has none. */
  loadText(text: string | null, start: number, end: number): number {
    return this.fill(this.a, text, start, end);
  }

  /**
   * The hash of the key of `text[start, end)`, or -1 when it has none, loading nothing: what
   * {@link loadText} returns, for a scan that keeps only hashes.
   */
  hashText(text: string | null, start: number, end: number): number {
    if (text === null) return NO_KEY;
    const h = keyHashOf(text, start, end, this.kind);
    if (h !== NOT_ASCII) return h;
    const key = duplicateKey(text.slice(start, end), this.kind);
    return key === undefined ? NO_KEY : hashKey(key);
  }

  /** Loads the key of a row's current value; its hash, or -1 when it has none. */
  loadRow(row: number): number {
    return this.load(this.a, row);
  }

  private load(slot: Slot, row: number): number {
    const pending = this.pending;
    if (pending !== undefined && pending.has(row)) {
      const value = pending.get(row) ?? null;
      return this.fill(slot, value, 0, value === null ? 0 : value.length);
    }
    const text = this.spanOf(row, this.span);
    return this.fill(slot, text, this.span[0] as number, this.span[1] as number);
  }

  private fill(slot: Slot, text: string | null, start: number, end: number): number {
    slot.text = undefined;
    if (text === null) return NO_KEY;
    slot.fit(end - start);
    const n = keyInto(text, start, end, this.kind, slot.units);
    if (n === NO_KEY) return NO_KEY;
    if (n === NOT_ASCII) {
      const value = text.slice(start, end);
      const key = duplicateKey(value, this.kind);
      if (key === undefined) return NO_KEY;
      if (key !== value) this.altered = true;
      slot.text = key;
      return hashKey(key);
    }
    if (keyAltered) this.altered = true;
    slot.length = n;
    return keyHash;
  }

  /** The length in UTF-16 units of the key loaded last ({@link loadRow}, {@link loadText}). */
  loadedLength(): number {
    const a = this.a;
    return a.text === undefined ? a.length : a.text.length;
  }

  /** Copies the key loaded last into `into` from `at` (it must have {@link loadedLength} units of room). */
  copyLoaded(into: Uint16Array, at: number): void {
    const a = this.a;
    if (a.text === undefined) into.set(a.units.subarray(0, a.length), at);
    else for (let i = 0; i < a.text.length; i++) into[at + i] = a.text.charCodeAt(i);
  }

  /** Whether the key loaded last equals the units `pool[at, at + length)` (a key {@link copyLoaded} kept). */
  loadedEquals(pool: Uint16Array, at: number, length: number): boolean {
    const a = this.a;
    if (a.text === undefined) {
      if (a.length !== length) return false;
      for (let i = 0; i < length; i++) if (a.units[i] !== pool[at + i]) return false;
      return true;
    }
    if (a.text.length !== length) return false;
    for (let i = 0; i < length; i++) if (a.text.charCodeAt(i) !== pool[at + i]) return false;
    return true;
  }

  private equal(): boolean {
    const { a, b } = this;
    if (a.text !== undefined && b.text !== undefined) return a.text === b.text;
    if (a.text !== undefined || b.text !== undefined) {
      const text = (a.text ?? b.text) as string;
      const units = a.text === undefined ? a : b;
      if (text.length !== units.length) return false;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== units.units[i]) return false;
      return true;
    }
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a.units[i] !== b.units[i]) return false;
    return true;
  }
}
