import { describe, expect, it } from 'vitest';
import type { MappedColumn } from '../../../../src/core/engine/mapped-column';
import { buildMappedColumns, planFields, type MappingPlan } from '../../../../src/core/engine/mapped-columns';
import { MappedWorkspace } from '../../../../src/core/engine/mapped-workspace';
import { proposeMapping } from '../../../../src/core/engine/mapping-session';
import type { ColumnMapping, Transform } from '../../../../src/core/mapping/mapping-types';
import type { Cell } from '../../../../src/core/model/cell';
import { tableFromRows } from '../../../../src/core/model/table';
import { COMPANY_OBJECT } from '../../../../src/core/schema/company-object';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';

// The Map step's engine half: suggestions with examples, and every transform applied on the
// way into the mapped columns (buildMappedColumns), over small tables built in memory.

const map = (column: number, field: string | null, transforms: readonly Transform[] = [], custom = false): ColumnMapping => ({
  column,
  field,
  transforms,
  origin: 'unmapped',
  ...(custom ? { custom: true } : {}),
});

const plan = (columns: ColumnMapping[], object = CONTACT_OBJECT, defaultCountry = 'US'): MappingPlan => ({ object, columns, defaultCountry });

/** The mapped values of one field of a one-column table. */
async function mappedColumn(values: readonly Cell[], field: string, transforms: readonly Transform[], object = CONTACT_OBJECT): Promise<Cell[]> {
  const table = tableFromRows(['in'], values.map((v) => [v]));
  const built = await buildMappedColumns(table, plan([map(0, field, transforms)], object), undefined, () => {});
  expect(built.fields.map((f) => f.def.key)).toEqual([field]);
  return cellsOf(built.values[0] as MappedColumn);
}

/** Every cell of a mapped column, in row order. */
function cellsOf(column: MappedColumn): Cell[] {
  return Array.from({ length: column.length }, (_, r) => column.get(r));
}

describe('proposeMapping', () => {
  const table = tableFromRows(
    ['E-Mail', 'Mobile', 'Vorname', 'Internal code'],
    [
      ['ada@example.com', '+49 30 1234567', 'Ada', 'x1'],
      ['', '', '', ''],
      ['  ', '030 7654321', 'Grace', 'x2'],
      ['bob@example.org', '+1 415 555 2671', 'Bob', 'x3'],
      ['eve@example.net', null, 'Eve', 'x4'],
    ],
  );

  it('gives up to three non-blank examples per column, in file order', async () => {
    expect((await proposeMapping(table, CONTACT_OBJECT)).examples).toEqual([
      ['ada@example.com', 'bob@example.org', 'eve@example.net'],
      ['+49 30 1234567', '030 7654321', '+1 415 555 2671'],
      ['Ada', 'Grace', 'Bob'],
      ['x1', 'x2', 'x3'],
    ]);
  });

  it('suggests fields from headers (English and German) and leaves an unknown column unmapped', async () => {
    const s = (await proposeMapping(table, CONTACT_OBJECT)).suggestions;
    expect(s.map((x) => [x.column, x.field])).toEqual([
      [0, 'email'],
      [1, 'mobile'],
      [2, 'first_name'],
      [3, null],
    ]);
    expect(s[0]?.apply).toBe(true);
    expect(s[0]?.reasons.length).toBeGreaterThan(0);
    expect(s[3]?.apply).toBe(false);
  });
});

