import { describe, expect, it } from 'vitest';
import { CONTACT_OBJECT } from '../../../src/core/schema/contact-object';
import { editBasisOf, editableFields, editsForFields, effectiveEdits, type EditCommand } from '../../../src/state/edit-log';

const op = (row: number): EditCommand => ({ kind: 'op', op: { kind: 'set', row, field: 'email', value: `v${row}` } });
const undo: EditCommand = { kind: 'undo' };
const redo: EditCommand = { kind: 'redo' };
const rows = (log: EditCommand[]) => effectiveEdits(log).map((c) => (c.kind === 'op' && c.op.kind === 'set' ? c.op.row : -1));

describe('effectiveEdits', () => {
  it('keeps the edits the log leaves in effect, in order', () => {
    expect(rows([op(1), op(2), undo])).toEqual([1]);
    expect(rows([op(1), op(2), undo, undo, redo])).toEqual([1]);
    expect(rows([op(1), undo, op(3)])).toEqual([3]);
    // A new edit after an undo ends the redo: the undone one is gone.
    expect(rows([op(1), op(2), undo, op(4), redo])).toEqual([1, 4]);
    expect(rows([undo, redo, op(5)])).toEqual([5]);
  });
});

describe('editsForFields', () => {
  it('keeps edits of mapped fields, row deletions, and the mapped part of a merged report; counts the rest', () => {
    const fields = new Set(['email']);
    const log: EditCommand[] = [
      op(1),
      { kind: 'op', op: { kind: 'set', row: 2, field: 'phone', value: '1' } },
      { kind: 'op', op: { kind: 'delete-rows', rows: [3] } },
      { kind: 'op', op: { kind: 'set-many', changes: [{ row: 4, field: 'email', value: 'a' }, { row: 4, field: 'phone', value: 'b' }] } },
      { kind: 'op', op: { kind: 'replace', field: 'phone', find: 'x', replace: 'y', matchCase: false, wholeCell: false } },
    ];
    const { kept, dropped } = editsForFields(log, fields);
    expect(dropped).toBe(3);
    expect(kept).toEqual([
      log[0],
      log[2],
      { kind: 'op', op: { kind: 'set-many', changes: [{ row: 4, field: 'email', value: 'a' }] } },
    ]);
  });
});

const col = (column: number, field: string | null, custom = false) => ({ column, field, transforms: [], origin: 'unmapped' as const, ...(custom ? { custom } : {}) });
const HEADERS = ['A', 'B', 'C', 'D', 'E', 'F'];
const basisOf = (columns: ReturnType<typeof col>[], headers = HEADERS) => editBasisOf(columns, headers, CONTACT_OBJECT);

describe('editBasisOf and editableFields', () => {
  it('keys each mapped field by its source columns, a field fed by two by both', () => {
    const basis = basisOf([col(0, 'id'), col(1, null), col(2, 'email'), col(3, 'constructor'), col(4, 'email')]);
    expect({ ...basis }).toEqual({ id: '0', email: '2,4', constructor: '3' });
  });

  it('keeps the fields fed by the same columns as the mapping the edits were made on', () => {
    const before = basisOf([col(0, 'id'), col(1, 'email'), col(2, null)]);
    const now = basisOf([col(0, 'id'), col(1, null), col(2, 'email'), col(3, 'constructor')]);
    expect([...editableFields(['id', 'email', 'constructor', 'city'], now, before)]).toEqual(['id', 'city']);
    // Not known (a session saved before the basis was kept): every mapped field.
    expect([...editableFields(['id', 'email'], now, null)]).toEqual(['id', 'email']);
    // A field named like an Object.prototype member is compared as any other.
    expect([...editableFields(['constructor'], basisOf([col(5, 'constructor')]), { constructor: '3' })]).toEqual([]);
  });

  it('keys columns kept as custom fields as the mapped data does: one turned off hands its key on', () => {
    const headers = ['Hobby', 'hobby'];
    const before = basisOf([col(0, null, true), col(1, null, true)], headers);
    expect({ ...before }).toEqual({ hobby: '0', hobby_2: '1' });
    // "Hobby" not imported any more: "hobby" now gets the key hobby, and the edits made to it are not its.
    const now = basisOf([col(0, null), col(1, null, true)], headers);
    expect({ ...now }).toEqual({ hobby: '1' });
    expect([...editableFields(['hobby'], now, before)]).toEqual([]);
  });
});
