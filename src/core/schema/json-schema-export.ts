import { EXTENSION } from './schema-meta';
import type {
  CrmObject,
  FieldDef,
  FieldType,
  LocalizedLabel,
  PicklistOption,
} from './schema-types';

/** A field as a JSON Schema property, with our extension beside the standard keywords. */
export interface JsonSchemaField {
  readonly title: string;
  readonly type: 'string' | 'number' | 'boolean';
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly maxLength?: number;
  readonly [EXTENSION]: {
    readonly type: FieldType;
    readonly label: LocalizedLabel;
    readonly synonyms: readonly string[];
    readonly unique?: true;
    readonly allowMerge?: true;
    readonly custom?: true;
    readonly options?: readonly PicklistOption[];
  };
}

/** A CRM object as a JSON Schema (draft 2020-12) document. */
export interface CrmJsonSchema {
  readonly $schema: 'https://json-schema.org/draft/2020-12/schema';
  readonly title: string;
  readonly type: 'object';
  readonly properties: Readonly<Record<string, JsonSchemaField>>;
  readonly required?: readonly string[];
  readonly [EXTENSION]: {
    readonly version: 1;
    readonly key: string;
    readonly label: LocalizedLabel;
    /** Field keys in schema order: JSON objects put integer-like keys first, whatever the text. */
    readonly order: readonly string[];
  };
}

/** JSON type and format per field type. Currency amounts are numbers, as exports write them. */
const JSON_TYPES: Readonly<Record<FieldType, { type: JsonSchemaField['type']; format?: string }>> =
  {
    text: { type: 'string' },
    email: { type: 'string', format: 'email' },
    phone: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    number: { type: 'number' },
    currency: { type: 'number' },
    date: { type: 'string', format: 'date' },
    datetime: { type: 'string', format: 'date-time' },
    boolean: { type: 'boolean' },
    picklist: { type: 'string' },
    id: { type: 'string' },
  };

/**
 * The object as a JSON Schema a team can share: standard keywords (`type`, `format`, `enum`,
 * `maxLength`, `required`) for other tools, and an `x-crm-porter` extension with labels,
 * synonyms and flags, so {@link importJsonSchema} gives back exactly the same object.
 *
 * @example
 * const schema = exportJsonSchema(CONTACT_OBJECT);
 * schema.properties.email?.format; // 'email'
 */
export function exportJsonSchema(object: CrmObject): CrmJsonSchema {
  const required = object.fields.filter((f) => f.required === true).map((f) => f.key);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: object.label.en,
    type: 'object',
    // fromEntries defines own properties, so a key can never reach Object.prototype.
    properties: Object.fromEntries(object.fields.map((f) => [f.key, exportField(f)])),
    ...(required.length > 0 ? { required } : {}),
    [EXTENSION]: {
      version: 1,
      key: object.key,
      label: object.label,
      order: object.fields.map((f) => f.key),
    },
  };
}

function exportField(field: FieldDef): JsonSchemaField {
  const { type, format } = JSON_TYPES[field.type];
  const values = field.options?.map((o) => o.value);
  return {
    title: field.label.en,
    type,
    ...(format === undefined ? {} : { format }),
    ...(field.type === 'picklist' && values !== undefined && values.length > 0
      ? { enum: values }
      : {}),
    ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }),
    [EXTENSION]: {
      type: field.type,
      label: field.label,
      synonyms: field.synonyms,
      ...(field.unique === true ? { unique: true } : {}),
      ...(field.allowMerge === true ? { allowMerge: true } : {}),
      ...(field.custom === true ? { custom: true } : {}),
      ...(field.options === undefined ? {} : { options: field.options }),
    },
  };
}
