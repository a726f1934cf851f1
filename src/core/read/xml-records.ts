import type { Cell } from '../model/cell';
import type { FlatRecords } from './flatten';
import type { XmlHandler } from './xml-scan';

/** What is known about every element at one path: how often it occurs and whether it has parts. */
export class PathStat {
  count = 0;
  /** Has child elements or attributes: looks like a record (or a group of fields), not a value. */
  complex = false;
  hasAttributes = false;
  readonly children = new Map<string, PathStat>();
  /** Column name relative to the record element, cached per stat (`''` for the record). */
  column: string | undefined;
  private attrColumns: Map<string, string> | undefined;

  constructor(
    readonly name: string,
    readonly path: string,
    readonly parent: PathStat | null,
    readonly isRecord: boolean,
  ) {}

  /** `@id` on the record, `phone.@type` on a field. */
  attrColumn(attr: string): string {
    this.attrColumns ??= new Map();
    let col = this.attrColumns.get(attr);
    if (col === undefined) {
      col = this.column === '' ? `@${attr}` : `${this.column}.@${attr}`;
      this.attrColumns.set(attr, col);
    }
    return col;
  }
}

interface Frame {
  readonly stat: PathStat;
  text: string;
  hasChild: boolean;
  /** This occurrence carries attributes (not merely some element at its path). */
  readonly hasAttributes: boolean;
}

/**
 * Turns scanner events into path statistics and, when a record path is set, into flattened
 * records: attributes become `@name` columns, nested elements `a.b`, and an element's text its
 * own column. Text is kept exactly, whitespace included. Column names are cached per path so a
 * million records do not build a million strings per field.
 *
 * When an element's own text becomes a column (see {@link hasOwnValue}):
 * - no attributes, no child elements: always, `<phone/>` and `<phone></phone>` as `phone` = '';
 * - attributes, no child elements: only when the text is not empty, so `<phone type="w">123</phone>`
 *   gives `phone.@type` = 'w' and `phone` = '123', while `<phone type="w"/>` and
 *   `<phone type="w"></phone>` give `phone.@type` only and leave `phone` missing (null): the
 *   element is there for its attributes, as the XML writer writes `a.@t` without an `a` column.
 *   Text of only whitespace (`<phone type="w"> </phone>`) is text and is kept;
 * - child elements: only when the text is more than whitespace (which is layout between them).
 */
export class XmlRecordHandler implements XmlHandler {
  readonly doc = new PathStat('', '', null, false);
  records = 0;
  private readonly stack: PathStat[] = [this.doc];
  private readonly frames: Frame[] = [];
  private readonly repeats = new Map<string, Cell[]>();

  constructor(
    private readonly recordPath: string | undefined,
    private readonly out: FlatRecords | undefined,
  ) {}

  open(name: string, attrs: readonly string[]): void {
    const parent = this.stack[this.stack.length - 1] as PathStat;
    let stat = parent.children.get(name);
    if (stat === undefined) {
      const path = parent === this.doc ? name : `${parent.path}/${name}`;
      stat = new PathStat(name, path, parent, path === this.recordPath);
      parent.children.set(name, stat);
    }
    stat.count++;
    parent.complex = true;
    if (attrs.length > 0) {
      stat.complex = true;
      stat.hasAttributes = true;
    }
    this.stack.push(stat);
    const top = this.frames[this.frames.length - 1];
    if (top !== undefined) {
      top.hasChild = true;
      stat.column ??= top.stat.column === '' ? name : `${top.stat.column}.${name}`;
    } else if (stat.isRecord && this.out !== undefined) {
      stat.column = '';
    } else {
      return;
    }
    this.frames.push({ stat, text: '', hasChild: false, hasAttributes: attrs.length > 0 });
    for (let i = 0; i < attrs.length; i += 2) {
      this.setField(stat.attrColumn(attrs[i] as string), attrs[i + 1] as string);
    }
  }

  text(value: string): void {
    const top = this.frames[this.frames.length - 1];
    if (top !== undefined) top.text += value;
  }

