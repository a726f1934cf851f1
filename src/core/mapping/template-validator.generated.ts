// @ts-nocheck
/* eslint-disable */
// Generated from TEMPLATES_META (template-meta.ts) by test/unit/core/schema/generated-validators.test.ts.
// Do not edit: run `UPDATE_VALIDATORS=1 npx vitest run test/unit/core/schema` instead.
'use strict';
export const validateTemplates = validate20;
const schema31 = {
  $id: 'https://crm-porter.local/meta/mapping-templates.json',
  type: 'object',
  required: ['format', 'version', 'templates'],
  properties: {
    format: { const: 'crm-porter/mapping-templates' },
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
        columns: { type: 'array', items: { type: 'string' } },
        mapping: { type: 'object', additionalProperties: { $ref: '#/$defs/fieldMapping' } },
        lookups: { type: 'array', items: { $ref: '#/$defs/lookup' } },
        fields: { type: 'array', items: { $ref: '#/$defs/field' } },
        updatedAt: { type: 'string' },
      },
      additionalProperties: false,
    },
    field: {
      type: 'object',
      required: ['key', 'name', 'type'],
      properties: {
        key: { type: 'string', pattern: '^\\S' },
        name: { type: 'string' },
        type: {
          enum: [
            'text',
            'email',
            'phone',
            'url',
            'number',
            'currency',
            'date',
            'datetime',
            'boolean',
            'picklist',
            'id',
          ],
        },
        required: { type: 'boolean' },
        options: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
    lookup: {
      type: 'object',
      required: [
        'matchBy',
        'matchField',
        'lookupColumn',
        'valueColumn',
        'targetField',
        'overwrite',
      ],
      properties: {
        matchBy: { enum: ['company', 'domain', 'email'] },
        matchField: { type: 'string' },
        lookupColumn: { type: 'string' },
        valueColumn: { type: 'string' },
        targetField: { type: 'string' },
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
      oneOf: [
        {
          properties: { kind: { const: 'trim' } },
          required: ['kind'],
          additionalProperties: false,
        },
        {
          properties: { kind: { const: 'collapse-spaces' } },
          required: ['kind'],
          additionalProperties: false,
        },
        {
          properties: { kind: { const: 'case' }, to: { enum: ['lower', 'upper', 'title'] } },
          required: ['kind', 'to'],
          additionalProperties: false,
        },
        {
          properties: {
            kind: { const: 'split-name' },
            part: { enum: ['first', 'last'] },
            order: { enum: ['western', 'chinese', 'auto'] },
          },
          required: ['kind', 'part', 'order'],
          additionalProperties: false,
        },
        {
          properties: {
            kind: { const: 'join' },
            columns: { type: 'array', items: { type: 'integer', minimum: 0 } },
            separator: { type: 'string' },
          },
          required: ['kind', 'columns', 'separator'],
          additionalProperties: false,
        },
        {
          properties: { kind: { const: 'default' }, value: { type: 'string' } },
          required: ['kind', 'value'],
          additionalProperties: false,
        },
        {
          properties: {
            kind: { const: 'value-map' },
            map: { type: 'object', additionalProperties: { type: 'string' } },
          },
          required: ['kind', 'map'],
          additionalProperties: false,
        },
        {
          properties: { kind: { const: 'date' }, order: { enum: ['DMY', 'MDY', 'YMD', 'auto'] } },
          required: ['kind', 'order'],
          additionalProperties: false,
        },
        {
          properties: { kind: { const: 'number' }, decimal: { enum: ['.', ','] } },
          required: ['kind', 'decimal'],
          additionalProperties: false,
        },
        {
          properties: {
            kind: { const: 'phone' },
            country: { type: 'string', pattern: '^[A-Z]{2}$' },
          },
          required: ['kind', 'country'],
          additionalProperties: false,
        },
        {
          properties: { kind: { const: 'lowercase-email' } },
          required: ['kind'],
          additionalProperties: false,
        },
      ],
    },
  },
};
const schema32 = {
  type: 'object',
  required: ['id', 'name', 'object', 'columns', 'mapping'],
  properties: {
    id: { type: 'string', pattern: '^\\S' },
    name: { type: 'string', pattern: '\\S' },
    object: { type: 'string', pattern: '^\\S' },
    columns: { type: 'array', items: { type: 'string' } },
    mapping: { type: 'object', additionalProperties: { $ref: '#/$defs/fieldMapping' } },
    lookups: { type: 'array', items: { $ref: '#/$defs/lookup' } },
    fields: { type: 'array', items: { $ref: '#/$defs/field' } },
    updatedAt: { type: 'string' },
  },
  additionalProperties: false,
};
const schema35 = {
  type: 'object',
  required: ['matchBy', 'matchField', 'lookupColumn', 'valueColumn', 'targetField', 'overwrite'],
  properties: {
    matchBy: { enum: ['company', 'domain', 'email'] },
    matchField: { type: 'string' },
    lookupColumn: { type: 'string' },
    valueColumn: { type: 'string' },
    targetField: { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  additionalProperties: false,
};
const schema36 = {
  type: 'object',
  required: ['key', 'name', 'type'],
  properties: {
    key: { type: 'string', pattern: '^\\S' },
    name: { type: 'string' },
    type: {
      enum: [
        'text',
        'email',
        'phone',
        'url',
        'number',
        'currency',
        'date',
        'datetime',
        'boolean',
        'picklist',
        'id',
      ],
    },
    required: { type: 'boolean' },
    options: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};
const pattern4 = new RegExp('^\\S', 'u');
const pattern5 = new RegExp('\\S', 'u');
const schema33 = {
  type: 'object',
  required: ['field', 'transforms'],
  properties: {
    field: { type: ['string', 'null'] },
    custom: { type: 'boolean' },
    transforms: { type: 'array', items: { $ref: '#/$defs/transform' } },
  },
  additionalProperties: false,
};
const schema34 = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string' } },
  discriminator: { propertyName: 'kind' },
  oneOf: [
    { properties: { kind: { const: 'trim' } }, required: ['kind'], additionalProperties: false },
    {
      properties: { kind: { const: 'collapse-spaces' } },
      required: ['kind'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'case' }, to: { enum: ['lower', 'upper', 'title'] } },
      required: ['kind', 'to'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'split-name' },
        part: { enum: ['first', 'last'] },
        order: { enum: ['western', 'chinese', 'auto'] },
      },
      required: ['kind', 'part', 'order'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'join' },
        columns: { type: 'array', items: { type: 'integer', minimum: 0 } },
        separator: { type: 'string' },
      },
      required: ['kind', 'columns', 'separator'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'default' }, value: { type: 'string' } },
      required: ['kind', 'value'],
      additionalProperties: false,
    },
    {
      properties: {
        kind: { const: 'value-map' },
        map: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['kind', 'map'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'date' }, order: { enum: ['DMY', 'MDY', 'YMD', 'auto'] } },
      required: ['kind', 'order'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'number' }, decimal: { enum: ['.', ','] } },
      required: ['kind', 'decimal'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'phone' }, country: { type: 'string', pattern: '^[A-Z]{2}$' } },
      required: ['kind', 'country'],
      additionalProperties: false,
    },
    {
      properties: { kind: { const: 'lowercase-email' } },
      required: ['kind'],
      additionalProperties: false,
    },
  ],
};
const pattern7 = new RegExp('^[A-Z]{2}$', 'u');

