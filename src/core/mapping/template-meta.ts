import { FIELD_TYPES } from '../schema/schema-types';

/** Format marker of an exported template file. */
export const TEMPLATES_FORMAT = 'crm-porter/mapping-templates';

const str = { type: 'string' } as const;

/** One JSON Schema branch per transform kind, mirroring the `Transform` union. */
const TRANSFORMS = [
  { kind: 'trim', props: {} },
  { kind: 'collapse-spaces', props: {} },
  { kind: 'case', props: { to: { enum: ['lower', 'upper', 'title'] } } },
  {
    kind: 'split-name',
    props: { part: { enum: ['first', 'last'] }, order: { enum: ['western', 'chinese', 'auto'] } },
  },
  {
    kind: 'join',
    props: { columns: { type: 'array', items: { type: 'integer', minimum: 0 } }, separator: str },
  },
  { kind: 'default', props: { value: str } },
  { kind: 'value-map', props: { map: { type: 'object', additionalProperties: str } } },
  { kind: 'date', props: { order: { enum: ['DMY', 'MDY', 'YMD', 'auto'] } } },
  { kind: 'number', props: { decimal: { enum: ['.', ','] } } },
  { kind: 'phone', props: { country: { type: 'string', pattern: '^[A-Z]{2}$' } } },
  { kind: 'lowercase-email', props: {} },
] as const;

/**
 * What `importTemplates` accepts (JSON Schema draft 2020-12). Transforms are told apart by
 * `kind` with Ajv's `discriminator`, so an error points into the right branch. Precompiled
 * like the CRM schema validator (template-validator.generated.ts); avoid keywords that need
 * Ajv's runtime (`maxLength`, `uniqueItems`, `format`).
 */
export const TEMPLATES_META = {
  $id: 'https://crm-porter.local/meta/mapping-templates.json',
  type: 'object',
  required: ['format', 'version', 'templates'],
  properties: {
    format: { const: TEMPLATES_FORMAT },
    version: { const: 1 },
    templates: { type: 'array', items: { $ref: '#/$defs/template' } },
  },
  additionalProperties: false,
  $defs: {
    template: {
      type: 'object',
      required: ['id', 'name', 'object', 'columns', 'mapping'],
      properties: {
        id: { type: 'string', pattern: '^\\S' },
        name: { type: 'string', pattern: '\\S' },
        object: { type: 'string', pattern: '^\\S' },
        columns: { type: 'array', items: str },
        mapping: { type: 'object', additionalProperties: { $ref: '#/$defs/fieldMapping' } },
        lookups: { type: 'array', items: { $ref: '#/$defs/lookup' } },
        fields: { type: 'array', items: { $ref: '#/$defs/field' } },
        updatedAt: str,
      },
      additionalProperties: false,
    },
    field: {
      type: 'object',
      required: ['key', 'name', 'type'],
      properties: {
        key: { type: 'string', pattern: '^\\S' },
        name: str,
        type: { enum: FIELD_TYPES },
        required: { type: 'boolean' },
        options: { type: 'array', items: str },
      },
      additionalProperties: false,
    },
    lookup: {
      type: 'object',
      required: ['matchBy', 'matchField', 'lookupColumn', 'valueColumn', 'targetField', 'overwrite'],
      properties: {
        matchBy: { enum: ['company', 'domain', 'email'] },
        matchField: str,
        lookupColumn: str,
        valueColumn: str,
        targetField: str,
        overwrite: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    fieldMapping: {
      type: 'object',
      required: ['field', 'transforms'],
      properties: {
        field: { type: ['string', 'null'] },
        custom: { type: 'boolean' },
        transforms: { type: 'array', items: { $ref: '#/$defs/transform' } },
      },
      additionalProperties: false,
    },
    transform: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string' } },
      discriminator: { propertyName: 'kind' },
      oneOf: TRANSFORMS.map(({ kind, props }) => ({
        properties: { kind: { const: kind }, ...props },
        required: ['kind', ...Object.keys(props)],
        additionalProperties: false,
      })),
    },
  },
} as const;
