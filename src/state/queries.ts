import type { ChangeKind } from '../core/diff/diff-types';
import type { Cell } from '../core/model/cell';
import type { Transform } from '../core/mapping/mapping-types';
import type { MappedRow, RowFilter } from '../core/engine/mapped-workspace';
import type { ReviewFilter, ReviewItem } from '../core/engine/review-session';
import { engine } from './engine';

/**
 * The engine reads the steps need beside the store's actions: row windows for the virtual lists,
 * searches, reports and lookups. Features reach the engine only through `src/state` (enforced by
 * `.oxlintrc.json`), so this file and the slices are the page's whole view of the worker.
 */

/** A block of rows for a windowed list (the shape `ui/windowed/use-windowed-rows.ts` fetches). */
type FetchBlock<T> = (start: number, count: number) => Promise<{ rows: readonly T[]; total?: number }>;

/** A source (Preview) row: its cells and its row number in the file. */
export interface SourceRow {
  readonly cells: readonly Cell[];
  readonly sourceRow: number;
}

/** Rows of the Preview's current view (sort and filter applied in the engine). */
export const fetchSourceRows: FetchBlock<SourceRow> = async (start, count) => {
  const w = await engine.window(start, count);
  return { rows: w.rows.map((cells, i) => ({ cells, sourceRow: w.sourceRows[i] ?? 0 })) };
};

/** Mapped (Validate) rows under a problem filter, with how many rows the filter leaves. */
export function mappedRowsFetcher(filter: RowFilter): FetchBlock<MappedRow> {
  return async (start, count) => {
    const w = await engine.mappedWindow(start, count, filter);
    return { rows: w.rows, total: w.total };
  };
}

/** Review records of the chosen kinds matching a search (keys and values) and a filter, with how many match. */
export function reviewItemsFetcher(kinds: readonly ChangeKind[], search: string, filter: ReviewFilter = {}): FetchBlock<ReviewItem> {
  return async (start, count) => {
    const w = await engine.reviewWindow(start, count, kinds, search, filter);
    return { rows: w.items, total: w.total };
  };
}

/** The largest change patterns of the review (identical edits grouped in the engine), at most `limit`. */
export const fetchReviewPatterns = (limit: number) => engine.reviewPatterns(limit);

/** A column's examples after its transforms, worked out in the engine. */
export const transformExamples = (examples: readonly string[], transforms: readonly Transform[]) =>
  engine.transformExamples(examples, transforms);

/** The view index of a file row in the Preview, or -1 when the filter hides it. */
export const findSourceRow = (sourceRow: number) => engine.findSourceRow(sourceRow);

/** The next row with a problem after (or before) `from`, with that row; null when there is none. */
export async function nextProblemRow(from: number, direction: 1 | -1, filter: RowFilter): Promise<{ index: number; row: MappedRow | undefined } | null> {
  const index = await engine.nextProblem(from, direction, filter);
  if (index < 0) return null;
  const w = await engine.mappedWindow(index, 1, filter);
  return { index, row: w.rows[0] };
}

export const duplicateGroups = (...args: Parameters<typeof engine.duplicateGroups>) => engine.duplicateGroups(...args);
export const mappedRowsAt = (rows: readonly number[]) => engine.mappedRowsAt(rows);
export const errorReport = (...args: Parameters<typeof engine.errorReport>) => engine.errorReport(...args);
export const loadLookup = (...args: Parameters<typeof engine.loadLookup>) => engine.loadLookup(...args);
export const matchLookup = (...args: Parameters<typeof engine.matchLookup>) => engine.matchLookup(...args);
export const exportProfile = (...args: Parameters<typeof engine.exportProfile>) => engine.exportProfile(...args);

/** The last comparison's dataset digests, computed in the engine after the comparison is shown. */
export const fetchReviewDigests = (signal: AbortSignal) => engine.reviewDigests({ signal });
