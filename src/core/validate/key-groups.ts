/**
 * Groups of rows whose keys are equal, held in typed arrays: the uniqueness index of a column
 * (docs/architecture.md, "The mapped data and its problems").
 *
 * A Map from key strings to row lists made a messy million-row file (eight in ten e-mails
 * repeated) hold 800,000 key strings and as many arrays for the garbage collector to trace, and
 * spent most of validation building them. Here a row costs two Int32Array slots (its group and
 * the next row of it) and a group four typed slots plus its place in an open-addressing table:
 * no string and no object per row. The table is probed by a 32-bit hash of the key; a hash that
 * matches is never trusted alone: the caller's `same(row)` compares the actual keys (of the
 * row being added and of the group's last row), so two keys that merely collide form two
 * groups.
 *
 * Rows of a group are linked in ascending order, so a group's first row is its `first`, and the
 * rows a validation scan adds (ascending) are appended in constant time.
 */
/** Rows of a row-order pass of {@link KeyGroups.addAllSteps} between two pauses. */
const ROWS_PER_STEP = 1 << 15;
const STEP_MASK = ROWS_PER_STEP - 1;

function drain(steps: Generator<void, void, void>): void {
  for (let s = steps.next(); s.done !== true; s = steps.next());
}

/** Radix sort of {@link KeyGroups.addAll}: 11 bits a pass, three passes over 32-bit hashes. */
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const RADIX_MASK = RADIX - 1;

/** What {@link KeyGroups.addAll} needs of a key reader (a `KeyReader`): load a row's key, keep it, compare. */
export interface LoadedKeys {
  /** Loads the key of a row (a hash, or -1 when it has none). */
  loadRow(row: number): number;
  loadedLength(): number;
  copyLoaded(into: Uint16Array, at: number): void;
  loadedEquals(pool: Uint16Array, at: number, length: number): boolean;
}

/**
 * Scratch arrays of a row each, shared by the indexes one validation builds one after another
 * (their sort buffers and per-row working lists), then let go with it. On a VM that charges for
 * every fresh page, 20 MB of sort buffers made afresh for each unique field of a million rows
 * cost more than the sort itself (docs/architecture.md, "The mapped data and its problems").
 * Contents are not kept between uses: each user writes before it reads.
 */
export class KeyScratch {
  private readonly arrays: Int32Array[] = [];

  constructor(readonly rows: number) {}

  /** Scratch array `i` (0–4), of {@link rows} entries, holding whatever its last user left. */
  array(i: number): Int32Array {
    return (this.arrays[i] ??= new Int32Array(this.rows));
  }
}

export class KeyGroups {
  /**
   * Per row: its group, or -1 when the row has no key here. Made on the first row added: an
   * index that stays empty (the exact index of a column without duplicates) holds no array.
   */
  private groupOf: Int32Array | undefined;
  /**
   * Per row: the next row of its group (ascending), or -1. Made when a group first gets a
   * second row: a column of distinct keys needs none.
   */
  private next: Int32Array | undefined;
  /** Per row: the previous row of its group; built on the first removal (a scan never needs it). */
  private prev: Int32Array | undefined;
  private hashes: Uint32Array;
  private firsts: Int32Array;
  private lasts: Int32Array;
  private counts: Int32Array;
  private groupCount = 0;
  /**
   * Open addressing, two entries a slot: group + 1 (0 for empty) and the group's hash beside it,
   * so a probe that meets another key's slot rejects it on the same cache line, without reading
   * the group's arrays (a miss each in a million-row column). An emptied group keeps its slot
   * for reuse, marked by a negative entry (-(group + 1)).
   */
  private slots: Int32Array | undefined;
  private bits: number;
  /**
   * Every group has one row, group g's row being the g-th row with a key: `firsts`, `lasts` and
   * `counts` are not made (a column of distinct keys, as a clean file's e-mails and ids, needed
   * 12 bytes a row for them). Made from {@link groupOf} by {@link materialize} once an edit or a
   * walk of a group's rows needs them.
   */
  private singles = false;

