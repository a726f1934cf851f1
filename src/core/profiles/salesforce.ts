import type { CrmProfile } from './profile-types';

/**
 * Salesforce, Data Loader and Bulk API 2.0: API field names; one CSV per operation; `Id` names
 * the record on update and delete; an empty cell is ignored on update and `#N/A` sets the field
 * to null; comma-delimited UTF-8. Upsert goes by an external ID field (a custom field marked
 * External ID, `External_Id__c` by default). Lookups: `AccountId`, `OwnerId`.
 */
export const SALESFORCE: CrmProfile = {
  id: 'salesforce',
  name: 'Salesforce (Data Loader / Bulk API 2.0)',
  docs: [
    'https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_csv_valid_record_rows.htm',
    'https://developer.salesforce.com/docs/atlas.en-us.dataLoader.meta/dataLoader/loader_using_bulk_api.htm',
  ],
  bom: false,
  idColumn: 'Id',
  idOnInsert: false,
  deletes: true,
  updates: 'changed',
  clearValue: '#N/A',
  upsert: { defaultField: 'External_Id__c' },
  // Bulk API 2.0 takes up to 150 MB per upload; Data Loader splits batches itself.
  maxRowsPerFile: 1_000_000,
  objects: {
    contact: {
      name: 'Contact',
      columns: {
        external_id: null,
        first_name: 'FirstName',
        last_name: 'LastName',
        full_name: null,
        email: 'Email',
        phone: 'Phone',
        mobile: 'MobilePhone',
        title: 'Title',
        company: null,
        account_id: 'AccountId',
        street: 'MailingStreet',
        city: 'MailingCity',
        region: 'MailingState',
        postal_code: 'MailingPostalCode',
        country: 'MailingCountry',
        owner: null,
        owner_id: 'OwnerId',
        lifecycle_stage: null,
        lead_source: 'LeadSource',
        created_at: null,
        notes: 'Description',
      },
    },
    company: {
      name: 'Account',
      columns: {
        external_id: null,
        name: 'Name',
        domain: 'Website',
        industry: 'Industry',
        employees: 'NumberOfEmployees',
        annual_revenue: 'AnnualRevenue',
        phone: 'Phone',
        street: 'BillingStreet',
        city: 'BillingCity',
        country: 'BillingCountry',
        owner: null,
        owner_id: 'OwnerId',
      },
    },
    deal: {
      name: 'Opportunity',
      columns: {
        external_id: null,
        name: 'Name',
        amount: 'Amount',
        currency: 'CurrencyIsoCode',
        stage: 'StageName',
        close_date: 'CloseDate',
        company: null,
        account_id: 'AccountId',
        contact: null,
        owner: null,
        owner_id: 'OwnerId',
      },
    },
  },
};
