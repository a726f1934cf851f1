import { describe, expect, it } from 'vitest';
import { tableFromRows } from '../../../../src/core/model/table';
import { acceptAll, type Decisions } from '../../../../src/core/diff/decisions';
import { diffTables } from '../../../../src/core/diff/diff-tables';
import { serializeChangesCsv } from '../../../../src/core/diff/serialize-changes-csv';
import { serializeChangesJson } from '../../../../src/core/diff/serialize-changes-json';
import { serializeChangesXml } from '../../../../src/core/diff/serialize-changes-xml';
import { DEFAULT_CSV_WRITE } from '../../../../src/core/write/write-types';

const base = tableFromRows(
  ['id', 'First Name', 'note'],
  [
    ['1', 'Ada', 'a'],
    ['2', 'Grace', '=HYPERLINK("x")'],
    ['3', 'Linus', 'same'],
    ['5', 'Alan', null],
  ],
);
const next = tableFromRows(
  ['note', 'id', 'First Name'],
  [
    ['same', '3', 'Linus'],
    ['b & "c"\nd', '1', 'Ada'],
    [null, '4', '-Tim'],
    ['', '5', 'Alan T'],
  ],
);
const source = { base, next };
const KEY = { columns: ['id'], trim: true, caseInsensitive: false };
const diff = await diffTables(base, next, { key: KEY, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false });
const join = (g: Generator<string>): string => [...g].join('');

describe('change-set export', () => {
  it('JSON: one operation per record, changed fields and old values for updates', () => {
    expect(join(serializeChangesJson(diff, acceptAll(), source))).toBe(
      '[\n' +
        '{"op":"update","key":"1","fields":{"note":"b & \\"c\\"\\nd"},"old":{"note":"a"}},\n' +
        '{"op":"insert","key":"4","fields":{"id":"4","First Name":"-Tim","note":null}},\n' +
        '{"op":"update","key":"5","fields":{"First Name":"Alan T","note":""},"old":{"First Name":"Alan","note":null}},\n' +
        '{"op":"delete","key":"2","old":{"id":"2","First Name":"Grace","note":"=HYPERLINK(\\"x\\")"}}\n' +
        ']\n',
    );
  });

  it('JSON: rejected changes and fields are left out; nothing accepted is an empty array', () => {
    const decisions: Decisions = {
      rejectedChanges: new Set(['4', '2']),
      rejectedFields: new Map([['5', new Set(['note'])], ['1', new Set(['note'])]]),
    };
    expect(join(serializeChangesJson(diff, decisions, source))).toBe(
      '[\n{"op":"update","key":"5","fields":{"First Name":"Alan T"},"old":{"First Name":"Alan"}}\n]\n',
    );
    const none: Decisions = { rejectedChanges: new Set(diff.keys), rejectedFields: new Map() };
    expect(join(serializeChangesJson(diff, none, source))).toBe('[\n]\n');
  });

  it('CSV: an _operation column, the whole record, quoting and the formula guard', () => {
    expect(join(serializeChangesCsv(diff, acceptAll(), source))).toBe(
      '_operation,id,First Name,note\r\n' +
        'update,1,Ada,"b & ""c""\nd"\r\n' +
        "insert,4,'-Tim,\r\n" +
        'update,5,Alan T,\r\n' +
        `delete,2,Grace,"'=HYPERLINK(""x"")"\r\n`,
    );
  });

  it("CSV: the user's options (delimiter, BOM, LF) with the guard, which leaves numbers and phones alone", async () => {
    const a = tableFromRows(['id', 'phone', 'amount', 'note'], [['1', '030 123456', '5', 'x']]);
    const b = tableFromRows(['id', 'phone', 'amount', 'note'], [['1', '+4930123456', '-0.25', ' =cmd|x!A0']]);
    const d = await diffTables(a, b, { key: KEY, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false });
    const csv = { ...DEFAULT_CSV_WRITE, delimiter: ';', bom: true, newline: '\n' as const };
    expect(join(serializeChangesCsv(d, acceptAll(), { base: a, next: b, csv }))).toBe(
      "\uFEFF_operation;id;phone;amount;note\nupdate;1;+4930123456;-0.25;' =cmd|x!A0\n",
    );
  });

  it('CSV: formula guard opt-out and a clashing column name', async () => {
    const a = tableFromRows(['id', '_operation'], [['1', 'x']]);
    const b = tableFromRows(['id', '_operation'], [['1', '=y']]);
    const d = await diffTables(a, b, { key: KEY, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false });
    const csv = { ...DEFAULT_CSV_WRITE, formulaGuard: false, newline: '\n' as const };
    expect(join(serializeChangesCsv(d, acceptAll(), { base: a, next: b, csv }))).toBe(
      '__operation,id,_operation\nupdate,1,=y\n',
    );
  });

  it('XML: an operation attribute per record, old values, nil for missing, encoded names', () => {
    expect(join(serializeChangesXml(diff, acceptAll(), source))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<changes xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
        '<record operation="update" key="1"><note old="a">b &amp; "c"\nd</note></record>\n' +
        '<record operation="insert" key="4"><id>4</id><First_x0020_Name>-Tim</First_x0020_Name><note xsi:nil="true"/></record>\n' +
        '<record operation="update" key="5"><First_x0020_Name old="Alan">Alan T</First_x0020_Name><note></note></record>\n' +
        '<record operation="delete" key="2"><id>2</id><First_x0020_Name>Grace</First_x0020_Name><note>=HYPERLINK("x")</note></record>\n' +
        '</changes>\n',
    );
  });

  it('XML: escapes attributes and replaces characters XML cannot hold', async () => {
    const a = tableFromRows(['id', 'v'], [['a"<\n', 'x']]);
    const b = tableFromRows(['id', 'v'], [['a"<\n', 'y\u0001\r']]);
    const d = await diffTables(a, b, { key: { ...KEY, trim: false }, mode: 'mirror', rules: { default: 'always', fields: [] }, quietClass: false });
    expect(join(serializeChangesXml(d, acceptAll(), { base: a, next: b }))).toContain(
      '<record operation="update" key="a&quot;&lt;&#10;"><v old="x">y\uFFFD&#13;</v></record>',
    );
  });
});
