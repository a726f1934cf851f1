// @ts-nocheck
/* eslint-disable */
// Generated from CRM_SCHEMA_META (schema-meta.ts) by test/unit/core/schema/generated-validators.test.ts.
// Do not edit: run `UPDATE_VALIDATORS=1 npx vitest run test/unit/core/schema` instead.
'use strict';
export const validateCrmSchema = validate20;
const schema31 = {
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
      propertyNames: {
        pattern: '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$',
        not: { enum: ['__proto__', 'constructor', 'prototype'] },
      },
      additionalProperties: { $ref: '#/$defs/field' },
    },
    'x-crm-porter': { $ref: '#/$defs/objectExtension' },
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
        'x-crm-porter': { $ref: '#/$defs/fieldExtension' },
      },
    },
    fieldExtension: {
      type: 'object',
      properties: {
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
        key: { type: 'string', pattern: '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$' },
        label: { $ref: '#/$defs/label' },
        order: { $ref: '#/$defs/strings' },
      },
      additionalProperties: false,
    },
  },
};
const pattern4 = new RegExp('^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$', 'u');
const schema32 = {
  type: 'object',
  properties: {
    type: { enum: ['string', 'number', 'integer', 'boolean'] },
    title: { type: 'string' },
    format: { type: 'string' },
    enum: { type: 'array', items: { type: 'string' } },
    maxLength: { type: 'integer', minimum: 1 },
    'x-crm-porter': { $ref: '#/$defs/fieldExtension' },
  },
};
const schema33 = {
  type: 'object',
  properties: {
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
    label: { $ref: '#/$defs/label' },
    synonyms: { $ref: '#/$defs/strings' },
    unique: { type: 'boolean' },
    allowMerge: { type: 'boolean' },
    custom: { type: 'boolean' },
    options: { type: 'array', items: { $ref: '#/$defs/option' } },
  },
  additionalProperties: false,
};
const schema34 = {
  type: 'object',
  required: ['en', 'zh-CN'],
  properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
  additionalProperties: false,
};
const schema35 = { type: 'array', items: { type: 'string' } };
const schema36 = {
  type: 'object',
  required: ['value', 'label'],
  properties: {
    value: { type: 'string' },
    label: { $ref: '#/$defs/label' },
    synonyms: { $ref: '#/$defs/strings' },
  },
  additionalProperties: false,
};

