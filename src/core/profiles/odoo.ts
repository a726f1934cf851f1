import type { CrmProfile } from './profile-types';

/**
 * Odoo import: technical field names; the `id` column is the record's external ID (an import
 * creates the record if the ID is new and updates it if not, so inserts and updates can share a
 * file); a relation by external ID is `<field>/id` (`parent_id/id`); every column given is set.
 * Contacts and companies are both `res.partner`; deals are `crm.lead`. Imports do not delete.
 */
export const ODOO: CrmProfile = {
  id: 'odoo',
  name: 'Odoo',
  docs: ['https://www.odoo.com/documentation/17.0/applications/essentials/export_import_data.html'],
  bom: false,
  idColumn: 'id',
  idOnInsert: true,
  deletes: false,
  updates: 'all',
  clearValue: null,
  upsert: undefined,
  maxRowsPerFile: 1_000_000,
  objects: {
    contact: {
      name: 'res.partner',
      columns: {
        external_id: null,
        first_name: null,
        last_name: null,
        full_name: 'name',
        email: 'email',
        phone: 'phone',
        mobile: 'mobile',
        title: 'function',
        company: 'parent_id',
        account_id: 'parent_id/id',
        street: 'street',
        city: 'city',
        region: 'state_id',
        postal_code: 'zip',
        country: 'country_id',
        owner: 'user_id',
        owner_id: 'user_id/id',
        lifecycle_stage: null,
        lead_source: null,
        created_at: null,
        notes: 'comment',
      },
    },
    company: {
      name: 'res.partner',
      columns: {
        external_id: null,
        name: 'name',
        domain: 'website',
        industry: 'industry_id',
        employees: null,
        annual_revenue: null,
        phone: 'phone',
        street: 'street',
        city: 'city',
        country: 'country_id',
        owner: 'user_id',
        owner_id: 'user_id/id',
      },
    },
    deal: {
      name: 'crm.lead',
      columns: {
        external_id: null,
        name: 'name',
        amount: 'expected_revenue',
        currency: null,
        stage: 'stage_id',
        close_date: 'date_deadline',
        company: 'partner_id',
        account_id: 'partner_id/id',
        contact: null,
        owner: 'user_id',
        owner_id: 'user_id/id',
      },
    },
  },
};
