/**
 * FNV-1a 32-bit (http://www.isthe.com/chongo/tech/comp/fnv/): a fast, non-cryptographic hash
 * used only to place records into buckets and into a deterministic order. Nothing is decided
 * equal by it; equality is always a SHA-256 digest or a byte comparison.
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * @example
 * hashString('a'); // 0xe40c292c
 */
export function hashString(value: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * @example
 * hashBytes(new Uint8Array([0x61]), 0, 1); // 0xe40c292c
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h >>> 0;
}
