import type { Cell } from '../model/cell';
import { trimSpaceEdges } from '../model/linear-text';
import type { FieldType } from '../schema/schema-types';
import type { HashedRows, KeyIndex } from './validate-types';
import { isBlankCell } from './value-rules';

export type DuplicateKind = 'exact' | 'email' | 'phone' | 'text';

const SPACE_RUN = /[\s\u200B]+/g;
const NON_ASCII = /[\u0080-\uFFFF]/;

function phoneDigits(value: string): string {
  let out = '';
  let i = 0;
  // '+49 …' and '0049 …' are the same number: drop the '00' international prefix.
  const trimmed = value.trimStart();
  if (trimmed.startsWith('00')) i = value.length - trimmed.length + 2;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) out += value[i];
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
  }
  return out;
}

/**
 * The key two values share when they are "the same" for a duplicate check, or `undefined` for
 * blanks (blank cells are the `required` rule's business, not duplicates).
 *
 * - `exact`: the value itself.
 * - `email`: trimmed, lower-cased.
 * - `phone`: digits only, '00' prefix dropped ('+49 30 123' ≡ '0049-30-123').
 * - `text`: trimmed, whitespace runs collapsed, lower-cased, NFKC for non-ASCII (full-width
 *   'Ａｃｍｅ' ≡ 'acme').
 */
export function duplicateKey(value: Cell, kind: DuplicateKind): string | undefined {
  if (value === null || isBlankCell(value)) return undefined;
  switch (kind) {
    case 'exact':
      return value;
    case 'email':
      return trimSpaceEdges(value).toLowerCase();
    case 'phone': {
      const digits = phoneDigits(value);
      return digits === '' ? undefined : digits;
    }
    case 'text': {
      const text = NON_ASCII.test(value) ? value.normalize('NFKC') : value;
      return trimSpaceEdges(text).replace(SPACE_RUN, ' ').toLowerCase();
    }
  }
}

/** The normalised duplicate kind for a field type. */
export function duplicateKindFor(type: FieldType): DuplicateKind {
  return type === 'email' ? 'email' : type === 'phone' ? 'phone' : 'text';
}

/**
 * A key slot per row, filled in row order: V8 keeps it a fast array. Rows written here out of
 * order into an empty array (only the rows of shared keys) would turn a million-row array into a
 * slow dictionary (profiled: most of the uniqueness time of a messy file).
 */
export function emptyKeys(rows: number): (string | undefined)[] {
  const keys: (string | undefined)[] = [];
  for (let r = 0; r < rows; r++) keys.push(undefined);
  return keys;
}

/** FNV-1a over UTF-16 code units: the 32-bit hash held rows are found by. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Builds an index over rows `0 … hashes.length` from the hashes of their keys (`has[row]`: the
 * row has a key): rows whose hash no other row has are held by hash only; the others (a
 * duplicate, or a hash collision) get their key worked out and go into `groups`. A million
 * unique e-mails thus cost two Int32Arrays and a Uint32Array, not a million strings in a Map
 * for the garbage collector to trace. Edits keep using {@link addToIndex} and
 * {@link removeFromIndex}, which move held rows into `groups` when a new key meets their hash.
 */
export function* indexByHash(
  hashes: Uint32Array,
  has: Uint8Array,
  keyOf: (row: number) => string | undefined,
  rowsPerPause = Infinity,
  /** The hash `hashes` were made with (tests pass a weak one to make keys collide). */
  hash: (key: string) => number = hashKey,
): Generator<void, KeyIndex, void> {
  const rows = hashes.length;
  let size = 16;
  while (size < rows * 2) size *= 2;
  const slots = new Int32Array(size);
  const next = new Int32Array(rows);
  const held = new Uint8Array(rows);
  // Rows whose hash another row has: worked out as keys below.
  const shared: number[] = [];
  const mask = size - 1;
  let budget = rowsPerPause;
  for (let r = 0; r < rows; r++) {
    if (--budget <= 0) {
      budget = rowsPerPause;
      yield;
    }
    if (has[r] === 0) continue;
    const h = hashes[r] as number;
    const slot = h & mask;
    let at = (slots[slot] as number) - 1;
    // One row per distinct hash in a chain, so a million copies of one value make no long chain.
    while (at >= 0 && hashes[at] !== h) at = (next[at] as number) - 1;
    if (at >= 0) {
      if (held[at] === 1) {
        held[at] = 0;
        shared.push(at);
      }
      shared.push(r);
      continue;
    }
    next[r] = slots[slot] as number;
    slots[slot] = r + 1;
    held[r] = 1;
  }
  const index: KeyIndex = { groups: new Map(), keys: emptyKeys(rows), hashed: { hashes, held, slots, next, keyOf, hash } };
  // Rows join in row order so every group stays sorted by construction.
  shared.sort((a, b) => a - b);
  for (const r of shared) {
    addKey(index, r, keyOf(r));
    if (--budget <= 0) {
      budget = rowsPerPause;
      yield;
    }
  }
  return index;
}

