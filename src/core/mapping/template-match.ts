import type { LookupSpec } from '../lookup/match-lookup';
import type { FieldDef } from '../schema/schema-types';
import type { ColumnMapping, FieldMapping, MappingTemplate, TemplateField, Transform } from './mapping-types';
import { compactHeader } from './normalize-header';

/** How a template fits a file's headers. */
export interface TemplateMatch {
  /** `exact`: same headers (any order); `partial`: at least half shared; `none`: less. */
  readonly kind: 'exact' | 'partial' | 'none';
  /** Template headers the file lacks. */
  readonly missing: string[];
  /** File headers the template does not know. */
  readonly added: string[];
  /** Shared headers over all distinct headers (Jaccard), 0..1. */
  readonly score: number;
}

/** Below this share of shared headers a template is not offered. */
const PARTIAL_SCORE = 0.5;

/**
 * Pairs file columns with template columns by normalised header (`E-Mail` = `email`), each
 * used once, in order. Returns for every file column the template column index or -1.
 * A baseline is mapped like the current data when its headers pair this way (baseline-mapping.ts).
 */
export function pairColumns(templateColumns: readonly string[], columns: readonly string[]): number[] {
  const free = new Map<string, number[]>();
  templateColumns.forEach((h, i) => {
    const k = compactHeader(h);
    const list = free.get(k);
    if (list === undefined) free.set(k, [i]);
    else list.push(i);
  });
  return columns.map((h) => free.get(compactHeader(h))?.shift() ?? -1);
}

/**
 * Compares a saved template with a file's headers, so the UI can offer it (`exact`), offer it
 * with a note of what is new or missing (`partial`), or not at all.
 *
 * @example
 * matchTemplate(template, ['Email', 'First Name', 'Fax']);
 * // { kind: 'partial', missing: ['Last Name'], added: ['Fax'], score: 0.5 }
 */
export function matchTemplate(
  template: MappingTemplate,
  columns: readonly string[],
): TemplateMatch {
  const pairs = pairColumns(template.columns, columns);
  const used = new Set(pairs.filter((p) => p >= 0));
  const added = columns.filter((_, i) => pairs[i] === -1);
  const missing = template.columns.filter((_, i) => !used.has(i));
  const union = used.size + added.length + missing.length;
  const score = union === 0 ? 1 : used.size / union;
  const kind =
    missing.length === 0 && added.length === 0
      ? 'exact'
      : score >= PARTIAL_SCORE
        ? 'partial'
        : 'none';
  return { kind, missing, added, score: Math.round(score * 1000) / 1000 };
}

/**
 * For each file column, the template header it was paired with (by normalised header, as
 * {@link applyTemplate} pairs them), or `undefined` for a column the template does not know.
 *
 * @example
 * templateHeaderOf(template, ['MeetingNotes', 'Fax']); // ['Meeting Notes', undefined]
 */
export function templateHeaderOf(template: MappingTemplate, columns: readonly string[]): (string | undefined)[] {
  return pairColumns(template.columns, columns).map((t) => (t < 0 ? undefined : template.columns[t]));
}

/** A template column a file lacks, and the field it feeds. */
export interface MissingColumn {
  readonly column: string;
  readonly field: string;
}

/**
 * The template's columns that feed a field (mapped to one, or joined into a mapped column) and
 * that a file's headers lack, found by normalised header as {@link applyTemplate} finds them.
 * Applied to that file, the template leaves those fields without a value on every record: a
 * replay with no one to read the page's "Missing columns" note must see them (docs/cli.md, "run").
 *
 * @example
 * missingMappedColumns(template, ['ID', 'Name']); // template maps id, name, email, phone
 * // [{ column: 'email', field: 'email' }, { column: 'phone', field: 'phone' }]
 */
export function missingMappedColumns(
  template: MappingTemplate,
  columns: readonly string[],
): MissingColumn[] {
  const used = new Set(pairColumns(template.columns, columns).filter((p) => p >= 0));
  const mapped = template.columns.map((header) => {
    const m = Object.hasOwn(template.mapping, header) ? template.mapping[header] : undefined;
    return m === undefined || m.field === null ? null : { field: m.field, transforms: m.transforms };
  });
  // A column's own field first; a column only joined into another feeds that one's field.
  const feeds = new Map<number, string>();
  mapped.forEach((m, i) => {
    if (m !== null) feeds.set(i, m.field);
  });
  for (const m of mapped) {
    for (const x of m?.transforms ?? []) {
      if (x.kind !== 'join' || m === null) continue;
      for (const j of x.columns) if (!feeds.has(j)) feeds.set(j, m.field);
    }
  }
  return template.columns.flatMap((column, i) => {
    const field = feeds.get(i);
    return field === undefined || used.has(i) ? [] : [{ column, field }];
  });
}

