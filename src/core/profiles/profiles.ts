import { DYNAMICS } from './dynamics';
import { HUBSPOT } from './hubspot';
import { ODOO } from './odoo';
import { PIPEDRIVE } from './pipedrive';
import type { CrmProfile, ProfileId } from './profile-types';
import { SALESFORCE } from './salesforce';
import { ZOHO } from './zoho';

/** Every CRM import profile, in the order the Export step lists them. */
export const PROFILES: readonly CrmProfile[] = [
  SALESFORCE,
  HUBSPOT,
  DYNAMICS,
  ZOHO,
  PIPEDRIVE,
  ODOO,
];

export function profileById(id: ProfileId): CrmProfile {
  const profile = PROFILES.find((p) => p.id === id);
  if (profile === undefined) throw new RangeError(`unknown profile ${id}`);
  return profile;
}
