import { PorterError } from '../model/porter-error';
import { describeAjvProblem, jsonPath, type AjvProblem } from '../schema/json-path';
import type { MappingTemplate } from './mapping-types';
import { TEMPLATES_FORMAT } from './template-meta';
import { validateTemplates } from './template-validator.generated';

type Validator = ((data: unknown) => boolean) & { errors?: readonly AjvProblem[] | null };

/**
 * Templates as a JSON file a colleague can import: `{ format, version, templates }`.
 *
 * @example
 * exportTemplates([template]); // '{\n  "format": "crm-porter/mapping-templates", …'
 */
export function exportTemplates(list: readonly MappingTemplate[]): string {
  return `${JSON.stringify({ format: TEMPLATES_FORMAT, version: 1, templates: list }, null, 2)}\n`;
}

/**
 * Reads templates written by {@link exportTemplates}. Throws
 * `PorterError('template-invalid', { path, reason })` at the first problem: bad JSON
 * (`path: '$'`, with the SyntaxError as `cause`), a shape the meta-schema refuses, a duplicate
 * id, a mapping for a header not in `columns`, or a `join` naming a column that does not exist.
 *
 * @example
 * importTemplates(exportTemplates([template])); // deep-equals [template]
 */
export function importTemplates(text: string): MappingTemplate[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PorterError('template-invalid', { path: '$', reason: 'not JSON' }, { cause: err });
  }
  const validate = validateTemplates as Validator;
  if (!validate(json)) {
    const first = validate.errors?.[0];
    throw invalid(
      first === undefined ? { path: '$', reason: 'invalid' } : describeAjvProblem(first),
    );
  }
  const templates = (json as { templates: MappingTemplate[] }).templates;
  const ids = new Set<string>();
  templates.forEach((t, i) => {
    if (ids.has(t.id))
      throw invalid({ path: jsonPath(['templates', i, 'id']), reason: `duplicate id "${t.id}"` });
    ids.add(t.id);
    checkTemplate(t, i);
  });
  return templates;
}

function checkTemplate(t: MappingTemplate, i: number): void {
  const headers = new Set(t.columns);
  for (const [header, m] of Object.entries(t.mapping)) {
    const at = ['templates', i, 'mapping', header];
    if (!headers.has(header))
      throw invalid({ path: jsonPath(at), reason: 'header not in columns' });
    m.transforms.forEach((x, k) => {
      if (x.kind !== 'join') return;
      const bad = x.columns.findIndex((c) => c >= t.columns.length);
      if (bad >= 0) {
        throw invalid({
          path: jsonPath([...at, 'transforms', k, 'columns', bad]),
          reason: 'no such column',
        });
      }
    });
  }
}

function invalid(details: { path: string; reason: string }): PorterError {
  return new PorterError('template-invalid', details);
}

/**
 * Whether two template names are the same to a person reading the list: equal once trimmed,
 * in Unicode normal form and case-folded (`Fair` and ` fair ` are one name).
 */
export function sameTemplateName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

const foldName = (name: string): string => name.trim().normalize('NFC').toLowerCase();

/** `name` when no template in `taken` has it, else `name (2)`, `name (3)`… the first free one. */
function freeName(name: string, taken: readonly string[]): string {
  if (!taken.some((t) => sameTemplateName(t, name))) return name;
  const base = name.trim();
  for (let n = 2; ; n++) {
    const next = `${base} (${n})`;
    if (!taken.some((t) => sameTemplateName(t, next))) return next;
  }
}

/** What importing a templates file does to the templates already stored. */
export interface TemplatesMerge {
  /** The templates to store: none of them replaces a stored one. */
  readonly add: readonly MappingTemplate[];
  /** Imported templates identical to the stored one of their id: left as they are, not added again. */
  readonly unchanged: readonly string[];
  /**
   * Imported templates whose name a stored one has, kept beside it under a new name: their
   * name in the file and the one they are stored under.
   */
  readonly renamed: readonly { readonly from: string; readonly name: string }[];
}

/**
 * Merges imported templates into the stored ones without losing either: an import never
 * replaces a stored template. One identical to the stored template of its id is skipped; one
 * with a stored template's id but other content (an older backup, a colleague's edit) is kept
 * under a new id; one whose name a stored (or earlier imported) template has is kept as
 * `name (2)`. Stored templates are never changed.
 *
 * @example
 * mergeImportedTemplates([fair], [changedFair, other], () => 'new-id');
 * // { add: [{ ...changedFair, id: 'new-id', name: 'Fair (2)' }, other], unchanged: [], renamed: [{ from: 'Fair', name: 'Fair (2)' }] }
 */
export function mergeImportedTemplates(
  stored: readonly MappingTemplate[],
  imported: readonly MappingTemplate[],
  newId: () => string,
): TemplatesMerge {
  const byId = new Map(stored.map((t) => [t.id, t]));
  const ids = new Set(byId.keys());
  const names = stored.map((t) => t.name);
  const add: MappingTemplate[] = [];
  const unchanged: string[] = [];
  const renamed: { from: string; name: string }[] = [];
  for (const t of imported) {
    const same = byId.get(t.id);
    if (same !== undefined && sameJson(same, t)) {
      unchanged.push(t.name);
      continue;
    }
    let id = t.id;
    while (ids.has(id)) id = newId();
    const name = freeName(t.name, names);
    if (name !== t.name) renamed.push({ from: t.name, name });
    ids.add(id);
    names.push(name);
    add.push(id === t.id && name === t.name ? t : { ...t, id, name });
  }
  return { add, unchanged, renamed };
}

/** Deep equality of JSON values (key order aside; `undefined` properties count as absent). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && sameJson(ra[k], rb[k]));
}
