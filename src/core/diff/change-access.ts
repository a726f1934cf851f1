import { CHANGE_KINDS, type Change, type ChangeKind, type DiffResult } from './diff-types';

/**
 * Record `i` of a diff as a {@link Change} object, for the review list's visible window.
 *
 * @example
 * changeAt(diff, 0); // { kind: 'modified', key: '17', baseRow: 16, nextRow: 3, fields: [...] }
 */
export function changeAt(diff: DiffResult, i: number): Change {
  const kind = CHANGE_KINDS[diff.kinds[i] as number] as ChangeKind;
  const baseRow = diff.baseRows[i] as number;
  const nextRow = diff.nextRows[i] as number;
  const fields = diff.fields.get(i);
  return {
    kind,
    key: diff.keys.at(i),
    ...(baseRow >= 0 ? { baseRow } : {}),
    ...(nextRow >= 0 ? { nextRow } : {}),
    ...(fields ? { fields } : {}),
  };
}

/** Every record of a diff as {@link Change} objects, optionally of some kinds only. */
export function* iterateChanges(diff: DiffResult, only?: ReadonlySet<ChangeKind>): Generator<Change> {
  for (let i = 0; i < diff.kinds.length; i++) {
    if (only && !only.has(CHANGE_KINDS[diff.kinds[i] as number] as ChangeKind)) continue;
    yield changeAt(diff, i);
  }
}
