import { useEffect, useState } from 'react';
import type { Transform } from '../../core/mapping/mapping-types';
import type { TransformedExample } from '../../core/engine/transform-examples';
import { transformExamples } from '../../state/queries';

/**
 * The column's examples after its transforms, so the table shows what a transform does.
 * Three values per column, transformed in the engine (the transforms and the phone library
 * live in the worker only). `null` while nothing changes a
 * value, or when a transform reads other columns (`join`), which the examples do not carry.
 */
export function useTransformedExamples(examples: readonly string[], transforms: readonly Transform[]): readonly TransformedExample[] | null {
  const key = JSON.stringify(transforms);
  const [result, setResult] = useState<{ key: string; examples: readonly string[]; out: readonly TransformedExample[] } | null>(null);
  useEffect(() => {
    if (transforms.length === 0 || transforms.some((x) => x.kind === 'join')) return;
    let live = true;
    void transformExamples(examples, transforms).then((out) => {
      if (live) setResult({ key, examples, out });
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
