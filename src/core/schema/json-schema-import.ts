import { PorterError } from '../model/porter-error';
import { safeFieldKey } from './custom-field';
import { validateCrmSchema } from './crm-schema-validator.generated';
import { describeAjvProblem, jsonPath, type AjvProblem } from './json-path';
import { EXTENSION } from './schema-meta';
import type {
  CrmObject,
  FieldDef,
  FieldType,
  LocalizedLabel,
  PicklistOption,
} from './schema-types';
import { sameLabel } from './schema-types';

/** The shape the meta-schema guarantees once validation has passed. */
interface ImportedField {
  readonly type?: 'string' | 'number' | 'integer' | 'boolean';
  readonly title?: string;
  readonly format?: string;
  readonly enum?: readonly string[];
  readonly maxLength?: number;
  readonly [EXTENSION]?: {
    readonly type?: FieldType;
    readonly label?: LocalizedLabel;
    readonly synonyms?: readonly string[];
    readonly unique?: boolean;
    readonly allowMerge?: boolean;
    readonly custom?: boolean;
    readonly options?: readonly PicklistOption[];
  };
}

interface ImportedSchema {
  readonly title?: string;
  readonly required?: readonly string[];
  readonly properties: Readonly<Record<string, ImportedField>>;
  readonly [EXTENSION]?: {
    readonly key?: string;
    readonly label?: LocalizedLabel;
    readonly order?: readonly string[];
  };
}

type Validator = ((data: unknown) => boolean) & { errors?: readonly AjvProblem[] | null };

/**
 * Reads a CRM object from a JSON Schema: one written by {@link exportJsonSchema} (exactly
 * restored), or a plain hand-written object schema (types inferred from `type`, `format` and
 * `enum`; labels from `title`). Throws `PorterError('schema-invalid', { path, reason })` naming
 * the JSON path of the first problem.
 *
 * @example
 * importJsonSchema(exportJsonSchema(CONTACT_OBJECT)); // deep-equals CONTACT_OBJECT
 * importJsonSchema({ properties: { email: { type: 1 } } });
 * // throws PorterError schema-invalid { path: '$.properties.email.type', reason: 'enum: …' }
 */
export function importJsonSchema(json: unknown): CrmObject {
  const validate = validateCrmSchema as Validator;
  if (!validate(json)) {
    const first = validate.errors?.[0];
    throw invalid(
      first === undefined ? { path: '$', reason: 'invalid' } : describeAjvProblem(first),
    );
  }
  const schema = json as ImportedSchema;
  const ext = schema[EXTENSION];
  const keys = fieldOrder(schema);
  const required = new Set(schema.required ?? []);
  (schema.required ?? []).forEach((name, i) => {
    if (!Object.hasOwn(schema.properties, name)) {
      throw invalid({ path: jsonPath(['required', i]), reason: `unknown field "${name}"` });
    }
  });
  const fields = keys.map((key) =>
    importField(key, schema.properties[key] as ImportedField, required.has(key)),
  );
  const title = schema.title ?? 'Custom object';
  return {
    key: ext?.key ?? safeFieldKey(title),
    label: ext?.label ?? sameLabel(title),
    fields,
  };
}

function fieldOrder(schema: ImportedSchema): string[] {
  const keys = Object.keys(schema.properties);
  const order = schema[EXTENSION]?.order;
  if (order === undefined) return keys;
  const known = new Set(keys);
  const listed = new Set(order);
  if (
    listed.size !== order.length ||
    order.some((k) => !known.has(k)) ||
    listed.size !== known.size
  ) {
    throw invalid({
      path: jsonPath([EXTENSION, 'order']),
      reason: 'must list every property exactly once',
    });
  }
  return [...order];
}

function importField(key: string, json: ImportedField, required: boolean): FieldDef {
  const ext = json[EXTENSION] ?? {};
  const type = ext.type ?? inferType(json);
  const field: { -readonly [K in keyof FieldDef]: FieldDef[K] } = {
    key,
    label: ext.label ?? sameLabel(json.title ?? key),
    type,
    synonyms: ext.synonyms ?? [],
  };
  if (required) field.required = true;
  if (ext.unique === true) field.unique = true;
  if (json.maxLength !== undefined) field.maxLength = json.maxLength;
  const options = ext.options ?? json.enum?.map((v) => ({ value: v, label: sameLabel(v) }));
  if (type === 'picklist') field.options = checkOptions(key, options ?? [], json.enum);
  else if (ext.options !== undefined) {
    throw invalid({
      path: jsonPath(['properties', key, EXTENSION, 'options']),
      reason: 'only picklist fields have options',
    });
  }
  if (ext.allowMerge === true) field.allowMerge = true;
  if (ext.custom === true) field.custom = true;
  return field;
}

function checkOptions(
  key: string,
  options: readonly PicklistOption[],
  enumValues: readonly string[] | undefined,
): readonly PicklistOption[] {
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o.value)) {
      throw invalid({
        path: jsonPath(['properties', key, EXTENSION, 'options', i, 'value']),
        reason: `duplicate option "${o.value}"`,
      });
    }
    seen.add(o.value);
  });
  if (enumValues !== undefined) {
    const mismatch =
      enumValues.length !== options.length || enumValues.some((v, i) => v !== options[i]?.value);
    if (mismatch) {
      throw invalid({
        path: jsonPath(['properties', key, 'enum']),
        reason: 'must list the option values in order',
      });
    }
  }
  return options;
}

/** A plain JSON Schema property's closest field type. */
function inferType(json: ImportedField): FieldType {
  if (json.enum !== undefined) return 'picklist';
  if (json.type === 'number' || json.type === 'integer') return 'number';
  if (json.type === 'boolean') return 'boolean';
  switch (json.format) {
    case 'email':
    case 'idn-email':
      return 'email';
    case 'uri':
    case 'iri':
      return 'url';
    case 'date':
      return 'date';
    case 'date-time':
      return 'datetime';
    default:
      return 'text';
  }
}

function invalid(details: { path: string; reason: string }): PorterError {
  return new PorterError('schema-invalid', details);
}
