import { useEffect, useState } from 'react';
import type { Transform } from '../../core/mapping/mapping-types';
import { applyTransforms, prepareTransforms } from '../../core/transform/apply-transforms';
import type { TransformNoteCode } from '../../core/transform/transform-types';

/** One example after the column's transforms, and whether a transform left it as written. */
export interface TransformedExample {
  readonly value: string | null;
  readonly note: TransformNoteCode | undefined;
}

/**
 * The column's examples after its transforms, so the table shows what a transform does.
 * Three values per column: cheap enough for the page (the phone library, when a phone
 * transform is there, is the same lazy chunk the worker uses). `null` while nothing changes a
 * value, or when a transform reads other columns (`join`), which the examples do not carry.
 */
export function useTransformedExamples(examples: readonly string[], transforms: readonly Transform[]): readonly TransformedExample[] | null {
  const key = JSON.stringify(transforms);
  const [result, setResult] = useState<{ key: string; examples: readonly string[]; out: readonly TransformedExample[] } | null>(null);
  useEffect(() => {
    if (transforms.length === 0 || transforms.some((x) => x.kind === 'join')) return;
    let live = true;
    void prepareTransforms(transforms).then(() => {
      if (!live) return;
      const out = examples.map((v) => {
        const r = applyTransforms(v, transforms, { row: [] });
        return { value: r.value, note: r.notes?.[0]?.code };
      });
      setResult({ key, examples, out });
    });
    return () => {
      live = false;
    };
    // `key` stands for `transforms` (a new array on every render of the table).
    // oxlint-disable-next-line react-hooks/exhaustive-deps
  }, [key, examples]);
  if (transforms.length === 0 || result === null || result.key !== key || result.examples !== examples) return null;
  return result.out;
}