  /**
   * @param expected groups likely to be made: the table starts large enough for them (a scan
   * of a column of unique values would otherwise rehash it some twenty times).
   */
  constructor(
    readonly rows: number,
    expected = 0,
  ) {
    const initial = 64;
    this.hashes = new Uint32Array(initial);
    this.firsts = new Int32Array(initial);
    this.lasts = new Int32Array(initial);
    this.counts = new Int32Array(initial);
    let bits = 7;
    while (1 << bits < expected * 2) bits++;
    this.bits = bits;
    this.slots = new Int32Array(2 << this.bits);
  }

  /** The group holding `row`, or -1. */
  group(row: number): number {
    const groupOf = this.groupOf;
    return groupOf !== undefined && row >= 0 && row < this.rows ? (groupOf[row] as number) : -1;
  }

  /** Rows in the group holding `row` (0 when the row has no key here). */
  size(row: number): number {
    const g = this.group(row);
    return g < 0 ? 0 : this.singles ? 1 : (this.counts[g] as number);
  }

  /** The first (lowest) row of `row`'s group, or -1. */
  first(row: number): number {
    const g = this.group(row);
    return g < 0 ? -1 : this.singles ? row : (this.firsts[g] as number);
  }

  /** The rows of `row`'s group, ascending, when it has two or more; else undefined. */
  rowsWith(row: number): number[] | undefined {
    const g = this.group(row);
    return g < 0 || this.singles || (this.counts[g] as number) < 2 ? undefined : this.rowsOf(g);
  }

  /** The rows of group `g`, ascending. */
  rowsOf(g: number): number[] {
    this.materialize();
    const out: number[] = [];
    const next = this.next;
    if (next === undefined) {
      // No group has two rows.
      out.push(this.firsts[g] as number);
      return out;
    }
    for (let r = this.firsts[g] as number; r >= 0; r = next[r] as number) out.push(r);
    return out;
  }

  /** Groups of two or more rows, in the order they were first made. */
  *sharedGroups(): IterableIterator<number> {
    if (this.singles) return;
    for (let g = 0; g < this.groupCount; g++) if ((this.counts[g] as number) >= 2) yield g;
  }

  /** Whether some group holds two rows or more. */
  hasShared(): boolean {
    if (this.singles) return false;
    for (let g = 0; g < this.groupCount; g++) if ((this.counts[g] as number) >= 2) return true;
    return false;
  }

  /** The number of rows of group `g`. */
  countOf(g: number): number {
    return this.singles ? 1 : (this.counts[g] as number);
  }

  /**
   * Adds `row` (which must hold no group here) under a key with hash `hash`; `same(other)` says
   * whether `other`'s key equals the row's (asked only of rows whose key has the same hash).
   * Returns the row's group.
   */
  add(row: number, hash: number, same: (other: number) => boolean): number {
    const h = hash >>> 0;
    this.materialize();
    const slots = this.table();
    const mask = (1 << this.bits) - 1;
    let i = this.slotOf(h);
    let reusable = -1;
    for (;;) {
      const s = slots[2 * i] as number;
      if (s === 0) break;
      if (s < 0) {
        if (reusable < 0) reusable = i;
      } else if ((slots[2 * i + 1] as number) === (h | 0) && same(this.lasts[s - 1] as number)) {
        // Any row of the group holds its key; the last one was read most recently (a scan adds
        // rows in order), so its cell is the likeliest to still be in the cache.
        this.join(s - 1, row);
        return s - 1;
      }
      i = (i + 1) & mask;
    }
    let g: number;
    if (reusable >= 0) {
      g = -(slots[2 * reusable] as number) - 1;
      slots[2 * reusable] = g + 1;
      slots[2 * reusable + 1] = h | 0;
    } else {
      g = this.newGroup();
      slots[2 * i] = g + 1;
      slots[2 * i + 1] = h | 0;
    }
    this.hashes[g] = h;
    this.firsts[g] = row;
    this.lasts[g] = row;
    this.counts[g] = 1;
    this.rowGroups()[row] = g;
    if (this.next !== undefined) this.next[row] = -1;
    if (this.prev !== undefined) this.prev[row] = -1;
    if (reusable < 0 && this.groupCount * 2 > 1 << this.bits) this.grow();
    return g;
  }

