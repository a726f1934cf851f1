import type { ChangeKind } from '../../core/diff/diff-types';
import type { Cell } from '../../core/model/cell';
import type { Locale } from '../../i18n/translate';
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

/** The accessible name of a record: class, key, who it is, and how many fields changed. */
export function recordName(t: T, kind: ChangeKind, key: string, fields: number, accepted: boolean, who = ''): string {
  let name = who === '' ? t('review.row.name', { kind: kindLabel(t, kind), key }) : t('review.row.who', { kind: kindLabel(t, kind), key, who });
  if (fields > 0) name += `, ${fields === 1 ? t('review.row.field1') : t('review.row.fields', { count: fields })}`;
  if (!accepted) name += `, ${t('review.row.rejected')}`;
  return name;
}

/** A column's name as people read it: the mapped field's label in the UI language, else the column. */
export type FieldLabel = (column: string) => string;

/** The label function for the mapped fields (field keys are the review's column names). */
export function fieldLabeler(
  fields: readonly { readonly key: string; readonly label: { readonly en: string; readonly 'zh-CN': string } }[] | undefined,
  locale: 'en' | 'zh-CN',
): FieldLabel {
  const labels = new Map((fields ?? []).map((f) => [f.key, f.label[locale] || f.key] as const));
  return (column) => labels.get(column) ?? column;
}

/** A value cut to `max` characters with an ellipsis: a main field is a name, not a page of notes. */
export function shortText(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The non-empty main fields of a record ("Ada Lovelace, Acme"), for its accessible name. */
export function whoText(main: readonly { readonly value: Cell }[]): string {
  return main
    .map((m) => m.value)
    .filter((v): v is string => v !== null && v.trim() !== '')
    .map((v) => shortText(v))
    .join(', ');
}

/**
 * A baseline's name for people: a file's name, or a snapshot's data name and its time in the
 * page's language. A snapshot written before the time was kept as data holds the whole label
 * in its name (the time in the browser's locale): shown as it is.
 *
 * @example
 * baselineLabel(t, 'zh-CN', 'german.csv', '2026-11-30T03:26:10.000Z'); // 'german.csv · 2026/11/30 03:26:10' (local time)
 */
export function baselineLabel(t: T, locale: Locale, name: string, at: string | undefined): string {
  if (at === undefined) return name;
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? name : t('review.baseline.snapshotName', { name, time: time.toLocaleString(locale) });
}

/**
 * The new data's columns the baseline lacks and the comparison leaves out: the merge holds the
 * baseline's columns and the compared ones (`mergedView`), so the commit, its snapshot and
 * Export lack these. Said before the commit, with their names (the page said nothing of them).
 */
export function columnsNotCommitted(review: { readonly columnsAdded: readonly string[]; readonly compareColumns: readonly string[] }): string[] {
  const compared = new Set(review.compareColumns);
  return review.columnsAdded.filter((c) => !compared.has(c));
}