describe('buildMappedColumns transforms', () => {
  const cases: { name: string; field: string; transforms: Transform[]; input: Cell[]; output: Cell[]; object?: typeof CONTACT_OBJECT }[] = [
    { name: 'trim', field: 'city', transforms: [{ kind: 'trim' }], input: ['  Oslo ', '\u00a0Bergen', null], output: ['Oslo', 'Bergen', null] },
    { name: 'lowercase-email', field: 'email', transforms: [{ kind: 'trim' }, { kind: 'lowercase-email' }], input: [' Ada@Example.COM '], output: ['ada@example.com'] },
    { name: 'phone CN', field: 'phone', transforms: [{ kind: 'phone', country: 'CN' }], input: ['13800138000', '+86 138 0013 8000', ''], output: ['+8613800138000', '+8613800138000', ''] },
    { name: 'phone US', field: 'phone', transforms: [{ kind: 'phone', country: 'US' }], input: ['(415) 555-2671', '415.555.2671', '12'], output: ['+14155552671', '+14155552671', '12'] },
    { name: 'date DMY', field: 'created_at', transforms: [{ kind: 'date', order: 'DMY' }], input: ['13/02/2024', '03/04/2024', '32/13/2024'], output: ['2024-02-13', '2024-04-03', '32/13/2024'] },
    { name: 'number, decimal comma', field: 'annual_revenue', object: COMPANY_OBJECT, transforms: [{ kind: 'number', decimal: ',' }], input: ['1.234,56', '12', 'abc'], output: ['1234.56', '12', 'abc'] },
    { name: 'split-name first', field: 'first_name', transforms: [{ kind: 'split-name', part: 'first', order: 'auto' }], input: ['Ada Lovelace', '王伟'], output: ['Ada', '伟'] },
    { name: 'split-name last', field: 'last_name', transforms: [{ kind: 'split-name', part: 'last', order: 'auto' }], input: ['Ada Lovelace', '王伟'], output: ['Lovelace', '王'] },
    { name: 'value-map', field: 'lifecycle_stage', transforms: [{ kind: 'value-map', map: { VIP: 'customer', 重要客户: 'customer' } }], input: ['vip', ' VIP ', '重要客户', 'lead'], output: ['customer', 'customer', 'customer', 'lead'] },
    { name: 'default', field: 'country', transforms: [{ kind: 'default', value: 'Norway' }], input: ['', null, '  ', 'Spain'], output: ['Norway', 'Norway', 'Norway', 'Spain'] },
  ];
  for (const c of cases) {
    it(`${c.name}`, async () => {
      expect(await mappedColumn(c.input, c.field, c.transforms, c.object)).toEqual(c.output);
    });
  }

  it('splits one name column into first and last name', async () => {
    const table = tableFromRows(['Full name'], [['Grace Hopper'], ['欧阳欣怡']]);
    const built = await buildMappedColumns(
      table,
      plan([map(0, 'first_name', [{ kind: 'split-name', part: 'first', order: 'auto' }]), { ...map(0, 'last_name', [{ kind: 'split-name', part: 'last', order: 'auto' }]) }]),
      undefined,
      () => {},
    );
    expect(built.fields.map((f) => f.def.key)).toEqual(['first_name', 'last_name']);
    expect(built.values.map(cellsOf)).toEqual([
      ['Grace', '欣怡'],
      ['Hopper', '欧阳'],
    ]);
  });

  it('joins two columns into one field, skipping blanks', async () => {
    const table = tableFromRows(['Street', 'No.'], [['Main St', '5'], ['Elm Rd', ''], [null, '7']]);
    const built = await buildMappedColumns(table, plan([map(0, 'street', [{ kind: 'join', columns: [0, 1], separator: ' ' }])]), undefined, () => {});
    expect(built.values.map(cellsOf)).toEqual([['Main St 5', 'Elm Rd', '7']]);
  });

  it('records a note for each value a transform could not read, by row and field', async () => {
    const table = tableFromRows(['Phone', 'Date'], [['12', '03/04/2024'], ['+14155552671', '2024-01-02']]);
    const built = await buildMappedColumns(
      table,
      plan([map(0, 'phone', [{ kind: 'phone', country: 'US' }]), map(1, 'created_at', [{ kind: 'date', order: 'auto' }])]),
      undefined,
      () => {},
    );
    expect([...built.notes].map(([row, list]) => [row, list.map((n) => [n.field, n.note.code])])).toEqual([
      [0, [['phone', 'invalid-phone'], ['created_at', 'ambiguous-date']]],
    ]);
  });
});

describe('planFields', () => {
  it('keeps an unmapped column as a text custom field named from its header, after built-in fields', () => {
    const { object, fields } = planFields(plan([map(1, null, [], true), map(0, 'email')]), ['Mail', 'Kundennummer (alt)']);
    expect(fields.map((f) => [f.def.key, f.def.type, f.def.custom ?? false])).toEqual([
      ['email', 'email', false],
      ['kundennummer_alt', 'text', true],
    ]);
    expect(object.fields.at(-1)?.label.en).toBe('Kundennummer (alt)');
    expect(CONTACT_OBJECT.fields.some((f) => f.key === 'kundennummer_alt')).toBe(false);
  });

  it('merges two columns into notes (allowMerge) but keeps only the first for other fields', async () => {
    const table = tableFromRows(['Note A', 'Note B', 'Mail 1', 'Mail 2'], [['likes tea', 'VIP', 'a@x.io', 'b@x.io'], ['', 'met at fair', 'c@x.io', ''], [null, null, '', 'd@x.io']]);
    const ws = await MappedWorkspace.create(table, plan([map(0, 'notes'), map(1, 'notes'), map(2, 'email'), map(3, 'email')]), undefined, () => {});
    expect(ws.fields.map((f) => f.key)).toEqual(['email', 'notes']);
    expect(ws.window(0, 3, 'all').map((r) => r.values)).toEqual([
      ['a@x.io', 'likes tea VIP'],
      ['c@x.io', 'met at fair'],
      ['', null],
    ]);
  });
});