  /** Takes `row` out of its group (nothing when it has none). */
  remove(row: number): void {
    const g = this.group(row);
    if (g < 0) return;
    this.materialize();
    // Built while the group still has its rows: a table built from an emptied group would lack it.
    this.table();
    const prev = (this.prev ??= this.buildPrev());
    const next = this.links();
    const p = prev[row] as number;
    const n = next[row] as number;
    if (p >= 0) next[p] = n;
    else this.firsts[g] = n;
    if (n >= 0) prev[n] = p;
    else this.lasts[g] = p;
    this.counts[g] = (this.counts[g] as number) - 1;
    if (this.counts[g] === 0) this.markEmptied(g);
    this.rowGroups()[row] = -1;
    next[row] = -1;
    prev[row] = -1;
  }

  /** Links `row` into group `g` in row order: appended when it is the highest (a scan). */
  private join(g: number, row: number): void {
    const next = this.links();
    const prev = this.prev;
    const last = this.lasts[g] as number;
    this.rowGroups()[row] = g;
    this.counts[g] = (this.counts[g] as number) + 1;
    if (row > last) {
      next[last] = row;
      next[row] = -1;
      if (prev !== undefined) prev[row] = last;
      this.lasts[g] = row;
      return;
    }
    const first = this.firsts[g] as number;
    if (row < first) {
      next[row] = first;
      if (prev !== undefined) {
        prev[first] = row;
        prev[row] = -1;
      }
      this.firsts[g] = row;
      return;
    }
    let p = first;
    while ((next[p] as number) >= 0 && (next[p] as number) < row) p = next[p] as number;
    const n = next[p] as number;
    next[p] = row;
    next[row] = n;
    if (prev !== undefined) {
      prev[row] = p;
      if (n >= 0) prev[n] = row;
    }
  }

  /** Marks the slot of group `g`, now empty, as reusable. */
  private markEmptied(g: number): void {
    const slots = this.table();
    const mask = (1 << this.bits) - 1;
    let i = this.slotOf(this.hashes[g] as number);
    while ((slots[2 * i] as number) !== g + 1) i = (i + 1) & mask;
    slots[2 * i] = -(g + 1);
  }

  private slotOf(h: number): number {
    // Fibonacci hashing: the high bits of the product spread FNV's weaker low bits.
    return Math.imul(h, 0x9e3779b1) >>> (32 - this.bits);
  }

