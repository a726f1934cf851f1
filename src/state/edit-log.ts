import type { EditOp } from '../core/engine/mapped-workspace';

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
