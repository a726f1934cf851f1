/**
 * The heights of a list's rows where each row may differ from an estimate once it is measured
 * (Review's change list: a record grows when opened or shown in full), kept so that a row's
 * offset and the row at an offset cost O(log n) at any count.
 *
 * By hand because TanStack Virtual, which the list used, keeps one measurement object per row and
 * rebuilds the array from the first changed row on every measurement: at a million changes
 * (a full replace) that is a million objects and tens of milliseconds per render on the page
 * thread. Here unmeasured rows cost nothing: a Fenwick tree holds only the measured rows'
 * differences from the estimate.
 */
export class RowSizes {
  /** Fenwick tree over each row's (size − estimate), 1-based. */
  private readonly tree: Float64Array;
  private readonly measured = new Map<number, number>();
  private readonly top: number;
  private extra = 0;

  constructor(
    readonly count: number,
    readonly estimate: number,
  ) {
    this.tree = new Float64Array(count + 1);
    let top = 1;
    while (top * 2 <= count) top *= 2;
    this.top = top;
  }

  /** A row's height: measured, else the estimate. */
  sizeOf(index: number): number {
    return this.measured.get(index) ?? this.estimate;
  }

  /**
   * Records a row's measured height (at least 1 px, so offsets strictly grow); returns how much
   * it moved the rows after it.
   */
  set(index: number, size: number): number {
    if (index < 0 || index >= this.count) return 0;
    const next = Math.max(1, size);
    const delta = next - this.sizeOf(index);
    if (delta === 0) return 0;
    this.measured.set(index, next);
    this.extra += delta;
    for (let k = index + 1; k <= this.count; k += k & -k) this.tree[k]! += delta;
    return delta;
  }

  /** Where row `index` starts: the heights of the rows before it (`count` gives the total). */
  startOf(index: number): number {
    const n = Math.min(Math.max(0, index), this.count);
    let sum = n * this.estimate;
    for (let k = n; k > 0; k -= k & -k) sum += this.tree[k]!;
    return sum;
  }

  total(): number {
    return this.count * this.estimate + this.extra;
  }

  /** The row at offset `y`: the last whose start is at or above it (0 above the first row). */
  indexAt(y: number): number {
    if (this.count === 0) return 0;
    // Fenwick descent: the most rows that fit wholly above `y`.
    let pos = 0;
    let acc = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next > this.count) continue;
      const span = step * this.estimate + this.tree[next]!;
      if (acc + span <= y) {
        pos = next;
        acc += span;
      }
    }
    return Math.min(pos, this.count - 1);
  }
}
