import type { ColumnMapping } from '../mapping/mapping-types';
import { adviceAt, adviceFor, retargetTransforms, sameTransform, withPhoneCountry } from '../mapping/transform-advice';
import type { MappingProposal } from './mapping-session';

/**
 * The Map step's columns as the proposal sets them: a suggestion the values show for sure is
 * applied with its default transforms; the rest is offered. Phone transforms use `country`, the
 * default country on screen (the user's pick, or the proposal's own guess).
 */
export function suggestedColumns(proposal: MappingProposal, country: string): ColumnMapping[] {
  return proposal.suggestions.map((s) => {
    const field = s.apply ? s.field : null;
    const transforms = adviceFor(proposal.advice[s.column], field)?.applied ?? [];
    return { column: s.column, field, transforms: withPhoneCountry(transforms, proposal.phoneCountry.country, country), origin: 'unmapped' };
  });
}

/** The mapping on screen before the file was read again, with the proposal its defaults came from. */
export interface MappingBefore {
  readonly columns: readonly ColumnMapping[];
  readonly proposal: MappingProposal | null;
  readonly defaultCountry: string;
}

/**
 * The columns after the file was read again with other settings and the same headers. A column
 * the user set (another field, a transform added, a custom field, a template's) keeps what they
 * set; its default transforms follow the new advice (a decimal comma now). A column still as the
 * suggestions left it takes the new suggestion, which the values read now may have changed.
 */
export function keptColumns(before: MappingBefore, proposal: MappingProposal, country: string): ColumnMapping[] {
  const fresh = suggestedColumns(proposal, country);
  const untouched = before.proposal === null ? [] : suggestedColumns(before.proposal, before.defaultCountry);
  return fresh.map((suggested, i) => {
    const mine = before.columns[i];
    const was = untouched[i];
    if (mine === undefined || (was !== undefined && sameColumn(mine, was))) return suggested;
    const transforms = retargetTransforms(
      mine.transforms,
      adviceAt(before.proposal, i, mine.field, before.defaultCountry),
      adviceAt(proposal, i, mine.field, country),
    );
    // The user's own phone transforms that followed the default country follow it still.
    return { ...mine, transforms: withPhoneCountry(transforms, before.defaultCountry, country) };
  });
}

function sameColumn(a: ColumnMapping, b: ColumnMapping): boolean {
  return (
    a.field === b.field &&
    (a.custom ?? false) === (b.custom ?? false) &&
    a.origin === b.origin &&
    a.transforms.length === b.transforms.length &&
    a.transforms.every((t, i) => sameTransform(t, b.transforms[i] as (typeof b.transforms)[number]))
  );
}
