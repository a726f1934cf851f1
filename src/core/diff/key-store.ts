import type { Cell } from '../model/cell';
import { CHUNK_ROWS } from '../model/chunk-layout';
import type { Table } from '../model/table';
import { FNV_OFFSET, FNV_PRIME, hashString } from './fast-hash';
import { keyOf, type KeySpec } from './key-spec';

/** The sort hash of a missing key: such rows come last, in row order. */
export const MISSING_KEY_HASH = 0xffffffff;

/** The Knuth multiply over an FNV-1a hash, off the reserved value (see `keySortHash`). */
export function spreadHash(fnv: number): number {
  const h = Math.imul(fnv, 0x9e3779b1) >>> 0;
  return h === MISSING_KEY_HASH ? h - 1 : h;
}

/**
 * One side's normalised keys, packed: the UTF-16 code units of every row's key back to back
 * (one byte a unit while every unit is Latin-1), with no string per key. Row `r`'s key is
 * `units[offsets[r] .. offsets[r + 1])`; an empty range is a missing key (an empty key is
 * missing: `keyOf`). Exactly the strings `readKeys` reads, unit for unit, so equality and order
 * (code unit order, as `<` on strings) are those of the strings; {@link keyAt} makes one on demand.
 */
export class KeyStore {
  constructor(
    readonly count: number,
    readonly units: Uint8Array | Uint16Array,
    readonly offsets: Int32Array,
  ) {}

  /** Whether row `r` has a key. */
  has(r: number): boolean {
    return (this.offsets[r + 1] as number) > (this.offsets[r] as number);
  }

  /** Row `r`'s key as a string, or null when missing. */
  keyAt(r: number): string | null {
    const a = this.offsets[r] as number;
    const b = this.offsets[r + 1] as number;
    if (a === b) return null;
    return unitsText(this.units, a, b);
  }

  /** Whether row `r` here and row `s` of `other` hold the same key (two missing keys are the same). */
  same(r: number, other: KeyStore, s: number): boolean {
    const a = this.offsets[r] as number;
    const len = (this.offsets[r + 1] as number) - a;
    const b = other.offsets[s] as number;
    if ((other.offsets[s + 1] as number) - b !== len) return false;
    const x = this.units;
    const y = other.units;
    for (let k = 0; k < len; k++) if (x[a + k] !== y[b + k]) return false;
    return true;
  }

  /** -1, 0 or 1: row `r`'s key against row `s`'s of `other` in code unit order; missing after any present key. */
  compare(r: number, other: KeyStore, s: number): number {
    const a = this.offsets[r] as number;
    const la = (this.offsets[r + 1] as number) - a;
    const b = other.offsets[s] as number;
    const lb = (other.offsets[s + 1] as number) - b;
    if (la === 0 || lb === 0) return la === lb ? 0 : la === 0 ? 1 : -1;
    const x = this.units;
    const y = other.units;
    const n = Math.min(la, lb);
    for (let k = 0; k < n; k++) {
      const d = (x[a + k] as number) - (y[b + k] as number);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return la === lb ? 0 : la < lb ? -1 : 1;
  }

  /** Whether row `r`'s key is `key` (a present key). */
  is(r: number, key: string): boolean {
    const a = this.offsets[r] as number;
    if ((this.offsets[r + 1] as number) - a !== key.length || key.length === 0) return false;
    const x = this.units;
    for (let k = 0; k < key.length; k++) if (x[a + k] !== key.charCodeAt(k)) return false;
    return true;
  }
}

/** Units `[a, b)` as a string, a slice at a time (`fromCharCode` takes its units as arguments). */
function unitsText(units: Uint8Array | Uint16Array, a: number, b: number): string {
  if (b - a <= 4096) return String.fromCharCode.apply(null, units.subarray(a, b) as unknown as number[]);
  let out = '';
  for (let k = a; k < b; k += 4096)
    out += String.fromCharCode.apply(null, units.subarray(k, Math.min(b, k + 4096)) as unknown as number[]);
  return out;
}

/** A key store being filled row by row, with each row's sort hash. */
class StoreBuilder {
  units: Uint8Array | Uint16Array;
  pos = 0;
  /** What the reads ahead of a run read (kept so they are not optimised away). */
  touched = 0;
  readonly offsets: Int32Array;
  readonly hashes: Uint32Array;

