import { describe, expect, it } from 'vitest';
import type { MappingTemplate } from '../../../../src/core/mapping/mapping-types';
import { exportTemplates, importTemplates } from '../../../../src/core/mapping/template-io';
import { mergeImportedTemplates } from '../../../../src/core/mapping/template-merge';
import { sameTemplateName } from '../../../../src/core/mapping/template-name';
import {
  applyTemplate,
  createTemplate,
  matchTemplate,
  missingMappedColumns,
} from '../../../../src/core/mapping/template-match';
import { PorterError } from '../../../../src/core/model/porter-error';

const hubspot: MappingTemplate = createTemplate({
  id: 't-hubspot',
  name: 'HubSpot contacts',
  object: 'contact',
  columns: ['First Name', 'Last Name', 'Email', 'Phone Number', 'Street', 'House no.'],
  mappings: [
    { field: 'first_name', transforms: [{ kind: 'trim' }] },
    { field: 'last_name', transforms: [{ kind: 'case', to: 'title' }] },
    { field: 'email', transforms: [{ kind: 'lowercase-email' }] },
    { field: 'phone', transforms: [{ kind: 'phone', country: 'DE' }] },
    { field: 'street', transforms: [{ kind: 'join', columns: [4, 5], separator: ' ' }] },
    { field: null, transforms: [] },
  ],
  updatedAt: '2024-05-01T10:00:00.000Z',
});

describe('matchTemplate', () => {
  it('is exact for the same headers in any order and spelling', () => {
    const m = matchTemplate(hubspot, [
      'E-Mail',
      'first_name',
      'LAST NAME',
      'phone number',
      'House No',
      'street',
    ]);
    expect(m).toEqual({ kind: 'exact', missing: [], added: [], score: 1 });
  });

  it('is partial when most headers match, naming what is new and what is missing', () => {
    const m = matchTemplate(hubspot, ['First Name', 'Last Name', 'Email', 'Phone Number', 'Fax']);
    expect(m).toEqual({
      kind: 'partial',
      missing: ['Street', 'House no.'],
      added: ['Fax'],
      score: 0.571,
    });
  });

  it('is none when little matches', () => {
    expect(matchTemplate(hubspot, ['Email', 'a', 'b', 'c', 'd']).kind).toBe('none');
  });
});

describe('applyTemplate', () => {
  it('maps by header, moves join columns to their new positions, leaves unknown columns unmapped', () => {
    const got = applyTemplate(hubspot, ['House no.', 'Fax', 'street', 'EMAIL']);
    expect(got).toEqual([
      { column: 0, field: null, transforms: [], origin: 'template' },
      { column: 1, field: null, transforms: [], origin: 'unmapped' },
      {
        column: 2,
        field: 'street',
        transforms: [{ kind: 'join', columns: [2, 0], separator: ' ' }],
        origin: 'template',
      },
      { column: 3, field: 'email', transforms: [{ kind: 'lowercase-email' }], origin: 'template' },
    ]);
  });

  it('drops a joined column the file lacks', () => {
    const street = applyTemplate(hubspot, ['Street']);
    expect(street[0]?.transforms).toEqual([{ kind: 'join', columns: [0], separator: ' ' }]);
  });

  it('treats a header named __proto__ as data', () => {
    const t = createTemplate({
      id: 'p',
      name: 'proto',
      object: 'contact',
      columns: ['__proto__', 'constructor'],
      mappings: [
        { field: 'notes', transforms: [] },
        { field: 'title', transforms: [] },
      ],
    });
    expect(Object.getPrototypeOf(t.mapping)).toBe(Object.prototype);
    const back = importTemplates(exportTemplates([t]));
    expect(back).toEqual([t]);
    expect(
      applyTemplate(back[0] as MappingTemplate, ['constructor', '__proto__']).map((m) => m.field),
    ).toEqual(['title', 'notes']);
    expect(({} as Record<string, unknown>)['field']).toBeUndefined();
  });
});

describe('missingMappedColumns', () => {
  it('names the mapped columns a file lacks, by normalised header, with the field each feeds', () => {
    expect(missingMappedColumns(hubspot, ['first_name', 'LAST NAME', 'E-Mail', 'phone number', 'Street', 'House No'])).toEqual([]);
    expect(missingMappedColumns(hubspot, ['First Name', 'Fax'])).toEqual([
      { column: 'Last Name', field: 'last_name' },
      { column: 'Email', field: 'email' },
      { column: 'Phone Number', field: 'phone' },
      { column: 'Street', field: 'street' },
      // Unmapped itself, but joined into Street: without it the street loses its house number.
      { column: 'House no.', field: 'street' },
    ]);
  });

  it('leaves out a missing column the template does not map', () => {
    const t = createTemplate({
      id: 't',
      name: 't',
      object: 'contact',
      columns: ['Email', 'Notes'],
      mappings: [
        { field: 'email', transforms: [] },
        { field: null, transforms: [] },
      ],
    });
    expect(missingMappedColumns(t, ['Email'])).toEqual([]);
  });
});

