import { COMPANY_OBJECT } from './company-object';
import { CONTACT_OBJECT } from './contact-object';
import { DEAL_OBJECT } from './deal-object';
import type { CrmObject, FieldDef } from './schema-types';

/** The objects a user can import into before adding any of their own. */
export const BUILTIN_OBJECTS: readonly CrmObject[] = [CONTACT_OBJECT, COMPANY_OBJECT, DEAL_OBJECT];

/**
 * The built-in object with this key, or `undefined`.
 *
 * @example
 * findBuiltinObject('deal')?.label.en; // 'Deal'
 */
export function findBuiltinObject(key: string): CrmObject | undefined {
  return BUILTIN_OBJECTS.find((o) => o.key === key);
}

/**
 * The field with this key in an object, or `undefined`.
 *
 * @example
 * findField(CONTACT_OBJECT, 'email')?.unique; // true
 */
export function findField(object: CrmObject, key: string): FieldDef | undefined {
  return object.fields.find((f) => f.key === key);
}
