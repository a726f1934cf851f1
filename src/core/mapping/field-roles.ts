/**
 * The few places where a built-in field's key, not its type, changes what the app does. They
 * live here, in one table, so a new CRM object with a `first_name` or `mobile` field gets the
 * same behaviour without touching the mapping code, and the rules can be read in one place.
 */

/** What a field is, beyond its type, for suggestions and default transforms. */
export type FieldRole =
  /** A given name: split from a full-name column when needed. */
  | 'first-name'
  /** A family name: split from a full-name column when needed. */
  | 'last-name'
  /** A whole personal name: a column of Chinese names is evidence for it. */
  | 'full-name'
  /** A mobile number: mobile-shaped values are stronger evidence than other phones. */
  | 'mobile'
  /** Text whose values may be digits only (postal codes): digits do not argue against it. */
  | 'digit-text';

const ROLES: Readonly<Record<string, FieldRole>> = {
  first_name: 'first-name',
  last_name: 'last-name',
  full_name: 'full-name',
  mobile: 'mobile',
  postal_code: 'digit-text',
};

/**
 * The role of a field key, if it has one.
 *
 * @example
 * fieldRole('first_name'); // 'first-name'
 * fieldRole('city'); // undefined
 */
export function fieldRole(key: string): FieldRole | undefined {
  return Object.hasOwn(ROLES, key) ? ROLES[key] : undefined;
}

/** `'first'` or `'last'` for the two halves of a split name, else `undefined`. */
export function namePart(key: string): 'first' | 'last' | undefined {
  const role = fieldRole(key);
  return role === 'first-name' ? 'first' : role === 'last-name' ? 'last' : undefined;
}