describe('exportTemplates / importTemplates', () => {
  it('round-trips', () => {
    const text = exportTemplates([hubspot, { ...hubspot, id: 't2', name: 'Copy' }]);
    expect(importTemplates(text)).toEqual([hubspot, { ...hubspot, id: 't2', name: 'Copy' }]);
  });

  const valid = JSON.parse(exportTemplates([hubspot])) as { templates: Record<string, unknown>[] };
  const withTemplate = (patch: Record<string, unknown>): string =>
    JSON.stringify({ ...valid, templates: [{ ...valid.templates[0], ...patch }] });

  it.each([
    ['not JSON', '{"format":', '$'],
    [
      'another file',
      JSON.stringify({ format: 'something-else', version: 1, templates: [] }),
      '$.format',
    ],
    ['missing name', withTemplate({ name: undefined }), '$.templates[0].name'],
    ['blank name', withTemplate({ name: '  ' }), '$.templates[0].name'],
    [
      'unknown transform',
      withTemplate({ mapping: { Email: { field: 'email', transforms: [{ kind: 'shout' }] } } }),
      '$.templates[0].mapping.Email.transforms[0].kind',
    ],
    [
      'bad case option',
      withTemplate({
        mapping: { Email: { field: 'email', transforms: [{ kind: 'case', to: 'camel' }] } },
      }),
      '$.templates[0].mapping.Email.transforms[0].to',
    ],
    [
      'bad country',
      withTemplate({
        mapping: { Email: { field: 'email', transforms: [{ kind: 'phone', country: 'germany' }] } },
      }),
      '$.templates[0].mapping.Email.transforms[0].country',
    ],
    [
      'field not a string',
      withTemplate({ mapping: { Email: { field: 3, transforms: [] } } }),
      '$.templates[0].mapping.Email.field',
    ],
    [
      'header not in columns',
      withTemplate({ mapping: { 'Fax no': { field: null, transforms: [] } } }),
      '$.templates[0].mapping["Fax no"]',
    ],
    [
      'join out of range',
      withTemplate({
        mapping: {
          Email: { field: 'email', transforms: [{ kind: 'join', columns: [0, 9], separator: '' }] },
        },
      }),
      '$.templates[0].mapping.Email.transforms[0].columns[1]',
    ],
    [
      'duplicate id',
      JSON.stringify({ ...valid, templates: [valid.templates[0], valid.templates[0]] }),
      '$.templates[1].id',
    ],
  ])('refuses %s at %s', (_name, text, path) => {
    let caught: unknown;
    try {
      importTemplates(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PorterError);
    expect((caught as PorterError).code).toBe('template-invalid');
    expect((caught as PorterError).details.path).toBe(path);
    expect(typeof (caught as PorterError).details['reason']).toBe('string');
  });
});

/** Ids for templates kept beside a stored one: new-1, new-2… */
function ids(): () => string {
  let n = 0;
  return () => `new-${++n}`;
}

describe('mergeImportedTemplates', () => {
  const changed: MappingTemplate = { ...hubspot, columns: [...hubspot.columns], updatedAt: '2024-06-01T10:00:00.000Z' };
  const other = createTemplate({ id: 't-other', name: 'Zoho leads', object: 'contact', columns: ['Email'], mappings: [{ field: 'email', transforms: [] }] });

  it('never replaces a stored template: a changed one with its id and name is kept beside it, renamed', () => {
    // Before: put() by id replaced the stored "HubSpot contacts" without a word.
    const m = mergeImportedTemplates([hubspot], [changed, other], ids());
    expect(m.add).toEqual([{ ...changed, id: 'new-1', name: 'HubSpot contacts (2)' }, other]);
    expect(m.renamed).toEqual([{ from: 'HubSpot contacts', name: 'HubSpot contacts (2)' }]);
    expect(m.unchanged).toEqual([]);
  });

  it('skips one identical to the stored template of its id, whatever its key order', () => {
    const again = importTemplates(exportTemplates([hubspot]))[0] as MappingTemplate;
    const reordered = Object.fromEntries(Object.entries(again).toReversed()) as unknown as MappingTemplate;
    const m = mergeImportedTemplates([hubspot], [reordered, other], ids());
    expect(m.add).toEqual([other]);
    expect(m.unchanged).toEqual(['HubSpot contacts']);
    expect(m.renamed).toEqual([]);
  });

  it('gives a new id to one whose id is stored under another name, and keeps its name', () => {
    const renamedHere = { ...hubspot, name: 'HubSpot (mine)' };
    const m = mergeImportedTemplates([renamedHere], [hubspot], ids());
    expect(m.add).toEqual([{ ...hubspot, id: 'new-1' }]);
    expect(m.renamed).toEqual([]);
  });

  it('renames one whose name a stored template has (any case, spaces around), to the first free number', () => {
    const stored = [hubspot, { ...other, id: 'x', name: 'HubSpot contacts (2)' }];
    const clash = { ...other, id: 'y', name: ' hubspot CONTACTS ' };
    const twice = { ...other, id: 'z', name: 'HubSpot contacts' };
    const m = mergeImportedTemplates(stored, [clash, twice], ids());
    expect(m.add.map((t) => [t.id, t.name])).toEqual([
      ['y', 'hubspot CONTACTS (3)'],
      ['z', 'HubSpot contacts (4)'],
    ]);
    expect(m.renamed.map((r) => r.name)).toEqual(['hubspot CONTACTS (3)', 'HubSpot contacts (4)']);
  });

  it('adds new templates as they are', () => {
    expect(mergeImportedTemplates([], [hubspot, other], ids())).toEqual({ add: [hubspot, other], unchanged: [], renamed: [] });
  });
});

describe('sameTemplateName', () => {
  it('folds case, spaces around and Unicode forms', () => {
    expect(sameTemplateName('Fair', ' fair ')).toBe(true);
    expect(sameTemplateName('Caf\u00e9', 'Cafe\u0301')).toBe(true);
    expect(sameTemplateName('Fair', 'Fair 2')).toBe(false);
  });
});
