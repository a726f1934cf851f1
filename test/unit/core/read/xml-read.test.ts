import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../../src/core/model/cell';
import { PorterError } from '../../../../src/core/model/porter-error';
import { tableToRows } from '../../../../src/core/model/table';
import { encodeXmlName } from '../../../../src/core/model/xml-names';
import { readXml } from '../../../../src/core/read/xml-read';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/xml/${name}`, import.meta.url), 'utf8');

describe('readXml: fixtures', () => {
  const cases: {
    file: string;
    recordPath?: string;
    columns: string[];
    rows: Cell[][];
    recordPathOut: string;
  }[] = [
    {
      file: 'contacts-ns.xml',
      recordPathOut: 'export/contacts/contact',
      columns: [
        '@id',
        '@status',
        'name',
        'company',
        'city',
        'notes',
        'phone.@type',
        'phone',
        'address.street',
        'address.zip',
        'First Name',
        '__proto__',
      ],
      rows: [
        [
          'c1',
          'active',
          '  Ada Lovelace  ',
          'Lovelace & Babbage <Ltd>',
          '中文 city',
          'Met at <expo> & liked it',
          'work',
          '+44 20 7946 0000',
          '12 Main St',
          '00501',
          'Ada',
          'harmless',
        ],
        [
          'c2',
          null,
          'Grace Hopper',
          '',
          null,
          null,
          '["mobile","work"]',
          '["+1 212 555 0100","+1 212 555 0199"]',
          null,
          null,
          null,
          null,
        ],
        ['c3', null, 'Alan Turing', null, null, null, null, null, null, null, null, null],
      ],
    },
    {
      file: 'feed.xml',
      recordPathOut: 'feed/entries/entry',
      columns: ['id', 'phone'],
      rows: [
        ['1', '["1","2","3"]'],
        ['2', '4'],
        ['3', null],
      ],
    },
    {
      file: 'feed.xml',
      recordPath: 'feed/header',
      recordPathOut: 'feed/header',
      columns: ['title', 'generated'],
      rows: [['Partner list', '2024-05-01']],
    },
    {
      file: 'external-dtd.xml',
      recordPathOut: 'contacts/contact',
      columns: ['name'],
      rows: [['Ada'], ['Grace']],
    },
  ];

  it.each(cases)('$file $recordPath', async (c) => {
    const { table, meta } = await readXml(fixture(c.file), { recordPath: c.recordPath });
    expect(meta.recordPath).toBe(c.recordPathOut);
    expect(table.columns).toEqual(c.columns);
    expect(tableToRows(table)).toEqual(c.rows);
    expect(Array.from({ length: table.rowCount }, (_, i) => table.sourceRow(i))).toEqual(
      c.rows.map((_, i) => i + 1),
    );
  });

  it('lists record candidates, most frequent first, without fields of records', async () => {
    const { meta } = await readXml(fixture('feed.xml'), {});
    expect(meta.candidates).toEqual([
      { path: 'feed/entries/entry', count: 3 },
      { path: 'feed/header', count: 1 },
      { path: 'feed/owners/owner', count: 1 },
    ]);
  });

  it('warns once per column when an element repeats inside a record', async () => {
    const { issues } = await readXml(fixture('contacts-ns.xml'), {});
    expect(issues.map((i) => [i.code, i.column, i.row])).toEqual([
      ['nested-array', 'phone.@type', 2],
      ['nested-array', 'phone', 2],
    ]);
  });

  it('reads back names the XML writer encoded', async () => {
    const names = ['First Name', 'e-mail', '1st', 'a:b', '_x0041_', '邮箱', ''];
    const fields = names.map((n, i) => `<${encodeXmlName(n)}>v${i}</${encodeXmlName(n)}>`).join('');
    const xml = `<rows><row>${fields}</row><row/></rows>`;
    const { table } = await readXml(xml, {});
    expect(table.columns).toEqual(names);
    expect(table.row(0)).toEqual(names.map((_, i) => `v${i}`));
  });

  it('agrees with fast-xml-parser on the text of every field', async () => {
    // fast-xml-parser refuses a `__proto__` element outright; we read it as data (tested above).
    const text = fixture('contacts-ns.xml').replace(/.*__proto__.*\n/, '');
    const { table } = await readXml(text, {});
    const tree = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      trimValues: false,
      removeNSPrefix: true,
      htmlEntities: true,
      isArray: (name) => name === 'contact',
    }).parse(text) as { export: { contacts: { contact: Record<string, unknown>[] } } };
    const first = tree.export.contacts.contact[0] as Record<string, unknown>;
    for (const field of ['name', 'company', 'city', 'notes']) {
      expect(table.cell(0, table.columns.indexOf(field))).toBe(first[field]);
    }
    expect(table.cell(0, table.columns.indexOf('@id'))).toBe(first['@id']);
  });
});

describe('readXml: security and failures', () => {
  const failures: { name: string; text: string; code: string; details: Record<string, unknown> }[] =
    [
      {
        name: 'billion laughs',
        text: fixture('billion-laughs.xml'),
        code: 'xml-doctype',
        details: { line: 3, column: 2, reason: 'entity-declaration' },
      },
      {
        name: 'XXE',
        text: fixture('xxe.xml'),
        code: 'xml-doctype',
        details: { line: 4, column: 3, reason: 'entity-declaration' },
      },
      {
        name: 'mismatched end tag',
        text: fixture('malformed.xml'),
        code: 'xml-syntax',
        details: { line: 3, column: 23, reason: 'mismatched-end-tag' },
      },
      {
        name: 'undefined entity',
        text: fixture('undefined-entity.xml'),
        code: 'xml-syntax',
        details: { line: 2, column: 22, reason: 'undefined-entity' },
      },
      {
        name: 'unclosed root',
        text: '<a><b>x</b>',
        code: 'xml-syntax',
        details: { reason: 'unclosed-element' },
      },
      {
        name: 'two roots',
        text: '<a/><a/>',
        code: 'xml-syntax',
        details: { reason: 'multiple-root-elements' },
      },
      {
        name: 'text after root',
        text: '<a/>x',
        code: 'xml-syntax',
        details: { reason: 'text-outside-root' },
      },
      {
        name: 'unquoted attribute',
        text: '<a b=1/>',
        code: 'xml-syntax',
        details: { reason: 'expected-quote' },
      },
      {
        name: 'duplicate attribute',
        text: '<a b="1" b="2"/>',
        code: 'xml-syntax',
        details: { reason: 'duplicate-attribute' },
      },
      {
        name: 'bare ampersand',
        text: '<a>Q&A</a>',
        code: 'xml-syntax',
        details: { reason: 'bad-entity' },
      },
      { name: 'empty text', text: '', code: 'xml-syntax', details: { reason: 'no-root-element' } },
      {
        name: 'no record-like element',
        text: fixture('no-records.xml'),
        code: 'xml-no-records',
        details: {},
      },
    ];

  it.each(failures)('$name → $code', async ({ text, code, details }) => {
    const err = await readXml(text, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorterError);
    expect((err as PorterError).code).toBe(code);
    expect((err as PorterError).details).toMatchObject(details);
  });

  it('refuses a recordPath that matches nothing', async () => {
    const err = await readXml(fixture('feed.xml'), { recordPath: 'feed/nope' }).catch(
      (e: unknown) => e,
    );
    expect((err as PorterError).code).toBe('xml-no-records');
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      readXml(fixture('feed.xml'), {}, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readXml: text details', () => {
  it('normalises CRLF in text and whitespace in attributes, as XML 1.0 requires', async () => {
    const xml = '<r>\r\n<i a="x\ty"><n>line1\r\nline2</n></i><i a="z"/></r>';
    const { table } = await readXml(xml, {});
    expect(tableToRows(table)).toEqual([
      ['x y', 'line1\nline2'],
      ['z', null],
    ]);
  });

  // XML 1.0 §2.11 and §3.3.3: literal tab, LF, CR (and CRLF as one) in an attribute read as a
  // space; the character references `&#9;`, `&#10;`, `&#13;` keep the characters they name.
  it.each<[string, string, string]>([
    ['&#10;', 'a&#10;b', 'a\nb'],
    ['&#13;&#10;', 'a&#13;&#10;b', 'a\r\nb'],
    ['&#9;', 'a&#9;b', 'a\tb'],
    ['&#13;', 'a&#13;b', 'a\rb'],
    ['&#x9;&#xA;&#xD;', '&#x9;&#xA;&#xD;', '\t\n\r'],
    ['literal LF', 'a\nb', 'a b'],
    ['literal CRLF', 'a\r\nb', 'a b'],
    ['literal CR', 'a\rb', 'a b'],
    ['literal tab', 'a\tb', 'a b'],
    ['literal CR CR LF', 'a\r\r\nb', 'a  b'],
    ['literal and referenced', '\t&#9;\n&#10;\r\n&#13;&#10;', ' \t \n \r\n'],
    ['spaces are kept as they are', '  a  b  ', '  a  b  '],
    ['other references still decode', '&lt;&amp;&#x20AC;&quot;', '<&€"'],
  ])('attribute value with %s', async (_label, raw, value) => {
    const xml = `<r><i a="${raw}"/><i a="x"/></r>`;
    const { table } = await readXml(xml, {});
    expect(table.columns).toEqual(['@a']);
    expect(tableToRows(table)).toEqual([[value], ['x']]);
    const nested = await readXml(`<r><i><p t='${raw}'>1</p></i><i/></r>`, { recordPath: 'r/i' });
    expect(tableToRows(nested.table)).toEqual([
      [value, '1'],
      [null, null],
    ]);
  });

  it('keeps CRLF as LF and `&#13;` as CR in element text', async () => {
    const { table } = await readXml('<r><i><n>a\r\nb&#13;&#10;c\rd</n></i></r>', {});
    expect(tableToRows(table)).toEqual([['a\nb\r\nc\nd']]);
  });

  it('finds records that start after the first megabyte', async () => {
    const header = `<header>${'<note>padding</note>'.repeat(60_000)}</header>`;
    const items = Array.from({ length: 3 }, (_, i) => `<item><id>${i}</id></item>`).join('');
    const { meta, table } = await readXml(`<root>${header}<items>${items}</items></root>`, {});
    expect(meta.recordPath).toBe('root/items/item');
    expect(table.rowCount).toBe(3);
  });
});

