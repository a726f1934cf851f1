import type { CrmProfile } from './profile-types';

/**
 * HubSpot imports: property internal names as column headers; one object per file; `Record ID`
 * names an existing record (contacts are also matched by `email`); empty cells do not
 * overwrite; imports never delete. Owners by `hubspot_owner_id`.
 */
export const HUBSPOT: CrmProfile = {
  id: 'hubspot',
  name: 'HubSpot',
  docs: ['https://developers.hubspot.com/docs/api/crm/imports'],
  bom: false,
  idColumn: 'Record ID',
  idOnInsert: false,
  deletes: false,
  updates: 'changed',
  clearValue: null,
  upsert: undefined,
  // HubSpot takes at most 1,048,576 rows per import file.
  maxRowsPerFile: 1_048_575,
  objects: {
    contact: {
      name: 'contacts',
      columns: {
        external_id: null,
        first_name: 'firstname',
        last_name: 'lastname',
        full_name: null,
        email: 'email',
        phone: 'phone',
        mobile: 'mobilephone',
        title: 'jobtitle',
        company: 'company',
        account_id: 'associatedcompanyid',
        street: 'address',
        city: 'city',
        region: 'state',
        postal_code: 'zip',
        country: 'country',
        owner: 'hubspot_owner_id',
        owner_id: 'hubspot_owner_id',
        lifecycle_stage: 'lifecyclestage',
        lead_source: null,
        created_at: 'createdate',
        notes: null,
      },
    },
    company: {
      name: 'companies',
      columns: {
        external_id: null,
        name: 'name',
        domain: 'domain',
        industry: 'industry',
        employees: 'numberofemployees',
        annual_revenue: 'annualrevenue',
        phone: 'phone',
        street: 'address',
        city: 'city',
        country: 'country',
        owner: 'hubspot_owner_id',
        owner_id: 'hubspot_owner_id',
      },
    },
    deal: {
      name: 'deals',
      columns: {
        external_id: null,
        name: 'dealname',
        amount: 'amount',
        currency: 'deal_currency_code',
        stage: 'dealstage',
        close_date: 'closedate',
        company: null,
        account_id: null,
        contact: null,
        owner: 'hubspot_owner_id',
        owner_id: 'hubspot_owner_id',
      },
    },
  },
};
