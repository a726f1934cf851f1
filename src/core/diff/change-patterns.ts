import type { Cell } from '../model/cell';
import { toNfc } from './canonical-form';
import { CHANGE_KINDS, type ChangeKind, type DiffResult } from './diff-types';

/**
 * What a field change did, as a reviewer names it. Field-level kinds describe one field of a
 * modified (or cosmetic) record; `added` and `removed` group whole records of that class.
 *
 * - `replaced`: the same old value became the same new value (`lead → customer`).
 * - `suffix` / `prefix`: the same text was appended / put in front, whatever the rest was.
 * - `suffix-removed` / `prefix-removed`: the same text was taken off the end / the front.
 * - `cleared`: a value became empty or missing. `set`: an empty or missing value got one (with
 *   `to` when several records got the same value).
 * - `whitespace`, `case`, `case-whitespace`: only spacing, only letter case, or only those two.
 * - `phone`: a phone number written differently with the same digits in the same order.
 * - `other`: any other edit of that field (and the rare empty ↔ missing).
 */
export type PatternKind =
  | 'replaced'
  | 'suffix'
  | 'prefix'
  | 'suffix-removed'
  | 'prefix-removed'
  | 'cleared'
  | 'set'
  | 'whitespace'
  | 'case'
  | 'case-whitespace'
  | 'phone'
  | 'other'
  | 'added'
  | 'removed';

/** One field change's classification, before grouping. */
export interface FieldPattern {
  readonly kind: PatternKind;
  /** `replaced`: the old value. */
  readonly from?: string;
  /** `replaced`: the new value; `set`: the value set, when several records share it. */
  readonly to?: string;
  /** `suffix`, `prefix` and their `-removed` forms: the text added or taken off. */
  readonly text?: string;
}

/**
 * A group of changes that do the same thing. Field groups hold one field of each record in
 * `records` (indexes into the diff, in diff order); record groups (`added`, `removed`) have
 * `column` null and hold whole records.
 */
export interface PatternGroup extends FieldPattern {
  /** Derived from the content (kind, field, values), so it names the same group after a re-run. */
  readonly id: string;
  readonly column: string | null;
  readonly records: Int32Array;
}

export interface PatternIndex {
  /** Largest first; ties by kind, field and id, so the order is the same on every run. */
  readonly groups: readonly PatternGroup[];
  readonly byId: ReadonlyMap<string, PatternGroup>;
  /** Field changes grouped (modified and cosmetic records), the sum of the field groups' sizes. */
  readonly fieldChanges: number;
}

/**
 * A pattern with a value shared by fewer records than this is not a pattern: it falls back to
 * the field's `other` group (or the plain `set` group), so one-off edits do not flood the list.
 */
const MIN_SHARED = 2;

/** A phone number has at least this many digits (a postcode or a house number has fewer). */
const MIN_PHONE_DIGITS = 7;

const isEmpty = (v: Cell): boolean => v === null || v === '';

/** True for the characters JavaScript's `\s` matches (the same set `quietForm` collapses). */
function isSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The string without any whitespace, by one scan. */
function withoutSpace(v: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < v.length; i++) {
    if (!isSpace(v.charCodeAt(i))) continue;
    out += v.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? v : out + v.slice(from);
}

/**
 * The digits of a value written like a phone number (digits, spaces and `+ - ( ) . /` only,
 * at least {@link MIN_PHONE_DIGITS} digits), or null when it is not one.
 */
function phoneDigits(v: string): string | null {
  let digits = '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits += v[i];
    else if (!(isSpace(c) || c === 0x2b || c === 0x2d || c === 0x28 || c === 0x29 || c === 0x2e || c === 0x2f)) return null;
  }
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/**
 * What one field change did, by the first rule that holds, in this order: cleared, set, phone
 * reformatted, whitespace only, case only, case and whitespace only, text appended, text put in
 * front, text taken off the end, off the front, else the old value replaced by the new one.
 * Values are compared in NFC, as the diff compares them.
 *
 * @example
 * classifyFieldChange('Engineer', 'Engineer (promoted)'); // { kind: 'suffix', text: ' (promoted)' }
 * classifyFieldChange('lead', 'customer');                // { kind: 'replaced', from: 'lead', to: 'customer' }
 * classifyFieldChange('+1 555 010 9999', '(555) 010-9999'); // { kind: 'replaced', … } (digits differ)
 */
