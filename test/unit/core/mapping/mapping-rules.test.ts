import { describe, expect, it } from 'vitest';
import { missingRequired, templateMatches, withTemplateFields } from '../../../../src/core/mapping/mapping-rules';
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
