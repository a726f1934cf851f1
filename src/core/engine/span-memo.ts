import type { Cell } from '../model/cell';
import type { Transform } from '../mapping/mapping-types';

/**
 * Transform kinds that never note anything and whose result depends on the cell's text alone:
 * a chain of them may be remembered per distinct text (see {@link SpanMemo}).
 */
const QUIET_KINDS: ReadonlySet<Transform['kind']> = new Set<Transform['kind']>(['trim', 'collapse-spaces', 'case', 'lowercase-email', 'value-map', 'default', 'split-name']);

/**
 * Whether a field's chain is worth remembering by text: quiet kinds only, and a `value-map`
 * among them, the mark of a column that repeats a handful of spellings (a picklist's).
 */
export function memoWorthy(transforms: readonly Transform[]): boolean {
  return transforms.length > 0 && transforms.some((t) => t.kind === 'value-map') && transforms.every((t) => QUIET_KINDS.has(t.kind));
}

/** Distinct texts remembered; more are transformed each time (the column is not a picklist). */
const CAPACITY = 1024;
/** Open addressing over twice the capacity. */
const SLOT_BITS = 11;
const SLOT_MASK = (1 << SLOT_BITS) - 1;

/**
 * The mapped value of each distinct source text met so far, found from the text in place (the
 * chunk's string, a start and an end) by an FNV-1a hash and a comparison of units. Mapping a
 * picklist column sliced every cell into a string, then looked it up twice (the map of the
 * `value-map` transform and its memo); here a repeated spelling costs one pass over its units
 * and no string. Only for chains that are pure functions of the text ({@link memoWorthy}).
 */
export class SpanMemo {
  private readonly slots = new Int32Array(1 << SLOT_BITS);
  private readonly texts: string[] = [];
  private readonly values: Cell[] = [];
  private readonly same: boolean[] = [];
  /** The slot {@link find} ended on and the hash it computed, for the {@link add} that follows a miss. */
  private slot = -1;

  /** The entry of `text[start, end)`, or -1 (then {@link add} may remember it). */
  find(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    let i = Math.imul(h, 0x9e3779b1) >>> (32 - SLOT_BITS);
    const length = end - start;
    for (;;) {
      const s = this.slots[i] as number;
      if (s === 0) break;
      const known = this.texts[s - 1] as string;
      if (known.length === length && sameUnits(known, text, start)) return s - 1;
      i = (i + 1) & SLOT_MASK;
    }
    this.slot = i;
    return -1;
  }

  /** Remembers the value of `raw`, the text the last {@link find} missed (when there is room). */
  add(raw: string, value: Cell, same: boolean): void {
    if (this.texts.length >= CAPACITY || this.slot < 0) return;
    this.texts.push(raw);
    this.values.push(value);
    this.same.push(same);
    this.slots[this.slot] = this.texts.length;
    this.slot = -1;
  }

  value(entry: number): Cell {
    return this.values[entry] as Cell;
  }

  /** Whether the entry's value is its text unchanged. */
  isSame(entry: number): boolean {
    return this.same[entry] as boolean;
  }
}

function sameUnits(known: string, text: string, start: number): boolean {
  for (let i = 0; i < known.length; i++) if (known.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