  close(): void {
    this.stack.pop();
    const frame = this.frames.pop();
    if (frame === undefined) return;
    if (this.frames.length === 0) {
      // The record element's own text, when it has no fields: rare, but never dropped.
      if (frame.text.trim() !== '') this.setField('#text', frame.text);
      // Joined once per record: re-serialising on every repeat would be quadratic.
      for (const [column, values] of this.repeats) this.out?.set(column, JSON.stringify(values), true);
      this.records++;
      this.out?.commit(this.records);
      this.repeats.clear();
    } else if (hasOwnValue(frame)) {
      this.setField(frame.stat.column as string, frame.text);
    }
  }

  /**
   * A field seen twice in one record (`<phone>` ×2) becomes a compact JSON array of its values,
   * like a JSON array in a record, with one `nested-array` warning for the column.
   */
  private setField(column: string, value: string): void {
    const out = this.out as FlatRecords;
    if (out.add(column, value)) return;
    let values = this.repeats.get(column);
    if (values === undefined) {
      values = [out.get(column) ?? null];
      this.repeats.set(column, values);
    }
    values.push(value);
    out.reportOncePerColumn({
      code: 'nested-array',
      severity: 'warning',
      column,
      row: this.records + 1,
      params: { source: 'repeated-element' },
    });
  }
}

/** Whether a field element's own text is a value: see {@link XmlRecordHandler}. */
function hasOwnValue(frame: Frame): boolean {
  if (frame.hasChild) return frame.text.trim() !== '';
  return !frame.hasAttributes || frame.text !== '';
}

export interface RecordCandidate {
  readonly path: string;
  readonly count: number;
}

/**
 * Record candidates: elements that hold values (a text-only child or an attribute), not inside
 * an element that already repeats (a contact's `<phone>`s are fields, not records), and not
 * pure containers such as `<contacts>`. Sorted most frequent first, shallower first on ties, so
 * a one-record file falls back to its root.
 */
export function findRecordCandidates(doc: PathStat): RecordCandidate[] {
  const found: { path: string; count: number; depth: number }[] = [];
  // An explicit stack, not recursion: the tree is as deep as the document, and the scanner's
  // depth limit is the only thing keeping that small.
  const stack: { stat: PathStat; depth: number }[] = [];
  for (const root of [...doc.children.values()].toReversed()) stack.push({ stat: root, depth: 0 });
  while (stack.length > 0) {
    const { stat, depth } = stack.pop() as { stat: PathStat; depth: number };
    if (!stat.complex) continue;
    // A repeated element is a record even when all its values are nested (`<record><address>
    // <city>` for an export whose columns are all `address.*`): what the XML writer writes for
    // such a table must read back.
    // So is the root's only kind of child (the one record of a one-row export).
    const repeated = stat.count >= 2 && depth > 0;
    const parent = stat.parent;
    const onlyChild = depth === 1 && parent !== null && parent.children.size === 1 && !holdsValues(parent);
    if (holdsValues(stat) || ((repeated || onlyChild) && holdsNestedValues(stat))) {
      found.push({ path: stat.path, count: stat.count, depth });
    }
    if (stat.count >= 2 && depth > 0) continue;
    const children = [...stat.children.values()];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ stat: children[i] as PathStat, depth: depth + 1 });
  }
  found.sort((a, b) => b.count - a.count || a.depth - b.depth);
  return found.map(({ path, count }) => ({ path, count }));
}

/** Some element below `stat` holds a value (an explicit stack: the tree can be deep). */
function holdsNestedValues(stat: PathStat): boolean {
  const stack = [...stat.children.values()];
  while (stack.length > 0) {
    const s = stack.pop() as PathStat;
    if (holdsValues(s)) return true;
    for (const child of s.children.values()) stack.push(child);
  }
  return false;
}

function holdsValues(stat: PathStat): boolean {
  if (stat.hasAttributes) return true;
  for (const child of stat.children.values()) if (!child.complex) return true;
  return false;
}
