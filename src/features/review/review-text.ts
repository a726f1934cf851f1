import type { ChangeKind } from '../../core/diff/diff-types';
import type { Cell } from '../../core/model/cell';
import type { useT } from '../../state/store';

export type T = ReturnType<typeof useT>;

/** The classes a user can accept or reject, in display order. */
export const DECIDABLE_KINDS: readonly ChangeKind[] = ['added', 'removed', 'modified', 'cosmetic'];

/** Classes shown in the list until the user picks others. */
export const DEFAULT_LIST_KINDS: readonly ChangeKind[] = ['added', 'removed', 'modified', 'cosmetic'];

export function kindLabel(t: T, kind: ChangeKind): string {
  return t(`review.kind.${kind}`);
}

/** A cell as people read it: empty and missing are named, not shown as nothing. */
export function cellText(t: T, cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return t('review.row.missing');
  return cell === '' ? t('review.row.empty') : cell;
}

/** The accessible name of a record: class, key, and how many fields changed. */
export function recordName(t: T, kind: ChangeKind, key: string, fields: number, accepted: boolean): string {
  let name = t('review.row.name', { kind: kindLabel(t, kind), key });
  if (fields > 0) name += `, ${fields === 1 ? t('review.row.field1') : t('review.row.fields', { count: fields })}`;
  if (!accepted) name += `, ${t('review.row.rejected')}`;
  return name;
}
