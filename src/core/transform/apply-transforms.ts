import type { Cell } from '../model/cell';
import { parseDate } from './date-parse';
import { canonicalizeNumber } from './number-parse';
import { getPhoneSupport, loadPhoneSupport, type PhoneCheck } from './phone-support';
import { splitName } from './split-name';
import { collapseSpaces, lowercaseEmail, toTitleCase, trimSpaces } from './text-transforms';
import type { Transform, TransformContext, TransformNote, TransformResult } from './transform-types';

/** Key used to match value-map entries: case, width and spacing do not matter. */
export function normalizeMapKey(text: string): string {
  return collapseSpaces(trimSpaces(text.normalize('NFKC'))).toLowerCase();
}

// Compiled once per map object, not per value: a column of a million cells shares one.
const compiledMaps = new WeakMap<object, CompiledMap>();
/** Distinct cell values remembered per map; cleared when full. */
const MAP_MEMO_LIMIT = 10_000;

interface CompiledMap {
  readonly byKey: Map<string, string>;
  /**
   * The result per cell value as written: a picklist column repeats a handful of spellings a
   * million times, and NFKC + trim + collapse + lower-case per cell was a fifth of a clean
   * file's mapping time.
   */
  readonly memo: Map<string, string>;
  /**
   * The first {@link FEW} distinct values and their results, looked through before the memo:
   * a cell is a fresh string, and hashing it for the memo cost more than comparing it with a
   * handful of spellings (most of the time of a picklist field's mapping, profiled on a baseline).
   */
  readonly few: string[];
  readonly fewOut: string[];
}

/** Values a value map answers without hashing the cell ({@link CompiledMap.few}). */
const FEW = 8;

/** The map compiled last: a column asks for the same map cell after cell. */
let lastMap: object | null = null;
let lastCompiled: CompiledMap | null = null;

function compileValueMap(map: Readonly<Record<string, string>>): CompiledMap {
  if (map === lastMap) return lastCompiled as CompiledMap;
  let compiled = compiledMaps.get(map);
  if (compiled === undefined) {
    const byKey = new Map<string, string>();
    // Object.keys: own properties only, so a key named '__proto__' is just a key.
    for (const key of Object.keys(map)) byKey.set(normalizeMapKey(key), map[key] as string);
    compiled = { byKey, memo: new Map(), few: [], fewOut: [] };
    compiledMaps.set(map, compiled);
  }
  lastMap = map;
  lastCompiled = compiled;
  return compiled;
}

function mapValue(map: Readonly<Record<string, string>>, value: string): string {
  const compiled = compileValueMap(map);
  const few = compiled.few;
  for (let k = 0; k < few.length; k++) if (few[k] === value) return compiled.fewOut[k] as string;
  const memo = compiled.memo;
  let mapped = memo.get(value);
  if (mapped === undefined) {
    mapped = compiled.byKey.get(normalizeMapKey(value)) ?? value;
    if (few.length < FEW) {
      // A copy: the cell is often a slice of a whole block of the file, which it keeps alive.
      const copy = (' ' + value).slice(1);
      few.push(copy);
      compiled.fewOut.push(mapped === value ? copy : mapped);
    } else {
      if (memo.size >= MAP_MEMO_LIMIT) memo.clear();
      memo.set(value, mapped);
    }
  }
  return mapped;
}

function isBlank(value: Cell): boolean {
  return value === null || trimSpaces(value) === '';
}

/**
 * The note of the last {@link applyOne} call, if any. A module slot instead of a step object per
 * cell: ten million cells must not allocate ten million `{ value }` objects (profiled: GC).
 */
let lastNote: TransformNote | undefined;

/**
 * The phone check of the value the last {@link applyTransformsTo} call returned, when its last
 * transform was `phone` and the phone support could tell it from its own reading
 * (`PhoneSupport.lastCheck`); else undefined. A module slot like {@link lastNote}.
 */
let phoneCheck: PhoneCheck | undefined;

/** See {@link phoneCheck}: read right after the {@link applyTransformsTo} call it describes. */
export function lastPhoneCheck(): PhoneCheck | undefined {
  return phoneCheck;
}

function noted(value: Cell, note: TransformNote): Cell {
  lastNote = note;
  return value;
}

