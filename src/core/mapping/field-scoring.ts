import type { CrmObject, FieldDef } from '../schema/schema-types';
import type { ContentKind, ContentProfile } from './content-sniff';
import { fieldRole } from './field-roles';
import type { SuggestionReason } from './mapping-types';
import { hasHan, normalizeHeader } from './normalize-header';
import { bigramDice, jaroWinkler } from './string-similarity';

/** One name a field answers to, normalised once per object. */
interface Candidate {
  readonly text: string;
  readonly compact: string;
  readonly spaced: string;
  readonly han: boolean;
  readonly kind: 'exact' | 'synonym';
}

/** A field with its names and picklist spellings prepared for scoring. */
export interface PreparedField {
  readonly field: FieldDef;
  readonly candidates: readonly Candidate[];
  /** Normalised option values, labels and synonyms (picklists only). */
  readonly optionWords: ReadonlySet<string>;
}

/** A header prepared for scoring. */
export interface PreparedHeader {
  readonly spaced: string;
  readonly compact: string;
  readonly han: boolean;
}

export interface FieldScore {
  readonly confidence: number;
  readonly reasons: readonly SuggestionReason[];
}

const prepared = new WeakMap<CrmObject, readonly PreparedField[]>();

/**
 * The object's fields with every name normalised, cached per object (objects are immutable,
 * so the cache can never go stale).
 *
 * @example
 * prepareFields(CONTACT_OBJECT)[0]?.candidates.length; // > 0
 */
export function prepareFields(object: CrmObject): readonly PreparedField[] {
  const cached = prepared.get(object);
  if (cached !== undefined) return cached;
  const out = object.fields.map((field) => {
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    const add = (text: string, kind: Candidate['kind']): void => {
      const spaced = normalizeHeader(text);
      const compact = spaced.replaceAll(' ', '');
      if (compact === '' || seen.has(compact)) return;
      seen.add(compact);
      candidates.push({ text, compact, spaced, han: hasHan(compact), kind });
    };
    add(field.key, 'exact');
    add(field.label.en, 'exact');
    add(field.label['zh-CN'], 'exact');
    for (const s of field.synonyms) add(s, 'synonym');
    const optionWords = new Set<string>();
    for (const o of field.options ?? []) {
      for (const w of [o.value, o.label.en, o.label['zh-CN'], ...(o.synonyms ?? [])]) {
        optionWords.add(normalizeHeader(w));
      }
    }
    return { field, candidates, optionWords };
  });
  prepared.set(object, out);
  return out;
}

/** @example prepareHeader('E-Mail').compact; // 'email' */
export function prepareHeader(header: string): PreparedHeader {
  const spaced = normalizeHeader(header);
  const compact = spaced.replaceAll(' ', '');
  return { spaced, compact, han: hasHan(compact) };
}

/**
 * How well a header names a field: exact (key or label) 1, synonym 0.95, fuzzy similarity
 * 0.5–0.8 above a high threshold, and containment of a name as whole words (or as a substring
 * in Chinese): 0.58–0.88 when the name ends the header — the head noun: `Home Phone` is a
 * phone, `公司地址` an address — but only 0.4–0.7 elsewhere, where it is usually a modifier
 * (`Email Opt Out`, `Opportunity Owner`).
 */
export function scoreName(header: PreparedHeader, field: PreparedField): FieldScore | null {
  if (header.compact === '') return null;
  let best = 0;
  let reason: SuggestionReason | null = null;
  for (const c of field.candidates) {
    if (c.compact === header.compact) {
      const score = c.kind === 'exact' ? 1 : 0.95;
      if (score > best) {
        best = score;
        reason = { code: c.kind, params: { matched: c.text } };
      }
      continue;
    }
    const contained = containment(header, c);
    if (contained > best) {
      best = contained;
      reason = { code: 'fuzzy', params: { matched: c.text, similarity: round(contained) } };
    }
    // Neither measure reaches 0.9 when one string is under half the other's length: skip.
    const shorter = Math.min(header.compact.length, c.compact.length);
    const longer = Math.max(header.compact.length, c.compact.length);
    const sim =
      shorter * 2 < longer
        ? 0
        : header.han || c.han
          ? bigramDice(header.compact, c.compact)
          : jaroWinkler(header.compact, c.compact);
    const fuzzy = sim >= 0.9 ? 0.5 + (sim - 0.9) * 3 : 0;
    if (fuzzy > best) {
      best = fuzzy;
      reason = { code: 'fuzzy', params: { matched: c.text, similarity: round(sim) } };
    }
  }
  return reason === null ? null : { confidence: best, reasons: [reason] };
}

/** Words too generic to mean a field when they are only part of a header (`Vendor Name`). */
const GENERIC_WORDS = new Set([
  'name',
  'number',
  'date',
  'code',
  'type',
  'status',
  'value',
  'first',
  'last',
]);

function containment(header: PreparedHeader, c: Candidate): number {
  if (c.compact.length >= header.compact.length) return 0;
  let at: number;
  if (c.han || header.han) {
    if (c.compact.length < 2) return 0;
    at = header.compact.indexOf(c.compact);
    if (at < 0) return 0;
    at = at + c.compact.length === header.compact.length ? 1 : 0;
  } else {
    if (c.compact.length < 3 || GENERIC_WORDS.has(c.compact)) return 0;
    const h = ` ${header.spaced} `;
    const i = h.indexOf(` ${c.spaced} `);
    if (i < 0) return 0;
    at = i + c.spaced.length + 2 === h.length ? 1 : 0;
  }
  return (at === 1 ? 0.58 : 0.4) + 0.3 * (c.compact.length / header.compact.length);
}

