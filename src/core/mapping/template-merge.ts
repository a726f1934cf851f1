import type { MappingTemplate } from './mapping-types';
import { sameTemplateName } from './template-name';

// The merge of an imported templates file into the stored templates. Apart from template-io.ts
// on purpose: loaded by the page only when a file is imported, without the generated JSON
// validator template-io.ts brings (the first load's budget).

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
