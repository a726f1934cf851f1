import type { CrmProfile } from './profile-types';

/**
 * Dynamics 365 (Dataverse) import wizard: UTF-8 with a byte order mark; column headers are the
 * columns' display names, which the wizard maps automatically; an existing row is named by the
 * hidden `(Do Not Modify) <Table>` ID column of an exported template, and every column given is
 * set (empty included). The import wizard does not delete.
 */
export const DYNAMICS: CrmProfile = {
  id: 'dynamics',
  name: 'Dynamics 365',
  docs: ['https://learn.microsoft.com/en-us/power-apps/user/import-data'],
  bom: true,
  idColumn: '(Do Not Modify) Contact',
  idOnInsert: false,
  deletes: false,
  updates: 'all',
  clearValue: null,
  upsert: undefined,
  maxRowsPerFile: 1_000_000,
  objects: {
    contact: {
      name: 'Contact',
      idColumn: '(Do Not Modify) Contact',
      columns: {
        external_id: null,
        first_name: 'First Name',
        last_name: 'Last Name',
        full_name: null,
        email: 'Email',
        phone: 'Business Phone',
        mobile: 'Mobile Phone',
        title: 'Job Title',
        company: 'Company Name',
        account_id: null,
        street: 'Address 1: Street 1',
        city: 'Address 1: City',
        region: 'Address 1: State/Province',
        postal_code: 'Address 1: ZIP/Postal Code',
        country: 'Address 1: Country/Region',
        owner: 'Owner',
        owner_id: null,
        lifecycle_stage: null,
        lead_source: 'Lead Source',
        created_at: null,
        notes: 'Description',
      },
    },
    company: {
      name: 'Account',
      idColumn: '(Do Not Modify) Account',
      columns: {
        external_id: null,
        name: 'Account Name',
        domain: 'Website',
        industry: 'Industry',
        employees: 'Number of Employees',
        annual_revenue: 'Annual Revenue',
        phone: 'Main Phone',
        street: 'Address 1: Street 1',
        city: 'Address 1: City',
        country: 'Address 1: Country/Region',
        owner: 'Owner',
        owner_id: null,
      },
    },
    deal: {
      name: 'Opportunity',
      idColumn: '(Do Not Modify) Opportunity',
      columns: {
        external_id: null,
        name: 'Topic',
        amount: 'Est. Revenue',
        currency: 'Currency',
        stage: 'Pipeline Phase',
        close_date: 'Est. Close Date',
        company: 'Potential Customer',
        account_id: null,
        contact: null,
        owner: 'Owner',
        owner_id: null,
      },
    },
  },
};
