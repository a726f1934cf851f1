import type { CrmObject } from '../schema/schema-types';
import { profileColumn } from './content-sniff';
import { prepareFields, prepareHeader, scoreField, type FieldScore } from './field-scoring';
import { APPLY_THRESHOLD, type Suggestion, type SuggestionReason } from './mapping-types';

/** Below this a field is not worth offering at all. */
const MIN_CONFIDENCE = 0.25;
/**
 * Alternatives below this are not offered: a 30% "also possible" reads as a candidate to a
 * user and is almost always noise.
 */
const MIN_ALTERNATIVE = 0.4;
/** Candidates kept per column (the suggestion, then alternatives). */
const MAX_CANDIDATES = 5;

interface Ranked extends FieldScore {
  readonly column: number;
  readonly field: string;
  readonly order: number;
}

/**
 * Suggests a field for every source column from its header (exact, synonym and fuzzy name
 * matches) and its sample values (what share look like emails, phones, dates…). Each field
 * takes at most one column unless it allows merging: the more confident column wins, and the
 * other gets a `conflict` reason and its next-best field. Only suggestions with confidence
 * ≥ 0.6 have `apply: true`.
 *
 * Cost is columns × fields × names for the headers plus one pass over the samples, so 200
 * columns × 200 samples stay in the low milliseconds.
 *
 * @param samples per column, up to ~200 sample values (more are ignored).
 * @example
 * const [s] = suggestMapping(['E-Mail'], [['ada@example.com']], CONTACT_OBJECT);
 * s; // { column: 0, field: 'email', confidence: 0.95, apply: true, reasons: [{ code: 'synonym', … }], … }
 */
export function suggestMapping(
  columns: readonly string[],
  samples: readonly (readonly (string | null)[])[],
  object: CrmObject,
): Suggestion[] {
  const fields = prepareFields(object);
  const mergeable = new Set(object.fields.filter((f) => f.allowMerge === true).map((f) => f.key));
  const perColumn: Ranked[][] = columns.map((header, column) => {
    const h = prepareHeader(header);
    const profile = profileColumn(samples[column] ?? []);
    const ranked: Ranked[] = [];
    fields.forEach((pf, order) => {
      const score = scoreField(h, profile, pf);
      if (score !== null && score.confidence >= MIN_CONFIDENCE) {
        ranked.push({ ...score, column, field: pf.field.key, order });
      }
    });
    ranked.sort(byConfidence);
    return ranked.slice(0, MAX_CANDIDATES);
  });
  return assign(perColumn, mergeable);
}

function byConfidence(a: Ranked, b: Ranked): number {
  return b.confidence - a.confidence || a.column - b.column || a.order - b.order;
}

/** Greedy assignment, most confident pair first: optimal enough for a handful of candidates. */
function assign(perColumn: readonly Ranked[][], mergeable: ReadonlySet<string>): Suggestion[] {
  const chosen = new Map<number, Ranked>();
  const lostTo = new Map<number, { field: string; column: number }>();
  const owner = new Map<string, number>();
  for (const pair of perColumn.flat().sort(byConfidence)) {
    if (chosen.has(pair.column)) continue;
    const taken = owner.get(pair.field);
    if (taken !== undefined && !mergeable.has(pair.field)) {
      if (!lostTo.has(pair.column)) lostTo.set(pair.column, { field: pair.field, column: taken });
      continue;
    }
    chosen.set(pair.column, pair);
    if (taken === undefined) owner.set(pair.field, pair.column);
  }
  return perColumn.map((ranked, column) => {
    const pick = chosen.get(column);
    const lost = lostTo.get(column);
    const reasons: SuggestionReason[] = [];
    if (lost !== undefined)
      reasons.push({ code: 'conflict', params: { field: lost.field, column: lost.column } });
    if (pick !== undefined) reasons.push(...pick.reasons);
    const confidence = pick?.confidence ?? 0;
    return {
      column,
      field: pick?.field ?? null,
      confidence,
      reasons,
      apply: pick !== undefined && confidence >= APPLY_THRESHOLD,
      alternatives: ranked
        .filter((r) => r !== pick && r.confidence >= MIN_ALTERNATIVE)
        .map((r) => ({ field: r.field, confidence: r.confidence })),
    };
  });
}
