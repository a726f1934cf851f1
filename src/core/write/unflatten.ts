import { PorterError } from '../model/porter-error';

/**
 * Which columns of a flat table nest when written as JSON or XML, computed once per export from
 * the column names (never per row).
 *
 * Readers flatten nested objects to dotted names (`address.city`); writers undo that only when
 * the result reads back to the same column names. A column nests when:
 * - every dot-separated segment is non-empty (`a..b`, `.a`, `a.` stay literal), and
 * - no proper prefix of it is itself a column (with `a` and `a.b` both present, `a.b` stays a
 *   literal key: `a` cannot be a value and an object at once).
 *
 * With `attributes` (XML), a last segment `@name` is an attribute of its parent (`@id` on the
 * record, `a.@t` on `<a>`); `@` anywhere else, or a bare `@`, keeps the column literal.
 *
 * Siblings keep the order in which they first appear, so `[a.x, b, a.y]` writes `a` (with `x`,
 * `y`) before `b`: a reader gets the columns back as `[a.x, a.y, b]`.
 */
export interface UnflattenPlan {
  /** Top-level attributes (XML `@x` columns); always empty without `attributes`. */
  readonly attributes: readonly PlanLeaf[];
  /** Top-level keys or elements, in first-appearance order. */
  readonly children: readonly PlanNode[];
}

/** One column written under `key` (the segment, or the whole name when literal). */
export interface PlanLeaf {
  readonly kind: 'leaf';
  readonly key: string;
  readonly column: number;
}

/** An object (JSON) or element (XML) holding nested columns. */
export interface PlanGroup {
  readonly kind: 'group';
  readonly key: string;
  readonly attributes: readonly PlanLeaf[];
  readonly children: readonly PlanNode[];
}

export type PlanNode = PlanLeaf | PlanGroup;

export interface UnflattenOptions {
  /** Treat a last segment `@name` as an XML attribute. */
  readonly attributes: boolean;
}

interface MutableGroup {
  readonly kind: 'group';
  readonly key: string;
  readonly attributes: PlanLeaf[];
  readonly children: (PlanLeaf | MutableGroup)[];
  readonly groups: Map<string, MutableGroup>;
}

/**
 * Plans how a table's columns nest. Throws `PorterError('export-failed')` with
 * `reason: 'duplicate-column'` when a name repeats: JSON would keep only the last key and XML
 * would read back an array, so the export could not be read back as the same table.
 *
 * @example
 * const plan = planUnflatten(['id', 'address.city', 'address.zip', 'a', 'a.b'], { attributes: false });
 * // children: id, address { city, zip }, a, and 'a.b' as a literal key (because 'a' exists)
 */
export function planUnflatten(
  columns: readonly string[],
  options: UnflattenOptions,
): UnflattenPlan {
  const names = new Set<string>();
  for (const name of columns) {
    if (names.has(name)) {
      throw new PorterError('export-failed', { reason: 'duplicate-column', column: name });
    }
    names.add(name);
  }
  const root = newGroup('');
  columns.forEach((name, column) => {
    const path = nestedPath(name, names, options);
    let group = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i] as string;
      let next = group.groups.get(key);
      if (next === undefined) {
        next = newGroup(key);
        group.groups.set(key, next);
        group.children.push(next);
      }
      group = next;
    }
    const last = path[path.length - 1] as string;
    if (options.attributes && isAttributeSegment(last)) {
      group.attributes.push({ kind: 'leaf', key: last.slice(1), column });
    } else {
      group.children.push({ kind: 'leaf', key: last, column });
    }
  });
  return { attributes: root.attributes, children: root.children.map(freeze) };
}

/** The segments a column nests under, or the whole name as one segment when it stays literal. */
function nestedPath(name: string, names: ReadonlySet<string>, options: UnflattenOptions): string[] {
  const segments = name.split('.');
  if (segments.length === 1) return segments;
  if (segments.some((s) => s === '')) return [name];
  if (options.attributes) {
    const inner = segments.slice(0, -1);
    const last = segments[segments.length - 1] as string;
    if (inner.some((s) => s.startsWith('@')) || last === '@') return [name];
  }
  let prefix = segments[0] as string;
  for (let i = 1; i < segments.length; i++) {
    if (names.has(prefix)) return [name];
    prefix += `.${segments[i]}`;
  }
  return segments;
}

function isAttributeSegment(segment: string): boolean {
  return segment.length > 1 && segment.startsWith('@') && !segment.includes('.');
}

function newGroup(key: string): MutableGroup {
  return { kind: 'group', key, attributes: [], children: [], groups: new Map() };
}

function freeze(node: PlanLeaf | MutableGroup): PlanNode {
  if (node.kind === 'leaf') return node;
  return {
    kind: 'group',
    key: node.key,
    attributes: node.attributes,
    children: node.children.map(freeze),
  };
}