describe('readXml: elements with attributes', () => {
  // An element's own text is a column unless the element has child elements (then only text
  // that is more than whitespace) or attributes and no text at all (then it is there for its
  // attributes, as the XML writer writes a lone `a.@t` column): see xml-records.ts.
  const cases: { name: string; field: string; columns: string[]; row: Cell[] }[] = [
    { name: 'attributes and text', field: '<phone type="w">123</phone>', columns: ['phone.@type', 'phone'], row: ['w', '123'] },
    { name: 'attributes, self-closing', field: '<phone type="w"/>', columns: ['phone.@type'], row: ['w'] },
    { name: 'attributes, empty element', field: '<phone type="w"></phone>', columns: ['phone.@type'], row: ['w'] },
    { name: 'attributes, a comment only', field: '<phone type="w"><!-- none --></phone>', columns: ['phone.@type'], row: ['w'] },
    { name: 'attributes, empty CDATA', field: '<phone type="w"><![CDATA[]]></phone>', columns: ['phone.@type'], row: ['w'] },
    { name: 'attributes, whitespace text is text', field: '<phone type="w"> </phone>', columns: ['phone.@type', 'phone'], row: ['w', ' '] },
    { name: 'attributes, a reference', field: '<phone type="w">&#32;</phone>', columns: ['phone.@type', 'phone'], row: ['w', ' '] },
    { name: 'no attributes, self-closing', field: '<phone/>', columns: ['phone'], row: [''] },
    { name: 'no attributes, empty element', field: '<phone></phone>', columns: ['phone'], row: [''] },
    { name: 'only a namespace declaration', field: '<phone xmlns="urn:x"/>', columns: ['phone'], row: [''] },
    { name: 'attributes and a child', field: '<a t="1">\n  <b>x</b>\n</a>', columns: ['a.@t', 'a.b'], row: ['1', 'x'] },
    { name: 'attributes, a child and text', field: '<a t="1">note<b>x</b></a>', columns: ['a.@t', 'a.b', 'a'], row: ['1', 'x', 'note'] },
    { name: 'nested attributes only', field: '<a t="1"><b u="2"/></a>', columns: ['a.@t', 'a.b.@u'], row: ['1', '2'] },
  ];

  it.each(cases)('$name: $field', async ({ field, columns, row }) => {
    const { table } = await readXml(`<r><i id="1">${field}</i><i id="2"/></r>`, {});
    expect(table.columns).toEqual(['@id', ...columns]);
    expect(tableToRows(table)).toEqual([
      ['1', ...row],
      ['2', ...columns.map(() => null)],
    ]);
  });

  it('decides per element, not per path', async () => {
    const xml = '<r><i><p t="w"/></i><i><p>5</p></i><i><p/></i><i><p t="h">6</p></i></r>';
    const { table } = await readXml(xml, { recordPath: 'r/i' });
    expect(table.columns).toEqual(['p.@t', 'p']);
    expect(tableToRows(table)).toEqual([
      ['w', null],
      [null, '5'],
      [null, ''],
      ['h', '6'],
    ]);
  });
});