  constructor(readonly count: number) {
    this.units = new Uint8Array(Math.max(64, count * 8));
    this.offsets = new Int32Array(count + 1);
    this.hashes = new Uint32Array(count);
  }

  /** Room for `extra` more units (wide: some is past Latin-1). */
  room(extra: number, wide: boolean): Uint8Array | Uint16Array {
    const need = this.pos + extra;
    const narrow = this.units instanceof Uint8Array;
    if (need <= this.units.length && !(wide && narrow)) return this.units;
    const size = Math.max(need, this.units.length * 2);
    const grown = wide || !narrow ? new Uint16Array(size) : new Uint8Array(size);
    grown.set(this.units.subarray(0, this.pos));
    this.units = grown;
    return grown;
  }

  /** Row `r`'s key is `key` (already normalised), or missing. */
  setKey(r: number, key: string | null): void {
    if (key === null) {
      this.offsets[r + 1] = this.pos;
      this.hashes[r] = MISSING_KEY_HASH;
      return;
    }
    let wide = false;
    for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) > 0xff) wide = true;
    const units = this.room(key.length, wide);
    let h = FNV_OFFSET;
    let p = this.pos;
    for (let k = 0; k < key.length; k++) {
      const c = key.charCodeAt(k);
      units[p++] = c;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    this.pos = p;
    this.offsets[r + 1] = p;
    this.hashes[r] = spreadHash(h >>> 0);
  }

  finish(): { store: KeyStore; hashes: Uint32Array } {
    // A view of the units written when they fill at least half the buffer (the rest was never
    // written, so it takes no memory of the machine), else a copy: copied, 1M keys of 7 units
    // were 7 MB of fresh pages, ~30 ms on the bench machine (a page first written costs ~20 µs).
    const units =
      this.pos * 2 >= this.units.length ? this.units.subarray(0, this.pos) : this.units.slice(0, this.pos);
    return { store: new KeyStore(this.count, units, this.offsets), hashes: this.hashes };
  }
}

/** Rows whose keys are read ahead at once (see `readOneRun`). */
const TOUCH_AHEAD = 1024;

/**
 * {@link readKeyStore} for a run of a one-column key read from its spans: the common case, kept
 * in locals (the composite loop's per-part arrays and a call per row cost more than the keys).
 */
function readOneRun(
  out: StoreBuilder,
  table: Table,
  column: number,
  spec: KeySpec,
  r0: number,
  r1: number,
  text: string,
  starts: Int32Array,
  ends: Int32Array,
): void {
  const { offsets, hashes } = out;
  const lower = spec.caseInsensitive;
  const trim = spec.trim;
  const prime = FNV_PRIME;
  const offset = FNV_OFFSET;
  let units = out.units;
  let q = out.pos;
  // One read of each key's first character, before the loop that uses it: these reads do not
  // wait on each other, so the CPU fetches many of their cache lines at once. A CSV block holds
  // a key every ~125 characters, and the loop below waited on each line in turn: at 100k rows
  // of a CSV block, most of the keys' reading time (a CPU profile of the compare step on the
  // whole-path bench's files); read ahead, a third less.
  let touched = 0;
  let ahead = r0;
  for (let r = r0; r < r1; r++) {
    if (r === ahead) {
      // The next rows, a thousand at a time: their lines stay in the cache until used.
      ahead = Math.min(r1, r + TOUCH_AHEAD);
      for (let i = r - r0; i < ahead - r0; i++) {
        const s = starts[i] as number;
        if (s >= 0) touched ^= text.charCodeAt(s);
      }
      out.touched ^= touched;
    }
    const i = r - r0;
    let s = starts[i] as number;
    let e = ends[i] as number;
    if (s >= 0 && trim) {
      while (s < e && asciiSpace(text.charCodeAt(s))) s++;
      while (e > s && asciiSpace(text.charCodeAt(e - 1))) e--;
    }
    if (s < 0 || s === e) {
      // Missing, or empty (once trimmed): a missing key, as `keyOf` has it.
      offsets[r + 1] = q;
      hashes[r] = MISSING_KEY_HASH;
      continue;
    }
    if (q + (e - s) > units.length) {
      out.pos = q;
      units = out.room(e - s, false);
    }
    const from = q;
    let h = offset;
    let k = s;
    for (; k < e; k++) {
      let c = text.charCodeAt(k);
      if (c >= 0x80) break;
      if (lower && c >= 0x41 && c <= 0x5a) c += 0x20;
      units[q++] = c;
      h = Math.imul(h ^ c, prime);
    }
    if (k === e) {
      offsets[r + 1] = q;
      hashes[r] = spreadHash(h >>> 0);
      continue;
    }
    // Not ASCII (or ends that are non-ASCII spaces): `keyOf` decides.
    out.pos = from;
    out.setKey(r, keyOf([table.cell(r, column)], spec));
    units = out.units;
    q = out.pos;
  }
  out.pos = q;
}