/**
 * The template's mapping for a file's columns. Columns are found by normalised header, so
 * order may differ; `join` transforms have their column indices moved to the new positions
 * (a joined column the file lacks is dropped). Columns the template does not know come back
 * unmapped (`field: null`, `origin: 'unmapped'`), for suggestions to fill.
 *
 * @example
 * applyTemplate(template, ['Email', 'Fax']);
 * // [{ column: 0, field: 'email', transforms: [...], origin: 'template' },
 * //  { column: 1, field: null, transforms: [], origin: 'unmapped' }]
 */
export function applyTemplate(
  template: MappingTemplate,
  columns: readonly string[],
): ColumnMapping[] {
  const pairs = pairColumns(template.columns, columns);
  const newIndex = new Map<number, number>();
  pairs.forEach((t, c) => {
    if (t >= 0) newIndex.set(t, c);
  });
  return pairs.map((t, column): ColumnMapping => {
    const header = template.columns[t];
    if (t < 0 || header === undefined)
      return { column, field: null, transforms: [], origin: 'unmapped' };
    const saved: FieldMapping = Object.hasOwn(template.mapping, header)
      ? (template.mapping[header] as FieldMapping)
      : { field: null, transforms: [] };
    return {
      column,
      field: saved.field,
      ...(saved.custom === true ? { custom: true } : {}),
      transforms: saved.transforms.map((x) => moveColumns(x, newIndex)),
      origin: 'template',
    };
  });
}

function moveColumns(transform: Transform, newIndex: ReadonlyMap<number, number>): Transform {
  if (transform.kind !== 'join') return transform;
  const columns = transform.columns.flatMap((i) => {
    const moved = newIndex.get(i);
    return moved === undefined ? [] : [moved];
  });
  return { ...transform, columns };
}

/**
 * A template from the mapping the user finished: one {@link FieldMapping} per column, keyed by
 * header (own properties only, so `__proto__` is a header like any other).
 *
 * @example
 * createTemplate({ id: 't1', name: 'HubSpot', object: 'contact', columns: ['Email'],
 *   mappings: [{ field: 'email', transforms: [{ kind: 'lowercase-email' }] }] });
 */
export function createTemplate(input: {
  readonly id: string;
  readonly name: string;
  readonly object: string;
  readonly columns: readonly string[];
  readonly mappings: readonly FieldMapping[];
  readonly lookups?: readonly LookupSpec[];
  /** The object's fields: the custom ones the mapping targets travel with the template. */
  readonly fields?: readonly FieldDef[];
  readonly updatedAt?: string;
}): MappingTemplate {
  const mapping = Object.fromEntries(
    input.columns.map((h, i): [string, FieldMapping] => {
      const m = input.mappings[i] ?? { field: null, transforms: [] };
      return [
        h,
        {
          field: m.field,
          ...(m.custom === true ? { custom: true } : {}),
          transforms: m.transforms,
        },
      ];
    }),
  );
  const targeted = new Set(input.mappings.map((m) => m.field));
  const fields = (input.fields ?? []).filter((f) => f.custom === true && targeted.has(f.key)).map(describeField);
  return {
    id: input.id,
    name: input.name,
    object: input.object,
    columns: [...input.columns],
    mapping,
    ...(input.lookups === undefined || input.lookups.length === 0 ? {} : { lookups: input.lookups.map((l) => ({ ...l })) }),
    ...(fields.length === 0 ? {} : { fields }),
    ...(input.updatedAt === undefined ? {} : { updatedAt: input.updatedAt }),
  };
}

function describeField(f: FieldDef): TemplateField {
  return {
    key: f.key,
    name: f.label.en,
    type: f.type,
    ...(f.required === true ? { required: true } : {}),
    ...(f.type === 'picklist' ? { options: (f.options ?? []).map((o) => o.value) } : {}),
  };
}
