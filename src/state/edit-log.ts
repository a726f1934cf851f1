import type { EditOp } from '../core/engine/mapped-workspace';
import type { ColumnMapping } from '../core/mapping/mapping-types';
import { withCustomFields } from '../core/schema/custom-field';
import type { CrmObject } from '../core/schema/schema-types';

/** Edits as a replayable log, so a reload can rebuild the same data. */
export type EditCommand = { readonly kind: 'op'; readonly op: EditOp } | { readonly kind: 'undo' } | { readonly kind: 'redo' };

/**
 * The edits a log leaves in effect, in order: undone ones taken out, redone ones put back (what
 * the data holds after the log). A mapping applied again makes these again, so an edit dropped
 * there (its field no longer mapped) cannot shift what a later undo in the raw log would undo.
 */
export function effectiveEdits(log: readonly EditCommand[]): EditCommand[] {
  const done: EditCommand[] = [];
  const undone: EditCommand[] = [];
  for (const c of log) {
    if (c.kind === 'op') {
      done.push(c);
      undone.length = 0;
    } else if (c.kind === 'undo') {
      const last = done.pop();
      if (last !== undefined) undone.push(last);
    } else {
      const again = undone.pop();
      if (again !== undefined) done.push(again);
    }
  }
  return done;
}

/**
 * Of `edits` (ops only, as {@link effectiveEdits} gives), those that still name mapped fields
 * (a cell change to a field no longer mapped is left out of its op), and how many were left out.
 */
export function editsForFields(edits: readonly EditCommand[], fields: ReadonlySet<string>): { kept: EditCommand[]; dropped: number } {
  const kept: EditCommand[] = [];
  let dropped = 0;
  for (const c of edits) {
    if (c.kind !== 'op') continue;
    const op = c.op;
    if (op.kind === 'set-many') {
      const changes = op.changes.filter((ch) => fields.has(ch.field));
      dropped += op.changes.length - changes.length;
      if (changes.length > 0) kept.push({ kind: 'op', op: { ...op, changes } });
    } else if (op.kind === 'delete-rows' || op.kind === 'merge-duplicates' || fields.has(op.field)) kept.push(c);
    else dropped++;
  }
  return { kept, dropped };
}

/**
 * Each mapped field's source columns in a mapping ("3", or "2,5" when two feed it): what the
 * edits made on its mapped data rest on. Kept beside the edit log (and in the saved session).
 */
export type EditBasis = Readonly<Record<string, string>>;

export function editBasisOf(columns: readonly ColumnMapping[], headers: readonly string[], object: CrmObject): EditBasis {
  // A column kept as a custom field is keyed as the mapped data keys it: turning another one
  // off can hand its key to this one, whose edits must not then land on it.
  const custom = withCustomFields(object, columns, headers).keys;
  // Null-prototype: a field may be named "constructor".
  const sources: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const c of columns) {
    const field = c.field ?? custom.get(c.column);
    if (field === undefined) continue;
    const before = sources[field];
    sources[field] = before === undefined ? String(c.column) : `${before},${c.column}`;
  }
  return sources;
}

/**
 * Of the fields mapped `now`, those whose edits still hold: fed by the same source columns as in
 * `basis`, the mapping the edits were made on (null: not known, a session saved before it was
 * kept). An edit to an email fixed a value of the old email column; on another column it would
 * overwrite a value it never saw, so it is left out like one to a field no longer mapped.
 */
export function editableFields(fields: readonly string[], now: EditBasis, basis: EditBasis | null): Set<string> {
  const own = (b: EditBasis, f: string): string | undefined => (Object.hasOwn(b, f) ? b[f] : undefined);
  return new Set(basis === null ? fields : fields.filter((f) => own(basis, f) === own(now, f)));
}