  private newGroup(): number {
    if (this.groupCount === this.hashes.length) {
      const size = this.hashes.length * 2;
      const grow32 = (a: Int32Array): Int32Array => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      };
      const hashes = new Uint32Array(size);
      hashes.set(this.hashes);
      this.hashes = hashes;
      this.firsts = grow32(this.firsts);
      this.lasts = grow32(this.lasts);
      this.counts = grow32(this.counts);
    }
    return this.groupCount++;
  }

  /** Doubles the table; emptied groups are left out (their ids are not reused after this). */
  private grow(): void {
    this.bits++;
    this.slots = this.buildTable();
  }

  /** The probe table, built from the groups when {@link addAll} left it out. */
  private table(): Int32Array {
    if (this.slots === undefined) {
      let bits = 7;
      while (1 << bits < this.groupCount * 2) bits++;
      this.bits = bits;
      this.slots = this.buildTable();
    }
    return this.slots;
  }

  /** A table of `2 ** bits` slots holding every group that has rows. */
  private buildTable(): Int32Array {
    const slots = new Int32Array(2 << this.bits);
    const mask = (1 << this.bits) - 1;
    for (let g = 0; g < this.groupCount; g++) {
      if ((this.counts[g] as number) === 0) continue;
      let i = this.slotOf(this.hashes[g] as number);
      while ((slots[2 * i] as number) !== 0) i = (i + 1) & mask;
      slots[2 * i] = g + 1;
      slots[2 * i + 1] = (this.hashes[g] as number) | 0;
    }
    return slots;
  }

  /**
   * Groups every row at once, as {@link add} row by row in ascending order would (the same
   * groups, numbered in the order of their first rows), for an index that is still empty.
   * `hashes[r]` is row r's key hash where `keyed[r]` is 1 (rows with 0 have no key); `keys`
   * loads a row's key and compares it (a {@link KeyReader}).
   *
   * Why: {@link add} probes the table at a random place per row, a cache miss each in a
   * million-row column, and that was most of a clean file's uniqueness check. Here the
   * (hash, row) pairs are radix-sorted (three passes that read in order and write to 2,048
   * places), so rows sharing a hash are found side by side; only they have their keys read
   * again, in row order (the cells in file order), each compared with the keys of the groups
   * its hash has so far, kept packed in one buffer rather than read again from their rows,
   * which lie anywhere in the file. A key that merely shares a hash starts a group of its own.
   * The groups are linked in one pass in row order. The probe table is built only if an edit
   * later adds or removes a row.
   */
  addAll(hashes: Uint32Array, keyed: Uint8Array, keys: LoadedKeys, scratch?: KeyScratch): void {
    drain(this.addAllSteps(hashes, keyed, keys, scratch));
  }

  /**
   * {@link addAll} in steps: pauses between the sort's passes and about every
   * {@link ROWS_PER_STEP} rows of its row-order passes, so a worker grouping a million rows still
   * hears cancel and reports progress; the index is usable once the generator is done.
   */
  *addAllSteps(hashes: Uint32Array, keyed: Uint8Array, keys: LoadedKeys, scratch = new KeyScratch(this.rows)): Generator<void, void, void> {
    if (this.groupCount !== 0) throw new Error('KeyGroups.addAll: the index is not empty');
    const n = this.rows;
    let m = 0;
    for (let r = 0; r < n; r++) m += keyed[r] as number;
    // The sort's four buffers are scratch arrays 1–4 (byRow is 0), free again once it is done.
    let hs = new Uint32Array(scratch.array(1).buffer, 0, m);
    let rs = scratch.array(2).subarray(0, m);
    for (let r = 0, k = 0; r < n; r++) {
      if (keyed[r] !== 1) continue;
      hs[k] = hashes[r] as number;
      rs[k++] = r;
    }
    // LSD radix sort by hash, stable: rows of one hash stay ascending.
    let hs2 = new Uint32Array(scratch.array(3).buffer, 0, m);
    let rs2 = scratch.array(4).subarray(0, m);
    const counts = new Int32Array(RADIX);
    for (let shift = 0; shift < 32; shift += RADIX_BITS) {
      counts.fill(0);
      for (let i = 0; i < m; i++) {
        const b = ((hs[i] as number) >>> shift) & RADIX_MASK;
        counts[b] = (counts[b] as number) + 1;
      }
      let sum = 0;
      for (let b = 0; b < RADIX; b++) {
        const c = counts[b] as number;
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < m; i++) {
        const h = hs[i] as number;
        const b = (h >>> shift) & RADIX_MASK;
        const at = counts[b] as number;
        counts[b] = at + 1;
        hs2[at] = h;
        rs2[at] = rs[i] as number;
      }
      [hs, hs2] = [hs2, hs];
      [rs, rs2] = [rs2, rs];
      yield;
    }
    // Per keyed row its group's first row; while undecided, -(first row of its hash + 1).
    const byRow = scratch.array(0);
    let groups = 0;
    let shared = false;
    for (let i = 0; i < m; ) {
      const h = hs[i] as number;
      const first = rs[i] as number;
      let j = i + 1;
      while (j < m && hs[j] === h) j++;
      if (j === i + 1) {
        byRow[first] = first;
        groups++;
      } else {
        shared = true;
        for (let t = i; t < j; t++) byRow[rs[t] as number] = -(first + 1);
      }
      i = j;
    }
    if (shared) groups += yield* this.splitByKey(byRow, keyed, keys, undefined, scratch);
    yield* this.link(byRow, keyed, hashes, groups);
  }

  /**
   * Groups, for an index that is still empty, the rows that share a group of `coarser` (two or
   * more rows) by their keys under `keys`: what {@link addAll} of those rows would make, when
   * equal keys here are always equal keys there (an exact duplicate is a normalised one). No
   * hash is sorted: each row is compared in row order with the keys of the groups its coarser
   * group has so far. `hashes` and `keyed` are scratch arrays of a row each (overwritten).
   */
  addWithin(coarser: KeyGroups, keys: LoadedKeys, hashes: Uint32Array, keyed: Uint8Array, scratch?: KeyScratch): void {
    drain(this.addWithinSteps(coarser, keys, hashes, keyed, scratch));
  }

  /** {@link addWithin} in steps, as {@link addAllSteps}. */
  *addWithinSteps(
    coarser: KeyGroups,
    keys: LoadedKeys,
    hashes: Uint32Array,
    keyed: Uint8Array,
    scratch = new KeyScratch(this.rows),
  ): Generator<void, void, void> {
    if (this.groupCount !== 0) throw new Error('KeyGroups.addWithin: the index is not empty');
    const n = this.rows;
    const byRow = scratch.array(0);
    for (let r = 0; r < n; r++) {
      const shared = coarser.size(r) >= 2;
      keyed[r] = shared ? 1 : 0;
      if (shared) byRow[r] = -(coarser.first(r) + 1);
    }
    yield;
    const groups = yield* this.splitByKey(byRow, keyed, keys, hashes, scratch);
    yield* this.link(byRow, keyed, hashes, groups);
  }

  /**
   * For an index that is still empty: the groups of two or more rows of `coarser`, as they are.
   * What {@link addWithin} makes when every row of those groups has the same key here as there
   * (a normalised key that changed nothing of its cell is the exact key), without reading a key:
   * the same groups, numbered by their first rows, each with its hash there (the same units,
   * the same hash). `hashes` and `keyed` are scratch arrays of a row each (overwritten).
   */
  *copySharedSteps(coarser: KeyGroups, hashes: Uint32Array, keyed: Uint8Array, scratch = new KeyScratch(this.rows)): Generator<void, void, void> {
    if (this.groupCount !== 0) throw new Error('KeyGroups.copyShared: the index is not empty');
    coarser.materialize();
    const n = this.rows;
    const byRow = scratch.array(0);
    let groups = 0;
    for (let r = 0; r < n; r++) {
      if ((r & STEP_MASK) === STEP_MASK) yield;
      const g = coarser.group(r);
      const shared = g >= 0 && (coarser.counts[g] as number) >= 2;
      keyed[r] = shared ? 1 : 0;
      if (!shared) continue;
      const first = coarser.firsts[g] as number;
      byRow[r] = first;
      if (first === r) {
        hashes[r] = coarser.hashes[g] as number;
        groups++;
      }
    }
    yield* this.link(byRow, keyed, hashes, groups);
  }

  /**
   * Decides the undecided rows of {@link addAll} and {@link addWithin}, in row order: each row
   * whose entry is -(f + 1) belongs with rows of the same candidate set (named by its first row
   * f); it joins the first group of its set whose kept key equals its own, or leads a new one.
   * A row found to have no key leaves `keyed`. With `hashes`, a leader's hash is written there
   * (its group's hash, for edits' probes). Returns the groups made.
   */
  private *splitByKey(
    byRow: Int32Array,
    keyed: Uint8Array,
    keys: LoadedKeys,
    hashes: Uint32Array | undefined,
    scratch: KeyScratch,
  ): Generator<void, number, void> {
    const n = this.rows;
    // Per candidate set (by its first row) its first leader; per leader where its key is kept
    // and the next leader of the same set (-1: none). Scratch arrays 1–4 (byRow is 0): each
    // entry is written before it is read, but for `head`, cleared here.
    const head = scratch.array(1).fill(-1);
    const keptAt = scratch.array(2);
    const keptLength = scratch.array(3);
    const nextLeader = scratch.array(4);
    let pool = new Uint16Array(1 << 16);
    let used = 0;
    let groups = 0;
    for (let r = 0; r < n; r++) {
      if ((r & STEP_MASK) === STEP_MASK) yield;
      const tentative = byRow[r] as number;
      if (keyed[r] !== 1 || tentative >= 0) continue;
      const set = -tentative - 1;
      const hash = keys.loadRow(r);
      if (hash < 0) {
        keyed[r] = 0;
        continue;
      }
      let last = -1;
      let found = -1;
      for (let l = head[set] as number; l >= 0; l = nextLeader[l] as number) {
        if (keys.loadedEquals(pool, keptAt[l] as number, keptLength[l] as number)) {
          found = l;
          break;
        }
        last = l;
      }
      if (found >= 0) {
        byRow[r] = found;
        continue;
      }
      // A new group, led by this row: its key kept.
      const length = keys.loadedLength();
      if (used + length > pool.length) {
        const bigger = new Uint16Array(Math.max(used + length, pool.length * 2));
        bigger.set(pool.subarray(0, used));
        pool = bigger;
      }
      keys.copyLoaded(pool, used);
      keptAt[r] = used;
      keptLength[r] = length;
      nextLeader[r] = -1;
      used += length;
      if (last < 0) head[set] = r;
      else nextLeader[last] = r;
      if (hashes !== undefined) hashes[r] = hash;
      byRow[r] = r;
      groups++;
    }
    return groups;
  }

  /** Numbers the groups by their first rows and links their rows, from each row's first row. */
  private *link(byRow: Int32Array, keyed: Uint8Array, hashes: Uint32Array, groups: number): Generator<void, void, void> {
    const n = this.rows;
    const size = Math.max(64, groups);
    this.hashes = new Uint32Array(size);
    let keyedRows = 0;
    for (let r = 0; r < n; r++) keyedRows += keyed[r] as number;
    if (keyedRows === groups) {
      // A group per row: numbered in row order, nothing to link (see singles).
      const groupOf = this.rowGroups();
      let g = 0;
      for (let r = 0; r < n; r++) {
        if ((r & STEP_MASK) === STEP_MASK) yield;
        if (keyed[r] !== 1) continue;
        this.hashes[g] = hashes[r] as number;
        groupOf[r] = g++;
      }
      this.firsts = this.lasts = this.counts = new Int32Array(0);
      this.singles = true;
      this.groupCount = g;
      this.slots = undefined;
      return;
    }
    this.firsts = new Int32Array(size);
    this.lasts = new Int32Array(size);
    this.counts = new Int32Array(size);
    const groupOf = this.rowGroups();
    let next = this.next;
    let g = 0;
    for (let r = 0; r < n; r++) {
      if ((r & STEP_MASK) === STEP_MASK) yield;
      if (keyed[r] !== 1) continue;
      const l = byRow[r] as number;
      if (l === r) {
        this.hashes[g] = hashes[r] as number;
        this.firsts[g] = r;
        this.lasts[g] = r;
        this.counts[g] = 1;
        groupOf[r] = g++;
      } else {
        const own = groupOf[l] as number;
        next ??= this.links();
        next[this.lasts[own] as number] = r;
        this.lasts[own] = r;
        this.counts[own] = (this.counts[own] as number) + 1;
        groupOf[r] = own;
      }
    }
    this.groupCount = g;
    this.slots = undefined;
  }

  /** Makes `firsts`, `lasts` and `counts` of an index of single rows (see {@link singles}). */
  private materialize(): void {
    if (!this.singles) return;
    const size = this.hashes.length;
    const firsts = new Int32Array(size);
    const counts = new Int32Array(size);
    const groupOf = this.rowGroups();
    for (let r = 0; r < this.rows; r++) {
      const g = groupOf[r] as number;
      if (g < 0) continue;
      firsts[g] = r;
      counts[g] = 1;
    }
    this.firsts = firsts;
    this.lasts = firsts.slice();
    this.counts = counts;
    this.singles = false;
  }

  /** {@link groupOf}, made (every row without a group) when first needed. */
  private rowGroups(): Int32Array {
    return (this.groupOf ??= new Int32Array(this.rows).fill(-1));
  }

  /** {@link next}, made (every row the last of its group) when first needed. */
  private links(): Int32Array {
    return (this.next ??= new Int32Array(this.rows).fill(-1));
  }

  private buildPrev(): Int32Array {
    const prev = new Int32Array(this.rows).fill(-1);
    const next = this.next;
    if (next === undefined) return prev;
    for (let r = 0; r < this.rows; r++) {
      const n = next[r] as number;
      if (n >= 0) prev[n] = r;
    }
    return prev;
  }
}
