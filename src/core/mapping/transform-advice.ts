import type { MappingProposal } from '../engine/mapping-session';
import type { Transform, TransformKind } from './mapping-types';

// What the page needs of the Map step's advice, apart from the code that works it out
// (default-transforms.ts, which reads dates, numbers and phones and runs in the engine): these
// few pure functions ship in the page's first chunk without the parsers.

/**
 * What the Map step does with a column's transforms: `applied` ones are on by default (shown as
 * applied, removable in one click), `offered` ones are one click away. A transform is applied
 * only when the column's own values show it is right; otherwise it is offered.
 */
export interface TransformAdvice {
  readonly field: string;
  readonly applied: readonly Transform[];
  readonly offered: readonly TransformKind[];
}

/** Same transform, same parameters (value maps compared by content). */
export function sameTransform(a: Transform, b: Transform): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The advice for a column's field, if the proposal worked one out. */
export function adviceFor(advice: readonly TransformAdvice[] | undefined, field: string | null): TransformAdvice | undefined {
  return field === null ? undefined : advice?.find((a) => a.field === field);
}

/**
 * The transforms of a column when its field changes, or when the file is read again with other
 * settings and the advice for its field changes (a decimal comma now): the defaults applied
 * before go, the defaults of now come, and whatever the user added stays.
 *
 * @example
 * retargetTransforms([stageMap, trim], adviceForStage, adviceForSource); // [trim, sourceMap]
 */
export function retargetTransforms(
  transforms: readonly Transform[],
  before: TransformAdvice | undefined,
  after: TransformAdvice | undefined,
): Transform[] {
  // The same defaults on both sides (a file read again with its columns unchanged): the list
  // stays as the user ordered it, rather than the defaults moved to its end.
  const from = before?.applied ?? [];
  const to = after?.applied ?? [];
  if (from.length === to.length && from.every((t, i) => sameTransform(t, to[i] as Transform))) return [...transforms];
  const kept = transforms.filter((t) => !(before?.applied.some((d) => sameTransform(d, t)) ?? false));
  return [...kept, ...(after?.applied ?? [])];
}

/**
 * A column's transforms when the default phone country changes: phone transforms that used the
 * old country follow the new one; one the user set to another country stays.
 */
export function withPhoneCountry(transforms: readonly Transform[], from: string, to: string): Transform[] {
  return transforms.map((t) => (t.kind === 'phone' && t.country === from ? { ...t, country: to } : t));
}

/**
 * The advice for a column and field with its phone transforms in `country`, the default country
 * on screen: the transforms a column holds were set that way (suggestedColumns), so the advice is
 * compared in the same terms. Compared as the proposal made it (its own guess), a phone
 * transform of a user's country was not seen as a default, and stayed on a column moved to
 * another field, beside the new field's own.
 */
export function adviceAt(
  proposal: MappingProposal | null,
  column: number,
  field: string | null,
  country: string,
): TransformAdvice | undefined {
  const advice = adviceFor(proposal?.advice[column], field);
  if (advice === undefined || proposal === null) return advice;
  return { ...advice, applied: withPhoneCountry(advice.applied, proposal.phoneCountry.country, country) };
}