/** An ASCII space, tab, line feed, vertical tab, form feed or carriage return: what `trim` removes in ASCII. */
function asciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * Every row's normalised key (exactly {@link keyOf} of its key cells, as `readKeys` reads them)
 * into a {@link KeyStore}, with each row's sort hash (`keySortHash` of that key). Key columns the
 * table reads a run at a time ({@link Table.columnSpans}) are read from their spans: a key part
 * that is ASCII once its ends are trimmed (when the spec trims) needs no NFC and lowers by A–Z
 * alone, so its units are copied and hashed as they are checked, with no string; any other row
 * goes through `keyOf` itself. A composite key is written as `keyOf` writes it (the JSON array
 * of its parts) when no part needs escaping.
 */
export async function readKeyStore(
  table: Table,
  spec: KeySpec,
  checkpoint: () => Promise<void> = async () => {},
): Promise<{ store: KeyStore; hashes: Uint32Array }> {
  const n = table.rowCount;
  const out = new StoreBuilder(n);
  const cols = spec.columns.map((c) => table.columns.indexOf(c));
  const np = cols.length;
  const parts: Cell[] = cols.map(() => null);
  const runs = table.columnSpans !== undefined && np > 0 && cols.every((c) => c >= 0);
  const starts = runs ? cols.map(() => new Int32Array(CHUNK_ROWS)) : [];
  const ends = runs ? cols.map(() => new Int32Array(CHUNK_ROWS)) : [];
  const texts: (string | null)[] = cols.map(() => null);
  // Per part, the trimmed span of the row being read.
  const ps = new Int32Array(np);
  const pe = new Int32Array(np);
  const lower = spec.caseInsensitive;
  const trim = spec.trim;
  const prime = FNV_PRIME;
  for (let r0 = 0; r0 < n; r0 += CHUNK_ROWS) {
    const r1 = Math.min(n, r0 + CHUNK_ROWS);
    let spans = runs;
    for (let p = 0; p < np && spans; p++) {
      texts[p] = table.columnSpans?.(cols[p] as number, r0, r1, starts[p] as Int32Array, ends[p] as Int32Array) ?? null;
      if (texts[p] === null) spans = false;
    }
    if (spans && np === 1) {
      readOneRun(out, table, cols[0] as number, spec, r0, r1, texts[0] as string, starts[0] as Int32Array, ends[0] as Int32Array);
      await checkpoint();
      continue;
    }
    for (let r = r0; r < r1; r++) {
      if (spans) {
        const i = r - r0;
        // 1: missing, 0: not ASCII-plain (through keyOf), 2: units from the spans.
        let state = 2;
        let size = np === 1 ? 0 : 2 + 3 * (np - 1) + 2;
        for (let p = 0; p < np; p++) {
          let s = (starts[p] as Int32Array)[i] as number;
          if (s < 0) {
            state = 1;
            break;
          }
          let e = (ends[p] as Int32Array)[i] as number;
          const text = texts[p] as string;
          if (trim) {
            while (s < e && asciiSpace(text.charCodeAt(s))) s++;
            while (e > s && asciiSpace(text.charCodeAt(e - 1))) e--;
          }
          if (s === e) {
            // Empty (once trimmed): a missing key, as `keyOf` has it.
            state = 1;
            break;
          }
          ps[p] = s;
          pe[p] = e;
          size += e - s;
        }
        if (state === 1) {
          out.setKey(r, null);
          continue;
        }
        const units = out.room(size, false);
        const from = out.pos;
        let q = from;
        let h = FNV_OFFSET;
        for (let p = 0; p < np && state === 2; p++) {
          const text = texts[p] as string;
          const s = ps[p] as number;
          const e = pe[p] as number;
          if (np > 1) {
            const open = p === 0 ? 0x5b : 0x2c; // '[' or ','
            units[q++] = open;
            h = Math.imul(h ^ open, prime);
            units[q++] = 0x22; // '"'
            h = Math.imul(h ^ 0x22, prime);
          }
          // With trimming, an end that is still a space was a non-ASCII one: keyOf decides.
          for (let k = s; k < e; k++) {
            let c = text.charCodeAt(k);
            if (c >= 0x80 || (np > 1 && (c < 0x20 || c === 0x22 || c === 0x5c))) {
              state = 0;
              break;
            }
            if (lower && c >= 0x41 && c <= 0x5a) c += 0x20;
            units[q++] = c;
            h = Math.imul(h ^ c, prime);
          }
          if (np > 1) {
            units[q++] = 0x22;
            h = Math.imul(h ^ 0x22, prime);
          }
        }
        if (state === 2) {
          if (np > 1) {
            units[q++] = 0x5d; // ']'
            h = Math.imul(h ^ 0x5d, prime);
          }
          out.pos = q;
          out.offsets[r + 1] = q;
          out.hashes[r] = spreadHash(h >>> 0);
          continue;
        }
        out.pos = from;
      }
      for (let p = 0; p < np; p++) {
        const c = cols[p] as number;
        parts[p] = c < 0 ? null : table.cell(r, c);
      }
      out.setKey(r, keyOf(parts, spec));
    }
    await checkpoint();
  }
  return out.finish();
}

