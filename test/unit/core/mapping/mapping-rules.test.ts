import { describe, expect, it } from 'vitest';
import { planFields } from '../../../../src/core/engine/mapped-columns';
import { mappingFromTemplate, missingRequired, templateMatches, withTemplateFields } from '../../../../src/core/mapping/mapping-rules';
import type { ColumnMapping, MappingTemplate } from '../../../../src/core/mapping/mapping-types';
import { exportTemplates, importTemplates } from '../../../../src/core/mapping/template-io';
import { applyTemplate, createTemplate } from '../../../../src/core/mapping/template-match';
import { COMPANY_OBJECT } from '../../../../src/core/schema/company-object';
import { addCustomField } from '../../../../src/core/schema/custom-field';
import type { CrmObject } from '../../../../src/core/schema/schema-types';

const column = (index: number, field: string | null): ColumnMapping => ({
  column: index,
  field,
  transforms: [],
  origin: 'unmapped',
});

/** An object with two required fields (one of them custom) and one optional. */
const lead: CrmObject = [
  { name: 'Email', type: 'email' as const, required: true },
  { name: 'Region', type: 'text' as const },
  { name: 'Owner', type: 'text' as const, required: true },
].reduce<CrmObject>((o, input) => addCustomField(o, input), {
  key: 'lead',
  label: { en: 'Lead', 'zh-CN': '线索' },
  fields: [],
});

describe('missingRequired', () => {
  it('lists every required field no column feeds, in field order', () => {
    expect(missingRequired(lead, [])).toEqual(['email', 'owner']);
    expect(missingRequired(lead, [column(0, 'region'), column(1, null)])).toEqual(['email', 'owner']);
    expect(missingRequired(lead, [column(0, 'owner')])).toEqual(['email']);
  });

  it('is empty once each required field is fed, whichever column feeds it', () => {
    expect(missingRequired(lead, [column(5, 'owner'), column(2, 'email')])).toEqual([]);
    // Two columns on one field still feed it once; a field outside the object changes nothing.
    expect(missingRequired(lead, [column(0, 'email'), column(1, 'email'), column(2, 'owner'), column(3, 'fax')])).toEqual([]);
  });

  it("asks for a built-in object's required fields (a company needs its name)", () => {
    expect(missingRequired(COMPANY_OBJECT, [column(0, 'domain')])).toEqual(['name']);
    expect(missingRequired(COMPANY_OBJECT, [column(0, 'name')])).toEqual([]);
  });
});

describe('withTemplateFields', () => {
  it('adds a text field for each target the object lacks, keyed as the template said', () => {
    const out = withTemplateFields(lead, [column(0, 'email'), column(1, 'vip_level'), column(2, null), column(3, 'tier')]);
    expect(out.fields.map((f) => f.key)).toEqual(['email', 'region', 'owner', 'vip_level', 'tier']);
    const added = out.fields.slice(3);
    expect(added.map((f) => [f.type, f.custom, f.required ?? false])).toEqual([
      ['text', true, false],
      ['text', true, false],
    ]);
    // The input is left as it was.
    expect(lead.fields).toHaveLength(3);
  });

  it('adds a field once when several columns target it, and nothing when nothing is missing', () => {
    const out = withTemplateFields(lead, [column(0, 'tier'), column(1, 'tier')]);
    expect(out.fields.filter((f) => f.key === 'tier')).toHaveLength(1);
    expect(withTemplateFields(lead, [column(0, 'owner'), column(1, null)])).toBe(lead);
  });

  it('brings a custom field back as it was defined when the template carries it, in a browser that lacks it', () => {
    // Saved where the user had added a required picklist "VIP level"; applied after the
    // templates file was imported into a fresh browser: a text field lost the options, so
    // "GOLD" was exported as typed instead of as the option "gold".
    const saved = addCustomField(lead, { name: 'VIP level', type: 'picklist', required: true, options: ['gold', 'silver'] });
    const t = createTemplate({
      id: 't',
      name: 't',
      object: 'lead',
      columns: ['Mail', 'VIP'],
      mappings: [{ field: 'email', transforms: [] }, { field: 'vip_level', transforms: [] }],
      fields: saved.fields,
    });
    const imported = importTemplates(exportTemplates([t]))[0];
    const out = withTemplateFields(lead, applyTemplate(imported!, ['vip', 'MAIL']), imported?.fields);
    expect(out.fields.at(-1)).toEqual(saved.fields.at(-1));
    // Only the custom fields the mapping targets travel: not Region and Owner.
    expect(imported?.fields?.map((f) => f.key)).toEqual(['email', 'vip_level']);
    // A key the form could not make, from a hand-edited file, is not taken as it stands.
    const odd = withTemplateFields(lead, [column(0, '__proto__')], [{ key: '__proto__', name: 'x', type: 'number' }]);
    expect(odd.fields.at(-1)).toMatchObject({ key: 'proto', type: 'text' });
  });
});