function validate23(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate23.evaluated;
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
        (data.value === undefined && (missing0 = 'value')) ||
        (data.label === undefined && (missing0 = 'label'))
      ) {
        validate23.errors = [
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
          if (!(key0 === 'value' || key0 === 'label' || key0 === 'synonyms')) {
            validate23.errors = [
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
          if (data.value !== undefined) {
            const _errs2 = errors;
            if (typeof data.value !== 'string') {
              validate23.errors = [
                {
                  instancePath: instancePath + '/value',
                  schemaPath: '#/properties/value/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                },
              ];
              return false;
            }
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.label !== undefined) {
              let data1 = data.label;
              const _errs4 = errors;
              const _errs5 = errors;
              if (errors === _errs5) {
                if (data1 && typeof data1 == 'object' && !Array.isArray(data1)) {
                  let missing1;
                  if (
                    (data1.en === undefined && (missing1 = 'en')) ||
                    (data1['zh-CN'] === undefined && (missing1 = 'zh-CN'))
                  ) {
                    validate23.errors = [
                      {
                        instancePath: instancePath + '/label',
                        schemaPath: '#/$defs/label/required',
                        keyword: 'required',
                        params: { missingProperty: missing1 },
                        message: "must have required property '" + missing1 + "'",
                      },
                    ];
                    return false;
                  } else {
                    const _errs7 = errors;
                    for (const key1 in data1) {
                      if (!(key1 === 'en' || key1 === 'zh-CN')) {
                        validate23.errors = [
                          {
                            instancePath: instancePath + '/label',
                            schemaPath: '#/$defs/label/additionalProperties',
                            keyword: 'additionalProperties',
                            params: { additionalProperty: key1 },
                            message: 'must NOT have additional properties',
                          },
                        ];
                        return false;
                        break;
                      }
                    }
                    if (_errs7 === errors) {
                      if (data1.en !== undefined) {
                        const _errs8 = errors;
                        if (typeof data1.en !== 'string') {
                          validate23.errors = [
                            {
                              instancePath: instancePath + '/label/en',
                              schemaPath: '#/$defs/label/properties/en/type',
                              keyword: 'type',
                              params: { type: 'string' },
                              message: 'must be string',
                            },
                          ];
                          return false;
                        }
                        var valid2 = _errs8 === errors;
                      } else {
                        var valid2 = true;
                      }
                      if (valid2) {
                        if (data1['zh-CN'] !== undefined) {
                          const _errs10 = errors;
                          if (typeof data1['zh-CN'] !== 'string') {
                            validate23.errors = [
                              {
                                instancePath: instancePath + '/label/zh-CN',
                                schemaPath: '#/$defs/label/properties/zh-CN/type',
                                keyword: 'type',
                                params: { type: 'string' },
                                message: 'must be string',
                              },
                            ];
                            return false;
                          }
                          var valid2 = _errs10 === errors;
                        } else {
                          var valid2 = true;
                        }
                      }
                    }
                  }
                } else {
                  validate23.errors = [
                    {
                      instancePath: instancePath + '/label',
                      schemaPath: '#/$defs/label/type',
                      keyword: 'type',
                      params: { type: 'object' },
                      message: 'must be object',
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
              if (data.synonyms !== undefined) {
                let data4 = data.synonyms;
                const _errs12 = errors;
                const _errs13 = errors;
                if (errors === _errs13) {
                  if (Array.isArray(data4)) {
                    var valid4 = true;
                    const len0 = data4.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                      const _errs15 = errors;
                      if (typeof data4[i0] !== 'string') {
                        validate23.errors = [
                          {
                            instancePath: instancePath + '/synonyms/' + i0,
                            schemaPath: '#/$defs/strings/items/type',
                            keyword: 'type',
                            params: { type: 'string' },
                            message: 'must be string',
                          },
                        ];
                        return false;
                      }
                      var valid4 = _errs15 === errors;
                      if (!valid4) {
                        break;
                      }
                    }
                  } else {
                    validate23.errors = [
                      {
                        instancePath: instancePath + '/synonyms',
                        schemaPath: '#/$defs/strings/type',
                        keyword: 'type',
                        params: { type: 'array' },
                        message: 'must be array',
                      },
                    ];
                    return false;
                  }
                }
                var valid0 = _errs12 === errors;
              } else {
                var valid0 = true;
              }
            }
          }
        }
      }
    } else {
      validate23.errors = [
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
  validate23.errors = vErrors;
  return errors === 0;
}
validate23.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

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
      const _errs1 = errors;
      for (const key0 in data) {
        if (!(
          key0 === 'type' ||
          key0 === 'label' ||
          key0 === 'synonyms' ||
          key0 === 'unique' ||
          key0 === 'allowMerge' ||
          key0 === 'custom' ||
          key0 === 'options'
        )) {
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
        if (data.type !== undefined) {
          let data0 = data.type;
          const _errs2 = errors;
          if (!(
            data0 === 'text' ||
            data0 === 'email' ||
            data0 === 'phone' ||
            data0 === 'url' ||
            data0 === 'number' ||
            data0 === 'currency' ||
            data0 === 'date' ||
            data0 === 'datetime' ||
            data0 === 'boolean' ||
            data0 === 'picklist' ||
            data0 === 'id'
          )) {
            validate22.errors = [
              {
                instancePath: instancePath + '/type',
                schemaPath: '#/properties/type/enum',
                keyword: 'enum',
                params: { allowedValues: schema33.properties.type.enum },
                message: 'must be equal to one of the allowed values',
              },
            ];
            return false;
          }
          var valid0 = _errs2 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.label !== undefined) {
            let data1 = data.label;
            const _errs3 = errors;
            const _errs4 = errors;
            if (errors === _errs4) {
              if (data1 && typeof data1 == 'object' && !Array.isArray(data1)) {
                let missing0;
                if (
                  (data1.en === undefined && (missing0 = 'en')) ||
                  (data1['zh-CN'] === undefined && (missing0 = 'zh-CN'))
                ) {
                  validate22.errors = [
                    {
                      instancePath: instancePath + '/label',
                      schemaPath: '#/$defs/label/required',
                      keyword: 'required',
                      params: { missingProperty: missing0 },
                      message: "must have required property '" + missing0 + "'",
                    },
                  ];
                  return false;
                } else {
                  const _errs6 = errors;
                  for (const key1 in data1) {
                    if (!(key1 === 'en' || key1 === 'zh-CN')) {
                      validate22.errors = [
                        {
                          instancePath: instancePath + '/label',
                          schemaPath: '#/$defs/label/additionalProperties',
                          keyword: 'additionalProperties',
                          params: { additionalProperty: key1 },
                          message: 'must NOT have additional properties',
                        },
                      ];
                      return false;
                      break;
                    }
                  }
                  if (_errs6 === errors) {
                    if (data1.en !== undefined) {
                      const _errs7 = errors;
                      if (typeof data1.en !== 'string') {
                        validate22.errors = [
                          {
                            instancePath: instancePath + '/label/en',
                            schemaPath: '#/$defs/label/properties/en/type',
                            keyword: 'type',
                            params: { type: 'string' },
                            message: 'must be string',
                          },
                        ];
                        return false;
                      }
                      var valid2 = _errs7 === errors;
                    } else {
                      var valid2 = true;
                    }
                    if (valid2) {
                      if (data1['zh-CN'] !== undefined) {
                        const _errs9 = errors;
                        if (typeof data1['zh-CN'] !== 'string') {
                          validate22.errors = [
                            {
                              instancePath: instancePath + '/label/zh-CN',
                              schemaPath: '#/$defs/label/properties/zh-CN/type',
                              keyword: 'type',
                              params: { type: 'string' },
                              message: 'must be string',
                            },
                          ];
                          return false;
                        }
                        var valid2 = _errs9 === errors;
                      } else {
                        var valid2 = true;
                      }
                    }
                  }
                }
              } else {
                validate22.errors = [
                  {
                    instancePath: instancePath + '/label',
                    schemaPath: '#/$defs/label/type',
                    keyword: 'type',
                    params: { type: 'object' },
                    message: 'must be object',
                  },
                ];
                return false;
              }
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.synonyms !== undefined) {
              let data4 = data.synonyms;
              const _errs11 = errors;
              const _errs12 = errors;
              if (errors === _errs12) {
                if (Array.isArray(data4)) {
                  var valid4 = true;
                  const len0 = data4.length;
                  for (let i0 = 0; i0 < len0; i0++) {
                    const _errs14 = errors;
                    if (typeof data4[i0] !== 'string') {
                      validate22.errors = [
                        {
                          instancePath: instancePath + '/synonyms/' + i0,
                          schemaPath: '#/$defs/strings/items/type',
                          keyword: 'type',
                          params: { type: 'string' },
                          message: 'must be string',
                        },
                      ];
                      return false;
                    }
                    var valid4 = _errs14 === errors;
                    if (!valid4) {
                      break;
                    }
                  }
                } else {
                  validate22.errors = [
                    {
                      instancePath: instancePath + '/synonyms',
                      schemaPath: '#/$defs/strings/type',
                      keyword: 'type',
                      params: { type: 'array' },
                      message: 'must be array',
                    },
                  ];
                  return false;
                }
              }
              var valid0 = _errs11 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.unique !== undefined) {
                const _errs16 = errors;
                if (typeof data.unique !== 'boolean') {
                  validate22.errors = [
                    {
                      instancePath: instancePath + '/unique',
                      schemaPath: '#/properties/unique/type',
                      keyword: 'type',
                      params: { type: 'boolean' },
                      message: 'must be boolean',
                    },
                  ];
                  return false;
                }
                var valid0 = _errs16 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.allowMerge !== undefined) {
                  const _errs18 = errors;
                  if (typeof data.allowMerge !== 'boolean') {
                    validate22.errors = [
                      {
                        instancePath: instancePath + '/allowMerge',
                        schemaPath: '#/properties/allowMerge/type',
                        keyword: 'type',
                        params: { type: 'boolean' },
                        message: 'must be boolean',
                      },
                    ];
                    return false;
                  }
                  var valid0 = _errs18 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.custom !== undefined) {
                    const _errs20 = errors;
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
                    var valid0 = _errs20 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.options !== undefined) {
                      let data9 = data.options;
                      const _errs22 = errors;
                      if (errors === _errs22) {
                        if (Array.isArray(data9)) {
                          var valid5 = true;
                          const len1 = data9.length;
                          for (let i1 = 0; i1 < len1; i1++) {
                            const _errs24 = errors;
                            if (
                              !validate23(data9[i1], {
                                instancePath: instancePath + '/options/' + i1,
                                parentData: data9,
                                parentDataProperty: i1,
                                rootData,
                                dynamicAnchors,
                              })
                            ) {
                              vErrors =
                                vErrors === null
                                  ? validate23.errors
                                  : vErrors.concat(validate23.errors);
                              errors = vErrors.length;
                            }
                            var valid5 = _errs24 === errors;
                            if (!valid5) {
                              break;
                            }
                          }
                        } else {
                          validate22.errors = [
                            {
                              instancePath: instancePath + '/options',
                              schemaPath: '#/properties/options/type',
                              keyword: 'type',
                              params: { type: 'array' },
                              message: 'must be array',
                            },
                          ];
                          return false;
                        }
                      }
                      var valid0 = _errs22 === errors;
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
      if (data.type !== undefined) {
        let data0 = data.type;
        const _errs1 = errors;
        if (!(
          data0 === 'string' ||
          data0 === 'number' ||
          data0 === 'integer' ||
          data0 === 'boolean'
        )) {
          validate21.errors = [
            {
              instancePath: instancePath + '/type',
              schemaPath: '#/properties/type/enum',
              keyword: 'enum',
              params: { allowedValues: schema32.properties.type.enum },
              message: 'must be equal to one of the allowed values',
            },
          ];
          return false;
        }
        var valid0 = _errs1 === errors;
      } else {
        var valid0 = true;
      }
      if (valid0) {
        if (data.title !== undefined) {
          const _errs2 = errors;
          if (typeof data.title !== 'string') {
            validate21.errors = [
              {
                instancePath: instancePath + '/title',
                schemaPath: '#/properties/title/type',
                keyword: 'type',
                params: { type: 'string' },
                message: 'must be string',
              },
            ];
            return false;
          }
          var valid0 = _errs2 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.format !== undefined) {
            const _errs4 = errors;
            if (typeof data.format !== 'string') {
              validate21.errors = [
                {
                  instancePath: instancePath + '/format',
                  schemaPath: '#/properties/format/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                },
              ];
              return false;
            }
            var valid0 = _errs4 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.enum !== undefined) {
              let data3 = data.enum;
              const _errs6 = errors;
              if (errors === _errs6) {
                if (Array.isArray(data3)) {
                  var valid1 = true;
                  const len0 = data3.length;
                  for (let i0 = 0; i0 < len0; i0++) {
                    const _errs8 = errors;
                    if (typeof data3[i0] !== 'string') {
                      validate21.errors = [
                        {
                          instancePath: instancePath + '/enum/' + i0,
                          schemaPath: '#/properties/enum/items/type',
                          keyword: 'type',
                          params: { type: 'string' },
                          message: 'must be string',
                        },
                      ];
                      return false;
                    }
                    var valid1 = _errs8 === errors;
                    if (!valid1) {
                      break;
                    }
                  }
                } else {
                  validate21.errors = [
                    {
                      instancePath: instancePath + '/enum',
                      schemaPath: '#/properties/enum/type',
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
            if (valid0) {
              if (data.maxLength !== undefined) {
                let data5 = data.maxLength;
                const _errs10 = errors;
                if (!(
                  typeof data5 == 'number' &&
                  !(data5 % 1) &&
                  !isNaN(data5) &&
                  isFinite(data5)
                )) {
                  validate21.errors = [
                    {
                      instancePath: instancePath + '/maxLength',
                      schemaPath: '#/properties/maxLength/type',
                      keyword: 'type',
                      params: { type: 'integer' },
                      message: 'must be integer',
                    },
                  ];
                  return false;
                }
                if (errors === _errs10) {
                  if (typeof data5 == 'number' && isFinite(data5)) {
                    if (data5 < 1 || isNaN(data5)) {
                      validate21.errors = [
                        {
                          instancePath: instancePath + '/maxLength',
                          schemaPath: '#/properties/maxLength/minimum',
                          keyword: 'minimum',
                          params: { comparison: '>=', limit: 1 },
                          message: 'must be >= 1',
                        },
                      ];
                      return false;
                    }
                  }
                }
                var valid0 = _errs10 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data['x-crm-porter'] !== undefined) {
                  const _errs12 = errors;
                  if (
                    !validate22(data['x-crm-porter'], {
                      instancePath: instancePath + '/x-crm-porter',
                      parentData: data,
                      parentDataProperty: 'x-crm-porter',
                      rootData,
                      dynamicAnchors,
                    })
                  ) {
                    vErrors =
                      vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
                    errors = vErrors.length;
                  }
                  var valid0 = _errs12 === errors;
                } else {
                  var valid0 = true;
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
validate21.evaluated = {
  props: {
    type: true,
    title: true,
    format: true,
    enum: true,
    maxLength: true,
    'x-crm-porter': true,
  },
  dynamicProps: false,
  dynamicItems: false,
};

const schema39 = {
  type: 'object',
  required: ['version'],
  properties: {
    version: { const: 1 },
    key: { type: 'string', pattern: '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$' },
    label: { $ref: '#/$defs/label' },
    order: { $ref: '#/$defs/strings' },
  },
  additionalProperties: false,
};

function validate27(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate27.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (errors === 0) {
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      let missing0;
      if (data.version === undefined && (missing0 = 'version')) {
        validate27.errors = [
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
          if (!(key0 === 'version' || key0 === 'key' || key0 === 'label' || key0 === 'order')) {
            validate27.errors = [
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
          if (data.version !== undefined) {
            const _errs2 = errors;
            if (1 !== data.version) {
              validate27.errors = [
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
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.key !== undefined) {
              let data1 = data.key;
              const _errs3 = errors;
              if (errors === _errs3) {
                if (typeof data1 === 'string') {
                  if (!pattern4.test(data1)) {
                    validate27.errors = [
                      {
                        instancePath: instancePath + '/key',
                        schemaPath: '#/properties/key/pattern',
                        keyword: 'pattern',
                        params: { pattern: '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$' },
                        message:
                          'must match pattern "' + '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$' + '"',
                      },
                    ];
                    return false;
                  }
                } else {
                  validate27.errors = [
                    {
                      instancePath: instancePath + '/key',
                      schemaPath: '#/properties/key/type',
                      keyword: 'type',
                      params: { type: 'string' },
                      message: 'must be string',
                    },
                  ];
                  return false;
                }
              }
              var valid0 = _errs3 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.label !== undefined) {
                let data2 = data.label;
                const _errs5 = errors;
                const _errs6 = errors;
                if (errors === _errs6) {
                  if (data2 && typeof data2 == 'object' && !Array.isArray(data2)) {
                    let missing1;
                    if (
                      (data2.en === undefined && (missing1 = 'en')) ||
                      (data2['zh-CN'] === undefined && (missing1 = 'zh-CN'))
                    ) {
                      validate27.errors = [
                        {
                          instancePath: instancePath + '/label',
                          schemaPath: '#/$defs/label/required',
                          keyword: 'required',
                          params: { missingProperty: missing1 },
                          message: "must have required property '" + missing1 + "'",
                        },
                      ];
                      return false;
                    } else {
                      const _errs8 = errors;
                      for (const key1 in data2) {
                        if (!(key1 === 'en' || key1 === 'zh-CN')) {
                          validate27.errors = [
                            {
                              instancePath: instancePath + '/label',
                              schemaPath: '#/$defs/label/additionalProperties',
                              keyword: 'additionalProperties',
                              params: { additionalProperty: key1 },
                              message: 'must NOT have additional properties',
                            },
                          ];
                          return false;
                          break;
                        }
                      }
                      if (_errs8 === errors) {
                        if (data2.en !== undefined) {
                          const _errs9 = errors;
                          if (typeof data2.en !== 'string') {
                            validate27.errors = [
                              {
                                instancePath: instancePath + '/label/en',
                                schemaPath: '#/$defs/label/properties/en/type',
                                keyword: 'type',
                                params: { type: 'string' },
                                message: 'must be string',
                              },
                            ];
                            return false;
                          }
                          var valid2 = _errs9 === errors;
                        } else {
                          var valid2 = true;
                        }
                        if (valid2) {
                          if (data2['zh-CN'] !== undefined) {
                            const _errs11 = errors;
                            if (typeof data2['zh-CN'] !== 'string') {
                              validate27.errors = [
                                {
                                  instancePath: instancePath + '/label/zh-CN',
                                  schemaPath: '#/$defs/label/properties/zh-CN/type',
                                  keyword: 'type',
                                  params: { type: 'string' },
                                  message: 'must be string',
                                },
                              ];
                              return false;
                            }
                            var valid2 = _errs11 === errors;
                          } else {
                            var valid2 = true;
                          }
                        }
                      }
                    }
                  } else {
                    validate27.errors = [
                      {
                        instancePath: instancePath + '/label',
                        schemaPath: '#/$defs/label/type',
                        keyword: 'type',
                        params: { type: 'object' },
                        message: 'must be object',
                      },
                    ];
                    return false;
                  }
                }
                var valid0 = _errs5 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.order !== undefined) {
                  let data5 = data.order;
                  const _errs13 = errors;
                  const _errs14 = errors;
                  if (errors === _errs14) {
                    if (Array.isArray(data5)) {
                      var valid4 = true;
                      const len0 = data5.length;
                      for (let i0 = 0; i0 < len0; i0++) {
                        const _errs16 = errors;
                        if (typeof data5[i0] !== 'string') {
                          validate27.errors = [
                            {
                              instancePath: instancePath + '/order/' + i0,
                              schemaPath: '#/$defs/strings/items/type',
                              keyword: 'type',
                              params: { type: 'string' },
                              message: 'must be string',
                            },
                          ];
                          return false;
                        }
                        var valid4 = _errs16 === errors;
                        if (!valid4) {
                          break;
                        }
                      }
                    } else {
                      validate27.errors = [
                        {
                          instancePath: instancePath + '/order',
                          schemaPath: '#/$defs/strings/type',
                          keyword: 'type',
                          params: { type: 'array' },
                          message: 'must be array',
                        },
                      ];
                      return false;
                    }
                  }
                  var valid0 = _errs13 === errors;
                } else {
                  var valid0 = true;
                }
              }
            }
          }
        }
      }
    } else {
      validate27.errors = [
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
  validate27.errors = vErrors;
  return errors === 0;
}
validate27.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

function validate20(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://crm-porter.local/meta/crm-object.json" */ let vErrors = null;
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
      if (data.properties === undefined && (missing0 = 'properties')) {
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
        if (data.$schema !== undefined) {
          const _errs1 = errors;
          if (typeof data.$schema !== 'string') {
            validate20.errors = [
              {
                instancePath: instancePath + '/$schema',
                schemaPath: '#/properties/%24schema/type',
                keyword: 'type',
                params: { type: 'string' },
                message: 'must be string',
              },
            ];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.title !== undefined) {
            const _errs3 = errors;
            if (typeof data.title !== 'string') {
              validate20.errors = [
                {
                  instancePath: instancePath + '/title',
                  schemaPath: '#/properties/title/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                },
              ];
              return false;
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.type !== undefined) {
              const _errs5 = errors;
              if ('object' !== data.type) {
                validate20.errors = [
                  {
                    instancePath: instancePath + '/type',
                    schemaPath: '#/properties/type/const',
                    keyword: 'const',
                    params: { allowedValue: 'object' },
                    message: 'must be equal to constant',
                  },
                ];
                return false;
              }
              var valid0 = _errs5 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.required !== undefined) {
                let data3 = data.required;
                const _errs6 = errors;
                if (errors === _errs6) {
                  if (Array.isArray(data3)) {
                    var valid1 = true;
                    const len0 = data3.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                      const _errs8 = errors;
                      if (typeof data3[i0] !== 'string') {
                        validate20.errors = [
                          {
                            instancePath: instancePath + '/required/' + i0,
                            schemaPath: '#/properties/required/items/type',
                            keyword: 'type',
                            params: { type: 'string' },
                            message: 'must be string',
                          },
                        ];
                        return false;
                      }
                      var valid1 = _errs8 === errors;
                      if (!valid1) {
                        break;
                      }
                    }
                  } else {
                    validate20.errors = [
                      {
                        instancePath: instancePath + '/required',
                        schemaPath: '#/properties/required/type',
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
              if (valid0) {
                if (data.properties !== undefined) {
                  let data5 = data.properties;
                  const _errs10 = errors;
                  if (errors === _errs10) {
                    if (data5 && typeof data5 == 'object' && !Array.isArray(data5)) {
                      for (const key0 in data5) {
                        const _errs12 = errors;
                        const _errs13 = errors;
                        const _errs14 = errors;
                        if (!(
                          key0 === '__proto__' ||
                          key0 === 'constructor' ||
                          key0 === 'prototype'
                        )) {
                          const err0 = {};
                          if (vErrors === null) {
                            vErrors = [err0];
                          } else {
                            vErrors.push(err0);
                          }
                          errors++;
                        }
                        var valid3 = _errs14 === errors;
                        if (valid3) {
                          const err1 = {
                            instancePath: instancePath + '/properties',
                            schemaPath: '#/properties/properties/propertyNames/not',
                            keyword: 'not',
                            params: {},
                            message: 'must NOT be valid',
                            propertyName: key0,
                          };
                          if (vErrors === null) {
                            vErrors = [err1];
                          } else {
                            vErrors.push(err1);
                          }
                          errors++;
                        } else {
                          errors = _errs13;
                          if (vErrors !== null) {
                            if (_errs13) {
                              vErrors.length = _errs13;
                            } else {
                              vErrors = null;
                            }
                          }
                        }
                        if (errors === _errs12) {
                          if (typeof key0 === 'string') {
                            if (!pattern4.test(key0)) {
                              const err2 = {
                                instancePath: instancePath + '/properties',
                                schemaPath: '#/properties/properties/propertyNames/pattern',
                                keyword: 'pattern',
                                params: { pattern: '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$' },
                                message:
                                  'must match pattern "' +
                                  '^[\\p{L}\\p{N}_][\\p{L}\\p{N}_-]{0,99}$' +
                                  '"',
                                propertyName: key0,
                              };
                              if (vErrors === null) {
                                vErrors = [err2];
                              } else {
                                vErrors.push(err2);
                              }
                              errors++;
                            }
                          }
                        }
                        var valid2 = _errs12 === errors;
                        if (!valid2) {
                          const err3 = {
                            instancePath: instancePath + '/properties',
                            schemaPath: '#/properties/properties/propertyNames',
                            keyword: 'propertyNames',
                            params: { propertyName: key0 },
                            message: 'property name must be valid',
                          };
                          if (vErrors === null) {
                            vErrors = [err3];
                          } else {
                            vErrors.push(err3);
                          }
                          errors++;
                          validate20.errors = vErrors;
                          return false;
                          break;
                        }
                      }
                      if (valid2) {
                        for (const key1 in data5) {
                          const _errs16 = errors;
                          if (
                            !validate21(data5[key1], {
                              instancePath:
                                instancePath +
                                '/properties/' +
                                key1.replace(/~/g, '~0').replace(/\//g, '~1'),
                              parentData: data5,
                              parentDataProperty: key1,
                              rootData,
                              dynamicAnchors,
                            })
                          ) {
                            vErrors =
                              vErrors === null
                                ? validate21.errors
                                : vErrors.concat(validate21.errors);
                            errors = vErrors.length;
                          }
                          var valid4 = _errs16 === errors;
                          if (!valid4) {
                            break;
                          }
                        }
                      }
                    } else {
                      validate20.errors = [
                        {
                          instancePath: instancePath + '/properties',
                          schemaPath: '#/properties/properties/type',
                          keyword: 'type',
                          params: { type: 'object' },
                          message: 'must be object',
                        },
                      ];
                      return false;
                    }
                  }
                  var valid0 = _errs10 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data['x-crm-porter'] !== undefined) {
                    const _errs17 = errors;
                    if (
                      !validate27(data['x-crm-porter'], {
                        instancePath: instancePath + '/x-crm-porter',
                        parentData: data,
                        parentDataProperty: 'x-crm-porter',
                        rootData,
                        dynamicAnchors,
                      })
                    ) {
                      vErrors =
                        vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
                      errors = vErrors.length;
                    }
                    var valid0 = _errs17 === errors;
                  } else {
                    var valid0 = true;
                  }
                }
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
validate20.evaluated = {
  props: {
    $schema: true,
    title: true,
    type: true,
    required: true,
    properties: true,
    'x-crm-porter': true,
  },
  dynamicProps: false,
  dynamicItems: false,
};
