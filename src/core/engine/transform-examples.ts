import type { Transform } from '../mapping/mapping-types';
import { applyTransforms, prepareTransforms } from '../transform/apply-transforms';
import type { TransformNoteCode } from '../transform/transform-types';

/** One example after the column's transforms, and whether a transform left it as written. */
export interface TransformedExample {
  readonly value: string | null;
  readonly note: TransformNoteCode | undefined;
}

/**
 * A column's few examples after its transforms, for the Map step's "becomes" column. Done in the
 * engine, not the page: the transforms (and the phone library a phone transform loads) then live
 * in the worker only, instead of being built a second time into the page's chunks.
 */
export async function transformExamples(
  examples: readonly string[],
  transforms: readonly Transform[],
): Promise<TransformedExample[]> {
  await prepareTransforms(transforms);
  return examples.map((v) => {
    const r = applyTransforms(v, transforms, { row: [] });
    return { value: r.value, note: r.notes?.[0]?.code };
  });
}
