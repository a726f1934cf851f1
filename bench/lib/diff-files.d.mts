export interface DiffShape {
  readonly header: string;
  readonly record: (i: number, suffix: string) => string;
}
export const WIDE: DiffShape;
export const NARROW: DiffShape;
export function diffPairLine(
  shape: DiffShape,
  rows: number,
  i: number,
  side: 'base' | 'new',
): string | null;
export function writeDiffSide(
  path: string,
  shape: DiffShape,
  rows: number,
  side: 'base' | 'new',
): Promise<void>;
export function writeDiffPair(
  base: string,
  next: string,
  shape: DiffShape,
  rows: number,
): Promise<void>;
export function expectedCounts(rows: number): {
  added: number;
  removed: number;
  modified: number;
  unchanged: number;
};