/** The keys the mapped data gets, as the engine names them (custom columns from their header). */
const written = (m: { object: CrmObject; columns: ColumnMapping[] }, headers: string[]) =>
  planFields({ object: m.object, columns: m.columns, defaultCountry: 'GB' }, headers).fields.map((f) => f.def.key);

describe('mappingFromTemplate', () => {
  const t = createTemplate({
    id: 't',
    name: 't',
    object: 'lead',
    columns: ['Meeting Notes', 'Source', 'Email'],
    mappings: [{ field: null, custom: true, transforms: [{ kind: 'trim' }] }, { field: null, custom: true, transforms: [] }, { field: 'email', transforms: [] }],
  });

  it("names a kept column after the template's header when the file spells it into another key", () => {
    // `MeetingNotes` pairs with `Meeting Notes` but made the key `meetingnotes`: another field.
    const headers = ['EMAIL', 'MeetingNotes', 'source '];
    const out = mappingFromTemplate(lead, t, headers);
    expect(out.columns.map((c) => [c.field, c.custom ?? false])).toEqual([
      ['email', false],
      ['meeting_notes', false],
      [null, true],
    ]);
    expect(out.columns[1]?.transforms).toEqual([{ kind: 'trim' }]);
    expect(out.object.fields.at(-1)).toMatchObject({ key: 'meeting_notes', label: { en: 'Meeting Notes' }, type: 'text', custom: true });
    expect(written(out, headers)).toEqual(['email', 'meeting_notes', 'source']);
    expect(written(mappingFromTemplate(lead, t, ['Meeting Notes', 'Source', 'Email']), ['Meeting Notes', 'Source', 'Email'])).toEqual(['email', 'meeting_notes', 'source']);
  });

  it('leaves the mapping and the object alone when the headers give the same keys', () => {
    const headers = ['meeting notes', 'SOURCE', 'Email'];
    const out = mappingFromTemplate(lead, t, headers);
    expect(out.columns).toEqual(applyTemplate(t, headers));
    expect(out.object).toBe(lead);
  });

  it('applied again, or to the next file, takes the field it added before, not a second one', () => {
    // The page keeps the object: the template applied twice, then a file spelling it as saved.
    const first = mappingFromTemplate(lead, t, ['MeetingNotes', 'Email']);
    const again = mappingFromTemplate(first.object, t, ['MeetingNotes', 'Email']);
    expect(again.columns[0]?.field).toBe('meeting_notes');
    expect(again.object.fields.filter((f) => f.key.startsWith('meeting'))).toHaveLength(1);
    const next = mappingFromTemplate(again.object, t, ['Meeting Notes', 'Email']);
    expect(written(next, ['Meeting Notes', 'Email'])).toEqual(['email', 'meeting_notes']);
  });

  it('does not take a field of that key that another column already feeds', () => {
    const object = addCustomField(lead, { name: 'Meeting notes', type: 'text' });
    const fed = createTemplate({
      id: 'f',
      name: 'f',
      object: 'lead',
      columns: ['Notes', 'Meeting Notes'],
      mappings: [{ field: 'meeting_notes', transforms: [] }, { field: null, custom: true, transforms: [] }],
    });
    const out = mappingFromTemplate(object, fed, ['notes', 'MeetingNotes']);
    expect(out.columns.map((c) => c.field)).toEqual(['meeting_notes', 'meeting_notes_2']);
  });
});

const template = (id: string, columns: string[]): MappingTemplate =>
  createTemplate({
    id,
    name: id,
    object: 'lead',
    columns,
    mappings: columns.map(() => ({ field: null, transforms: [] })),
  });

describe('templateMatches', () => {
  const exact = template('exact', ['Email', 'Owner']);
  const half = template('half', ['Email', 'Owner', 'Fax', 'Region']); // 2 shared of 4
  const unrelated = template('unrelated', ['SKU', 'Price']);

  it('offers exact and partial matches, best first, and never an unrelated template', () => {
    const found = templateMatches([half, unrelated, exact], ['E-Mail', 'owner']);
    expect(found.map((f) => [f.template.id, f.match.kind, f.match.score])).toEqual([
      ['exact', 'exact', 1],
      ['half', 'partial', 0.5],
    ]);
    expect(found[1]?.match.missing).toEqual(['Fax', 'Region']);
  });

  it('is empty when no template fits', () => {
    expect(templateMatches([unrelated], ['Email', 'Owner'])).toEqual([]);
    expect(templateMatches([], ['Email'])).toEqual([]);
  });
});
