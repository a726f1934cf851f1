import type { CrmProfile } from './profile-types';

/**
 * Pipedrive spreadsheet import: field names as the import screen shows them; an existing item
 * is updated by its Pipedrive system `ID`; empty cells leave a field as it is; imports do not
 * delete; at most 50,000 rows per spreadsheet.
 */
export const PIPEDRIVE: CrmProfile = {
  id: 'pipedrive',
  name: 'Pipedrive',
  docs: [
    'https://support.pipedrive.com/hc/pt-br/articles/208039595-How-can-I-import-data-into-Pipedrive-with-spreadsheets-',
  ],
  bom: false,
  idColumn: 'ID',
  idOnInsert: false,
  deletes: false,
  updates: 'changed',
  clearValue: null,
  upsert: undefined,
  maxRowsPerFile: 50_000,
  objects: {
    contact: {
      name: 'Person',
      columns: {
        external_id: null,
        first_name: 'First name',
        last_name: 'Last name',
        full_name: 'Name',
        email: 'Email',
        phone: 'Phone',
        mobile: null,
        title: null,
        company: 'Organization',
        account_id: 'Organization ID',
        street: null,
        city: null,
        region: null,
        postal_code: null,
        country: null,
        owner: 'Owner',
        owner_id: 'Owner',
        lifecycle_stage: 'Label',
        lead_source: null,
        created_at: null,
        notes: 'Note',
      },
    },
    company: {
      name: 'Organization',
      columns: {
        external_id: null,
        name: 'Name',
        domain: null,
        industry: null,
        employees: null,
        annual_revenue: null,
        phone: null,
        street: 'Address',
        city: null,
        country: null,
        owner: 'Owner',
        owner_id: 'Owner',
      },
    },
    deal: {
      name: 'Deal',
      columns: {
        external_id: null,
        name: 'Title',
        amount: 'Value',
        currency: 'Currency',
        stage: 'Stage',
        close_date: 'Expected close date',
        company: 'Organization',
        account_id: 'Organization ID',
        contact: 'Person',
        owner: 'Owner',
        owner_id: 'Owner',
      },
    },
  },
};