function applyOne(value: Cell, t: Transform, ctx: TransformContext): Cell {
  if (t.kind === 'join') {
    const parts: string[] = [];
    for (const c of t.columns) {
      const cell = ctx.row[c];
      if (cell !== undefined && cell !== null && trimSpaces(cell) !== '') parts.push(trimSpaces(cell));
    }
    return parts.join(t.separator);
  }
  if (t.kind === 'default') return isBlank(value) ? t.value : value;
  if (value === null) return value;
  switch (t.kind) {
    case 'trim':
      return trimSpaces(value);
    case 'collapse-spaces':
      return collapseSpaces(value);
    case 'case':
      return t.to === 'lower' ? value.toLowerCase() : t.to === 'upper' ? value.toUpperCase() : toTitleCase(value);
    case 'lowercase-email':
      return lowercaseEmail(value);
    case 'split-name': {
      const parts = splitName(value, t.order);
      return t.part === 'first' ? parts.first : parts.last;
    }
    case 'value-map':
      return mapValue(t.map, value);
    case 'date': {
      if (trimSpaces(value) === '') return value;
      const r = parseDate(value, t.order);
      return r.ok ? r.iso : noted(value, { code: r.code, transform: 'date', params: { value } });
    }
    case 'number': {
      if (trimSpaces(value) === '') return value;
      const n = canonicalizeNumber(value, t.decimal);
      return n !== undefined ? n : noted(value, { code: 'invalid-number', transform: 'number', params: { value } });
    }
    case 'phone': {
      if (trimSpaces(value) === '') return value;
      const p = getPhoneSupport().toE164(value, t.country);
      if (p === undefined) return noted(value, { code: 'invalid-phone', transform: 'phone', params: { value } });
      // E.164 has no extension; dropping it silently would lose data, so the value stays.
      if (p.ext !== undefined) return noted(value, { code: 'phone-extension', transform: 'phone', params: { value, ext: p.ext } });
      phoneCheck = getPhoneSupport().lastCheck();
      // Read one of two valid ways ('4915112345678' under DE): said, not chosen silently.
      if (p.alternative !== undefined) lastNote = { code: 'ambiguous-phone', transform: 'phone', params: { value, e164: p.e164, alternative: p.alternative } };
      return p.e164;
    }
  }
}

/**
 * Loads what the transforms need before {@link applyTransforms} runs synchronously: the phone
 * library (a lazy chunk) when a `phone` transform is present.
 */
export async function prepareTransforms(transforms: readonly Transform[]): Promise<void> {
  if (transforms.some((t) => t.kind === 'phone')) await loadPhoneSupport();
}

/**
 * Applies a field's transforms to one value, in order. Pure: the same input always gives the
 * same output. A transform that cannot read a value (ambiguous date, unparseable phone) leaves
 * it unchanged and says why in `notes`; nothing is guessed. `join` reads its columns from
 * `ctx.row` and ignores the incoming value. Phone transforms need {@link prepareTransforms}
 * first.
 *
 * @example
 * applyTransforms(' 13/02/2024 ', [{ kind: 'trim' }, { kind: 'date', order: 'auto' }], { row: [] });
 * // { value: '2024-02-13' }
 * applyTransforms('03/04/2024', [{ kind: 'date', order: 'auto' }], { row: [] });
 * // { value: '03/04/2024', notes: [{ code: 'ambiguous-date', transform: 'date', params: { value: '03/04/2024' } }] }
 */
export function applyTransforms(value: Cell, transforms: readonly Transform[], ctx: TransformContext): TransformResult {
  let current = value;
  let notes: TransformNote[] | undefined;
  for (const t of transforms) {
    lastNote = undefined;
    current = applyOne(current, t, ctx);
    if (lastNote !== undefined) (notes ??= []).push(lastNote);
  }
  lastNote = undefined;
  return notes === undefined ? { value: current } : { value: current, notes };
}

/**
 * {@link applyTransforms} without a result object: returns the value and hands each note to
 * `onNote`. For loops over millions of cells, where a result object per cell is GC time.
 */
export function applyTransformsTo(
  value: Cell,
  transforms: readonly Transform[],
  ctx: TransformContext,
  onNote: (note: TransformNote) => void,
): Cell {
  let current = value;
  phoneCheck = undefined;
  for (let i = 0; i < transforms.length; i++) {
    lastNote = undefined;
    phoneCheck = undefined;
    current = applyOne(current, transforms[i] as Transform, ctx);
    if (lastNote !== undefined) {
      const note: TransformNote = lastNote;
      lastNote = undefined;
      onNote(note);
    }
  }
  return current;
}