/** Which content kind speaks for a field, and how specific that evidence is. */
function contentKindOf(field: FieldDef): { kind: ContentKind | 'option'; weight: number } | null {
  switch (field.type) {
    case 'email':
      return { kind: 'email', weight: 1 };
    case 'url':
      return { kind: 'url', weight: 0.95 };
    case 'phone':
      return fieldRole(field.key) === 'mobile'
        ? { kind: 'mobile', weight: 0.92 }
        : { kind: 'phone', weight: 0.9 };
    case 'date':
    case 'datetime':
      return { kind: field.type, weight: 0.8 };
    case 'currency':
      return { kind: 'currency', weight: 0.75 };
    case 'number':
      return { kind: 'number', weight: 0.6 };
    case 'boolean':
      return { kind: 'boolean', weight: 0.7 };
    case 'picklist':
      return { kind: 'option', weight: 0.9 };
    case 'id':
      return { kind: 'id', weight: 0.5 };
    case 'text':
      return fieldRole(field.key) === 'full-name' ? { kind: 'chinese-name', weight: 0.85 } : null;
  }
}

/** Share of a column's samples that fit a field's type, or null when content cannot tell. */
export function contentShare(
  profile: ContentProfile,
  field: PreparedField,
): { kind: string; share: number } | null {
  const spec = contentKindOf(field.field);
  if (spec === null || profile.nonEmpty < 3) return null;
  const { shares } = profile;
  switch (spec.kind) {
    case 'option': {
      if (field.optionWords.size === 0) return null;
      let hits = 0;
      for (const v of profile.distinct) if (field.optionWords.has(normalizeHeader(v))) hits++;
      return {
        kind: 'option',
        share: profile.distinct.size === 0 ? 0 : hits / profile.distinct.size,
      };
    }
    case 'date':
      return { kind: 'date', share: shares.date };
    case 'datetime':
      return { kind: 'datetime', share: shares.date };
    case 'currency':
      return { kind: 'currency', share: Math.min(1, shares.currency + shares.number) };
    case 'phone':
      return { kind: 'phone', share: shares.phone };
    case 'mobile':
      // Mobile numbers are phones; a column of landlines still fits a mobile field, if less well.
      return { kind: 'mobile', share: Math.max(shares.mobile, shares.phone * 0.9) };
    default:
      return { kind: spec.kind, share: shares[spec.kind] };
  }
}

/** Types whose values have a shape; a column of other shapes contradicts the name. */
const SHAPED = new Set([
  'email',
  'phone',
  'url',
  'date',
  'datetime',
  'number',
  'currency',
  'boolean',
]);
const MAX_CONTENT_ONLY = 0.55;

/**
 * A column of plain numbers (IDs, counts, codes) is never a name, a company or a city, however
 * its header reads: "Contact ID" → Full name at 57% is not a candidate worth showing. Text
 * fields that may hold digits (postal codes), notes-like fields that take anything, and the
 * user's own fields are left alone.
 */
function contentVetoes(profile: ContentProfile, field: FieldDef): boolean {
  if (field.type !== 'text' || field.custom === true || field.allowMerge === true) return false;
  if (fieldRole(field.key) === 'digit-text') return false;
  return profile.nonEmpty >= 3 && profile.shares.number >= 0.8;
}

/**
 * Combines the name score with the content evidence: agreement lifts a name match toward 1,
 * contradiction (a shaped field, < 20% of values fitting) cuts it, and content alone gives at
 * most 0.55 — suggested with its reason, never applied without the user.
 */
export function scoreField(
  header: PreparedHeader,
  profile: ContentProfile,
  field: PreparedField,
): FieldScore | null {
  if (contentVetoes(profile, field.field)) return null;
  const name = scoreName(header, field);
  const content = contentShare(profile, field);
  const weight = contentKindOf(field.field)?.weight ?? 0;
  if (name === null) {
    if (content === null || content.share < 0.6) return null;
    return {
      confidence: round(MAX_CONTENT_ONLY * content.share * weight),
      reasons: [{ code: 'content', params: { kind: content.kind, share: round(content.share) } }],
    };
  }
  // Chinese names are evidence for a full-name field, never against it: a column of Western
  // names under "Name" was marked down to 81% "but only 0% of values look like Chinese names".
  if (content === null || (content.kind === 'chinese-name' && content.share < 0.6))
    return { ...name, confidence: round(name.confidence) };
  if (content.share >= 0.6) {
    return {
      confidence: round(name.confidence + (1 - name.confidence) * 0.5 * content.share),
      reasons: [
        ...name.reasons,
        { code: 'content', params: { kind: content.kind, share: round(content.share), agrees: 1 } },
      ],
    };
  }
  if (content.share < 0.2) {
    const factor = SHAPED.has(field.field.type) ? 0.6 : 0.85;
    return {
      confidence: round(name.confidence * factor),
      reasons: [
        ...name.reasons,
        { code: 'content', params: { kind: content.kind, share: round(content.share), agrees: 0 } },
      ],
    };
  }
  return { ...name, confidence: round(name.confidence) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
