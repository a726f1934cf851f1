import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../../../src/core/mapping/normalize-header';
import { PorterError } from '../../../../src/core/model/porter-error';
import { BUILTIN_OBJECTS, findField } from '../../../../src/core/schema/builtin-objects';
import { CONTACT_OBJECT } from '../../../../src/core/schema/contact-object';
import { addCustomField, safeFieldKey } from '../../../../src/core/schema/custom-field';
import { exportJsonSchema } from '../../../../src/core/schema/json-schema-export';
import { importJsonSchema } from '../../../../src/core/schema/json-schema-import';
import { FIELD_TYPES, type CrmObject } from '../../../../src/core/schema/schema-types';
import { propertyConfig } from '../../../support/seeded';

describe('built-in objects', () => {
  it.each(BUILTIN_OBJECTS.map((o) => [o.key, o] as const))(
    '%s: keys unique, picklists have options',
    (_k, o) => {
      const keys = o.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const f of o.fields) {
        expect(f.type === 'picklist', f.key).toBe(f.options !== undefined && f.options.length > 0);
        expect(f.label.en, f.key).not.toBe('');
        expect(f.label['zh-CN'], f.key).not.toBe('');
      }
    },
  );

  it.each(BUILTIN_OBJECTS.map((o) => [o.key, o] as const))(
    '%s: no name means two fields',
    (_k, o) => {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const f of o.fields) {
        const names = new Set(
          [f.key, f.label.en, f.label['zh-CN'], ...f.synonyms].map((n) =>
            normalizeHeader(n).replaceAll(' ', ''),
          ),
        );
        for (const n of names) {
          const other = owner.get(n);
          if (other !== undefined) clashes.push(`${n}: ${other} / ${f.key}`);
          owner.set(n, f.key);
        }
      }
      expect(clashes).toEqual([]);
    },
  );

  it('has the contact fields docs/design.md lists, with the synonyms it names', () => {
    const keys = CONTACT_OBJECT.fields.map((f) => f.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'first_name',
        'last_name',
        'full_name',
        'email',
        'phone',
        'mobile',
        'title',
        'company',
        'street',
        'city',
        'region',
        'postal_code',
        'country',
        'owner',
        'lifecycle_stage',
        'lead_source',
        'created_at',
        'notes',
        'external_id',
      ]),
    );
    expect(findField(CONTACT_OBJECT, 'email')?.synonyms).toEqual(
      expect.arrayContaining(['e-mail', 'email address', '邮箱', '电子邮件']),
    );
    expect(findField(CONTACT_OBJECT, 'mobile')?.synonyms).toEqual(
      expect.arrayContaining(['手机', '手机号', 'handy']),
    );
    expect(findField(CONTACT_OBJECT, 'lifecycle_stage')?.options?.map((o) => o.value)).toEqual([
      'subscriber',
      'lead',
      'mql',
      'sql',
      'opportunity',
      'customer',
      'evangelist',
      'other',
    ]);
  });
});

describe('addCustomField', () => {
  it.each([
    ['VIP level', 'vip_level'],
    ['Größe (cm)', 'grosse_cm'],
    ['客户等级', '客户等级'],
    ['2nd email', 'custom_2nd_email'],
    ['__proto__', 'proto'],
    ['constructor', 'custom_constructor'],
    ['!!!', 'custom'],
  ])('%j → key %j', (name, key) => {
    expect(safeFieldKey(name)).toBe(key);
  });

  it('returns a new object, leaves the old one alone, and keeps keys unique', () => {
    const a = addCustomField(CONTACT_OBJECT, { name: 'Email', type: 'email', required: true });
    const b = addCustomField(a, { name: 'email', type: 'text' });
    expect(CONTACT_OBJECT.fields.some((f) => f.custom === true)).toBe(false);
    expect(a.fields.at(-1)).toEqual({
      key: 'email_2',
      label: { en: 'Email', 'zh-CN': 'Email' },
      type: 'email',
      required: true,
      synonyms: [],
      custom: true,
    });
    expect(b.fields.at(-1)?.key).toBe('email_3');
    expect(a.fields.length).toBe(CONTACT_OBJECT.fields.length + 1);
  });

  it('gives picklists their options, deduplicated', () => {
    const o = addCustomField(CONTACT_OBJECT, {
      name: 'Tier',
      type: 'picklist',
      options: ['gold', ' gold', 'silver', ''],
    });
    expect(o.fields.at(-1)?.options?.map((x) => x.value)).toEqual(['gold', 'silver']);
  });
});