export function classifyFieldChange(before: Cell, after: Cell): FieldPattern {
  if (isEmpty(before)) return isEmpty(after) ? { kind: 'other' } : { kind: 'set', to: after as string };
  if (isEmpty(after)) return { kind: 'cleared' };
  const b = toNfc(before as string);
  const a = toNfc(after as string);
  const bDigits = phoneDigits(b);
  if (bDigits !== null && bDigits === phoneDigits(a)) return { kind: 'phone' };
  const bTight = withoutSpace(b);
  const aTight = withoutSpace(a);
  if (bTight === aTight) return { kind: 'whitespace' };
  if (b.toLowerCase() === a.toLowerCase()) return { kind: 'case' };
  if (bTight.toLowerCase() === aTight.toLowerCase()) return { kind: 'case-whitespace' };
  if (a.startsWith(b)) return { kind: 'suffix', text: a.slice(b.length) };
  if (a.endsWith(b)) return { kind: 'prefix', text: a.slice(0, a.length - b.length) };
  if (b.startsWith(a)) return { kind: 'suffix-removed', text: b.slice(a.length) };
  if (b.endsWith(a)) return { kind: 'prefix-removed', text: b.slice(0, b.length - a.length) };
  return { kind: 'replaced', from: b, to: a };
}

/** Kinds whose group is only a pattern when enough records share its value, and where the rest go. */
const FALLBACK: Partial<Record<PatternKind, PatternKind>> = {
  replaced: 'other',
  suffix: 'other',
  prefix: 'other',
  'suffix-removed': 'other',
  'prefix-removed': 'other',
  set: 'set',
};

/** Display order of kinds among groups of the same size. */
const KIND_ORDER: readonly PatternKind[] = [
  'added', 'removed', 'replaced', 'set', 'cleared', 'suffix', 'prefix', 'suffix-removed', 'prefix-removed',
  'phone', 'whitespace', 'case', 'case-whitespace', 'other',
];

/** The group id of a classification: the same content gives the same id. */
export function patternId(column: string | null, p: FieldPattern): string {
  return JSON.stringify([p.kind, column, p.from ?? null, p.to ?? null, p.text ?? null]);
}

const part = (v: string | null | undefined): string => (v === undefined || v === null ? '-' : `${v.length}:${v}`);

/**
 * The key a group is built under: the same content gives the same key, and different content a
 * different one (every part length-prefixed, so no value can pass for another). Cheaper than
 * {@link patternId}'s JSON, which is made once per group instead of once per change.
 */
function buildKey(column: string | null, p: FieldPattern): string {
  return `${p.kind}|${part(column)}${part(p.from)}${part(p.to)}${part(p.text)}`;
}

interface Builder {
  readonly column: string | null;
  readonly pattern: FieldPattern;
  readonly records: number[];
}

/**
 * Groups every field change of a diff's modified and cosmetic records by what it did, and its
 * added and removed records by class. Every field change is in exactly one field group (a
 * pattern value shared by one record only falls back to the field's `other` or plain `set`
 * group), so the field groups' sizes add up to the field changes. Unchanged and absent records
 * have nothing to decide and are in no group.
 *
 * @example
 * const index = groupPatterns(diff);
 * index.groups[0]; // { kind: 'suffix', column: 'title', text: ' (promoted)', records: Int32Array(215), … }
 */
export function groupPatterns(diff: DiffResult): PatternIndex {
  const builders = new Map<string, Builder>();
  const add = (column: string | null, pattern: FieldPattern, record: number) => {
    const key = buildKey(column, pattern);
    let b = builders.get(key);
    if (b === undefined) {
      b = { column, pattern, records: [] };
      builders.set(key, b);
    }
    b.records.push(record);
  };
  let fieldChanges = 0;
  for (const [i, fields] of diff.fields) {
    for (const f of fields) {
      add(f.column, classifyFieldChange(f.before, f.after), i);
      fieldChanges++;
    }
  }
  // A value shared by too few records is no pattern: move those records to the fallback group.
  // Deleting the visited entry is safe while iterating; the fallback groups this adds carry no
  // value, so when the loop reaches them it leaves them alone.
  for (const [key, b] of builders) {
    const fallback = FALLBACK[b.pattern.kind];
    const valued = b.pattern.from !== undefined || b.pattern.to !== undefined || b.pattern.text !== undefined;
    if (fallback === undefined || !valued || b.records.length >= MIN_SHARED) continue;
    builders.delete(key);
    for (const r of b.records) add(b.column, { kind: fallback }, r);
  }
  for (let i = 0; i < diff.kinds.length; i++) {
    const kind = CHANGE_KINDS[diff.kinds[i] as number] as ChangeKind;
    if (kind === 'added' || kind === 'removed') add(null, { kind }, i);
  }
  const groups: PatternGroup[] = [];
  for (const b of builders.values()) {
    // Records were visited in the diff's map order; the list shows them in diff order.
    const records = Int32Array.from(b.records).sort();
    groups.push({ ...b.pattern, id: patternId(b.column, b.pattern), column: b.column, records });
  }
  groups.sort(
    (x, y) =>
      y.records.length - x.records.length ||
      KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
      (x.column ?? '').localeCompare(y.column ?? '') ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  return { groups, byId: new Map(groups.map((g) => [g.id, g])), fieldChanges };
}
