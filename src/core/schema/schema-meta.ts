import { FIELD_TYPES } from './schema-types';

/** Field and object keys we accept: letters, digits, `_` and `-` in any script, ≤ 100 chars. */
export const KEY_PATTERN = '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$';

/** The extension keyword that carries what JSON Schema has no word for. */
export const EXTENSION = 'x-crm-porter';

/** Names that are JavaScript object plumbing; refused as field keys (docs/design.md, "Privacy and safety"). */
export const RESERVED_NAMES = ['__proto__', 'constructor', 'prototype'];

/**
 * What `importJsonSchema` accepts, as a JSON Schema (draft 2020-12): an object schema whose
 * properties are the fields, with our `x-crm-porter` extension optional everywhere, so a plain
 * hand-written schema loads too. It avoids keywords whose compiled code needs Ajv's runtime
 * (`maxLength`, `uniqueItems`, `format`), because the validator is precompiled (see
 * crm-schema-validator.generated.ts) and must be self-contained.
 */
export const CRM_SCHEMA_META = {
  $id: 'https://crm-porter.local/meta/crm-object.json',
  type: 'object',
  required: ['properties'],
  properties: {
    $schema: { type: 'string' },
    title: { type: 'string' },
    type: { const: 'object' },
    required: { type: 'array', items: { type: 'string' } },
    properties: {
      type: 'object',
      propertyNames: { pattern: KEY_PATTERN, not: { enum: RESERVED_NAMES } },
      additionalProperties: { $ref: '#/$defs/field' },
    },
    [EXTENSION]: { $ref: '#/$defs/objectExtension' },
  },
  $defs: {
    label: {
      type: 'object',
      required: ['en', 'zh-CN'],
      properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
      additionalProperties: false,
    },
    strings: { type: 'array', items: { type: 'string' } },
    field: {
      type: 'object',
      properties: {
        type: { enum: ['string', 'number', 'integer', 'boolean'] },
        title: { type: 'string' },
        format: { type: 'string' },
        enum: { type: 'array', items: { type: 'string' } },
        maxLength: { type: 'integer', minimum: 1 },
        [EXTENSION]: { $ref: '#/$defs/fieldExtension' },
      },
    },
    fieldExtension: {
      type: 'object',
      properties: {
        type: { enum: FIELD_TYPES },
        label: { $ref: '#/$defs/label' },
        synonyms: { $ref: '#/$defs/strings' },
        unique: { type: 'boolean' },
        allowMerge: { type: 'boolean' },
        custom: { type: 'boolean' },
        options: { type: 'array', items: { $ref: '#/$defs/option' } },
      },
      additionalProperties: false,
    },
    option: {
      type: 'object',
      required: ['value', 'label'],
      properties: {
        value: { type: 'string' },
        label: { $ref: '#/$defs/label' },
        synonyms: { $ref: '#/$defs/strings' },
      },
      additionalProperties: false,
    },
    objectExtension: {
      type: 'object',
      required: ['version'],
      properties: {
        version: { const: 1 },
        key: { type: 'string', pattern: KEY_PATTERN },
        label: { $ref: '#/$defs/label' },
        order: { $ref: '#/$defs/strings' },
      },
      additionalProperties: false,
    },
  },
} as const;