describe('JSON Schema export and import', () => {
  it.each(BUILTIN_OBJECTS.map((o) => [o.key, o] as const))(
    '%s round-trips through JSON text',
    (_k, o) => {
      const text = JSON.stringify(exportJsonSchema(o));
      expect(importJsonSchema(JSON.parse(text))).toEqual(o);
    },
  );

  it('writes standard keywords other tools understand', () => {
    const s = exportJsonSchema(CONTACT_OBJECT);
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.properties['email']).toMatchObject({
      type: 'string',
      format: 'email',
      maxLength: 254,
    });
    expect(s.properties['email']?.['x-crm-porter']).toMatchObject({
      unique: true,
      label: { 'zh-CN': '邮箱' },
    });
    expect(s.properties['lifecycle_stage']?.enum).toContain('mql');
    expect(s.properties['created_at']?.format).toBe('date-time');
  });

  it('round-trips any custom fields (property)', () => {
    const input = fc.record({
      name: fc.string({ maxLength: 30 }),
      type: fc.constantFrom(...FIELD_TYPES),
      required: fc.boolean(),
      options: fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(input, { maxLength: 8 }), (inputs) => {
        const object = inputs.reduce<CrmObject>((o, i) => addCustomField(o, i), {
          key: 'lead',
          label: { en: 'Lead', 'zh-CN': '线索' },
          fields: [],
        });
        const back = importJsonSchema(JSON.parse(JSON.stringify(exportJsonSchema(object))));
        expect(back).toEqual(object);
      }),
      propertyConfig(),
    );
  });

  it('keeps field order even for keys JSON objects reorder', () => {
    const object: CrmObject = {
      key: 'x',
      label: { en: 'X', 'zh-CN': 'X' },
      fields: [
        { key: 'b', label: { en: 'B', 'zh-CN': 'B' }, type: 'text', synonyms: [] },
        { key: '10', label: { en: 'Ten', 'zh-CN': '十' }, type: 'number', synonyms: [] },
      ],
    };
    expect(
      importJsonSchema(JSON.parse(JSON.stringify(exportJsonSchema(object)))).fields.map(
        (f) => f.key,
      ),
    ).toEqual(['b', '10']);
  });

  it('reads a plain hand-written JSON Schema', () => {
    const o = importJsonSchema({
      title: 'Partner',
      type: 'object',
      required: ['email'],
      properties: {
        email: { type: 'string', format: 'email' },
        tier: { type: 'string', enum: ['gold', 'silver'] },
        size: { type: 'integer' },
        since: { type: 'string', format: 'date' },
        site: { type: 'string', format: 'uri', title: 'Website' },
      },
    });
    expect(o.key).toBe('partner');
    expect(o.fields.map((f) => [f.key, f.type])).toEqual([
      ['email', 'email'],
      ['tier', 'picklist'],
      ['size', 'number'],
      ['since', 'date'],
      ['site', 'url'],
    ]);
    expect(o.fields[0]?.required).toBe(true);
    expect(o.fields[4]?.label.en).toBe('Website');
  });

  const good = exportJsonSchema(CONTACT_OBJECT);
  const patchField = (key: string, patch: Record<string, unknown>): unknown => ({
    ...good,
    properties: { ...good.properties, [key]: { ...good.properties[key], ...patch } },
  });

  it.each([
    ['not an object', 42, '$'],
    ['no properties', { type: 'object' }, '$.properties'],
    ['bad JSON type', patchField('email', { type: 'text' }), '$.properties.email.type'],
    [
      'bad field type',
      patchField('email', { 'x-crm-porter': { type: 'mail' } }),
      '$.properties.email.x-crm-porter.type',
    ],
    [
      'label without zh-CN',
      patchField('email', { 'x-crm-porter': { label: { en: 'E' } } }),
      '$.properties.email.x-crm-porter.label.zh-CN',
    ],
    [
      'unknown extension key',
      patchField('email', { 'x-crm-porter': { colour: 'red' } }),
      '$.properties.email.x-crm-porter.colour',
    ],
    ['maxLength zero', patchField('email', { maxLength: 0 }), '$.properties.email.maxLength'],
    [
      'reserved key',
      { properties: JSON.parse('{"__proto__": {"type": "string"}}') },
      '$.properties.__proto__',
    ],
    [
      'key with a space',
      { properties: { 'first name': { type: 'string' } } },
      '$.properties["first name"]',
    ],
    ['required names a stranger', { properties: { a: {} }, required: ['a', 'b'] }, '$.required[1]'],
    [
      'order incomplete',
      { ...good, 'x-crm-porter': { ...good['x-crm-porter'], order: ['email'] } },
      '$.x-crm-porter.order',
    ],
    [
      'enum differs from options',
      patchField('lifecycle_stage', { enum: ['lead'] }),
      '$.properties.lifecycle_stage.enum',
    ],
    [
      'options on a text field',
      patchField('city', { 'x-crm-porter': { type: 'text', options: [] } }),
      '$.properties.city.x-crm-porter.options',
    ],
  ])('refuses %s at %s', (_name, json, path) => {
    let caught: unknown;
    try {
      importJsonSchema(json);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PorterError);
    expect((caught as PorterError).code).toBe('schema-invalid');
    expect((caught as PorterError).details.path).toBe(path);
    expect(typeof (caught as PorterError).details['reason']).toBe('string');
  });
});