/** Moves the held rows whose hash is `key`'s into `groups`, so a row with that key meets them. */
function releaseHeld(hashed: HashedRows, index: KeyIndex, key: string): void {
  const h = hashed.hash(key);
  let at = (hashed.slots[h & (hashed.slots.length - 1)] as number) - 1;
  while (at >= 0) {
    if (hashed.held[at] === 1 && hashed.hashes[at] === h) {
      hashed.held[at] = 0;
      addKey(index, at, hashed.keyOf(at));
    }
    at = (hashed.next[at] as number) - 1;
  }
}

/** Adds `row` under `key`; singletons stay a number so a million unique values make no arrays. */
export function addToIndex(index: KeyIndex, row: number, key: string | undefined): void {
  const hashed = index.hashed;
  if (hashed !== undefined) {
    if (row < hashed.held.length) hashed.held[row] = 0;
    if (key !== undefined) releaseHeld(hashed, index, key);
  }
  addKey(index, row, key);
}

function addKey(index: KeyIndex, row: number, key: string | undefined): void {
  index.keys[row] = key;
  if (key === undefined) return;
  const existing = index.groups.get(key);
  if (existing === undefined) index.groups.set(key, row);
  else if (typeof existing === 'number') index.groups.set(key, existing < row ? [existing, row] : [row, existing]);
  else {
    // Kept sorted so the first row of a group is always group[0].
    let i = existing.length;
    existing.push(row);
    while (i > 0 && (existing[i - 1] as number) > row) {
      existing[i] = existing[i - 1] as number;
      i--;
    }
    existing[i] = row;
  }
}

/** Removes `row` from the group of its current key; returns that key. */
export function removeFromIndex(index: KeyIndex, row: number): string | undefined {
  const hashed = index.hashed;
  if (hashed !== undefined && row < hashed.held.length && hashed.held[row] === 1) {
    // A held row shares its key with no other row: taking it out touches no group.
    hashed.held[row] = 0;
    return hashed.keyOf(row);
  }
  const key = index.keys[row];
  index.keys[row] = undefined;
  if (key === undefined) return undefined;
  const existing = index.groups.get(key);
  if (typeof existing === 'number') index.groups.delete(key);
  else if (existing !== undefined) {
    const at = existing.indexOf(row);
    if (at >= 0) existing.splice(at, 1);
    if (existing.length === 1) index.groups.set(key, existing[0] as number);
  }
  return key;
}

/** The rows sharing `row`'s key (sorted), or `undefined` when it has no duplicate. */
export function groupOf(index: KeyIndex, row: number): readonly number[] | undefined {
  const key = index.keys[row];
  if (key === undefined) return undefined;
  const g = index.groups.get(key);
  return typeof g === 'object' ? g : undefined;
}

/**
 * Groups of row indices whose values are duplicates of each other, each group sorted, groups in
 * order of their first row. Blank values are never duplicates. One Map pass: a million values
 * take a few hundred milliseconds in Node.
 *
 * @example
 * findDuplicates(['a@x.io', 'B@x.io', 'A@X.IO ', 'b@x.io'], 'email'); // { groups: [[0, 2], [1, 3]] }
 */
export function findDuplicates(values: ArrayLike<Cell>, kind: DuplicateKind): { groups: number[][] } {
  const seen = new Map<string, number | number[]>();
  const groups: number[][] = [];
  for (let r = 0; r < values.length; r++) {
    const key = duplicateKey(values[r] as Cell, kind);
    if (key === undefined) continue;
    const existing = seen.get(key);
    if (existing === undefined) seen.set(key, r);
    else if (typeof existing === 'number') {
      const group = [existing, r];
      groups.push(group);
      seen.set(key, group);
    } else existing.push(r);
  }
  // Groups were created when their second member appeared; order them by their first.
  groups.sort((a, b) => (a[0] as number) - (b[0] as number));
  return { groups };
}