function validate22(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate22.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (errors === 0) {
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      let missing0;
      if (
        (data.field === undefined && (missing0 = 'field')) ||
        (data.transforms === undefined && (missing0 = 'transforms'))
      ) {
        validate22.errors = [
          {
            instancePath,
            schemaPath: '#/required',
            keyword: 'required',
            params: { missingProperty: missing0 },
            message: "must have required property '" + missing0 + "'",
          },
        ];
        return false;
      } else {
        const _errs1 = errors;
        for (const key0 in data) {
          if (!(key0 === 'field' || key0 === 'custom' || key0 === 'transforms')) {
            validate22.errors = [
              {
                instancePath,
                schemaPath: '#/additionalProperties',
                keyword: 'additionalProperties',
                params: { additionalProperty: key0 },
                message: 'must NOT have additional properties',
              },
            ];
            return false;
            break;
          }
        }
        if (_errs1 === errors) {
          if (data.field !== undefined) {
            let data0 = data.field;
            const _errs2 = errors;
            if (typeof data0 !== 'string' && data0 !== null) {
              validate22.errors = [
                {
                  instancePath: instancePath + '/field',
                  schemaPath: '#/properties/field/type',
                  keyword: 'type',
                  params: { type: schema33.properties.field.type },
                  message: 'must be string,null',
                },
              ];
              return false;
            }
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.custom !== undefined) {
              const _errs4 = errors;
              if (typeof data.custom !== 'boolean') {
                validate22.errors = [
                  {
                    instancePath: instancePath + '/custom',
                    schemaPath: '#/properties/custom/type',
                    keyword: 'type',
                    params: { type: 'boolean' },
                    message: 'must be boolean',
                  },
                ];
                return false;
              }
              var valid0 = _errs4 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.transforms !== undefined) {
                let data2 = data.transforms;
                const _errs6 = errors;
                if (errors === _errs6) {
                  if (Array.isArray(data2)) {
                    var valid1 = true;
                    const len0 = data2.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                      let data3 = data2[i0];
                      const _errs8 = errors;
                      const _errs9 = errors;
                      if (errors === _errs9) {
                        if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                          let missing1;
                          if (data3.kind === undefined && (missing1 = 'kind')) {
                            validate22.errors = [
                              {
                                instancePath: instancePath + '/transforms/' + i0,
                                schemaPath: '#/$defs/transform/required',
                                keyword: 'required',
                                params: { missingProperty: missing1 },
                                message: "must have required property '" + missing1 + "'",
                              },
                            ];
                            return false;
                          } else {
                            if (data3.kind !== undefined) {
                              const _errs12 = errors;
                              if (typeof data3.kind !== 'string') {
                                validate22.errors = [
                                  {
                                    instancePath: instancePath + '/transforms/' + i0 + '/kind',
                                    schemaPath: '#/$defs/transform/properties/kind/type',
                                    keyword: 'type',
                                    params: { type: 'string' },
                                    message: 'must be string',
                                  },
                                ];
                                return false;
                              }
                              var valid3 = _errs12 === errors;
                            } else {
                              var valid3 = true;
                            }
                            if (valid3) {
                              const tag0 = data3.kind;
                              if (typeof tag0 == 'string') {
                                if (tag0 === 'trim') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing2;
                                    if (data3.kind === undefined && (missing2 = 'kind')) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/0/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing2 },
                                          message: "must have required property '" + missing2 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs15 = errors;
                                      for (const key1 in data3) {
                                        if (!(key1 === 'kind')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/0/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key1 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs15 === errors) {
                                        if (data3.kind !== undefined) {
                                          if ('trim' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/0/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'trim' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  var props0 = true;
                                } else if (tag0 === 'collapse-spaces') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing3;
                                    if (data3.kind === undefined && (missing3 = 'kind')) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/1/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing3 },
                                          message: "must have required property '" + missing3 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs18 = errors;
                                      for (const key2 in data3) {
                                        if (!(key2 === 'kind')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/1/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key2 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs18 === errors) {
                                        if (data3.kind !== undefined) {
                                          if ('collapse-spaces' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/1/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'collapse-spaces' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'case') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing4;
                                    if (
                                      (data3.kind === undefined && (missing4 = 'kind')) ||
                                      (data3.to === undefined && (missing4 = 'to'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/2/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing4 },
                                          message: "must have required property '" + missing4 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs21 = errors;
                                      for (const key3 in data3) {
                                        if (!(key3 === 'kind' || key3 === 'to')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/2/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key3 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs21 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs22 = errors;
                                          if ('case' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/2/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'case' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid10 = _errs22 === errors;
                                        } else {
                                          var valid10 = true;
                                        }
                                        if (valid10) {
                                          if (data3.to !== undefined) {
                                            let data8 = data3.to;
                                            const _errs23 = errors;
                                            if (!(
                                              data8 === 'lower' ||
                                              data8 === 'upper' ||
                                              data8 === 'title'
                                            )) {
                                              validate22.errors = [
                                                {
                                                  instancePath:
                                                    instancePath + '/transforms/' + i0 + '/to',
                                                  schemaPath:
                                                    '#/$defs/transform/oneOf/2/properties/to/enum',
                                                  keyword: 'enum',
                                                  params: {
                                                    allowedValues:
                                                      schema34.oneOf[2].properties.to.enum,
                                                  },
                                                  message:
                                                    'must be equal to one of the allowed values',
                                                },
                                              ];
                                              return false;
                                            }
                                            var valid10 = _errs23 === errors;
                                          } else {
                                            var valid10 = true;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'split-name') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing5;
                                    if (
                                      (data3.kind === undefined && (missing5 = 'kind')) ||
                                      (data3.part === undefined && (missing5 = 'part')) ||
                                      (data3.order === undefined && (missing5 = 'order'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/3/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing5 },
                                          message: "must have required property '" + missing5 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs25 = errors;
                                      for (const key4 in data3) {
                                        if (!(
                                          key4 === 'kind' ||
                                          key4 === 'part' ||
                                          key4 === 'order'
                                        )) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/3/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key4 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs25 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs26 = errors;
                                          if ('split-name' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/3/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'split-name' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid12 = _errs26 === errors;
                                        } else {
                                          var valid12 = true;
                                        }
                                        if (valid12) {
                                          if (data3.part !== undefined) {
                                            let data10 = data3.part;
                                            const _errs27 = errors;
                                            if (!(data10 === 'first' || data10 === 'last')) {
                                              validate22.errors = [
                                                {
                                                  instancePath:
                                                    instancePath + '/transforms/' + i0 + '/part',
                                                  schemaPath:
                                                    '#/$defs/transform/oneOf/3/properties/part/enum',
                                                  keyword: 'enum',
                                                  params: {
                                                    allowedValues:
                                                      schema34.oneOf[3].properties.part.enum,
                                                  },
                                                  message:
                                                    'must be equal to one of the allowed values',
                                                },
                                              ];
                                              return false;
                                            }
                                            var valid12 = _errs27 === errors;
                                          } else {
                                            var valid12 = true;
                                          }
                                          if (valid12) {
                                            if (data3.order !== undefined) {
                                              let data11 = data3.order;
                                              const _errs28 = errors;
                                              if (!(
                                                data11 === 'western' ||
                                                data11 === 'chinese' ||
                                                data11 === 'auto'
                                              )) {
                                                validate22.errors = [
                                                  {
                                                    instancePath:
                                                      instancePath + '/transforms/' + i0 + '/order',
                                                    schemaPath:
                                                      '#/$defs/transform/oneOf/3/properties/order/enum',
                                                    keyword: 'enum',
                                                    params: {
                                                      allowedValues:
                                                        schema34.oneOf[3].properties.order.enum,
                                                    },
                                                    message:
                                                      'must be equal to one of the allowed values',
                                                  },
                                                ];
                                                return false;
                                              }
                                              var valid12 = _errs28 === errors;
                                            } else {
                                              var valid12 = true;
                                            }
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'join') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing6;
                                    if (
                                      (data3.kind === undefined && (missing6 = 'kind')) ||
                                      (data3.columns === undefined && (missing6 = 'columns')) ||
                                      (data3.separator === undefined && (missing6 = 'separator'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/4/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing6 },
                                          message: "must have required property '" + missing6 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs30 = errors;
                                      for (const key5 in data3) {
                                        if (!(
                                          key5 === 'kind' ||
                                          key5 === 'columns' ||
                                          key5 === 'separator'
                                        )) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/4/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key5 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs30 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs31 = errors;
                                          if ('join' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/4/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'join' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid14 = _errs31 === errors;
                                        } else {
                                          var valid14 = true;
                                        }
                                        if (valid14) {
                                          if (data3.columns !== undefined) {
                                            let data13 = data3.columns;
                                            const _errs32 = errors;
                                            if (errors === _errs32) {
                                              if (Array.isArray(data13)) {
                                                var valid15 = true;
                                                const len1 = data13.length;
                                                for (let i1 = 0; i1 < len1; i1++) {
                                                  let data14 = data13[i1];
                                                  const _errs34 = errors;
                                                  if (!(
                                                    typeof data14 == 'number' &&
                                                    !(data14 % 1) &&
                                                    !isNaN(data14) &&
                                                    isFinite(data14)
                                                  )) {
                                                    validate22.errors = [
                                                      {
                                                        instancePath:
                                                          instancePath +
                                                          '/transforms/' +
                                                          i0 +
                                                          '/columns/' +
                                                          i1,
                                                        schemaPath:
                                                          '#/$defs/transform/oneOf/4/properties/columns/items/type',
                                                        keyword: 'type',
                                                        params: { type: 'integer' },
                                                        message: 'must be integer',
                                                      },
                                                    ];
                                                    return false;
                                                  }
                                                  if (errors === _errs34) {
                                                    if (
                                                      typeof data14 == 'number' &&
                                                      isFinite(data14)
                                                    ) {
                                                      if (data14 < 0 || isNaN(data14)) {
                                                        validate22.errors = [
                                                          {
                                                            instancePath:
                                                              instancePath +
                                                              '/transforms/' +
                                                              i0 +
                                                              '/columns/' +
                                                              i1,
                                                            schemaPath:
                                                              '#/$defs/transform/oneOf/4/properties/columns/items/minimum',
                                                            keyword: 'minimum',
                                                            params: { comparison: '>=', limit: 0 },
                                                            message: 'must be >= 0',
                                                          },
                                                        ];
                                                        return false;
                                                      }
                                                    }
                                                  }
                                                  var valid15 = _errs34 === errors;
                                                  if (!valid15) {
                                                    break;
                                                  }
                                                }
                                              } else {
                                                validate22.errors = [
                                                  {
                                                    instancePath:
                                                      instancePath +
                                                      '/transforms/' +
                                                      i0 +
                                                      '/columns',
                                                    schemaPath:
                                                      '#/$defs/transform/oneOf/4/properties/columns/type',
                                                    keyword: 'type',
                                                    params: { type: 'array' },
                                                    message: 'must be array',
                                                  },
                                                ];
                                                return false;
                                              }
                                            }
                                            var valid14 = _errs32 === errors;
                                          } else {
                                            var valid14 = true;
                                          }
                                          if (valid14) {
                                            if (data3.separator !== undefined) {
                                              const _errs36 = errors;
                                              if (typeof data3.separator !== 'string') {
                                                validate22.errors = [
                                                  {
                                                    instancePath:
                                                      instancePath +
                                                      '/transforms/' +
                                                      i0 +
                                                      '/separator',
                                                    schemaPath:
                                                      '#/$defs/transform/oneOf/4/properties/separator/type',
                                                    keyword: 'type',
                                                    params: { type: 'string' },
                                                    message: 'must be string',
                                                  },
                                                ];
                                                return false;
                                              }
                                              var valid14 = _errs36 === errors;
                                            } else {
                                              var valid14 = true;
                                            }
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'default') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing7;
                                    if (
                                      (data3.kind === undefined && (missing7 = 'kind')) ||
                                      (data3.value === undefined && (missing7 = 'value'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/5/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing7 },
                                          message: "must have required property '" + missing7 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs39 = errors;
                                      for (const key6 in data3) {
                                        if (!(key6 === 'kind' || key6 === 'value')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/5/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key6 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs39 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs40 = errors;
                                          if ('default' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/5/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'default' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid17 = _errs40 === errors;
                                        } else {
                                          var valid17 = true;
                                        }
                                        if (valid17) {
                                          if (data3.value !== undefined) {
                                            const _errs41 = errors;
                                            if (typeof data3.value !== 'string') {
                                              validate22.errors = [
                                                {
                                                  instancePath:
                                                    instancePath + '/transforms/' + i0 + '/value',
                                                  schemaPath:
                                                    '#/$defs/transform/oneOf/5/properties/value/type',
                                                  keyword: 'type',
                                                  params: { type: 'string' },
                                                  message: 'must be string',
                                                },
                                              ];
                                              return false;
                                            }
                                            var valid17 = _errs41 === errors;
                                          } else {
                                            var valid17 = true;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'value-map') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing8;
                                    if (
                                      (data3.kind === undefined && (missing8 = 'kind')) ||
                                      (data3.map === undefined && (missing8 = 'map'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/6/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing8 },
                                          message: "must have required property '" + missing8 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs44 = errors;
                                      for (const key7 in data3) {
                                        if (!(key7 === 'kind' || key7 === 'map')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/6/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key7 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs44 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs45 = errors;
                                          if ('value-map' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/6/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'value-map' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid19 = _errs45 === errors;
                                        } else {
                                          var valid19 = true;
                                        }
                                        if (valid19) {
                                          if (data3.map !== undefined) {
                                            let data19 = data3.map;
                                            const _errs46 = errors;
                                            if (errors === _errs46) {
                                              if (
                                                data19 &&
                                                typeof data19 == 'object' &&
                                                !Array.isArray(data19)
                                              ) {
                                                for (const key8 in data19) {
                                                  const _errs49 = errors;
                                                  if (typeof data19[key8] !== 'string') {
                                                    validate22.errors = [
                                                      {
                                                        instancePath:
                                                          instancePath +
                                                          '/transforms/' +
                                                          i0 +
                                                          '/map/' +
                                                          key8
                                                            .replace(/~/g, '~0')
                                                            .replace(/\//g, '~1'),
                                                        schemaPath:
                                                          '#/$defs/transform/oneOf/6/properties/map/additionalProperties/type',
                                                        keyword: 'type',
                                                        params: { type: 'string' },
                                                        message: 'must be string',
                                                      },
                                                    ];
                                                    return false;
                                                  }
                                                  var valid20 = _errs49 === errors;
                                                  if (!valid20) {
                                                    break;
                                                  }
                                                }
                                              } else {
                                                validate22.errors = [
                                                  {
                                                    instancePath:
                                                      instancePath + '/transforms/' + i0 + '/map',
                                                    schemaPath:
                                                      '#/$defs/transform/oneOf/6/properties/map/type',
                                                    keyword: 'type',
                                                    params: { type: 'object' },
                                                    message: 'must be object',
                                                  },
                                                ];
                                                return false;
                                              }
                                            }
                                            var valid19 = _errs46 === errors;
                                          } else {
                                            var valid19 = true;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'date') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing9;
                                    if (
                                      (data3.kind === undefined && (missing9 = 'kind')) ||
                                      (data3.order === undefined && (missing9 = 'order'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/7/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing9 },
                                          message: "must have required property '" + missing9 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs52 = errors;
                                      for (const key9 in data3) {
                                        if (!(key9 === 'kind' || key9 === 'order')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/7/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key9 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs52 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs53 = errors;
                                          if ('date' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/7/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'date' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid22 = _errs53 === errors;
                                        } else {
                                          var valid22 = true;
                                        }
                                        if (valid22) {
                                          if (data3.order !== undefined) {
                                            let data22 = data3.order;
                                            const _errs54 = errors;
                                            if (!(
                                              data22 === 'DMY' ||
                                              data22 === 'MDY' ||
                                              data22 === 'YMD' ||
                                              data22 === 'auto'
                                            )) {
                                              validate22.errors = [
                                                {
                                                  instancePath:
                                                    instancePath + '/transforms/' + i0 + '/order',
                                                  schemaPath:
                                                    '#/$defs/transform/oneOf/7/properties/order/enum',
                                                  keyword: 'enum',
                                                  params: {
                                                    allowedValues:
                                                      schema34.oneOf[7].properties.order.enum,
                                                  },
                                                  message:
                                                    'must be equal to one of the allowed values',
                                                },
                                              ];
                                              return false;
                                            }
                                            var valid22 = _errs54 === errors;
                                          } else {
                                            var valid22 = true;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'number') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing10;
                                    if (
                                      (data3.kind === undefined && (missing10 = 'kind')) ||
                                      (data3.decimal === undefined && (missing10 = 'decimal'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/8/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing10 },
                                          message:
                                            "must have required property '" + missing10 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs56 = errors;
                                      for (const key10 in data3) {
                                        if (!(key10 === 'kind' || key10 === 'decimal')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/8/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key10 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs56 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs57 = errors;
                                          if ('number' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/8/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'number' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid24 = _errs57 === errors;
                                        } else {
                                          var valid24 = true;
                                        }
                                        if (valid24) {
                                          if (data3.decimal !== undefined) {
                                            let data24 = data3.decimal;
                                            const _errs58 = errors;
                                            if (!(data24 === '.' || data24 === ',')) {
                                              validate22.errors = [
                                                {
                                                  instancePath:
                                                    instancePath + '/transforms/' + i0 + '/decimal',
                                                  schemaPath:
                                                    '#/$defs/transform/oneOf/8/properties/decimal/enum',
                                                  keyword: 'enum',
                                                  params: {
                                                    allowedValues:
                                                      schema34.oneOf[8].properties.decimal.enum,
                                                  },
                                                  message:
                                                    'must be equal to one of the allowed values',
                                                },
                                              ];
                                              return false;
                                            }
                                            var valid24 = _errs58 === errors;
                                          } else {
                                            var valid24 = true;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'phone') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing11;
                                    if (
                                      (data3.kind === undefined && (missing11 = 'kind')) ||
                                      (data3.country === undefined && (missing11 = 'country'))
                                    ) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/9/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing11 },
                                          message:
                                            "must have required property '" + missing11 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs60 = errors;
                                      for (const key11 in data3) {
                                        if (!(key11 === 'kind' || key11 === 'country')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/9/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key11 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs60 === errors) {
                                        if (data3.kind !== undefined) {
                                          const _errs61 = errors;
                                          if ('phone' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/9/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'phone' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid26 = _errs61 === errors;
                                        } else {
                                          var valid26 = true;
                                        }
                                        if (valid26) {
                                          if (data3.country !== undefined) {
                                            let data26 = data3.country;
                                            const _errs62 = errors;
                                            if (errors === _errs62) {
                                              if (typeof data26 === 'string') {
                                                if (!pattern7.test(data26)) {
                                                  validate22.errors = [
                                                    {
                                                      instancePath:
                                                        instancePath +
                                                        '/transforms/' +
                                                        i0 +
                                                        '/country',
                                                      schemaPath:
                                                        '#/$defs/transform/oneOf/9/properties/country/pattern',
                                                      keyword: 'pattern',
                                                      params: { pattern: '^[A-Z]{2}$' },
                                                      message:
                                                        'must match pattern "' + '^[A-Z]{2}$' + '"',
                                                    },
                                                  ];
                                                  return false;
                                                }
                                              } else {
                                                validate22.errors = [
                                                  {
                                                    instancePath:
                                                      instancePath +
                                                      '/transforms/' +
                                                      i0 +
                                                      '/country',
                                                    schemaPath:
                                                      '#/$defs/transform/oneOf/9/properties/country/type',
                                                    keyword: 'type',
                                                    params: { type: 'string' },
                                                    message: 'must be string',
                                                  },
                                                ];
                                                return false;
                                              }
                                            }
                                            var valid26 = _errs62 === errors;
                                          } else {
                                            var valid26 = true;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else if (tag0 === 'lowercase-email') {
                                  if (data3 && typeof data3 == 'object' && !Array.isArray(data3)) {
                                    let missing12;
                                    if (data3.kind === undefined && (missing12 = 'kind')) {
                                      validate22.errors = [
                                        {
                                          instancePath: instancePath + '/transforms/' + i0,
                                          schemaPath: '#/$defs/transform/oneOf/10/required',
                                          keyword: 'required',
                                          params: { missingProperty: missing12 },
                                          message:
                                            "must have required property '" + missing12 + "'",
                                        },
                                      ];
                                      return false;
                                    } else {
                                      const _errs65 = errors;
                                      for (const key12 in data3) {
                                        if (!(key12 === 'kind')) {
                                          validate22.errors = [
                                            {
                                              instancePath: instancePath + '/transforms/' + i0,
                                              schemaPath:
                                                '#/$defs/transform/oneOf/10/additionalProperties',
                                              keyword: 'additionalProperties',
                                              params: { additionalProperty: key12 },
                                              message: 'must NOT have additional properties',
                                            },
                                          ];
                                          return false;
                                          break;
                                        }
                                      }
                                      if (_errs65 === errors) {
                                        if (data3.kind !== undefined) {
                                          if ('lowercase-email' !== data3.kind) {
                                            validate22.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/transforms/' + i0 + '/kind',
                                                schemaPath:
                                                  '#/$defs/transform/oneOf/10/properties/kind/const',
                                                keyword: 'const',
                                                params: { allowedValue: 'lowercase-email' },
                                                message: 'must be equal to constant',
                                              },
                                            ];
                                            return false;
                                          }
                                        }
                                      }
                                    }
                                  }
                                  if (props0 !== true) {
                                    props0 = true;
                                  }
                                } else {
                                  validate22.errors = [
                                    {
                                      instancePath: instancePath + '/transforms/' + i0,
                                      schemaPath: '#/$defs/transform/discriminator',
                                      keyword: 'discriminator',
                                      params: { error: 'mapping', tag: 'kind', tagValue: tag0 },
                                      message: 'value of tag "kind" must be in oneOf',
                                    },
                                  ];
                                  return false;
                                }
                              } else {
                                validate22.errors = [
                                  {
                                    instancePath: instancePath + '/transforms/' + i0,
                                    schemaPath: '#/$defs/transform/discriminator',
                                    keyword: 'discriminator',
                                    params: { error: 'tag', tag: 'kind', tagValue: tag0 },
                                    message: 'tag "kind" must be string',
                                  },
                                ];
                                return false;
                              }
                            }
                          }
                        } else {
                          validate22.errors = [
                            {
                              instancePath: instancePath + '/transforms/' + i0,
                              schemaPath: '#/$defs/transform/type',
                              keyword: 'type',
                              params: { type: 'object' },
                              message: 'must be object',
                            },
                          ];
                          return false;
                        }
                      }
                      var valid1 = _errs8 === errors;
                      if (!valid1) {
                        break;
                      }
                    }
                  } else {
                    validate22.errors = [
                      {
                        instancePath: instancePath + '/transforms',
                        schemaPath: '#/properties/transforms/type',
                        keyword: 'type',
                        params: { type: 'array' },
                        message: 'must be array',
                      },
                    ];
                    return false;
                  }
                }
                var valid0 = _errs6 === errors;
              } else {
                var valid0 = true;
              }
            }
          }
        }
      }
    } else {
      validate22.errors = [
        {
          instancePath,
          schemaPath: '#/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        },
      ];
      return false;
    }
  }
  validate22.errors = vErrors;
  return errors === 0;
}
validate22.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

function validate21(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (errors === 0) {
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      let missing0;
      if (
        (data.id === undefined && (missing0 = 'id')) ||
        (data.name === undefined && (missing0 = 'name')) ||
        (data.object === undefined && (missing0 = 'object')) ||
        (data.columns === undefined && (missing0 = 'columns')) ||
        (data.mapping === undefined && (missing0 = 'mapping'))
      ) {
        validate21.errors = [
          {
            instancePath,
            schemaPath: '#/required',
            keyword: 'required',
            params: { missingProperty: missing0 },
            message: "must have required property '" + missing0 + "'",
          },
        ];
        return false;
      } else {
        const _errs1 = errors;
        for (const key0 in data) {
          if (!(
            key0 === 'id' ||
            key0 === 'name' ||
            key0 === 'object' ||
            key0 === 'columns' ||
            key0 === 'mapping' ||
            key0 === 'lookups' ||
            key0 === 'fields' ||
            key0 === 'updatedAt'
          )) {
            validate21.errors = [
              {
                instancePath,
                schemaPath: '#/additionalProperties',
                keyword: 'additionalProperties',
                params: { additionalProperty: key0 },
                message: 'must NOT have additional properties',
              },
            ];
            return false;
            break;
          }
        }
        if (_errs1 === errors) {
          if (data.id !== undefined) {
            let data0 = data.id;
            const _errs2 = errors;
            if (errors === _errs2) {
              if (typeof data0 === 'string') {
                if (!pattern4.test(data0)) {
                  validate21.errors = [
                    {
                      instancePath: instancePath + '/id',
                      schemaPath: '#/properties/id/pattern',
                      keyword: 'pattern',
                      params: { pattern: '^\\S' },
                      message: 'must match pattern "' + '^\\S' + '"',
                    },
                  ];
                  return false;
                }
              } else {
                validate21.errors = [
                  {
                    instancePath: instancePath + '/id',
                    schemaPath: '#/properties/id/type',
                    keyword: 'type',
                    params: { type: 'string' },
                    message: 'must be string',
                  },
                ];
                return false;
              }
            }
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.name !== undefined) {
              let data1 = data.name;
              const _errs4 = errors;
              if (errors === _errs4) {
                if (typeof data1 === 'string') {
                  if (!pattern5.test(data1)) {
                    validate21.errors = [
                      {
                        instancePath: instancePath + '/name',
                        schemaPath: '#/properties/name/pattern',
                        keyword: 'pattern',
                        params: { pattern: '\\S' },
                        message: 'must match pattern "' + '\\S' + '"',
                      },
                    ];
                    return false;
                  }
                } else {
                  validate21.errors = [
                    {
                      instancePath: instancePath + '/name',
                      schemaPath: '#/properties/name/type',
                      keyword: 'type',
                      params: { type: 'string' },
                      message: 'must be string',
                    },
                  ];
                  return false;
                }
              }
              var valid0 = _errs4 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.object !== undefined) {
                let data2 = data.object;
                const _errs6 = errors;
                if (errors === _errs6) {
                  if (typeof data2 === 'string') {
                    if (!pattern4.test(data2)) {
                      validate21.errors = [
                        {
                          instancePath: instancePath + '/object',
                          schemaPath: '#/properties/object/pattern',
                          keyword: 'pattern',
                          params: { pattern: '^\\S' },
                          message: 'must match pattern "' + '^\\S' + '"',
                        },
                      ];
                      return false;
                    }
                  } else {
                    validate21.errors = [
                      {
                        instancePath: instancePath + '/object',
                        schemaPath: '#/properties/object/type',
                        keyword: 'type',
                        params: { type: 'string' },
                        message: 'must be string',
                      },
                    ];
                    return false;
                  }
                }
                var valid0 = _errs6 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.columns !== undefined) {
                  let data3 = data.columns;
                  const _errs8 = errors;
                  if (errors === _errs8) {
                    if (Array.isArray(data3)) {
                      var valid1 = true;
                      const len0 = data3.length;
                      for (let i0 = 0; i0 < len0; i0++) {
                        const _errs10 = errors;
                        if (typeof data3[i0] !== 'string') {
                          validate21.errors = [
                            {
                              instancePath: instancePath + '/columns/' + i0,
                              schemaPath: '#/properties/columns/items/type',
                              keyword: 'type',
                              params: { type: 'string' },
                              message: 'must be string',
                            },
                          ];
                          return false;
                        }
                        var valid1 = _errs10 === errors;
                        if (!valid1) {
                          break;
                        }
                      }
                    } else {
                      validate21.errors = [
                        {
                          instancePath: instancePath + '/columns',
                          schemaPath: '#/properties/columns/type',
                          keyword: 'type',
                          params: { type: 'array' },
                          message: 'must be array',
                        },
                      ];
                      return false;
                    }
                  }
                  var valid0 = _errs8 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.mapping !== undefined) {
                    let data5 = data.mapping;
                    const _errs12 = errors;
                    if (errors === _errs12) {
                      if (data5 && typeof data5 == 'object' && !Array.isArray(data5)) {
                        for (const key1 in data5) {
                          const _errs15 = errors;
                          if (
                            !validate22(data5[key1], {
                              instancePath:
                                instancePath +
                                '/mapping/' +
                                key1.replace(/~/g, '~0').replace(/\//g, '~1'),
                              parentData: data5,
                              parentDataProperty: key1,
                              rootData,
                              dynamicAnchors,
                            })
                          ) {
                            vErrors =
                              vErrors === null
                                ? validate22.errors
                                : vErrors.concat(validate22.errors);
                            errors = vErrors.length;
                          }
                          var valid2 = _errs15 === errors;
                          if (!valid2) {
                            break;
                          }
                        }
                      } else {
                        validate21.errors = [
                          {
                            instancePath: instancePath + '/mapping',
                            schemaPath: '#/properties/mapping/type',
                            keyword: 'type',
                            params: { type: 'object' },
                            message: 'must be object',
                          },
                        ];
                        return false;
                      }
                    }
                    var valid0 = _errs12 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.lookups !== undefined) {
                      let data7 = data.lookups;
                      const _errs16 = errors;
                      if (errors === _errs16) {
                        if (Array.isArray(data7)) {
                          var valid3 = true;
                          const len1 = data7.length;
                          for (let i1 = 0; i1 < len1; i1++) {
                            let data8 = data7[i1];
                            const _errs18 = errors;
                            const _errs19 = errors;
                            if (errors === _errs19) {
                              if (data8 && typeof data8 == 'object' && !Array.isArray(data8)) {
                                let missing1;
                                if (
                                  (data8.matchBy === undefined && (missing1 = 'matchBy')) ||
                                  (data8.matchField === undefined && (missing1 = 'matchField')) ||
                                  (data8.lookupColumn === undefined &&
                                    (missing1 = 'lookupColumn')) ||
                                  (data8.valueColumn === undefined && (missing1 = 'valueColumn')) ||
                                  (data8.targetField === undefined && (missing1 = 'targetField')) ||
                                  (data8.overwrite === undefined && (missing1 = 'overwrite'))
                                ) {
                                  validate21.errors = [
                                    {
                                      instancePath: instancePath + '/lookups/' + i1,
                                      schemaPath: '#/$defs/lookup/required',
                                      keyword: 'required',
                                      params: { missingProperty: missing1 },
                                      message: "must have required property '" + missing1 + "'",
                                    },
                                  ];
                                  return false;
                                } else {
                                  const _errs21 = errors;
                                  for (const key2 in data8) {
                                    if (!(
                                      key2 === 'matchBy' ||
                                      key2 === 'matchField' ||
                                      key2 === 'lookupColumn' ||
                                      key2 === 'valueColumn' ||
                                      key2 === 'targetField' ||
                                      key2 === 'overwrite'
                                    )) {
                                      validate21.errors = [
                                        {
                                          instancePath: instancePath + '/lookups/' + i1,
                                          schemaPath: '#/$defs/lookup/additionalProperties',
                                          keyword: 'additionalProperties',
                                          params: { additionalProperty: key2 },
                                          message: 'must NOT have additional properties',
                                        },
                                      ];
                                      return false;
                                      break;
                                    }
                                  }
                                  if (_errs21 === errors) {
                                    if (data8.matchBy !== undefined) {
                                      let data9 = data8.matchBy;
                                      const _errs22 = errors;
                                      if (!(
                                        data9 === 'company' ||
                                        data9 === 'domain' ||
                                        data9 === 'email'
                                      )) {
                                        validate21.errors = [
                                          {
                                            instancePath:
                                              instancePath + '/lookups/' + i1 + '/matchBy',
                                            schemaPath: '#/$defs/lookup/properties/matchBy/enum',
                                            keyword: 'enum',
                                            params: {
                                              allowedValues: schema35.properties.matchBy.enum,
                                            },
                                            message: 'must be equal to one of the allowed values',
                                          },
                                        ];
                                        return false;
                                      }
                                      var valid5 = _errs22 === errors;
                                    } else {
                                      var valid5 = true;
                                    }
                                    if (valid5) {
                                      if (data8.matchField !== undefined) {
                                        const _errs23 = errors;
                                        if (typeof data8.matchField !== 'string') {
                                          validate21.errors = [
                                            {
                                              instancePath:
                                                instancePath + '/lookups/' + i1 + '/matchField',
                                              schemaPath:
                                                '#/$defs/lookup/properties/matchField/type',
                                              keyword: 'type',
                                              params: { type: 'string' },
                                              message: 'must be string',
                                            },
                                          ];
                                          return false;
                                        }
                                        var valid5 = _errs23 === errors;
                                      } else {
                                        var valid5 = true;
                                      }
                                      if (valid5) {
                                        if (data8.lookupColumn !== undefined) {
                                          const _errs25 = errors;
                                          if (typeof data8.lookupColumn !== 'string') {
                                            validate21.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/lookups/' + i1 + '/lookupColumn',
                                                schemaPath:
                                                  '#/$defs/lookup/properties/lookupColumn/type',
                                                keyword: 'type',
                                                params: { type: 'string' },
                                                message: 'must be string',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid5 = _errs25 === errors;
                                        } else {
                                          var valid5 = true;
                                        }
                                        if (valid5) {
                                          if (data8.valueColumn !== undefined) {
                                            const _errs27 = errors;
                                            if (typeof data8.valueColumn !== 'string') {
                                              validate21.errors = [
                                                {
                                                  instancePath:
                                                    instancePath +
                                                    '/lookups/' +
                                                    i1 +
                                                    '/valueColumn',
                                                  schemaPath:
                                                    '#/$defs/lookup/properties/valueColumn/type',
                                                  keyword: 'type',
                                                  params: { type: 'string' },
                                                  message: 'must be string',
                                                },
                                              ];
                                              return false;
                                            }
                                            var valid5 = _errs27 === errors;
                                          } else {
                                            var valid5 = true;
                                          }
                                          if (valid5) {
                                            if (data8.targetField !== undefined) {
                                              const _errs29 = errors;
                                              if (typeof data8.targetField !== 'string') {
                                                validate21.errors = [
                                                  {
                                                    instancePath:
                                                      instancePath +
                                                      '/lookups/' +
                                                      i1 +
                                                      '/targetField',
                                                    schemaPath:
                                                      '#/$defs/lookup/properties/targetField/type',
                                                    keyword: 'type',
                                                    params: { type: 'string' },
                                                    message: 'must be string',
                                                  },
                                                ];
                                                return false;
                                              }
                                              var valid5 = _errs29 === errors;
                                            } else {
                                              var valid5 = true;
                                            }
                                            if (valid5) {
                                              if (data8.overwrite !== undefined) {
                                                const _errs31 = errors;
                                                if (typeof data8.overwrite !== 'boolean') {
                                                  validate21.errors = [
                                                    {
                                                      instancePath:
                                                        instancePath +
                                                        '/lookups/' +
                                                        i1 +
                                                        '/overwrite',
                                                      schemaPath:
                                                        '#/$defs/lookup/properties/overwrite/type',
                                                      keyword: 'type',
                                                      params: { type: 'boolean' },
                                                      message: 'must be boolean',
                                                    },
                                                  ];
                                                  return false;
                                                }
                                                var valid5 = _errs31 === errors;
                                              } else {
                                                var valid5 = true;
                                              }
                                            }
                                          }
                                        }
                                      }
                                    }
                                  }
                                }
                              } else {
                                validate21.errors = [
                                  {
                                    instancePath: instancePath + '/lookups/' + i1,
                                    schemaPath: '#/$defs/lookup/type',
                                    keyword: 'type',
                                    params: { type: 'object' },
                                    message: 'must be object',
                                  },
                                ];
                                return false;
                              }
                            }
                            var valid3 = _errs18 === errors;
                            if (!valid3) {
                              break;
                            }
                          }
                        } else {
                          validate21.errors = [
                            {
                              instancePath: instancePath + '/lookups',
                              schemaPath: '#/properties/lookups/type',
                              keyword: 'type',
                              params: { type: 'array' },
                              message: 'must be array',
                            },
                          ];
                          return false;
                        }
                      }
                      var valid0 = _errs16 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.fields !== undefined) {
                        let data15 = data.fields;
                        const _errs33 = errors;
                        if (errors === _errs33) {
                          if (Array.isArray(data15)) {
                            var valid6 = true;
                            const len2 = data15.length;
                            for (let i2 = 0; i2 < len2; i2++) {
                              let data16 = data15[i2];
                              const _errs35 = errors;
                              const _errs36 = errors;
                              if (errors === _errs36) {
                                if (data16 && typeof data16 == 'object' && !Array.isArray(data16)) {
                                  let missing2;
                                  if (
                                    (data16.key === undefined && (missing2 = 'key')) ||
                                    (data16.name === undefined && (missing2 = 'name')) ||
                                    (data16.type === undefined && (missing2 = 'type'))
                                  ) {
                                    validate21.errors = [
                                      {
                                        instancePath: instancePath + '/fields/' + i2,
                                        schemaPath: '#/$defs/field/required',
                                        keyword: 'required',
                                        params: { missingProperty: missing2 },
                                        message: "must have required property '" + missing2 + "'",
                                      },
                                    ];
                                    return false;
                                  } else {
                                    const _errs38 = errors;
                                    for (const key3 in data16) {
                                      if (!(
                                        key3 === 'key' ||
                                        key3 === 'name' ||
                                        key3 === 'type' ||
                                        key3 === 'required' ||
                                        key3 === 'options'
                                      )) {
                                        validate21.errors = [
                                          {
                                            instancePath: instancePath + '/fields/' + i2,
                                            schemaPath: '#/$defs/field/additionalProperties',
                                            keyword: 'additionalProperties',
                                            params: { additionalProperty: key3 },
                                            message: 'must NOT have additional properties',
                                          },
                                        ];
                                        return false;
                                        break;
                                      }
                                    }
                                    if (_errs38 === errors) {
                                      if (data16.key !== undefined) {
                                        let data17 = data16.key;
                                        const _errs39 = errors;
                                        if (errors === _errs39) {
                                          if (typeof data17 === 'string') {
                                            if (!pattern4.test(data17)) {
                                              validate21.errors = [
                                                {
                                                  instancePath:
                                                    instancePath + '/fields/' + i2 + '/key',
                                                  schemaPath:
                                                    '#/$defs/field/properties/key/pattern',
                                                  keyword: 'pattern',
                                                  params: { pattern: '^\\S' },
                                                  message: 'must match pattern "' + '^\\S' + '"',
                                                },
                                              ];
                                              return false;
                                            }
                                          } else {
                                            validate21.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/fields/' + i2 + '/key',
                                                schemaPath: '#/$defs/field/properties/key/type',
                                                keyword: 'type',
                                                params: { type: 'string' },
                                                message: 'must be string',
                                              },
                                            ];
                                            return false;
                                          }
                                        }
                                        var valid8 = _errs39 === errors;
                                      } else {
                                        var valid8 = true;
                                      }
                                      if (valid8) {
                                        if (data16.name !== undefined) {
                                          const _errs41 = errors;
                                          if (typeof data16.name !== 'string') {
                                            validate21.errors = [
                                              {
                                                instancePath:
                                                  instancePath + '/fields/' + i2 + '/name',
                                                schemaPath: '#/$defs/field/properties/name/type',
                                                keyword: 'type',
                                                params: { type: 'string' },
                                                message: 'must be string',
                                              },
                                            ];
                                            return false;
                                          }
                                          var valid8 = _errs41 === errors;
                                        } else {
                                          var valid8 = true;
                                        }
                                        if (valid8) {
                                          if (data16.type !== undefined) {
                                            let data19 = data16.type;
                                            const _errs43 = errors;
                                            if (!(
                                              data19 === 'text' ||
                                              data19 === 'email' ||
                                              data19 === 'phone' ||
                                              data19 === 'url' ||
                                              data19 === 'number' ||
                                              data19 === 'currency' ||
                                              data19 === 'date' ||
                                              data19 === 'datetime' ||
                                              data19 === 'boolean' ||
                                              data19 === 'picklist' ||
                                              data19 === 'id'
                                            )) {
                                              validate21.errors = [
                                                {
                                                  instancePath:
                                                    instancePath + '/fields/' + i2 + '/type',
                                                  schemaPath: '#/$defs/field/properties/type/enum',
                                                  keyword: 'enum',
                                                  params: {
                                                    allowedValues: schema36.properties.type.enum,
                                                  },
                                                  message:
                                                    'must be equal to one of the allowed values',
                                                },
                                              ];
                                              return false;
                                            }
                                            var valid8 = _errs43 === errors;
                                          } else {
                                            var valid8 = true;
                                          }
                                          if (valid8) {
                                            if (data16.required !== undefined) {
                                              const _errs44 = errors;
                                              if (typeof data16.required !== 'boolean') {
                                                validate21.errors = [
                                                  {
                                                    instancePath:
                                                      instancePath + '/fields/' + i2 + '/required',
                                                    schemaPath:
                                                      '#/$defs/field/properties/required/type',
                                                    keyword: 'type',
                                                    params: { type: 'boolean' },
                                                    message: 'must be boolean',
                                                  },
                                                ];
                                                return false;
                                              }
                                              var valid8 = _errs44 === errors;
                                            } else {
                                              var valid8 = true;
                                            }
                                            if (valid8) {
                                              if (data16.options !== undefined) {
                                                let data21 = data16.options;
                                                const _errs46 = errors;
                                                if (errors === _errs46) {
                                                  if (Array.isArray(data21)) {
                                                    var valid9 = true;
                                                    const len3 = data21.length;
                                                    for (let i3 = 0; i3 < len3; i3++) {
                                                      const _errs48 = errors;
                                                      if (typeof data21[i3] !== 'string') {
                                                        validate21.errors = [
                                                          {
                                                            instancePath:
                                                              instancePath +
                                                              '/fields/' +
                                                              i2 +
                                                              '/options/' +
                                                              i3,
                                                            schemaPath:
                                                              '#/$defs/field/properties/options/items/type',
                                                            keyword: 'type',
                                                            params: { type: 'string' },
                                                            message: 'must be string',
                                                          },
                                                        ];
                                                        return false;
                                                      }
                                                      var valid9 = _errs48 === errors;
                                                      if (!valid9) {
                                                        break;
                                                      }
                                                    }
                                                  } else {
                                                    validate21.errors = [
                                                      {
                                                        instancePath:
                                                          instancePath +
                                                          '/fields/' +
                                                          i2 +
                                                          '/options',
                                                        schemaPath:
                                                          '#/$defs/field/properties/options/type',
                                                        keyword: 'type',
                                                        params: { type: 'array' },
                                                        message: 'must be array',
                                                      },
                                                    ];
                                                    return false;
                                                  }
                                                }
                                                var valid8 = _errs46 === errors;
                                              } else {
                                                var valid8 = true;
                                              }
                                            }
                                          }
                                        }
                                      }
                                    }
                                  }
                                } else {
                                  validate21.errors = [
                                    {
                                      instancePath: instancePath + '/fields/' + i2,
                                      schemaPath: '#/$defs/field/type',
                                      keyword: 'type',
                                      params: { type: 'object' },
                                      message: 'must be object',
                                    },
                                  ];
                                  return false;
                                }
                              }
                              var valid6 = _errs35 === errors;
                              if (!valid6) {
                                break;
                              }
                            }
                          } else {
                            validate21.errors = [
                              {
                                instancePath: instancePath + '/fields',
                                schemaPath: '#/properties/fields/type',
                                keyword: 'type',
                                params: { type: 'array' },
                                message: 'must be array',
                              },
                            ];
                            return false;
                          }
                        }
                        var valid0 = _errs33 === errors;
                      } else {
                        var valid0 = true;
                      }
                      if (valid0) {
                        if (data.updatedAt !== undefined) {
                          const _errs50 = errors;
                          if (typeof data.updatedAt !== 'string') {
                            validate21.errors = [
                              {
                                instancePath: instancePath + '/updatedAt',
                                schemaPath: '#/properties/updatedAt/type',
                                keyword: 'type',
                                params: { type: 'string' },
                                message: 'must be string',
                              },
                            ];
                            return false;
                          }
                          var valid0 = _errs50 === errors;
                        } else {
                          var valid0 = true;
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate21.errors = [
        {
          instancePath,
          schemaPath: '#/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        },
      ];
      return false;
    }
  }
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

function validate20(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://crm-porter.local/meta/mapping-templates.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (errors === 0) {
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      let missing0;
      if (
        (data.format === undefined && (missing0 = 'format')) ||
        (data.version === undefined && (missing0 = 'version')) ||
        (data.templates === undefined && (missing0 = 'templates'))
      ) {
        validate20.errors = [
          {
            instancePath,
            schemaPath: '#/required',
            keyword: 'required',
            params: { missingProperty: missing0 },
            message: "must have required property '" + missing0 + "'",
          },
        ];
        return false;
      } else {
        const _errs1 = errors;
        for (const key0 in data) {
          if (!(key0 === 'format' || key0 === 'version' || key0 === 'templates')) {
            validate20.errors = [
              {
                instancePath,
                schemaPath: '#/additionalProperties',
                keyword: 'additionalProperties',
                params: { additionalProperty: key0 },
                message: 'must NOT have additional properties',
              },
            ];
            return false;
            break;
          }
        }
        if (_errs1 === errors) {
          if (data.format !== undefined) {
            const _errs2 = errors;
            if ('crm-porter/mapping-templates' !== data.format) {
              validate20.errors = [
                {
                  instancePath: instancePath + '/format',
                  schemaPath: '#/properties/format/const',
                  keyword: 'const',
                  params: { allowedValue: 'crm-porter/mapping-templates' },
                  message: 'must be equal to constant',
                },
              ];
              return false;
            }
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.version !== undefined) {
              const _errs3 = errors;
              if (1 !== data.version) {
                validate20.errors = [
                  {
                    instancePath: instancePath + '/version',
                    schemaPath: '#/properties/version/const',
                    keyword: 'const',
                    params: { allowedValue: 1 },
                    message: 'must be equal to constant',
                  },
                ];
                return false;
              }
              var valid0 = _errs3 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.templates !== undefined) {
                let data2 = data.templates;
                const _errs4 = errors;
                if (errors === _errs4) {
                  if (Array.isArray(data2)) {
                    var valid1 = true;
                    const len0 = data2.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                      const _errs6 = errors;
                      if (
                        !validate21(data2[i0], {
                          instancePath: instancePath + '/templates/' + i0,
                          parentData: data2,
                          parentDataProperty: i0,
                          rootData,
                          dynamicAnchors,
                        })
                      ) {
                        vErrors =
                          vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
                        errors = vErrors.length;
                      }
                      var valid1 = _errs6 === errors;
                      if (!valid1) {
                        break;
                      }
                    }
                  } else {
                    validate20.errors = [
                      {
                        instancePath: instancePath + '/templates',
                        schemaPath: '#/properties/templates/type',
                        keyword: 'type',
                        params: { type: 'array' },
                        message: 'must be array',
                      },
                    ];
                    return false;
                  }
                }
                var valid0 = _errs4 === errors;
              } else {
                var valid0 = true;
              }
            }
          }
        }
      }
    } else {
      validate20.errors = [
        {
          instancePath,
          schemaPath: '#/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        },
      ];
      return false;
    }
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
