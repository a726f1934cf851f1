/**
 * The block cache behind every windowed list (Preview, Validate, Review): rows live in the engine
 * and are fetched in fixed-size blocks as the list scrolls. Pure functions, so the rules (which
 * blocks to ask for, when a cache is stale, what is shown meanwhile) are tested in Node.
 */
export interface BlockCache<T> {
  /** The engine data version (and filter) the blocks belong to: a new key means a new cache. */
  readonly key: string;
  /** Caches of the same group may show each other's rows while fresh ones load (no flicker). */
  readonly group: string;
  readonly blocks: Map<number, readonly T[]>;
  readonly inflight: Set<number>;
  /** The previous cache's blocks, when it had the same group; dropped once a fresh block lands. */
  stale: Map<number, readonly T[]> | null;
}

export function emptyCache<T>(key: string, group: string): BlockCache<T> {
  return { key, group, blocks: new Map(), inflight: new Set(), stale: null };
}

/** The cache for `key`: the same one while the key holds, else an empty one (keeping stale rows of the same group). */
export function cacheFor<T>(cache: BlockCache<T>, key: string, group: string): BlockCache<T> {
  if (cache.key === key && cache.group === group) return cache;
  const next = emptyCache<T>(key, group);
  next.stale = cache.group === group ? cache.blocks : null;
  return next;
}

/** Blocks covering rows first..last that are neither held nor already asked for. */
export function missingBlocks<T>(cache: BlockCache<T>, first: number, last: number, blockRows: number): number[] {
  const out: number[] = [];
  const end = Math.floor(Math.max(first, last) / blockRows);
  for (let b = Math.floor(Math.max(0, first) / blockRows); b <= end; b++) {
    if (!cache.blocks.has(b) && !cache.inflight.has(b)) out.push(b);
  }
  return out;
}

/** Stores a fetched block; the oldest block goes when more than `maxBlocks` are held. */
export function storeBlock<T>(cache: BlockCache<T>, block: number, rows: readonly T[], maxBlocks: number): void {
  cache.inflight.delete(block);
  // Deleted first so a block stored again counts as the newest (a Map keeps first-insert order).
  cache.blocks.delete(block);
  cache.blocks.set(block, rows);
  cache.stale = null;
  if (cache.blocks.size > maxBlocks) cache.blocks.delete(cache.blocks.keys().next().value as number);
}

/** The row at `index`, from a fresh block or, while that loads, from the stale one; else undefined. */
export function rowIn<T>(cache: BlockCache<T>, index: number, blockRows: number): T | undefined {
  const b = Math.floor(index / blockRows);
  return (cache.blocks.get(b) ?? cache.stale?.get(b))?.[index - b * blockRows];
}