/** One side's packed keys in key order (`keyed-layout.ts`'s `KeyedRows`, as far as a lookup needs). */
interface SortedKeys {
  readonly store: KeyStore;
  readonly order: Int32Array;
  readonly sorted: Uint32Array;
}

/**
 * The keys of a diff's records ({@link DiffResult.keys}), read from the two sides' packed keys
 * when asked for: record `i`'s key is its new-data row's key, else its baseline row's. No string
 * is made per record by the diff; a record's key costs one when a consumer asks for it.
 */
export class RecordKeys {
  private recordOf: { base: Int32Array; next: Int32Array } | null = null;

  constructor(
    private readonly base: SortedKeys,
    private readonly next: SortedKeys,
    private readonly baseRows: Int32Array,
    private readonly nextRows: Int32Array,
  ) {}

  get length(): number {
    return this.nextRows.length;
  }

  /** Record `i`'s key. */
  at(i: number): string {
    const r = this.nextRows[i] as number;
    if (r >= 0) return this.next.store.keyAt(r) ?? '';
    const b = this.baseRows[i] ?? -1;
    return b >= 0 ? (this.base.store.keyAt(b) ?? '') : '';
  }

  /**
   * The record whose key is `key`, or -1: found by its sort hash in each side's key order
   * (binary search), then compared in full. Decisions name records by key; this finds the few
   * decided ones without a string per record.
   */
  indexOf(key: string): number {
    if (key === '') return -1;
    const h = spreadHash(hashString(key));
    const recordOf = (this.recordOf ??= this.recordsOfRows());
    const r = rowOfKey(this.next, h, key);
    if (r >= 0) return recordOf.next[r] as number;
    const b = rowOfKey(this.base, h, key);
    return b >= 0 ? (recordOf.base[b] as number) : -1;
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  private recordsOfRows(): { base: Int32Array; next: Int32Array } {
    const base = new Int32Array(this.base.store.count).fill(-1);
    const next = new Int32Array(this.next.store.count).fill(-1);
    for (let i = 0; i < this.nextRows.length; i++) {
      const r = this.nextRows[i] as number;
      if (r >= 0) next[r] = i;
      const b = this.baseRows[i] as number;
      if (b >= 0) base[b] = i;
    }
    return { base, next };
  }
}

/** The row of a side holding `key` (sort hash `h`), or -1. */
function rowOfKey(side: SortedKeys, h: number, key: string): number {
  const { sorted, order, store } = side;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < h) lo = mid + 1;
    else hi = mid;
  }
  for (let p = lo; p < sorted.length && sorted[p] === h; p++) {
    const r = order[p] as number;
    if (store.is(r, key)) return r;
  }
  return -1;
}
