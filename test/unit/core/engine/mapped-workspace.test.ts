import { describe, expect, it } from 'vitest';
import type { MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { MappedWorkspace, parseProblemFilter, problemFilter, type MappedSummary } from '../../../../src/core/engine/mapped-workspace';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// The Validate & fix step's engine half: counts, windows, problem navigation, and every edit
// with its re-validation and undo/redo, on a five-row contact table whose problems are known.

const map = (column: number, field: string, transforms: readonly Transform[] = []): ColumnMapping => ({ column, field, transforms, origin: 'unmapped' });

const HEADERS = ['ID', 'Email', 'Phone', 'Stage', 'Notes', 'Date'];
const ROWS: Cell[][] = [
  ['001', 'ada@example.com', '+14155552671', 'lead', 'a', '2024-01-02T10:00:00'],
  ['002', 'ADA@example.com', '', 'customer', '', '2024-01-02T10:00:00'], // near-duplicate email of row 0
  ['003', 'bad-email', '+14155552672', 'nope', 'c.c', '2024-01-02T10:00:00'], // bad email, bad stage, ID of row 3
  ['003', 'eve@example.com', '12', 'lead', null, '03/04/2024'], // duplicate ID, bad phone, date not ISO
  ['005', 'bob@example.com', '+14155552673', 'lead', 'e (.*) e', '2024-01-02T10:00:00'],
];
const PLAN: MappingPlan = {
  object: CONTACT_OBJECT,
  defaultCountry: 'US',
  columns: [map(0, 'external_id'), map(1, 'email'), map(2, 'phone', [{ kind: 'phone', country: 'US' }]), map(3, 'lifecycle_stage'), map(4, 'notes'), map(5, 'created_at')],
};

const create = (rows: Cell[][] = ROWS): Promise<MappedWorkspace> => MappedWorkspace.create(tableFromRows(HEADERS, rows), PLAN, undefined, () => {});

/** Problems of every live row as `row field rule level`, sorted: the whole validation state. */
function problems(ws: MappedWorkspace): string[] {
  return ws
    .window(0, 100, 'problems')
    .flatMap((r) => (r.problems ?? []).map((p) => `${r.index} ${p.field} ${p.problem.rule} ${p.problem.level}`))
    .sort();
}

/** A summary without the fields that change with every edit. */
function counts(s: MappedSummary): Omit<MappedSummary, 'version' | 'canUndo' | 'canRedo'> {
  const { version: _v, canUndo: _u, canRedo: _r, ...rest } = s;
  return rest;
}

const column = (ws: MappedWorkspace, field: string): Cell[] => {
  const f = ws.fields.findIndex((d) => d.key === field);
  return ws.window(0, 100, 'all').map((r) => r.values[f] ?? null);
};

const BASE_PROBLEMS = [
  '0 email duplicate-normalized warning',
  '1 email duplicate-normalized warning',
  '2 email format error',
  '2 external_id unique error',
  '2 lifecycle_stage picklist error',
  '3 created_at type error',
  '3 external_id unique error',
  '3 phone format error',
];

describe('MappedWorkspace validation', () => {
  it('finds every problem, by row, field and rule', async () => {
    expect(problems(await create())).toEqual(BASE_PROBLEMS);
  });

  it('counts per field and per rule', async () => {
    const s = (await create()).summary();
    const byField = Object.fromEntries(s.fields.map((f) => [f.key, [f.errors, f.warnings]]));
    expect(byField).toEqual({ external_id: [2, 0], email: [1, 2], phone: [1, 0], lifecycle_stage: [1, 0], created_at: [1, 0], notes: [0, 0] });
    expect(s.fields.find((f) => f.key === 'email')?.byRule).toEqual({ required: 0, type: 0, format: 1, length: 0, picklist: 0, unique: 0, 'duplicate-normalized': 2 });
    expect(s.byRule).toEqual({ required: 0, type: 1, format: 2, length: 0, picklist: 1, unique: 2, 'duplicate-normalized': 2 });
    expect([s.errors, s.warnings, s.rowsWithErrors, s.rowsWithProblems, s.rowCount, s.notes]).toEqual([6, 2, 2, 4, 5, 1]);
  });
});

describe('MappedWorkspace windows', () => {
  it('filters all | problems | errors and keeps the source values beside the mapped ones', async () => {
    const ws = await create();
    expect(ws.window(0, 10, 'all').map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(ws.window(0, 10, 'problems').map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(ws.window(0, 10, 'errors').map((r) => r.index)).toEqual([2, 3]);
    expect([ws.count('all'), ws.count('problems'), ws.count('errors')]).toEqual([5, 4, 2]);
    const row3 = ws.window(1, 1, 'errors')[0];
    expect(row3?.sourceRow).toBe(5);
    expect(row3?.source).toEqual(ROWS[3]);
    expect(row3?.values).toEqual(['003', 'eve@example.com', '12', 'lead', '03/04/2024', null]);
    expect(row3?.notes).toEqual([{ field: 'phone', code: 'invalid-phone' }]);
    expect(ws.window(4, 5, 'all').map((r) => r.index)).toEqual([4]);
    expect(ws.window(0, 10, 'all')[4]?.problems).toBeUndefined();
  });

  it('nextProblem wraps in both directions and says -1 when there is none', async () => {
    const ws = await create();
    expect(ws.nextProblem(3, 1, 'all')).toBe(0); // row 4 is clean: wraps to the top
    expect(ws.nextProblem(4, 1, 'all')).toBe(0);
    expect(ws.nextProblem(0, -1, 'all')).toBe(3); // wraps to the bottom, skipping row 4
    expect(ws.nextProblem(2, -1, 'all')).toBe(1);
    expect(ws.nextProblem(1, 1, 'errors')).toBe(0);
    expect(ws.nextProblem(0, -1, 'errors')).toBe(1);
    const clean = await create([ROWS[4] as Cell[]]);
    expect(clean.nextProblem(0, 1, 'all')).toBe(-1);
    expect(clean.nextProblem(0, -1, 'problems')).toBe(-1);
  });
});

describe('MappedWorkspace edits', () => {
  it('set re-validates the cell; undo and redo restore exact values and counts', async () => {
    const ws = await create();
    const before = counts(ws.summary());
    const after = await ws.apply({ kind: 'set', row: 2, field: 'email', value: 'carol@example.com' });
    expect([after.errors, after.warnings, after.canUndo, after.canRedo]).toEqual([5, 2, true, false]);
    expect(after.fields.find((f) => f.key === 'email')?.errors).toBe(0);
    expect(column(ws, 'email')[2]).toBe('carol@example.com');
    const undone = ws.undo();
    expect(counts(undone)).toEqual(before);
    expect([undone.canUndo, undone.canRedo]).toEqual([false, true]);
    expect(column(ws, 'email')[2]).toBe('bad-email');
    expect(problems(ws)).toEqual(BASE_PROBLEMS);
    expect(counts(ws.redo())).toEqual(counts(after));
    expect(column(ws, 'email')[2]).toBe('carol@example.com');
  });

  it('set updates uniqueness groups: both rows of a duplicate ID become clean', async () => {
    const ws = await create();
    const s = await ws.apply({ kind: 'set', row: 3, field: 'external_id', value: '004' });
    expect(s.fields.find((f) => f.key === 'external_id')?.errors).toBe(0);
    expect(problems(ws).filter((p) => p.includes('external_id'))).toEqual([]);
    ws.undo();
    expect(problems(ws)).toEqual(BASE_PROBLEMS);
  });

  it('set-many is one undo step', async () => {
    const ws = await create();
    await ws.apply({ kind: 'set-many', changes: [{ row: 2, field: 'lifecycle_stage', value: 'lead' }, { row: 3, field: 'phone', value: '+14155552674' }] });
    expect(problems(ws)).toEqual(BASE_PROBLEMS.filter((p) => !p.startsWith('2 lifecycle_stage') && !p.startsWith('3 phone')));
    const s = ws.undo();
    expect(s.canUndo).toBe(false);
    expect(column(ws, 'lifecycle_stage')).toEqual(['lead', 'customer', 'nope', 'lead', 'lead']);
    expect(column(ws, 'phone')[3]).toBe('12');
  });

  it('replace: case-insensitive inside cells, regex characters literal', async () => {
    const ws = await create();
    await ws.apply({ kind: 'replace', field: 'email', find: 'EXAMPLE.COM', replace: 'example.org', matchCase: false, wholeCell: false });
    expect(column(ws, 'email')).toEqual(['ada@example.org', 'ADA@example.org', 'bad-email', 'eve@example.org', 'bob@example.org']);
    await ws.apply({ kind: 'replace', field: 'notes', find: '(.*)', replace: '$&', matchCase: true, wholeCell: false });
    expect(column(ws, 'notes')).toEqual(['a', '', 'c.c', null, 'e $& e']);
    await ws.apply({ kind: 'replace', field: 'notes', find: '.', replace: '-', matchCase: true, wholeCell: false });
    expect(column(ws, 'notes')).toEqual(['a', '', 'c-c', null, 'e $& e']);
    ws.undo();
    ws.undo();
    ws.undo();
    expect(column(ws, 'email')).toEqual(ROWS.map((r) => r[1]));
    expect(column(ws, 'notes')).toEqual(ROWS.map((r) => r[4]));
  });

  it('replace whole cell, case-insensitive: only cells that equal the text', async () => {
    const ws = await create();
    const s = await ws.apply({ kind: 'replace', field: 'lifecycle_stage', find: 'NOPE', replace: 'other', matchCase: false, wholeCell: true });
    expect(column(ws, 'lifecycle_stage')).toEqual(['lead', 'customer', 'other', 'lead', 'lead']);
    expect(s.fields.find((f) => f.key === 'lifecycle_stage')?.errors).toBe(0);
    const none = await ws.apply({ kind: 'replace', field: 'lifecycle_stage', find: 'lea', replace: 'x', matchCase: false, wholeCell: true });
    expect(none.version).toBe(s.version);
  });

  it('transform re-validates the column: lower-casing turns near-duplicates into exact ones', async () => {
    const ws = await create();
    const s = await ws.apply({ kind: 'transform', field: 'email', transforms: [{ kind: 'case', to: 'lower' }] });
    expect(column(ws, 'email')[1]).toBe('ada@example.com');
    expect(problems(ws).filter((p) => p.includes(' email '))).toEqual(['0 email unique error', '1 email unique error', '2 email format error']);
    expect(s.fields.find((f) => f.key === 'email')?.byRule.unique).toBe(2);
    expect(s.fields.find((f) => f.key === 'email')?.byRule['duplicate-normalized']).toBe(0);
    ws.undo();
    expect(problems(ws)).toEqual(BASE_PROBLEMS);
  });

  it('delete-rows takes the rows out of counts and uniqueness groups; undo brings them back', async () => {
    const ws = await create();
    const before = counts(ws.summary());
    const s = await ws.apply({ kind: 'delete-rows', rows: [3, 3] });
    expect([s.rowCount, s.deletedRows, s.errors, s.warnings, s.rowsWithErrors]).toEqual([4, 1, 2, 2, 1]);
    // Row 2's ID is unique once row 3 is gone.
    expect(problems(ws)).toEqual(['0 email duplicate-normalized warning', '1 email duplicate-normalized warning', '2 email format error', '2 lifecycle_stage picklist error']);
    expect(s.fields.find((f) => f.key === 'external_id')?.errors).toBe(0);
    expect(ws.window(0, 10, 'all').map((r) => r.index)).toEqual([0, 1, 2, 4]);
    expect(counts(ws.undo())).toEqual(before);
    expect(problems(ws)).toEqual(BASE_PROBLEMS);
    expect(counts(ws.redo())).toEqual(counts(s));
  });

  it('merge-duplicates fills the kept row’s empty cells from the others and deletes them', async () => {
    const ws = await create();
    const before = counts(ws.summary());
    expect(ws.duplicates(10)).toEqual([{ field: 'external_id', rows: [2, 3] }, { field: 'email', rows: [0, 1] }]);
    expect(ws.duplicateGroup(1, 'email')).toEqual([0, 1]);
    const s = await ws.apply({ kind: 'merge-duplicates', keep: 1, others: [0, 1] });
    expect(ws.rowOf(1).values).toEqual(['002', 'ADA@example.com', '+14155552671', 'customer', '2024-01-02T10:00:00', 'a']);
    expect(ws.isDeleted(0)).toBe(true);
    expect(ws.isDeleted(1)).toBe(false);
    expect([s.rowCount, s.deletedRows, s.warnings]).toEqual([4, 1, 0]);
    expect(ws.duplicates(10)).toEqual([{ field: 'external_id', rows: [2, 3] }]);
    expect(counts(ws.undo())).toEqual(before);
    expect(ws.rowOf(1).values).toEqual(['002', 'ADA@example.com', '', 'customer', '2024-01-02T10:00:00', '']);
    expect(ws.isDeleted(0)).toBe(false);
    expect(problems(ws)).toEqual(BASE_PROBLEMS);
  });

  it('merge-duplicates fills a kept cell of spaces alone as an empty one, and takes no donor of spaces', async () => {
    const rows = ROWS.map((r) => [...r]);
    (rows[1] as Cell[])[4] = '   ';
    (rows[0] as Cell[])[2] = ' ';
    const ws = await create(rows);
    await ws.apply({ kind: 'merge-duplicates', keep: 1, others: [0, 1] });
    // Notes: row 0's 'a' where row 1 held only spaces; the phone stays empty (row 0's was a space).
    expect(ws.rowOf(1).values[5]).toBe('a');
    expect(ws.rowOf(1).values[2]).toBe('');
  });

  it('a duplicate group names the fields whose values differ, beyond case and spacing (a merge would lose them)', async () => {
    const ws = await create();
    // Rows 0 and 1: IDs 001/002 and stages lead/customer differ; the e-mails only in case; row 1's phone is empty.
    expect(ws.duplicateConflicts([0, 1])).toEqual(['external_id', 'lifecycle_stage']);
    expect(ws.duplicateConflicts([2, 3])).toEqual(['email', 'phone', 'lifecycle_stage', 'created_at']);
    expect(ws.duplicateConflicts([4])).toEqual([]);
  });

  it('merge-duplicates takes a differing value from the row the user chose; a choice outside the group or of an unknown field is ignored', async () => {
    const ws = await create();
    const before = counts(ws.summary());
    await ws.apply({
      kind: 'merge-duplicates',
      keep: 1,
      others: [0],
      take: [
        { field: 'lifecycle_stage', row: 0 },
        { field: 'external_id', row: 4 },
        { field: 'no_such_field', row: 0 },
      ],
    });
    expect(ws.rowOf(1).values).toEqual(['002', 'ADA@example.com', '+14155552671', 'lead', '2024-01-02T10:00:00', 'a']);
    expect(ws.isDeleted(0)).toBe(true);
    expect(counts(ws.undo())).toEqual(before);
    expect(ws.rowOf(1).values).toEqual(['002', 'ADA@example.com', '', 'customer', '2024-01-02T10:00:00', '']);
  });

  it('an edit after undo clears redo', async () => {
    const ws = await create();
    await ws.apply({ kind: 'set', row: 0, field: 'notes', value: 'x' });
    expect(ws.undo().canRedo).toBe(true);
    const s = await ws.apply({ kind: 'set', row: 0, field: 'notes', value: 'y' });
    expect(s.canRedo).toBe(false);
    expect(ws.redo().canUndo).toBe(true);
    expect(column(ws, 'notes')[0]).toBe('y');
  });

  it('does not edit deleted rows or rows past the end', async () => {
    const ws = await create();
    await ws.apply({ kind: 'delete-rows', rows: [4] });
    const v = ws.summary().version;
    expect((await ws.apply({ kind: 'set', row: 4, field: 'email', value: 'bad' })).version).toBe(v);
    expect((await ws.apply({ kind: 'set', row: 5, field: 'email', value: 'bad' })).version).toBe(v);
    expect(ws.summary().errors).toBe(6);
    expect(ws.count('all')).toBe(4);
  });

  it('a summary is a snapshot: later edits do not change its counts', async () => {
    const ws = await create();
    const first = ws.summary();
    await ws.apply({ kind: 'set', row: 2, field: 'email', value: 'carol@example.com' });
    expect(first.byRule.format).toBe(2);
    expect(first.fields.find((f) => f.key === 'email')?.byRule.format).toBe(1);
    expect(ws.summary().byRule.format).toBe(1);
  });

  it('an edited cell loses its transform note; undo brings it back', async () => {
    const ws = await create();
    const s = await ws.apply({ kind: 'set', row: 3, field: 'phone', value: '+14155552674' });
    expect(s.notes).toBe(0);
    expect(ws.rowOf(3).notes).toBeUndefined();
    expect(ws.undo().notes).toBe(1);
    expect(ws.rowOf(3).notes).toEqual([{ field: 'phone', code: 'invalid-phone' }]);
  });
});

/** The mapped lifecycle stage of every live row. */
function stages(ws: MappedWorkspace): Cell[] {
  return ws.window(0, 10, 'all').map((r) => r.values[3] ?? null);
}

describe('fix all like this', () => {
  // Three rows share the bad stage 'Prospekt'; one has another bad stage; one is fine.
  const rows: Cell[][] = [
    ['001', 'a@example.com', '', 'Prospekt', '', ''],
    ['002', 'b@example.com', '', 'Prospekt', '', ''],
    ['003', 'c@example.com', '', 'lead', '', ''],
    ['004', 'd@example.com', '', 'Martian', '', ''],
    ['005', 'e@example.com', '', 'Prospekt', '', ''],
  ];

  it('changes every cell with the same value and problem as one edit; one undo reverts all', async () => {
    const ws = await create(rows);
    expect(ws.likeCells('lifecycle_stage', 'Prospekt')).toEqual([0, 1, 4]);
    expect(ws.summary().byRule.picklist).toBe(4);
    const after = await ws.apply({ kind: 'fix-like', field: 'lifecycle_stage', value: 'Prospekt', to: 'lead' });
    expect(stages(ws)).toEqual(['lead', 'lead', 'lead', 'Martian', 'lead']);
    expect(after.byRule.picklist).toBe(1);
    expect(ws.likeCells('lifecycle_stage', 'Prospekt')).toEqual([]);
    const undone = ws.undo();
    expect(stages(ws)).toEqual(['Prospekt', 'Prospekt', 'lead', 'Martian', 'Prospekt']);
    expect(undone.byRule.picklist).toBe(4);
    expect(undone.canUndo).toBe(false);
    ws.redo();
    expect(stages(ws)).toEqual(['lead', 'lead', 'lead', 'Martian', 'lead']);
  });

  it('leaves deleted rows and cells without a problem alone', async () => {
    const ws = await create(rows);
    await ws.apply({ kind: 'delete-rows', rows: [1] });
    // 'lead' has no problem: asking to change it changes nothing.
    expect(ws.likeCells('lifecycle_stage', 'lead')).toEqual([]);
    await ws.apply({ kind: 'fix-like', field: 'lifecycle_stage', value: 'Prospekt', to: 'lead' });
    expect(ws.window(0, 10, 'all').map((r) => [r.index, r.values[3]])).toEqual([
      [0, 'lead'],
      [2, 'lead'],
      [3, 'Martian'],
      [4, 'lead'],
    ]);
  });

  it('a summary filter shows only the rows with that field and rule', async () => {
    const ws = await create(rows);
    const filter = problemFilter('lifecycle_stage', 'picklist');
    expect(parseProblemFilter(filter)).toEqual({ field: 'lifecycle_stage', rule: 'picklist' });
    expect(ws.window(0, 10, filter).map((r) => r.index)).toEqual([0, 1, 3, 4]);
    expect(ws.count(problemFilter('*', 'picklist'))).toBe(4);
    expect(ws.count(problemFilter('email', '*'))).toBe(0);
    await ws.apply({ kind: 'fix-like', field: 'lifecycle_stage', value: 'Prospekt', to: 'lead' });
    expect(ws.window(0, 10, filter).map((r) => r.index)).toEqual([3]);
  });
});

describe('MappedWorkspace: phones read one of two ways', () => {
  // Phones of a German workbook whose number cells lost their '+': each of rows 0 and 2 is a
  // valid German mobile with +49 in front and a valid national number (area code 0491) as
  // written. Read as the mobile, they are valid, so no problem says so: Validate counts them.
  const rows: Cell[][] = [
    ['1', 'a@example.com', '4915112345678', 'lead', '', ''],
    ['2', 'b@example.com', '030 1234567', 'lead', '', ''],
    ['3', 'c@example.com', '491711234567', 'lead', '', ''],
  ];
  const plan: MappingPlan = { ...PLAN, defaultCountry: 'DE', columns: [map(0, 'external_id'), map(1, 'email'), map(2, 'phone', [{ kind: 'phone', country: 'DE' }])] };

  it('counts them, shows them under their filter, and an edit or a deletion takes them out (undo back)', async () => {
    const ws = await MappedWorkspace.create(tableFromRows(HEADERS, rows), plan, undefined, () => {});
    expect(column(ws, 'phone')).toEqual(['+4915112345678', '+49301234567', '+491711234567']);
    expect(ws.summary()).toMatchObject({ ambiguousPhones: 2, errors: 0, warnings: 0 });
    expect(ws.window(0, 10, 'ambiguous-phones').map((r) => [r.index, r.notes])).toEqual([
      [0, [{ field: 'phone', code: 'ambiguous-phone' }]],
      [2, [{ field: 'phone', code: 'ambiguous-phone' }]],
    ]);
    expect((await ws.apply({ kind: 'set', row: 0, field: 'phone', value: '+494915112345678' })).ambiguousPhones).toBe(1);
    expect(ws.window(0, 10, 'ambiguous-phones').map((r) => r.index)).toEqual([2]);
    expect((await ws.apply({ kind: 'delete-rows', rows: [2] })).ambiguousPhones).toBe(0);
    expect(ws.count('ambiguous-phones')).toBe(0);
    expect(ws.undo().ambiguousPhones).toBe(1);
    expect(ws.undo().ambiguousPhones).toBe(2);
  });
});
