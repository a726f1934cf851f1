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

  it('finds records that start after the first megabyte', async () => {
    const header = `<header>${'<note>padding</note>'.repeat(60_000)}</header>`;
    const items = Array.from({ length: 3 }, (_, i) => `<item><id>${i}</id></item>`).join('');
    const { meta, table } = await readXml(`<root>${header}<items>${items}</items></root>`, {});
    expect(meta.recordPath).toBe('root/items/item');
    expect(table.rowCount).toBe(3);
  });
});
