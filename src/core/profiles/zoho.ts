import type { CrmProfile } from './profile-types';

/**
 * Zoho CRM (Bulk Write / import): field API names as headers; `Id` names an existing record;
 * a lookup by ID is `<field>.id` (`Account_Name.id`); at most 25,000 records per CSV file;
 * every column given is written on update. Imports do not delete.
 */
export const ZOHO: CrmProfile = {
  id: 'zoho',
  name: 'Zoho CRM',
  docs: ['https://www.zoho.com/crm/developer/docs/api/bulk-write/limitations.html'],
  bom: false,
  idColumn: 'Id',
  idOnInsert: false,
  deletes: false,
  updates: 'all',
  clearValue: null,
  upsert: undefined,
  maxRowsPerFile: 25_000,
  objects: {
    contact: {
      name: 'Contacts',
      columns: {
        external_id: null,
        first_name: 'First_Name',
        last_name: 'Last_Name',
        full_name: null,
        email: 'Email',
        phone: 'Phone',
        mobile: 'Mobile',
        title: 'Title',
        company: 'Account_Name.Account_Name',
        account_id: 'Account_Name.id',
        street: 'Mailing_Street',
        city: 'Mailing_City',
        region: 'Mailing_State',
        postal_code: 'Mailing_Zip',
        country: 'Mailing_Country',
        owner: null,
        owner_id: 'Owner.id',
        lifecycle_stage: null,
        lead_source: 'Lead_Source',
        created_at: null,
        notes: 'Description',
      },
    },
    company: {
      name: 'Accounts',
      columns: {
        external_id: null,
        name: 'Account_Name',
        domain: 'Website',
        industry: 'Industry',
        employees: 'Employees',
        annual_revenue: 'Annual_Revenue',
        phone: 'Phone',
        street: 'Billing_Street',
        city: 'Billing_City',
        country: 'Billing_Country',
        owner: null,
        owner_id: 'Owner.id',
      },
    },
    deal: {
      name: 'Deals',
      columns: {
        external_id: null,
        name: 'Deal_Name',
        amount: 'Amount',
        currency: 'Currency',
        stage: 'Stage',
        close_date: 'Closing_Date',
        company: 'Account_Name.Account_Name',
        account_id: 'Account_Name.id',
        contact: 'Contact_Name.Full_Name',
        owner: null,
        owner_id: 'Owner.id',
      },
    },
  },
};
